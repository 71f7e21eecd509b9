// The webRequest listeners: four events are enough for the verdict (request headers, each
// response's headers, and how it ended). `extraHeaders` is what makes Chromium show the
// preflights and the `Origin` header at all.

import { browser, type WebRequest } from '../browser';
import { withExtraHeaders } from '../platform';
import {
  isCrossOriginFromPage,
  toTrackerEvent,
  type TrackerEventKind,
  type WebRequestDetails,
} from '../../src/tracker/webrequest-event';
import type { TrackerService } from './tracker-service';

// Not navigations (main_frame/sub_frame), which CORS does not apply to.
const filter: WebRequest.RequestFilter = {
  urls: ['<all_urls>'],
  types: ['xmlhttprequest', 'font', 'script', 'image', 'media', 'stylesheet', 'other'],
};

export function listenForWebRequests(tracker: TrackerService): void {
  const forward = (kind: TrackerEventKind) => (details: WebRequestDetails) => {
    const event = toTrackerEvent(kind, details);
    if (isCrossOriginFromPage(event)) tracker.handle(event);
  };
  const { webRequest } = browser;
  type Spec<T> = T[];
  webRequest.onSendHeaders.addListener(
    forward('send-headers'),
    filter,
    withExtraHeaders(['requestHeaders']) as Spec<WebRequest.OnSendHeadersOptions>,
  );
  webRequest.onHeadersReceived.addListener(
    forward('headers-received'),
    filter,
    withExtraHeaders(['responseHeaders']) as Spec<WebRequest.OnHeadersReceivedOptions>,
  );
  webRequest.onCompleted.addListener(
    forward('completed'),
    filter,
    withExtraHeaders(['responseHeaders']) as Spec<WebRequest.OnCompletedOptions>,
  );
  // Firefox's onErrorOccurred takes no extraInfoSpec at all.
  const errorSpec = withExtraHeaders([]) as Spec<WebRequest.OnErrorOccurredOptions>;
  if (errorSpec.length > 0)
    webRequest.onErrorOccurred.addListener(forward('error'), filter, errorSpec);
  else webRequest.onErrorOccurred.addListener(forward('error'), filter);
}
