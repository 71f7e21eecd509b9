// `cors-lens check --policy` against real servers on loopback: one that follows the policy,
// one that allows an origin it must refuse (it echoes every Origin), one missing a method.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mainAsync } from '../../../src/cli/cli';
import { captureOutput } from './captured-output';

const output = captureOutput();
const app = 'https://app.example.com';
const evil = 'https://evil.example.net';
const servers: Server[] = [];
const sent: string[] = [];

/** A server whose CORS answer is `allowOrigin(origin)`, allowing `methods`. */
async function serve(
  allowOrigin: (origin: string) => string | null,
  methods: string,
): Promise<string> {
  const server = createServer((request, response) => {
    sent.push(request.method ?? '');
    const origin = request.headers.origin ?? '';
    const allowed = allowOrigin(origin);
    response.writeHead(request.method === 'OPTIONS' ? 204 : 200, {
      ...(allowed ? { 'Access-Control-Allow-Origin': allowed, Vary: 'Origin' } : {}),
      'Access-Control-Allow-Methods': methods,
      'Access-Control-Allow-Headers': 'content-type',
    });
    response.end('{}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let good: string;
let echoing: string;
let noPut: string;
const dir = mkdtempSync(join(tmpdir(), 'cors-lens-policy-'));
const policyFile = join(dir, 'cors-policy.json');
writeFileSync(
  policyFile,
  JSON.stringify({
    routes: [
      {
        path: '/api/items',
        allow: [app],
        refuse: [evil, 'null'],
        methods: ['GET', 'PUT'],
        headers: ['content-type'],
      },
    ],
  }),
);

beforeAll(async () => {
  good = await serve((origin) => (origin === app ? app : null), 'GET, PUT');
  echoing = await serve((origin) => origin, 'GET, PUT');
  noPut = await serve((origin) => (origin === app ? app : null), 'GET');
});
afterAll(() => Promise.all(servers.map((s) => new Promise((done) => s.close(done)))));

describe('cors-lens check --policy', () => {
  it('passes a server that follows it (exit 0), sending no PUT', async () => {
    sent.length = 0;
    expect(await mainAsync(['check', '--policy', policyFile, good])).toBe(0);
    expect(output.out).toContain('The server follows the policy.');
    expect(sent).not.toContain('PUT');
  });

  it('fails a server that allows an origin it must refuse (exit 1), with the audit’s finding', async () => {
    expect(await mainAsync(['check', '--policy', policyFile, echoing, '--json'])).toBe(1);
    const result = JSON.parse(output.out) as {
      ok: boolean;
      checks: { origin: string; expected: string; actual: string; ok: boolean }[];
    };
    expect(result.ok).toBe(false);
    expect(result.checks.find((c) => c.origin === evil)).toMatchObject({
      expected: 'refused',
      actual: 'allowed',
      ok: false,
    });
  });

  it('fails a server missing a method, naming it', async () => {
    expect(await mainAsync(['check', '--policy', policyFile, noPut])).toBe(1);
    expect(output.out).toContain(
      '✗ PUT /api/items from https://app.example.com (preflight): expected allowed, refused: MethodDisallowedByPreflightResponse (PUT)',
    );
  });

  it('a broken policy: exit 2 and one line', async () => {
    for (const text of [
      'nope',
      '{}',
      '{"routes":[{"path":"x","allow":[]}]}',
      '{"routes":[{"path":"/","allow":["app.example.com"]}]}',
    ]) {
      writeFileSync(join(dir, 'bad.json'), text);
      output.err = '';
      expect(await mainAsync(['check', '--policy', join(dir, 'bad.json'), good])).toBe(2);
      expect(output.err.trim().split('\n')).toHaveLength(1);
    }
  });
});
