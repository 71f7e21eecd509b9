// `check` and `audit` against servers that give no HTTP answer, each made for real on
// loopback: `--json` must still print one JSON document (outcome `network-error`, Chromium's
// net error name), text mode one line on stderr, and both exit 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureOutput } from './captured-output';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { mainAsync } from '../../../src/cli/cli';
import { netErrorOf } from '../../../src/cli/check';

const output = captureOutput();

const servers: Server[] = [];
function listen(server: Server): Promise<string> {
  servers.push(server);
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done(`127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}
/** Accepts, reads the request, then does `act` to the socket. */
const tcp = (act: (socket: Socket) => void) =>
  listen(createServer((socket) => socket.once('data', () => act(socket))));

const hosts: Record<string, string> = {};
beforeAll(async () => {
  const closed = createServer();
  const port = await new Promise<number>((done) =>
    closed.listen(0, '127.0.0.1', () => done((closed.address() as AddressInfo).port)),
  );
  await new Promise((done) => closed.close(done));
  hosts.refused = `127.0.0.1:${port}`;
  hosts.empty = await tcp((socket) => socket.end());
  hosts.reset = await tcp((socket) => socket.resetAndDestroy());
  hosts.garbage = await tcp((socket) => socket.end('NOT HTTP AT ALL\r\n\r\n'));
  const tls = resolve(import.meta.dirname, '../../fixtures/tls');
  hosts.selfSigned = await listen(
    createHttpsServer(
      { key: readFileSync(`${tls}/key.pem`), cert: readFileSync(`${tls}/cert.pem`) },
      (_req, res) => res.end('ok'),
    ),
  );
});
afterAll(async () => {
  for (const server of servers) server.close();
});

const origin = 'http://localhost:3000';
const cases = [
  ['refused', 'http', 'net::ERR_CONNECTION_REFUSED'],
  ['empty', 'http', 'net::ERR_EMPTY_RESPONSE'],
  ['reset', 'http', 'net::ERR_CONNECTION_RESET'],
  ['garbage', 'http', 'net::ERR_INVALID_HTTP_RESPONSE'],
  ['selfSigned', 'https', 'net::ERR_CERT_AUTHORITY_INVALID'],
] as const;

describe('cors-lens check --json on a server that gives no HTTP answer', () => {
  it.each(cases)(
    '%s: one JSON verdict, outcome network-error, exit 2',
    async (host, scheme, net) => {
      const url = `${scheme}://${hosts[host]}/api`;
      expect(await mainAsync(['check', url, '--origin', origin, '--json'])).toBe(2);
      const verdict = JSON.parse(output.out) as Record<string, unknown>;
      expect(verdict).toMatchObject({
        outcome: 'network-error',
        chromiumError: null,
        networkError: net,
        stage: 'response',
        failedUrl: url,
      });
      expect(verdict.error).toMatch(/^(cannot reach|no answer from) /);
      expect(output.err).toBe(`cors-lens: ${String(verdict.error)}\n`);
    },
  );

  it('a preflighted request whose preflight gets no answer: the preflight is the failed stage', async () => {
    const url = `http://${hosts.reset}/api`;
    const args = ['check', url, '--origin', origin, '--method', 'PUT', '--json'];
    expect(await mainAsync(args)).toBe(2);
    const verdict = JSON.parse(output.out) as { exchange: { preflight: { error: string } } };
    expect(verdict).toMatchObject({
      outcome: 'network-error',
      stage: 'preflight',
      networkError: 'net::ERR_CONNECTION_RESET',
    });
    expect(verdict.exchange.preflight.error).toBe('net::ERR_CONNECTION_RESET');
  });

  it('text mode: one line on stderr, nothing on stdout, exit 2', async () => {
    const args = ['check', `http://${hosts.refused}/`, '--origin', origin];
    expect(await mainAsync(args)).toBe(2);
    expect(output.out).toBe('');
    expect(output.err).toMatch(/^cors-lens: cannot reach 127\.0\.0\.1:\d+: ECONNREFUSED\n$/);
  });
});

describe('cors-lens audit --json on a server that gives no HTTP answer', () => {
  it.each(cases)(
    '%s: one JSON result, outcome network-error, no findings, exit 2',
    async (host, scheme, net) => {
      const url = `${scheme}://${hosts[host]}/api`;
      expect(await mainAsync(['audit', url, '--json'])).toBe(2);
      const result = JSON.parse(output.out) as Record<string, unknown>;
      expect(result).toMatchObject({
        url,
        outcome: 'network-error',
        unreachable: { networkError: net },
        findings: [],
        probes: [],
      });
      expect(output.err.split('\n')).toHaveLength(2);
    },
  );
});

describe("Node's errors named as Chromium names them", () => {
  // DNS is never asked in tests (no traffic leaves loopback): the mapping is checked alone.
  it.each([
    [
      { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND x.invalid' },
      'net::ERR_NAME_NOT_RESOLVED',
    ],
    [{ code: 'EAI_AGAIN', message: 'getaddrinfo EAI_AGAIN x' }, 'net::ERR_NAME_NOT_RESOLVED'],
    [
      { code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' },
      'net::ERR_CERT_DATE_INVALID',
    ],
    [{ code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: 'x' }, 'net::ERR_CERT_COMMON_NAME_INVALID'],
    [{ code: 'ERR_SSL_WRONG_VERSION_NUMBER', message: 'x' }, 'net::ERR_SSL_PROTOCOL_ERROR'],
    [{ code: 'ECONNRESET', message: 'socket hang up' }, 'net::ERR_EMPTY_RESPONSE'],
    [{ code: 'EWHATEVER', message: 'x' }, 'net::ERR_FAILED'],
  ])('%o → %s', (error, net) => {
    expect(netErrorOf(Object.assign(new Error(error.message), { code: error.code }))).toBe(net);
  });
});
