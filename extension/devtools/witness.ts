import { browser } from '../browser';
import { browserTraits } from '../platform';
import { watchSettings } from '../settings';
import type { TabSubscription } from '../subscription';
import { observeCrossOriginRequests } from '../webrequest';
import { Witness } from '../../src/tracker/witness';
import type { SubscriptionMessage } from '../../src/protocol/messages';

/**
 * Records the inspected tab alongside the worker while recording is on, and hands the worker
 * what it missed (see `src/tracker/witness.ts`). Returns what the subscription's messages
 * go through, and the stop.
 */
export function witnessTab(
  tabId: number,
  subscription: () => TabSubscription | undefined,
): { observe(message: SubscriptionMessage): void; stop(): void } {
  const witness = new Witness(browserTraits());
  // Where DevTools pages get no webRequest, the background's own recording is all there is.
  if (!browser.webRequest) return { observe: () => undefined, stop: () => undefined };
  let unlisten: (() => void) | undefined;
  let stopped = false;
  watchSettings(({ recording }) => {
    if (stopped || recording === (unlisten !== undefined)) return;
    if (recording)
      unlisten = observeCrossOriginRequests((e) => witness.record(e, Date.now()), tabId);
    else {
      unlisten?.();
      unlisten = undefined;
    }
  });
  const timer = setInterval(() => {
    const records = witness.missed(Date.now());
    if (records.length > 0) subscription()?.send({ type: 'witnessed', tabId, records });
  }, 500);
  return {
    observe: (message) => witness.observe(message),
    stop() {
      stopped = true;
      clearInterval(timer);
      unlisten?.();
    },
  };
}
