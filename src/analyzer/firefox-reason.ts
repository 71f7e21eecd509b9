// Firefox's reason for the same exchange (nsCORSListenerProxy.cpp). Mostly a mapping from
// the Chromium code (cors-errors.ts), refined where Firefox decides differently
// (taxonomy §2.3): it counts Allow-Origin header lines, names the ACAO value, checks the
// method before Allow-Headers' syntax, and reports a preflight 3xx without ACAO as missing.

import type { Header } from '../exchange/types';
import { getHeader, headerValues } from '../http/header-list';
import { parseTokenList } from '../cors/token-list';
import { codeInfo, type CorsErrorCode, type FirefoxReason } from './cors-errors';
import { methodAllowed } from './rules/preflight-response';

export interface FirefoxInput {
  code: CorsErrorCode | null;
  networkError: boolean;
  /** Headers of the response that failed (preflight or actual). */
  failingHeaders: readonly Header[];
  method: string;
  includeCredentials: boolean;
  /** Where it failed: a redirect to a scheme Firefox cannot load is a failed load there. */
  stage?: string;
}

export function firefoxReasonFor(input: FirefoxInput): FirefoxReason | null {
  if (input.networkError) return 'CORSDidNotSucceed';
  if (input.code === null) return null;
  // Measured in Firefox ESR 153: a redirect to ftp:// (which Firefox no longer loads) is
  // "CORS request did not succeed", not CORSRequestNotHttp.
  if (input.code === 'CorsDisabledScheme' && input.stage === 'redirect') return 'CORSDidNotSucceed';
  const allowOriginLines = headerValues(input.failingHeaders, 'access-control-allow-origin').length;
  switch (input.code) {
    case 'MultipleAllowOriginValues':
    case 'PreflightMultipleAllowOriginValues':
    case 'InvalidAllowOriginValue':
    case 'PreflightInvalidAllowOriginValue':
    case 'AllowOriginMismatch':
    case 'PreflightAllowOriginMismatch':
      return allowOriginLines > 1
        ? 'CORSMultipleAllowOriginNotAllowed'
        : 'CORSAllowOriginNotMatchingOrigin';
    case 'PreflightDisallowedRedirect':
      return allowOriginLines === 0 ? 'CORSMissingAllowOrigin' : 'CORSExternalRedirectNotAllowed';
    case 'InvalidAllowHeadersPreflightResponse': {
      const methods = parseTokenList(
        getHeader(input.failingHeaders, 'access-control-allow-methods'),
      );
      if (methods.ok && !methodAllowed(input.method, methods.tokens, input.includeCredentials))
        return 'CORSMethodNotFound';
      return 'CORSInvalidAllowHeader';
    }
    default:
      return codeInfo[input.code].firefox;
  }
}
