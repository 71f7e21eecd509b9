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

export interface WebRequestRecorder {
  /** Adds or removes the listeners: with none, Chromium routes nothing through CORS Lens. */
  setRecording(on: boolean): void;
}

/** Registers the listeners now (at the worker's top level, so events wake it). */
export function listenForWebRequests(tracker: TrackerService): WebRequestRecorder {
  const forward = (kind: TrackerEventKind) => (details: WebRequestDetails) => {
    const event = toTrackerEvent(kind, details);
    if (isCrossOriginFromPage(event)) tracker.handle(event);
  };
  const { webRequest } = browser;
  type Spec<T> = T[];
  const onSend = forward('send-headers');
  const onHeaders = forward('headers-received');
  const onCompleted = forward('completed');
  const onError = forward('error');
  // Firefox's onErrorOccurred takes no extraInfoSpec at all.
  const errorSpec = withExtraHeaders([]) as Spec<WebRequest.OnErrorOccurredOptions>;
  const add = () => {
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
    if (errorSpec.length > 0) webRequest.onErrorOccurred.addListener(onError, filter, errorSpec);
    else webRequest.onErrorOccurred.addListener(onError, filter);
  };
  const remove = () => {
    webRequest.onSendHeaders.removeListener(onSend);
    webRequest.onHeadersReceived.removeListener(onHeaders);
    webRequest.onCompleted.removeListener(onCompleted);
    webRequest.onErrorOccurred.removeListener(onError);
  };
  add();
  let recording = true;
  return {
    setRecording(on) {
      if (on === recording) return;
      recording = on;
      if (on) add();
      else remove();
    },
  };
}
