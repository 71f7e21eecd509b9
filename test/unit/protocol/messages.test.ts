import { describe, expect, it } from 'vitest';
import { isRequestMessage, isSubscriptionRequest } from '../../../src/protocol/messages';

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
  it('guards subscriptions', () => {
    expect(isSubscriptionRequest({ type: 'subscribe', tabId: 1 })).toBe(true);
    expect(isSubscriptionRequest({ type: 'subscribe' })).toBe(false);
  });
});
