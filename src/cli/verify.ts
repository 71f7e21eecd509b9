// `cors-lens verify REPORT.json`: asks the servers of a report's blocked exchanges again, the
// way Chromium would, and says for each whether it passes now. By default only preflights are
// sent (they change nothing on a server); `--send-actual` also sends the actual request, for
// safe methods only unless the user names the method. Values the report redacted are never
// sent: such headers are left out, and the output says so.

import { isForbiddenRequestHeaderName, parseRequestHeadersList } from '../cors/request-headers';
import type { Exchange, Header } from '../exchange/types';
import { suggestFix, type Fix } from '../fixes/suggest-fix';
import { serverFixes, type ServerFix } from '../fixes/server-fix';
import { getHeader } from '../http/header-list';
import { reportSchema, type Report, type ReportExchange } from '../report/json-report';
import { check, type CheckResult } from './check';

/** A report verify cannot read: one line on stderr, exit 2. */
export class VerifyInputError extends Error {}

export type Now = 'passes' | 'preflight-passes' | 'blocked' | 'unreachable' | 'not-checked';

export interface VerifyRow {
  id: string;
  method: string;
  /** The URL asked (after `--base`). */
  url: string;
  origin: string;
  before: { chromiumError: string | null; failedParameter: string | null };
  now: Now;
  chromiumError: string | null;
  failedParameter: string | null;
  /** What is still wrong and how to fix it (still blocked only). */
  fix: Fix | null;
  /** Headers not sent: their values were redacted in the report, or never observed. */
  leftOut: string[];
  note: string | null;
}

export interface VerifyOptions {
  base?: string;
  sendActual: boolean;
  /** The one method `--send-actual` may send besides GET and HEAD. */
  method?: string;
  timeoutMs?: number;
}

const safeMethods = new Set(['GET', 'HEAD']);
const redacted = /^\[redacted\b/;

/** The report, checked enough to ask its servers: throws VerifyInputError otherwise. */
export function parseReport(text: string): Report {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new VerifyInputError(`not JSON: ${(error as Error).message}`);
  }
  const report = value as Partial<Report> | null;
  if (typeof report !== 'object' || report === null || report.schema !== reportSchema)
    throw new VerifyInputError(`not a ${reportSchema} report (its "schema" field)`);
  if (!Array.isArray(report.exchanges))
    throw new VerifyInputError('the report has no "exchanges" list');
  report.exchanges.forEach((e, i) => {
    const request = (e as Partial<ReportExchange> | null)?.exchange?.request;
    if (
      typeof e?.id !== 'string' ||
      typeof e.outcome !== 'string' ||
      typeof request?.url !== 'string' ||
      typeof request.method !== 'string' ||
      typeof request.origin !== 'string' ||
      !Array.isArray(request.headers) ||
      !request.headers.every((h) => typeof h?.name === 'string' && typeof h.value === 'string')
    )
      throw new VerifyInputError(`exchanges[${i}] is not an exchange of a report`);
    try {
      new URL(request.url);
    } catch {
      throw new VerifyInputError(`exchanges[${i}]: not a URL: ${JSON.stringify(request.url)}`);
    }
  });
  return report as Report;
}

/** The URL with `base`'s scheme, host and port, the path and query kept. */
export function rebase(url: string, base: string | undefined): string {
  if (!base) return url;
  const from = new URL(url);
  return new URL(`${from.pathname}${from.search}`, new URL(base).origin).href;
}

/**
 * The page's own headers, as far as the report knows them: those it observed (forbidden and
 * browser-set ones aside), and names the preflight asked for whose values were never seen.
 */
function pageHeaders(exchange: Exchange): { headers: Header[]; unknown: Set<string> } {
  const headers = exchange.request.headers.filter(
    (h) => !isForbiddenRequestHeaderName(h.name) && !/^(origin|user-agent)$/i.test(h.name),
  );
  const unknown = new Set<string>();
  const asked = getHeader(
    exchange.preflight?.requestHeaders ?? [],
    'access-control-request-headers',
  );
  for (const name of parseRequestHeadersList(asked))
    if (!headers.some((h) => h.name.toLowerCase() === name)) {
      // Never sent as such: a preflight sends names only, and --send-actual leaves it out.
      headers.push({ name, value: '' });
      unknown.add(name);
    }
  return { headers, unknown };
}

function nowOf(result: CheckResult, preflightOnly: boolean): Now {
  if (result.unreachable) return 'unreachable';
  if (result.verdict.outcome === 'blocked') return 'blocked';
  if (preflightOnly) return 'preflight-passes';
  return result.verdict.outcome === 'ok' ? 'passes' : 'blocked';
}

async function verifyOne(e: ReportExchange, options: VerifyOptions): Promise<VerifyRow> {
  const request = e.exchange.request;
  const url = rebase(request.url, options.base);
  const { headers, unknown } = pageHeaders(e.exchange);
  const row: VerifyRow = {
    id: e.id,
    method: request.method,
    url,
    origin: request.origin,
    before: { chromiumError: e.verdict.chromiumError, failedParameter: e.verdict.failedParameter },
    now: 'not-checked',
    chromiumError: null,
    failedParameter: null,
    fix: null,
    leftOut: [],
    note: null,
  };
  const credentials = e.verdict.credentials.mode === 'include' ? 'include' : 'omit';
  const method = request.method.toUpperCase();
  const mayActual =
    options.sendActual && (safeMethods.has(method) || options.method?.toUpperCase() === method);
  const preflightOnly = !mayActual;
  if (preflightOnly && !e.verdict.needsPreflight) {
    row.note = options.sendActual
      ? `a ${method} request changes the server: name it with --method ${method} to send it`
      : 'no preflight to send: --send-actual sends the request itself';
    return row;
  }
  let sent = headers;
  if (mayActual) {
    sent = headers.filter((h) => !unknown.has(h.name.toLowerCase()) && !redacted.test(h.value));
    row.leftOut = headers.filter((h) => !sent.includes(h)).map((h) => h.name.toLowerCase());
  }
  const result = await check({
    url,
    origin: request.origin,
    method,
    headers: sent,
    credentials,
    preflightOnly,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  row.now = nowOf(result, preflightOnly);
  row.chromiumError = result.verdict.chromiumError;
  row.failedParameter = result.verdict.failedParameter;
  if (row.now === 'blocked') row.fix = suggestFix(result.exchange, result.verdict, 'auto');
  if (row.now === 'unreachable') row.note = result.unreachable;
  if (preflightOnly && row.now === 'preflight-passes')
    row.note = options.sendActual
      ? `the ${method} request itself was not sent: it can change the server; name it with --method ${method} to send it`
      : 'the actual response was not asked for: --send-actual checks it too';
  return row;
}

export interface VerifyResult {
  rows: VerifyRow[];
  /** For what is still blocked: one config per server, as in the report. */
  servers: ServerFix[];
  /** 0: everything checked passes now; 1: something is still blocked or unreachable. */
  exitCode: 0 | 1;
}

export async function verify(report: Report, options: VerifyOptions): Promise<VerifyResult> {
  const rows: VerifyRow[] = [];
  for (const e of report.exchanges.filter((x) => x.outcome === 'blocked'))
    rows.push(await verifyOne(e, options));
  const failing = rows.some((r) => r.now === 'blocked' || r.now === 'unreachable');
  const servers = serverFixes(
    rows.filter((r) => r.now === 'blocked').map((r) => ({ id: r.id, url: r.url, fix: r.fix })),
  );
  return { rows, servers, exitCode: failing ? 1 : 0 };
}

/** The verdict words for a row's before/after columns. */
export function beforeWords(row: VerifyRow): string {
  return `blocked: ${row.before.chromiumError ?? '?'}${row.before.failedParameter ? ` (${row.before.failedParameter})` : ''}`;
}

export function nowWords(row: VerifyRow): string {
  switch (row.now) {
    case 'passes':
      return 'passes';
    case 'preflight-passes':
      return 'preflight passes';
    case 'blocked':
      return `still blocked: ${row.chromiumError ?? '?'}${row.failedParameter ? ` (${row.failedParameter})` : ''}`;
    case 'unreachable':
      return 'no answer';
    case 'not-checked':
      return 'not checked';
  }
}
