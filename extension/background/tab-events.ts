import { browser } from '../browser';
import type { TrackerService } from './tracker-service';

/**
 * Closed tabs free their data (navigations are noticed by the tracker itself); each tab's
 * address is kept, because a worker's requests show in the tabs of the worker's origin.
 */
export function listenForTabs(tracker: TrackerService): void {
  browser.tabs.onRemoved.addListener((tabId) => void tracker.forgetTab(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url) tracker.workerTabs.noteTab(tabId, change.url);
  });
}
