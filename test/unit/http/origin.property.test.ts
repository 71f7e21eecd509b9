// The analyzer reads plain http(s) URLs without the WHATWG parser (a fast path for the
// tracker); it must give what the parser gives, for every URL it accepts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { authorityOf, hasUserinfo, originOf } from '../../../src/http/origin';

function parsed(url: string) {
  try {
    const u = new URL(url);
    return {
      origin: u.origin,
      protocol: u.protocol,
      host: u.host,
      hasUserinfo: u.username !== '' || u.password !== '',
    };
  } catch {
    return null;
  }
}

const label = fc.oneof(
  fc.stringMatching(/^[a-z0-9-]{1,8}$/),
  fc.constantFrom(
    '0',
    '00',
    '1',
    '255',
    '256',
    '0x7f',
    '0x',
    '08',
    'xn--a',
    'xn--nxasmq6b',
    'A',
    'ß',
    '%41',
    'localhost',
  ),
);
const host = fc.oneof(
  fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')),
  fc.constantFrom(
    '127.0.0.1',
    '127.1',
    '1.2.3.4.',
    '[::1]',
    '0177.0.0.1',
    '999.1.1.1',
    'u:p@h',
    'h..com',
  ),
);
const port = fc.constantFrom(
  '',
  ':80',
  ':443',
  ':8080',
  ':0',
  ':00080',
  ':65535',
  ':65536',
  ':99999',
  ':',
  ':1',
);
const scheme = fc.constantFrom('http', 'https', 'HTTP', 'ws', 'ftp', 'data', 'blob');
const rest = fc.constantFrom(
  '',
  '/',
  '/a/../b',
  '?q=1',
  '#f',
  '\\x',
  '/a b',
  ' ',
  '@x',
  '\t',
  '/%zz',
  ':x',
);
const crafted = fc.tuple(scheme, host, port, rest).map(([s, h, p, r]) => `${s}://${h}${p}${r}`);
const urls = fc.oneof(crafted, fc.webUrl({ withQueryParameters: true, withFragments: true }));

describe('authorityOf', () => {
  it('agrees with the WHATWG URL parser', () => {
    fc.assert(
      fc.property(urls, (url) => {
        const authority = authorityOf(url);
        expect(
          authority && {
            origin: authority.origin,
            protocol: authority.protocol,
            host: authority.host,
            hasUserinfo: authority.hasUserinfo,
          },
        ).toEqual(parsed(url));
      }),
      { numRuns: 20_000, seed: 20261203 },
    );
  });
  it('takes the fast path for the URLs the tracker sees', () => {
    expect(authorityOf('http://127.0.0.1:8080/a?b')).toEqual({
      origin: 'http://127.0.0.1:8080',
      protocol: 'http:',
      host: '127.0.0.1:8080',
      hasUserinfo: false,
    });
    expect(originOf('https://api.example.com:443/x')).toBe('https://api.example.com');
    expect(originOf('http://127.1/')).toBe('http://127.0.0.1');
    expect(originOf('not a url')).toBe('null');
    expect(hasUserinfo('https://u:p@api.example.com/')).toBe(true);
  });
});
