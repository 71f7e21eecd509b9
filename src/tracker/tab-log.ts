// The per-tab log: the exchanges of one tab with a compact verdict, bounded in count and in
// the size of every value, so storage.session stays small (limits in docs/architecture.md).

import { triage } from '../analyzer/analyze';
import type { CorsErrorCode } from '../analyzer/cors-errors';
import type { Outcome, Verdict } from '../analyzer/verdict';
import type { Finding } from '../audit/finding';
import { mapExchange } from '../exchange/map-exchange';
import type { Exchange, Header } from '../exchange/types';
import { toExchange, type TrackedRequest } from './pairing';
import { chromiumTraits, type BrowserTraits } from './browser-traits';
import type { Via } from './worker-requests';
import type { PageRequest } from './page-requests';
import { workerCause, type WorkerCause } from '../analyzer/worker-cause';

export const logLimits = {
  /** Exchanges kept per tab; the oldest are dropped first. */
  perTab: 1000,
  /** Header values and URLs longer than this are cut (with a marker saying how much). */
  valueBytes: 8192,
  /** Headers kept per header list. */
  headersPerList: 200,
};

/** What the list shows without recomputing the verdict. */
export interface VerdictCore {
  outcome: Outcome;
  chromiumError: CorsErrorCode | null;
  failedParameter: string | null;
  errorTitle: string | null;
  summary: string;
  preflight: Verdict['preflight'];
  /** The passive findings, short (absent in records from before findings existed). */
  findings?: Pick<Finding, 'id' | 'severity' | 'title'>[];
}

export interface ExchangeRecord {
  /** `tabId:requestId`: a request is recorded once, updated in place. */
  id: string;
  tabId: number;
  frameId: number;
  /** The document that made the request (Chromium ≥ 106): a new top document means a navigation. */
  documentId?: string;
  type: string;
  startedAt: number;
  updatedAt: number;
  inFlight: boolean;
  exchange: Exchange;
  verdict: VerdictCore;
  /** Made by a worker of the page's origin, not by the page itself (`worker-requests.ts`). */
  via?: Via;
  /** How many open tabs share the worker's origin (each shows the request); absent: one. */
  sharedBy?: number;
  /** The page's own request that the service worker passed on, as DevTools saw it. */
  page?: PageRequest;
  /** Set when the worker's changes to the page's request are why it failed. */
  workerCause?: WorkerCause;
}

/** A worker's record with the page's side of it, and what that says of the failure. */
export function withPageRequest(record: ExchangeRecord, page: PageRequest): ExchangeRecord {
  const paired: ExchangeRecord = { ...record, page };
  delete paired.workerCause;
  const cause = workerCause(record.exchange, record.verdict, page);
  if (cause) paired.workerCause = cause;
  return paired;
}

export function truncateValue(value: string, limit = logLimits.valueBytes): string {
  if (value.length <= limit) return value;
  return `${value.slice(0, limit)}…[truncated ${value.length - limit} characters]`;
}

function boundHeaders(headers: Header[]): Header[] {
  return headers
    .slice(0, logLimits.headersPerList)
    .map((h) => ({ name: truncateValue(h.name, 256), value: truncateValue(h.value) }));
}

/** Cuts oversized values everywhere in an exchange (the analyzer has already seen them whole). */
export function boundExchange(exchange: Exchange): Exchange {
  return mapExchange(exchange, (url) => truncateValue(url), boundHeaders);
}

export function recordOf(
  request: TrackedRequest,
  traits: BrowserTraits = chromiumTraits,
): ExchangeRecord {
  return recordFromExchange(
    {
      id: request.id,
      tabId: request.tabId,
      frameId: request.frameId,
      ...(request.documentId ? { documentId: request.documentId } : {}),
      type: request.type,
      startedAt: request.startedAt,
      updatedAt: request.updatedAt,
      inFlight: !request.done,
    },
    toExchange(request, traits),
  );
}

/** What a record says of the request besides its exchange and verdict. */
export type RecordFacts = Omit<ExchangeRecord, 'exchange' | 'verdict'>;

/** A record of `exchange`: its triage, and every value cut to the log's bounds. */
export function recordFromExchange(facts: RecordFacts, exchange: Exchange): ExchangeRecord {
  const verdict = triage(exchange);
  return {
    ...facts,
    exchange: boundExchange(exchange),
    verdict: {
      outcome: verdict.outcome,
      chromiumError: verdict.chromiumError,
      failedParameter: verdict.failedParameter,
      errorTitle: verdict.errorTitle,
      summary: verdict.summary,
      preflight: verdict.preflight,
      findings: verdict.findings.map(({ id, severity, title }) => ({ id, severity, title })),
    },
  };
}

/** A tab's log: records by id, in the order the requests started. */
export type TabLog = Map<string, ExchangeRecord>;

/**
 * Inserts or replaces by id (a request is counted once, however often it changes), dropping
 * the oldest past the cap. Returns the ids it dropped.
 */
export function upsertRecord(
  log: TabLog,
  record: ExchangeRecord,
  cap = logLimits.perTab,
): string[] {
  log.set(record.id, record);
  const dropped: string[] = [];
  for (const id of log.keys()) {
    if (log.size <= cap) break;
    log.delete(id);
    dropped.push(id);
  }
  return dropped;
}

/** Rebuilds tab logs from stored records, in start order. */
export function logsFromRecords(records: Iterable<ExchangeRecord>): Map<number, TabLog> {
  const sorted = [...records].sort((a, b) => a.startedAt - b.startedAt);
  const logs = new Map<number, TabLog>();
  for (const record of sorted) {
    let log = logs.get(record.tabId);
    if (!log) logs.set(record.tabId, (log = new Map()));
    log.set(record.id, record);
  }
  return logs;
}

export function blockedCount(log: Iterable<ExchangeRecord>): number {
  let count = 0;
  for (const record of log) if (record.verdict.outcome === 'blocked') count++;
  return count;
}

/**
 * How much of a request a record saw: its end, its request headers, each response (the
 * redirects' and the last) and each preflight. A recorder that missed events (a stopped
 * worker) holds a record with fewer.
 */
function factsSeen(record: ExchangeRecord): number {
  const { exchange } = record;
  let facts =
    Number(!record.inFlight) +
    Number(exchange.request.headers.length > 0) +
    Number(Boolean(exchange.preflight)) +
    Number(Boolean(exchange.response));
  for (const redirect of exchange.redirects ?? [])
    facts += Number(redirect.status > 0) + Number(Boolean(redirect.preflight));
  return facts;
}

/** Whether `candidate` saw more of the same request than `existing` did. */
export function seesMore(candidate: ExchangeRecord, existing: ExchangeRecord): boolean {
  return factsSeen(candidate) > factsSeen(existing);
}
