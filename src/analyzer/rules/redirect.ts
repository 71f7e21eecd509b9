// Redirects of the actual request: Fetch §"HTTP-redirect fetch"
// https://fetch.spec.whatwg.org/#http-redirect-fetch and redirect-taint
// https://fetch.spec.whatwg.org/#concept-request-tainted-origin.

import { hasUserinfo, originOf, urlParts } from '../../http/origin';
import { StringCache } from '../../http/string-cache';

// Each redirect's Location is read by several checks of one verdict (both credentials
// modes, the origin test, the explanation): it is resolved once.
const resolved = new StringCache<string | null>(4096);

/** The redirect's target, resolved against the URL that answered with it. */
export function resolveLocation(location: string | null, base: string): string | null {
  if (location === null) return null;
  // Length-prefixed, so no pair of strings can produce another pair's key.
  const key = `${base.length}:${base}${location}`;
  const cached = resolved.get(key);
  if (cached !== undefined) return cached;
  let href: string | null;
  try {
    href = new URL(location, base).href;
  } catch {
    href = null;
  }
  return resolved.set(key, href);
}

/**
 * Step 7 of HTTP-redirect fetch (Chromium CheckRedirectLocation): a CORS-mode redirect to a
 * URL with a username or password fails when the request is cross-origin.
 */
export function redirectContainsCredentials(
  location: string,
  requestOrigin: string,
  corsFlag: boolean,
): boolean {
  if (!hasUserinfo(location)) return false;
  return corsFlag || originOf(location) !== requestOrigin;
}

/**
 * Once a redirect goes from one origin to another while the request's origin is neither,
 * the browser sends `Origin: null` from then on.
 */
export function taintsOrigin(from: string, to: string, requestOrigin: string): boolean {
  const fromOrigin = originOf(from);
  return originOf(to) !== fromOrigin && requestOrigin !== fromOrigin;
}

/** 301/302 turn POST into GET; 303 turns everything but GET/HEAD into GET (and drop the body). */
export function methodAfterRedirect(method: string, status: number): string {
  if ((status === 301 || status === 302) && method === 'POST') return 'GET';
  if (status === 303 && method !== 'GET' && method !== 'HEAD') return 'GET';
  return method;
}

export function isSameUrl(a: string, b: string): boolean {
  return (urlParts(a)?.href ?? a) === (urlParts(b)?.href ?? b);
}
