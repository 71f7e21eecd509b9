import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import {
  evaluateInTargets,
  launchBrowser,
  openExtensionPage,
  tabIdOf,
  waitForTarget,
  type LaunchedBrowser,
} from '../harness/browser';
import { startZoo, type Zoo } from '../fixtures/zoo/server';

const screenshots = 'artifacts/e2e';

describe('the built extension in Debian Chromium', () => {
  let browser: LaunchedBrowser;
  let zoo: Zoo;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    zoo = await startZoo();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await zoo?.close();
  });

  it('starts its service worker with the declared permissions', async () => {
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
    const manifest = await browser.worker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions).toEqual(['webRequest', 'storage']);
    expect(manifest.devtools_page).toBe('extension/devtools/devtools.html');
  });

  it('renders the panel bound to the inspected tab', async () => {
    const zooPage = await browser.context.newPage();
    await zooPage.goto(zoo.pageOrigin);
    const tabId = await tabIdOf(browser, `${zoo.pageOrigin}/`);
    const panel = await openExtensionPage(browser, 'extension/panel/panel.html', {
      inspectedTabId: tabId,
    });
    await expect
      .poll(() => panel.getByRole('heading', { name: 'CORS', exact: true }).count())
      .toBe(1);
    await panel.screenshot({ path: `${screenshots}/panel.png` });
  });

  it('renders the popup', async () => {
    const popup = await openExtensionPage(browser, 'extension/popup/popup.html');
    await expect.poll(() => popup.getByRole('heading', { name: 'CORS Lens' }).count()).toBe(1);
    await popup.screenshot({ path: `${screenshots}/popup.png` });
  });
});

describe('inside real DevTools', () => {
  it('runs the devtools page bound to the inspected tab', async () => {
    const zoo = await startZoo();
    const browser = await launchBrowser({ extraArgs: ['--auto-open-devtools-for-tabs'] });
    try {
      const page = await browser.context.newPage();
      await page.goto(zoo.pageOrigin);
      const tabId = await tabIdOf(browser, `${zoo.pageOrigin}/`);
      const devtoolsPage = `chrome-extension://${browser.extensionId}/extension/devtools/devtools.html`;
      await waitForTarget(browser, devtoolsPage);
      // One devtools page per inspected tab; the zoo tab's opens a moment after the first.
      await expect
        .poll(
          () => evaluateInTargets(browser, devtoolsPage, 'chrome.devtools.inspectedWindow.tabId'),
          {
            timeout: 30_000,
          },
        )
        .toContain(tabId);
    } finally {
      await browser.close();
      await zoo.close();
    }
  });
});
