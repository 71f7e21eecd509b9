// How the panel looks where DevTools really puts it, and whether everyone can use it: the
// layout at 500 (docked aside, the default), 800 and 1280 px, axe-core's WCAG A/AA checks in
// the panel, the popup and the HTML report, and the keyboard alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import type { Page } from 'playwright-core';
import {
  extensionMessenger,
  launchBrowser,
  openExtensionPage,
  tabIdOf,
  type LaunchedBrowser,
} from '../harness/browser';
import { seriousViolations } from '../harness/axe';
import { layoutProblems } from '../harness/layout';
import { startZoo, type Zoo } from '../fixtures/zoo/server';

const shots = 'artifacts/e2e';
let browser: LaunchedBrowser;
let zoo: Zoo;
let tabId: number;
let raw: Server;
let rawOrigin: string;

/**
 * The bytes a hostile server can put in a header value, which Node's HTTP server refuses to
 * send: ESC and BEL (a terminal's colors and bell), and U+202E (right-to-left override), raw,
 * in the Allow-Origin value every report shows.
 */
const hostileValue = Buffer.concat([
  Buffer.from('\x1b[31mred\x07 '),
  Buffer.from('\u202eevil', 'utf8'),
]);

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  zoo = await startZoo();
  raw = createServer((socket) =>
    socket.once('data', () =>
      socket.end(
        Buffer.concat([
          Buffer.from(
            'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\nAccess-Control-Allow-Origin: ',
          ),
          hostileValue,
          Buffer.from('\r\n\r\nok'),
        ]),
      ),
    ),
  );
  await new Promise<void>((done) => raw.listen(0, '127.0.0.1', done));
  rawOrigin = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  const page = await browser.context.newPage();
  await page.goto(zoo.pageOrigin);
  tabId = await tabIdOf(browser, `${zoo.pageOrigin}/`);
  for (const id of [
    'pf-header',
    'no-acao',
    'ok-echo',
    'hostile',
    'creds-star',
    'pf-method',
    'redirect-no-acao',
  ])
    await page.evaluate(
      (id) => (window as unknown as { runScenario(id: string): Promise<unknown> }).runScenario(id),
      id,
    );
  await page.evaluate((url) => fetch(url).catch(() => undefined), `${rawOrigin}/control`);
});
afterAll(async () => {
  raw?.close();
  await browser?.close();
  await zoo?.close();
});

async function panelAt(width: number, theme: 'default' | 'dark' = 'default'): Promise<Page> {
  const panel = await openExtensionPage(browser, 'extension/panel/panel.html', {
    inspectedTabId: tabId,
    theme,
  });
  await panel.setViewportSize({ width, height: 800 });
  // esbuild names inner functions with a helper the page does not have.
  await panel.evaluate('globalThis.__name = (f) => f');
  await panel
    .getByRole('listbox', { name: 'Cross-origin requests' })
    .getByRole('option')
    .first()
    .waitFor();
  return panel;
}

async function boxOf(page: Page, selector: string) {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  return box;
}

async function selectBlocked(panel: Page): Promise<void> {
  await panel
    .getByRole('listbox', { name: 'Cross-origin requests' })
    .getByRole('option')
    .filter({ hasText: '/s/pf-header/0' })
    .click();
  await panel.getByRole('heading', { name: /does not allow the request header/ }).waitFor();
}

describe('the panel at the widths DevTools has', () => {
  for (const width of [500, 800, 1280]) {
    it(`${width} px, a blocked request selected: the toolbar fits, no word breaks, no pane draws over another`, async () => {
      const panel = await panelAt(width);
      await selectBlocked(panel);
      const report = await panel.evaluate(layoutProblems);
      await panel.screenshot({ path: `${shots}/panel-${width}.png` });
      // Every other request's detail too (hostile values, redirects, credentials, methods).
      const options = panel
        .getByRole('listbox', { name: 'Cross-origin requests' })
        .getByRole('option');
      for (let i = 0; i < (await options.count()); i++) {
        await options.nth(i).click();
        const other = await panel.evaluate(layoutProblems);
        report.brokenWords.push(...other.brokenWords.map((w) => `row ${i}: ${w}`));
        report.overlaps.push(...other.overlaps.map((o) => `row ${i}: ${o}`));
      }
      await selectBlocked(panel);
      console.log(
        `panel at ${width} px: toolbar ${report.toolbarRows} row(s), ${report.brokenWords.length} broken words, ${report.overlaps.length} overlaps`,
      );
      expect(report.toolbarRows).toBeLessThanOrEqual(width >= 1280 ? 1 : 2);
      expect(report.brokenWords).toEqual([]);
      expect(report.overlaps).toEqual([]);
      // The list above the detail when narrow, beside it when wide.
      const list = await boxOf(panel, '[data-pane="list"]');
      const detail = await boxOf(panel, '[data-pane="detail"]');
      if (width < 720) expect(list.y + list.height).toBeLessThanOrEqual(detail.y);
      else expect(list.x + list.width).toBeLessThanOrEqual(detail.x);
      // Every row shows the end of its URL's path.
      const tails = await panel.locator('.viewport .c-url').evaluateAll((cells) =>
        cells.map((cell) => {
          const text = cell.firstElementChild as HTMLElement;
          const range = document.createRange();
          range.selectNodeContents(text);
          const shown =
            range.getBoundingClientRect().right <= cell.getBoundingClientRect().right + 1;
          return shown && cell.getBoundingClientRect().width > 40;
        }),
      );
      expect(tails.length).toBeGreaterThan(0);
      expect(tails.every(Boolean)).toBe(true);
      await panel.close();
    });
  }

  it('the splitter moves with the keyboard and the mouse, within bounds', async () => {
    const panel = await panelAt(500);
    const splitter = panel.getByRole('separator', { name: 'Resize the request list' });
    const before = Number(await splitter.getAttribute('aria-valuenow'));
    await splitter.focus();
    await panel.keyboard.press('ArrowDown');
    expect(Number(await splitter.getAttribute('aria-valuenow'))).toBe(before + 5);
    const box = await boxOf(panel, '[role="separator"]');
    await panel.mouse.move(box.x + box.width / 2, box.y + 2);
    await panel.mouse.down();
    await panel.mouse.move(box.x + box.width / 2, 790, { steps: 4 });
    await panel.mouse.up();
    expect(Number(await splitter.getAttribute('aria-valuenow'))).toBe(85);
    await panel.keyboard.press('Home');
    expect(Number(await splitter.getAttribute('aria-valuenow'))).toBe(15);
    await panel.close();
  });
});

describe('accessibility (axe-core, WCAG 2.2 A/AA)', () => {
  for (const theme of ['default', 'dark'] as const) {
    it(`the panel in the ${theme === 'dark' ? 'dark' : 'light'} theme: the list, then a blocked request, then the menus`, async () => {
      const panel = await panelAt(1280, theme);
      expect(await seriousViolations(panel)).toEqual([]);
      await selectBlocked(panel);
      expect(await seriousViolations(panel)).toEqual([]);
      await panel.getByRole('button', { name: 'Report options' }).click();
      expect(await seriousViolations(panel)).toEqual([]);
      await panel.close();
    });
  }

  it('the popup and the HTML report', async () => {
    const popup = await openExtensionPage(browser, 'extension/popup/popup.html', {
      query: `?tabId=${tabId}`,
    });
    await popup.getByText(/\d+ blocked requests?/).waitFor();
    expect(await seriousViolations(popup)).toEqual([]);
    const ask = await extensionMessenger(browser);
    const { content } = (await ask({ type: 'cors-lens:export', tabId, format: 'html' })) as {
      content: string;
    };
    const viewer = await browser.context.newPage();
    await viewer.setContent(content);
    expect(await seriousViolations(viewer)).toEqual([]);
  });

  it('every action is reached with Tab, and the list announces the selected request', async () => {
    const panel = await panelAt(1280);
    const names: string[] = [];
    await panel.locator('body').focus();
    for (let i = 0; i < 14; i++) {
      await panel.keyboard.press('Tab');
      names.push(
        await panel.evaluate(() => {
          const e = document.activeElement;
          return e?.getAttribute('aria-label') ?? e?.textContent ?? '';
        }),
      );
    }
    for (const name of [
      'Recording',
      'Clear',
      'Filter by URL or header',
      'Blocked only',
      'Filter by CORS error',
      'Preserve log',
      'Recording settings',
      'Export report',
      'Report options',
      'Cross-origin requests',
      'Resize the request list',
    ])
      expect(names).toContain(name);
    // The list: arrow keys select, and the listbox points at the selected option.
    await panel.getByRole('listbox', { name: 'Cross-origin requests' }).focus();
    await panel.keyboard.press('ArrowDown');
    const active = await panel
      .getByRole('listbox', { name: 'Cross-origin requests' })
      .getAttribute('aria-activedescendant');
    expect(await panel.locator(`[id="${active}"]`).getAttribute('aria-selected')).toBe('true');
    // The settings menu opens from the keyboard and closes with Escape.
    await panel.getByRole('button', { name: 'Recording settings' }).focus();
    await panel.keyboard.press('Enter');
    await panel.getByLabel('Record this tab').waitFor();
    await panel.keyboard.press('Escape');
    expect(await panel.getByLabel('Record this tab').count()).toBe(0);
    await panel.close();
  });
});

describe('control characters from the traffic', () => {
  it('are escaped in the Markdown report, kept exactly in the JSON', async () => {
    const ask = await extensionMessenger(browser);
    const exported = async (format: string) =>
      ((await ask({ type: 'cors-lens:export', tabId, format })) as { content: string }).content;
    const json = await exported('json');
    // The browser passed the bytes on: the JSON report has them as they came.
    expect(json).toContain(JSON.stringify(hostileValue.toString('utf8')).slice(1, -1));
    const markdown = await exported('markdown');
    expect(markdown).toMatch(/\\u001b\\?\[31mred\\u0007 \\u202eevil/);
    expect(
      // eslint-disable-next-line no-control-regex -- looking for them is the point
      markdown.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g),
    ).toBeNull();
  });
});
