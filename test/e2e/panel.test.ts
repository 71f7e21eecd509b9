// The panel and popup pages of the built extension, bound to a zoo tab in real Chromium:
// what a user sees after the page's requests fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import {
  launchBrowser,
  openExtensionPage,
  stopServiceWorkers,
  tabIdOf,
  type LaunchedBrowser,
} from '../harness/browser';
import { startZoo, type Zoo } from '../fixtures/zoo/server';

const shots = 'artifacts/e2e';
let browser: LaunchedBrowser;
let zoo: Zoo;
let page: Page;
let tabId: number;
const run = (id: string) =>
  page.evaluate(
    (id) => (window as unknown as { runScenario(id: string): Promise<unknown> }).runScenario(id),
    id,
  );

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  zoo = await startZoo();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.goto(zoo.pageOrigin);
  tabId = await tabIdOf(browser, `${zoo.pageOrigin}/`);
  for (const id of ['pf-header', 'no-acao', 'ok-echo', 'hostile']) await run(id);
});
async function extensionPageForMessages(): Promise<Page> {
  const messenger = await browser.context.newPage();
  await messenger.goto(
    `chrome-extension://${browser.extensionId}/extension/popup/popup.html?tabId=${tabId}`,
  );
  return messenger;
}
afterAll(async () => {
  await browser?.close();
  await zoo?.close();
});

describe('the CORS panel', () => {
  it('shows the blocked row, the code in words, the failing diff row and the curl text', async () => {
    const panel = await openExtensionPage(browser, 'extension/panel/panel.html', {
      inspectedTabId: tabId,
    });
    await panel.setViewportSize({ width: 1400, height: 900 });
    const list = panel.getByRole('listbox', { name: 'Cross-origin requests' });
    const row = list.getByRole('option').filter({ hasText: '/s/pf-header/0' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('blocked');
    expect(await row.textContent()).toContain('Header not allowed');
    await row.click();
    await panel
      .getByRole('heading', { name: 'The preflight does not allow the request header x-api-key.' })
      .waitFor();
    const failing = panel.locator('tr.decisive');
    expect(await failing.textContent()).toContain('x-api-key');
    expect(await panel.getByLabel('Preflight as curl').textContent()).toContain(
      "-H 'Access-Control-Request-Headers: x-api-key'",
    );
    await panel.screenshot({ path: `${shots}/panel-detail.png` });
    await panel.close();
  });

  it('suggests the fix for the chosen stack and proves it in the what-if editor', async () => {
    const panel = await openExtensionPage(browser, 'extension/panel/panel.html', {
      inspectedTabId: tabId,
    });
    await panel.setViewportSize({ width: 1400, height: 1200 });
    const row = panel
      .getByRole('listbox', { name: 'Cross-origin requests' })
      .getByRole('option')
      .filter({ hasText: '/s/pf-header/0' });
    await expect.poll(() => row.count()).toBe(1);
    await row.click();
    await panel.getByLabel('Server stack').selectOption('nginx');
    expect(await panel.getByRole('list', { name: 'Changes' }).textContent()).toContain(
      'Add x-api-key to Access-Control-Allow-Headers.',
    );
    const config = (await panel.getByLabel('Fix for nginx').textContent()) ?? '';
    expect(config).toContain(`"${zoo.pageOrigin}" $http_origin;`);
    expect(config).toMatch(/Access-Control-Allow-Headers "content-type, x-api-key" always;/);
    await panel.getByText('What if the server sent…').click();
    const verdict = panel.getByLabel('What-if verdict');
    expect(await verdict.textContent()).toContain('HeaderDisallowedByPreflightResponse');
    await panel.getByRole('button', { name: 'Apply suggested fix' }).click();
    await expect.poll(() => verdict.textContent()).toMatch(/^Would pass/);
    await panel.screenshot({ path: `${shots}/panel-fix.png`, fullPage: true });
    await panel.close();
  });

  it('renders hostile header values as text, runs no script', async () => {
    const panel = await openExtensionPage(browser, 'extension/panel/panel.html', {
      inspectedTabId: tabId,
      theme: 'dark',
    });
    const row = panel
      .getByRole('listbox', { name: 'Cross-origin requests' })
      .getByRole('option')
      .filter({ hasText: '/s/hostile/0' });
    await row.click();
    await panel
      .getByText(/^Response headers \(status/)
      .first()
      .click();
    await panel
      .getByText(/window\.pwned=2/)
      .first()
      .waitFor();
    expect(
      await panel.evaluate(() => (window as unknown as { pwned?: number }).pwned),
    ).toBeUndefined();
    expect(await panel.locator('.detail img, .detail script').count()).toBe(0);
    expect(await panel.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await panel.close();
  });

  it('receives new requests live and reconnects after the worker stops', async () => {
    const panel = await openExtensionPage(browser, 'extension/panel/panel.html', {
      inspectedTabId: tabId,
    });
    const list = panel.getByRole('listbox', { name: 'Cross-origin requests' });
    await list.getByRole('option').first().waitFor();
    await run('wrong-acao');
    await expect
      .poll(() => list.getByRole('option').filter({ hasText: '/s/wrong-acao/0' }).count())
      .toBe(1);
    await stopServiceWorkers(browser);
    await run('pf-method');
    await expect
      .poll(() => list.getByRole('option').filter({ hasText: '/s/pf-method/0' }).count(), {
        timeout: 15_000,
      })
      .toBe(1);
    expect(
      await list.getByRole('option').filter({ hasText: '/s/pf-method/0' }).textContent(),
    ).toContain('Method not allowed');
    await panel.close();
  });
});

describe('reports', () => {
  it('exports Markdown from the panel and HTML from the popup as downloads', async () => {
    const panel = await openExtensionPage(browser, 'extension/panel/panel.html', {
      inspectedTabId: tabId,
    });
    const first = panel
      .getByRole('listbox', { name: 'Cross-origin requests' })
      .getByRole('option')
      .first();
    await first.waitFor();
    // The stack picked in the panel is the one the reports' fixes are written for.
    await first.click();
    await panel.getByLabel('Server stack').selectOption('django');
    const [markdown] = await Promise.all([
      panel.waitForEvent('download'),
      panel.getByRole('button', { name: 'Export report' }).click(),
    ]);
    expect(markdown.suggestedFilename()).toMatch(/^cors-lens-localhost_\d+-.*\.md$/);
    const text = readFileSync((await markdown.path()) ?? '', 'utf8');
    expect(text).toContain('HeaderDisallowedByPreflightResponse');
    expect(text).toContain('curl -i -X OPTIONS');
    expect(text).toContain('**Suggested fix — Django (django-cors-headers)**');
    const popup = await openExtensionPage(browser, 'extension/popup/popup.html', {
      query: `?tabId=${tabId}`,
    });
    const [html] = await Promise.all([
      popup.waitForEvent('download'),
      popup.getByRole('button', { name: 'HTML' }).click(),
    ]);
    expect(html.suggestedFilename()).toMatch(/\.html$/);
    expect(readFileSync((await html.path()) ?? '', 'utf8')).toContain(
      'Suggested fix — Django (django-cors-headers)',
    );
  });

  it('renders hostile values in the HTML report as text, with no script running', async () => {
    const { content } = (await (
      await extensionPageForMessages()
    ).evaluate(
      (id) => chrome.runtime.sendMessage({ type: 'cors-lens:export', tabId: id, format: 'html' }),
      tabId,
    )) as { content: string };
    const viewer = await browser.context.newPage();
    await viewer.setContent(content);
    expect(
      await viewer.getByText('<img src=x onerror="window.pwned=1">', { exact: false }).count(),
    ).toBeGreaterThan(0);
    expect(
      await viewer.evaluate(() => (window as unknown as { pwned?: number }).pwned),
    ).toBeUndefined();
    expect(await viewer.locator('img, script').count()).toBe(0);
    await viewer.screenshot({ path: `${shots}/report.png`, fullPage: true });
  });
});

describe('the popup', () => {
  it('summarises the tab’s blocked requests', async () => {
    const popup = await openExtensionPage(browser, 'extension/popup/popup.html', {
      query: `?tabId=${tabId}`,
    });
    await popup.getByText(/\d+ blocked requests?/).waitFor();
    expect(
      await popup.getByRole('table', { name: 'Blocked requests by error' }).textContent(),
    ).toContain('Header not allowed');
    expect(await popup.getByRole('button', { name: 'Markdown' }).isEnabled()).toBe(true);
    await popup.screenshot({ path: `${shots}/popup.png` });
  });
});
