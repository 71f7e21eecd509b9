import { describe, expect, it } from 'vitest';
import {
  PageRequestPairer,
  pairingWindowMs,
  pageSentence,
  workerRecordFor,
  type HarEntryLike,
  type PageRequest,
} from '../../../src/tracker/page-requests';
import { workerCause } from '../../../src/analyzer/worker-cause';
import { analyze, triage } from '../../../src/analyzer/analyze';
import { withPageRequest, type ExchangeRecord } from '../../../src/tracker/tab-log';
import { buildJsonReport } from '../../../src/report/json-report';
import { markdownReport } from '../../../src/report/markdown-report';
import { htmlReport } from '../../../src/report/html-report';
import { isSubscriptionRequest } from '../../../src/protocol/messages';
import { api, exchange, ok, page, preflight } from '../exchange-builder';

const t0 = Date.parse('2026-12-07T16:00:00.000Z');
const at = (ms: number) => new Date(t0 + ms).toISOString();

// Shaped as Chromium 156's DevTools gives them (measured: docs/service-workers.md).
function pageEntry(type: string, ms: number, ...headers: [string, string][]): HarEntryLike {
  return {
    startedDateTime: at(ms),
    _resourceType: type,
    request: {
      method: 'GET',
      url: api,
      headers: [
        { name: 'Referer', value: `${page}/` },
        ...headers.map(([name, value]) => ({ name, value })),
      ],
    },
  };
}
const workerEntry = (ms: number): HarEntryLike => ({
  ...pageEntry('fetch', ms, ['Accept', '*/*'], ['Sec-Fetch-Mode', 'cors']),
});

describe('the page’s side, from DevTools’ entries', () => {
  it('pairs the page’s entry with its worker’s, whichever finishes first', () => {
    const pairer = new PageRequestPairer();
    expect(pairer.add(workerEntry(2))).toBeNull();
    const paired = pairer.add(pageEntry('image', 0));
    expect(paired).toMatchObject({ url: api, method: 'GET', resourceType: 'image', startedAt: t0 });
    // Once only.
    expect(pairer.add(pageEntry('image', 0))).toBeNull();
    const other = new PageRequestPairer();
    other.add(pageEntry('eventsource', 0, ['Accept', 'text/event-stream']));
    expect(other.add(workerEntry(1))?.resourceType).toBe('eventsource');
  });

  it('on a tie, the page’s entry is the one that is not the worker’s fetch', () => {
    const pairer = new PageRequestPairer();
    pairer.add(workerEntry(0));
    expect(pairer.add(pageEntry('font', 0, ['Origin', page]))?.resourceType).toBe('font');
  });

  it('never pairs preflights, other URLs, or entries too far apart', () => {
    const pairer = new PageRequestPairer();
    expect(pairer.add({ ...workerEntry(0), _resourceType: 'preflight' })).toBeNull();
    expect(pairer.add({ ...workerEntry(0), _resourceType: 'preflight' })).toBeNull();
    pairer.add(workerEntry(0));
    expect(pairer.add(pageEntry('image', pairingWindowMs + 1))).toBeNull();
    expect(
      pairer.add({
        ...pageEntry('image', 1),
        request: { method: 'GET', url: `${api}?x`, headers: [] },
      }),
    ).toBeNull();
  });

  it('reads the mode of element requests from Origin, and keeps header names only', () => {
    const pairer = new PageRequestPairer();
    const pair = (entry: HarEntryLike) => (pairer.add(workerEntry(5)), pairer.add(entry));
    expect(pair(pageEntry('image', 0))?.mode).toBe('no-cors');
    expect(pair(pageEntry('image', 0, ['Origin', page]))?.mode).toBe('cors');
    expect(pair(pageEntry('font', 0))?.mode).toBe('cors');
    // fetch() may be either: DevTools does not say.
    const fetched = pair(pageEntry('fetch', 0, ['X-Api-Key', 'secret'], ['Accept', '*/*']));
    expect(fetched).not.toHaveProperty('mode');
    expect(fetched?.headerNames).toEqual(['accept', 'x-api-key']);
    expect(fetched?.unsafeHeaders).toEqual(['x-api-key']);
    expect(JSON.stringify(fetched)).not.toContain('secret');
  });
});

const blockedImage = exchange({ response: ok() });
const imagePage: PageRequest = {
  url: api,
  method: 'GET',
  startedAt: t0,
  resourceType: 'image',
  headerNames: [],
  unsafeHeaders: [],
  mode: 'no-cors',
};
const eventSourcePage: PageRequest = {
  ...imagePage,
  resourceType: 'eventsource',
  headerNames: ['accept'],
  mode: 'cors',
};
const addedHeaderRefused = exchange({
  requestHeaders: [
    ['Cache-Control', 'no-cache'],
    ['Accept', 'text/event-stream'],
  ],
  preflight: preflight(
    { method: 'GET', headers: 'cache-control' },
    204,
    ['Access-Control-Allow-Origin', page],
    ['Access-Control-Allow-Headers', 'content-type'],
  ),
  response: null,
});

describe('when the worker is why it failed', () => {
  it('a no-cors request the worker made into a CORS one', () => {
    const cause = workerCause(blockedImage, analyze(blockedImage), imagePage);
    expect(cause?.change).toBe('mode');
    expect(cause?.explanation).toMatch(/no-cors/);
    // The page's own CORS request would have failed as well: not the worker's doing.
    expect(
      workerCause(blockedImage, analyze(blockedImage), { ...imagePage, mode: 'cors' }),
    ).toBeUndefined();
  });

  it('a header the worker added, refused by the preflight', () => {
    const verdict = analyze(addedHeaderRefused);
    expect(verdict.chromiumError).toBe('HeaderDisallowedByPreflightResponse');
    expect(workerCause(addedHeaderRefused, verdict, eventSourcePage)).toMatchObject({
      change: 'headers',
      addedHeaders: ['cache-control'],
    });
    // The page sent it itself: the server must allow it.
    expect(
      workerCause(addedHeaderRefused, verdict, {
        ...eventSourcePage,
        unsafeHeaders: ['cache-control'],
      }),
    ).toBeUndefined();
  });

  it('a preflight only the worker’s header needed, failing where a simple request cannot', () => {
    const noOptionsRoute = exchange({
      requestHeaders: [['Cache-Control', 'no-cache']],
      preflight: preflight({ method: 'GET', headers: 'cache-control' }, 404, [
        'Access-Control-Allow-Origin',
        page,
      ]),
      response: null,
    });
    const verdict = analyze(noOptionsRoute);
    expect(verdict.chromiumError).toBe('PreflightInvalidStatus');
    expect(workerCause(noOptionsRoute, verdict, eventSourcePage)?.change).toBe('headers');
    // No Allow-Origin on the preflight: the simple request would be checked for it too.
    const noCors = exchange({
      requestHeaders: [['Cache-Control', 'no-cache']],
      preflight: preflight({ method: 'GET', headers: 'cache-control' }, 204),
      response: null,
    });
    expect(analyze(noCors).chromiumError).toBe('PreflightMissingAllowOriginHeader');
    expect(workerCause(noCors, analyze(noCors), eventSourcePage)).toBeUndefined();
  });

  it('nothing to say of a request that passed', () => {
    const passed = exchange({ response: ok(['Access-Control-Allow-Origin', '*']) });
    expect(workerCause(passed, analyze(passed), imagePage)).toBeUndefined();
  });
});

const workerRecord = (id: string, startedAt: number, extra: Partial<ExchangeRecord> = {}) =>
  ({
    id,
    tabId: 7,
    frameId: -1,
    type: 'xmlhttprequest',
    startedAt,
    updatedAt: startedAt,
    inFlight: false,
    exchange: blockedImage,
    verdict: triage(blockedImage),
    via: 'service-worker',
    ...extra,
  }) as ExchangeRecord;

describe('joining the worker’s record in a tab', () => {
  it('takes the closest unpaired service-worker request to the same URL and method', () => {
    const records = [
      workerRecord('a', t0 - 4000),
      workerRecord('b', t0 + 3),
      workerRecord('c', t0 + 1, { via: 'shared-worker' }),
      workerRecord('d', t0, { page: imagePage }),
      workerRecord('e', t0, { via: undefined }),
    ];
    expect(workerRecordFor(records, imagePage)?.id).toBe('b');
    expect(
      workerRecordFor([workerRecord('f', t0 + pairingWindowMs + 1)], imagePage),
    ).toBeUndefined();
    expect(
      workerRecordFor([workerRecord('g', t0)], { ...imagePage, method: 'POST' }),
    ).toBeUndefined();
  });

  it('keeps the cause on the record and in every report, escaped', () => {
    const record = withPageRequest(workerRecord('r', t0), imagePage);
    expect(record.workerCause?.change).toBe('mode');
    expect(pageSentence(imagePage)).toMatch(/image request \(no-cors mode\)/);
    const input = {
      id: record.id,
      startedAt: t0,
      exchange: addedHeaderRefused,
      via: 'service-worker' as const,
      page: { ...eventSourcePage, url: `${api}?token=abc<b>` },
    };
    const report = buildJsonReport([input], { version: '0', generatedAt: at(0) });
    const [entry] = report.exchanges;
    expect(entry?.workerCause?.addedHeaders).toEqual(['cache-control']);
    expect(entry?.pageRequest?.url).not.toContain('abc');
    expect(markdownReport(report)).toContain('**Caused by the service worker**');
    expect(markdownReport(report)).toContain('Fix the service worker first');
    expect(htmlReport(report)).toContain('<strong>Caused by the service worker.</strong>');
    expect(htmlReport(report)).not.toContain('<b>');
    // Without `via`, a page side is not reported.
    const alone = buildJsonReport([{ ...input, via: undefined }], {
      version: '0',
      generatedAt: at(0),
    });
    expect(alone.exchanges[0]).not.toHaveProperty('pageRequest');
  });

  it('accepts the DevTools page’s message only when every field is what it says', () => {
    const message = { type: 'page-requests', tabId: 7, requests: [imagePage] };
    expect(isSubscriptionRequest(message)).toBe(true);
    expect(
      isSubscriptionRequest({ ...message, requests: [{ ...imagePage, mode: 'navigate' }] }),
    ).toBe(false);
    expect(
      isSubscriptionRequest({ ...message, requests: [{ ...imagePage, headerNames: [1] }] }),
    ).toBe(false);
    expect(isSubscriptionRequest({ ...message, requests: new Array(101).fill(imagePage) })).toBe(
      false,
    );
    expect(isSubscriptionRequest({ ...message, tabId: -1 })).toBe(false);
  });
});
