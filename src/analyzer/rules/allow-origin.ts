// The CORS check on a response (actual, redirect or preflight): Fetch §"CORS check"
// https://fetch.spec.whatwg.org/#cors-check, in Chromium's order (cors.cc CheckAccess):
// `*` → missing → multiple → literal null → invalid → mismatch → credentials.

import type { Header } from '../../exchange/types';
import { getHeader } from '../../http/header-list';
import { authorityOf } from '../../http/origin';
import type { CorsErrorCode } from '../cors-errors';

export type AccessFailureKind =
  'wildcard' | 'missing' | 'multiple' | 'invalid' | 'mismatch' | 'credentials';

export interface AccessFailure {
  kind: AccessFailureKind;
  failedParameter: string | null;
}

/**
 * @param origin the serialized origin the browser sent (`null` after a tainting redirect)
 * @param includeCredentials the actual request's credentials mode is `include`
 */
export function checkAccess(
  headers: readonly Header[],
  origin: string,
  includeCredentials: boolean,
): AccessFailure | null {
  const allowOrigin = getHeader(headers, 'access-control-allow-origin');
  if (allowOrigin === '*') {
    return includeCredentials ? { kind: 'wildcard', failedParameter: null } : null;
  }
  if (allowOrigin === null) return { kind: 'missing', failedParameter: null };
  // Byte-exact: case, a trailing slash or a default port all make it a different string.
  if (allowOrigin !== origin) {
    // Several header lines were combined with ", " by `getHeader`, so they land here too.
    if (/[ ,]/.test(allowOrigin)) return { kind: 'multiple', failedParameter: allowOrigin };
    if (allowOrigin === 'null') return { kind: 'mismatch', failedParameter: allowOrigin };
    if (authorityOf(allowOrigin) === null) return { kind: 'invalid', failedParameter: allowOrigin };
    return { kind: 'mismatch', failedParameter: allowOrigin };
  }
  if (!includeCredentials) return null;
  const allowCredentials = getHeader(headers, 'access-control-allow-credentials');
  // Exactly `true`: `True`, `1` or two `true` lines ("true, true") all fail.
  if (allowCredentials !== 'true')
    return { kind: 'credentials', failedParameter: allowCredentials };
  return null;
}

const actualCodes: Record<AccessFailureKind, CorsErrorCode> = {
  wildcard: 'WildcardOriginNotAllowed',
  missing: 'MissingAllowOriginHeader',
  multiple: 'MultipleAllowOriginValues',
  invalid: 'InvalidAllowOriginValue',
  mismatch: 'AllowOriginMismatch',
  credentials: 'InvalidAllowCredentials',
};

const preflightCodes: Record<AccessFailureKind, CorsErrorCode> = {
  wildcard: 'PreflightWildcardOriginNotAllowed',
  missing: 'PreflightMissingAllowOriginHeader',
  multiple: 'PreflightMultipleAllowOriginValues',
  invalid: 'PreflightInvalidAllowOriginValue',
  mismatch: 'PreflightAllowOriginMismatch',
  credentials: 'PreflightInvalidAllowCredentials',
};

export function accessFailureCode(kind: AccessFailureKind, onPreflight: boolean): CorsErrorCode {
  return (onPreflight ? preflightCodes : actualCodes)[kind];
}
