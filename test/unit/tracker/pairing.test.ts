// The pairing machine replays webRequest event sequences recorded from real Chromium
// (scripts/record-webrequest.ts), and the analyzer's verdict on each paired exchange must
// equal Chrome's own verdict recorded in the same run.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/analyze';
import {
  applyEvent,
  createPairingState,
  forgetTab,
  toExchange,
  type PairingState,
  type TrackedRequest,
} from '../../../src/tracker/pairing';
import type { TrackerEvent } from '../../../src/tracker/webrequest-event';
import { load } from './recordings';

function scenarioOf(request: TrackedRequest): string {
  return /\/s\/([\w-]+)/.exec(request.hops[0]?.url ?? '')?.[1] ?? '';
}

/** Replays events; `restartEvery` serializes the state through JSON as a worker restart would. */
function replay(
  events: TrackerEvent[],
  restartEvery = 0,
): { done: TrackedRequest[]; state: PairingState } {
  let state = createPairingState();
  const done: TrackedRequest[] = [];
  events.forEach((event, index) => {
    if (restartEvery && index % restartEvery === 0)
      state = JSON.parse(JSON.stringify(state)) as PairingState;
    const changed = applyEvent(state, event);
    if (changed?.done) done.push(structuredClone(changed));
  });
  return { done, state };
}

function verdicts(done: TrackedRequest[]) {
  return done.map((request) => {
    const verdict = analyze(toExchange(request));
    return {
      scenario: scenarioOf(request),
      corsError: verdict.chromiumError,
      failedParameter: verdict.failedParameter,
    };
  });
}

describe.each(['sequential', 'concurrent'])('pairing the %s recording', (name) => {
  const { chrome, events } = load(name);

  it.each([0, 1, 3])(
    'gives Chrome’s verdict for every request (restart every %i events)',
    (restartEvery) => {
      const { done, state } = replay(events, restartEvery);
      const results = verdicts(done);
      for (const result of results) {
        expect({
          scenario: result.scenario,
          corsError: result.corsError,
          failedParameter: result.failedParameter,
        }).toEqual({ scenario: result.scenario, ...chrome[result.scenario] });
      }
      expect(new Set(results.map((r) => r.scenario))).toEqual(new Set(Object.keys(chrome)));
      expect(Object.keys(state.requests)).toEqual([]);
      expect(Object.keys(state.preflights)).toEqual([]);
    },
  );

  it('records each request exactly once', () => {
    const { done } = replay(events);
    const ids = done.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const actualIds = new Set(
      events
        .filter(
          (e) =>
            !(
              e.method === 'OPTIONS' &&
              e.kind === 'send-headers' &&
              e.requestHeaders?.some(
                (h) => h.name.toLowerCase() === 'access-control-request-method',
              )
            ),
        )
        .map((e) => e.requestId),
    );
    const preflightIds = new Set(
      events.filter((e) => e.method === 'OPTIONS').map((e) => e.requestId),
    );
    expect(done.length).toBe([...actualIds].filter((id) => !preflightIds.has(id)).length);
  });
});

describe('pairing edge cases', () => {
  const { events } = load('concurrent');

  it('pairs each of several identical concurrent requests with its own preflight', () => {
    const { done } = replay(events);
    const puts = done.filter((r) => scenarioOf(r) === 'pf-ok');
    expect(puts).toHaveLength(4);
    const preflightIds = new Set(
      puts.map((r) => r.hops[0]?.preflight && JSON.stringify(r.hops[0].preflight)),
    );
    expect(puts.every((r) => r.hops[0]?.preflight?.status === 204)).toBe(true);
    expect(preflightIds.size).toBeGreaterThanOrEqual(1);
  });

  it('sees failed preflights although the request’s own headers never appear', () => {
    const { done } = replay(load('sequential').events);
    const request = done.find((r) => scenarioOf(r) === 'pf-header');
    expect(request?.hops[0]?.requestHeaders).toBeNull();
    expect(
      request?.hops[0]?.preflight?.requestHeaders.some(
        (h) => h.name.toLowerCase() === 'access-control-request-headers',
      ),
    ).toBe(true);
  });

  it('follows a redirect and its second preflight', () => {
    const { done } = replay(load('sequential').events);
    const request = done.find((r) => scenarioOf(r) === 'redirect-preflight');
    expect(request?.hops.map((h) => new URL(h.url).pathname)).toEqual([
      '/s/redirect-preflight/0',
      '/s/redirect-preflight/1',
    ]);
    expect(request?.hops[1]?.preflight).not.toBeNull();
    const exchange = toExchange(request as TrackedRequest);
    expect(exchange.redirects?.[0]?.status).toBe(307);
  });

  it('waits for a preflight whose end is reported after its request’s', () => {
    const sequence = load('sequential').events.filter((e) => /\/s\/pf-header\//.test(e.url));
    const preflightEnd = sequence.findIndex(
      (e) => e.method === 'OPTIONS' && e.kind === 'completed',
    );
    const requestEnd = sequence.findIndex((e) => e.kind === 'error');
    const reordered = [...sequence];
    const [end] = reordered.splice(preflightEnd, 1);
    reordered.splice(requestEnd, 0, end as TrackerEvent);
    const { done } = replay(reordered);
    expect(done).toHaveLength(1);
    expect(analyze(toExchange(done[0] as TrackedRequest)).chromiumError).toBe(
      'HeaderDisallowedByPreflightResponse',
    );
  });

  it('keeps a request that never completes in flight, as pending', () => {
    const start = events.find((e) => e.kind === 'send-headers' && e.method === 'PUT');
    const state = createPairingState();
    const request = applyEvent(state, start as TrackerEvent);
    expect(request?.done).toBe(false);
    expect(analyze(toExchange(request as TrackedRequest)).outcome).toBe('pending');
    expect(Object.keys(state.requests)).toHaveLength(1);
  });

  it('ignores events of unknown requests and out-of-order ends', () => {
    const state = createPairingState();
    const stray = {
      ...(events[0] as TrackerEvent),
      requestId: '999999',
      kind: 'headers-received' as const,
      method: 'GET',
    };
    expect(applyEvent(state, stray)).toBeNull();
    expect(() => [...events].reverse().forEach((e) => applyEvent(state, e))).not.toThrow();
  });

  it('forgets a closed tab', () => {
    const { state } = replay(events.slice(0, 10));
    forgetTab(state, events[0]?.tabId ?? 0);
    expect({ requests: state.requests, preflights: state.preflights }).toEqual(
      createPairingState(),
    );
  });
});
