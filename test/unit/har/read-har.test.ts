import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/analyze';
import { HarInputError, readHar } from '../../../src/har/read-har';

const page = 'http://localhost:5173';
const api = 'http://127.0.0.1:9000/items';
const hdr = (pairs: Record<string, string>) =>
  Object.entries(pairs).map(([name, value]) => ({ name, value }));

function entry(
  at: number,
  method: string,
  url: string,
  request: Record<string, string>,
  status: number,
  response: Record<string, string>,
  extra: { type?: string; error?: string; redirectURL?: string } = {},
) {
  return {
    _resourceType: extra.type ?? 'fetch',
    _initiator:
      extra.type === 'preflight' ? { type: 'preflight', url, requestId: '1' } : { type: 'script' },
    startedDateTime: new Date(Date.UTC(2026, 11, 3, 0, 0, at)).toISOString(),
    request: { method, url, headers: hdr(request) },
    response: {
      status,
      headers: hdr(response),
      redirectURL: extra.redirectURL ?? '',
      _error: extra.error ?? null,
    },
  };
}

const har = (...entries: unknown[]) =>
  JSON.stringify({ log: { version: '1.2', pages: [{ title: `${page}/` }], entries } });

describe('readHar', () => {
  it('pairs concurrent preflights with the request of the method they asked for', () => {
    const text = har(
      entry(1, 'PUT', api, { 'X-Api-Key': 'k' }, 0, {}, { error: 'net::ERR_FAILED' }),
      entry(2, 'DELETE', api, { Origin: page }, 204, { 'Access-Control-Allow-Origin': page }),
      entry(
        3,
        'OPTIONS',
        api,
        { Origin: page, 'Access-Control-Request-Method': 'DELETE' },
        204,
        {
          'Access-Control-Allow-Origin': page,
          'Access-Control-Allow-Methods': 'DELETE',
        },
        { type: 'preflight' },
      ),
      entry(
        4,
        'OPTIONS',
        api,
        {
          Origin: page,
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers': 'x-api-key',
        },
        204,
        {
          'Access-Control-Allow-Origin': page,
          'Access-Control-Allow-Methods': 'PUT',
        },
        { type: 'preflight' },
      ),
    );
    const { exchanges, pageUrl } = readHar(text);
    expect(pageUrl).toBe(`${page}/`);
    expect(exchanges.map((e) => e.exchange.request.method)).toEqual(['PUT', 'DELETE']);
    const [put, del] = exchanges.map((e) => analyze(e.exchange));
    expect(put).toMatchObject({
      chromiumError: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'x-api-key',
    });
    expect(del?.outcome).toBe('ok');
  });

  it('follows redirect chains and skips same-origin requests', () => {
    const moved = 'http://127.0.0.1:9000/new';
    const { exchanges } = readHar(
      har(
        entry(1, 'GET', `${page}/app.js`, {}, 200, {}, { type: 'script' }),
        entry(2, 'GET', api, { Origin: page }, 302, { Location: '/new' }, { redirectURL: '/new' }),
        entry(3, 'GET', moved, { Origin: page }, 200, { 'Access-Control-Allow-Origin': page }),
      ),
    );
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]?.exchange.redirects?.map((r) => r.status)).toEqual([302]);
    expect(exchanges[0]?.exchange.response?.url).toBe(moved);
  });

  it.each([
    ['{nope', /^not valid JSON/],
    ['[]', /^log: missing: this is not a HAR file$/],
    ['{"log":{}}', /^log.entries: missing/],
    [
      '{"log":{"entries":[{"request":{"url":"http://x/"}}]}}',
      /^log.entries\[0\].request.method: not a string$/,
    ],
    [
      '{"log":{"entries":[{"request":{"method":"GET","url":"http://x/","headers":[{"name":1}]}}]}}',
      /^log.entries\[0\].request.headers\[0\]: not a \{ name, value \} pair/,
    ],
  ])('rejects %s with a clear message', (text, message) => {
    expect(() => readHar(text)).toThrow(HarInputError);
    expect(() => readHar(text)).toThrow(message);
  });
});
