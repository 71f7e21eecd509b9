// Whatever the traffic says, a suggested fix never allows `*` with credentials, never
// reflects an arbitrary origin, never carries a value from the traffic that is not a plain
// origin or token, and (for header fixes) makes the exchange pass.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/analyze';
import type { Exchange, Header } from '../../../src/exchange/types';
import { isConfigSafeName, isConfigSafeOrigin } from '../../../src/fixes/policy';
import { suggestFix } from '../../../src/fixes/suggest-fix';
import { stackIds, stacks } from '../../../src/fixes/stacks';
import { exactRegex } from '../../../src/fixes/stacks/literals';
import { withPolicy } from '../../../src/fixes/what-if';

const hostile = fc.constantFrom(
  '<img src=x onerror=alert(1)>',
  '"; rm -rf / #',
  "'); DROP TABLE x;--",
  '${jndi:ldap://x}',
  '`id`',
  'x\ny',
  '*',
  'null',
  'https://evil.test',
  'http://a.example.com.evil.test',
);
const origin = fc.oneof(
  fc.constantFrom('https://app.example.com', 'http://localhost:5173', 'http://127.0.0.1:8080'),
  hostile,
);
const name = fc.oneof(
  fc.constantFrom('x-api-key', 'authorization', 'content-type', 'X_Trace.1'),
  hostile,
);
const method = fc.oneof(fc.constantFrom('GET', 'PUT', 'DELETE', 'patch', 'PROPFIND'), hostile);
const allowHeader = fc.tuple(
  fc.constantFrom(
    'Access-Control-Allow-Origin',
    'Access-Control-Allow-Credentials',
    'Access-Control-Allow-Methods',
    'Access-Control-Allow-Headers',
    'Access-Control-Max-Age',
    'Access-Control-Expose-Headers',
  ),
  fc.oneof(origin, name, method, fc.constantFrom('true', '*', '600', '')),
);

const exchangeArb = fc
  .record({
    origin,
    method,
    credentials: fc.constantFrom('include' as const, 'omit' as const, undefined),
    asked: fc.array(name, { maxLength: 4 }),
    preflightStatus: fc.option(fc.constantFrom(200, 204, 400, 401, 404, 500), { nil: undefined }),
    preflightHeaders: fc.array(allowHeader, { maxLength: 6 }),
    responseHeaders: fc.array(allowHeader, { maxLength: 4 }),
    responseStatus: fc.constantFrom(200, 404, 500),
  })
  .map((r): Exchange => {
    const headers = (pairs: [string, string][]): Header[] =>
      pairs.map(([n, value]) => ({ name: n, value }));
    const requestHeaders = headers([
      ['Origin', r.origin],
      ['Access-Control-Request-Method', r.method],
    ]);
    if (r.asked.length)
      requestHeaders.push({ name: 'Access-Control-Request-Headers', value: r.asked.join(',') });
    return {
      request: {
        method: r.method,
        url: 'https://api.example.com/v1/items',
        origin: r.origin,
        ...(r.credentials ? { credentials: r.credentials } : {}),
        headers: [],
      },
      preflight:
        r.preflightStatus === undefined
          ? null
          : { requestHeaders, status: r.preflightStatus, headers: headers(r.preflightHeaders) },
      response: { status: r.responseStatus, headers: headers(r.responseHeaders) },
    };
  });

const hostileText = ['<img', 'onerror', 'rm -rf', 'DROP TABLE', '${jndi', '`id`'];

describe('suggested fixes are secure by construction', () => {
  it('for any traffic and any stack', () => {
    fc.assert(
      fc.property(exchangeArb, fc.constantFrom(...stackIds), (exchange, stackId) => {
        const verdict = analyze(exchange);
        const fix = suggestFix(exchange, verdict, stackId);
        if (!fix.policy) return;
        const { policy } = fix;
        if (policy.credentials) expect(policy.anyOrigin).toBe(false);
        for (const o of policy.origins) expect(isConfigSafeOrigin(o)).toBe(true);
        for (const n of [...policy.methods, ...policy.headers, ...policy.exposeHeaders])
          expect(isConfigSafeName(n)).toBe(true);
        for (const text of hostileText) expect(fix.config).not.toContain(text);
        // Only origins seen in the traffic, never a pattern or reflection.
        expect(fix.config).not.toMatch(
          /Allow-Origin \$http_origin|origin: true|allowedOriginPatterns|\.\*/,
        );
        const complete = !fix.notes.some((n) => n.startsWith('Left out'));
        if (fix.kind === 'headers' && complete && exchange.request.origin === policy.origins.at(-1))
          expect(analyze(withPolicy(exchange, verdict, policy)).outcome).toBe('ok');
      }),
      { numRuns: 3000, seed: 20261203 },
    );
  });

  it('the Apache origin pattern admits exactly the origin', () => {
    const allowed = ['https://app.example.com', 'http://localhost:5173', 'http://[::1]:8080'];
    for (const o of allowed) {
      const pattern = new RegExp(exactRegex(o));
      expect(pattern.test(o)).toBe(true);
      for (const evil of [
        `${o}.evil.test`,
        `${o}x`,
        o.replace('.', 'X'),
        `https://evil${o.slice(8)}`,
        ` ${o}`,
      ].filter((e) => e !== o))
        expect(pattern.test(evil), `${exactRegex(o)} vs ${evil}`).toBe(false);
    }
  });

  it('nginx matches origins exactly (no regex keys) and Apache/Caddy only echo matched ones', () => {
    const policy = {
      anyOrigin: false,
      origins: ['https://app.example.com'],
      methods: ['GET', 'PUT'],
      headers: ['x-api-key'],
      exposeHeaders: [],
      credentials: true,
      maxAge: null,
      privateNetwork: false,
    };
    const target = { path: '/api/items' };
    expect(stacks.nginx.render(policy, target)).toContain(
      '"https://app.example.com" $http_origin;',
    );
    expect(stacks.nginx.render(policy, target)).not.toMatch(/"~/);
    expect(stacks.apache.render(policy, target)).toContain('env=CORS_ORIGIN');
    expect(stacks.caddy.render(policy, target)).toContain('header Origin https://app.example.com');
    for (const id of stackIds) expect(stacks[id].render(policy, target)).not.toMatch(/(["'])\*\1/);
  });
});
