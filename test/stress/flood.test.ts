// Floods and worker death in real Chromium with the built extension: a burst of 10,000
// cross-origin requests, 50 tabs at once, and the service worker stopped again and again in
// the middle of concurrent preflighted requests. Counts and verdicts are compared with
// Chrome's own record of the same run (DevTools protocol).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  extensionMessenger,
  launchBrowser,
  openExtensionPage,
  stopServiceWorkers,
  tabIdOf,
  workerHeapBytes,
  type LaunchedBrowser,
} from '../harness/browser';
import { CdpRecorder } from '../harness/cdp-recorder';
import { fireRequests } from '../harness/fire-requests';
import { startZoo, type Zoo } from '../fixtures/zoo/server';
import type { Report } from '../../src/report/json-report';
import { logLimits } from '../../src/tracker/tab-log';

let browser: LaunchedBrowser;
let zoo: Zoo;
let ask: (message: object) => Promise<unknown>;
export const figures: Record<string, number | string> = {};

const exported = async (tabId: number) =>
  JSON.parse(
    ((await ask({ type: 'cors-lens:export', tabId, format: 'json' })) as { content: string })
      .content,
  ) as Report;

const burst = (page: Page, ids: string[], count: number, concurrency: number) =>
  fireRequests(page, zoo.apiOrigin, ids, count, concurrency);

async function settle(tabId: number, expected: (r: Report) => boolean, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const report = await exported(tabId);
    if (expected(report)) return report;
    if (Date.now() > deadline) return report;
    await new Promise((done) => setTimeout(done, 250));
  }
}

beforeAll(async () => {
  zoo = await startZoo();
  browser = await launchBrowser();
  ask = await extensionMessenger(browser);
});
afterAll(async () => {
  console.log(`flood figures: ${JSON.stringify(figures)}`);
  await browser?.close();
  await zoo?.close();
});

describe('floods', () => {
  it('10,000 requests in a burst: the worker keeps up, the log stays at its cap, nothing twice', async () => {
    const page = await browser.context.newPage();
    await page.goto(zoo.pageOrigin);
    const tabId = await tabIdOf(browser, `${zoo.pageOrigin}/`);
    const started = Date.now();
    let heapPeak = await workerHeapBytes(browser);
    const heapAtStart = heapPeak;
    for (let chunk = 0; chunk < 10; chunk++) {
      await burst(page, ['ok-echo', 'no-acao', 'wrong-acao', 'acao-null'], 1000, 64);
      heapPeak = Math.max(heapPeak, await workerHeapBytes(browser).catch(() => 0));
    }
    figures.burstMs = Date.now() - started;
    figures.workerHeapAtStartBytes = heapAtStart;
    figures.workerHeapPeakBytes = heapPeak;
    const report = await settle(
      tabId,
      (r) =>
        r.exchanges.length === logLimits.perTab &&
        r.exchanges.every((e) => e.outcome !== 'pending'),
    );
    figures.burstSettledMs = Date.now() - started;
    expect(report.exchanges).toHaveLength(logLimits.perTab);
    expect(new Set(report.exchanges.map((e) => e.id)).size).toBe(logLimits.perTab);
    // The newest are kept: the last request ids are in the log.
    const worker = await browser.currentWorker();
    const bytes = (await worker.evaluate('chrome.storage.session.getBytesInUse(null)')) as number;
    figures.storageBytesAfterBurst = bytes;
    expect(bytes).toBeLessThanOrEqual(8 * 1024 * 1024);
    const badge = (await worker.evaluate(
      `chrome.action.getBadgeText({ tabId: ${tabId} })`,
    )) as string;
    expect(badge).toBe(String(report.exchanges.filter((e) => e.outcome === 'blocked').length));
    expect(await ask({ type: 'cors-lens:ping' })).toMatchObject({ version: expect.any(String) });
    await page.close();
  });

  it('50 tabs at once; closed tabs free their data', async () => {
    const pages = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const page = await browser.context.newPage();
        await page.goto(zoo.pageOrigin);
        return page;
      }),
    );
    await Promise.all(pages.map((page) => burst(page, ['ok-echo', 'no-acao'], 20, 4)));
    const worker = await browser.currentWorker();
    const tabIds = (await worker.evaluate(
      `chrome.tabs.query({ url: ${JSON.stringify(`${zoo.pageOrigin}/`)} }).then((tabs) => tabs.map((t) => t.id))`,
    )) as number[];
    expect(tabIds).toHaveLength(50);
    for (const id of tabIds) {
      const report = await settle(id, (r) => r.exchanges.length === 20);
      expect(report.exchanges).toHaveLength(20);
    }
    await Promise.all(pages.slice(10).map((page) => page.close()));
    await expect
      .poll(
        async () => {
          const stored = (await worker.evaluate('chrome.storage.session.get(null)')) as Record<
            string,
            { tabId?: number }
          >;
          return new Set(
            Object.entries(stored)
              .filter(([k]) => k.startsWith('rec:'))
              .map(([, v]) => v.tabId),
          ).size;
        },
        { timeout: 10_000 },
      )
      .toBe(10);
    figures.tabs = 50;
    await Promise.all(pages.slice(0, 10).map((page) => page.close()));
  });
});

describe('worker death', () => {
  it('stopped 8 times during 600 concurrent preflighted requests with DevTools open: each recorded once, as Chrome saw it', async () => {
    const page = await browser.context.newPage();
    await page.goto(zoo.pageOrigin);
    const recorder = await CdpRecorder.attach(browser.context, page, zoo.pageOrigin);
    const tabId = await tabIdOf(browser, `${zoo.pageOrigin}/`);
    await ask({ type: 'cors-lens:clear-tab', tabId });
    // DevTools' own page (its witness) and the CORS panel, bound to the tab.
    const devtools = await openExtensionPage(browser, 'extension/devtools/devtools.html', {
      inspectedTabId: tabId,
    });
    const panel = await openExtensionPage(browser, 'extension/panel/panel.html', {
      inspectedTabId: tabId,
    });
    await panel.getByText('0 requests').waitFor();
    const ids = ['pf-header', 'pf-method', 'pf-no-acao', 'pf-ok', 'ok-echo'];
    const total = 600;
    let done = false;
    const running = burst(page, ids, total, 6).finally(() => (done = true));
    let stops = 0;
    let reconnectingSeen = false;
    const stopping = (async () => {
      while (!done && stops < 8) {
        await new Promise((wait) => setTimeout(wait, 450));
        await stopServiceWorkers(browser);
        stops++;
        reconnectingSeen ||=
          (await panel.locator('.counts').textContent())?.includes('reconnecting') ?? false;
      }
    })();
    await Promise.all([running, stopping]);
    figures.workerStops = stops;
    expect(stops).toBeGreaterThanOrEqual(4);
    const report = await settle(
      tabId,
      (r) => r.exchanges.length >= total && r.exchanges.every((e) => e.outcome !== 'pending'),
      20_000,
    );
    const chrome = recorder.allSettled();
    expect(chrome).toHaveLength(total);
    {
      const worker = await browser.currentWorker();
      const stored = (await worker.evaluate('chrome.storage.session.get(null)')) as Record<
        string,
        unknown
      >;
      figures.starts = String(stored['meta:starts']);
      figures.pairingInFlight = Object.keys(stored).filter((k) => k.startsWith('pr:')).length;
    }
    // Exactly once each, none invented, each with the verdict Chrome reached.
    const ours = new Map(report.exchanges.map((e) => [e.url, e]));
    expect(new Set(report.exchanges.map((e) => e.id)).size).toBe(report.exchanges.length);
    expect(ours.size).toBe(report.exchanges.length);
    figures.exchangesLost = chrome.filter((c) => !ours.has(c.url)).length;
    figures.wrongVerdicts = chrome.filter(
      (c) =>
        ours.has(c.url) && ours.get(c.url)?.verdict.chromiumError !== (c.chrome.corsError ?? null),
    ).length;
    expect(figures.exchangesLost).toBe(0);
    expect(figures.wrongVerdicts).toBe(0);
    expect(report.exchanges).toHaveLength(total);
    const worker = await browser.currentWorker();
    const badge = (await worker.evaluate(
      `chrome.action.getBadgeText({ tabId: ${tabId} })`,
    )) as string;
    expect(badge).toBe(String(report.exchanges.filter((e) => e.outcome === 'blocked').length));
    // The open panel lost its connection with each stop and came back by itself, complete.
    figures.panelSawReconnecting = String(reconnectingSeen);
    await expect
      .poll(() => panel.locator('.counts').textContent(), { timeout: 10_000 })
      .toBe(`${total} requests · ${badge} blocked`);
    await Promise.all([page, devtools, panel].map((p) => p.close()));
  });

  it('without DevTools, the worker alone: none twice, none invented, losses counted', async () => {
    const page = await browser.context.newPage();
    await page.goto(zoo.pageOrigin);
    const recorder = await CdpRecorder.attach(browser.context, page, zoo.pageOrigin);
    const tabId = await tabIdOf(browser, `${zoo.pageOrigin}/`);
    await ask({ type: 'cors-lens:clear-tab', tabId });
    const ids = ['pf-header', 'pf-method', 'pf-no-acao', 'pf-ok', 'ok-echo'];
    const running = burst(page, ids, 300, 6);
    let stops = 0;
    const stopping = (async () => {
      for (let i = 0; i < 6; i++) {
        await new Promise((done) => setTimeout(done, 700));
        await stopServiceWorkers(browser);
        stops++;
      }
    })();
    await Promise.all([running, stopping]);
    figures.workerStopsWithoutDevTools = stops;
    const report = await settle(
      tabId,
      (r) => r.exchanges.length >= 300 && r.exchanges.every((e) => e.outcome !== 'pending'),
      10_000,
    );
    const chrome = recorder.allSettled();
    expect(chrome.length).toBe(300);
    // Exactly once: no request recorded twice, none invented.
    const counts = (urls: string[]) =>
      urls.reduce<Record<string, number>>((m, u) => ((m[u] = (m[u] ?? 0) + 1), m), {});
    const ours = counts(report.exchanges.map((e) => e.url));
    const theirs = counts(chrome.map((c) => c.url));
    for (const [url, n] of Object.entries(ours))
      expect(n, url).toBeLessThanOrEqual(theirs[url] ?? 0);
    expect(new Set(report.exchanges.map((e) => e.id)).size).toBe(report.exchanges.length);
    // Known limit (README): the events Chromium had dispatched to the worker when it was
    // stopped die with it; without DevTools open nobody else saw them. Counted, not hidden.
    figures.exchangesLostWithoutDevTools = chrome.length - report.exchanges.length;
    // A request whose preflight events fell in that gap is recorded without its preflight,
    // and then judged on what was seen: counted, and checked to be at most the lost ones.
    const wrong = report.exchanges.filter(
      (record) =>
        record.verdict.chromiumError !==
        (chrome.find((c) => c.url === record.url)?.chrome.corsError ?? null),
    );
    figures.wrongVerdictsWithoutDevTools = wrong.length;
    expect(wrong.every((r) => !r.exchange.preflight)).toBe(true);
    expect(report.exchanges.length - wrong.length).toBeGreaterThan(chrome.length * 0.5);
    const worker = await browser.currentWorker();
    const badge = (await worker.evaluate(
      `chrome.action.getBadgeText({ tabId: ${tabId} })`,
    )) as string;
    expect(badge).toBe(String(report.exchanges.filter((e) => e.outcome === 'blocked').length));
  });
});
