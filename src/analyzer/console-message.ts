// The messages the browsers print for a failure, filled in with the exchange's values.
// Chrome: cors_error_string.cc GetErrorString(); Firefox: security.properties.

import type { InitiatorKind } from '../exchange/types';
import { codeInfo, type CorsErrorCode, type FirefoxReason } from './cors-errors';

export interface MessageValues {
  kind: InitiatorKind;
  initialUrl: string;
  failedUrl: string;
  origin: string;
  failedParameter: string | null;
  targetAddressSpace?: string;
  resourceAddressSpace?: string;
}

const preflightPrefix = "Response to preflight request doesn't pass access control check: ";
// Older Chrome appended "If an opaque response serves your needs, set the request's mode to
// 'no-cors'..." to fetch() errors; Chrome 156 no longer does (checked by the truth test).
const xhrCredentialsSuffix =
  ' The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.';

// Chrome 156 ends the multiple/invalid/mismatch texts with this advice (truth test).
const validValueCodes = new Set<CorsErrorCode>([
  'MultipleAllowOriginValues',
  'InvalidAllowOriginValue',
  'AllowOriginMismatch',
  'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue',
  'PreflightAllowOriginMismatch',
]);

export function chromeConsoleMessage(code: CorsErrorCode, values: MessageValues): string {
  const kind = values.kind === 'other' ? 'fetch' : values.kind;
  // Decided in Blink's fetch_manager.cc, which prints its own text.
  if (code === 'NoCorsRedirectModeNotFollow') {
    return `Fetch API cannot load ${values.failedUrl}. Request mode is "no-cors" but the redirect mode is not "follow".`;
  }
  if (code === 'DisallowedByMode' && kind === 'fetch') {
    return `Fetch API cannot load ${values.failedUrl}. Request mode is "same-origin" but the URL's origin is not same as the request origin ${values.origin}.`;
  }
  const info = codeInfo[code];
  const detail = info.detail
    .replaceAll('{hint}', values.failedParameter ?? '')
    .replaceAll('{target}', values.targetAddressSpace ?? 'unknown')
    .replaceAll('{resource}', values.resourceAddressSpace ?? 'unknown');
  const suffix =
    (info.xhrCredentialsSuffix && kind === 'XMLHttpRequest' ? xhrCredentialsSuffix : '') +
    (validValueCodes.has(code) ? ' Have the server send the header with a valid value.' : '');
  const redirected =
    values.initialUrl !== values.failedUrl ? `(redirected from '${values.initialUrl}') ` : '';
  return (
    `Access to ${kind} at '${values.failedUrl}' ${redirected}from origin '${values.origin}' has been blocked by CORS policy: ` +
    `${info.preflightPrefix ? preflightPrefix : ''}${detail}${suffix}`
  );
}

export interface FirefoxValues {
  url: string;
  status: number | null;
  allowOrigin: string | null;
  token: string | null;
  header: string | null;
}

const firefoxPrefix = (url: string) =>
  `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${url}. `;

export function firefoxConsoleMessage(reason: FirefoxReason, values: FirefoxValues): string {
  const status = values.status === null ? '(null)' : String(values.status);
  const reasons: Record<FirefoxReason, string> = {
    CORSDisabled: '(Reason: CORS disabled).',
    CORSDidNotSucceed: `(Reason: CORS request did not succeed). Status code: ${status}.`,
    CORSRequestNotHttp: '(Reason: CORS request not http).',
    CORSMultipleAllowOriginNotAllowed:
      '(Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).',
    CORSMissingAllowOrigin: `(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: ${status}.`,
    CORSNotSupportingCredentials: '',
    CORSAllowOriginNotMatchingOrigin: `(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘${values.allowOrigin ?? ''}’).`,
    CORSMissingAllowCredentials:
      '(Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).',
    CORSOriginHeaderNotAdded: '(Reason: CORS header ‘Origin’ cannot be added).',
    CORSExternalRedirectNotAllowed: '(Reason: CORS request external redirect not allowed).',
    CORSPreflightDidNotSucceed: `(Reason: CORS preflight response did not succeed). Status code: ${status}.`,
    CORSInvalidAllowMethod: `(Reason: invalid token ‘${values.token ?? ''}’ in CORS header ‘Access-Control-Allow-Methods’).`,
    CORSMethodNotFound:
      '(Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’).',
    CORSInvalidAllowHeader: `(Reason: invalid token ‘${values.token ?? ''}’ in CORS header ‘Access-Control-Allow-Headers’).`,
    CORSMissingAllowHeaderFromPreflight: `(Reason: header ‘${values.header ?? ''}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`,
  };
  if (reason === 'CORSNotSupportingCredentials') {
    return `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘${values.url}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`;
  }
  return firefoxPrefix(values.url) + reasons[reason];
}
