// The `cors-lens.report/v1` document: self-describing (schema, tool, ISO time), stable field
// names, exchanges redacted unless the caller opts in. Public contract (docs/contracts.md).

import { analyze } from '../analyzer/analyze';
import type { Verdict } from '../analyzer/verdict';
import type { Exchange } from '../exchange/types';
import { suggestFix, type Fix } from '../fixes/suggest-fix';
import type { StackChoice } from '../fixes/stacks';
import { redactExchange, redactUrl } from './redact';
import type { Via } from '../tracker/worker-requests';
import type { PageRequest } from '../tracker/page-requests';
import { workerCause, type WorkerCause } from '../analyzer/worker-cause';
import { serverFixes, type ServerFix } from '../fixes/server-fix';

export const reportSchema = 'cors-lens.report/v1';

export interface ReportInput {
  id: string;
  type?: string;
  startedAt: number;
  exchange: Exchange;
  via?: Via;
  sharedBy?: number;
  page?: PageRequest;
}

export interface ReportExchange {
  id: string;
  url: string;
  method: string;
  type: string | null;
  startedAt: string;
  outcome: Verdict['outcome'];
  verdict: Verdict;
  exchange: Exchange;
  /** The suggested server change for a blocked exchange, in the chosen stack; else null. */
  fix: Fix | null;
  /**
   * Present when a worker of the page's origin made the request, not the page itself:
   * `service-worker`, `shared-worker`, or `worker` when the extension could not tell which.
   */
  via?: Via;
  /** With `via`: how many open tabs shared the worker's origin (each lists the request). */
  sharedBy?: number;
  /**
   * With `via`, when DevTools was open: the page's own request that the service worker passed
   * on (its resource type, mode where known, and header names; never values).
   */
  pageRequest?: PageRequest;
  /**
   * Present when the service worker's changes to the page's request are why it failed: the
   * fix then belongs in the worker, and `fix` says what the server would have to allow instead.
   */
  workerCause?: WorkerCause;
}

export interface Report {
  schema: typeof reportSchema;
  tool: { name: 'CORS Lens'; version: string };
  generatedAt: string;
  page: { url: string | null; origin: string | null };
  browser: { name: string; version: string } | null;
  redacted: boolean;
  summary: { total: number; blocked: number; byCode: Record<string, number> };
  /**
   * One fix per server (scheme, host and port) for all its blocked exchanges: the union of
   * what they need, as one config in the chosen stack. Additive in v1.
   */
  servers?: ServerFix[];
  exchanges: ReportExchange[];
}

export interface ReportOptions {
  version: string;
  /** ISO time: the caller owns the clock. */
  generatedAt: string;
  pageUrl?: string | null;
  browser?: { name: string; version: string } | null;
  /** Include cookies, Authorization and token-looking values (off by default). */
  includeSecrets?: boolean;
  /** The stack the fixes are written for (default `auto`: detected from the traffic). */
  stack?: StackChoice;
}

function pageSide(
  page: PageRequest,
  exchange: Exchange,
  verdict: Verdict,
  redact: boolean,
): Pick<ReportExchange, 'pageRequest' | 'workerCause'> {
  const cause = workerCause(exchange, verdict, page);
  return {
    pageRequest: redact ? { ...page, url: redactUrl(page.url) } : page,
    ...(cause ? { workerCause: cause } : {}),
  };
}

export function buildJsonReport(inputs: readonly ReportInput[], options: ReportOptions): Report {
  const redact = !options.includeSecrets;
  const exchanges = inputs.map((input): ReportExchange => {
    const verdict = analyze(input.exchange);
    const exchange = redact ? redactExchange(input.exchange) : input.exchange;
    return {
      id: input.id,
      url: exchange.request.url,
      method: exchange.request.method,
      type: input.type ?? null,
      startedAt: new Date(input.startedAt).toISOString(),
      outcome: verdict.outcome,
      verdict: redact
        ? {
            ...verdict,
            consoleMessage: verdict.consoleMessage && redactUrlsIn(verdict.consoleMessage),
            failedUrl: verdict.failedUrl && redactUrl(verdict.failedUrl),
          }
        : verdict,
      exchange,
      // From the redacted exchange: a fix names origins and header names, never values.
      fix: verdict.outcome === 'blocked' ? suggestFix(exchange, verdict, options.stack) : null,
      ...(input.via ? { via: input.via } : {}),
      ...(input.via && input.sharedBy ? { sharedBy: input.sharedBy } : {}),
      ...(input.via && input.page ? pageSide(input.page, exchange, verdict, redact) : {}),
    };
  });
  const byCode: Record<string, number> = {};
  for (const e of exchanges)
    if (e.verdict.chromiumError)
      byCode[e.verdict.chromiumError] = (byCode[e.verdict.chromiumError] ?? 0) + 1;
  const origin =
    originOfPage(options.pageUrl ?? null) ?? inputs[0]?.exchange.request.origin ?? null;
  return {
    schema: reportSchema,
    tool: { name: 'CORS Lens', version: options.version },
    generatedAt: options.generatedAt,
    page: {
      url: options.pageUrl ? (redact ? redactUrl(options.pageUrl) : options.pageUrl) : null,
      origin,
    },
    browser: options.browser ?? null,
    redacted: redact,
    summary: {
      total: exchanges.length,
      blocked: exchanges.filter((e) => e.outcome === 'blocked').length,
      byCode,
    },
    servers: serverFixes(
      exchanges
        .filter((e) => e.outcome === 'blocked')
        .map((e) => ({ id: e.id, url: e.url, fix: e.fix })),
    ),
    exchanges,
  };
}

function redactUrlsIn(text: string): string {
  return text.replace(/'(https?:\/\/[^']+)'/g, (_m, url: string) => `'${redactUrl(url)}'`);
}

function originOfPage(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
