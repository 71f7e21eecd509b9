import { describe, expect, it } from 'vitest';
import {
  isRequestMessage,
  isSubscriptionRequest,
  settingsFrom,
} from '../../../src/protocol/messages';

describe('message guards', () => {
  it.each([
    [{ type: 'cors-lens:export', tabId: 3, format: 'json' }, true],
    [{ type: 'cors-lens:export', tabId: 3, format: 'pdf' }, false],
    [{ type: 'cors-lens:export', tabId: 3, format: 'html', stack: 'nginx' }, true],
    [{ type: 'cors-lens:export', tabId: 3, format: 'html', stack: 'auto' }, true],
    [{ type: 'cors-lens:export', tabId: 3, format: 'html', stack: 'cobol' }, false],
    [{ type: 'cors-lens:set-settings', settings: { recording: false } }, true],
    [{ type: 'cors-lens:set-settings', settings: { recording: 'no' } }, false],
    [{ type: 'cors-lens:set-settings', settings: { hacked: true } }, false],
    [{ type: 'cors-lens:export', tabId: '3', format: 'json' }, false],
    [{ type: 'cors-lens:export', tabId: 3, format: 'json', ids: [1] }, false],
    [{ type: 'cors-lens:get-tab', tabId: -1 }, false],
    [{ type: 'cors-lens:set-settings', settings: { preserveLog: true } }, true],
    [{ type: 'cors-lens:set-settings', settings: { evil: true } }, false],
    [{ type: 'toString' }, false],
    [null, false],
    ['cors-lens:ping', false],
  ])('%j → %s', (message, valid) => {
    expect(isRequestMessage(message)).toBe(valid);
  });
  it('checks each setting by its own type; stored settings keep only the valid keys', () => {
    const set = (settings: unknown) =>
      isRequestMessage({ type: 'cors-lens:set-settings', settings });
    expect(set({ recordOnly: ['localhost:8080'] })).toBe(true);
    expect(set({ recordOnly: 'localhost:8080' })).toBe(false);
    expect(set({ recordOnly: Array.from({ length: 21 }, () => 'a.example') })).toBe(false);
    expect(set({ recordOnly: ['x'.repeat(201)] })).toBe(false);
    expect(set({ recording: 'yes' })).toBe(false);
    expect(set({ unknown: true })).toBe(false);
    expect(settingsFrom({ recording: false, recordOnly: 'x', junk: 1 })).toEqual({
      preserveLog: false,
      recording: false,
      recordOnly: [],
    });
    expect(settingsFrom(null)).toEqual({ preserveLog: false, recording: true, recordOnly: [] });
    expect(isRequestMessage({ type: 'cors-lens:set-tab-recording', tabId: 3, on: false })).toBe(
      true,
    );
    expect(isRequestMessage({ type: 'cors-lens:set-tab-recording', tabId: 3 })).toBe(false);
  });
  it('guards subscriptions', () => {
    expect(isSubscriptionRequest({ type: 'subscribe', tabId: 1 })).toBe(true);
    expect(isSubscriptionRequest({ type: 'subscribe' })).toBe(false);
  });
  it('takes a quiet subscription, a keepalive, and DevTools entries as objects, at most 2000', () => {
    expect(isSubscriptionRequest({ type: 'subscribe', tabId: 1, quiet: true })).toBe(true);
    expect(isSubscriptionRequest({ type: 'subscribe', tabId: 1, quiet: 'yes' })).toBe(false);
    expect(isSubscriptionRequest({ type: 'keepalive', tabId: 1 })).toBe(true);
    const har = (entries: unknown) => isSubscriptionRequest({ type: 'devtools-har', tabId: 7, entries });
    expect(har([{ request: {} }])).toBe(true);
    expect(har([])).toBe(true);
    expect(har([null])).toBe(false);
    expect(har('x')).toBe(false);
    expect(har(Array.from({ length: 2001 }, () => ({})))).toBe(false);
    expect(isSubscriptionRequest({ type: 'witnessed', tabId: 7, records: [] })).toBe(false);
  });
});
