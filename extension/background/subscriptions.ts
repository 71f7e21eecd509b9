import { browser } from '../browser';
import { isSubscriptionRequest, subscriptionPortName } from '../../src/protocol/messages';
import type { TrackerService } from './tracker-service';

/**
 * Panels and popups subscribe to one tab and get its log, then every change, live; the
 * DevTools page sends back what its witness recorded and the worker missed.
 */
export function listenForSubscriptions(tracker: TrackerService): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== subscriptionPortName) return;
    port.onMessage.addListener((message: unknown) => {
      if (!isSubscriptionRequest(message)) return;
      if (message.type === 'subscribe') void tracker.subscribe(port, message.tabId);
      else if (message.type === 'page-requests')
        void tracker.pageRequests(message.tabId, message.requests);
      else void tracker.witnessed(message.tabId, message.records);
    });
  });
}
