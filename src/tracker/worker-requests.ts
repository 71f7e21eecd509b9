// Requests made by a service worker or a shared worker. Chromium reports them with tabId -1,
// frameId -1 and no documentId; the initiator is the worker's origin (measured in Debian
// Chromium 150 and 156: docs/service-workers.md). A page under a service worker (Mock Service
// Worker, Workbox, any PWA) never shows its own cross-origin requests to webRequest: only the
// worker's `fetch(event.request)` reaches the network, so that is the exchange to judge, and
// it belongs to every open tab of the worker's origin.

import type { ExchangeRecord } from './tab-log';

/** Who made a request on a page's behalf. */
export type Via = 'service-worker' | 'shared-worker' | 'worker';

/** webRequest's tabId for requests that belong to no tab (workers, the browser itself). */
export const noTab = -1;

export function isWorkerRequest(record: { tabId: number }): boolean {
  return record.tabId === noTab;
}

/**
 * A worker's script load, told by its `Sec-Fetch-Dest` (the only thing that tells a service
 * worker's requests from a shared worker's: both are `tabId -1`, `xmlhttprequest`, `empty`).
 */
export function workerScriptKind(
  requestHeaders: readonly { name: string; value?: string }[] | undefined,
): 'service-worker' | 'shared-worker' | null {
  // Read straight from webRequest's list: same-origin script loads are not copied otherwise.
  for (const { name, value } of requestHeaders ?? [])
    if (name.length === 14 && name.toLowerCase() === 'sec-fetch-dest')
      return value === 'serviceworker'
        ? 'service-worker'
        : value === 'sharedworker'
          ? 'shared-worker'
          : null;
  return null;
}

/**
 * The widest scope a service worker whose script is at `scriptUrl` can be registered for: the
 * script's directory, or where its `Service-Worker-Allowed` header points
 * (https://w3c.github.io/ServiceWorker/#update-algorithm, "maxScopeString"). Its pages all
 * lie under it; a page elsewhere on the origin is never controlled by it.
 */
export function maxScopeOf(scriptUrl: string, serviceWorkerAllowed: string | null): string | null {
  try {
    const scope = new URL(serviceWorkerAllowed ?? './', scriptUrl);
    return `${scope.origin}${scope.pathname}`;
  } catch {
    return null;
  }
}

/** Whether a page can be under one of these service worker scopes (none known: it can). */
export function inScope(pageUrl: string, scopes: ReadonlySet<string> | undefined): boolean {
  if (!scopes || scopes.size === 0) return true;
  for (const scope of scopes) if (pageUrl.startsWith(scope)) return true;
  return false;
}

/** What to call the worker of an origin, from the worker scripts seen loading there. */
export function viaFor(kinds: ReadonlySet<string> | undefined): Via {
  if (kinds?.size === 1) return kinds.has('shared-worker') ? 'shared-worker' : 'service-worker';
  return 'worker';
}

export const viaWords: Record<Via, string> = {
  'service-worker': 'service worker',
  'shared-worker': 'shared worker',
  worker: 'service worker or shared worker',
};

/** The id of a worker request's copy in one tab's log. */
export function tabCopyId(workerRecordId: string, tabId: number): string {
  return `${workerRecordId}@${tabId}`;
}

/**
 * The copy of a worker's record that one tab shows: same exchange and verdict (judged against
 * the worker's origin, which is the page's), marked with who made it and how many tabs share
 * that origin.
 */
export function recordForTab(
  record: ExchangeRecord,
  tabId: number,
  via: Via,
  tabsOfOrigin: number,
): ExchangeRecord {
  return {
    ...record,
    id: tabCopyId(record.id, tabId),
    tabId,
    via,
    ...(tabsOfOrigin > 1 ? { sharedBy: tabsOfOrigin } : {}),
  };
}

/** Where the request says it came from: the Origin the browser sent, else the initiator. */
export function workerOrigin(record: ExchangeRecord): string {
  return record.exchange.request.origin;
}

/** One sentence on who made the request, for the panel and the reports. */
export function viaSentence(via: Via, origin: string, sharedBy?: number): string {
  const shared =
    sharedBy && sharedBy > 1
      ? ` ${sharedBy} open tabs share that origin; each lists the request, since webRequest does not say which one the worker served.`
      : '';
  return `Made by the ${viaWords[via]} of ${origin}, not by the page itself: this is the worker's own request to the network, judged against the worker's origin.${shared}`;
}
