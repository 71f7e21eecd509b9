// Floods and worker death in real Chromium with the built extension: a burst of 10,000
// cross-origin requests, 50 tabs at once, and the service worker stopped again and again in
// the middle of concurrent preflighted requests. Counts and verdicts are compared with
// Chrome's own record of the same run (DevTools protocol).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  decodedStorage,
  extensionMessenger,
  launchBrowser,
  openExtensionPage,
  stopExtensionWorker,
  stopServiceWorkers,
  tabIdOf,
  workerHeapBytes,
  type LaunchedBrowser,
} from '../harness/browser';
import { CdpRecorder } from '../harness/cdp-recorder';
import { WorkerTruthRecorder } from '../harness/worker-truth';
import { startWorkerSites } from '../fixtures/workers/server';
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

/** A fresh zoo tab, recorded by Chrome's DevTools protocol, its CORS Lens log cleared. */
/** Pages a test opened, closed after it. */
const opened: Page[] = [];

async function zooTab() {
  const page = await browser.context.newPage();
  opened.push(page);
  await page.goto(zoo.pageOrigin);
  const recorder = await CdpRecorder.attach(browser.context, page, zoo.pageOrigin);
  const tabId = await tabIdOf(browser, `${zoo.pageOrigin}/`);
  await ask({ type: 'cors-lens:clear-tab', tabId });
  return { page, recorder, tabId };
}

async function badgeOf(tabId: number): Promise<string> {
  const worker = await browser.currentWorker();
  return (await worker.evaluate(`chrome.action.getBadgeText({ tabId: ${tabId} })`)) as string;
}

/** Stops the worker every `everyMs`, at most `times` times, until `done()`; returns how often. */
async function stopRepeatedly(
  times: number,
  everyMs: number,
  {
    done = () => false,
    afterStop = () => Promise.resolve(),
    stop = stopServiceWorkers,
  }: {
    done?: () => boolean;
    afterStop?: () => Promise<void>;
    stop?: (browser: LaunchedBrowser) => Promise<void>;
  } = {},
): Promise<number> {
  let stops = 0;
  while (!done() && stops < times) {
    await new Promise((wait) => setTimeout(wait, everyMs));
    await stop(browser);
    stops++;
    await afterStop();
  }
  return stops;
}

async function settle(tabId: number, expected: (r: Report) => boolean, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const report = await exported(tabId);
    if (expected(report)) return report;
    if (Date.now() > deadline) return report;
    await new Promise((done) => setTimeout(done, 250));
  }
}

/** DevTools logs a tab's requests once its window has loaded, a second or two after the tab opened. */
const devToolsLoaded = () => new Promise((done) => setTimeout(done, 3000));

/**
 * Runs `test` in a browser of its own with real DevTools open on every tab (the extension's
 * DevTools page with `devtools.network`), then goes back to the shared one.
 */
async function withDevTools(test: () => Promise<void>): Promise<void> {
  const shared = { browser, ask };
  browser = await launchBrowser({ extraArgs: ['--auto-open-devtools-for-tabs'] });
  try {
    ask = await extensionMessenger(browser);
    await test();
  } finally {
    await Promise.all(opened.splice(0).map((page) => page.close().catch(() => undefined)));
    await browser.close();
    ({ browser, ask } = shared);
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
    const worker = await browser.currentWorker();
    const bytes = (await worker.evaluate('chrome.storage.session.getBytesInUse(null)')) as number;
    figures.storageBytesAfterBurst = bytes;
    expect(bytes).toBeLessThanOrEqual(8 * 1024 * 1024);
    expect(await badgeOf(tabId)).toBe(
      String(report.exchanges.filter((e) => e.outcome === 'blocked').length),
    );
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
          const stored = decodedStorage(
            await worker.evaluate('chrome.storage.session.get(null)'),
          ) as Record<string, { tabId?: number }>;
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
  // Each test finds its tab by URL: a failed one must not leave its pages behind.
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((page) => page.close()));
  });

  it('stopped 8 times during 600 concurrent preflighted requests with DevTools open: each recorded once, as Chrome saw it', async () => {
    await withDevTools(async () => {
      const { page, recorder, tabId } = await zooTab();
      await devToolsLoaded();
      // Real DevTools is open on the tab (its page keeps the worker alive and reads DevTools'
      // log after each stop); the CORS panel as a tab, bound to it.
      const panel = await openExtensionPage(browser, 'extension/panel/panel.html', {
        inspectedTabId: tabId,
      });
      opened.push(panel);
      await panel.getByText('0 requests').waitFor();
      const ids = ['pf-header', 'pf-method', 'pf-no-acao', 'pf-ok', 'ok-echo'];
      const total = 600;
      let done = false;
      const running = burst(page, ids, total, 6).finally(() => (done = true));
      let reconnectingSeen = false;
      const [, stops] = await Promise.all([
        running,
        stopRepeatedly(8, 450, {
          done: () => done,
          afterStop: async () => {
            reconnectingSeen ||=
              (await panel.locator('.counts').textContent())?.includes('reconnecting') ?? false;
          },
        }),
      ]);
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
        figures.restoredFromDevTools = String(stored['meta:restored-from-devtools']);
        figures.pairingInFlight = Object.keys(stored).filter((k) => k.startsWith('pr:')).length;
      }
      // Exactly once each, none invented, each with the verdict Chrome reached.
      const ours = new Map(report.exchanges.map((e) => [e.url, e]));
      expect(new Set(report.exchanges.map((e) => e.id)).size).toBe(report.exchanges.length);
      expect(ours.size).toBe(report.exchanges.length);
      figures.exchangesLost = chrome.filter((c) => !ours.has(c.url)).length;
      const wrong = chrome.filter(
        (c) =>
          ours.has(c.url) &&
          ours.get(c.url)?.verdict.chromiumError !== (c.chrome.corsError ?? null),
      );
      figures.wrongVerdicts = wrong.length;
      // What went wrong, for the next look at it: ours and Chrome's code, and what we recorded.
      for (const c of wrong.slice(0, 5)) {
        const e = ours.get(c.url);
        console.log(
          `wrong: ${c.url} ours ${e?.verdict.chromiumError ?? e?.outcome} (preflight ${e?.exchange.preflight ? (e.exchange.preflight.status ?? 'no status') : 'none'}, response ${e?.exchange.response?.status ?? 'none'}, error ${e?.exchange.error ?? 'none'}) Chrome ${c.chrome.corsError ?? 'ok'}`,
        );
      }
      expect(figures.exchangesLost).toBe(0);
      expect(figures.wrongVerdicts).toBe(0);
      expect(report.exchanges).toHaveLength(total);
      const badge = await badgeOf(tabId);
      expect(badge).toBe(String(report.exchanges.filter((e) => e.outcome === 'blocked').length));
      // The open panel lost its connection with each stop and came back by itself, complete.
      figures.panelSawReconnecting = String(reconnectingSeen);
      await expect
        .poll(() => panel.locator('.counts').textContent(), { timeout: 10_000 })
        .toBe(`${total} requests · ${badge} blocked`);
    });
  });

  it('stopped during 240 requests a page’s service worker passes on, with DevTools open: each recorded once, as Chrome saw it', async () => {
    await withDevTools(async () => {
      const sites = await startWorkerSites(zoo.apiOrigin);
      const truth = await WorkerTruthRecorder.attach(browser);
      try {
        const { origin } = sites.sites.passthrough;
        const page = await browser.context.newPage();
        opened.push(page);
        await page.goto(origin);
        await page.evaluate(
          () => (window as unknown as { workerReady: Promise<unknown> }).workerReady,
        );
        await truth.watching('service_worker', origin);
        await devToolsLoaded();
        const tabId = await tabIdOf(browser, `${origin}/`);
        // A first request: the tab shows its worker's requests from then on.
        await fireRequests(page, `${zoo.apiOrigin}/warm`, ['ok-star'], 1, 1);
        await settle(tabId, (r) => r.exchanges.length === 1, 10_000);
        await new Promise((wait) => setTimeout(wait, 500));
        const ids = ['pf-header', 'pf-ok', 'ok-echo', 'no-acao'];
        const total = 240;
        let done = false;
        const running = fireRequests(page, zoo.apiOrigin, ids, total, 6).finally(
          () => (done = true),
        );
        const [, stops] = await Promise.all([
          running,
          stopRepeatedly(6, 300, { done: () => done, stop: stopExtensionWorker }),
        ]);
        figures.workerStopsUnderServiceWorker = stops;
        if (stops < 2) console.log(`service worker stops: only ${stops} before the burst ended`);
        expect(stops).toBeGreaterThanOrEqual(2);
        const report = await settle(
          tabId,
          (r) =>
            r.exchanges.length >= total + 1 && r.exchanges.every((e) => e.outcome !== 'pending'),
          20_000,
        );
        const ours = new Map(report.exchanges.map((e) => [e.url, e]));
        expect(new Set(report.exchanges.map((e) => e.id)).size).toBe(report.exchanges.length);
        expect(ours.size).toBe(report.exchanges.length);
        let lost = 0;
        let wrong = 0;
        for (let n = 0; n < total; n++) {
          const url = `${zoo.apiOrigin}/s/${ids[n % ids.length]}/0?n=${n}`;
          const chrome = await truth.settled(url);
          const record = ours.get(url);
          if (!record) lost++;
          else if (record.verdict.chromiumError !== chrome.corsError) {
            wrong++;
            if (wrong <= 5)
              console.log(
                `wrong (service worker): ${url} ours ${record.verdict.chromiumError ?? record.outcome} Chrome ${chrome.corsError ?? 'ok'}`,
              );
          }
        }
        console.log(`service worker stops: ${stops}, lost ${lost}, wrong ${wrong}`);
        figures.serviceWorkerRequestsLost = lost;
        figures.serviceWorkerWrongVerdicts = wrong;
        expect({ lost, wrong }).toEqual({ lost: 0, wrong: 0 });
        expect(report.exchanges.every((e) => e.via === 'service-worker')).toBe(true);
      } finally {
        await truth.close();
        await sites.close();
      }
    });
  });

  it('without DevTools, the worker alone: none twice, none invented, losses counted', async () => {
    const { page, recorder, tabId } = await zooTab();
    const ids = ['pf-header', 'pf-method', 'pf-no-acao', 'pf-ok', 'ok-echo'];
    const [, stops] = await Promise.all([burst(page, ids, 300, 6), stopRepeatedly(6, 700)]);
    figures.workerStopsWithoutDevTools = stops;
    const report = await settle(
      tabId,
      (r) => r.exchanges.length >= 300 && r.exchanges.every((e) => e.outcome !== 'pending'),
      10_000,
    );
    const chrome = recorder.allSettled();
    expect(chrome.length).toBe(300);
    // Exactly once: no request recorded twice, none invented (every URL is unique).
    const theirs = new Map(chrome.map((c) => [c.url, c]));
    expect(new Set(report.exchanges.map((e) => e.url)).size).toBe(report.exchanges.length);
    for (const record of report.exchanges) expect(theirs.has(record.url), record.url).toBe(true);
    expect(new Set(report.exchanges.map((e) => e.id)).size).toBe(report.exchanges.length);
    // Known limit (docs/architecture.md): the events Chromium had dispatched to the worker when it was
    // stopped die with it; without DevTools open nobody else saw them. Counted, not hidden.
    figures.exchangesLostWithoutDevTools = chrome.length - report.exchanges.length;
    // A request whose preflight events fell in that gap is recorded without its preflight,
    // and then judged on what was seen: counted, and checked to be at most the lost ones.
    const wrong = report.exchanges.filter(
      (record) =>
        record.verdict.chromiumError !== (theirs.get(record.url)?.chrome.corsError ?? null),
    );
    figures.wrongVerdictsWithoutDevTools = wrong.length;
    expect(wrong.every((r) => !r.exchange.preflight)).toBe(true);
    expect(report.exchanges.length - wrong.length).toBeGreaterThan(chrome.length * 0.5);
    const badge = await badgeOf(tabId);
    expect(badge).toBe(String(report.exchanges.filter((e) => e.outcome === 'blocked').length));
  });
});
