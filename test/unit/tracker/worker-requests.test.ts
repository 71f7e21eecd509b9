import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/analyze';
import { buildJsonReport } from '../../../src/report/json-report';
import { markdownReport } from '../../../src/report/markdown-report';
import { htmlReport } from '../../../src/report/html-report';
import {
  inScope,
  maxScopeOf,
  recordForTab,
  viaFor,
  workerScriptKind,
} from '../../../src/tracker/worker-requests';
import type { ExchangeRecord } from '../../../src/tracker/tab-log';
import type { Exchange } from '../../../src/exchange/types';

const page = 'http://localhost:5173';
const blocked: Exchange = {
  request: { method: 'GET', url: 'http://127.0.0.1:9000/api', origin: page, headers: [] },
  response: { status: 200, headers: [] },
};

describe('worker requests', () => {
  it('tells a service worker from a shared worker by the script’s Sec-Fetch-Dest', () => {
    const dest = (value: string) => [{ name: 'Sec-Fetch-Dest', value }];
    expect(workerScriptKind(dest('serviceworker'))).toBe('service-worker');
    expect(workerScriptKind(dest('sharedworker'))).toBe('shared-worker');
    expect(workerScriptKind(dest('script'))).toBeNull();
    expect(workerScriptKind(undefined)).toBeNull();
    expect(viaFor(new Set(['service-worker']))).toBe('service-worker');
    expect(viaFor(new Set(['shared-worker']))).toBe('shared-worker');
    // Both kinds, or none seen: the request cannot be pinned on one of them.
    expect(viaFor(new Set(['service-worker', 'shared-worker']))).toBe('worker');
    expect(viaFor(undefined)).toBe('worker');
  });

  it('bounds a service worker’s pages by its script’s directory or Service-Worker-Allowed', () => {
    expect(maxScopeOf('http://localhost:5173/app/sw.js?v=2', null)).toBe(
      'http://localhost:5173/app/',
    );
    expect(maxScopeOf('http://localhost:5173/app/sw.js', '/')).toBe('http://localhost:5173/');
    expect(maxScopeOf('http://localhost:5173/a/sw.js', '../b/')).toBe('http://localhost:5173/b/');
    expect(maxScopeOf('not a url', null)).toBeNull();
    const scopes = new Set(['http://localhost:5173/app/']);
    expect(inScope('http://localhost:5173/app/orders?id=1', scopes)).toBe(true);
    expect(inScope('http://localhost:5173/', scopes)).toBe(false);
    expect(inScope('http://localhost:5173/application', scopes)).toBe(false);
    // A script whose scope was not seen: every page may be under it.
    expect(inScope('http://localhost:5173/', new Set(['', ...scopes]))).toBe(true);
    expect(inScope('http://localhost:5173/', undefined)).toBe(true);
  });

  it('gives each tab its own copy, named after the worker’s record', () => {
    const record = { id: '-1:42', tabId: -1 } as ExchangeRecord;
    expect(recordForTab(record, 7, 'service-worker', 1)).toMatchObject({
      id: '-1:42@7',
      tabId: 7,
      via: 'service-worker',
    });
    expect(recordForTab(record, 7, 'service-worker', 1)).not.toHaveProperty('sharedBy');
    expect(recordForTab(record, 7, 'worker', 3).sharedBy).toBe(3);
  });

  it('says who made the request in every report format; the JSON field is additive', () => {
    const report = buildJsonReport(
      [
        { id: '-1:1@7', startedAt: 0, exchange: blocked, via: 'service-worker', sharedBy: 2 },
        { id: '7:2', startedAt: 1, exchange: blocked },
      ],
      { version: 'test', generatedAt: '2026-12-07T00:00:00.000Z' },
    );
    expect(report.exchanges[0]).toMatchObject({ via: 'service-worker', sharedBy: 2 });
    expect(report.exchanges[1]).not.toHaveProperty('via');
    const words = `Made by the service worker of ${page}, not by the page itself`;
    expect(markdownReport(report)).toContain(words);
    expect(htmlReport(report)).toContain(words);
    expect(markdownReport(report)).toContain('2 open tabs share that origin');
  });
});

describe('a request redirected back to the page’s origin', () => {
  const redirectedBack = (allowOrigin: string): Exchange => ({
    request: { method: 'GET', url: 'http://127.0.0.1:9000/s/x', origin: page, headers: [] },
    redirects: [
      {
        url: 'http://127.0.0.1:9000/s/x',
        status: 302,
        headers: [
          { name: 'Access-Control-Allow-Origin', value: page },
          { name: 'Location', value: `${page}/s/x/1` },
        ],
      },
    ],
    response: {
      url: `${page}/s/x/1`,
      status: 200,
      headers: [{ name: 'Access-Control-Allow-Origin', value: allowOrigin }],
    },
  });

  it('is still judged by CORS, with the origin null: the page’s own origin does not match', () => {
    const verdict = analyze(redirectedBack(page));
    expect(verdict.outcome).toBe('blocked');
    expect(verdict.chromiumError).toBe('AllowOriginMismatch');
  });

  it('passing, says that null was permitted, not the page’s origin', () => {
    const verdict = analyze(redirectedBack('*'));
    expect(verdict.outcome).toBe('ok');
    expect(verdict.summary).toContain('the origin null');
    expect(verdict.summary).not.toContain(`permits ${page}`);
  });
});
