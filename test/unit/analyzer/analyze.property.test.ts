// Property tests: the analyzer is total (never throws, whatever the header bytes) and
// deterministic (the same exchange always gives the same verdict), and its shortcuts give
// what the long way gives.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyze, triage } from '../../../src/analyzer/analyze';
import { classify, classifyBothModes } from '../../../src/analyzer/classify';
import { requestFacts } from '../../../src/analyzer/request-facts';
import type { Exchange, Header } from '../../../src/exchange/types';

const corsNames = [
  'Access-Control-Allow-Origin',
  'Access-Control-Allow-Credentials',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Headers',
  'Access-Control-Max-Age',
  'Access-Control-Request-Method',
  'Access-Control-Request-Headers',
  'Location',
  'Origin',
  'Content-Type',
  'Cookie',
  'Sec-Fetch-Mode',
  'User-Agent',
];
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    '*',
    'null',
    'true',
    'https://app.example.com',
    'https://app.example.com/',
    ' , ',
    '\u0000',
    '\u202e',
    'u:p@x',
    'http://[::1',
    '%%',
  ),
  fc.webUrl(),
);
const header: fc.Arbitrary<Header> = fc.record({
  name: fc.oneof(fc.constantFrom(...corsNames), fc.string({ maxLength: 12 })),
  value: nastyString,
});
const headers = fc.array(header, { maxLength: 8 });
const url = fc.oneof(
  fc.webUrl(),
  fc.constantFrom(
    'https://api.example.com/x',
    'ftp://x/y',
    'data:,x',
    'https://u:p@api.example.com/',
  ),
);
const status = fc.oneof(
  fc.constantFrom(0, 200, 204, 301, 302, 307, 404, 500),
  fc.integer({ min: 0, max: 999 }),
);
const preflight = fc.option(
  fc.record(
    {
      url: fc.option(url, { nil: undefined }),
      requestHeaders: headers,
      status: fc.option(status, { nil: undefined }),
      headers,
      error: fc.option(fc.constantFrom('net::ERR_FAILED', 'net::ERR_CONNECTION_REFUSED'), {
        nil: undefined,
      }),
    },
    { requiredKeys: ['requestHeaders', 'headers'] },
  ),
  { nil: null },
);
const exchange: fc.Arbitrary<Exchange> = fc.record(
  {
    request: fc.record(
      {
        method: fc.oneof(
          fc.constantFrom('GET', 'POST', 'PUT', 'patch', 'OPTIONS', 'delete'),
          fc.string({ minLength: 1, maxLength: 8 }),
        ),
        url,
        origin: fc.oneof(fc.constantFrom('https://app.example.com', 'null', ''), fc.webUrl()),
        headers,
        credentials: fc.constantFrom('include', 'same-origin', 'omit'),
        mode: fc.constantFrom('cors', 'no-cors', 'same-origin', 'navigate'),
        redirect: fc.constantFrom('follow', 'manual', 'error'),
        targetAddressSpace: fc.constantFrom('local', 'loopback', 'public'),
      },
      { requiredKeys: ['method', 'url', 'origin', 'headers'] },
    ),
    preflight,
    response: fc.option(
      fc.record(
        { url: fc.option(url, { nil: undefined }), status, headers },
        { requiredKeys: ['status', 'headers'] },
      ),
      { nil: null },
    ),
    redirects: fc.array(fc.record({ url, status, headers, preflight }), { maxLength: 3 }),
    context: fc.record(
      {
        initiatorAddressSpace: fc.constantFrom('local', 'loopback', 'public'),
        resourceAddressSpace: fc.constantFrom('local', 'loopback', 'public'),
        initiatorIsSecureContext: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    error: fc.constantFrom('net::ERR_FAILED', 'net::ERR_CONNECTION_REFUSED', ''),
    completed: fc.boolean(),
  },
  { requiredKeys: ['request'] },
) as fc.Arbitrary<Exchange>;

describe('analyze on generated exchanges', () => {
  it('never throws and always names an outcome', () => {
    fc.assert(
      fc.property(exchange, (e) => {
        const verdict = analyze(e);
        expect(['ok', 'blocked', 'network-error', 'pending', 'not-cors']).toContain(
          verdict.outcome,
        );
        expect(verdict.outcome === 'blocked').toBe(verdict.chromiumError !== null);
        expect(typeof verdict.summary).toBe('string');
      }),
      { numRuns: 3000, seed: 20261202 },
    );
  });
  it('triage (what the tracker records) takes the same decision as the full verdict', () => {
    fc.assert(
      fc.property(exchange, (e) => {
        const full = analyze(e);
        expect(triage(e)).toEqual({
          outcome: full.outcome,
          chromiumError: full.chromiumError,
          failedParameter: full.failedParameter,
          errorTitle: full.errorTitle,
          summary: full.summary,
          preflight: full.preflight,
          findings: full.findings,
        });
      }),
      { numRuns: 3000, seed: 20261203 },
    );
  });
  it('is deterministic', () => {
    fc.assert(
      fc.property(exchange, (e) => {
        expect(JSON.stringify(analyze(structuredClone(e)))).toBe(
          JSON.stringify(analyze(structuredClone(e))),
        );
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
  it('does not modify its input', () => {
    fc.assert(
      fc.property(exchange, (e) => {
        const before = JSON.stringify(e);
        analyze(e);
        expect(JSON.stringify(e)).toBe(before);
      }),
      { numRuns: 500, seed: 11 },
    );
  });
  it('survives huge values and thousands of headers', () => {
    const big = 'x'.repeat(1_000_000);
    const many = Array.from({ length: 5000 }, (_, i) => ({
      name: `X-H${i}`,
      value: big.slice(0, 100),
    }));
    const verdict = analyze({
      request: {
        method: 'PUT',
        url: 'https://api.example.com/',
        origin: 'https://app.example.com',
        headers: many,
      },
      preflight: {
        requestHeaders: [],
        status: 204,
        headers: [{ name: 'Access-Control-Allow-Origin', value: big }],
      },
      error: 'net::ERR_FAILED',
    });
    expect(verdict.chromiumError).toBe('PreflightInvalidAllowOriginValue');
  });
});

// Exchanges whose CORS headers are plausible server answers (echoed, `*`, wrong, absent),
// so that most walks get past the origin check and credentials have something to change.
const appOrigin = 'https://app.example.com';
const optionalHeader = (name: string, values: string[]) =>
  fc.option(
    fc.constantFrom(...values).map((value) => ({ name, value })),
    { nil: undefined },
  );
const corsAnswer = fc
  .tuple(
    optionalHeader('Access-Control-Allow-Origin', [
      appOrigin,
      appOrigin,
      '*',
      'https://other.example',
      `${appOrigin}, ${appOrigin}`,
      'null',
    ]),
    optionalHeader('Access-Control-Allow-Credentials', ['true', 'true', 'True']),
    optionalHeader('Access-Control-Allow-Methods', [
      '*',
      'PUT',
      'GET, POST, DELETE',
      'put',
      'PUT;',
    ]),
    optionalHeader('Access-Control-Allow-Headers', [
      '*',
      'content-type',
      'authorization',
      'x-api-key, content-type, authorization',
      'bad header',
    ]),
    optionalHeader('Location', [
      'https://api.example.com/next',
      'https://u:p@api.example.com/',
      '/same',
    ]),
  )
  .map((headers) => headers.filter((h): h is Header => h !== undefined));
const plausibleExchange: fc.Arbitrary<Exchange> = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
    requestHeaders: fc.subarray([
      { name: 'Content-Type', value: 'application/json' },
      { name: 'Authorization', value: 'Bearer x' },
      { name: 'X-Api-Key', value: 'k' },
    ]),
    preflight: fc.option(
      fc.record({ status: fc.constantFrom(200, 204, 204, 302, 404), headers: corsAnswer }),
      { nil: undefined },
    ),
    redirects: fc.array(
      fc.record({ status: fc.constantFrom(301, 302, 307), headers: corsAnswer }),
      { maxLength: 1 },
    ),
    response: fc.option(fc.record({ status: fc.constantFrom(200, 404), headers: corsAnswer }), {
      nil: undefined,
    }),
  })
  .map(({ method, requestHeaders, preflight, redirects, response }) => ({
    request: {
      method,
      url: 'https://api.example.com/x',
      origin: appOrigin,
      headers: requestHeaders,
    },
    ...(preflight ? { preflight: { requestHeaders: [], ...preflight } } : {}),
    redirects: redirects.map((r) => ({ url: 'https://api.example.com/x', ...r })),
    ...(response ? { response } : {}),
  }));

describe('classifying without knowing the credentials mode', () => {
  it('skips the walk without credentials only where it would give the same result', () => {
    const taken = { same: 0, walkedTwice: 0, blockedBoth: 0 };
    fc.assert(
      fc.property(fc.oneof(plausibleExchange, exchange), (e) => {
        const facts = requestFacts(e);
        const both = classifyBothModes(e, facts);
        expect(both.include).toEqual(classify(e, facts, true));
        expect(both.omit).toEqual(classify(e, facts, false));
        if (both.omit !== both.include) taken.walkedTwice++;
        else if (both.include.failure) taken.blockedBoth++;
        else taken.same++;
      }),
      { numRuns: 4000, seed: 20261204 },
    );
    // The generated mix reaches every branch, so the shortcut is really exercised.
    expect(Math.min(taken.same, taken.walkedTwice, taken.blockedBoth)).toBeGreaterThan(200);
  });
});
