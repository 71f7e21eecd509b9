// Checks made before anything is sent (Chromium CorsURLLoader::StartRequest, Blink
// fetch_manager.cc): the request's mode and the URL's scheme.

import type { ObservedRequest, RequestMode } from '../../exchange/types';
import { authorityOf } from '../../http/origin';
import type { CorsErrorCode } from '../cors-errors';

// url::GetCorsEnabledSchemes() as Chrome 156 lists it in the console message ("Cross origin
// requests are only supported for protocol schemes: chrome, chrome-experimental-site-token-provider,
// chrome-extension, chrome-untrusted, data, http, https, isolated-app.").
const corsEnabledSchemes = new Set([
  'http:',
  'https:',
  'data:',
  'isolated-app:',
  'chrome-extension:',
  'chrome:',
  'chrome-untrusted:',
  'chrome-experimental-site-token-provider:',
]);

export function isCorsEnabledScheme(scheme: string): boolean {
  return corsEnabledSchemes.has(scheme);
}

export type ModeDecision =
  | { kind: 'cors' }
  | { kind: 'not-cors'; reason: string }
  | { kind: 'blocked'; code: CorsErrorCode; failedParameter?: string | null };

/**
 * @param crossOrigin the request URL's origin differs from the requesting origin
 * @param mode the request's mode when the exchange does not say it (read from its headers)
 */
export function checkRequestMode(
  request: ObservedRequest,
  crossOrigin: boolean,
  mode: RequestMode = request.mode ?? 'cors',
): ModeDecision {
  if (mode === 'navigate')
    return { kind: 'not-cors', reason: 'a navigation is not subject to CORS' };
  if (mode === 'no-cors') {
    // Fetch §"main fetch": no-cors with a redirect mode other than follow is a network error.
    if (request.redirect !== undefined && request.redirect !== 'follow') {
      return { kind: 'blocked', code: 'NoCorsRedirectModeNotFollow' };
    }
    return {
      kind: 'not-cors',
      reason: "mode 'no-cors' gives an opaque response without CORS checks",
    };
  }
  if (!crossOrigin)
    return { kind: 'not-cors', reason: 'a same-origin request is not subject to CORS' };
  const scheme = authorityOf(request.url)?.protocol ?? '';
  if (!isCorsEnabledScheme(scheme)) {
    // Measured in Chromium 156: XMLHttpRequest's renderer-side check names the scheme ("ftp");
    // the network service's (an element with crossorigin, a redirect) leaves it empty.
    const failedParameter = request.kind === 'XMLHttpRequest' ? scheme.replace(/:$/, '') : null;
    return { kind: 'blocked', code: 'CorsDisabledScheme', failedParameter };
  }
  if (mode === 'same-origin') return { kind: 'blocked', code: 'DisallowedByMode' };
  return { kind: 'cors' };
}
