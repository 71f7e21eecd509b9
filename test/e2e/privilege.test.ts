// Least privilege and privacy, on the built extension: the manifest asks only for what it
// uses, the bundle has no eval/new Function and no network API, the log lives in
// storage.session only, and a run of the zoo with the panel, the popup and an export makes
// no network request of the extension's own (watched in the real browser, with a control
// request that proves the watch sees one).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Request } from 'playwright-core';
import {
  extensionDir,
  extensionMessenger,
  launchBrowser,
  openExtensionPage,
  tabIdOf,
  type LaunchedBrowser,
} from '../harness/browser';
import { startZoo, type Zoo } from '../fixtures/zoo/server';
import { scenarios } from '../fixtures/zoo/scenarios';

const bundle = (dir: string) =>
  readdirSync(join(dir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ file: f, code: readFileSync(join(dir, 'assets', f), 'utf8') }));

describe('the built bundles', () => {
  for (const dir of [extensionDir, join(extensionDir, '../firefox')]) {
    it(`${dir.split('/').at(-1)}: no eval, no new Function, no network API`, () => {
      for (const { file, code } of bundle(dir)) {
        expect(code, file).not.toMatch(/\beval\s*\(|new Function\s*\(|\bFunction\s*\(\s*["'`]/);
        expect(code, file).not.toMatch(
          /\bfetch\s*\((?!\))|new XMLHttpRequest|new WebSocket|sendBeacon\s*\(|new EventSource/,
        );
      }
    });
  }

  it('the log lives in storage.session; storage.local holds only the settings', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? sources(join(dir, entry.name)) : [join(dir, entry.name)],
      );
    const users = [...sources('extension'), ...sources('src')].filter((file) =>
      /storage\.(local|sync)/.test(readFileSync(file, 'utf8')),
    );
    expect(users).toEqual(['extension/settings.ts']);
    expect(readFileSync('extension/settings.ts', 'utf8')).toContain(
      "const settingsKey = 'settings';",
    );
  });

  it('the manifest asks for webRequest, storage and host access only, with a strict CSP', () => {
    const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
      permissions: string[];
      host_permissions: string[];
      optional_permissions?: string[];
      content_security_policy: { extension_pages: string };
      content_scripts?: unknown;
      web_accessible_resources?: unknown;
    };
    expect(manifest.permissions.sort()).toEqual(['storage', 'webRequest']);
    expect(manifest.host_permissions).toEqual(['<all_urls>']);
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.content_security_policy.extension_pages).toBe(
      "script-src 'self'; object-src 'none'; base-uri 'none'",
    );
  });
});

describe('nothing leaves the machine', () => {
  let browser: LaunchedBrowser;
  let zoo: Zoo;
  const seen: string[] = [];
  const ours = (request: Request) =>
    Boolean(request.serviceWorker()) ||
    (request.frame()?.url() ?? '').startsWith('chrome-extension://');

  beforeAll(async () => {
    // Playwright reports a service worker's own requests only with this switch.
    process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
    zoo = await startZoo();
    browser = await launchBrowser();
    browser.context.on('request', (request) => {
      if (ours(request) && !request.url().startsWith('chrome-extension://'))
        seen.push(request.url());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await zoo?.close();
  });

  it('the watch sees a request the worker makes (the control)', async () => {
    const worker = await browser.currentWorker();
    await worker.evaluate(`fetch(${JSON.stringify(`${zoo.apiOrigin}/control`)}).catch(() => 0)`);
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    expect(seen[0]).toBe(`${zoo.apiOrigin}/control`);
    seen.length = 0;
  });

  it('recording the zoo, the panel, the popup and an export make no request of their own', async () => {
    const page = await browser.context.newPage();
    await page.goto(zoo.pageOrigin);
    for (const scenario of scenarios.slice(0, 40))
      await page.evaluate(
        (id) =>
          (window as unknown as { runScenario(id: string): Promise<unknown> }).runScenario(id),
        scenario.id,
      );
    const tabId = await tabIdOf(browser, `${zoo.pageOrigin}/`);
    const panel = await openExtensionPage(browser, 'extension/panel/panel.html', {
      inspectedTabId: tabId,
    });
    await panel
      .getByRole('listbox', { name: 'Cross-origin requests' })
      .getByRole('option')
      .first()
      .click();
    const popup = await openExtensionPage(browser, 'extension/popup/popup.html', {
      query: `?tabId=${tabId}`,
    });
    await popup.getByText(/\d+ blocked requests?/).waitFor();
    const ask = await extensionMessenger(browser);
    for (const format of ['json', 'markdown', 'html'])
      await ask({ type: 'cors-lens:export', tabId, format });
    await new Promise((done) => setTimeout(done, 500));
    expect(seen).toEqual([]);
  });
});
