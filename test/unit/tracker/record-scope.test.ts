import { describe, expect, it } from 'vitest';
import { recordScope, scopePattern } from '../../../src/tracker/record-scope';

describe('record scope', () => {
  it.each([
    ['https://api.example.com', 'https://api.example.com/*'],
    ['http://localhost:8080', 'http://localhost:8080/*'],
    ['HTTP://LOCALHOST:8080/', 'http://localhost:8080/*'],
    ['localhost:8080', '*://localhost:8080/*'],
    ['127.0.0.1:3000', '*://127.0.0.1:3000/*'],
    ['*.example.com', '*://*.example.com/*'],
    ['https://[::1]:8443', 'https://[::1]:8443/*'],
  ])('%s → %s', (entry, pattern) => {
    expect(scopePattern(entry)).toBe(pattern);
  });

  it.each([
    '',
    '*',
    'ftp://example.com',
    'https://example.com/api',
    'javascript:alert(1)',
    'exa mple.com',
    'api.*.com',
    'https://example.com:99999',
    '<img src=x>',
    'https://user@example.com',
  ])('refuses %j', (entry) => {
    expect(scopePattern(entry)).toBeNull();
  });

  it('splits lists, drops repeats, returns what it could not read', () => {
    expect(
      recordScope(['localhost:8080, https://api.example.com', 'localhost:8080 bad/path']),
    ).toEqual({
      patterns: ['*://localhost:8080/*', 'https://api.example.com/*'],
      invalid: ['bad/path'],
    });
    expect(recordScope([])).toEqual({ patterns: [], invalid: [] });
  });
});
