// The worker pages of test/e2e/workers.test.ts in Firefox ESR. Firefox, too, reports a
// service worker's and a shared worker's requests with tabId -1 and the page's origin
// (originUrl), so they show in the tab of that origin, labelled by the worker's script load.
// Firefox's page console does not name the worker's CORS reason: it says the worker's
// respondWith() promise rejected, then "CORS request did not succeed" for the page's request
// to its worker (measured: docs/service-workers.md), so the truth checked here is that pair of
// lines for each blocked request, and our reason for the worker's own request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type LaunchedFirefox } from '../harness/firefox';
import { startZoo, type Zoo } from '../fixtures/zoo/server';
import { startWorkerSites, type WorkerSetup, type WorkerSites } from '../fixtures/workers/server';
import type { Report } from '../../src/report/json-report';

let firefox: LaunchedFirefox;
let zoo: Zoo;
let sites: WorkerSites;
const opened = new Map<WorkerSetup, { page: Page; console: string[] }>();
const runs: { setup: WorkerSetup; kind: string; url: string; result: string }[] = [];

const plan: { setup: WorkerSetup; kinds: string[]; via: string }[] = [
  { setup: 'passthrough', kinds: ['fetch', 'image', 'worker'], via: 'service-worker' },
  { setup: 'msw', kinds: ['fetch', 'image', 'worker'], via: 'service-worker' },
  { setup: 'workbox', kinds: ['fetch', 'image', 'worker'], via: 'service-worker' },
  { setup: 'plain', kinds: ['shared'], via: 'shared-worker' },
];

async function tabs(): Promise<{ id: number; url?: string }[]> {
  return (await firefox.extensionPage.evaluate(() =>
    (
      globalThis as unknown as {
        browser: { tabs: { query(q: object): Promise<{ id: number; url?: string }[]> } };
      }
    ).browser.tabs.query({}),
  )) as { id: number; url?: string }[];
}

async function exported(tabId: number): Promise<Report> {
  const result = (await firefox.ask({ type: 'cors-lens:export', tabId, format: 'json' })) as {
    content: string;
  };
  return JSON.parse(result.content) as Report;
}

beforeAll(async () => {
  zoo = await startZoo();
  sites = await startWorkerSites(zoo.apiOrigin);
  firefox = await launchFirefox();
  for (const { setup, kinds } of plan) {
    const page = await firefox.browser.newPage();
    const console: string[] = [];
    page.on('pageerror', (error) => console.push(String((error as Error).message ?? error)));
    await page.goto(sites.sites[setup].origin);
    await page.evaluate(() => (window as unknown as { workerReady: Promise<unknown> }).workerReady);
    opened.set(setup, { page, console });
    for (const kind of kinds) {
      const url = `${zoo.apiOrigin}/s/no-acao/0?${setup}-${kind}`;
      const result = (await page.evaluate(
        ({ kind, url }) => {
          const run = (
            window as unknown as { exercise: Record<string, (u: string) => Promise<string>> }
          ).exercise[kind];
          return run ? run(url) : 'no such exercise';
        },
        { kind, url },
      )) as string;
      runs.push({ setup, kind, url, result });
    }
  }
  await new Promise((done) => setTimeout(done, 1500));
}, 120_000);

afterAll(async () => {
  await firefox?.close();
  await sites?.close();
  await zoo?.close();
});

describe('Firefox: requests a worker makes for the page', () => {
  it('each is blocked in the page, and shows in its own tab only, via the right worker', async () => {
    const all = await tabs();
    const tabOf = (setup: WorkerSetup) =>
      all.find((t) => t.url?.startsWith(sites.sites[setup].origin))?.id;
    for (const { setup, via } of plan) {
      const tabId = tabOf(setup);
      expect(tabId, setup).toBeTypeOf('number');
      const report = await exported(tabId as number);
      const mine = runs.filter((r) => r.setup === setup);
      expect(report.exchanges.map((e) => e.url).sort()).toEqual(mine.map((r) => r.url).sort());
      for (const exchange of report.exchanges) {
        expect(exchange.via).toBe(via);
        expect(exchange.outcome).toBe('blocked');
        expect(exchange.verdict.firefoxReason).toBe('CORSMissingAllowOrigin');
      }
    }
    expect(runs.every((r) => r.result === 'failed')).toBe(true);
  });

  it('Firefox’s page console: the worker’s promise rejected, then the page’s request failed', () => {
    for (const { setup, url } of runs.filter((r) => r.setup !== 'plain' && r.kind !== 'worker')) {
      const lines = opened.get(setup)?.console.filter((line) => line.includes(url)) ?? [];
      expect(
        lines.some((l) =>
          l.includes('A ServiceWorker passed a promise to FetchEvent.respondWith() that rejected'),
        ),
      ).toBe(true);
      expect(lines.some((l) => l.includes('(Reason: CORS request did not succeed)'))).toBe(true);
    }
  });
});
