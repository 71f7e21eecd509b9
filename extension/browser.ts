// The one place that imports the WebExtension polyfill: everything else in extension/
// imports `browser` from here, so Chrome and Firefox share one promise-based API.
import browser from 'webextension-polyfill';

export { browser };
export type { Runtime, WebRequest, Tabs } from 'webextension-polyfill';
