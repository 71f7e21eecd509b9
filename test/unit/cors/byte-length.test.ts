import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteLength } from '../../../src/cors/request-headers';

describe('byteLength', () => {
  it('equals the UTF-8 encoding’s length, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(byteLength(value)).toBe(new TextEncoder().encode(value).length);
      }),
      { numRuns: 5000, seed: 7 },
    );
    expect(byteLength('\ud800')).toBe(3);
    expect(byteLength('😀')).toBe(4);
  });
});
