// Firefox's event order (../shared/firefox-facts.md; proven end to end by
// test/firefox/firefox.test.ts): the actual request's send-headers fires before its
// preflight starts, a response that fails CORS still "completes", repeated header lines
// arrive joined with ", ".
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/analyze';
import { firefoxTraits } from '../../../src/tracker/browser-traits';
import {
  applyEvent,
  createPairingState,
  toExchange,
  type TrackedRequest,
} from '../../../src/tracker/pairing';
import type { TrackerEvent } from '../../../src/tracker/webrequest-event';
import { h } from '../exchange-builder';

const page = 'http://localhost:8000';
const url = 'http://127.0.0.1:9000/s/x/0';
let clock = 0;
const ev = (
  kind: TrackerEvent['kind'],
  requestId: string,
  method: string,
  extra: Partial<TrackerEvent> = {},
): TrackerEvent => ({
  kind,
  requestId,
  tabId: 1,
  frameId: 0,
  url,
  method,
  type: 'xmlhttprequest',
  initiator: page,
  timeStamp: ++clock,
  ...extra,
});

function run(events: TrackerEvent[]): TrackedRequest[] {
  const state = createPairingState();
  const done: TrackedRequest[] = [];
  for (const event of events) {
    const changed = applyEvent(state, event, firefoxTraits);
    if (changed?.done) done.push(changed);
  }
  return done;
}

const actualHeaders = h(['Origin', page], ['X-Api-Key', 'k']);
const preflightHeaders = h(
  ['Origin', page],
  ['Access-Control-Request-Method', 'PUT'],
  ['Access-Control-Request-Headers', 'x-api-key'],
);

describe('pairing under Firefox’s event order', () => {
  it('claims the preflight that started after the request’s send-headers', () => {
    const [request] = run([
      ev('send-headers', '10', 'PUT', { requestHeaders: actualHeaders }),
      ev('send-headers', '11', 'OPTIONS', { requestHeaders: preflightHeaders }),
      ev('headers-received', '11', 'OPTIONS', {
        statusCode: 204,
        responseHeaders: h(
          ['Access-Control-Allow-Origin', page],
          ['Access-Control-Allow-Methods', 'PUT'],
        ),
      }),
      ev('completed', '11', 'OPTIONS', { statusCode: 204 }),
      ev('error', '10', 'PUT', { error: 'NS_ERROR_DOM_BAD_URI' }),
    ]);
    if (!request) throw new Error('not paired');
    const verdict = analyze(toExchange(request, firefoxTraits));
    expect(verdict).toMatchObject({
      chromiumError: 'HeaderDisallowedByPreflightResponse',
      firefoxReason: 'CORSMissingAllowHeaderFromPreflight',
    });
  });

  it('waits for a preflight still running when the request fails first', () => {
    const done = run([
      ev('send-headers', '20', 'PUT', { requestHeaders: actualHeaders }),
      ev('send-headers', '21', 'OPTIONS', { requestHeaders: preflightHeaders }),
      ev('error', '20', 'PUT', { error: 'NS_ERROR_DOM_BAD_URI' }),
      ev('headers-received', '21', 'OPTIONS', { statusCode: 404, responseHeaders: [] }),
      ev('error', '21', 'OPTIONS', { error: 'NS_ERROR_DOM_BAD_URI' }),
    ]);
    expect(done).toHaveLength(1);
    expect(analyze(toExchange(done[0] as TrackedRequest, firefoxTraits)).chromiumError).toBe(
      'PreflightMissingAllowOriginHeader',
    );
  });

  it('a simple request that “completed” is still blocked by its headers', () => {
    const [request] = run([
      ev('send-headers', '30', 'GET', { requestHeaders: h(['Origin', page]) }),
      ev('headers-received', '30', 'GET', { statusCode: 200, responseHeaders: [] }),
      ev('completed', '30', 'GET', { statusCode: 200 }),
    ]);
    const exchange = toExchange(request as TrackedRequest, firefoxTraits);
    expect(exchange.completed).toBeUndefined();
    expect(analyze(exchange)).toMatchObject({
      outcome: 'blocked',
      firefoxReason: 'CORSMissingAllowOrigin',
    });
  });

  it('splits a joined Allow-Origin back into its lines', () => {
    const [request] = run([
      ev('send-headers', '40', 'GET', { requestHeaders: h(['Origin', page]) }),
      ev('headers-received', '40', 'GET', {
        statusCode: 200,
        responseHeaders: h(['Access-Control-Allow-Origin', `${page}, ${page}`]),
      }),
      ev('completed', '40', 'GET', { statusCode: 200 }),
    ]);
    expect(analyze(toExchange(request as TrackedRequest, firefoxTraits)).firefoxReason).toBe(
      'CORSMultipleAllowOriginNotAllowed',
    );
  });
});
