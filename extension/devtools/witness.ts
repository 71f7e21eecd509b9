import { browser } from '../browser';
import { browserTraits } from '../platform';
import { watchSettings } from '../settings';
import type { TabSubscription } from '../subscription';
import { scopedObserver } from '../webrequest';
import { recordScope } from '../../src/tracker/record-scope';
import { Witness } from '../../src/tracker/witness';
import type { Settings, SubscriptionMessage } from '../../src/protocol/messages';

/**
 * Records the inspected tab alongside the worker, and hands the worker what it missed (see
 * `src/tracker/witness.ts`). Returns what the subscription's messages go through, and the
 * stop.
 */
export function witnessTab(
  tabId: number,
  subscription: () => TabSubscription | undefined,
): { observe(message: SubscriptionMessage): void; stop(): void } {
  const witness = new Witness(browserTraits(), tabId);
  // Where DevTools pages get no webRequest, the background's own recording is all there is.
  if (!browser.webRequest) return { observe: () => undefined, stop: () => undefined };
  const record = (event: Parameters<Witness['record']>[0]) => witness.record(event, Date.now());
  const recorder = scopedObserver(record);
  // Workers' requests have no tab, and a filter cannot ask for that (in Chromium, tabId -1
  // means any tab): a second set of listeners, only once the tab shows a worker's requests,
  // drops every event with a tab before copying anything.
  const workerRecorder = scopedObserver(record);
  let stopped = false;
  // Listening exactly when the worker records this tab: recording on, the tab not paused,
  // the same servers.
  let settings: Settings | undefined;
  let paused = false;
  const listen = () => {
    if (stopped) return;
    const on = settings?.recording === true && !paused;
    const urls = settings ? recordScope(settings.recordOnly).patterns : [];
    recorder.observe(on ? { tabId, urls } : null);
    workerRecorder.observe(on && witness.workerOrigins.size > 0 ? { tabless: true, urls } : null);
  };
  const unwatch = watchSettings((changed) => {
    settings = changed;
    listen();
  });
  const timer = setInterval(() => {
    const records = witness.missed(Date.now());
    if (records.length > 0) subscription()?.send({ type: 'witnessed', tabId, records });
  }, 500);
  return {
    observe: (message) => {
      const watchedWorkers = witness.workerOrigins.size;
      witness.observe(message);
      if (message.type === 'snapshot') paused = message.paused ?? false;
      if (message.type === 'snapshot' || witness.workerOrigins.size !== watchedWorkers) listen();
    },
    stop() {
      stopped = true;
      unwatch();
      clearInterval(timer);
      recorder.observe(null);
      workerRecorder.observe(null);
    },
  };
}
