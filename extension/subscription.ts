import { browser, type Runtime } from './browser';
import {
  isSubscriptionMessage,
  subscriptionPortName,
  type SubscriptionMessage,
} from '../src/protocol/messages';

/**
 * Subscribes to one tab's log. A disconnect is normal (Chrome stopped the worker): it
 * reconnects by itself and gets a fresh snapshot.
 */
export function subscribeToTab(
  tabId: number,
  onMessage: (message: SubscriptionMessage) => void,
  onConnection: (connected: boolean) => void,
): () => void {
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
    port.postMessage({ type: 'subscribe', tabId });
  };
  connect();
  return () => {
    stopped = true;
    clearTimeout(retry);
    port?.disconnect();
  };
}
