// The CORS policy a server would need for one exchange to pass: what it allowed (read from
// the headers it sent), what the browser asked for, and the smallest union of the two.
// Every value comes from the observed exchange, and only values that are safe to paste
// into a config file survive (a fix must never carry markup or quotes from traffic).

import type { Exchange, Header } from '../exchange/types';
import { getHeader, headerValues } from '../http/header-list';
import { parseUrl } from '../http/origin';
import { normalizeMethod } from '../cors/methods';
import { parseTokenList } from '../cors/token-list';
import { requestFacts } from '../analyzer/request-facts';
import type { Verdict } from '../analyzer/verdict';

export interface CorsPolicy {
  /** `Access-Control-Allow-Origin: *` (only ever without credentials). */
  anyOrigin: boolean;
  /** Exact, serialized origins. */
  origins: string[];
  /** Upper-case methods. */
  methods: string[];
  /** Lower-case request header names. */
  headers: string[];
  exposeHeaders: string[];
  credentials: boolean;
  /** Seconds; null sends no Access-Control-Max-Age. */
  maxAge: number | null;
  /** Answer Private Network Access preflights (`Access-Control-Allow-Private-Network`). */
  privateNetwork: boolean;
}

/** One step from what the server sends to what it must send. */
export type PolicyChange =
  | { kind: 'add-origin'; origin: string }
  | { kind: 'replace-wildcard-origin'; origin: string }
  | { kind: 'single-origin-value' }
  | { kind: 'add-method'; method: string }
  | { kind: 'add-header'; header: string }
  | { kind: 'replace-wildcard-headers' }
  | { kind: 'enable-credentials' }
  | { kind: 'fix-credentials-value'; value: string }
  | { kind: 'enable-private-network' };

// Chromium caps Access-Control-Max-Age at 7200 s (cors/preflight_result.cc, kMaxCacheAge).
export const chromiumMaxAgeCap = 7200;
export const safelistedMethods = ['GET', 'HEAD', 'POST'];

const originPattern = /^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/;
const namePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** An origin we can put in a config: http(s), already serialized, no path. */
export function isConfigSafeOrigin(origin: string): boolean {
  if (!originPattern.test(origin)) return false;
  const url = parseUrl(origin);
  return url !== null && url.origin === origin;
}

/** A header name or method we can put in a config unquoted and unescaped. */
export function isConfigSafeName(name: string): boolean {
  return name.length <= 128 && namePattern.test(name);
}

function tokens(value: string | null): string[] {
  const list = parseTokenList(value);
  return list.ok ? list.tokens : [];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function responseHeaders(exchange: Exchange): { preflight: Header[]; actual: Header[] } {
  return {
    preflight: exchange.preflight?.status !== undefined ? exchange.preflight.headers : [],
    actual: exchange.response?.headers ?? [],
  };
}

/** What the server allowed, as far as its headers show it. */
export function observedPolicy(exchange: Exchange): CorsPolicy {
  const { preflight, actual } = responseHeaders(exchange);
  const both = [...preflight, ...actual];
  const allowOrigins = unique([
    ...headerValues(preflight, 'access-control-allow-origin'),
    ...headerValues(actual, 'access-control-allow-origin'),
  ]);
  const maxAge = Number.parseInt(getHeader(preflight, 'access-control-max-age') ?? '', 10);
  return {
    anyOrigin: allowOrigins.includes('*'),
    origins: allowOrigins.filter(isConfigSafeOrigin),
    methods: unique(
      tokens(getHeader(preflight, 'access-control-allow-methods'))
        .filter((m) => m !== '*' && isConfigSafeName(m))
        .map(normalizeMethod),
    ),
    headers: unique(
      tokens(getHeader(preflight, 'access-control-allow-headers'))
        .map((name) => name.toLowerCase())
        .filter((name) => name !== '*' && isConfigSafeName(name)),
    ),
    exposeHeaders: unique(
      tokens(getHeader(actual, 'access-control-expose-headers')).filter(
        (name) => name !== '*' && isConfigSafeName(name),
      ),
    ),
    credentials: headerValues(both, 'access-control-allow-credentials').includes('true'),
    maxAge: Number.isFinite(maxAge) && maxAge > 0 ? Math.min(maxAge, chromiumMaxAgeCap) : null,
    privateNetwork:
      getHeader(preflight, 'access-control-allow-private-network') === 'true' ||
      getHeader(preflight, 'access-control-allow-local-network') === 'true',
  };
}

const credentialCodes = new Set([
  'InvalidAllowCredentials',
  'PreflightInvalidAllowCredentials',
  'WildcardOriginNotAllowed',
  'PreflightWildcardOriginNotAllowed',
]);

/** Does the exchange carry credentials, as far as we can tell? */
export function needsCredentials(exchange: Exchange, verdict: Verdict): boolean {
  if (verdict.credentials.mode === 'include') return true;
  if (verdict.credentials.mode === 'omit') return false;
  return (
    (verdict.chromiumError !== null && credentialCodes.has(verdict.chromiumError)) ||
    observedPolicy(exchange).credentials
  );
}

export interface RequiredPolicy {
  policy: CorsPolicy;
  changes: PolicyChange[];
  /** Values from the traffic we refused to put in a config. */
  skipped: string[];
}

/**
 * The observed policy widened just enough for this exchange: its origin, its method, its
 * non-safelisted headers and, when it carries credentials, credentials with an exact origin.
 */
export function requiredPolicy(exchange: Exchange, verdict: Verdict): RequiredPolicy {
  const observed = observedPolicy(exchange);
  const facts = requestFacts(exchange);
  const credentials = needsCredentials(exchange, verdict);
  const changes: PolicyChange[] = [];
  const skipped: string[] = [];
  const preflightSeen = exchange.preflight?.status !== undefined;
  const { preflight, actual } = responseHeaders(exchange);

  const origin = facts.origin;
  const originOk = isConfigSafeOrigin(origin);
  if (!originOk && origin !== 'null') skipped.push(`origin ${origin}`);
  let anyOrigin = observed.anyOrigin && !credentials;
  const origins = [...observed.origins];
  if (originOk && !anyOrigin && !origins.includes(origin)) {
    origins.push(origin);
    changes.push(
      observed.anyOrigin
        ? { kind: 'replace-wildcard-origin', origin }
        : { kind: 'add-origin', origin },
    );
  }
  if (credentials) anyOrigin = false;
  const acaoLines = Math.max(
    headerValues(preflight, 'access-control-allow-origin').length,
    headerValues(actual, 'access-control-allow-origin').length,
  );
  const acaoValues = [
    getHeader(preflight, 'access-control-allow-origin'),
    getHeader(actual, 'access-control-allow-origin'),
  ];
  if (acaoLines > 1 || acaoValues.some((v) => v !== null && v.includes(',')))
    changes.push({ kind: 'single-origin-value' });

  const methods = unique([...safelistedMethods, ...observed.methods]);
  if (facts.needsPreflight && !methods.includes(facts.method)) {
    if (isConfigSafeName(facts.method)) {
      methods.push(facts.method);
      if (preflightSeen) changes.push({ kind: 'add-method', method: facts.method });
    } else skipped.push(`method ${facts.method}`);
  }

  const rawAllowHeaders = tokens(getHeader(preflight, 'access-control-allow-headers'));
  const headerWildcard = rawAllowHeaders.includes('*');
  const headers = [...observed.headers];
  for (const name of facts.unsafeHeaders) {
    if (headers.includes(name)) continue;
    if (!isConfigSafeName(name)) {
      skipped.push(`header ${name}`);
      continue;
    }
    headers.push(name);
    // `*` covers every name but Authorization, and only without credentials (Fetch §4.8).
    const covered = headerWildcard && !credentials && name !== 'authorization';
    if (preflightSeen && !covered) changes.push({ kind: 'add-header', header: name });
  }
  if (headerWildcard && credentials && preflightSeen)
    changes.push({ kind: 'replace-wildcard-headers' });

  if (credentials) {
    const values = [
      getHeader(preflight, 'access-control-allow-credentials'),
      getHeader(actual, 'access-control-allow-credentials'),
    ].filter((v): v is string => v !== null && v !== 'true');
    const [wrong] = values;
    if (wrong !== undefined) changes.push({ kind: 'fix-credentials-value', value: wrong });
    else if (!observed.credentials) changes.push({ kind: 'enable-credentials' });
  }

  const privateNetwork =
    observed.privateNetwork ||
    verdict.chromiumError === 'PreflightMissingAllowExternal' ||
    verdict.chromiumError === 'PreflightInvalidAllowExternal';
  if (privateNetwork && !observed.privateNetwork) changes.push({ kind: 'enable-private-network' });

  return {
    policy: {
      anyOrigin,
      origins: anyOrigin ? [] : origins,
      methods,
      headers,
      exposeHeaders: observed.exposeHeaders,
      credentials,
      maxAge: observed.maxAge,
      privateNetwork,
    },
    changes,
    skipped,
  };
}
