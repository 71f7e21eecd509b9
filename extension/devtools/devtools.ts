import { browser } from '../browser';
import { subscribeToTab, type TabSubscription } from '../subscription';
import { witnessTab } from './witness';

// The panel page path is relative to the extension root, where the build keeps it.
void browser.devtools.panels.create('CORS', '/icons/icon-32.png', '/extension/panel/panel.html');

// While DevTools is open, this page (alive as long as the DevTools window, whichever panel
// shows) records the inspected tab too, for the moments the worker is stopped.
const tabId = browser.devtools.inspectedWindow.tabId;
const witness = witnessTab(tabId, () => subscription);
const subscription: TabSubscription = subscribeToTab(tabId, witness.observe, () => undefined);
