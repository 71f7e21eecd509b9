import { describe, expect, it } from 'vitest';
import {
  blockedCount,
  boundExchange,
  logLimits,
  logsFromRecords,
  upsertRecord,
  type ExchangeRecord,
  type TabLog,
} from '../../../src/tracker/tab-log';
import { exchange, h } from '../exchange-builder';

const record = (
  id: string,
  outcome: ExchangeRecord['verdict']['outcome'] = 'ok',
): ExchangeRecord => ({
  id,
  tabId: 1,
  frameId: 0,
  type: 'xmlhttprequest',
  startedAt: 0,
  updatedAt: 0,
  inFlight: false,
  exchange: exchange(),
  verdict: {
    outcome,
    chromiumError: outcome === 'blocked' ? 'MissingAllowOriginHeader' : null,
    failedParameter: null,
    errorTitle: null,
    summary: '',
    preflight: 'not-needed',
  },
});

describe('tab log', () => {
  it('updates a request in place instead of counting it twice', () => {
    const log: TabLog = new Map();
    upsertRecord(log, record('1:1'));
    upsertRecord(log, record('1:1', 'blocked'));
    expect(log.size).toBe(1);
    expect(blockedCount(log.values())).toBe(1);
  });
  it('drops the oldest past the cap', () => {
    const log: TabLog = new Map();
    const dropped = Array.from({ length: 12 }, (_, i) =>
      upsertRecord(log, record(`1:${i}`), 10),
    ).flat();
    expect([...log.keys()]).toEqual(Array.from({ length: 10 }, (_, i) => `1:${i + 2}`));
    expect(dropped).toEqual(['1:0', '1:1']);
  });
  it('rebuilds logs per tab in start order', () => {
    const logs = logsFromRecords([
      { ...record('2:5'), tabId: 2, startedAt: 5 },
      { ...record('1:9'), startedAt: 9 },
      { ...record('1:3'), startedAt: 3 },
    ]);
    expect([...(logs.get(1)?.keys() ?? [])]).toEqual(['1:3', '1:9']);
    expect(logs.get(2)?.size).toBe(1);
  });
  it('truncates huge values and saying by how much', () => {
    const big = 'x'.repeat(logLimits.valueBytes + 100);
    const bounded = boundExchange(
      exchange({ response: { status: 200, headers: h(['X-Big', big]) } }),
    );
    const value = bounded.response?.headers[0]?.value ?? '';
    expect(value.length).toBeLessThan(big.length);
    expect(value).toContain('[truncated 100 characters]');
  });
});
