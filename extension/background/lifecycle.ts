// Counts the background's starts in storage.session: Chromium stops the service worker and
// Firefox suspends the event page when idle, and each start reloads the log from storage.
// The count shows how often that happened (the tests read it to prove they forced it).
import { browser } from '../browser';

export const startsKey = 'meta:starts';

export function countStart(): void {
  void browser.storage.session
    .get(startsKey)
    .then((stored) => {
      const starts = typeof stored[startsKey] === 'number' ? stored[startsKey] : 0;
      return browser.storage.session.set({ [startsKey]: starts + 1 });
    })
    .catch(() => undefined);
}
