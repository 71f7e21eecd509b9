// Failures a service worker causes. With DevTools open (as users debug), CORS Lens pairs the
// worker's network request with the page's own request that DevTools recorded, and says when
// the worker's changes are why it failed. The truth for "why" is the browser's: the same
// request from the same page without a service worker (the `plain` site) must pass exactly
// when CORS Lens blames the worker ("it works when I unregister the worker"); the code and
// failed parameter come from the worker's own DevTools target, as in workers.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  evaluateInTargets,
  extensionMessenger,
  launchBrowser,
  tabIdOf,
  waitForTarget,
  type LaunchedBrowser,
} from '../harness/browser';
import { WorkerTruthRecorder } from '../harness/worker-truth';
import { CdpRecorder } from '../harness/cdp-recorder';
import { startZoo, type Zoo } from '../fixtures/zoo/server';
import { startWorkerSites, type WorkerSites } from '../fixtures/workers/server';
import type { Report } from '../../src/report/json-report';

let browser: LaunchedBrowser;
let zoo: Zoo;
let sites: WorkerSites;
let truth: WorkerTruthRecorder;
let ask: (message: object) => Promise<unknown>;
let rewriting: { page: Page; tabId: number };
let plain: { page: Page; tabId: number };
/** Chrome's verdicts on the plain page's own requests (no service worker there). */
let plainTruth: CdpRecorder;

type Exercise = 'plainImage' | 'image' | 'eventSource' | 'fetch';

/** Each case: what the page does, against which zoo scenario, and what DevTools calls it. */
const cases: { exercise: Exercise; scenario: string; resourceType: string }[] = [
  // The worker turns an <img>'s no-cors request into a CORS one.
  { exercise: 'plainImage', scenario: 'no-acao', resourceType: 'image' },
  // The worker adds Cache-Control to an EventSource request: the preflight refuses it...
  { exercise: 'eventSource', scenario: 'pf-header', resourceType: 'eventsource' },
  // ...or the server has no OPTIONS route at all.
  { exercise: 'eventSource', scenario: 'pf-404-acao', resourceType: 'eventsource' },
  // The server allows nothing: the page's own request fails too, so the server is at fault.
  { exercise: 'eventSource', scenario: 'no-acao', resourceType: 'eventsource' },
  { exercise: 'image', scenario: 'no-acao', resourceType: 'image' },
  { exercise: 'fetch', scenario: 'no-acao', resourceType: 'fetch' },
];

async function open(origin: string): Promise<{ page: Page; tabId: number }> {
  const page = await browser.context.newPage();
  await page.goto(origin);
  await page.evaluate(() => (window as unknown as { workerReady: Promise<unknown> }).workerReady);
  return { page, tabId: await tabIdOf(browser, `${origin}/`) };
}

const run = (page: Page, kind: Exercise, url: string): Promise<string> =>
  page.evaluate(
    ({ kind, url }) => {
      const helpers = (
        window as unknown as { exercise: Record<string, (u: string) => Promise<string>> }
      ).exercise;
      const helper = helpers[kind];
      if (!helper) throw new Error(`no exercise ${kind}`);
      return helper(url);
    },
    { kind, url },
  );

async function exportedExchange(tabId: number, url: string) {
  let found: Report['exchanges'][number] | undefined;
  await expect
    .poll(
      async () => {
        const result = (await ask({ type: 'cors-lens:export', tabId, format: 'json' })) as {
          content: string;
        };
        found = (JSON.parse(result.content) as Report).exchanges.find(
          (e) => e.url === url && e.outcome !== 'pending' && e.pageRequest,
        );
        return Boolean(found);
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  if (!found) throw new Error(`no paired record of ${url}`);
  return found;
}

beforeAll(async () => {
  zoo = await startZoo();
  sites = await startWorkerSites(zoo.apiOrigin);
  browser = await launchBrowser({ extraArgs: ['--auto-open-devtools-for-tabs'] });
  truth = await WorkerTruthRecorder.attach(browser);
  ask = await extensionMessenger(browser);
  rewriting = await open(sites.sites.rewriting.origin);
  await truth.watching('service_worker', sites.sites.rewriting.origin);
  plain = await open(sites.sites.plain.origin);
  plainTruth = await CdpRecorder.attach(browser.context, plain.page, sites.sites.plain.origin);
  // The DevTools page of the tab under the worker must be up before its requests run.
  const devtoolsPage = `chrome-extension://${browser.extensionId}/extension/devtools/devtools.html`;
  await waitForTarget(browser, devtoolsPage);
  for (const deadline = Date.now() + 30_000; ;) {
    const tabs = await evaluateInTargets(
      browser,
      devtoolsPage,
      'chrome.devtools.inspectedWindow.tabId',
    ).catch((): unknown[] => []);
    if (tabs.includes(rewriting.tabId)) break;
    if (Date.now() > deadline) throw new Error('no DevTools page for the tab under the worker');
    await new Promise((done) => setTimeout(done, 200));
  }
}, 120_000);

afterAll(async () => {
  await truth?.close();
  await browser?.close();
  await sites?.close();
  await zoo?.close();
});

const agreement: string[] = [];

describe('a service worker that re-issues requests differently', () => {
  it.each(cases.map((c) => [`${c.exercise} → ${c.scenario}`, c] as const))(
    '%s: blamed on the worker exactly when the page passes without it',
    async (_name, { exercise, scenario, resourceType }) => {
      const url = `${zoo.apiOrigin}/s/${scenario}/0?rewriting-${exercise}`;
      expect(await run(rewriting.page, exercise, url)).toBe('failed');
      // The same request without a worker: did it pass CORS? (An image or an event stream
      // may still fail after that, on content the zoo does not serve.)
      const plainUrl = `${zoo.apiOrigin}/s/${scenario}/0?plain-${exercise}`;
      await run(plain.page, exercise, plainUrl);
      const withoutWorker = (await plainTruth.settled(plainUrl)).chrome.corsError;
      const chrome = await truth.settled(url);
      const record = await exportedExchange(rewriting.tabId, url);
      expect(record.via).toBe('service-worker');
      expect({
        chromiumError: record.verdict.chromiumError,
        failedParameter: record.verdict.failedParameter,
      }).toEqual({ chromiumError: chrome.corsError, failedParameter: chrome.failedParameter });
      expect(record.pageRequest?.resourceType).toBe(resourceType);
      expect(Boolean(record.workerCause)).toBe(withoutWorker === null);
      agreement.push(`${exercise} ${scenario}`);
    },
  );

  it('names what the worker changed, in the export and the Markdown report', async () => {
    const image = await exportedExchange(
      rewriting.tabId,
      `${zoo.apiOrigin}/s/no-acao/0?rewriting-plainImage`,
    );
    expect(image.pageRequest?.mode).toBe('no-cors');
    expect(image.workerCause?.change).toBe('mode');
    const source = await exportedExchange(
      rewriting.tabId,
      `${zoo.apiOrigin}/s/pf-header/0?rewriting-eventSource`,
    );
    expect(source.workerCause).toMatchObject({
      change: 'headers',
      addedHeaders: ['cache-control'],
    });
    const markdown = (await ask({
      type: 'cors-lens:export',
      tabId: rewriting.tabId,
      format: 'markdown',
    })) as { content: string };
    expect(markdown.content.match(/Caused by the service worker/g)).toHaveLength(3);
  });

  it('prints the agreement', () => {
    console.log(
      `service-worker causes vs Chrome without the worker: ${agreement.length}/${cases.length}`,
    );
    expect(agreement).toHaveLength(cases.length);
  });
});
