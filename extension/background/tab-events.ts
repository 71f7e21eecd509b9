import { browser } from '../browser';
import type { TrackerService } from './tracker-service';

/** Closed tabs free their data (navigations are noticed by the tracker itself). */
export function listenForTabs(tracker: TrackerService): void {
  browser.tabs.onRemoved.addListener((tabId) => void tracker.forgetTab(tabId));
}
