import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  devtoolsHarLimits,
  finishedEntries,
  missedFromHar,
  serviceWorkerMark,
} from '../../../src/tracker/devtools-har';
import type { ExchangeRecord } from '../../../src/tracker/tab-log';

// What chrome.devtools.network.getHAR() gave in Chromium 156 for four zoo scenarios.
const { entries } = JSON.parse(
  readFileSync('test/fixtures/devtools-har/zoo-slice.json', 'utf8'),
) as { entries: Record<string, unknown>[] };
const startOf = (entry: Record<string, unknown>) => Date.parse(entry.startedDateTime as string);
const first = Math.min(...entries.map(startOf));
const later = first + 60_000;
const page = 'http://localhost:37943/';
const scenario = (record: ExchangeRecord) => record.exchange.request.url.split('/s/')[1];

describe('DevTools entries after a stop of the worker', () => {
  it('keeps the ended ones from the window, never one still running or too recent', () => {
    expect(finishedEntries(entries, first, later)).toHaveLength(entries.length);
    expect(finishedEntries(entries, first + 60_000, later)).toEqual([]);
    // Ended less than the grace period ago: it may still reach the worker.
    expect(finishedEntries(entries, first, first + 100)).toEqual([]);
    const [entry] = entries;
    const running = {
      ...entry,
      response: { ...(entry?.response as object), status: 0, _error: null },
    };
    expect(finishedEntries([running, null, 'x'], first, later)).toEqual([]);
    // A response a service worker made is not a request the extension could have seen.
    const answered = {
      ...entry,
      response: { ...(entry?.response as object), _fetchedViaServiceWorker: true },
    };
    expect(finishedEntries([answered], first, later)).toEqual([]);
  });

  it('on a page a service worker controls, drops the page’s entry and marks the worker’s', () => {
    const [entry] = entries as [Record<string, unknown>];
    const at = (ms: number) => new Date(startOf(entry) + ms).toISOString();
    const page = { ...entry, startedDateTime: at(0) };
    const worker = { ...entry, startedDateTime: at(2) };
    const answered = {
      ...page,
      response: { ...(entry.response as object), _fetchedViaServiceWorker: true },
    };
    const mark = (e: object) => ({ ...e, [serviceWorkerMark]: true });
    // Failed: neither was answered by the worker; the page's started first.
    expect(finishedEntries([worker, page], first, later, true)).toEqual([mark(worker)]);
    // Passed: the page's is the one the worker answered, whatever the order.
    expect(finishedEntries([answered, worker], first, later, true)).toEqual([mark(worker)]);
    // A lone entry, or one too far apart, is the page's own request to the network.
    const apart = { ...entry, startedDateTime: at(500) };
    expect(finishedEntries([page, apart], first, later, true)).toEqual([page, apart]);
    // Preflights are the worker's request's: kept as they are.
    const preflight = { ...entry, _resourceType: 'preflight', startedDateTime: at(3) };
    expect(finishedEntries([page, worker, preflight], first, later, true)).toEqual([
      mark(worker),
      preflight,
    ]);
  });

  it('rebuilds every request a worker missed with the verdict the extension gives it', () => {
    const missed = missedFromHar(entries, page, 7, [], later);
    expect(
      missed.map((r) => [
        scenario(r),
        r.verdict.outcome,
        r.verdict.chromiumError,
        r.verdict.failedParameter,
      ]),
    ).toEqual([
      ['ok-echo/0', 'ok', null, null],
      ['no-acao/0', 'blocked', 'MissingAllowOriginHeader', null],
      ['pf-ok/0', 'ok', null, null],
      ['pf-header/0', 'blocked', 'HeaderDisallowedByPreflightResponse', 'x-api-key'],
    ]);
    for (const record of missed) {
      expect(record.id).toMatch(/^7:devtools-\d+-\d+$/);
      expect(record).toMatchObject({ tabId: 7, type: 'xmlhttprequest', inFlight: false });
    }
    expect(missed.find((r) => scenario(r) === 'pf-ok/0')?.exchange.preflight?.status).toBe(204);
  });

  it('leaves what the log holds, and gives back under its id what the log saw only in part', () => {
    const rebuilt = missedFromHar(entries, page, 7, [], later);
    const complete = rebuilt.find((r) => scenario(r) === 'no-acao/0') as ExchangeRecord;
    const held = { ...complete, id: '7:1001', startedAt: complete.startedAt + 3 };
    // The worker saw the preflighted request's start, and nothing after it.
    const pf = rebuilt.find((r) => scenario(r) === 'pf-header/0') as ExchangeRecord;
    const partial: ExchangeRecord = {
      ...pf,
      id: '7:1002',
      inFlight: true,
      exchange: { ...pf.exchange, preflight: null, error: undefined },
    };
    const missed = missedFromHar(entries, page, 7, [held, partial], later);
    expect(missed.map((r) => [r.id.startsWith('7:devtools-') ? 'new' : r.id, scenario(r)])).toEqual(
      [
        ['new', 'ok-echo/0'],
        ['new', 'pf-ok/0'],
        ['7:1002', 'pf-header/0'],
      ],
    );
    // Started more than a second apart: another request to the same URL.
    const apart = { ...held, startedAt: held.startedAt + devtoolsHarLimits.sameStartMs + 1 };
    expect(missedFromHar(entries, page, 7, [apart], later).map(scenario)).toContain('no-acao/0');
  });

  it('refuses entries that are not HAR with the reader’s error, which the worker drops', () => {
    expect(() => missedFromHar([{ request: { url: 'not a url' } }], page, 7, [], later)).toThrow(
      /log\.entries\[0\]/,
    );
  });
});
