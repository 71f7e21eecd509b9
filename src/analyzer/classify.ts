// Walks one exchange the way Chromium processes the request (cors_url_loader.cc):
// request checks → preflight → each redirect (CORS check, Location, taint, new preflight)
// → the final response. Stops at the first failure. Pure: exchange in, classification out.

import type { Exchange, ObservedPreflight } from '../exchange/types';
import { getHeader } from '../http/header-list';
import { authorityOf, originOf } from '../http/origin';
import type { CorsErrorCode } from './cors-errors';
import { accessFailureCode, checkAccess } from './rules/allow-origin';
import { emptyToNull, type Failure, type Stage } from './rules/failure';
import { checkLocalNetwork } from './rules/local-network';
import { isCorsEnabledScheme } from './rules/request-mode';
import { checkPreflightResponse, isRedirectStatus } from './rules/preflight-response';
import {
  methodAfterRedirect,
  redirectContainsCredentials,
  resolveLocation,
  taintsOrigin,
} from './rules/redirect';

export interface RequestFacts {
  /** The origin the browser sent in `Origin` (before any taint). */
  origin: string;
  method: string;
  unsafeHeaders: string[];
  needsPreflight: boolean;
}

export interface NetworkFailure {
  error: string;
  stage: Stage;
  url: string;
}

export interface Classification {
  failure: Failure | null;
  networkError: NetworkFailure | null;
  /** No outcome observed yet (no response, no error). */
  pending: boolean;
  /** Hops whose needed preflight left no trace: most likely served from the preflight cache. */
  preflightsNotObserved: number[];
  /** `Authorization` passed only through `Access-Control-Allow-Headers: *`. */
  authorizationCoveredByWildcard: boolean;
  /** The `Origin` the browser sent last (`null` once tainted). */
  effectiveOrigin: string;
}

interface Walk {
  facts: RequestFacts;
  includeCredentials: boolean;
  result: Classification;
}

// Objects are built field by field here, not spread: spreading these mixed shapes was a
// fifth of the tracker's per-request analysis (V8 falls back to a slow generic copy).
function fail(walk: Walk, failure: Failure): Classification {
  walk.result.failure = {
    code: failure.code,
    failedParameter: emptyToNull(failure.failedParameter),
    stage: failure.stage,
    url: failure.url,
    hop: failure.hop,
  };
  return walk.result;
}

/** Returns true when the walk must stop (failure or network error). */
function checkPreflight(
  walk: Walk,
  preflight: ObservedPreflight | null | undefined,
  url: string,
  hop: number,
  origin: string,
  method: string,
): boolean {
  if (!walk.facts.needsPreflight) return false;
  if (!preflight) {
    walk.result.preflightsNotObserved.push(hop);
    return false;
  }
  if (preflight.status === undefined || preflight.status === 0) {
    walk.result.networkError = {
      error: preflight.error ?? 'net::ERR_FAILED',
      stage: 'preflight',
      url,
    };
    return true;
  }
  // The browser checks the answer against the Origin it sent. After a redirect to another
  // origin Chromium sends `null` (tainted); Firefox ESR 153 sends the page's origin on the
  // new preflight and `null` only on the actual request (measured: the zoo's
  // redirect-taint-preflight, whose server echoes each Origin; both browsers pass it).
  const sentOrigin = getHeader(preflight.requestHeaders, 'origin');
  const failure = checkPreflightResponse(preflight, {
    method,
    unsafeHeaders: walk.facts.unsafeHeaders,
    origin: sentOrigin ?? origin,
    includeCredentials: walk.includeCredentials,
  });
  if (failure) {
    fail(walk, {
      code: failure.code,
      failedParameter: failure.failedParameter,
      stage: 'preflight',
      url,
      hop,
    });
    return true;
  }
  // It passed: if `authorization` is not listed by name, only `*` let it through.
  if (walk.facts.unsafeHeaders.includes('authorization')) {
    const listed = (getHeader(preflight.headers, 'access-control-allow-headers') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase());
    if (!listed.includes('authorization')) walk.result.authorizationCoveredByWildcard = true;
  }
  return false;
}

export function classify(
  exchange: Exchange,
  facts: RequestFacts,
  includeCredentials: boolean,
): Classification {
  const walk: Walk = {
    facts,
    includeCredentials,
    result: {
      failure: null,
      networkError: null,
      pending: false,
      preflightsNotObserved: [],
      authorizationCoveredByWildcard: false,
      effectiveOrigin: facts.origin,
    },
  };
  const { request } = exchange;
  const localNetwork = checkLocalNetwork(exchange);
  if (localNetwork) {
    return fail(walk, {
      code: localNetwork,
      failedParameter: null,
      stage: 'request',
      url: request.url,
      hop: 0,
    });
  }

  let url = request.url;
  let method = facts.method;
  let origin = facts.origin;
  let corsFlag = originOf(url) !== facts.origin;
  if (corsFlag && checkPreflight(walk, exchange.preflight, url, 0, origin, method))
    return walk.result;

  const redirects = exchange.redirects ?? [];
  for (const [index, redirect] of redirects.entries()) {
    const hop = index;
    if (corsFlag) {
      const access = checkAccess(redirect.headers, origin, includeCredentials);
      if (access) {
        return fail(walk, {
          code: accessFailureCode(access.kind, false),
          failedParameter: access.failedParameter,
          stage: 'redirect',
          url: redirect.url || url,
          hop,
        });
      }
    }
    const location = resolveLocation(getHeader(redirect.headers, 'location'), redirect.url || url);
    if (location === null) break;
    if (redirectsToDisabledScheme(location, corsFlag, facts.origin))
      return fail(walk, disabledSchemeFailure(location, hop));
    if (redirectContainsCredentials(location, facts.origin, corsFlag)) {
      // Chromium does not fill failedParameter here (its message prints an empty location).
      return fail(walk, {
        code: 'RedirectContainsCredentials',
        failedParameter: null,
        stage: 'redirect',
        url: redirect.url || url,
        hop,
      });
    }
    if (taintsOrigin(url, location, facts.origin)) origin = 'null';
    method = methodAfterRedirect(method, redirect.status);
    url = location;
    if (!corsFlag && originOf(url) !== facts.origin) corsFlag = true;
    walk.result.effectiveOrigin = origin;
    if (corsFlag && checkPreflight(walk, redirect.preflight, url, index + 1, origin, method))
      return walk.result;
  }

  const response = exchange.response;
  if (!response) {
    if (exchange.error)
      walk.result.networkError = { error: exchange.error, stage: 'response', url };
    else walk.result.pending = true;
    return walk.result;
  }
  const finalUrl = response.url || url;
  if (corsFlag) {
    const access = checkAccess(response.headers, origin, includeCredentials);
    if (access) {
      return fail(walk, {
        code: accessFailureCode(access.kind, false),
        failedParameter: access.failedParameter,
        stage: 'response',
        url: finalUrl,
        hop: redirects.length,
      });
    }
  }
  // A last response that is itself a redirect was not followed: the browser stopped at it.
  const location =
    isRedirectStatus(response.status) && request.redirect !== 'manual'
      ? resolveLocation(getHeader(response.headers, 'location'), finalUrl)
      : null;
  // Firefox's webRequest shows a redirect to a scheme it cannot load as the last response.
  if (location && redirectsToDisabledScheme(location, corsFlag, facts.origin))
    return fail(walk, disabledSchemeFailure(location, redirects.length));
  if (location && redirectContainsCredentials(location, facts.origin, corsFlag)) {
    return fail(walk, {
      code: 'RedirectContainsCredentials',
      failedParameter: null,
      stage: 'redirect',
      url: finalUrl,
      hop: redirects.length,
    });
  }
  return walk.result;
}

/**
 * A CORS request may only be redirected to a CORS-enabled scheme (measured in Chromium 156: a
 * redirect to ftp:// fails with CorsDisabledScheme and an empty failedParameter).
 */
function redirectsToDisabledScheme(location: string, corsFlag: boolean, origin: string): boolean {
  return (
    (corsFlag || originOf(location) !== origin) &&
    !isCorsEnabledScheme(authorityOf(location)?.protocol ?? '')
  );
}

function disabledSchemeFailure(location: string, hop: number): Failure {
  // Chrome's message names the new URL ("Access to fetch at 'ftp://…' (redirected from …)").
  return {
    code: 'CorsDisabledScheme',
    failedParameter: null,
    stage: 'redirect',
    url: location,
    hop,
  };
}

// Credentials only ever make a check stricter: `*` stops being a wildcard for the origin,
// methods and headers, and Access-Control-Allow-Credentials must be `true` (Fetch's CORS check,
// https://fetch.spec.whatwg.org/#cors-check, and the method and header checks of
// https://fetch.spec.whatwg.org/#cors-preflight-fetch). So every step the walk with
// credentials passes, the walk without passes too; and where it fails on a rule credentials
// do not touch, the walk without fails there the same way. Only these failures can differ.
const credentialsOnlyFailures = new Set<CorsErrorCode>([
  'WildcardOriginNotAllowed',
  'PreflightWildcardOriginNotAllowed',
  'InvalidAllowCredentials',
  'PreflightInvalidAllowCredentials',
  'MethodDisallowedByPreflightResponse',
  'HeaderDisallowedByPreflightResponse',
]);

/**
 * The classification with and without credentials, for an exchange whose credentials mode
 * is unknown. The walk without is skipped when it cannot differ (a request that passes with
 * credentials, or fails on a rule they do not touch); a property test holds the shortcut to
 * the second walk.
 */
export function classifyBothModes(
  exchange: Exchange,
  facts: RequestFacts,
): { omit: Classification; include: Classification } {
  const include = classify(exchange, facts, true);
  const code = include.failure?.code;
  if (code === undefined || !credentialsOnlyFailures.has(code)) return { omit: include, include };
  return { omit: classify(exchange, facts, false), include };
}
