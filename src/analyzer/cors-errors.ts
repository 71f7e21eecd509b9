// Chromium's CORS error codes as the DevTools protocol names them (Network.CorsError,
// devtools-protocol r1684464), with the words the panel shows, Firefox's closest reason, and
// the console detail text from cors_error_string.cc. One row per code: a reader looking for
// why we said a code finds its rule through `rule` (the file under analyzer/rules/).

export const corsErrorCodes = [
  'DisallowedByMode',
  'InvalidResponse',
  'WildcardOriginNotAllowed',
  'MissingAllowOriginHeader',
  'MultipleAllowOriginValues',
  'InvalidAllowOriginValue',
  'AllowOriginMismatch',
  'InvalidAllowCredentials',
  'CorsDisabledScheme',
  'PreflightInvalidStatus',
  'PreflightDisallowedRedirect',
  'PreflightWildcardOriginNotAllowed',
  'PreflightMissingAllowOriginHeader',
  'PreflightMultipleAllowOriginValues',
  'PreflightInvalidAllowOriginValue',
  'PreflightAllowOriginMismatch',
  'PreflightInvalidAllowCredentials',
  'PreflightMissingAllowExternal',
  'PreflightInvalidAllowExternal',
  'InvalidAllowMethodsPreflightResponse',
  'InvalidAllowHeadersPreflightResponse',
  'MethodDisallowedByPreflightResponse',
  'HeaderDisallowedByPreflightResponse',
  'RedirectContainsCredentials',
  'InsecureLocalNetwork',
  'InvalidLocalNetworkAccess',
  'NoCorsRedirectModeNotFollow',
  'LocalNetworkAccessPermissionDenied',
] as const;

export type CorsErrorCode = (typeof corsErrorCodes)[number];

export const firefoxReasons = [
  'CORSDisabled',
  'CORSDidNotSucceed',
  'CORSRequestNotHttp',
  'CORSMultipleAllowOriginNotAllowed',
  'CORSMissingAllowOrigin',
  'CORSNotSupportingCredentials',
  'CORSAllowOriginNotMatchingOrigin',
  'CORSMissingAllowCredentials',
  'CORSOriginHeaderNotAdded',
  'CORSExternalRedirectNotAllowed',
  'CORSPreflightDidNotSucceed',
  'CORSInvalidAllowMethod',
  'CORSMethodNotFound',
  'CORSInvalidAllowHeader',
  'CORSMissingAllowHeaderFromPreflight',
] as const;

export type FirefoxReason = (typeof firefoxReasons)[number];

/** Which part of the exchange a code is about: the row of the diff it highlights. */
export type Dimension =
  | 'origin'
  | 'credentials'
  | 'method'
  | 'header'
  | 'preflight-status'
  | 'redirect'
  | 'request'
  | 'local-network';

export interface CodeInfo {
  /** Short words for a list column ("Header not allowed"). */
  words: string;
  dimension: Dimension;
  /** Chrome prefixes "Response to preflight request doesn't pass access control check: ". */
  preflightPrefix: boolean;
  /** Chrome's detail text; `{hint}` is the failed parameter. */
  detail: string;
  /** Chrome appends a note on withCredentials for XMLHttpRequest initiators. */
  xhrCredentialsSuffix?: true;

  /** Firefox's reason for the same failure (refined per exchange in firefox-reason.ts). */
  firefox: FirefoxReason | null;
  /** The rule module that decides it. */
  rule: string;
}

const allowOriginMissing =
  "No 'Access-Control-Allow-Origin' header is present on the requested resource.";
const wildcard =
  "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.";
const multiple =
  "The 'Access-Control-Allow-Origin' header contains multiple values '{hint}', but only one is allowed.";
const invalid = "The 'Access-Control-Allow-Origin' header contains the invalid value '{hint}'.";
const mismatch =
  "The 'Access-Control-Allow-Origin' header has a value '{hint}' that is not equal to the supplied origin.";
const credentials =
  "The value of the 'Access-Control-Allow-Credentials' header in the response is '{hint}' which must be 'true' when the request's credentials mode is 'include'.";

export const codeInfo: Record<CorsErrorCode, CodeInfo> = {
  DisallowedByMode: {
    words: "Blocked by mode 'same-origin'",
    dimension: 'request',
    preflightPrefix: false,
    detail: 'Cross origin requests are not allowed by request mode.',
    firefox: null,
    rule: 'request-mode',
  },
  InvalidResponse: {
    words: 'Invalid response',
    dimension: 'request',
    preflightPrefix: false,
    detail: 'The response is invalid.',
    firefox: null,
    rule: 'request-mode',
  },
  WildcardOriginNotAllowed: {
    words: 'Wildcard * with credentials',
    dimension: 'credentials',
    preflightPrefix: false,
    detail: wildcard,
    xhrCredentialsSuffix: true,
    firefox: 'CORSNotSupportingCredentials',
    rule: 'allow-origin',
  },
  MissingAllowOriginHeader: {
    words: 'No Allow-Origin header',
    dimension: 'origin',
    preflightPrefix: false,
    detail: allowOriginMissing,

    firefox: 'CORSMissingAllowOrigin',
    rule: 'allow-origin',
  },
  MultipleAllowOriginValues: {
    words: 'Several Allow-Origin values',
    dimension: 'origin',
    preflightPrefix: false,
    detail: multiple,

    firefox: 'CORSAllowOriginNotMatchingOrigin',
    rule: 'allow-origin',
  },
  InvalidAllowOriginValue: {
    words: 'Invalid Allow-Origin value',
    dimension: 'origin',
    preflightPrefix: false,
    detail: invalid,

    firefox: 'CORSAllowOriginNotMatchingOrigin',
    rule: 'allow-origin',
  },
  AllowOriginMismatch: {
    words: 'Origin not allowed',
    dimension: 'origin',
    preflightPrefix: false,
    detail: mismatch,

    firefox: 'CORSAllowOriginNotMatchingOrigin',
    rule: 'allow-origin',
  },
  InvalidAllowCredentials: {
    words: 'Credentials not allowed',
    dimension: 'credentials',
    preflightPrefix: false,
    detail: credentials,
    xhrCredentialsSuffix: true,
    firefox: 'CORSMissingAllowCredentials',
    rule: 'allow-origin',
  },
  CorsDisabledScheme: {
    words: 'Scheme does not support CORS',
    dimension: 'request',
    preflightPrefix: false,
    detail:
      // As Chromium 156 lists them (alphabetically; older versions listed fewer, unsorted).
      'Cross origin requests are only supported for protocol schemes: chrome, chrome-experimental-site-token-provider, chrome-extension, chrome-untrusted, data, http, https, isolated-app.',
    firefox: 'CORSRequestNotHttp',
    rule: 'request-mode',
  },
  PreflightInvalidStatus: {
    words: 'Preflight status not OK',
    dimension: 'preflight-status',
    preflightPrefix: true,
    detail: 'It does not have HTTP ok status.',
    firefox: 'CORSPreflightDidNotSucceed',
    rule: 'preflight-response',
  },
  PreflightDisallowedRedirect: {
    words: 'Preflight redirected',
    dimension: 'redirect',
    preflightPrefix: true,
    detail: 'Redirect is not allowed for a preflight request.',
    firefox: 'CORSExternalRedirectNotAllowed',
    rule: 'preflight-response',
  },
  PreflightWildcardOriginNotAllowed: {
    words: 'Preflight: wildcard * with credentials',
    dimension: 'credentials',
    preflightPrefix: true,
    detail: wildcard,
    xhrCredentialsSuffix: true,
    firefox: 'CORSNotSupportingCredentials',
    rule: 'allow-origin',
  },
  PreflightMissingAllowOriginHeader: {
    words: 'Preflight: no Allow-Origin header',
    dimension: 'origin',
    preflightPrefix: true,
    detail: allowOriginMissing,

    firefox: 'CORSMissingAllowOrigin',
    rule: 'allow-origin',
  },
  PreflightMultipleAllowOriginValues: {
    words: 'Preflight: several Allow-Origin values',
    dimension: 'origin',
    preflightPrefix: true,
    detail: multiple,

    firefox: 'CORSAllowOriginNotMatchingOrigin',
    rule: 'allow-origin',
  },
  PreflightInvalidAllowOriginValue: {
    words: 'Preflight: invalid Allow-Origin value',
    dimension: 'origin',
    preflightPrefix: true,
    detail: invalid,

    firefox: 'CORSAllowOriginNotMatchingOrigin',
    rule: 'allow-origin',
  },
  PreflightAllowOriginMismatch: {
    words: 'Preflight: origin not allowed',
    dimension: 'origin',
    preflightPrefix: true,
    detail: mismatch,

    firefox: 'CORSAllowOriginNotMatchingOrigin',
    rule: 'allow-origin',
  },
  PreflightInvalidAllowCredentials: {
    words: 'Preflight: credentials not allowed',
    dimension: 'credentials',
    preflightPrefix: true,
    detail: credentials,
    xhrCredentialsSuffix: true,
    firefox: 'CORSMissingAllowCredentials',
    rule: 'allow-origin',
  },
  PreflightMissingAllowExternal: {
    words: 'Preflight: no Allow-External',
    dimension: 'local-network',
    preflightPrefix: true,
    detail:
      "No 'Access-Control-Allow-External' header was present in the preflight response for this external request (This is an experimental header which is defined in 'https://wicg.github.io/cors-rfc1918/').",
    firefox: null,
    rule: 'local-network',
  },
  PreflightInvalidAllowExternal: {
    words: 'Preflight: invalid Allow-External',
    dimension: 'local-network',
    preflightPrefix: true,
    detail:
      "The 'Access-Control-Allow-External' header in the preflight response for this external request had a value of '{hint}',  not 'true' (This is an experimental header which is defined in 'https://wicg.github.io/cors-rfc1918/').",
    firefox: null,
    rule: 'local-network',
  },
  InvalidAllowMethodsPreflightResponse: {
    words: 'Unparseable Allow-Methods',
    dimension: 'method',
    preflightPrefix: false,
    detail:
      'Cannot parse Access-Control-Allow-Methods response header field in preflight response.',
    firefox: 'CORSInvalidAllowMethod',
    rule: 'preflight-response',
  },
  InvalidAllowHeadersPreflightResponse: {
    words: 'Unparseable Allow-Headers',
    dimension: 'header',
    preflightPrefix: false,
    detail:
      'Cannot parse Access-Control-Allow-Headers response header field in preflight response.',
    firefox: 'CORSInvalidAllowHeader',
    rule: 'preflight-response',
  },
  MethodDisallowedByPreflightResponse: {
    words: 'Method not allowed',
    dimension: 'method',
    preflightPrefix: false,
    detail: 'Method {hint} is not allowed by Access-Control-Allow-Methods in preflight response.',
    firefox: 'CORSMethodNotFound',
    rule: 'preflight-response',
  },
  HeaderDisallowedByPreflightResponse: {
    words: 'Header not allowed',
    dimension: 'header',
    preflightPrefix: false,
    detail:
      'Request header field {hint} is not allowed by Access-Control-Allow-Headers in preflight response.',
    firefox: 'CORSMissingAllowHeaderFromPreflight',
    rule: 'preflight-response',
  },
  RedirectContainsCredentials: {
    words: 'Redirect URL has a password',
    dimension: 'redirect',
    preflightPrefix: false,
    detail:
      "Redirect location '{hint}' contains a username and password, which is disallowed for cross-origin requests.",
    // Firefox 153 fails such a redirect as a network error ("CORS request did not succeed").
    firefox: 'CORSDidNotSucceed',
    rule: 'redirect',
  },
  InsecureLocalNetwork: {
    words: 'Insecure page to local network',
    dimension: 'local-network',
    preflightPrefix: false,
    detail:
      'The request client is not a secure context and the resource is in more-private address space `{resource}`.',
    firefox: null,
    rule: 'local-network',
  },
  InvalidLocalNetworkAccess: {
    words: 'Wrong target address space',
    dimension: 'local-network',
    preflightPrefix: false,
    detail:
      'Request had a target IP address space of `{target}` yet the resource is in address space `{resource}`.',
    firefox: null,
    rule: 'local-network',
  },
  NoCorsRedirectModeNotFollow: {
    words: "no-cors with redirect not 'follow'",
    dimension: 'request',
    preflightPrefix: false,
    detail: "Requests in 'no-cors' mode must use redirect mode 'follow'.",
    firefox: null,
    rule: 'request-mode',
  },
  LocalNetworkAccessPermissionDenied: {
    words: 'Local network access denied',
    dimension: 'local-network',
    preflightPrefix: false,
    detail: 'Permission was denied for this request to access the `{resource}` address space.',
    firefox: null,
    rule: 'local-network',
  },
};
