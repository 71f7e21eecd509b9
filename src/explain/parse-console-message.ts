// Reads a CORS error as Chrome or Firefox prints it in the console, for errors the user saw
// before CORS Lens was recording. The inverse of analyzer/console-message.ts.

import { codeInfo, type CorsErrorCode, type FirefoxReason } from '../analyzer/cors-errors';
import { explain, type ExplainContext } from '../analyzer/explanations';
import type { NotCorsCause } from '../analyzer/not-cors';
import { parsePastedLine, type PastedMessage } from './pasted-messages';

export interface ParsedConsoleMessage {
  browser: 'chrome' | 'firefox' | 'safari' | 'unknown';
  /**
   * `cors`: a CORS failure; `not-cors`: another failure that looks like one (`notCors` says
   * which); `generic`: a message that says only that the request failed. Absent in output of
   * versions before it existed: read as `cors`.
   */
  category: 'cors' | 'not-cors' | 'generic';
  /** When the text fits several of Chrome's codes (Safari says one thing for several). */
  possibleErrors?: CorsErrorCode[];
  notCors?: NotCorsCause;
  chromiumError: CorsErrorCode | null;
  firefoxReason: FirefoxReason | null;
  failedParameter: string | null;
  url: string | null;
  redirectedFrom: string | null;
  origin: string | null;
  /** What made the request ("fetch", "XMLHttpRequest", "font", ...). */
  kind: string | null;
  status: number | null;
  errorTitle: string | null;
  summary: string;
  explanation: string;
  headerChanges: string[];
}

const chromePattern =
  /Access to (.+?) at '(.+?)' (?:\(redirected from '(.+?)'\) )?from origin '(.+?)' has been blocked by CORS policy: (Response to preflight request doesn't pass access control check: )?(.*)/s;

type DetailRule = [RegExp, CorsErrorCode, CorsErrorCode | null];
// [detail pattern, code, code when the preflight prefix is present]
const chromeDetails: DetailRule[] = [
  [
    /^No 'Access-Control-Allow-Origin' header is present/,
    'MissingAllowOriginHeader',
    'PreflightMissingAllowOriginHeader',
  ],
  [
    /must not be the wildcard '\*' when the request's credentials mode is 'include'/,
    'WildcardOriginNotAllowed',
    'PreflightWildcardOriginNotAllowed',
  ],
  [
    /^The 'Access-Control-Allow-Origin' header contains multiple values '(.*)', but only one is allowed/s,
    'MultipleAllowOriginValues',
    'PreflightMultipleAllowOriginValues',
  ],
  [
    /^The 'Access-Control-Allow-Origin' header contains the invalid value '(.*)'\./s,
    'InvalidAllowOriginValue',
    'PreflightInvalidAllowOriginValue',
  ],
  [
    /^The 'Access-Control-Allow-Origin' header has a value '(.*)' that is not equal to the supplied origin/s,
    'AllowOriginMismatch',
    'PreflightAllowOriginMismatch',
  ],
  [
    /^The value of the 'Access-Control-Allow-Credentials' header in the response is '(.*)' which must be 'true'/s,
    'InvalidAllowCredentials',
    'PreflightInvalidAllowCredentials',
  ],
  [/^It does not have HTTP ok status/, 'PreflightInvalidStatus', 'PreflightInvalidStatus'],
  [
    /^Redirect is not allowed for a preflight request/,
    'PreflightDisallowedRedirect',
    'PreflightDisallowedRedirect',
  ],
  [/^Cannot parse Access-Control-Allow-Methods/, 'InvalidAllowMethodsPreflightResponse', null],
  [/^Cannot parse Access-Control-Allow-Headers/, 'InvalidAllowHeadersPreflightResponse', null],
  [
    /^Method (\S+) is not allowed by Access-Control-Allow-Methods/,
    'MethodDisallowedByPreflightResponse',
    null,
  ],
  [
    /^Request header field (\S+) is not allowed by Access-Control-Allow-Headers/,
    'HeaderDisallowedByPreflightResponse',
    null,
  ],
  [
    /^Redirect location '(.*)' contains a username and password/s,
    'RedirectContainsCredentials',
    null,
  ],
  [/^Cross origin requests are only supported for protocol schemes/, 'CorsDisabledScheme', null],
  [/^Cross origin requests are not allowed by request mode/, 'DisallowedByMode', null],
  [
    /^The request client is not a secure context and the resource is in more-private address space `(.*)`/,
    'InsecureLocalNetwork',
    null,
  ],
  [
    /^Request had a target IP address space of `(.*)` yet the resource is in address space `(.*)`/,
    'InvalidLocalNetworkAccess',
    null,
  ],
  [
    /^Permission was denied for this request to access the `(.*)` address space/,
    'LocalNetworkAccessPermissionDenied',
    null,
  ],
];

const fetchApiPattern = /Fetch API cannot load (\S+?)\.? Request mode is "(same-origin|no-cors)"/;

// Firefox wraps values in ‘…’ (current) or '…' (older versions).
const q = "[‘'](.*?)[’']";
const firefoxPattern = new RegExp(
  `Cross-Origin Request (?:Blocked|Warning): The Same Origin Policy (?:disallows|will disallow) reading the remote resource at (?:${q}|(\\S+?))\\.?\\s+(?:soon\\.\\s+)?\\(Reason: (.*)\\)`,
  's',
);
type FirefoxRule = [RegExp, FirefoxReason, CorsErrorCode | null];
const firefoxDetails: FirefoxRule[] = [
  [/^CORS disabled/, 'CORSDisabled', null],
  [/^CORS request did not succeed/, 'CORSDidNotSucceed', null],
  [/^CORS request not http/, 'CORSRequestNotHttp', 'CorsDisabledScheme'],
  [/^Multiple CORS header/, 'CORSMultipleAllowOriginNotAllowed', 'MultipleAllowOriginValues'],
  [
    /^CORS header [‘']Access-Control-Allow-Origin[’'] missing/,
    'CORSMissingAllowOrigin',
    'MissingAllowOriginHeader',
  ],
  [
    /^Credential is not supported if the CORS header/,
    'CORSNotSupportingCredentials',
    'WildcardOriginNotAllowed',
  ],
  [
    new RegExp(`^CORS header [‘']Access-Control-Allow-Origin[’'] does not match ${q}`),
    'CORSAllowOriginNotMatchingOrigin',
    'AllowOriginMismatch',
  ],
  [
    /^expected [‘']true[’'] in CORS header/,
    'CORSMissingAllowCredentials',
    'InvalidAllowCredentials',
  ],
  [/^CORS header [‘']Origin[’'] cannot be added/, 'CORSOriginHeaderNotAdded', null],
  [
    /^CORS request external redirect not allowed/,
    'CORSExternalRedirectNotAllowed',
    'PreflightDisallowedRedirect',
  ],
  [
    /^CORS preflight (?:response|channel) did not succeed/,
    'CORSPreflightDidNotSucceed',
    'PreflightInvalidStatus',
  ],
  [
    new RegExp(`^invalid token ${q} in CORS header [‘']Access-Control-Allow-Methods`),
    'CORSInvalidAllowMethod',
    'InvalidAllowMethodsPreflightResponse',
  ],
  [
    /^Did not find method in CORS header/,
    'CORSMethodNotFound',
    'MethodDisallowedByPreflightResponse',
  ],
  [
    new RegExp(`^invalid token ${q} in CORS header [‘']Access-Control-Allow-Headers`),
    'CORSInvalidAllowHeader',
    'InvalidAllowHeadersPreflightResponse',
  ],
  [
    new RegExp(
      `^(?:header|missing token) ${q} (?:is not allowed according to header|in CORS header)`,
    ),
    'CORSMissingAllowHeaderFromPreflight',
    'HeaderDisallowedByPreflightResponse',
  ],
];

function context(
  code: CorsErrorCode,
  values: {
    url: string | null;
    origin: string | null;
    failedParameter: string | null;
    status: number | null;
    onPreflight: boolean;
    second?: string | null;
  },
): ExplainContext {
  const url = values.url ?? '(the requested URL)';
  const origin = values.origin ?? '(your page’s origin)';
  const isOriginValue = [
    'MultipleAllowOriginValues',
    'InvalidAllowOriginValue',
    'AllowOriginMismatch',
  ].some((c) => code.endsWith(c));
  return {
    code,
    failedParameter: values.failedParameter,
    origin,
    pageOrigin: origin,
    url,
    method: code === 'MethodDisallowedByPreflightResponse' ? (values.failedParameter ?? '') : '',
    unsafeHeaders:
      code === 'HeaderDisallowedByPreflightResponse' && values.failedParameter
        ? [values.failedParameter]
        : [],
    onPreflight: values.onPreflight,
    credentialsInference: null,
    status: values.status,
    allowOrigin: isOriginValue ? values.failedParameter : null,
    allowOriginLines:
      code.endsWith('MultipleAllowOriginValues') && values.failedParameter?.includes(', ') ? 2 : 1,
    allowCredentials: code.endsWith('InvalidAllowCredentials')
      ? emptyToNull(values.failedParameter)
      : null,
    allowMethods: null,
    allowHeaders: null,
    location: code === 'RedirectContainsCredentials' ? emptyToNull(values.failedParameter) : null,
    targetAddressSpace: code === 'InvalidLocalNetworkAccess' ? values.failedParameter : null,
    resourceAddressSpace:
      code === 'InvalidLocalNetworkAccess'
        ? (values.second ?? null)
        : code.includes('LocalNetwork')
          ? values.failedParameter
          : null,
  };
}

function emptyToNull(value: string | null): string | null {
  return value === '' ? null : value;
}

function result(
  partial: Omit<
    ParsedConsoleMessage,
    'summary' | 'explanation' | 'headerChanges' | 'errorTitle' | 'category'
  >,
  ctx: ExplainContext | null,
): ParsedConsoleMessage {
  const explained = ctx ? explain(ctx) : null;
  return {
    category: 'cors',
    ...partial,
    errorTitle: partial.chromiumError ? codeInfo[partial.chromiumError].words : null,
    summary: explained?.summary ?? 'The request failed before any CORS header could be checked.',
    explanation:
      explained?.explanation ??
      (partial.firefoxReason === 'CORSDidNotSucceed'
        ? 'No HTTP response arrived (connection refused, DNS, TLS, or blocked by an extension): a network problem, not the server’s CORS headers. Check that the server is reachable.'
        : 'This failure is not caused by the server’s CORS headers.'),
    headerChanges: explained?.headerChanges ?? [],
  };
}

/** Parses one console message; null when it is not a CORS message CORS Lens knows. */
export function parseConsoleMessage(message: string): ParsedConsoleMessage | null {
  const text = message.trim();
  const chrome = chromePattern.exec(text);
  if (chrome) {
    const [, kind = null, url = null, redirectedFrom = null, origin = null, prefix, detail = ''] =
      chrome;
    for (const [pattern, code, preflightCode] of chromeDetails) {
      const match = pattern.exec(detail);
      if (!match) continue;
      const chosen = prefix && preflightCode ? preflightCode : code;
      // Local Network Access texts name address spaces, which Chrome does not put in failedParameter.
      const namesSpaces = chosen.includes('LocalNetwork');
      const failedParameter = namesSpaces ? null : emptyToNull(match[1] ?? null);
      const explained = context(chosen, {
        url,
        origin,
        failedParameter: namesSpaces ? (match[1] ?? null) : failedParameter,
        status: null,
        onPreflight: Boolean(prefix),
        second: match[2] ?? null,
      });
      return result(
        {
          browser: 'chrome',
          chromiumError: chosen,
          firefoxReason: codeInfo[chosen].firefox,
          failedParameter,
          url,
          redirectedFrom,
          origin,
          kind,
          status: null,
        },
        explained,
      );
    }
    return null;
  }
  const fetchApi = fetchApiPattern.exec(text);
  if (fetchApi) {
    const code: CorsErrorCode =
      fetchApi[2] === 'no-cors' ? 'NoCorsRedirectModeNotFollow' : 'DisallowedByMode';
    const url = fetchApi[1] ?? null;
    const origin = /request origin (\S+?)\.?$/.exec(text)?.[1] ?? null;
    return result(
      {
        browser: 'chrome',
        chromiumError: code,
        firefoxReason: null,
        failedParameter: null,
        url,
        redirectedFrom: null,
        origin,
        kind: 'fetch',
        status: null,
      },
      context(code, { url, origin, failedParameter: null, status: null, onPreflight: false }),
    );
  }
  const firefox = firefoxPattern.exec(text);
  if (firefox) {
    const url = firefox[1] ?? firefox[2] ?? null;
    const reasonText = firefox[3] ?? '';
    const status = /Status code: (\d+)/.exec(text)?.[1];
    for (const [pattern, reason, code] of firefoxDetails) {
      const match = pattern.exec(reasonText);
      if (!match) continue;
      const failedParameter = emptyToNull(match[1] ?? null);
      return result(
        {
          browser: 'firefox',
          chromiumError: code,
          firefoxReason: reason,
          failedParameter,
          url,
          redirectedFrom: null,
          origin: null,
          kind: null,
          status: status ? Number(status) : null,
        },
        code
          ? context(code, {
              url,
              origin: null,
              failedParameter,
              status: status ? Number(status) : null,
              onPreflight: false,
            })
          : null,
      );
    }
  }
  return null;
}

function fromPasted(pasted: PastedMessage): ParsedConsoleMessage {
  return {
    ...pasted,
    firefoxReason: pasted.chromiumError ? codeInfo[pasted.chromiumError].firefox : null,
    redirectedFrom: null,
    kind: null,
  };
}

/** The more a line says, the better it answers: a named code, then candidates, then a cause. */
function rank(parsed: ParsedConsoleMessage): number {
  if (parsed.category === 'cors') return parsed.chromiumError || parsed.firefoxReason ? 0 : 1;
  return parsed.category === 'not-cors' ? 2 : 3;
}

/**
 * Whatever a user pastes: one console line or several (Safari prints three for one failure),
 * from Chrome, Firefox or Safari, a CORS line, a failure that only looks like CORS, or a generic
 * "Failed to fetch". Answers with the line that says the most; null when nothing fits.
 */
export function explainMessage(message: string): ParsedConsoleMessage | null {
  const whole = parseConsoleMessage(message);
  if (whole) return whole;
  const found: ParsedConsoleMessage[] = [];
  for (const raw of message.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const cors = parseConsoleMessage(line);
    const pasted = cors ? null : parsePastedLine(line);
    if (cors) found.push(cors);
    else if (pasted) found.push(fromPasted(pasted));
  }
  return found.sort((a, b) => rank(a) - rank(b))[0] ?? null;
}
