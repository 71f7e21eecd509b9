import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/analyze';
import type { Exchange } from '../../../src/exchange/types';
import { exchange, ok, page, preflight } from '../exchange-builder';

const ids = (e: Exchange) => analyze(e).findings.map((f) => `${f.id}:${f.severity}`);
const credentialed = {
  method: 'GET',
  url: 'https://api.example.com/me',
  origin: page,
  credentials: 'include' as const,
  headers: [],
};

describe('passive findings', () => {
  it('an echoed origin with credentials is suspect, with a way to confirm', () => {
    const e = exchange({
      request: credentialed,
      response: ok(
        ['Access-Control-Allow-Origin', page],
        ['Access-Control-Allow-Credentials', 'true'],
        ['Vary', 'Origin'],
      ),
    });
    const [finding] = analyze(e).findings;
    expect(finding).toMatchObject({ id: 'reflected-origin-with-credentials', severity: 'medium' });
    expect(finding?.confirm).toContain(
      `cors-lens audit https://api.example.com/me --origin ${page} --credentials`,
    );
    expect(finding?.evidence).toContain('response: Access-Control-Allow-Credentials: true');
  });

  it('null allowed: high with credentials, medium without', () => {
    const withCredentials = exchange({
      request: { ...credentialed, origin: 'null' },
      response: ok(
        ['Access-Control-Allow-Origin', 'null'],
        ['Access-Control-Allow-Credentials', 'true'],
      ),
    });
    expect(ids(withCredentials)).toContain('null-origin-allowed:high');
    expect(ids(exchange({ response: ok(['Access-Control-Allow-Origin', 'null']) }))).toEqual([
      'null-origin-allowed:medium',
    ]);
  });

  it('an echoed origin without Vary: Origin, but not a static one', () => {
    expect(ids(exchange({ response: ok(['Access-Control-Allow-Origin', page]) }))).toEqual([
      'dynamic-origin-without-vary:medium',
    ]);
    expect(
      ids(
        exchange({
          response: ok(['Access-Control-Allow-Origin', page], ['Vary', 'Accept-Encoding, Origin']),
        }),
      ),
    ).toEqual([]);
    expect(
      ids(exchange({ response: ok(['Access-Control-Allow-Origin', 'https://other.example']) })),
    ).toEqual([]);
    // Vary belongs on the response that echoed; an echoing preflight does not count.
    expect(
      ids(
        exchange({
          method: 'PUT',
          preflight: preflight({ method: 'PUT' }, 204, ['Access-Control-Allow-Origin', page]),
          response: ok(),
        }),
      ),
    ).toEqual([]);
  });

  it('an http origin trusted by an https resource', () => {
    const e = exchange({
      request: { ...credentialed, origin: 'http://app.example.com' },
      response: ok(['Access-Control-Allow-Origin', 'http://app.example.com'], ['Vary', 'Origin']),
    });
    expect(ids(e)).toEqual(['http-origin-trusted:medium']);
  });

  it('`*` with cookies or credentials headers, literal `*` with credentials', () => {
    expect(
      ids(
        exchange({ response: ok(['Access-Control-Allow-Origin', '*'], ['Set-Cookie', 'sid=1']) }),
      ),
    ).toEqual(['wildcard-with-credentials-headers:low']);
    const e = exchange({
      method: 'PUT',
      request: { ...credentialed, method: 'PUT' },
      preflight: preflight(
        { method: 'PUT', headers: 'x-a' },
        204,
        ['Access-Control-Allow-Origin', page],
        ['Access-Control-Allow-Credentials', 'true'],
        ['Access-Control-Allow-Methods', '*'],
        ['Access-Control-Allow-Headers', '*'],
      ),
    });
    expect(ids(e)).toContain('literal-wildcard-with-credentials:low');
  });

  it('max-age above the caps, and sensitive headers exposed', () => {
    const e = exchange({
      method: 'PUT',
      preflight: preflight(
        { method: 'PUT' },
        204,
        ['Access-Control-Allow-Origin', '*'],
        ['Access-Control-Allow-Methods', 'PUT'],
        ['Access-Control-Max-Age', '86400'],
      ),
      response: ok(
        ['Access-Control-Allow-Origin', '*'],
        ['Access-Control-Expose-Headers', 'X-Total, X-Session-Token, Set-Cookie'],
      ),
    });
    const found = analyze(e).findings;
    expect(found.map((f) => f.id)).toEqual(['sensitive-headers-exposed', 'max-age-over-cap']);
    expect(found[0]?.risk).toContain('X-Session-Token, Set-Cookie');
    expect(found[1]?.risk).toContain('Chrome keeps preflights at most 7200 s');
  });

  it('a safe exact allow-list yields nothing', () => {
    const e = exchange({ response: ok(['Access-Control-Allow-Origin', page], ['Vary', 'Origin']) });
    expect(analyze(e).findings).toEqual([]);
  });
});
