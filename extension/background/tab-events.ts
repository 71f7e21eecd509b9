import { browser } from '../browser';
import { loadSettings } from './settings';
import type { TrackerService } from './tracker-service';

/** Closed tabs free their data; a navigation clears the tab's log unless "preserve log" is on. */
export function listenForTabs(tracker: TrackerService): void {
  browser.tabs.onRemoved.addListener((tabId) => void tracker.forgetTab(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'loading') return;
    void loadSettings().then((settings) => {
      if (!settings.preserveLog) return tracker.clearTab(tabId);
      return undefined;
    });
  });
}
