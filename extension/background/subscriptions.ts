import { browser } from '../browser';
import { isSubscriptionRequest, subscriptionPortName } from '../../src/protocol/messages';
import type { TrackerService } from './tracker-service';

/**
 * Panels and popups subscribe to one tab and get its log, then every change, live; the
 * DevTools page keeps the worker alive and, after a stop, sends what DevTools recorded
 * around it (`src/tracker/devtools-har.ts`).
 */
export function listenForSubscriptions(tracker: TrackerService): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== subscriptionPortName) return;
    port.onMessage.addListener((message: unknown) => {
      if (!isSubscriptionRequest(message)) return;
      switch (message.type) {
        case 'subscribe':
          void tracker.subscribe(port, message.tabId, message.quiet ?? false);
          break;
        case 'page-requests':
          void tracker.pageRequests(message.tabId, message.requests);
          break;
        case 'devtools-har':
          void tracker.devtoolsHar(message.tabId, message.entries);
          break;
        case 'keepalive':
          // Receiving it is the point: the worker is not idle.
          break;
      }
    });
  });
}
