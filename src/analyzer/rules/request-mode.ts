// Checks made before anything is sent (Chromium CorsURLLoader::StartRequest, Blink
// fetch_manager.cc): the request's mode and the URL's scheme.

import type { ObservedRequest, RequestMode } from '../../exchange/types';
import { authorityOf } from '../../http/origin';
import type { CorsErrorCode } from '../cors-errors';

// url::GetCorsEnabledSchemes() as Chrome lists it in the console message.
const corsEnabledSchemes = new Set([
  'http:',
  'https:',
  'data:',
  'isolated-app:',
  'chrome-extension:',
  'chrome:',
  'chrome-untrusted:',
]);

export type ModeDecision =
  | { kind: 'cors' }
  | { kind: 'not-cors'; reason: string }
  | { kind: 'blocked'; code: CorsErrorCode };

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
  if (!corsEnabledSchemes.has(scheme)) return { kind: 'blocked', code: 'CorsDisabledScheme' };
  if (mode === 'same-origin') return { kind: 'blocked', code: 'DisallowedByMode' };
  return { kind: 'cors' };
}
