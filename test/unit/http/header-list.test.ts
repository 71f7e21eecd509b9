import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getHeader, hasHeader, headerIndex, headerValues } from '../../../src/http/header-list';

const asciiLowerCase = (value: string) => value.replace(/[A-Z]/g, (c) => c.toLowerCase());
const list = (...pairs: [string, string][]) => pairs.map(([name, value]) => ({ name, value }));

describe('header lists', () => {
  it('finds names ASCII case-insensitively, whichever side has the capitals', () => {
    const headers = list(['ACCESS-CONTROL-ALLOW-ORIGIN', 'https://a.example'], ['vary', 'Origin']);
    expect(getHeader(headers, 'access-control-allow-origin')).toBe('https://a.example');
    expect(getHeader(headers, 'Access-Control-Allow-Origin')).toBe('https://a.example');
    expect(getHeader(headers, 'VARY')).toBe('Origin');
    expect(hasHeader(headers, 'Vary')).toBe(true);
    expect(headerIndex(headers, 'vary')).toBe(1);
    expect(headerIndex(headers, 'location')).toBe(-1);
  });
  it('folds only A–Z: neighbours of the letters and non-ASCII stay distinct', () => {
    // '[' and '{' are 0x20 apart like 'A' and 'a'; so are '\r' and '-'; 'K' (Kelvin) folds to 'k' in Unicode.
    const headers = list(['x[', '1'], ['a\rb', '2'], ['\u212a', '3']);
    expect(getHeader(headers, 'x{')).toBeNull();
    expect(getHeader(headers, 'a-b')).toBeNull();
    expect(getHeader(headers, 'k')).toBeNull();
  });
  it('combines repeated headers with ", " in wire order and trims HTTP whitespace', () => {
    const headers = list(['Allow', ' GET\t'], ['X', 'y'], ['allow', 'PUT ']);
    expect(getHeader(headers, 'allow')).toBe('GET, PUT');
    expect(headerValues(headers, 'ALLOW')).toEqual(['GET', 'PUT']);
    expect(headerIndex(headers, 'allow')).toBe(0);
  });
  it('matches exactly when the ASCII lower-case forms are equal', () => {
    const name = fc.oneof(
      fc.constantFrom('Access-Control-Allow-Origin', 'access-control-allow-origin', 'Vary', 'vARY'),
      fc.string({ maxLength: 6 }),
      fc.string({ unit: 'binary', maxLength: 6 }),
    );
    fc.assert(
      fc.property(name, name, (headerName, wanted) => {
        const same = asciiLowerCase(headerName) === asciiLowerCase(wanted);
        expect(hasHeader(list([headerName, 'v']), wanted)).toBe(same);
      }),
      { numRuns: 20_000, seed: 20261203 },
    );
  });
});
