import { browser } from '../browser';
import { subscribeToTab, type TabSubscription } from '../subscription';
import { witnessTab } from './witness';
import { watchPageRequests } from './page-requests';

// The panel page path is relative to the extension root, where the build keeps it.
void browser.devtools.panels.create('CORS', '/icons/icon-32.png', '/extension/panel/panel.html');

// While DevTools is open, this page (alive as long as the DevTools window, whichever panel
// shows) keeps the worker alive, and hands it what it missed if it was stopped anyway.
const tabId = browser.devtools.inspectedWindow.tabId;
const witness = witnessTab(tabId, () => subscription);
// And it tells the worker what the page asked for when a service worker passed the request on.
const pageRequests = watchPageRequests((requests) =>
  subscription.send({ type: 'page-requests', tabId, requests }),
);
const subscription: TabSubscription = subscribeToTab(
  tabId,
  (message) => {
    witness.observe(message);
    pageRequests.observe(message);
  },
  (connected) => witness.connection(connected),
  true,
);
