// Browser differences, each in one small named helper.

/** Chromium hides preflights and `Origin` unless a listener asks for 'extraHeaders'; Firefox throws on it. */
export function withExtraHeaders<T extends string>(spec: T[]): (T | 'extraHeaders')[] {
  const options = (
    globalThis.chrome?.webRequest as { OnSendHeadersOptions?: Record<string, string> } | undefined
  )?.OnSendHeadersOptions;
  return options && 'EXTRA_HEADERS' in options ? [...spec, 'extraHeaders'] : spec;
}

/** Name and version of the running browser, for reports. */
export function browserInfo(): { name: string; version: string } {
  const agent = globalThis.navigator?.userAgent ?? '';
  const firefox = /Firefox\/([\d.]+)/.exec(agent);
  if (firefox) return { name: 'Firefox', version: firefox[1] ?? '' };
  const chrome = /Chrom(?:e|ium)\/([\d.]+)/.exec(agent);
  return { name: 'Chromium', version: chrome?.[1] ?? '' };
}
