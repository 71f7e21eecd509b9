// Checking the preflight's response: Fetch §"CORS-preflight fetch" step 7
// https://fetch.spec.whatwg.org/#cors-preflight-fetch, in Chromium's order
// (preflight_controller.cc, preflight_result.cc): redirect → CORS check → status →
// parse Allow-Methods → parse Allow-Headers → method → headers.

import type { ObservedPreflight } from '../../exchange/types';
import { getHeader } from '../../http/header-list';
import { isSafelistedMethod } from '../../cors/methods';
import { parseTokenList } from '../../cors/token-list';
import type { CorsErrorCode } from '../cors-errors';
import { accessFailureCode, checkAccess } from './allow-origin';

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

export interface PreflightQuestion {
  /** The actual request's method, normalized. */
  method: string;
  /** The CORS-unsafe request header names (lower-case), in the order the browser checks them. */
  unsafeHeaders: readonly string[];
  origin: string;
  includeCredentials: boolean;
}

export interface PreflightFailure {
  code: CorsErrorCode;
  failedParameter: string | null;
}

export function isRedirectStatus(status: number): boolean {
  return redirectStatuses.has(status);
}

export function isOkStatus(status: number): boolean {
  return status >= 200 && status <= 299;
}

/** Whether the preflight's Allow-Methods admits the method (`*` only without credentials). */
export function methodAllowed(
  method: string,
  allowed: readonly string[],
  includeCredentials: boolean,
): boolean {
  if (isSafelistedMethod(method) || allowed.includes(method)) return true;
  return !includeCredentials && allowed.includes('*');
}

/**
 * Whether Allow-Headers admits a header name (case-insensitive; `*` only without
 * credentials). The spec never lets `*` cover `authorization`; Chromium 156 lets it pass
 * without credentials and only raises a deprecation issue (measured), and Chrome is the truth.
 */
export function headerAllowed(
  name: string,
  allowed: readonly string[],
  includeCredentials: boolean,
): boolean {
  const lower = name.toLowerCase();
  if (allowed.some((item) => item.toLowerCase() === lower)) return true;
  return !includeCredentials && allowed.includes('*');
}

export function checkPreflightResponse(
  preflight: ObservedPreflight,
  question: PreflightQuestion,
): PreflightFailure | null {
  const status = preflight.status ?? 0;
  if (isRedirectStatus(status) && getHeader(preflight.headers, 'location') !== null) {
    return { code: 'PreflightDisallowedRedirect', failedParameter: null };
  }
  const access = checkAccess(preflight.headers, question.origin, question.includeCredentials);
  if (access)
    return { code: accessFailureCode(access.kind, true), failedParameter: access.failedParameter };
  if (!isOkStatus(status)) return { code: 'PreflightInvalidStatus', failedParameter: null };

  const methods = parseTokenList(getHeader(preflight.headers, 'access-control-allow-methods'));
  if (!methods.ok) return { code: 'InvalidAllowMethodsPreflightResponse', failedParameter: null };
  const headers = parseTokenList(getHeader(preflight.headers, 'access-control-allow-headers'));
  if (!headers.ok) return { code: 'InvalidAllowHeadersPreflightResponse', failedParameter: null };

  if (!methodAllowed(question.method, methods.tokens, question.includeCredentials)) {
    return { code: 'MethodDisallowedByPreflightResponse', failedParameter: question.method };
  }
  for (const name of question.unsafeHeaders) {
    if (!headerAllowed(name, headers.tokens, question.includeCredentials)) {
      return { code: 'HeaderDisallowedByPreflightResponse', failedParameter: name.toLowerCase() };
    }
  }
  return null;
}
