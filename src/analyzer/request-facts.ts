// What the browser asked for: the origin, the method and the CORS-unsafe header names, and
// so whether a preflight was needed and why. When a preflight was observed, its
// Access-Control-Request-* headers are the browser's own answer and win over our reckoning.

import type { Exchange } from '../exchange/types';
import { getHeader } from '../http/header-list';
import { isSafelistedMethod, normalizeMethod } from '../cors/methods';
import {
  byteLength,
  corsUnsafeRequestHeaderNames,
  isSafelistedRequestHeader,
  parseRequestHeadersList,
} from '../cors/request-headers';
import type { RequestFacts } from './classify';

export interface Facts extends RequestFacts {
  /** The preflight's `Access-Control-Request-Method`, when one was observed. */
  askedMethod: string | null;
}

function describeUnsafeHeader(exchange: Exchange, name: string): string {
  const value = getHeader(exchange.request.headers, name);
  if (
    value !== null &&
    ['accept', 'accept-language', 'content-language', 'content-type', 'range'].includes(name)
  ) {
    if (name === 'content-type')
      return `Content-Type ${value} is not text/plain, multipart/form-data or application/x-www-form-urlencoded`;
    if (byteLength(value) > 128) return `${name} is longer than 128 bytes`;
    if (!isSafelistedRequestHeader(name, value)) return `${name}'s value is not CORS-safelisted`;
    return `${name} counts toward the 1024-byte limit of safelisted headers`;
  }
  return `header ${name} is not CORS-safelisted`;
}

/**
 * `cache: "no-store"`/`"reload"` and DevTools' "Disable cache" make Chromium's network stack
 * add `Cache-Control: no-cache` and `Pragma: no-cache` after the CORS checks: they appear in
 * the headers sent but never cause a preflight. Only when no preflight says otherwise.
 */
function withoutCacheBypass(
  unsafeHeaders: string[],
  headers: Exchange['request']['headers'],
): string[] {
  if (!unsafeHeaders.includes('cache-control') && !unsafeHeaders.includes('pragma'))
    return unsafeHeaders;
  const value = (name: string) => getHeader(headers, name)?.toLowerCase() ?? null;
  if (value('cache-control') !== 'no-cache' || value('pragma') !== 'no-cache') return unsafeHeaders;
  // Neither is ever safelisted, so dropping them leaves the rest (and its byte count) as is.
  return unsafeHeaders.filter((name) => name !== 'cache-control' && name !== 'pragma');
}

export function requestFacts(exchange: Exchange): Facts {
  const { request } = exchange;
  const preflightHeaders = exchange.preflight?.requestHeaders ?? [];
  const askedMethod = getHeader(preflightHeaders, 'access-control-request-method');
  const askedHeaders = getHeader(preflightHeaders, 'access-control-request-headers');
  const origin =
    request.origin ||
    getHeader(preflightHeaders, 'origin') ||
    getHeader(request.headers, 'origin') ||
    'null';
  const method = normalizeMethod(request.method || askedMethod || 'GET');

  let unsafeHeaders: string[];
  if (askedHeaders !== null) unsafeHeaders = parseRequestHeadersList(askedHeaders);
  else if (askedMethod !== null) unsafeHeaders = [];
  else
    unsafeHeaders = withoutCacheBypass(
      corsUnsafeRequestHeaderNames(request.headers),
      request.headers,
    );
  return {
    origin,
    method,
    unsafeHeaders,
    // Exactly when `preflightReasons` names a reason.
    needsPreflight: !isSafelistedMethod(method) || unsafeHeaders.length > 0 || askedMethod !== null,
    askedMethod,
  };
}

/** Why the request needed a preflight, in words (the full verdict only: the detail reads it). */
export function preflightReasons(exchange: Exchange, facts: Facts): string[] {
  const { method, unsafeHeaders } = facts;
  const reasons: string[] = [];
  if (!isSafelistedMethod(method)) reasons.push(`method ${method} is not GET, HEAD or POST`);
  for (const name of unsafeHeaders) reasons.push(describeUnsafeHeader(exchange, name));
  if (reasons.length === 0 && facts.askedMethod !== null) {
    reasons.push(
      'the browser sent a preflight (e.g. an upload listener or a streamed body forces one)',
    );
  }
  return reasons;
}
