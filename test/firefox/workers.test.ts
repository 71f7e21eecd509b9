// The worker pages of test/e2e/workers.test.ts in Firefox ESR. Firefox, too, reports a
// service worker's and a shared worker's requests with tabId -1 and the page's origin
// (originUrl), so they show in the tab of that origin, labelled by the worker's script load.
// Firefox's page console does not name the worker's CORS reason: it says the worker's
// respondWith() promise rejected, then "CORS request did not succeed" for the page's request
// to its worker (measured: docs/service-workers.md). The worker's own reason is in Firefox's
// Browser Console, read here from its console service (test/harness/firefox-console.ts), and
// each verdict is compared with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type LaunchedFirefox } from '../harness/firefox';
import { FirefoxConsole } from '../harness/firefox-console';
import { startZoo, type Zoo } from '../fixtures/zoo/server';
import { startWorkerSites, type WorkerSetup, type WorkerSites } from '../fixtures/workers/server';
import type { Report } from '../../src/report/json-report';

let firefox: LaunchedFirefox;
let zoo: Zoo;
let sites: WorkerSites;
/** Null where this Firefox cannot read its Browser Console over BiDi (see the harness). */
let firefoxConsole: FirefoxConsole | null;
const opened = new Map<WorkerSetup, { page: Page; console: string[] }>();
const runs: { setup: WorkerSetup; kind: string; scenario: string; url: string; result: string }[] =
  [];

/** What each page does, against which zoo scenario; ok-star passes, the others are blocked. */
const swExercises = [
  { kind: 'fetch', scenario: 'no-acao' },
  { kind: 'preflight', scenario: 'pf-header' },
  { kind: 'image', scenario: 'wrong-acao' },
  { kind: 'worker', scenario: 'no-acao' },
  { kind: 'fetch', scenario: 'ok-star' },
];
const plan: { setup: WorkerSetup; exercises: typeof swExercises; via: string }[] = [
  { setup: 'passthrough', exercises: swExercises, via: 'service-worker' },
  { setup: 'msw', exercises: swExercises, via: 'service-worker' },
  { setup: 'workbox', exercises: swExercises, via: 'service-worker' },
  {
    setup: 'rewriting',
    exercises: [
      { kind: 'plainImage', scenario: 'no-acao' },
      { kind: 'eventSource', scenario: 'pf-header' },
    ],
    via: 'service-worker',
  },
  {
    setup: 'plain',
    exercises: [
      { kind: 'shared', scenario: 'no-acao' },
      { kind: 'shared', scenario: 'wrong-acao' },
    ],
    via: 'shared-worker',
  },
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
  firefoxConsole = await FirefoxConsole.attach(firefox);
  for (const { setup, exercises } of plan) {
    const page = await firefox.browser.newPage();
    const console: string[] = [];
    page.on('pageerror', (error) => console.push(String((error as Error).message ?? error)));
    await page.goto(sites.sites[setup].origin);
    await page.evaluate(() => (window as unknown as { workerReady: Promise<unknown> }).workerReady);
    opened.set(setup, { page, console });
    for (const { kind, scenario } of exercises) {
      const url = `${zoo.apiOrigin}/s/${scenario}/0?${setup}-${kind}`;
      const result = (await page.evaluate(
        ({ kind, url }) => {
          const helpers = (
            window as unknown as {
              exercise: Record<string, (u: string, init?: object) => Promise<string>>;
            }
          ).exercise;
          const run = helpers[kind === 'preflight' ? 'fetch' : kind];
          if (!run) return 'no such exercise';
          return kind === 'preflight' ? run(url, { headers: { 'X-Api-Key': 'k' } }) : run(url);
        },
        { kind, url },
      )) as string;
      runs.push({ setup, kind, scenario, url, result });
    }
  }
  await new Promise((done) => setTimeout(done, 1500));
}, 120_000);

afterAll(async () => {
  await firefox?.close();
  await sites?.close();
  await zoo?.close();
});

const agreement: string[] = [];

describe('Firefox: requests a worker makes for the page', () => {
  it('each shows in its own tab only, via the right worker', async () => {
    const all = await tabs();
    const tabOf = (setup: WorkerSetup) =>
      all.find((t) => t.url?.startsWith(sites.sites[setup].origin))?.id;
    for (const { setup, via } of plan) {
      const tabId = tabOf(setup);
      expect(tabId, setup).toBeTypeOf('number');
      const report = await exported(tabId as number);
      const mine = runs.filter((r) => r.setup === setup);
      expect(report.exchanges.map((e) => e.url).sort()).toEqual(mine.map((r) => r.url).sort());
      for (const exchange of report.exchanges) expect(exchange.via).toBe(via);
    }
  });

  it.each(
    plan.flatMap(({ setup, exercises }) =>
      exercises.map((e) => [setup, e.kind, e.scenario] as const),
    ),
  )(
    '%s %s → %s: the reason Firefox logs for the worker’s own request',
    async (setup, kind, scenario) => {
      const run = runs.find((r) => r.setup === setup && r.kind === kind && r.scenario === scenario);
      if (!run) throw new Error('not run');
      const tabId = (await tabs()).find((t) => t.url?.startsWith(sites.sites[setup].origin))?.id;
      const record = (await exported(tabId as number)).exchanges.find((e) => e.url === run.url);
      if (!firefoxConsole) {
        // No Browser Console here: the page's own outcome is the truth left. A blocked
        // request has a reason, a passing one none.
        expect(record?.verdict.firefoxReason ?? null, 'a reason').toSatisfy((reason: unknown) =>
          scenario === 'ok-star' ? reason === null : typeof reason === 'string',
        );
        if (kind !== 'plainImage' && kind !== 'eventSource')
          expect(run.result).toBe(scenario === 'ok-star' ? 'ok' : 'failed');
        agreement.push(`${setup} ${kind} ${scenario}`);
        return;
      }
      const truth = await firefoxConsole.workerReasonFor(run.url);
      expect(record?.verdict.firefoxReason ?? null).toBe(truth);
      expect(truth !== null, 'Firefox logged a reason').toBe(scenario !== 'ok-star');
      // Firefox's page sees the request fail exactly when Firefox logged a reason.
      if (kind !== 'plainImage' && kind !== 'eventSource')
        expect(run.result).toBe(truth ? 'failed' : 'ok');
      agreement.push(`${setup} ${kind} ${scenario}`);
    },
  );

  it('Firefox’s page console: the worker’s promise rejected, then the page’s request failed', () => {
    const blocked = runs.filter(
      (r) => r.setup !== 'plain' && r.kind !== 'worker' && r.scenario !== 'ok-star',
    );
    for (const { setup, kind, url } of blocked) {
      const lines = opened.get(setup)?.console.filter((line) => line.includes(url)) ?? [];
      expect(
        lines.some((l) =>
          l.includes('A ServiceWorker passed a promise to FetchEvent.respondWith() that rejected'),
        ),
      ).toBe(true);
      // The page's own <img> without crossorigin was no-cors: Firefox reports no CORS error
      // for it, only for the CORS request the worker made of it.
      expect(lines.some((l) => l.includes('(Reason: CORS request did not succeed)'))).toBe(
        kind !== 'plainImage',
      );
    }
  });

  it('only the tabs under the service worker’s scope', async () => {
    const { origin } = sites.sites.scoped;
    const outside = await firefox.browser.newPage();
    await outside.goto(`${origin}/`);
    const inside = await firefox.browser.newPage();
    await inside.goto(`${origin}/app/`);
    await inside.evaluate(
      () => (window as unknown as { workerReady: Promise<unknown> }).workerReady,
    );
    const url = `${zoo.apiOrigin}/s/no-acao/0?scoped-fetch`;
    await inside.evaluate(
      (u) =>
        (
          window as unknown as { exercise: Record<string, (u: string) => Promise<string>> }
        ).exercise.fetch?.(u),
      url,
    );
    const all = await tabs();
    const tabAt = (path: string) => all.find((t) => t.url === `${origin}${path}`)?.id as number;
    await expect
      .poll(async () => (await exported(tabAt('/app/'))).exchanges.map((e) => e.url), {
        timeout: 10_000,
      })
      .toEqual([url]);
    const [record] = (await exported(tabAt('/app/'))).exchanges;
    expect(record?.via).toBe('service-worker');
    expect(record?.sharedBy).toBeUndefined();
    expect((await exported(tabAt('/'))).exchanges).toEqual([]);
    await Promise.all([outside.close(), inside.close()]);
  });

  it('prints the agreement', () => {
    const cases = plan.reduce((n, p) => n + p.exercises.length, 0);
    console.log(
      firefoxConsole
        ? `Firefox worker requests vs Firefox's console: ${agreement.length}/${cases}`
        : `Firefox worker requests: ${agreement.length}/${cases} with a reason exactly when the page's request failed (this Firefox has no chrome-scope BiDi realm, so its Browser Console reasons cannot be read)`,
    );
    expect(agreement).toHaveLength(cases);
  });
});
