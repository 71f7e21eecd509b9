// Debian's Firefox ESR driven by puppeteer-core over WebDriver BiDi, with dist/firefox
// installed as a temporary add-on. Never downloads a browser.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const firefoxPath = process.env.CORS_LENS_FIREFOX ?? '/usr/bin/firefox-esr';
export const firefoxExtensionDir = resolve(import.meta.dirname, '../../dist/firefox');
export const geckoId = 'cors-lens@cors-lens.dev';
// Pinned so the tests know the moz-extension:// address.
export const extensionUuid = '6f1c3a52-1c7e-4b35-9a0e-2f0d1e4c5b6a';
export const extensionOrigin = `moz-extension://${extensionUuid}`;

export interface LaunchedFirefox {
  browser: Browser;
  /** An extension page, for the extension's own messages (`cors-lens:export`, ...). */
  extensionPage: Page;
  ask(message: object): Promise<unknown>;
  close(): Promise<void>;
}

export async function launchFirefox(
  options: { prefs?: Record<string, unknown> } = {},
): Promise<LaunchedFirefox> {
  if (!existsSync(firefoxPath))
    throw new Error(
      `No Firefox at ${firefoxPath}: sudo apt-get install -y firefox-esr (or set CORS_LENS_FIREFOX).`,
    );
  if (!existsSync(resolve(firefoxExtensionDir, 'manifest.json')))
    throw new Error(`No built extension at ${firefoxExtensionDir}: run \`npm run build\` first.`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
    // Lets automation open moz-extension:// pages in tabs.
    args: ['-remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: extensionUuid }),
      ...options.prefs,
    },
  });
  await browser.installExtension(firefoxExtensionDir);
  const extensionPage = await openExtensionTab(browser, '/extension/popup/popup.html');
  return {
    browser,
    extensionPage,
    ask: async (message) => {
      // Right after the add-on is installed its event page may not listen yet ("Receiving
      // end does not exist", seen once on ESR 140 in CI): asked again for up to 10 s.
      for (let attempt = 0; ; attempt++) {
        try {
          return await extensionPage.evaluate(
            (m) =>
              (
                globalThis as unknown as {
                  browser: { runtime: { sendMessage(m: object): Promise<unknown> } };
                }
              ).browser.runtime.sendMessage(m),
            message,
          );
        } catch (error) {
          if (attempt >= 40 || !/Receiving end does not exist/.test(String(error))) throw error;
          await new Promise((wait) => setTimeout(wait, 250));
        }
      }
    },
    close: () => browser.close(),
  };
}

/** `page.goto` on moz-extension:// may never resolve here: start it and poll until it runs. */
export async function openExtensionTab(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  void page.goto(`${extensionOrigin}${path}`).catch(() => undefined);
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const ready = await page.evaluate(
        (origin) => location.origin === origin && document.readyState === 'complete',
        extensionOrigin,
      );
      if (ready) return page;
    } catch {
      // Still navigating.
    }
    if (Date.now() > deadline) throw new Error(`extension page ${path} did not load`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/**
 * Polls `predicate` in the page until it holds. Not puppeteer's `waitForFunction`: its poller
 * is built with `Function()`, which our extension pages' CSP refuses in Firefox ESR 140
 * ("call to Function() blocked by CSP"; ESR 153 let it through). `page.evaluate` runs in both.
 */
export async function waitInPage(
  page: Page,
  predicate: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(predicate))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}
