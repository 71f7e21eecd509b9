import { browser } from '../browser';

// The panel page path is relative to the extension root, where the build keeps it.
void browser.devtools.panels.create('CORS', '/icons/icon-32.png', '/extension/panel/panel.html');
