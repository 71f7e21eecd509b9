// The loop a backend team closes with `cors-lens verify`, on a real server: Express with its
// `cors` package refuses a header; Chromium (with the extension) records the blocked PUT; the
// extension's JSON export is the report; `verify` says it is still blocked (exit 1); the
// server is restarted with the report's one-fix-per-server config, unchanged; `verify` passes
// (exit 0). The transcripts are printed for the record.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { stacks } from '../../src/fixes/stacks';
import type { CorsPolicy } from '../../src/fixes/policy';
import type { Report } from '../../src/report/json-report';
import {
  extensionMessenger,
  launchBrowser,
  tabIdOf,
  type LaunchedBrowser,
} from '../harness/browser';
import { routePath, startStack, startUpstream, type RunningServer } from './stack-servers';

const cli = resolve(import.meta.dirname, '../../dist/cli/cors-lens.mjs');
let browser: LaunchedBrowser;
let page: Page;
let pageServer: Server;
let pageOrigin: string;
let upstream: Awaited<ReturnType<typeof startUpstream>>;
let ask: (message: object) => Promise<unknown>;
const dir = mkdtempSync(join(tmpdir(), 'cors-lens-verify-live-'));

/** The app's PUT, from the page in Chromium: 'ok' or 'failed'. */
const putFromPage = (url: string) =>
  page.evaluate(
    (target) =>
      fetch(target, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'X-Api-Key': 'k-123' },
        body: '{}',
      }).then(
        () => 'ok',
        () => 'failed',
      ),
    url,
  );

function verify(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) =>
    execFile(process.execPath, [cli, 'verify', ...args], (error, stdout, stderr) =>
      done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    ),
  );
}

beforeAll(async () => {
  upstream = await startUpstream();
  pageServer = createServer((_req, res) =>
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>app</title>'),
  );
  await new Promise<void>((done) => pageServer.listen(0, '127.0.0.1', done));
  pageOrigin = `http://localhost:${(pageServer.address() as AddressInfo).port}`;
  browser = await launchBrowser();
  ask = await extensionMessenger(browser);
  page = await browser.context.newPage();
  await page.goto(pageOrigin);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => pageServer?.close(done));
  await upstream?.close();
});

describe('cors-lens verify on a real server, before and after its fix', () => {
  it('Express refusing X-Api-Key: blocked (exit 1), then fixed by the report’s config (exit 0)', async () => {
    const express = stacks.express;
    const broken: CorsPolicy = {
      anyOrigin: false,
      origins: [pageOrigin],
      methods: ['GET', 'HEAD', 'POST', 'PUT'],
      headers: ['content-type'],
      exposeHeaders: [],
      credentials: false,
      maxAge: null,
      privateNetwork: false,
    };
    let server: RunningServer = await startStack(
      'express',
      express.render(broken, { path: routePath }),
      upstream.url,
    );
    try {
      const failed = await putFromPage(server.url);
      expect(failed).toBe('failed');
      const tabId = await tabIdOf(browser, `${pageOrigin}/`);
      let report: Report | undefined;
      for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
        const exported = (await ask({
          type: 'cors-lens:export',
          tabId,
          format: 'json',
          stack: 'express',
        })) as { content: string };
        report = JSON.parse(exported.content) as Report;
        if (report.exchanges.some((e) => e.outcome === 'blocked')) break;
        await new Promise((wait) => setTimeout(wait, 100));
      }
      const file = join(dir, 'report.json');
      writeFileSync(file, JSON.stringify(report));
      const before = await verify([file]);
      console.log(`$ cors-lens verify report.json\n${before.stdout}(exit ${before.code})`);
      expect(before.code).toBe(1);
      expect(before.stdout).toContain(
        'still blocked: HeaderDisallowedByPreflightResponse (x-api-key)',
      );
      expect(before.stdout).toContain('One fix for http://127.0.0.1');

      // The backend team applies the report's one config for the server, unchanged.
      const [fix] = report?.servers ?? [];
      expect(fix?.stack).toBe('express');
      await server.close();
      server = await startStack('express', fix?.config ?? '', upstream.url);
      // Same port? No: a new server. Ask it through --base, as for staging.
      const after = await verify([file, '--base', new URL(server.url).origin]);
      console.log(
        `$ cors-lens verify report.json --base ${new URL(server.url).origin}\n${after.stdout}(exit ${after.code})`,
      );
      expect(after.code).toBe(0);
      expect(after.stdout).toContain('preflight passes');
      // And the browser agrees.
      const passes = await putFromPage(server.url);
      expect(passes).toBe('ok');
    } finally {
      await server.close();
    }
  });
});
