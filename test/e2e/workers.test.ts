// Pages whose requests a worker makes: under a hand-written passthrough service worker, Mock
// Service Worker (npm, its own mockServiceWorker.js, one route mocked) and a Workbox
// NetworkFirst service worker, every kind of cross-origin request a page makes (fetch, a
// preflighted fetch, <img crossorigin>, a module script, EventSource, @font-face, a dedicated
// worker's fetch) reaches the network as the service worker's own request; on a page without
// one, a shared worker's fetch. Each must show in the tab of the worker's origin with
// Chrome's code and failed parameter, read from the worker's DevTools target.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  extensionMessenger,
  launchBrowser,
  tabIdOf,
  type LaunchedBrowser,
} from '../harness/browser';
import { WorkerTruthRecorder } from '../harness/worker-truth';
import { startZoo, type Zoo } from '../fixtures/zoo/server';
import { startWorkerSites, type WorkerSetup, type WorkerSites } from '../fixtures/workers/server';
import type { Report } from '../../src/report/json-report';

let browser: LaunchedBrowser;
let zoo: Zoo;
let sites: WorkerSites;
let truth: WorkerTruthRecorder;
let ask: (message: object) => Promise<unknown>;
const pages = new Map<WorkerSetup, { page: Page; tabId: number }>();
let bystander: { page: Page; tabId: number };
const pageOf = (setup: WorkerSetup) => {
  const opened = pages.get(setup);
  if (!opened) throw new Error(`no ${setup} page`);
  return opened;
};

type Exercise =
  'fetch' | 'preflight' | 'image' | 'module' | 'eventSource' | 'font' | 'worker' | 'shared';

/** What each exercise asks of the zoo, and the scenario that answers it. */
const exercises: { exercise: Exercise; scenario: string }[] = [
  { exercise: 'fetch', scenario: 'no-acao' },
  { exercise: 'fetch', scenario: 'ok-star' },
  { exercise: 'preflight', scenario: 'pf-header' },
  { exercise: 'image', scenario: 'no-acao' },
  { exercise: 'module', scenario: 'no-acao' },
  { exercise: 'eventSource', scenario: 'no-acao' },
  { exercise: 'font', scenario: 'no-acao' },
  { exercise: 'worker', scenario: 'no-acao' },
];
const serviceWorkerSetups: WorkerSetup[] = ['passthrough', 'msw', 'workbox'];

const urlFor = (setup: WorkerSetup, exercise: Exercise, scenario: string) =>
  `${zoo.apiOrigin}/s/${scenario}/0?${setup}-${exercise}`;

async function exported(tabId: number): Promise<Report> {
  const result = (await ask({ type: 'cors-lens:export', tabId, format: 'json' })) as {
    content: string;
  };
  return JSON.parse(result.content) as Report;
}

async function exercise(page: Page, kind: Exercise, url: string): Promise<string> {
  return page.evaluate(
    ({ kind, url }) => {
      const run = (
        window as unknown as {
          exercise: Record<string, (u: string, i?: object) => Promise<string>>;
        }
      ).exercise;
      const helper = run[kind === 'preflight' ? 'fetch' : kind];
      if (!helper) throw new Error(`no exercise ${kind}`);
      return kind === 'preflight' ? helper(url, { headers: { 'X-Api-Key': 'k' } }) : helper(url);
    },
    { kind, url },
  );
}

async function open(origin: string): Promise<{ page: Page; tabId: number }> {
  const page = await browser.context.newPage();
  await page.goto(origin);
  await page.evaluate(() => (window as unknown as { workerReady: Promise<unknown> }).workerReady);
  return { page, tabId: await tabIdOf(browser, `${origin}/`) };
}

beforeAll(async () => {
  zoo = await startZoo();
  sites = await startWorkerSites(zoo.apiOrigin);
  browser = await launchBrowser();
  truth = await WorkerTruthRecorder.attach(browser);
  ask = await extensionMessenger(browser);
  for (const setup of [...serviceWorkerSetups, 'plain'] as const) {
    pages.set(setup, await open(sites.sites[setup].origin));
    if (setup !== 'plain') await truth.watching('service_worker', sites.sites[setup].origin);
  }
  // A tab of another origin, open all along: it must never show the workers' requests.
  bystander = await open(zoo.pageOrigin);
}, 120_000);

afterAll(async () => {
  await truth?.close();
  await browser?.close();
  await sites?.close();
  await zoo?.close();
});

/** Waits for the finished record of `url` in a tab's export. */
async function recorded(tabId: number, url: string) {
  let found: Report['exchanges'][number] | undefined;
  await expect
    .poll(
      async () => {
        found = (await exported(tabId)).exchanges.find(
          (e) => e.url === url && e.outcome !== 'pending',
        );
        return Boolean(found);
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  if (!found) throw new Error(`no record of ${url}`);
  return found;
}

const agreement: string[] = [];

describe.each(serviceWorkerSetups)('a page under a %s service worker', (setup) => {
  it.each(exercises.map((e) => [`${e.exercise} → ${e.scenario}`, e] as const))(
    '%s: shown in its tab, via the service worker, with Chrome’s verdict',
    async (_name, { exercise: kind, scenario }) => {
      const { page, tabId } = pageOf(setup);
      const url = urlFor(setup, kind, scenario);
      await exercise(page, kind, url);
      const chrome = await truth.settled(url);
      expect(chrome.target).toBe('service_worker');
      const record = await recorded(tabId, url);
      expect(record.via).toBe('service-worker');
      expect({
        chromiumError: record.verdict.chromiumError,
        failedParameter: record.verdict.failedParameter,
      }).toEqual({ chromiumError: chrome.corsError, failedParameter: chrome.failedParameter });
      agreement.push(`${setup} ${kind} ${scenario}`);
    },
  );
});

describe('Mock Service Worker', () => {
  it('answers its mocked route itself: nothing reaches the network, nothing is recorded', async () => {
    const { page, tabId } = pageOf('msw');
    const mocked = sites.sites.msw.mockedUrl;
    expect(await page.evaluate((u) => fetch(u).then((r) => r.json()), mocked)).toEqual({
      mocked: true,
    });
    // A request after it, to know the worker has caught up.
    const after = urlFor('msw', 'fetch', 'ok-star') + '-after';
    await exercise(page, 'fetch', after);
    await recorded(tabId, after);
    expect(truth.seen(mocked)).toBe(false);
    expect((await exported(tabId)).exchanges.some((e) => e.url === mocked)).toBe(false);
  });
});

describe('a shared worker on a page without a service worker', () => {
  it.each([['no-acao'], ['ok-star']])(
    '%s: shown via the shared worker, with Chrome’s verdict',
    async (scenario) => {
      const { page, tabId } = pageOf('plain');
      // Started first (a request to the page's own origin) so Chrome's view of it is attached.
      await exercise(page, 'shared', `${sites.sites.plain.origin}/`);
      await truth.watching('shared_worker', sites.sites.plain.origin);
      const url = urlFor('plain', 'shared', scenario);
      await exercise(page, 'shared', url);
      const chrome = await truth.settled(url);
      expect(chrome.target).toBe('shared_worker');
      const record = await recorded(tabId, url);
      expect(record.via).toBe('shared-worker');
      expect(record.verdict.chromiumError).toBe(chrome.corsError);
      expect(record.verdict.failedParameter).toBe(chrome.failedParameter);
      agreement.push(`plain shared ${scenario}`);
    },
  );
});

describe('which tabs show a worker’s requests', () => {
  it('never a tab of another origin; the badge counts exactly the tab’s blocked requests', async () => {
    const other = await exported(bystander.tabId);
    expect(other.exchanges.filter((e) => e.via)).toEqual([]);
    for (const [setup, { tabId }] of pages) {
      const report = await exported(tabId);
      expect(report.exchanges.every((e) => e.url.includes(`?${setup}-`))).toBe(true);
      const blocked = report.exchanges.filter((e) => e.outcome === 'blocked').length;
      const badge = await (
        await browser.currentWorker()
      ).evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
      expect(badge).toBe(blocked ? String(blocked) : '');
    }
  });

  it('every tab of the worker’s origin, each saying how many share it', async () => {
    const second = await open(sites.sites.passthrough.origin);
    const url = urlFor('passthrough', 'fetch', 'no-acao') + '-shared';
    await exercise(second.page, 'fetch', url);
    const [a, b] = await Promise.all([
      recorded(second.tabId, url),
      recorded(pageOf('passthrough').tabId, url),
    ]);
    expect([a.sharedBy, b.sharedBy]).toEqual([2, 2]);
    expect(a.verdict.chromiumError).toBe((await truth.settled(url)).corsError);
    await second.page.close();
  });

  it('only the tabs under the service worker’s scope, when its script says it', async () => {
    const { origin } = sites.sites.scoped;
    const openAt = async (path: string) => {
      const page = await browser.context.newPage();
      await page.goto(`${origin}${path}`);
      await page.evaluate(
        () => (window as unknown as { workerReady: Promise<unknown> }).workerReady,
      );
      return { page, tabId: await tabIdOf(browser, `${origin}${path}`) };
    };
    const outside = await openAt('/');
    const inside = await openAt('/app/');
    await truth.watching('service_worker', origin);
    const url = urlFor('scoped', 'fetch', 'no-acao');
    await exercise(inside.page, 'fetch', url);
    const record = await recorded(inside.tabId, url);
    expect(record.via).toBe('service-worker');
    // The tab at / is of the same origin but outside /app/: it is not counted either.
    expect(record.sharedBy).toBeUndefined();
    expect(record.verdict.chromiumError).toBe((await truth.settled(url)).corsError);
    expect((await exported(outside.tabId)).exchanges).toEqual([]);
    await Promise.all([outside.page.close(), inside.page.close()]);
  });

  it('prints the agreement', () => {
    console.log(
      `worker requests vs Chrome: ${agreement.length}/${serviceWorkerSetups.length * exercises.length + 2}`,
    );
    expect(agreement).toHaveLength(serviceWorkerSetups.length * exercises.length + 2);
  });
});
