// The worker's webRequest listeners: four events are enough for the verdict (request headers,
// each response's headers, and how it ended). `extraHeaders` is what makes Chromium show the
// preflights and the `Origin` header at all.

import { browser, type WebRequest } from './browser';
import { withExtraHeaders } from './platform';
import {
  initiatorOf,
  isCrossOriginFromPage,
  recordedResourceTypes,
  toTrackerEvent,
  type TrackerEvent,
  type TrackerEventKind,
  type WebRequestDetails,
} from '../src/tracker/webrequest-event';
import { maxScopeOf, workerScriptKind } from '../src/tracker/worker-requests';
import { getHeader } from '../src/http/header-list';

/** Which requests the listeners get: one tab's, requests to some servers' (match patterns). */
export interface ObservedScope {
  tabId?: number;
  urls?: string[];
}

/** Requests that went cross-origin, followed until they end (see `forward`). */
const followedLimit = 5000;

/**
 * Adds the four listeners and calls back with each cross-origin request's events; returns
 * the function that removes them. `onWorkerScript` hears which kind of worker an origin
 * loaded (a service worker's and a shared worker's requests look alike otherwise).
 */
export function observeCrossOriginRequests(
  onEvent: (event: TrackerEvent) => void,
  { tabId, urls = [] }: ObservedScope = {},
  onWorkerScript?: (
    origin: string,
    kind: 'service-worker' | 'shared-worker',
    /** A service worker's widest scope, from its script's response (`maxScopeOf`). */
    scope: string | null,
  ) => void,
): () => void {
  const filter: WebRequest.RequestFilter = {
    urls: urls.length > 0 ? urls : ['<all_urls>'],
    types: [...recordedResourceTypes],
    ...(tabId === undefined ? {} : { tabId }),
  };
  // A request that went cross-origin stays a CORS request when a redirect brings it back to
  // the page's origin (its origin is tainted: Origin: null), so its later same-origin events
  // are followed too (https://fetch.spec.whatwg.org/#concept-request-tainted-origin).
  const followed = new Set<string>();
  // Service worker script loads, by request id, until their response says the scope.
  const serviceWorkerScripts = new Map<string, string>();
  // Same-origin requests are dropped before their headers are copied.
  const forward = (kind: TrackerEventKind) => (details: WebRequestDetails) => {
    const { tabId, url, requestId } = details;
    const initiator = initiatorOf(details);
    const ends = kind === 'completed' || kind === 'error';
    if (isCrossOriginFromPage({ tabId, url, initiator })) {
      if (ends) followed.delete(requestId);
      else if (!followed.has(requestId)) {
        if (followed.size >= followedLimit) followed.clear();
        followed.add(requestId);
      }
      onEvent(toTrackerEvent(kind, details));
    } else if (followed.has(requestId)) {
      if (ends) followed.delete(requestId);
      onEvent(toTrackerEvent(kind, details));
    } else if (onWorkerScript && details.type === 'script' && initiator) {
      if (kind === 'send-headers') {
        const worker = workerScriptKind(details.requestHeaders);
        if (worker === 'shared-worker') onWorkerScript(initiator, worker, null);
        else if (worker === 'service-worker' && serviceWorkerScripts.size < followedLimit)
          serviceWorkerScripts.set(requestId, initiator);
      } else if (serviceWorkerScripts.has(requestId)) {
        // The response's headers (or, from the HTTP cache, only the completion's) say the scope.
        const origin = serviceWorkerScripts.get(requestId) ?? initiator;
        serviceWorkerScripts.delete(requestId);
        const allowed = details.responseHeaders
          ? getHeader(
              details.responseHeaders.map((h) => ({ name: h.name, value: h.value ?? '' })),
              'service-worker-allowed',
            )
          : null;
        onWorkerScript(
          origin,
          'service-worker',
          kind === 'error' ? null : maxScopeOf(url, allowed),
        );
      }
    }
  };
  const { webRequest } = browser;
  type Spec<T> = T[];
  const onSend = forward('send-headers');
  const onHeaders = forward('headers-received');
  const onCompleted = forward('completed');
  const onError = forward('error');
  webRequest.onSendHeaders.addListener(
    onSend,
    filter,
    withExtraHeaders(['requestHeaders']) as Spec<WebRequest.OnSendHeadersOptions>,
  );
  webRequest.onHeadersReceived.addListener(
    onHeaders,
    filter,
    withExtraHeaders(['responseHeaders']) as Spec<WebRequest.OnHeadersReceivedOptions>,
  );
  webRequest.onCompleted.addListener(
    onCompleted,
    filter,
    withExtraHeaders(['responseHeaders']) as Spec<WebRequest.OnCompletedOptions>,
  );
  // Firefox's onErrorOccurred takes no extraInfoSpec at all.
  const errorSpec = withExtraHeaders([]) as Spec<WebRequest.OnErrorOccurredOptions>;
  if (errorSpec.length > 0) webRequest.onErrorOccurred.addListener(onError, filter, errorSpec);
  else webRequest.onErrorOccurred.addListener(onError, filter);
  return () => {
    webRequest.onSendHeaders.removeListener(onSend);
    webRequest.onHeadersReceived.removeListener(onHeaders);
    webRequest.onCompleted.removeListener(onCompleted);
    webRequest.onErrorOccurred.removeListener(onError);
  };
}

/**
 * The listeners for a scope that changes with the settings (recording on or off, which
 * servers, which tab): registered again only when the scope really changes; `null` removes
 * them, so Chromium dispatches nothing.
 */
export function scopedObserver(
  onEvent: (event: TrackerEvent) => void,
  onWorkerScript?: Parameters<typeof observeCrossOriginRequests>[2],
): {
  observe(scope: ObservedScope | null): void;
} {
  let stop: (() => void) | undefined;
  let current = 'null';
  return {
    observe(scope) {
      const next = JSON.stringify(scope && { tabId: scope.tabId, urls: scope.urls ?? [] });
      if (next === current) return;
      current = next;
      stop?.();
      stop = scope ? observeCrossOriginRequests(onEvent, scope, onWorkerScript) : undefined;
    },
  };
}
