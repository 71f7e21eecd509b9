// The header diff: per dimension, what the browser asked for against what the preflight
// and the response allowed. Every dimension is checked on its own (unlike the browser,
// which stops at the first failure), so the user sees every problem at once.

import type { Exchange, ObservedPreflight } from '../exchange/types';
import { getHeader } from '../http/header-list';
import { isSafelistedMethod } from '../cors/methods';
import { parseTokenList } from '../cors/token-list';
import { checkAccess } from './rules/allow-origin';
import { headerAllowed, isOkStatus, methodAllowed } from './rules/preflight-response';
import type { Dimension } from './cors-errors';
import type { DiffRow } from './verdict';

export interface DiffInput {
  exchange: Exchange;
  origin: string;
  method: string;
  unsafeHeaders: readonly string[];
  includeCredentials: boolean;
  credentialsLabel: string;
  needsPreflight: boolean;
  /** The preflight that decided (the last one observed). */
  preflight: ObservedPreflight | null;
  decisiveDimension: Dimension | null;
  decisiveName: string | null;
}

// Copied field by field: a spread here was the diff's largest cost (V8's generic object copy).
function row(r: Omit<DiffRow, 'decisive'>): DiffRow {
  return {
    dimension: r.dimension,
    name: r.name,
    asked: r.asked,
    preflightAllowed: r.preflightAllowed,
    responseAllowed: r.responseAllowed,
    result: r.result,
    note: r.note,
    decisive: false,
  };
}

export function buildDiff(input: DiffInput): DiffRow[] {
  const { preflight, includeCredentials } = input;
  const response = input.exchange.response ?? null;
  const rows: DiffRow[] = [];
  const preflightHeaders = preflight?.headers ?? [];

  const preflightAccess =
    preflight && preflight.status
      ? checkAccess(preflightHeaders, input.origin, includeCredentials)
      : null;
  const responseAccess = response
    ? checkAccess(response.headers, input.origin, includeCredentials)
    : null;
  // `*` with credentials is a credentials problem: the credentials row carries it.
  const originFailed = (kind: string | undefined) =>
    kind !== undefined && kind !== 'credentials' && kind !== 'wildcard';
  rows.push(
    row({
      dimension: 'origin',
      name: 'Origin',
      asked: input.origin,
      preflightAllowed: preflight
        ? getHeader(preflightHeaders, 'access-control-allow-origin')
        : null,
      responseAllowed: response ? getHeader(response.headers, 'access-control-allow-origin') : null,
      result:
        originFailed(preflightAccess?.kind) || originFailed(responseAccess?.kind)
          ? 'fail'
          : response || preflight
            ? 'pass'
            : 'not-checked',
      note: originFailed(preflightAccess?.kind)
        ? `preflight: ${preflightAccess?.kind ?? ''}`
        : originFailed(responseAccess?.kind)
          ? `response: ${responseAccess?.kind ?? ''}`
          : response || preflight
            ? 'allowed'
            : 'no response yet',
    }),
  );

  if (input.needsPreflight || preflight) {
    const allowMethods = preflight
      ? getHeader(preflightHeaders, 'access-control-allow-methods')
      : null;
    const allowHeaders = preflight
      ? getHeader(preflightHeaders, 'access-control-allow-headers')
      : null;
    const methods = parseTokenList(allowMethods);
    const allowed = methods.ok
      ? methodAllowed(input.method, methods.tokens, includeCredentials)
      : false;
    rows.push(
      row({
        dimension: 'method',
        name: 'Method',
        asked: input.method,
        preflightAllowed: allowMethods,
        responseAllowed: null,
        result: !preflight ? 'not-checked' : allowed ? 'pass' : 'fail',
        note: !preflight
          ? 'no preflight observed'
          : !methods.ok
            ? `cannot parse ${JSON.stringify(methods.badToken)}`
            : isSafelistedMethod(input.method)
              ? 'safelisted method'
              : allowed
                ? 'allowed'
                : 'not in Access-Control-Allow-Methods',
      }),
    );
    const headers = parseTokenList(allowHeaders);
    for (const name of input.unsafeHeaders) {
      const ok = headers.ok && headerAllowed(name, headers.tokens, includeCredentials);
      const byWildcard = ok && headers.ok && !headers.tokens.some((t) => t.toLowerCase() === name);
      rows.push(
        row({
          dimension: 'header',
          name,
          asked: name,
          preflightAllowed: allowHeaders,
          responseAllowed: null,
          result: !preflight
            ? 'not-checked'
            : !ok
              ? 'fail'
              : byWildcard && name === 'authorization'
                ? 'warn'
                : 'pass',
          note: !preflight
            ? 'no preflight observed'
            : !headers.ok
              ? `cannot parse ${JSON.stringify(headers.badToken)}`
              : !ok
                ? 'not in Access-Control-Allow-Headers'
                : byWildcard
                  ? name === 'authorization'
                    ? 'passes through * only (deprecated; list it by name)'
                    : 'allowed by *'
                  : 'allowed',
        }),
      );
    }
    if (preflight && preflight.status !== undefined) {
      rows.push(
        row({
          dimension: 'preflight-status',
          name: 'Preflight status',
          asked: '2xx',
          preflightAllowed: String(preflight.status),
          responseAllowed: null,
          result: isOkStatus(preflight.status) ? 'pass' : 'fail',
          note: isOkStatus(preflight.status) ? 'ok status' : 'not 200–299',
        }),
      );
    }
  }

  const credentialsResult = (access: ReturnType<typeof checkAccess>, present: boolean) =>
    !present
      ? null
      : access?.kind === 'credentials' || access?.kind === 'wildcard'
        ? 'fail'
        : 'pass';
  const preflightCredentials = credentialsResult(preflightAccess, Boolean(preflight?.status));
  const responseCredentials = credentialsResult(responseAccess, Boolean(response));
  rows.push(
    row({
      dimension: 'credentials',
      name: 'Credentials',
      asked: input.credentialsLabel,
      preflightAllowed: preflight
        ? getHeader(preflightHeaders, 'access-control-allow-credentials')
        : null,
      responseAllowed: response
        ? getHeader(response.headers, 'access-control-allow-credentials')
        : null,
      result: !includeCredentials
        ? 'pass'
        : preflightCredentials === 'fail' || responseCredentials === 'fail'
          ? 'fail'
          : (preflightCredentials ?? responseCredentials ?? 'not-checked'),
      note: !includeCredentials
        ? 'none sent: Allow-Credentials not needed'
        : 'needs Allow-Credentials: true and an exact origin',
    }),
  );

  const { context, request } = input.exchange;
  if (request.targetAddressSpace || context?.resourceAddressSpace) {
    rows.push(
      row({
        dimension: 'local-network',
        name: 'Address space',
        asked: request.targetAddressSpace ?? context?.initiatorAddressSpace ?? null,
        preflightAllowed: null,
        responseAllowed: context?.resourceAddressSpace ?? null,
        result: 'not-checked',
        note: 'from the exchange context',
      }),
    );
  }

  // Mark the row of the error the browser reports.
  const decisive = rows.find(
    (r) =>
      r.dimension === input.decisiveDimension &&
      (input.decisiveDimension !== 'header' ||
        input.decisiveName === null ||
        r.name === input.decisiveName),
  );
  if (decisive) {
    decisive.decisive = true;
    if (decisive.result === 'pass' || decisive.result === 'not-checked') decisive.result = 'fail';
  }
  return rows;
}
