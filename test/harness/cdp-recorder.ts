// Records what Chrome itself saw and decided, over the DevTools protocol: raw request and
// response headers of every hop and preflight, and `corsErrorStatus` of every failure.
// Builds the same exchange shape the extension builds, so tests can compare our verdict
// with Chrome's on the very same traffic.

import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { Exchange, Header, ObservedPreflight } from '../../src/exchange/types';
import { headersFromObject, parseHeadersText } from './raw-headers';

export interface ChromeTruth {
  corsError: string | null;
  failedParameter: string | null;
  errorText: string | null;
}

/** What DevTools' HAR export keeps of requestWillBeSent (`_resourceType`, `_initiator`). */
interface Sent {
  wallTime: number;
  type: string;
  initiator: Record<string, unknown>;
}

interface Hop extends Sent {
  url: string;
  method: string;
  /** The headers the page set (requestWillBeSent), known even when the request was never sent. */
  pageHeaders: Header[];
  sentHeaders: Header[] | null;
  response: { status: number; headers: Header[] } | null;
}

interface Tracked {
  requestId: string;
  hops: Hop[];
  sentExtraInfo: Header[][];
  receivedExtraInfo: { status: number; headers: Header[] }[];
  preflightIds: string[];
  done: boolean;
  finished: boolean;
  truth: ChromeTruth;
}

interface TrackedPreflight extends Sent {
  url: string;
  requestHeaders: Header[];
  response: { status: number; headers: Header[] } | null;
  error: string | null;
}

export interface RecordedExchange {
  url: string;
  exchange: Exchange;
  chrome: ChromeTruth;
}

export class CdpRecorder {
  private readonly requests = new Map<string, Tracked>();
  private readonly preflights = new Map<string, TrackedPreflight>();
  private readonly earlyExtraInfo = new Map<
    string,
    { sent: Header[][]; received: Tracked['receivedExtraInfo'] }
  >();
  /** Failures decided in the renderer, with no network events (DisallowedByMode, ...). */
  private readonly rendererIssues: { url: string; truth: ChromeTruth }[] = [];

  private constructor(private readonly pageOrigin: string) {}

  static async attach(
    context: BrowserContext,
    page: Page,
    pageOrigin: string,
  ): Promise<CdpRecorder> {
    const cdp = await context.newCDPSession(page);
    const recorder = new CdpRecorder(pageOrigin);
    recorder.listen(cdp);
    await cdp.send('Network.enable');
    await cdp.send('Audits.enable');
    await cdp.send('Log.enable');
    return recorder;
  }

  private extraFor(id: string) {
    let entry = this.earlyExtraInfo.get(id);
    if (!entry) {
      entry = { sent: [], received: [] };
      this.earlyExtraInfo.set(id, entry);
    }
    return entry;
  }

  /** Console lines Chrome printed (CORS errors go to the console as errors). */
  readonly consoleLines: string[] = [];

  /** The console line Chrome printed for a blocked request to `url`, if any. */
  consoleMessageFor(url: string): string | undefined {
    return this.consoleLines.find(
      (line) => line.includes(`'${url}'`) || line.includes(` ${url}.`) || line.includes(` ${url} `),
    );
  }

  private listen(cdp: CDPSession): void {
    cdp.on('Log.entryAdded', (event) => {
      if (event.entry.level === 'error') this.consoleLines.push(event.entry.text);
    });
    cdp.on('Network.requestWillBeSent', (event) => {
      const { requestId, request, initiator, redirectResponse } = event;
      const sent: Sent = {
        wallTime: event.wallTime,
        type: event.type ?? 'Other',
        initiator: { ...initiator },
      };
      if (initiator.type === 'preflight') {
        this.preflights.set(requestId, {
          ...sent,
          url: request.url,
          requestHeaders: headersFromObject(request.headers),
          response: null,
          error: null,
        });
        const owner = initiator.requestId ? this.requests.get(initiator.requestId) : undefined;
        if (owner) owner.preflightIds.push(requestId);
        else if (initiator.requestId)
          this.pendingPreflightOwners.set(requestId, initiator.requestId);
        return;
      }
      if (new URL(request.url).origin === this.pageOrigin && !redirectResponse) return;
      let tracked = this.requests.get(requestId);
      if (!tracked) {
        const extra = this.extraFor(requestId);
        tracked = {
          requestId,
          hops: [],
          sentExtraInfo: extra.sent,
          receivedExtraInfo: extra.received,
          preflightIds: [],
          done: false,
          finished: false,
          truth: { corsError: null, failedParameter: null, errorText: null },
        };
        this.requests.set(requestId, tracked);
        for (const [preflightId, ownerId] of this.pendingPreflightOwners) {
          if (ownerId === requestId) tracked.preflightIds.push(preflightId);
        }
      }
      tracked.hops.push({
        ...sent,
        url: request.url,
        method: request.method,
        pageHeaders: headersFromObject(request.headers),
        sentHeaders: null,
        response: null,
      });
    });
    cdp.on('Network.requestWillBeSentExtraInfo', (event) => {
      const preflight = this.preflights.get(event.requestId);
      if (preflight) preflight.requestHeaders = headersFromObject(event.headers);
      else this.extraFor(event.requestId).sent.push(headersFromObject(event.headers));
    });
    cdp.on('Network.responseReceivedExtraInfo', (event) => {
      const headers = event.headersText
        ? parseHeadersText(event.headersText)
        : headersFromObject(event.headers);
      const preflight = this.preflights.get(event.requestId);
      if (preflight) preflight.response = { status: event.statusCode, headers };
      else this.extraFor(event.requestId).received.push({ status: event.statusCode, headers });
    });
    cdp.on('Network.loadingFailed', (event) => {
      const preflight = this.preflights.get(event.requestId);
      if (preflight) {
        preflight.error = event.errorText;
        return;
      }
      const tracked = this.requests.get(event.requestId);
      if (!tracked) return;
      tracked.done = true;
      tracked.truth = {
        corsError: event.corsErrorStatus?.corsError ?? null,
        failedParameter: event.corsErrorStatus?.failedParameter || null,
        errorText: event.errorText,
      };
    });
    // The page got the response (an opaque no-cors body may never "finish" loading).
    cdp.on('Network.responseReceived', (event) => {
      const tracked = this.requests.get(event.requestId);
      if (!tracked) return;
      tracked.done = true;
      tracked.finished = true;
    });
    cdp.on('Network.loadingFinished', (event) => {
      const tracked = this.requests.get(event.requestId);
      if (!tracked) return;
      tracked.done = true;
      tracked.finished = true;
    });
    cdp.on('Audits.issueAdded', (event) => {
      const details = event.issue.details.corsIssueDetails;
      if (!details || details.isWarning) return;
      const url = details.request.url;
      // Only these are decided in the renderer before any network event; the others come
      // with loadingFailed (and their issue may even arrive first).
      const rendererOnly = [
        'DisallowedByMode',
        'NoCorsRedirectModeNotFollow',
        'CorsDisabledScheme',
      ];
      if (rendererOnly.includes(details.corsErrorStatus.corsError)) {
        this.rendererIssues.push({
          url,
          truth: {
            corsError: details.corsErrorStatus.corsError,
            failedParameter: details.corsErrorStatus.failedParameter || null,
            errorText: null,
          },
        });
      }
    });
  }

  private readonly pendingPreflightOwners = new Map<string, string>();

  /** Resolves when Chrome has decided every request to `url` (finished, failed or blocked in the renderer). */
  async settled(url: string, timeoutMs = 10_000): Promise<RecordedExchange> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const recorded = this.find(url);
      if (recorded) return recorded;
      if (Date.now() > deadline) throw new Error(`Chrome reported no outcome for ${url}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Every request Chrome has decided so far, with its verdict (one entry per request). */
  allSettled(): RecordedExchange[] {
    return [...this.requests.values()]
      .filter((t) => t.done && this.complete(t))
      .map((t) => ({ url: t.hops[0]?.url ?? '', exchange: this.toExchange(t), chrome: t.truth }));
  }

  private find(url: string): RecordedExchange | null {
    const tracked = [...this.requests.values()].find((t) => t.hops[0]?.url === url && t.done);
    if (tracked && this.complete(tracked))
      return { url, exchange: this.toExchange(tracked), chrome: tracked.truth };
    const issue = this.rendererIssues.find((i) => i.url === url);
    if (issue)
      return {
        url,
        exchange: { request: { method: 'GET', url, origin: this.pageOrigin, headers: [] } },
        chrome: issue.truth,
      };
    return null;
  }

  /**
   * ExtraInfo events (the raw headers) may arrive after loadingFailed: wait until every
   * response Chrome judged, and every preflight, has its headers.
   */
  private complete(tracked: Tracked): boolean {
    const preflightsAnswered = tracked.preflightIds.every((id) => {
      const preflight = this.preflights.get(id);
      return preflight !== undefined && (preflight.response !== null || preflight.error !== null);
    });
    if (!preflightsAnswered) return false;
    const code = tracked.truth.corsError ?? '';
    const judgedOnPreflight = code.startsWith('Preflight') || code.endsWith('PreflightResponse');
    const networkError = tracked.truth.errorText !== null && tracked.truth.corsError === null;
    // The preflight's own events may come after the request's failure.
    if (judgedOnPreflight) return tracked.preflightIds.length > 0;
    if (networkError) return true;
    // Decided before the (last) hop got any response.
    if (
      [
        'InsecureLocalNetwork',
        'LocalNetworkAccessPermissionDenied',
        'InvalidLocalNetworkAccess',
        // A redirect to a scheme CORS does not allow: the new hop never gets a response.
        'CorsDisabledScheme',
      ].includes(code)
    )
      return true;
    return tracked.receivedExtraInfo.length >= tracked.hops.length;
  }

  private toExchange(tracked: Tracked): Exchange {
    const hops = tracked.hops.map((hop, index) => ({
      ...hop,
      sentHeaders: tracked.sentExtraInfo[index] ?? null,
      response: tracked.receivedExtraInfo[index] ?? null,
    }));
    const preflights = tracked.preflightIds
      .map((id) => this.preflights.get(id))
      .filter((p): p is TrackedPreflight => Boolean(p));
    const preflightFor = (url: string): ObservedPreflight | null => {
      const found = preflights.find((p) => p.url === url);
      if (!found) return null;
      return {
        url: found.url,
        requestHeaders: found.requestHeaders,
        headers: found.response?.headers ?? [],
        ...(found.response ? { status: found.response.status } : {}),
        ...(found.error && !found.response ? { error: found.error } : {}),
      };
    };
    const first = hops[0];
    if (!first) throw new Error('no hops');
    const last = hops.at(-1) ?? first;
    const exchange: Exchange = {
      request: {
        method: first.method,
        url: first.url,
        origin: this.pageOrigin,
        headers: first.sentHeaders ?? first.pageHeaders,
      },
      preflight: preflightFor(first.url),
      redirects: hops.slice(0, -1).map((hop, index) => ({
        url: hop.url,
        status: hop.response?.status ?? 0,
        headers: hop.response?.headers ?? [],
        preflight: preflightFor(hops[index + 1]?.url ?? ''),
      })),
      response: last.response
        ? { url: last.url, status: last.response.status, headers: last.response.headers }
        : null,
      ...(tracked.truth.errorText ? { error: tracked.truth.errorText } : {}),
      ...(tracked.finished ? { completed: true } : {}),
    };
    return exchange;
  }

  /**
   * Everything recorded, as Chrome DevTools' "Save all as HAR" writes it: one entry per hop
   * and per preflight, `_resourceType` ("preflight" for preflights), `_initiator` (with the
   * owner's requestId for preflights), raw headers, `response._error` for failures.
   */
  har(): HarLog {
    const entries: HarEntry[] = [];
    for (const tracked of this.requests.values()) {
      tracked.hops.forEach((hop, index) => {
        const response = tracked.receivedExtraInfo[index] ?? null;
        const last = index === tracked.hops.length - 1;
        entries.push(
          harEntry(hop, hop.method, tracked.sentExtraInfo[index] ?? hop.pageHeaders, response, {
            redirectURL: last ? '' : (tracked.hops[index + 1]?.url ?? ''),
            error: last ? tracked.truth.errorText : null,
          }),
        );
      });
    }
    for (const preflight of this.preflights.values())
      entries.push(
        harEntry(preflight, 'OPTIONS', preflight.requestHeaders, preflight.response, {
          redirectURL: '',
          error: preflight.error,
        }),
      );
    entries.sort((a, b) => a.startedDateTime.localeCompare(b.startedDateTime));
    return {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        pages: [
          {
            startedDateTime: entries[0]?.startedDateTime ?? new Date(0).toISOString(),
            id: 'page_1',
            title: `${this.pageOrigin}/`,
            pageTimings: {},
          },
        ],
        entries,
      },
    };
  }
}

export interface HarEntry {
  _initiator: Record<string, unknown>;
  _resourceType: string;
  startedDateTime: string;
  request: { method: string; url: string; httpVersion: string; headers: Header[] };
  response: {
    status: number;
    statusText: string;
    headers: Header[];
    redirectURL: string;
    _error: string | null;
  };
  pageref: string;
}

export interface HarLog {
  log: {
    version: string;
    creator: { name: string; version: string };
    pages: { startedDateTime: string; id: string; title: string; pageTimings: object }[];
    entries: HarEntry[];
  };
}

function harEntry(
  sent: Sent & { url: string },
  method: string,
  requestHeaders: Header[],
  response: { status: number; headers: Header[] } | null,
  extra: { redirectURL: string; error: string | null },
): HarEntry {
  return {
    _initiator: sent.initiator,
    _resourceType: sent.type.toLowerCase(),
    startedDateTime: new Date(sent.wallTime * 1000).toISOString(),
    request: { method, url: sent.url, httpVersion: 'http/1.1', headers: requestHeaders },
    response: {
      status: response?.status ?? 0,
      statusText: '',
      headers: response?.headers ?? [],
      redirectURL: extra.redirectURL,
      _error: extra.error,
    },
    pageref: 'page_1',
  };
}
