// Browser differences, each in one small named helper.

import { chromiumTraits, firefoxTraits, type BrowserTraits } from '../src/tracker/browser-traits';

/** Chromium's webRequest knows 'extraHeaders' (and needs it); Firefox's throws on it. */
function hasExtraHeaders(): boolean {
  const options = (
    globalThis.chrome?.webRequest as { OnSendHeadersOptions?: Record<string, string> } | undefined
  )?.OnSendHeadersOptions;
  return Boolean(options && 'EXTRA_HEADERS' in options);
}

/** Chromium hides preflights and `Origin` unless a listener asks for 'extraHeaders'; Firefox throws on it. */
export function withExtraHeaders<T extends string>(spec: T[]): (T | 'extraHeaders')[] {
  return hasExtraHeaders() ? [...spec, 'extraHeaders'] : spec;
}

/** How this browser's webRequest orders and reports events (src/tracker/browser-traits.ts). */
export function browserTraits(): BrowserTraits {
  return hasExtraHeaders() ? chromiumTraits : firefoxTraits;
}

/** Name and version of the running browser, for reports. */
export function browserInfo(): { name: string; version: string } {
  const agent = globalThis.navigator?.userAgent ?? '';
  const firefox = /Firefox\/([\d.]+)/.exec(agent);
  if (firefox) return { name: 'Firefox', version: firefox[1] ?? '' };
  const chrome = /Chrom(?:e|ium)\/([\d.]+)/.exec(agent);
  return { name: 'Chromium', version: chrome?.[1] ?? '' };
}
