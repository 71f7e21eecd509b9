import { browser, type Runtime } from './browser';
import {
  isSubscriptionMessage,
  subscriptionPortName,
  type SubscriptionMessage,
  type SubscriptionRequest,
} from '../src/protocol/messages';

export interface TabSubscription {
  close(): void;
  /** Sends on the current connection; dropped while reconnecting (senders retry). */
  send(message: SubscriptionRequest): void;
}

/**
 * Subscribes to one tab's log. A disconnect is normal (Chrome stopped the worker): it
 * reconnects by itself and gets a fresh snapshot.
 */
export function subscribeToTab(
  tabId: number,
  onMessage: (message: SubscriptionMessage) => void,
  onConnection: (connected: boolean) => void,
  /** The DevTools page's: snapshots and workers' requests only (`SubscriptionRequest`). */
  quiet = false,
): TabSubscription {
  let port: Runtime.Port | undefined;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const connect = () => {
    port = browser.runtime.connect({ name: subscriptionPortName });
    port.onMessage.addListener((message: unknown) => {
      if (!isSubscriptionMessage(message)) return;
      onConnection(true);
      onMessage(message);
    });
    port.onDisconnect.addListener(() => {
      onConnection(false);
      if (!stopped) retry = setTimeout(connect, 200);
    });
    port.postMessage({
      type: 'subscribe',
      tabId,
      ...(quiet ? { quiet } : {}),
    } satisfies SubscriptionRequest);
  };
  connect();
  return {
    close() {
      stopped = true;
      clearTimeout(retry);
      port?.disconnect();
    },
    send(message) {
      try {
        port?.postMessage(message);
      } catch {
        // Disconnected: the reconnect is under way.
      }
    },
  };
}
