// `cors-lens check --policy cors-policy.json BASE_URL`: a declared CORS policy checked against a
// running server the way Chromium would check it, for CI. Per route: the origins that must be
// allowed and those that must be refused, the methods and headers the allowed ones use, and
// whether credentials are allowed. Unsafe methods are checked by their preflight only (nothing
// that changes the server is sent); GET and HEAD by the request itself. The active audit's high
// findings count as mismatches too.

import { check } from './check';
import { audit } from './audit';
import type { Header } from '../exchange/types';
import type { AuditFinding } from '../audit/active-audit';

export interface PolicyRoute {
  /** Path (and query) under the base URL. */
  path: string;
  allow: string[];
  refuse?: string[];
  methods?: string[];
  headers?: string[];
  credentials?: boolean;
}

export interface Policy {
  routes: PolicyRoute[];
}

/** Methods sent as they are; the others are checked by their preflight only. */
const readOnly = new Set(['GET', 'HEAD']);

/** A policy file that cannot be read: one line, exit 2. */
export class PolicyInputError extends Error {}

const isOrigin = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  // What sandboxed frames and file: pages send: worth refusing explicitly.
  if (value === 'null') return true;
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
};
const isToken = (value: unknown): value is string =>
  typeof value === 'string' && /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(value);

export function parsePolicy(text: string): Policy {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PolicyInputError(`not JSON: ${(error as Error).message}`);
  }
  const routes = (value as { routes?: unknown } | null)?.routes;
  if (!Array.isArray(routes) || routes.length === 0)
    throw new PolicyInputError('a policy needs "routes": a non-empty list');
  routes.forEach((route: Partial<PolicyRoute> | null, i) => {
    const at = `routes[${i}]`;
    if (typeof route?.path !== 'string' || !route.path.startsWith('/'))
      throw new PolicyInputError(`${at}.path must start with "/"`);
    if (!Array.isArray(route.allow) || !route.allow.every(isOrigin))
      throw new PolicyInputError(`${at}.allow must list origins (scheme://host[:port])`);
    if (
      route.refuse !== undefined &&
      (!Array.isArray(route.refuse) || !route.refuse.every(isOrigin))
    )
      throw new PolicyInputError(`${at}.refuse must list origins`);
    for (const key of ['methods', 'headers'] as const)
      if (route[key] !== undefined && (!Array.isArray(route[key]) || !route[key].every(isToken)))
        throw new PolicyInputError(`${at}.${key} must list tokens`);
    if (route.credentials !== undefined && typeof route.credentials !== 'boolean')
      throw new PolicyInputError(`${at}.credentials must be true or false`);
  });
  return { routes: routes as PolicyRoute[] };
}

export interface PolicyCheck {
  route: string;
  origin: string;
  method: string;
  expected: 'allowed' | 'refused';
  /**
   * What Chromium would do now; `unchecked`: a method that changes the server and needs no
   * preflight (a simple POST) is not sent, so nothing was asked.
   */
  actual: 'allowed' | 'refused' | 'unreachable' | 'unchecked';
  chromiumError: string | null;
  failedParameter: string | null;
  /** Unsafe methods: only the preflight was asked. */
  preflightOnly: boolean;
  ok: boolean;
}

export interface PolicyResult {
  checks: PolicyCheck[];
  /** High findings of the active audit, per route. */
  findings: (AuditFinding & { route: string })[];
  ok: boolean;
}

/** A header value Chromium would not safelist, so the preflight asks for the name. */
const sample = (name: string): Header => ({
  name,
  value: name.toLowerCase() === 'content-type' ? 'application/json' : 'x',
});

export async function checkPolicy(
  policy: Policy,
  base: string,
  timeoutMs?: number,
): Promise<PolicyResult> {
  const checks: PolicyCheck[] = [];
  const findings: PolicyResult['findings'] = [];
  for (const route of policy.routes) {
    const url = new URL(route.path, base).href;
    const methods = route.methods?.length ? route.methods : ['GET'];
    const headers = (route.headers ?? []).map(sample);
    const credentials = route.credentials ? 'include' : 'omit';
    const ask = async (origin: string, method: string, expected: PolicyCheck['expected']) => {
      const upper = method.toUpperCase();
      const preflightOnly = !readOnly.has(upper);
      const result = await check({
        url,
        origin,
        method: upper,
        headers: expected === 'allowed' ? headers : [],
        credentials,
        preflightOnly,
        ...(timeoutMs ? { timeoutMs } : {}),
      });
      const actual: PolicyCheck['actual'] = result.unreachable
        ? 'unreachable'
        : result.verdict.outcome === 'blocked'
          ? 'refused'
          : preflightOnly && !result.exchange.preflight
            ? 'unchecked'
            : 'allowed';
      checks.push({
        route: route.path,
        origin,
        method: upper,
        expected,
        actual,
        chromiumError: result.verdict.chromiumError,
        failedParameter: result.verdict.failedParameter,
        preflightOnly,
        ok: actual === expected || actual === 'unchecked',
      });
    };
    for (const origin of route.allow)
      for (const method of methods) await ask(origin, method, 'allowed');
    for (const origin of route.refuse ?? []) await ask(origin, 'GET', 'refused');
    const audited = await audit({
      url,
      credentials: route.credentials ?? false,
      ...(route.allow[0] ? { trusted: route.allow[0] } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
    });
    for (const finding of audited.findings)
      if (finding.severity === 'high') findings.push({ ...finding, route: route.path });
  }
  return { checks, findings, ok: checks.every((c) => c.ok) && findings.length === 0 };
}
