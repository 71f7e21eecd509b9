import { describe, expect, it } from 'vitest';
import { StringCache } from '../../../src/http/string-cache';

describe('StringCache', () => {
  it('keeps values, null included, under short keys', () => {
    const cache = new StringCache<string | null>(8, 10);
    expect(cache.set('a', 'x')).toBe('x');
    expect(cache.set('b', null)).toBeNull();
    expect(cache.get('a')).toBe('x');
    expect(cache.get('b')).toBeNull();
    expect(cache.get('c')).toBeUndefined();
  });
  it('never keeps a long key, and empties itself when full', () => {
    const cache = new StringCache<number>(8, 3);
    expect(cache.set('a-long-key', 1)).toBe(1);
    expect(cache.get('a-long-key')).toBeUndefined();
    for (const [i, key] of ['k0', 'k1', 'k2', 'k3'].entries()) cache.set(key, i);
    expect(cache.get('k0')).toBe(0);
    cache.set('k4', 4);
    expect(cache.get('k0')).toBeUndefined();
    expect(cache.get('k4')).toBe(4);
  });
});
