import { browser } from '../browser';
import {
  PageRequestPairer,
  type HarEntryLike,
  type PageRequest,
} from '../../src/tracker/page-requests';
import type { SubscriptionMessage } from '../../src/protocol/messages';

/**
 * Hands the worker the page's side of requests its service worker passed on, read from what
 * DevTools records anyway (`devtools.network`). Listens only once the tab's log holds a
 * service worker's request, so a page without one pays nothing; the entries from before that
 * are read once from the HAR log.
 */
export function watchPageRequests(send: (requests: PageRequest[]) => void): {
  observe(message: SubscriptionMessage): void;
  stop(): void;
} {
  const network = browser.devtools.network as typeof browser.devtools.network | undefined;
  // Without DevTools' network recording there is no page side to read.
  if (!network) return { observe: () => undefined, stop: () => undefined };
  const pairer = new PageRequestPairer();
  let listening = false;
  const take = (entries: readonly unknown[]) => {
    const paired: PageRequest[] = [];
    for (const entry of entries) {
      const page = isHarEntry(entry) ? pairer.add(entry) : null;
      if (page) paired.push(page);
    }
    if (paired.length > 0) send(paired);
  };
  const onFinished = (entry: unknown) => take([entry]);
  const start = () => {
    listening = true;
    network.onRequestFinished.addListener(onFinished);
    void network
      .getHAR()
      .then((log) => take(Array.isArray(log.entries) ? (log.entries as unknown[]) : []))
      .catch(() => undefined);
  };
  return {
    observe(message) {
      if (listening) return;
      const records =
        message.type === 'snapshot'
          ? message.records
          : message.type === 'upsert'
            ? [message.record]
            : [];
      if (records.some((r) => r.via === 'service-worker' || r.via === 'worker')) start();
    },
    stop() {
      if (listening) network.onRequestFinished.removeListener(onFinished);
      listening = false;
    },
  };
}

/** A HAR entry with the fields the pairing reads (DevTools' objects are trusted but checked). */
function isHarEntry(value: unknown): value is HarEntryLike {
  const entry = value as Partial<HarEntryLike> | null;
  return (
    typeof entry?.startedDateTime === 'string' &&
    typeof entry.request?.url === 'string' &&
    typeof entry.request.method === 'string' &&
    Array.isArray(entry.request.headers)
  );
}
