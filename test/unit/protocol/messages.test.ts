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
  it('takes witnessed records only finished, of the tab named, and whole enough to store', () => {
    const record = {
      id: '7:42',
      tabId: 7,
      frameId: 0,
      type: 'xmlhttprequest',
      startedAt: 1,
      updatedAt: 2,
      inFlight: false,
      exchange: { request: { method: 'GET', url: 'http://a/', origin: 'http://b', headers: [] } },
      verdict: { outcome: 'blocked' },
    };
    const witnessed = (records: unknown[], tabId = 7) =>
      isSubscriptionRequest({ type: 'witnessed', tabId, records });
    expect(witnessed([record])).toBe(true);
    expect(witnessed([])).toBe(true);
    expect(witnessed([record], 8)).toBe(false);
    expect(witnessed([{ ...record, id: '8:42' }])).toBe(false);
    expect(witnessed([{ ...record, inFlight: true }])).toBe(false);
    expect(witnessed([{ ...record, exchange: { request: { url: 1 } } }])).toBe(false);
    expect(witnessed([{ ...record, verdict: null }])).toBe(false);
    expect(witnessed([null])).toBe(false);
    expect(isSubscriptionRequest({ type: 'witnessed', tabId: 7, records: 'x' })).toBe(false);
    // A worker's request (no tab) as the witness recorded it; never a tab's copy of one.
    expect(witnessed([{ ...record, id: '-1:42', tabId: -1 }])).toBe(true);
    expect(witnessed([{ ...record, id: '-1:42@7', tabId: -1 }])).toBe(false);
    expect(witnessed([{ ...record, id: '7:42', tabId: -1 }])).toBe(false);
  });
});
