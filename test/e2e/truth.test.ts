// The truth test: every zoo scenario runs in real Chromium; Chrome's own verdict
// (Network.loadingFailed.corsErrorStatus, or the renderer's CORS issue) is captured over
// the DevTools protocol with the raw headers, and the analyzer must reach the same verdict
// from those headers alone. Chrome is the judge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Verdict } from '../../src/analyzer/verdict';
import { analyze } from '../../src/analyzer/analyze';
import { corsErrorCodes } from '../../src/analyzer/cors-errors';
import type { Exchange } from '../../src/exchange/types';
import { launchBrowser, type LaunchedBrowser } from '../harness/browser';
import { CdpRecorder, type RecordedExchange } from '../harness/cdp-recorder';
import { startZoo, type Zoo } from '../fixtures/zoo/server';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Report } from '../../src/report/json-report';
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

/**
 * When a preflight allows none of several requested headers, Chrome names one of them by its
 * internal header order, the same whatever order or case the page used (measured:
 * docs/analyzer-rules.md); CORS Lens marks them all and names the first alphabetically. There,
 * agreeing means that Chrome's pick is one of those CORS Lens marks: both sides then read
 * "one of ...". Everywhere else the named parameter must be Chrome's own.
 */
function severalDisallowed(verdict: Pick<Verdict, 'chromiumError' | 'diff'>): string[] {
  const failing = verdict.diff
    .filter((row) => row.dimension === 'header' && row.result === 'fail')
    .map((row) => row.name);
  return verdict.chromiumError === 'HeaderDisallowedByPreflightResponse' && failing.length > 1
    ? failing
    : [];
}
const oneOf = (names: string[]) => `one of ${names.join(', ')}`;
const verdictOf = (exchange: Exchange) => {
  const verdict = analyze(exchange);
  const several = severalDisallowed(verdict);
  return {
    corsError: verdict.chromiumError,
    failedParameter: several.length ? oneOf(several) : verdict.failedParameter,
  };
};
const chromeOf = (r: RecordedExchange, verdict?: Pick<Verdict, 'chromiumError' | 'diff'>) => {
  const several = verdict ? severalDisallowed(verdict) : severalDisallowed(analyze(r.exchange));
  return {
    corsError: r.chrome.corsError,
    failedParameter:
      r.chrome.failedParameter && several.includes(r.chrome.failedParameter)
        ? oneOf(several)
        : r.chrome.failedParameter,
  };
};

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
      const chromeLine = recorder.consoleMessageFor(live.url) ?? '';
      // Chrome's line names its own pick among several disallowed headers (see chromeOf).
      const picked = live.chrome.failedParameter;
      const ours =
        picked && severalDisallowed(verdict).includes(picked) && verdict.failedParameter
          ? verdict.consoleMessage?.replace(`field ${verdict.failedParameter} `, `field ${picked} `)
          : verdict.consoleMessage;
      // Chromium 156 added chrome-experimental-site-token-provider to the CORS-enabled schemes
      // its message lists; older versions print the list without it.
      const major = Number(browser.context.browser()?.version().split('.')[0] ?? 0);
      expect(
        verdict.chromiumError === 'CorsDisabledScheme' && major < 156
          ? ours?.replace(' chrome-experimental-site-token-provider,', '')
          : ours,
      ).toBe(chromeLine);
    },
  );

  it('covers every code reachable from a loopback page, and successes', () => {
    const codes = new Set([...recorded.values()].map((r) => r.chrome.corsError));
    expect(recorded.size).toBeGreaterThanOrEqual(50);
    expect(codes.has(null)).toBe(true);
    // Every code except those this page cannot produce: warnings, retired experiments, and
    // Local Network Access, which needs the browser's address-space overrides:
    // test/e2e/local-network.test.ts runs its matrix.
    const unreachable = new Set([
      'InvalidResponse',
      'PreflightMissingAllowExternal',
      'PreflightInvalidAllowExternal',
      'InsecureLocalNetwork',
      'InvalidLocalNetworkAccess',
      'LocalNetworkAccessPermissionDenied',
    ]);
    for (const code of corsErrorCodes.filter((c) => !unreachable.has(c))) {
      expect(codes, code).toContain(code);
    }
  });
});

describe('cors-lens har: the same verdicts from a DevTools-format HAR of the same run', () => {
  const cli = resolve(import.meta.dirname, '../../dist/cli/cors-lens.mjs');
  const run = promisify(execFile);
  let report: Report;
  let harFile: string;

  beforeAll(async () => {
    harFile = join(mkdtempSync(join(tmpdir(), 'cors-lens-har-')), 'zoo.har');
    writeFileSync(harFile, JSON.stringify(recorder.har(), null, 2));
    // Kept for people who want to try `cors-lens har` on real traffic.
    mkdirSync('artifacts/e2e', { recursive: true });
    copyFileSync(harFile, 'artifacts/e2e/zoo.har');
    const { stdout } = await run(process.execPath, [cli, 'har', harFile, '--format', 'json'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    report = JSON.parse(stdout) as Report;
  });

  // Requests the renderer refused never reach the network, so no HAR has them.
  const networked = () =>
    scenarios.filter(
      (s) =>
        (recorded.get(s.id)?.exchange.request.headers.length ?? 0) > 0 ||
        recorded.get(s.id)?.exchange.preflight,
    );

  it('finds every networked scenario', () => {
    expect(networked().length).toBeGreaterThanOrEqual(70);
    const urls = new Set(report.exchanges.map((e) => e.url));
    for (const scenario of networked()) expect(urls, scenario.id).toContain(scenarioUrl(scenario));
    expect(report.page.origin).toBe(zoo.pageOrigin);
    expect(report.browser?.name).toBe('Chrome');
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
    if (!networked().includes(scenario)) return;
    const live = recorded.get(scenario.id);
    if (!live) throw new Error('scenario did not run');
    const fromHar = report.exchanges.find((e) => e.url === scenarioUrl(scenario));
    expect(fromHar, scenario.id).toBeDefined();
    const several = fromHar ? severalDisallowed(fromHar.verdict) : [];
    expect(
      {
        corsError: fromHar?.verdict.chromiumError ?? null,
        failedParameter: several.length
          ? oneOf(several)
          : (fromHar?.verdict.failedParameter ?? null),
      },
      JSON.stringify(fromHar?.exchange),
    ).toEqual(chromeOf(live, fromHar?.verdict));
  });

  it('writes Markdown and HTML too, and a clear error for a broken HAR', async () => {
    const md = await run(process.execPath, [cli, 'har', harFile, '--fix', 'express']);
    expect(md.stdout).toMatch(/^# CORS report for http:\/\/localhost:\d+/);
    expect(md.stdout).toContain('**Suggested fix — Express (cors)**');
    const html = await run(process.execPath, [cli, 'har', harFile, '--format', 'html']);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    const broken = join(tmpdir(), `cors-lens-broken-${process.pid}.har`);
    writeFileSync(broken, JSON.stringify({ log: { entries: [{ request: { method: 'GET' } }] } }));
    const failure = await run(process.execPath, [cli, 'har', broken]).catch((e: unknown) => e);
    expect(failure).toMatchObject({
      code: 2,
      stderr: `cors-lens: ${broken}: log.entries[0].request.url: not an absolute URL\n`,
    });
  });
});
