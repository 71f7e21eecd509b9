import { browser } from '../browser';
import { browserInfo } from '../platform';
import type { TabSubscription } from '../subscription';
import { devtoolsHarLimits, finishedEntries } from '../../src/tracker/devtools-har';
import type { SubscriptionMessage } from '../../src/protocol/messages';

/** A message this often keeps the worker from being stopped as idle (Chromium stops it at 30 s). */
export const keepAliveMs = 20_000;

/**
 * While DevTools is open: keeps the worker alive, and after it was stopped anyway, hands it
 * what DevTools recorded around the stop (see `src/tracker/devtools-har.ts`). Nothing per
 * request. Returns what the subscription's messages and connection changes go through.
 */
export function witnessTab(
  tabId: number,
  subscription: () => TabSubscription | undefined,
): {
  observe(message: SubscriptionMessage): void;
  connection(connected: boolean): void;
  stop(): void;
} {
  const network = browser.devtools.network as typeof browser.devtools.network | undefined;
  const keepAlive = setInterval(
    () => subscription()?.send({ type: 'keepalive', tabId }),
    keepAliveMs,
  );
  // Firefox suspends its event page without losing events (docs/firefox.md): there the
  // background's own recording is all there is.
  const reconciles = network !== undefined && browserInfo().name !== 'Firefox';
  /** Where DevTools' log is read from: a little before the first stop not yet made good. */
  let since: number | null = null;
  /** Counts the stops: a pass that a new stop interrupted leaves `since` for the next. */
  let stops = 0;
  let connected = false;
  /** The tab shows requests its service worker passed on. */
  let serviceWorker = false;
  /** What the user cleared stays cleared. */
  let clearedAt = 0;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const pass = async (from: number, last: boolean, stop: number) => {
    if (!network) return;
    const log = await network.getHAR().catch(() => null);
    const entries = finishedEntries(
      Array.isArray(log?.entries) ? (log.entries as unknown[]) : [],
      Math.max(from, clearedAt),
      Date.now(),
      serviceWorker,
    );
    if (stop !== stops || !connected) return;
    if (entries.length > 0) subscription()?.send({ type: 'devtools-har', tabId, entries });
    if (last && stop === stops) since = null;
  };
  return {
    connection(now) {
      // A closed port is a stopped worker (or an extension reload).
      if (connected && !now) {
        stops++;
        since ??= Date.now() - devtoolsHarLimits.lookbackMs;
      }
      connected = now;
    },
    observe(message) {
      const records =
        message.type === 'snapshot'
          ? message.records
          : message.type === 'upsert'
            ? [message.record]
            : [];
      if (message.type === 'cleared') clearedAt = Date.now();
      serviceWorker ||= records.some((r) => r.via === 'service-worker' || r.via === 'worker');
      if (message.type !== 'snapshot' || since === null || !reconciles) return;
      // The worker is back: what DevTools saw since a little before the stop, once the
      // requests of that moment had time to end, and again for slower ones.
      const from = since;
      const stop = stops;
      [devtoolsHarLimits.graceMs, 4 * devtoolsHarLimits.graceMs].forEach((delay, i, all) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          void pass(from, i === all.length - 1, stop);
        }, delay);
        timers.add(timer);
      });
    },
    stop() {
      clearInterval(keepAlive);
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
