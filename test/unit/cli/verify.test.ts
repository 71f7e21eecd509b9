// `cors-lens verify` against a real server on loopback: blocked before a fix (exit 1), passing
// after it (exit 0); --base, a redacted header, a report with nothing blocked, bad reports.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mainAsync } from '../../../src/cli/cli';
import { buildJsonReport } from '../../../src/report/json-report';
import type { Exchange } from '../../../src/exchange/types';
import { captureOutput } from './captured-output';

const output = captureOutput();
const page = 'https://app.example.com';
let server: Server;
let api: string;
/** The server's state: before the fix it answers preflights without CORS headers. */
let fixed = false;
const seen: { method: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ method: request.method ?? '', headers: request.headers });
    const cors = fixed
      ? {
          'Access-Control-Allow-Origin': request.headers.origin ?? '',
          'Access-Control-Allow-Methods': 'PUT',
          'Access-Control-Allow-Headers': 'authorization, x-api-key',
        }
      : {};
    response.writeHead(request.method === 'OPTIONS' ? 204 : 200, cors).end('ok');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const dir = mkdtempSync(join(tmpdir(), 'cors-lens-verify-'));
function reportFile(exchanges: Exchange[], name = 'report.json'): string {
  const report = buildJsonReport(
    exchanges.map((exchange, i) => ({ id: `1:${i}`, startedAt: 0, exchange })),
    { version: '0', generatedAt: new Date(0).toISOString() },
  );
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(report));
  return file;
}

/** A PUT whose preflight got no Allow-Origin, as the extension records it (redacted export). */
const blockedPut = (url: string): Exchange => ({
  request: {
    method: 'PUT',
    url,
    origin: page,
    headers: [
      { name: 'Authorization', value: 'Bearer secret-token-123' },
      { name: 'X-Api-Key', value: 'k' },
    ],
  },
  preflight: {
    url,
    requestHeaders: [
      { name: 'Origin', value: page },
      { name: 'Access-Control-Request-Method', value: 'PUT' },
      { name: 'Access-Control-Request-Headers', value: 'authorization,x-api-key' },
    ],
    status: 204,
    headers: [],
  },
  response: null,
});

describe('cors-lens verify', () => {
  it('still blocked before the fix (exit 1, with the fix), passing after it (exit 0)', async () => {
    const file = reportFile([blockedPut(`${api}/items`)]);
    fixed = false;
    seen.length = 0;
    expect(await mainAsync(['verify', file])).toBe(1);
    expect(output.out).toContain('still blocked: PreflightMissingAllowOriginHeader');
    expect(output.out).toContain('Access-Control-Allow-Origin');
    // By default only the preflight: nothing that changes the server.
    expect(seen.map((s) => s.method)).toEqual(['OPTIONS']);
    fixed = true;
    output.out = '';
    expect(await mainAsync(['verify', file, '--format', 'json'])).toBe(0);
    const json = JSON.parse(output.out) as { schema: string; rows: { now: string }[] };
    expect(json.schema).toBe('cors-lens.verify/v1');
    expect(json.rows.map((r) => r.now)).toEqual(['preflight-passes']);
  });

  it('--base asks another server for the same path', async () => {
    fixed = true;
    const file = reportFile([blockedPut('https://prod.example.invalid/items?x=1')], 'prod.json');
    seen.length = 0;
    expect(await mainAsync(['verify', file, '--base', api, '--format', 'markdown'])).toBe(0);
    expect(output.out).toContain(`${api}/items?x=1`);
    expect(output.out).toContain('## Verification of the CORS report');
  });

  it('--send-actual never sends a redacted value, says what it left out, and sends PUT only when named', async () => {
    fixed = true;
    const file = reportFile([blockedPut(`${api}/items`)], 'redacted.json');
    seen.length = 0;
    expect(await mainAsync(['verify', file, '--send-actual'])).toBe(0);
    expect(seen.map((s) => s.method)).toEqual(['OPTIONS']);
    expect(output.out).toContain('name it with --method PUT');
    seen.length = 0;
    output.out = '';
    expect(await mainAsync(['verify', file, '--send-actual', '--method', 'PUT'])).toBe(0);
    expect(seen.map((s) => s.method)).toEqual(['OPTIONS', 'PUT']);
    expect(seen.every((s) => !JSON.stringify(s.headers).includes('redacted'))).toBe(true);
    expect(seen[1]?.headers).not.toHaveProperty('authorization');
    expect(output.out).toContain('not sent (value redacted or never seen): authorization');
  });

  it('a report with nothing blocked: exit 0, and says so', async () => {
    const file = reportFile(
      [
        {
          request: { method: 'GET', url: `${api}/ok`, origin: page, headers: [] },
          response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }] },
          completed: true,
        },
      ],
      'clean.json',
    );
    expect(await mainAsync(['verify', file])).toBe(0);
    expect(output.out).toContain('nothing to verify');
  });

  it('a broken report: exit 2, one line, no stack', async () => {
    const bad = [
      'not json',
      '{}',
      '{"schema":"cors-lens.report/v1"}',
      '{"schema":"cors-lens.report/v1","exchanges":[{"id":1}]}',
      '{"schema":"cors-lens.report/v1","exchanges":[{"id":"1","outcome":"blocked","exchange":{"request":{"url":"::","method":"GET","origin":"x","headers":[]}}}]}',
    ];
    for (const [i, text] of bad.entries()) {
      const file = join(dir, `bad-${i}.json`);
      writeFileSync(file, text);
      output.err = '';
      expect(await mainAsync(['verify', file])).toBe(2);
      expect(output.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('any JSON at all: exit 0, 1 or 2, never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.json({ maxDepth: 4 }), async (text) => {
        const file = join(dir, 'fuzz.json');
        writeFileSync(file, text);
        expect([0, 1, 2]).toContain(await mainAsync(['verify', file]));
      }),
      { numRuns: 200, seed: 20261207 },
    );
  });
});
