// The truth test: every zoo scenario runs in real Chromium; Chrome's own verdict
// (Network.loadingFailed.corsErrorStatus, or the renderer's CORS issue) is captured over
// the DevTools protocol with the raw headers, and the analyzer must reach the same verdict
// from those headers alone. Chrome is the judge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { analyze } from '../../src/analyzer/analyze';
import { corsErrorCodes } from '../../src/analyzer/cors-errors';
import type { Exchange } from '../../src/exchange/types';
import { launchBrowser, type LaunchedBrowser } from '../harness/browser';
import { CdpRecorder, type RecordedExchange } from '../harness/cdp-recorder';
import { startZoo, type Zoo } from '../fixtures/zoo/server';
import { scenarios, type ZooScenario } from '../fixtures/zoo/scenarios';

let browser: LaunchedBrowser;
let zoo: Zoo;
let page: Page;
let recorder: CdpRecorder;
const recorded = new Map<string, RecordedExchange>();

function scenarioUrl(scenario: ZooScenario): string {
  return scenario.request.url === '{closed}'
    ? zoo.closedUrl
    : `${zoo.apiOrigin}/s/${scenario.id}/0`;
}

beforeAll(async () => {
  zoo = await startZoo();
  browser = await launchBrowser({ withExtension: false });
  page = await browser.context.newPage();
  await page.goto(zoo.pageOrigin);
  recorder = await CdpRecorder.attach(browser.context, page, zoo.pageOrigin);
  for (const scenario of scenarios) {
    await page.evaluate(
      (id) => (window as unknown as { runScenario(id: string): Promise<unknown> }).runScenario(id),
      scenario.id,
    );
    recorded.set(scenario.id, await recorder.settled(scenarioUrl(scenario)));
  }
});

afterAll(async () => {
  await browser?.close();
  await zoo?.close();
});

const verdictOf = (exchange: Exchange) => {
  const verdict = analyze(exchange);
  return { corsError: verdict.chromiumError, failedParameter: verdict.failedParameter };
};
const chromeOf = (r: RecordedExchange) => ({
  corsError: r.chrome.corsError,
  failedParameter: r.chrome.failedParameter,
});

/**
 * Requests Chrome refused before sending carry no headers (no Sec-Fetch-Mode to read the
 * mode from): there the page's own options are the only witness, as they are for a user
 * pasting an exchange.
 */
function withPageOptions(exchange: Exchange, scenario: ZooScenario): Exchange {
  if (exchange.request.headers.length > 0) return exchange;
  const { mode, redirect } = scenario.request;
  return {
    ...exchange,
    request: { ...exchange.request, ...(mode ? { mode } : {}), ...(redirect ? { redirect } : {}) },
  };
}

describe('analyzer verdicts equal Chrome’s on live traffic', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))(
    '%s, credentials mode unknown (as the extension sees it)',
    (_id, scenario) => {
      const live = recorded.get(scenario.id);
      if (!live) throw new Error('scenario did not run');
      const exchange = withPageOptions(live.exchange, scenario);
      expect(verdictOf(exchange), JSON.stringify(exchange)).toEqual(chromeOf(live));
    },
  );

  it.each(scenarios.map((s) => [s.id, s] as const))(
    '%s, credentials mode given',
    (_id, scenario) => {
      const live = recorded.get(scenario.id);
      if (!live) throw new Error('scenario did not run');
      const exchange = withPageOptions(live.exchange, scenario);
      exchange.request.credentials = scenario.request.credentials ?? 'same-origin';
      expect(verdictOf(exchange)).toEqual(chromeOf(live));
    },
  );

  it.each(scenarios.map((s) => [s.id, s] as const))(
    '%s, console message equals Chrome’s',
    async (_id, scenario) => {
      const live = recorded.get(scenario.id);
      if (!live) throw new Error('scenario did not run');
      const verdict = analyze(withPageOptions(live.exchange, scenario));
      if (verdict.outcome !== 'blocked') return;
      await expect
        .poll(() => recorder.consoleMessageFor(live.url) ?? null, { timeout: 2000 })
        .not.toBeNull();
      expect(verdict.consoleMessage).toBe(recorder.consoleMessageFor(live.url));
    },
  );

  it('covers every code reachable from a loopback page, and successes', () => {
    const codes = new Set([...recorded.values()].map((r) => r.chrome.corsError));
    expect(recorded.size).toBeGreaterThanOrEqual(50);
    expect(codes.has(null)).toBe(true);
    // Every code except those a loopback page cannot produce: warnings, retired experiments,
    // the scheme check (fetch() refuses such URLs first) and Local Network Access (one space here).
    const unreachable = new Set([
      'InvalidResponse',
      'PreflightMissingAllowExternal',
      'PreflightInvalidAllowExternal',
      'CorsDisabledScheme',
      'InsecureLocalNetwork',
      'InvalidLocalNetworkAccess',
      'LocalNetworkAccessPermissionDenied',
    ]);
    for (const code of corsErrorCodes.filter((c) => !unreachable.has(c))) {
      expect(codes, code).toContain(code);
    }
  });
});
