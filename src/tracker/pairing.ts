// The pairing machine: turns webRequest events into exchanges, matching each OPTIONS
// preflight (its own requestId in Chromium) with the actual request it was sent for.
// Pure and serializable: the worker persists `PairingState` so requests whose events
// straddle a worker restart still complete.
//
// What Chromium shows (shared/webrequest-facts.md, and the recordings in
// test/fixtures/webrequest/): a preflight shares tab, frame, document and URL with its
// request; the actual request's headers appear only after its preflight completed, and not
// at all when the preflight failed (then only `error` fires for it, with net::ERR_FAILED);
// concurrent identical requests get one preflight each, finishing in any order. So a
// request claims the oldest finished preflight for the same frame, URL and method
// (preferring one whose Access-Control-Request-Headers match), when it first appears.

import type { Exchange, Header, ObservedPreflight } from '../exchange/types';
import { getHeader } from '../http/header-list';
import { isSafelistedMethod, normalizeMethod } from '../cors/methods';
import { corsUnsafeRequestHeaderNames } from '../cors/request-headers';
import type { TrackerEvent } from './webrequest-event';
import { chromiumTraits, type BrowserTraits } from './browser-traits';

export interface Hop {
  url: string;
  /** Null when the browser never sent this hop (its preflight failed). */
  requestHeaders: Header[] | null;
  response: { status: number; headers: Header[] } | null;
  preflight: ObservedPreflight | null;
}

export interface TrackedRequest {
  id: string;
  requestId: string;
  tabId: number;
  frameId: number;
  documentId?: string;
  method: string;
  type: string;
  initiator: string;
  startedAt: number;
  updatedAt: number;
  hops: Hop[];
  error?: string;
  completed: boolean;
  done: boolean;
  /** Ended before its preflight's own end was seen: finishes when that preflight does. */
  waitingFor?: string;
}

interface PendingPreflight {
  requestId: string;
  tabId: number;
  frameId: number;
  documentId?: string;
  url: string;
  askedMethod: string;
  askedHeaders: string | null;
  requestHeaders: Header[];
  status?: number;
  headers: Header[];
  error?: string;
  finished: boolean;
  startedAt: number;
  /** The request (its key) that ended first and waits for this preflight's end. */
  waitedBy?: string;
}

export interface PairingState {
  requests: Record<string, TrackedRequest>;
  preflights: Record<string, PendingPreflight>;
  /** Insertions since each table's size was last checked (see `prune`). */
  inserted?: { requests: number; preflights: number };
}

export const pairingLimits = {
  /** Requests still in flight (never completed) beyond this are dropped, oldest first. */
  inFlight: 2000,
  /** Unclaimed preflights kept for matching. */
  preflights: 500,
};

export function createPairingState(): PairingState {
  return { requests: {}, preflights: {} };
}

export function requestKey(tabId: number, requestId: string): string {
  return `${tabId}:${requestId}`;
}

function isPreflightEvent(event: TrackerEvent, state: PairingState): boolean {
  if (Object.hasOwn(state.preflights, event.requestId)) return true;
  return (
    event.kind === 'send-headers' &&
    event.method === 'OPTIONS' &&
    getHeader(event.requestHeaders ?? [], 'access-control-request-method') !== null
  );
}

function sameFrame(
  a: { tabId: number; frameId: number; documentId?: string },
  b: typeof a,
): boolean {
  if (a.tabId !== b.tabId || a.frameId !== b.frameId) return false;
  return !a.documentId || !b.documentId || a.documentId === b.documentId;
}

function needsPreflight(method: string, headers: Header[] | null): boolean {
  if (!isSafelistedMethod(normalizeMethod(method))) return true;
  return headers === null || corsUnsafeRequestHeaderNames(headers).length > 0;
}

function observed(preflight: PendingPreflight): ObservedPreflight {
  const result: ObservedPreflight = {
    url: preflight.url,
    requestHeaders: preflight.requestHeaders,
    headers: preflight.headers,
  };
  if (preflight.status !== undefined) result.status = preflight.status;
  if (preflight.error !== undefined && preflight.status === undefined)
    result.error = preflight.error;
  return result;
}

/** Takes the oldest finished preflight for this frame, URL and method out of the pool. */
function claimPreflight(
  state: PairingState,
  request: TrackedRequest,
  url: string,
  headers: Header[] | null,
): ObservedPreflight | null {
  const method = normalizeMethod(request.method);
  const candidates = Object.values(state.preflights)
    .filter((p) => p.finished && p.url === url && p.askedMethod === method && sameFrame(p, request))
    .sort((a, b) => a.startedAt - b.startedAt || Number(a.requestId) - Number(b.requestId));
  if (candidates.length === 0) return null;
  const wanted = headers ? corsUnsafeRequestHeaderNames(headers).join(',') : null;
  const chosen =
    candidates.find((p) => wanted !== null && (p.askedHeaders ?? '') === wanted) ?? candidates[0];
  if (!chosen) return null;
  delete state.preflights[chosen.requestId];
  return observed(chosen);
}

/** Firefox: one joined Access-Control-Allow-Origin back into the lines it came from. */
function splitAllowOrigin(headers: Header[]): Header[] {
  return headers.flatMap((h) =>
    h.name.toLowerCase() === 'access-control-allow-origin' && h.value.includes(', ')
      ? h.value.split(', ').map((value) => ({ name: h.name, value }))
      : [h],
  );
}

/** Firefox: the hop's preflight finished after the hop's send-headers; claim it now. */
function claimLatePreflight(state: PairingState, request: TrackedRequest, hop: Hop): void {
  if (hop.preflight || !needsPreflight(request.method, hop.requestHeaders)) return;
  hop.preflight = claimPreflight(state, request, hop.url, hop.requestHeaders);
}

function applyPreflightEvent(
  state: PairingState,
  event: TrackerEvent,
  traits: BrowserTraits,
): TrackedRequest | null {
  const responseHeaders = traits.joinsRepeatedHeaders
    ? splitAllowOrigin(event.responseHeaders ?? [])
    : (event.responseHeaders ?? []);
  const existing = state.preflights[event.requestId];
  if (!existing) {
    if (event.kind !== 'send-headers') return null;
    const headers = event.requestHeaders ?? [];
    state.preflights[event.requestId] = {
      requestId: event.requestId,
      tabId: event.tabId,
      frameId: event.frameId,
      ...(event.documentId ? { documentId: event.documentId } : {}),
      url: event.url,
      askedMethod: getHeader(headers, 'access-control-request-method') ?? '',
      askedHeaders: getHeader(headers, 'access-control-request-headers'),
      requestHeaders: headers,
      headers: [],
      finished: false,
      startedAt: event.timeStamp,
    };
    prune<PendingPreflight>(state, 'preflights', pairingLimits.preflights, (p) => p.startedAt);
    return null;
  }
  if (event.kind === 'headers-received') {
    existing.status = event.statusCode ?? 0;
    existing.headers = responseHeaders;
  } else if (event.kind === 'completed') {
    existing.finished = true;
    if (existing.status === undefined) {
      existing.status = event.statusCode ?? 0;
      existing.headers = responseHeaders;
    }
  } else if (event.kind === 'error') {
    existing.finished = true;
    existing.error = event.error ?? 'net::ERR_FAILED';
  }
  return existing.finished ? releaseWaiting(state, existing) : null;
}

/** Webrequest may report a request's end before its preflight's: finish it now. */
function releaseWaiting(state: PairingState, preflight: PendingPreflight): TrackedRequest | null {
  const waiting = preflight.waitedBy ? state.requests[preflight.waitedBy] : undefined;
  const hop = waiting?.hops.at(-1);
  if (!waiting || !hop) return null;
  delete state.preflights[preflight.requestId];
  hop.preflight = observed(preflight);
  delete waiting.waitingFor;
  waiting.done = true;
  delete state.requests[waiting.id];
  return waiting;
}

/** A preflight for this frame, URL and method that has started but not yet finished. */
function unfinishedPreflight(
  state: PairingState,
  request: TrackedRequest,
  url: string,
): PendingPreflight | undefined {
  const method = normalizeMethod(request.method);

  return Object.values(state.preflights)
    .filter(
      (p) =>
        !p.finished &&
        !p.waitedBy &&
        p.url === url &&
        p.askedMethod === method &&
        sameFrame(p, request),
    )
    .sort((a, b) => a.startedAt - b.startedAt)[0];
}

/**
 * Drops the oldest entries past `limit`, down to 90% of it. Counting a table's keys costs its
 * size, so a flood checks only every `limit / 20` insertions: a table never holds more than
 * `limit * 1.05` entries, and each insertion costs O(1) amortized.
 */
function prune<T>(
  state: PairingState,
  table: 'requests' | 'preflights',
  limit: number,
  age: (value: T) => number,
): void {
  const inserted = (state.inserted ??= { requests: 0, preflights: 0 });
  inserted[table] += 1;
  if (inserted[table] < Math.max(1, Math.floor(limit / 20))) return;
  inserted[table] = 0;
  const record = state[table] as Record<string, T>;
  const keys = Object.keys(record);
  if (keys.length <= limit) return;
  const keep = Math.floor(limit * 0.9);
  keys
    .sort((a, b) => (age(record[a] as T) || 0) - (age(record[b] as T) || 0))
    .slice(0, keys.length - keep)
    .forEach((key) => delete record[key]);
}

function newRequest(state: PairingState, event: TrackerEvent): TrackedRequest {
  const request: TrackedRequest = {
    id: requestKey(event.tabId, event.requestId),
    requestId: event.requestId,
    tabId: event.tabId,
    frameId: event.frameId,
    ...(event.documentId ? { documentId: event.documentId } : {}),
    method: event.method,
    type: event.type,
    initiator: event.initiator ?? 'null',
    startedAt: event.timeStamp,
    updatedAt: event.timeStamp,
    hops: [],
    completed: false,
    done: false,
  };
  state.requests[request.id] = request;
  prune<TrackedRequest>(state, 'requests', pairingLimits.inFlight, (r) => r.startedAt);
  return request;
}

function addHop(
  state: PairingState,
  request: TrackedRequest,
  url: string,
  headers: Header[] | null,
): void {
  const preflight = needsPreflight(request.method, headers)
    ? claimPreflight(state, request, url, headers)
    : null;
  request.hops.push({ url, requestHeaders: headers, response: null, preflight });
}

/**
 * Applies one event. Returns the request it changed (in flight, or `done` with its outcome),
 * or null for events that change no request (most preflight events, unknown requests).
 */
export function applyEvent(
  state: PairingState,
  event: TrackerEvent,
  traits: BrowserTraits = chromiumTraits,
): TrackedRequest | null {
  if (isPreflightEvent(event, state)) return applyPreflightEvent(state, event, traits);
  const key = requestKey(event.tabId, event.requestId);
  let request = state.requests[key];
  if (!request) {
    // A request first seen at its end: completed/headers without send-headers happen only
    // when the worker missed the start; an error alone is a request whose preflight failed.
    if (event.kind === 'headers-received') return null;
    // The end of an OPTIONS request we never saw start is most likely a preflight whose
    // start was lost (the worker was stopped): recording it as a request would count twice.
    if (event.method === 'OPTIONS') return null;
    request = newRequest(state, event);
  }
  request.updatedAt = event.timeStamp;
  const last = request.hops.at(-1);
  switch (event.kind) {
    case 'send-headers':
      if (!last || last.url !== event.url || last.response !== null) {
        addHop(state, request, event.url, event.requestHeaders ?? []);
      } else {
        last.requestHeaders = event.requestHeaders ?? [];
      }
      break;
    case 'headers-received': {
      // Firefox may report a 307's headers after the redirected hop has started.
      const hop =
        last && last.url !== event.url
          ? ([...request.hops].reverse().find((h) => h.url === event.url && !h.response) ?? last)
          : last;
      const headers = event.responseHeaders ?? [];
      if (hop)
        hop.response = {
          status: event.statusCode ?? 0,
          headers: traits.joinsRepeatedHeaders ? splitAllowOrigin(headers) : headers,
        };
      if (last && traits.preflightAfterRequestStart) claimLatePreflight(state, request, last);
      break;
    }
    case 'completed':
      if (!last) addHop(state, request, event.url, null);
      {
        const hop = request.hops.at(-1);
        if (hop && !hop.response && event.statusCode !== undefined) {
          hop.response = { status: event.statusCode, headers: event.responseHeaders ?? [] };
        }
      }
      request.completed = true;
      request.done = true;
      break;
    case 'error':
      // After a redirect whose new preflight failed, the error names the new URL.
      if (!last || last.url !== event.url) addHop(state, request, event.url, null);
      request.error = event.error ?? 'net::ERR_FAILED';
      request.done = true;
      {
        const hop = request.hops.at(-1);
        if (hop && traits.preflightAfterRequestStart) claimLatePreflight(state, request, hop);
        const pending =
          hop &&
          !hop.preflight &&
          (hop.requestHeaders === null || traits.preflightAfterRequestStart)
            ? unfinishedPreflight(state, request, hop.url)
            : undefined;
        if (pending) {
          request.waitingFor = pending.requestId;
          pending.waitedBy = request.id;
          request.done = false;
        }
      }
      break;
  }
  if (request.done) delete state.requests[key];
  return request;
}

/** Forgets one request in flight (another recorder saw it finish). */
export function forgetRequest(state: PairingState, key: string): void {
  delete state.requests[key];
}

/** Forgets everything of a closed tab. */
export function forgetTab(state: PairingState, tabId: number): void {
  for (const [key, request] of Object.entries(state.requests))
    if (request.tabId === tabId) delete state.requests[key];
  for (const [key, preflight] of Object.entries(state.preflights))
    if (preflight.tabId === tabId) delete state.preflights[key];
}

/** The analyzer's input for a tracked request. */
export function toExchange(
  request: TrackedRequest,
  traits: BrowserTraits = chromiumTraits,
): Exchange {
  const first = request.hops[0];
  const last = request.hops.at(-1);
  const exchange: Exchange = {
    request: {
      method: request.method,
      url: first?.url ?? '',
      origin: request.initiator,
      headers: first?.requestHeaders ?? [],
      ...(kindOf(request.type) ? { kind: kindOf(request.type) } : {}),
    },
    preflight: first?.preflight ?? null,
    redirects: request.hops.slice(0, -1).map((hop, index) => ({
      url: hop.url,
      status: hop.response?.status ?? 0,
      headers: hop.response?.headers ?? [],
      preflight: request.hops[index + 1]?.preflight ?? null,
    })),
    response: last?.response ? { url: last.url, ...last.response } : null,
  };
  if (request.error) exchange.error = request.error;
  if (request.completed && traits.completedMeansDelivered) exchange.completed = true;
  // Firefox says neither the credentials mode nor whether CORS let the response through.
  if (!traits.completedMeansDelivered) exchange.context = { credentialsHidden: true };
  return exchange;
}

function kindOf(type: string): Exchange['request']['kind'] | undefined {
  switch (type) {
    case 'font':
      return 'font';
    case 'script':
      return 'script';
    case 'image':
      return 'image';
    case 'stylesheet':
      return 'CSS stylesheet';
    default:
      // `xmlhttprequest` covers fetch() and XMLHttpRequest alike: Chrome's wording for fetch.
      return undefined;
  }
}
