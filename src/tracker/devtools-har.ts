// What the extension's worker missed while it was stopped, from what DevTools recorded anyway.
//
// Chromium drops the webRequest events it had dispatched to a service worker that is being
// stopped (they die queued in it), and the records of the last 100 ms die unwritten with it.
// While DevTools is open, its page keeps the worker alive (a message on its port every 20 s),
// so stops are rare; after one, the page reads DevTools' own network log (`getHAR`) for the
// moments around it and hands the worker the finished entries. The worker rebuilds the
// exchanges with the HAR reader `cors-lens har` uses, and keeps those its log lacks or saw
// only in part. No listener of its own: the page costs nothing per request.

import { readHar } from '../har/read-har';
import { maxDevtoolsHarEntries } from '../protocol/messages';
import { recordFromExchange, seesMore, type ExchangeRecord, type RecordFacts } from './tab-log';
import { noTab } from './worker-requests';

export const devtoolsHarLimits = {
  /** Entries that started this long before the worker's port closed are looked at again. */
  lookbackMs: 5000,
  /** An entry that ended less than this ago may still reach the worker: it waits. */
  graceMs: 1500,
  /** A HAR entry and a record are the same request when they started this close. */
  sameStartMs: 1000,
};

interface EntryTimes {
  startedDateTime?: unknown;
  time?: unknown;
  response?: { status?: unknown; _error?: unknown; _fetchedViaServiceWorker?: unknown };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * The DevTools page's side: the entries that started after `since`, have ended (a status or
 * an error: one still running reads as failed) at least a grace period ago, and went to the
 * network. On a page a service worker controls (`serviceWorker`), DevTools logs each request
 * it passes on twice: the page's request first, then the worker's own, a few ms later, same
 * method and URL (the page's is `_fetchedViaServiceWorker` when the worker answered). The
 * page's goes; the worker's is marked as the worker's.
 */
export function finishedEntries(
  entries: unknown[],
  since: number,
  now: number,
  serviceWorker = false,
): unknown[] {
  const kept = entries.filter((entry): entry is Record<string, unknown> => {
    if (!isObject(entry)) return false;
    const { startedDateTime, time, response } = entry as EntryTimes;
    const started = typeof startedDateTime === 'string' ? Date.parse(startedDateTime) : NaN;
    const ended = started + (typeof time === 'number' && time > 0 ? time : 0);
    const status = response?.status;
    const over = (typeof status === 'number' && status > 0) || typeof response?._error === 'string';
    return started >= since && ended <= now - devtoolsHarLimits.graceMs && over;
  });
  // A response a service worker made is not a request the extension could have seen.
  if (!serviceWorker)
    return kept
      .filter((entry) => (entry as EntryTimes).response?._fetchedViaServiceWorker !== true)
      .slice(-maxDevtoolsHarEntries);
  const key = (entry: Record<string, unknown>) =>
    isObject(entry.request) ? `${String(entry.request.method)} ${String(entry.request.url)}` : '';
  const startOf = (entry: Record<string, unknown>) =>
    Date.parse(String((entry as EntryTimes).startedDateTime));
  const isPreflight = (entry: Record<string, unknown>) => entry._resourceType === 'preflight';
  const pages = new Set<Record<string, unknown>>();
  const workers = new Set<Record<string, unknown>>();
  const requests = kept.filter((entry) => !isPreflight(entry));
  requests.forEach((entry, i) => {
    if (pages.has(entry) || workers.has(entry)) return;
    const partner = requests
      .slice(i + 1)
      .find(
        (other) =>
          !pages.has(other) &&
          !workers.has(other) &&
          key(other) === key(entry) &&
          Math.abs(startOf(other) - startOf(entry)) <= pairedStartMs,
      );
    if (!partner) return;
    // The page's is the one the worker answered, or else the one that started first.
    const answered = (e: Record<string, unknown>) =>
      (e as EntryTimes).response?._fetchedViaServiceWorker === true;
    const [page, worker] =
      answered(partner) || (!answered(entry) && startOf(partner) < startOf(entry))
        ? [partner, entry]
        : [entry, partner];
    pages.add(page);
    workers.add(worker);
  });
  return kept
    .filter((entry) => !pages.has(entry))
    .map((entry) => (workers.has(entry) ? { ...entry, [serviceWorkerMark]: true } : entry))
    .slice(-maxDevtoolsHarEntries);
}

/** The page's entry and its service worker's start this close (a few ms, measured). */
const pairedStartMs = 100;

/** Set on an entry the page's service worker sent (`finishedEntries`). */
export const serviceWorkerMark = '_corsLensServiceWorker';

/** DevTools' resource types in webRequest's words (the records' `type`). */
const webRequestType: Record<string, string> = {
  fetch: 'xmlhttprequest',
  xhr: 'xmlhttprequest',
  eventsource: 'xmlhttprequest',
  texttrack: 'other',
  document: 'sub_frame',
};

/**
 * The worker's side: the records to keep, rebuilt from DevTools' entries. A request the log
 * already holds (same method and URL, started within a second) comes back only when the
 * entry sees more of it, under the log's id; the others get an id of their own.
 */
export function missedFromHar(
  entries: unknown[],
  pageUrl: string | null,
  tabId: number,
  log: Iterable<ExchangeRecord>,
  now: number,
): ExchangeRecord[] {
  const har = readHar(
    JSON.stringify({
      log: {
        version: '1.2',
        creator: { name: 'DevTools', version: '' },
        pages: pageUrl ? [{ id: 'page', title: pageUrl }] : [],
        entries,
      },
    }),
  );
  const known = [...log];
  const matched = new Set<string>();
  const missed: ExchangeRecord[] = [];
  for (const { id, type, startedAt, exchange } of har.exchanges) {
    const { method, url } = exchange.request;
    // A service worker's request: recorded as the worker's, shown in the tabs of its origin.
    const entry = entries[Number(id.replace('har:', ''))];
    const owner = isObject(entry) && entry[serviceWorkerMark] === true ? noTab : tabId;
    const existing = known.find(
      (record) =>
        !matched.has(record.id) &&
        record.exchange.request.method === method &&
        record.exchange.request.url === url &&
        Math.abs(record.startedAt - startedAt) <= devtoolsHarLimits.sameStartMs,
    );
    if (existing) matched.add(existing.id);
    // A record the log holds keeps what it says beyond its exchange (its worker, its page side).
    const facts: RecordFacts = existing
      ? { ...withoutExchange(existing), updatedAt: now, inFlight: false }
      : {
          id: `${owner}:devtools-${Math.round(startedAt)}-${id.replace('har:', '')}`,
          tabId: owner,
          frameId: 0,
          type: webRequestType[type] ?? type,
          startedAt,
          updatedAt: now,
          inFlight: false,
        };
    const record = recordFromExchange(facts, exchange);
    if (!existing || (seesMore(record, existing) && !sawAllOf(existing, record)))
      missed.push(record);
  }
  return missed;
}

/**
 * Whether the worker's record already holds every step DevTools' copy shows: then it stays as
 * the worker saw it (DevTools' provisional headers of a request never sent add nothing).
 */
function sawAllOf(existing: ExchangeRecord, copy: ExchangeRecord): boolean {
  const ours = existing.exchange;
  const theirs = copy.exchange;
  return (
    !existing.inFlight &&
    (Boolean(ours.preflight) || !theirs.preflight) &&
    (Boolean(ours.response) || !theirs.response) &&
    (ours.redirects?.length ?? 0) >= (theirs.redirects?.length ?? 0)
  );
}

function withoutExchange(record: ExchangeRecord): RecordFacts {
  const facts: Partial<ExchangeRecord> = { ...record };
  delete facts.exchange;
  delete facts.verdict;
  // The verdict changes with the exchange: what the worker caused is judged again when paired.
  delete facts.workerCause;
  return facts as RecordFacts;
}
