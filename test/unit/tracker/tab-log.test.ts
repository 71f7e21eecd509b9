import { describe, expect, it } from 'vitest';
import { blockedCount, boundExchange, logLimits, upsertRecord, type ExchangeRecord } from '../../../src/tracker/tab-log';
import { exchange, h } from '../exchange-builder';

const record = (id: string, outcome: ExchangeRecord['verdict']['outcome'] = 'ok'): ExchangeRecord => ({
  id,
  tabId: 1,
  type: 'xmlhttprequest',
  startedAt: 0,
  updatedAt: 0,
  inFlight: false,
  exchange: exchange(),
  verdict: { outcome, chromiumError: outcome === 'blocked' ? 'MissingAllowOriginHeader' : null, failedParameter: null, errorTitle: null, summary: '' },
});

describe('tab log', () => {
  it('updates a request in place instead of counting it twice', () => {
    const log = upsertRecord(upsertRecord([], record('1:1')), record('1:1', 'blocked'));
    expect(log).toHaveLength(1);
    expect(blockedCount(log)).toBe(1);
  });
  it('drops the oldest past the cap', () => {
    let log: ExchangeRecord[] = [];
    for (let i = 0; i < 12; i++) log = upsertRecord(log, record(`1:${i}`), 10);
    expect(log.map((r) => r.id)).toEqual(Array.from({ length: 10 }, (_, i) => `1:${i + 2}`));
  });
  it('truncates huge values and saying by how much', () => {
    const big = 'x'.repeat(logLimits.valueBytes + 100);
    const bounded = boundExchange(exchange({ response: { status: 200, headers: h(['X-Big', big]) } }));
    const value = bounded.response?.headers[0]?.value ?? '';
    expect(value.length).toBeLessThan(big.length);
    expect(value).toContain('[truncated 100 characters]');
  });
});
