import { describe, expect, it } from 'vitest';
import { resolveLocation } from '../../../../src/analyzer/rules/redirect';

describe('resolveLocation', () => {
  it('resolves against the URL that answered, the same on every read', () => {
    for (let read = 0; read < 2; read++) {
      expect(resolveLocation('/next?a=1', 'https://api.example.com/x/y')).toBe(
        'https://api.example.com/next?a=1',
      );
      expect(resolveLocation('next', 'https://api.example.com/x/y')).toBe(
        'https://api.example.com/x/next',
      );
      expect(resolveLocation('http://[::1', 'https://api.example.com/')).toBeNull();
      expect(resolveLocation(null, 'https://api.example.com/')).toBeNull();
    }
  });
  it('keeps apart pairs that a joined key would confuse', () => {
    // Joined with a space, both pairs read "https://a.example/p q r".
    expect(resolveLocation('r', 'https://a.example/p q')).toBe('https://a.example/r');
    expect(resolveLocation('q r', 'https://a.example/p')).toBe('https://a.example/q%20r');
  });
});
