// The page's own side of a request its service worker passed on. webRequest never sees it
// (only the worker's request reaches the network), but DevTools records both: the page's
// request, with the headers the page set (DevTools' "provisional headers"), and the worker's
// request, made by the worker's script. Measured in Debian Chromium 150 and 156
// (docs/service-workers.md): the page's entry starts first, carries the page's resource type
// (image, font, eventsource, ...), and an element's CORS-mode request (`crossorigin`, fonts)
// carries `Origin` while a no-cors one does not; the worker's entry is always `fetch`.

import type { Header } from '../exchange/types';
import { corsUnsafeRequestHeaderNames } from '../cors/request-headers';
import type { ExchangeRecord } from './tab-log';

/** What DevTools recorded of the page's request that its service worker passed on. */
export interface PageRequest {
  url: string;
  method: string;
  /** When the page's request started (ms since the epoch). */
  startedAt: number;
  /** DevTools' resource type: `fetch`, `xhr`, `image`, `font`, `script`, `eventsource`, ... */
  resourceType: string;
  /** The names of the headers the page's request carried, lower case (no values: no secrets). */
  headerNames: string[];
  /** Of those, the CORS-unsafe ones: what would have needed a preflight without the worker. */
  unsafeHeaders: string[];
  /** Known for element requests only: no `Origin` on an element's request means no-cors. */
  mode?: 'cors' | 'no-cors';
}

/** The parts of a HAR entry (`devtools.network.onRequestFinished`) read here. */
export interface HarEntryLike {
  startedDateTime: string;
  _resourceType?: string;
  request: { method: string; url: string; headers: readonly Header[] };
}

/** Headers the browser itself puts on every request: they say nothing of what the page set. */
const browserHeaders = new Set(['referer', 'user-agent', 'origin']);
const isBrowserHeader = (lower: string) => browserHeaders.has(lower) || lower.startsWith('sec-');

/** Element requests whose mode depends on `crossorigin` (no attribute: no-cors). */
const elementTypes = new Set(['image', 'script', 'stylesheet', 'media', 'texttrack']);
/** Requests that are always CORS mode, whatever the page wrote. */
const corsTypes = new Set(['font', 'eventsource', 'manifest']);

function pageRequestOf(entry: HarEntryLike, startedAt: number): PageRequest {
  const type = entry._resourceType ?? 'other';
  const headers = entry.request.headers.filter((h) => !isBrowserHeader(h.name.toLowerCase()));
  const hasOrigin = entry.request.headers.some((h) => h.name.toLowerCase() === 'origin');
  const mode = corsTypes.has(type)
    ? 'cors'
    : elementTypes.has(type)
      ? hasOrigin
        ? 'cors'
        : 'no-cors'
      : undefined;
  return {
    url: entry.request.url,
    method: entry.request.method.toUpperCase(),
    startedAt,
    resourceType: type,
    headerNames: [...new Set(headers.map((h) => h.name.toLowerCase()))].sort(),
    unsafeHeaders: corsUnsafeRequestHeaderNames(headers),
    ...(mode ? { mode } : {}),
  };
}

/** How far apart the page's request and its worker's may start and still be paired. */
export const pairingWindowMs = 5000;

/**
 * Pairs DevTools' entries as they finish: two entries for one method and URL that started
 * within `pairingWindowMs` are the page's request and the worker's. The page's started first
 * (it is what woke the worker); on a tie, the worker's is the `fetch` one, and then the one
 * that finished first. Returns the page's side of each pair, once.
 */
export class PageRequestPairer {
  private readonly recent: { key: string; startedAt: number; entry: HarEntryLike }[] = [];

  constructor(private readonly limit = 200) {}

  add(entry: HarEntryLike): PageRequest | null {
    if (entry._resourceType === 'preflight') return null;
    const startedAt = Date.parse(entry.startedDateTime);
    if (!Number.isFinite(startedAt) || !/^https?:/i.test(entry.request.url)) return null;
    const key = `${entry.request.method.toUpperCase()} ${entry.request.url}`;
    const index = this.recent.findIndex(
      (other) => other.key === key && Math.abs(other.startedAt - startedAt) <= pairingWindowMs,
    );
    if (index === -1) {
      this.recent.push({ key, startedAt, entry });
      if (this.recent.length > this.limit) this.recent.shift();
      return null;
    }
    const [other] = this.recent.splice(index, 1);
    if (!other) return null;
    const pageFirst =
      other.startedAt !== startedAt
        ? other.startedAt > startedAt
        : other.entry._resourceType === 'fetch' && entry._resourceType !== 'fetch';
    return pageFirst
      ? pageRequestOf(entry, startedAt)
      : pageRequestOf(other.entry, other.startedAt);
  }
}

/**
 * The service worker's request in a tab's log that the page's request went to: same method
 * and URL, not paired yet, the closest start within `pairingWindowMs`.
 */
export function workerRecordFor(
  records: Iterable<ExchangeRecord>,
  page: PageRequest,
): ExchangeRecord | undefined {
  let best: ExchangeRecord | undefined;
  let bestGap = Infinity;
  for (const record of records) {
    if (!record.via || record.via === 'shared-worker' || record.page) continue;
    const { request } = record.exchange;
    if (request.url !== page.url || request.method.toUpperCase() !== page.method) continue;
    const gap = Math.abs(record.startedAt - page.startedAt);
    if (gap <= pairingWindowMs && gap < bestGap) [best, bestGap] = [record, gap];
  }
  return best;
}

/** What to call the page's request, for a sentence: "the page's image request". */
export function pageRequestWords(page: PageRequest): string {
  const words: Record<string, string> = {
    xhr: 'XMLHttpRequest',
    eventsource: 'EventSource',
    stylesheet: 'stylesheet',
    texttrack: 'text track',
  };
  return words[page.resourceType] ?? page.resourceType;
}

/** One sentence on the page's side, for the detail: what the page asked its worker for. */
export function pageSentence(page: PageRequest): string {
  const mode = page.mode ? ` (${page.mode} mode)` : '';
  const headers =
    page.unsafeHeaders.length > 0
      ? `, with ${page.unsafeHeaders.join(', ')}`
      : ', with no header that needs a preflight';
  return `The page's own ${pageRequestWords(page)} request${mode}${headers}, went to the worker first (seen by DevTools).`;
}
