// Exchanges rebuilt from a HAR that Chrome DevTools exported ("Save all as HAR"): one entry
// per hop and per preflight. Preflights are entries with `_resourceType: "preflight"` (or
// `_initiator.type: "preflight"`); they carry no link to their request but the URL, so each
// is paired with the nearest-in-time entry for the same URL whose method it asked for. A
// redirect chain is the entries linked by `response.redirectURL`.

import type { Exchange, Header, InitiatorKind, ObservedPreflight } from '../exchange/types';
import { getHeader } from '../http/header-list';
import { originOf, parseUrl } from '../http/origin';
import { resolveLocation } from '../analyzer/rules/redirect';

export class HarInputError extends Error {}

export interface HarExchange {
  id: string;
  type: string;
  startedAt: number;
  exchange: Exchange;
}

export interface HarContents {
  pageUrl: string | null;
  browser: { name: string; version: string } | null;
  exchanges: HarExchange[];
}

interface Entry {
  index: number;
  started: number;
  resourceType: string;
  preflight: boolean;
  method: string;
  url: string;
  requestHeaders: Header[];
  status: number;
  responseHeaders: Header[];
  redirectURL: string;
  error: string | null;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(path: string, problem: string): never {
  throw new HarInputError(`${path}: ${problem}`);
}

function readHeaders(value: unknown, path: string): Header[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(path, 'not an array of { name, value }');
  return value.map((header: unknown, i) => {
    if (!isObject(header) || typeof header.name !== 'string' || typeof header.value !== 'string')
      fail(`${path}[${i}]`, 'not a { name, value } pair of strings');
    return { name: header.name, value: header.value };
  });
}

function readEntry(value: unknown, index: number): Entry {
  const path = `log.entries[${index}]`;
  if (!isObject(value)) fail(path, 'not an object');
  const { request, response } = value;
  if (!isObject(request)) fail(`${path}.request`, 'missing');
  if (typeof request.method !== 'string' || request.method === '')
    fail(`${path}.request.method`, 'not a string');
  if (typeof request.url !== 'string' || parseUrl(request.url) === null)
    fail(`${path}.request.url`, 'not an absolute URL');
  const res = isObject(response) ? response : {};
  const status = typeof res.status === 'number' && Number.isFinite(res.status) ? res.status : 0;
  const started = Date.parse(
    typeof value.startedDateTime === 'string' ? value.startedDateTime : '',
  );
  const initiator = isObject(value._initiator) ? value._initiator : {};
  const resourceType = typeof value._resourceType === 'string' ? value._resourceType : '';
  return {
    index,
    started: Number.isFinite(started) ? started : index,
    resourceType,
    preflight: resourceType === 'preflight' || initiator.type === 'preflight',
    method: request.method.toUpperCase() === 'OPTIONS' ? 'OPTIONS' : request.method,
    url: request.url,
    requestHeaders: readHeaders(request.headers, `${path}.request.headers`),
    status,
    responseHeaders: readHeaders(res.headers, `${path}.response.headers`),
    redirectURL: typeof res.redirectURL === 'string' ? res.redirectURL : '',
    error: typeof res._error === 'string' && res._error !== '' ? res._error : null,
  };
}

const kinds: Record<string, InitiatorKind> = {
  fetch: 'fetch',
  xhr: 'XMLHttpRequest',
  script: 'script',
  image: 'image',
  font: 'font',
  stylesheet: 'CSS stylesheet',
  media: 'video',
  manifest: 'manifest',
  texttrack: 'text track',
};

function toPreflight(entry: Entry): ObservedPreflight {
  return {
    url: entry.url,
    requestHeaders: entry.requestHeaders,
    headers: entry.responseHeaders,
    ...(entry.status > 0 ? { status: entry.status } : { error: entry.error ?? 'net::ERR_FAILED' }),
  };
}

/** Entries by URL, in file order: the pairing and chaining look-ups stay linear. */
function byUrl(entries: Entry[]): Map<string, Entry[]> {
  const index = new Map<string, Entry[]>();
  for (const entry of entries) {
    const list = index.get(entry.url);
    if (list) list.push(entry);
    else index.set(entry.url, [entry]);
  }
  return index;
}

/** Pairs each preflight with the nearest entry for its URL and asked-for method. */
function pairPreflights(entries: Entry[]): Map<Entry, Entry> {
  const owners = byUrl(entries.filter((e) => !e.preflight));
  const paired = new Map<Entry, Entry>();
  for (const preflight of entries.filter((e) => e.preflight)) {
    const asked = getHeader(preflight.requestHeaders, 'access-control-request-method');
    let best: Entry | null = null;
    for (const owner of owners.get(preflight.url) ?? []) {
      if (paired.has(owner)) continue;
      if (asked !== null && owner.method.toUpperCase() !== asked.toUpperCase()) continue;
      if (
        !best ||
        Math.abs(owner.started - preflight.started) < Math.abs(best.started - preflight.started)
      )
        best = owner;
    }
    if (best) paired.set(best, preflight);
  }
  return paired;
}

/** Redirect chains: each entry followed by the one its `redirectURL` led to. */
function chains(entries: Entry[]): Entry[][] {
  const requests = entries.filter((e) => !e.preflight);
  const index = byUrl(requests);
  const claimed = new Set<Entry>();
  const result: Entry[][] = [];
  const next = (from: Entry): Entry | null => {
    if (from.status < 300 || from.status > 399 || !from.redirectURL) return null;
    const target = resolveLocation(from.redirectURL, from.url);
    if (!target) return null;
    return (
      (index.get(target) ?? []).find((e) => !claimed.has(e) && e.started >= from.started) ?? null
    );
  };
  for (const entry of requests) {
    if (claimed.has(entry)) continue;
    claimed.add(entry);
    const chain = [entry];
    for (let hop = next(entry); hop; hop = next(hop)) {
      claimed.add(hop);
      chain.push(hop);
    }
    result.push(chain);
  }
  return result;
}

function pageOf(log: Record<string, unknown>): string | null {
  const pages = Array.isArray(log.pages) ? log.pages : [];
  const first: unknown = pages[0];
  if (isObject(first) && typeof first.title === 'string' && parseUrl(first.title))
    return first.title;
  return null;
}

function browserOf(log: Record<string, unknown>, entries: Entry[]): HarContents['browser'] {
  const declared = log.browser;
  if (
    isObject(declared) &&
    typeof declared.name === 'string' &&
    typeof declared.version === 'string'
  )
    return { name: declared.name, version: declared.version };
  for (const entry of entries) {
    const agent = getHeader(entry.requestHeaders, 'user-agent');
    const match = agent ? /(Chrome|Firefox|Edg)\/([\d.]+)/.exec(agent) : null;
    if (match)
      return { name: match[1] === 'Edg' ? 'Edge' : (match[1] ?? ''), version: match[2] ?? '' };
  }
  return null;
}

/** The cross-origin exchanges in a HAR document's text. */
export function readHar(text: string): HarContents {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new HarInputError(`not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(document) || !isObject(document.log))
    fail('log', 'missing: this is not a HAR file');
  const { log } = document;
  if (!Array.isArray(log.entries)) fail('log.entries', 'missing: this is not a HAR file');
  const entries = log.entries.map(readEntry);
  const pageUrl = pageOf(log);
  const pageOrigin = pageUrl ? originOf(pageUrl) : null;
  const preflights = pairPreflights(entries);
  const exchanges: HarExchange[] = [];
  for (const chain of chains(entries)) {
    const first = chain[0];
    const last = chain.at(-1);
    if (!first || !last) continue;
    const preflight = preflights.get(first);
    // A request Chrome refused before sending has only the page's headers: no Origin. For
    // fetch and XHR the page's origin is then the requester.
    const scripted = first.resourceType === 'fetch' || first.resourceType === 'xhr';
    const origin =
      getHeader(first.requestHeaders, 'origin') ??
      (preflight ? getHeader(preflight.requestHeaders, 'origin') : null) ??
      (scripted ? pageOrigin : null);
    // Same-origin requests are not CORS; without any origin we cannot tell.
    if (origin === null || origin === originOf(first.url)) continue;
    const error = last.error ?? (last.status === 0 ? 'net::ERR_FAILED' : null);
    const kind = kinds[first.resourceType];
    exchanges.push({
      id: `har:${first.index}`,
      type: first.resourceType || 'other',
      startedAt: first.started,
      exchange: {
        request: {
          method: first.method,
          url: first.url,
          origin,
          headers: first.requestHeaders,
          ...(kind ? { kind } : {}),
        },
        preflight: preflight ? toPreflight(preflight) : null,
        redirects: chain.slice(0, -1).map((hop, i) => {
          const after = chain[i + 1];
          const hopPreflight = after ? preflights.get(after) : undefined;
          return {
            url: hop.url,
            status: hop.status,
            headers: hop.responseHeaders,
            preflight: hopPreflight ? toPreflight(hopPreflight) : null,
          };
        }),
        response:
          last.status > 0
            ? { url: last.url, status: last.status, headers: last.responseHeaders }
            : null,
        ...(error ? { error } : {}),
        ...(error === null ? { completed: true } : {}),
      },
    });
  }
  return { pageUrl, browser: browserOf(log, entries), exchanges };
}
