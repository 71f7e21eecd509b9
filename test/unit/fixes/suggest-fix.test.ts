import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/analyze';
import type { Exchange } from '../../../src/exchange/types';
import { suggestFix } from '../../../src/fixes/suggest-fix';
import { stacks, type StackId } from '../../../src/fixes/stacks';
import { withPolicy } from '../../../src/fixes/what-if';
import { api, exchange, h, ok, page, preflight } from '../exchange-builder';

const fixFor = (e: Exchange, stack: StackId = 'express') => suggestFix(e, analyze(e), stack);

const putWithKey = (...allowed: [string, string][]) =>
  exchange({
    method: 'PUT',
    request: { method: 'PUT', url: api, origin: page, credentials: 'include', headers: [] },
    preflight: preflight({ method: 'PUT', headers: 'x-api-key' }, 204, ...allowed),
  });

describe('the minimal change', () => {
  it('adds only the missing header, keeping what the server already allows', () => {
    const e = putWithKey(
      ['Access-Control-Allow-Origin', page],
      ['Access-Control-Allow-Credentials', 'true'],
      ['Access-Control-Allow-Methods', 'GET, PUT'],
      ['Access-Control-Allow-Headers', 'x-trace'],
    );
    const fix = fixFor(e);
    expect(fix.kind).toBe('headers');
    expect(fix.changes).toEqual(['Add `x-api-key` to `allowedHeaders`.']);
    expect(fix.config).toContain('allowedHeaders: ["x-trace", "x-api-key"]');
    expect(fix.config).toContain(`origin: ["${page}"]`);
  });

  it('replaces `*` with the exact origin when the request carries credentials', () => {
    const e = putWithKey(
      ['Access-Control-Allow-Origin', '*'],
      ['Access-Control-Allow-Methods', 'PUT'],
      ['Access-Control-Allow-Headers', 'x-api-key'],
    );
    const fix = fixFor(e, 'fastapi');
    expect(fix.changes[0]).toContain('Replace `*` in `allow_origins`');
    expect(fix.config).toContain(`allow_origins=["${page}"]`);
    expect(fix.config).not.toContain('"*"');
    expect(fix.config).toContain('allow_credentials=True');
  });

  it('keeps `*` for a public request without credentials and only adds the method', () => {
    const e = exchange({
      method: 'DELETE',
      request: { method: 'DELETE', url: api, origin: page, credentials: 'omit', headers: [] },
      preflight: preflight({ method: 'DELETE' }, 204, ['Access-Control-Allow-Origin', '*']),
    });
    const fix = fixFor(e, 'go');
    expect(fix.changes).toEqual(['Add `DELETE` to `AllowedMethods`.']);
    expect(fix.config).toContain('AllowedOrigins: []string{"*"}');
  });

  it('says when Allow-Credentials has a wrong value', () => {
    const e = putWithKey(
      ['Access-Control-Allow-Origin', page],
      ['Access-Control-Allow-Credentials', 'TRUE'],
      ['Access-Control-Allow-Methods', 'PUT'],
      ['Access-Control-Allow-Headers', 'x-api-key'],
    );
    expect(fixFor(e, 'django').changes).toEqual([
      'Access-Control-Allow-Credentials must be exactly `true`, not `TRUE`: set `CORS_ALLOW_CREDENTIALS = True`.',
    ]);
  });

  it('names a duplicated Allow-Origin', () => {
    const e = exchange({
      response: ok(['Access-Control-Allow-Origin', page], ['Access-Control-Allow-Origin', page]),
    });
    expect(fixFor(e, 'nginx').changes[0]).toMatch(/Send Access-Control-Allow-Origin once/);
  });

  it('caps a copied max-age at Chrome’s 7200 s', () => {
    const e = putWithKey(
      ['Access-Control-Allow-Origin', page],
      ['Access-Control-Max-Age', '86400'],
    );
    expect(fixFor(e, 'django').config).toContain('CORS_PREFLIGHT_MAX_AGE = 7200');
  });

  it('proposes nothing for a request that passed', () => {
    const e = exchange({ response: ok(['Access-Control-Allow-Origin', page]) });
    expect(fixFor(e)).toMatchObject({ kind: 'none', config: null, changes: [] });
  });
});

const answered = (status: number, e: Exchange): Exchange =>
  e.preflight ? { ...e, preflight: { ...e.preflight, status } } : e;

describe('when the cause is elsewhere', () => {
  it('a preflight answered 401 is an authentication problem, per stack', () => {
    const e = answered(401, putWithKey());
    const fix = fixFor(e, 'aspnet');
    expect(fix.kind).toBe('cause-elsewhere');
    expect(fix.causes[0]?.text).toContain('before `app.UseAuthentication()`');
    expect(fix.config).not.toBeNull();
  });

  it('a preflight answered 405 means nothing answers OPTIONS', () => {
    const e = answered(405, putWithKey());
    expect(fixFor(e, 'nginx').causes[0]?.text).toMatch(/nothing on the server answers OPTIONS/);
  });

  it('a redirected preflight must not redirect', () => {
    const e = answered(301, putWithKey(['Location', `${api}/`]));
    const fix = fixFor(e);
    expect(fix.kind).toBe('cause-elsewhere');
    expect(fix.causes[0]?.text).toContain('must not redirect');
  });

  it('a 500 without CORS headers is a hidden server error', () => {
    const e = exchange({ response: { url: api, status: 500, headers: h(['Server', 'uvicorn']) } });
    const fix = suggestFix(e, analyze(e));
    expect(fix.stack).toBe('fastapi');
    expect(fix.causes[0]?.text).toContain('CORS is hiding your server error');
    expect(fix.causes[0]?.text).toContain('ServerErrorMiddleware');
  });

  it('an opaque origin is fixed on the client, never by allowing `null`', () => {
    const e = exchange({
      request: { method: 'GET', url: api, origin: 'null', headers: [] },
      response: ok(),
    });
    const fix = fixFor(e);
    expect(fix.kind).toBe('client');
    expect(fix.config).toBeNull();
    expect(fix.causes[0]?.text).toMatch(/Do not allow `Access-Control-Allow-Origin: null`/);
  });

  it('every fix says what to do when the server cannot change, never “unblock”', () => {
    const fix = fixFor(putWithKey());
    expect(fix.cannotChangeServer).toMatch(/same-origin/);
    expect(fix.cannotChangeServer).not.toMatch(/extension|unblock/i);
  });
});

describe('what-if: applying the fix', () => {
  it('makes the analyzer pass on the captured exchange', () => {
    const e = putWithKey(['Access-Control-Allow-Origin', 'https://other.example']);
    const verdict = analyze(e);
    const { policy } = suggestFix(e, verdict, 'headers');
    if (!policy) throw new Error('no policy');
    expect(analyze(withPolicy(e, verdict, policy)).outcome).toBe('ok');
  });
});

describe('the stacks we cannot run here', () => {
  const e = putWithKey(['Access-Control-Allow-Origin', 'https://other.example']);
  for (const id of ['spring', 'aspnet', 'laravel'] as const) {
    it(`${id}: snippet with exact origins, labelled unverified`, () => {
      const fix = fixFor(e, id);
      expect(fix.verified).toBe(false);
      expect(fix.config).toContain(page);
      expect(fix.config).not.toMatch(
        /allowedOriginPatterns|SetIsOriginAllowed|AllowAnyOrigin|'\*'/,
      );
      expect(fix.config).toMatchSnapshot();
    });
  }
  it('every other stack is verified live', () => {
    const unverified = Object.values(stacks)
      .filter((s) => !s.verified)
      .map((s) => s.id);
    expect(unverified).toEqual(['spring', 'aspnet', 'laravel']);
  });
});
