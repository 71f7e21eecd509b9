// The DevTools page's witness against a worker that missed a stretch of events (it was
// stopped): whatever stretch is lost, the worker's log ends with every request once, each
// with Chrome's own verdict from the recorded run.
import { describe, expect, it } from 'vitest';
import { applyEvent, createPairingState } from '../../../src/tracker/pairing';
import { recordOf, seesMore, type ExchangeRecord, type TabLog } from '../../../src/tracker/tab-log';
import { Witness, witnessLimits } from '../../../src/tracker/witness';
import type { TrackerEvent } from '../../../src/tracker/webrequest-event';
import { load } from './recordings';

/** A recording, and how many requests it has (preflights are part of theirs). */
function recording(name: string) {
  const { chrome, events } = load(name);
  const preflightIds = new Set(
    events
      .filter((e) => e.requestHeaders?.some((h) => /^access-control-request-method$/i.test(h.name)))
      .map((e) => e.requestId),
  );
  const requests = new Set(events.map((e) => e.requestId).filter((id) => !preflightIds.has(id)));
  return { chrome, events, requests: requests.size };
}
const { events, requests } = recording('concurrent');
const scenarioOf = (record: ExchangeRecord) =>
  /\/s\/([\w-]+)/.exec(record.exchange.request.url)?.[1] ?? '';

/** The worker's rules (tracker-service.ts): a copy that sees less never replaces one that sees more. */
function keep(log: TabLog, record: ExchangeRecord): boolean {
  const existing = log.get(record.id);
  if (existing && seesMore(existing, record)) return false;
  log.set(record.id, record);
  return true;
}

/** Runs the worker over `events` minus the lost ones, the witness over all of them. */
function run(lost: (index: number) => boolean, recorded: TrackerEvent[] = events) {
  const worker = createPairingState();
  const log: TabLog = new Map();
  const witness = new Witness();
  witness.observe({ type: 'snapshot', tabId: 1, records: [] });
  recorded.forEach((event, index) => {
    witness.record(event, 0);
    if (lost(index)) return;
    const request = applyEvent(worker, event);
    if (!request || (!request.done && log.has(request.id))) return;
    const record = recordOf(request);
    if (keep(log, record)) witness.observe({ type: 'upsert', record });
  });
  const handed = witness.missed(witnessLimits.graceMs);
  for (const record of handed)
    if (!log.get(record.id) || seesMore(record, log.get(record.id) as ExchangeRecord))
      if (keep(log, record)) witness.observe({ type: 'upsert', record });
  return { log, handed, witness };
}

describe('the witness', () => {
  it('hands over nothing when the worker saw everything', () => {
    const { log, handed, witness } = run(() => false);
    expect(handed).toEqual([]);
    expect(log.size).toBe(requests);
    expect(witness.missed(10 * witnessLimits.graceMs)).toEqual([]);
  });

  it('hands over again what the worker published but a restart lost (published before stored)', () => {
    const { witness } = run(() => false);
    witness.observe({ type: 'snapshot', tabId: 1, records: [] });
    expect(witness.missed(2 * witnessLimits.graceMs)).toHaveLength(requests);
  });

  it.each(
    ['sequential', 'concurrent'].flatMap((name) =>
      [1, 3, 8, 20, Infinity].map((width) => ({ name, width })),
    ),
  )(
    'fills any lost stretch of $width events of the $name run with the right verdicts',
    ({ name, width: w }) => {
      const { chrome, events, requests } = recording(name);
      const width = Math.min(w, events.length);
      for (let from = 0; from + width <= events.length; from++) {
        const { log, handed } = run((i) => i >= from && i < from + width, events);
        const records = [...log.values()];
        expect(records.filter((r) => !r.inFlight)).toHaveLength(requests);
        for (const record of records)
          expect(
            { scenario: scenarioOf(record), corsError: record.verdict.chromiumError },
            `lost ${from}..${from + width}`,
          ).toEqual({
            scenario: scenarioOf(record),
            corsError: chrome[scenarioOf(record)]?.corsError,
          });
        if (width === events.length) expect(handed).toHaveLength(requests);
      }
    },
  );

  it('waits a grace period, resends until confirmed, again after a new snapshot, then gives up', () => {
    const witness = new Witness();
    for (const event of events) witness.record(event, 0);
    const all = requests;
    expect(witness.missed(witnessLimits.graceMs - 1)).toEqual([]);
    expect(witness.missed(witnessLimits.graceMs)).toHaveLength(all);
    // Sent, not confirmed: not again within a grace period, again after one.
    expect(witness.missed(witnessLimits.graceMs + 1)).toEqual([]);
    expect(witness.missed(2 * witnessLimits.graceMs)).toHaveLength(all);
    // A restarted worker's snapshot: due again at once.
    witness.observe({ type: 'snapshot', tabId: 1, records: [] });
    expect(witness.missed(2 * witnessLimits.graceMs + 1)).toHaveLength(all);
    expect(witness.missed(witnessLimits.giveUpMs + 1)).toEqual([]);
  });

  it('does not resend what came before a clear', () => {
    const witness = new Witness();
    for (const event of events) witness.record(event, 0);
    witness.observe({ type: 'cleared', tabId: 1 });
    expect(witness.missed(witnessLimits.graceMs)).toEqual([]);
  });
});

describe('seesMore', () => {
  const { log } = run(() => false);
  const done = [...log.values()].find((r) => r.exchange.preflight) as ExchangeRecord;
  it('prefers the finished copy, and the one with the preflight', () => {
    expect(seesMore(done, { ...done, inFlight: true })).toBe(true);
    expect(seesMore(done, { ...done, exchange: { ...done.exchange, preflight: null } })).toBe(true);
    expect(seesMore(done, done)).toBe(false);
    expect(seesMore({ ...done, inFlight: true }, done)).toBe(false);
  });
});

describe('the witness and a worker’s requests (tabId -1)', () => {
  const origin = 'http://localhost:5173';
  const url = 'http://127.0.0.1:9000/s/no-acao/0';
  const base = {
    requestId: '77',
    tabId: -1,
    frameId: -1,
    url,
    method: 'GET',
    type: 'xmlhttprequest',
    initiator: origin,
  };
  const workerEvents: TrackerEvent[] = [
    {
      ...base,
      kind: 'send-headers',
      timeStamp: 1,
      requestHeaders: [{ name: 'Origin', value: origin }],
    },
    { ...base, kind: 'completed', timeStamp: 2, statusCode: 200, responseHeaders: [] },
  ];
  const viaRecord = (id: string) => ({
    ...recordOf(applyEvent(createPairingState(), workerEvents[0] as TrackerEvent) as never),
    id,
    tabId: 7,
    via: 'service-worker' as const,
  });

  it('keeps them only once the tab shows requests of that worker’s origin', () => {
    const witness = new Witness(undefined, 7);
    witness.observe({ type: 'snapshot', tabId: 7, records: [] });
    for (const event of workerEvents) witness.record(event, 0);
    expect(witness.missed(witnessLimits.graceMs)).toEqual([]);
    witness.observe({ type: 'upsert', record: viaRecord('-1:1@7') });
    for (const event of workerEvents) witness.record({ ...event, requestId: '78' }, 0);
    const [missed] = witness.missed(witnessLimits.graceMs);
    expect(missed).toMatchObject({ id: '-1:78', tabId: -1 });
  });

  it('finds the worker’s copy of them under the tab’s id', () => {
    const witness = new Witness(undefined, 7);
    witness.observe({ type: 'snapshot', tabId: 7, records: [viaRecord('-1:1@7')] });
    for (const event of workerEvents) witness.record(event, 0);
    const [missed] = witness.missed(witnessLimits.graceMs);
    expect(missed?.id).toBe('-1:77');
    witness.observe({
      type: 'upsert',
      record: { ...(missed as ExchangeRecord), id: '-1:77@7', tabId: 7, via: 'service-worker' },
    });
    expect(witness.missed(3 * witnessLimits.graceMs)).toEqual([]);
  });
});
