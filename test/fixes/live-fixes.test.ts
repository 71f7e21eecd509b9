// The proof that the suggested fixes work: for each stack we can run here, the real server
// is started with a config that reproduces a failure, CORS Lens diagnoses it from the
// server's real answers, and the config text it suggests — pasted unchanged into the same
// program — makes real Chromium accept the request, while a foreign origin stays blocked.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { check } from '../../src/cli/check';
import type { CorsPolicy } from '../../src/fixes/policy';
import { suggestFix } from '../../src/fixes/suggest-fix';
import { stacks, type Stack } from '../../src/fixes/stacks';
import { launchBrowser, type LaunchedBrowser } from '../harness/browser';
import { CdpRecorder } from '../harness/cdp-recorder';
import { liveStacks, routePath, startStack, startUpstream } from './stack-servers';

const otherOrigin = 'http://localhost:3999';
const foreignOrigin = 'https://evilexample.com';
const requestHeaders = { 'X-Api-Key': 'k-123', 'Content-Type': 'application/json' };

let browser: LaunchedBrowser;
let page: Page;
let recorder: CdpRecorder;
let pageServer: Server;
let pageOrigin: string;
let upstream: Awaited<ReturnType<typeof startUpstream>>;

function complete(): CorsPolicy {
  return {
    anyOrigin: false,
    origins: [pageOrigin],
    methods: ['GET', 'HEAD', 'POST', 'PUT'],
    headers: ['content-type', 'x-api-key'],
    exposeHeaders: [],
    credentials: true,
    maxAge: null,
    privateNetwork: false,
  };
}

interface Failure {
  name: string;
  /** Takes one thing away from a policy that would work. */
  break: (p: CorsPolicy) => CorsPolicy;
  /** What the suggested change must name, in the stack's own terms. */
  missing: (stack: Stack) => string;
}

const failures: Failure[] = [
  {
    name: 'origin missing',
    break: (p) => ({ ...p, origins: [otherOrigin] }),
    missing: () => pageOrigin,
  },
  {
    name: 'header not allowed',
    break: (p) => ({ ...p, headers: ['content-type'] }),
    missing: () => 'x-api-key',
  },
  {
    name: 'method not allowed',
    break: (p) => ({ ...p, methods: ['GET', 'HEAD', 'POST'] }),
    missing: () => 'PUT',
  },
  {
    name: 'credentials not allowed',
    break: (p) => ({ ...p, credentials: false }),
    missing: (s) => s.terms.credentials,
  },
];

const checkFrom = (url: string, origin: string) =>
  check({
    url,
    origin,
    method: 'PUT',
    headers: Object.entries(requestHeaders).map(([name, value]) => ({ name, value })),
    credentials: 'include',
  });

async function fetchInChromium(url: string) {
  const result = await page.evaluate(
    async ({ url, headers }) => {
      try {
        const response = await fetch(url, {
          method: 'PUT',
          headers,
          body: '{}',
          credentials: 'include',
          cache: 'no-store',
        });
        await response.text();
        return { ok: true, status: response.status };
      } catch (error) {
        return { ok: false, status: 0, error: String(error) };
      }
    },
    { url, headers: requestHeaders },
  );
  const recorded = await recorder.settled(url);
  return { ...result, chrome: recorded.chrome };
}

beforeAll(async () => {
  upstream = await startUpstream();
  pageServer = createServer((_req, res) =>
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>fixes</title>'),
  );
  await new Promise<void>((done) => pageServer.listen(0, '127.0.0.1', done));
  pageOrigin = `http://localhost:${(pageServer.address() as AddressInfo).port}`;
  browser = await launchBrowser({ withExtension: false });
  page = await browser.context.newPage();
  await page.goto(pageOrigin);
  recorder = await CdpRecorder.attach(browser.context, page, pageOrigin);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => pageServer?.close(done));
  await upstream?.close();
});

describe.each(liveStacks)('%s: the suggested fix works on the real server', (stackId) => {
  const stack = stacks[stackId];

  it('is labelled verified', () => expect(stack.verified).toBe(true));

  it.each(failures)('$name', async (failure) => {
    const target = { path: routePath };
    const broken = await startStack(
      stackId,
      stack.render(failure.break(complete()), target),
      upstream.url,
    );
    let fixConfig: string;
    try {
      const before = await checkFrom(broken.url, pageOrigin);
      expect(before.verdict.outcome, broken.log()).toBe('blocked');
      const chromeBefore = await fetchInChromium(broken.url);
      expect(chromeBefore.ok).toBe(false);
      // Chrome is the judge of the diagnosis, too.
      expect(before.verdict.chromiumError).toBe(chromeBefore.chrome.corsError);
      expect(before.verdict.failedParameter ?? '').toBe(chromeBefore.chrome.failedParameter ?? '');

      const fix = suggestFix(before.exchange, before.verdict, stackId);
      expect(fix.kind).toBe('headers');
      expect(fix.changes.length).toBeGreaterThan(0);
      expect(fix.changes.join('\n')).toContain(failure.missing(stack));
      expect(fix.config).not.toBeNull();
      fixConfig = fix.config ?? '';
    } finally {
      await broken.close();
    }

    const fixed = await startStack(stackId, fixConfig, upstream.url);
    try {
      const after = await checkFrom(fixed.url, pageOrigin);
      expect(after.verdict.outcome, `${fixConfig}\n${JSON.stringify(after.verdict.diff)}`).toBe(
        'ok',
      );
      const chromeAfter = await fetchInChromium(fixed.url);
      expect(chromeAfter.chrome.corsError, fixConfig).toBeNull();
      expect(chromeAfter).toMatchObject({ ok: true, status: 200 });

      const foreign = await checkFrom(fixed.url, foreignOrigin);
      expect(foreign.verdict.outcome).toBe('blocked');
    } finally {
      await fixed.close();
    }
  });
});
