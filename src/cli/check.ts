// `cors-lens check`: asks a server the way Chromium would — the preflight with Chromium's
// header set (no credentials), then, if the preflight passes, the actual request, following
// redirects with a new preflight where Chromium would send one — and classifies the
// observed exchange with the shared analyzer. Node's own http(s), no browser.

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { analyze } from '../analyzer/analyze';
import { classify } from '../analyzer/classify';
import { requestFacts } from '../analyzer/request-facts';
import type { Verdict } from '../analyzer/verdict';
import { corsUnsafeRequestHeaderNames } from '../cors/request-headers';
import { isSafelistedMethod, normalizeMethod } from '../cors/methods';
import type { CredentialsMode, Exchange, Header, ObservedPreflight } from '../exchange/types';
import { getHeader } from '../http/header-list';
import { originOf } from '../http/origin';
import { methodAfterRedirect, resolveLocation, taintsOrigin } from '../analyzer/rules/redirect';

export interface CheckOptions {
  url: string;
  origin: string;
  method: string;
  headers: Header[];
  credentials: Extract<CredentialsMode, 'include' | 'omit'>;
  timeoutMs?: number;
  /** Send the preflight only, never the request itself (`verify` without --send-actual). */
  preflightOnly?: boolean;
}

/** Bad input to `check` (a URL it cannot ask): one line on stderr, exit 2. */
export class CheckError extends Error {}

/**
 * The server gave no HTTP answer. `netError` is the name Chromium gives the same failure
 * (net/base/net_error_list.h), so the verdict reads like the browser's.
 */
export class NetworkError extends CheckError {
  constructor(
    message: string,
    readonly netError: string,
  ) {
    super(message);
  }
}

// Node's error codes (libuv, OpenSSL, llhttp) → Chromium's net error for the same failure.
const netErrors: Record<string, string> = {
  ECONNREFUSED: 'net::ERR_CONNECTION_REFUSED',
  ECONNRESET: 'net::ERR_CONNECTION_RESET',
  ECONNABORTED: 'net::ERR_CONNECTION_ABORTED',
  EPIPE: 'net::ERR_CONNECTION_RESET',
  ENOTFOUND: 'net::ERR_NAME_NOT_RESOLVED',
  EAI_AGAIN: 'net::ERR_NAME_NOT_RESOLVED',
  EAI_FAIL: 'net::ERR_NAME_NOT_RESOLVED',
  ETIMEDOUT: 'net::ERR_CONNECTION_TIMED_OUT',
  EHOSTUNREACH: 'net::ERR_ADDRESS_UNREACHABLE',
  ENETUNREACH: 'net::ERR_ADDRESS_UNREACHABLE',
  EADDRNOTAVAIL: 'net::ERR_ADDRESS_INVALID',
  CERT_HAS_EXPIRED: 'net::ERR_CERT_DATE_INVALID',
  CERT_NOT_YET_VALID: 'net::ERR_CERT_DATE_INVALID',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'net::ERR_CERT_AUTHORITY_INVALID',
  SELF_SIGNED_CERT_IN_CHAIN: 'net::ERR_CERT_AUTHORITY_INVALID',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'net::ERR_CERT_AUTHORITY_INVALID',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'net::ERR_CERT_AUTHORITY_INVALID',
  ERR_TLS_CERT_ALTNAME_INVALID: 'net::ERR_CERT_COMMON_NAME_INVALID',
  CERT_REVOKED: 'net::ERR_CERT_REVOKED',
  EPROTO: 'net::ERR_SSL_PROTOCOL_ERROR',
};

/** Chromium's name for a Node request error. */
export function netErrorOf(error: NodeJS.ErrnoException): string {
  // A socket closed before any byte of a response: Node says "socket hang up" with
  // ECONNRESET, Chromium says ERR_EMPTY_RESPONSE.
  if (error.message === 'socket hang up') return 'net::ERR_EMPTY_RESPONSE';
  const code = error.code ?? '';
  if (code.startsWith('HPE_')) return 'net::ERR_INVALID_HTTP_RESPONSE';
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'))
    return netErrors[code] ?? 'net::ERR_SSL_PROTOCOL_ERROR';
  return netErrors[code] ?? 'net::ERR_FAILED';
}

export interface Answer {
  status: number;
  headers: Header[];
}

function rawHeaders(raw: string[]): Header[] {
  const headers: Header[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2)
    headers.push({ name: raw[i] ?? '', value: raw[i + 1] ?? '' });
  return headers;
}

/** One HTTP exchange, never following redirects, headers sent and received in wire order. */
export function send(
  url: string,
  method: string,
  headers: Header[],
  timeoutMs: number,
): Promise<Answer> {
  const target = new URL(url);
  const requester =
    target.protocol === 'https:' ? httpsRequest : target.protocol === 'http:' ? httpRequest : null;
  if (!requester)
    return Promise.reject(
      new CheckError(`cannot check ${target.protocol} URLs, only http: and https:`),
    );
  const outgoing: Record<string, string | string[]> = {};
  for (const h of headers) {
    const existing = outgoing[h.name];
    outgoing[h.name] =
      existing === undefined
        ? h.value
        : [...(Array.isArray(existing) ? existing : [existing]), h.value];
  }
  return new Promise((resolve, reject) => {
    const req = requester(target, { method, headers: outgoing, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: rawHeaders(res.rawHeaders) }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () =>
      req.destroy(
        new NetworkError(
          `no answer from ${target.host} within ${timeoutMs} ms`,
          'net::ERR_TIMED_OUT',
        ),
      ),
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof CheckError) return reject(error);
      const netError = netErrorOf(error);
      const words = netError === 'net::ERR_EMPTY_RESPONSE' ? ' (closed without a reply)' : '';
      reject(
        new NetworkError(
          `cannot reach ${target.host}: ${error.code ?? error.message}${words}`,
          netError,
        ),
      );
    });
    req.end();
  });
}

export const userAgent = `cors-lens/${typeof __CORS_LENS_VERSION__ === 'string' ? __CORS_LENS_VERSION__ : 'dev'}`;

/** Chromium's preflight: Accept, the two Access-Control-Request headers, Origin, UA, Sec-Fetch-Mode. */
export function preflightHeaders(method: string, headers: Header[], origin: string): Header[] {
  const result: Header[] = [
    { name: 'Accept', value: '*/*' },
    { name: 'Access-Control-Request-Method', value: method },
  ];
  const unsafe = corsUnsafeRequestHeaderNames(headers);
  if (unsafe.length)
    result.push({ name: 'Access-Control-Request-Headers', value: unsafe.join(',') });
  result.push(
    { name: 'Origin', value: origin },
    { name: 'User-Agent', value: userAgent },
    { name: 'Sec-Fetch-Mode', value: 'cors' },
  );
  return result;
}

function needsPreflight(method: string, headers: Header[]): boolean {
  return !isSafelistedMethod(method) || corsUnsafeRequestHeaderNames(headers).length > 0;
}

/** The result of `check`; `unreachable` says why the server gave no HTTP answer. */
export interface CheckResult {
  exchange: Exchange;
  verdict: Verdict;
  unreachable: string | null;
}

/** A preflight that got no answer is recorded as the browser would: with its net error. */
async function preflight(
  url: string,
  method: string,
  headers: Header[],
  origin: string,
  timeoutMs: number,
  onUnreachable: (error: NetworkError) => void,
): Promise<ObservedPreflight> {
  const requestHeaders = preflightHeaders(method, headers, origin);
  try {
    const answer = await send(url, 'OPTIONS', requestHeaders, timeoutMs);
    return { url, requestHeaders, status: answer.status, headers: answer.headers };
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    onUnreachable(error);
    return { url, requestHeaders, headers: [], error: error.netError };
  }
}

/** Stops where the browser would: after a failing preflight or redirect. */
function blocked(exchange: Exchange, include: boolean): boolean {
  return classify(exchange, requestFacts(exchange), include).failure !== null;
}

export async function check(options: CheckOptions): Promise<CheckResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const include = options.credentials === 'include';
  let method = normalizeMethod(options.method);
  const sent: Header[] = [
    { name: 'Origin', value: options.origin },
    { name: 'Sec-Fetch-Mode', value: 'cors' },
    { name: 'User-Agent', value: userAgent },
    ...options.headers,
  ];
  const exchange: Exchange = {
    request: {
      method,
      url: options.url,
      origin: options.origin,
      credentials: options.credentials,
      mode: 'cors',
      // The headers the request carries (sent only if the preflight passes): their order
      // decides which disallowed header Chrome names.
      headers: sent,
    },
    preflight: null,
    redirects: [],
    response: null,
  };
  let url = options.url;
  let origin = options.origin;
  let unreachable: string | null = null;
  const noAnswer = (error: NetworkError) => (unreachable = error.message);
  const result = (): CheckResult => ({ exchange, verdict: analyze(exchange), unreachable });
  const crossOrigin = () => originOf(url) !== options.origin;
  if (crossOrigin() && needsPreflight(method, options.headers)) {
    exchange.preflight = await preflight(url, method, options.headers, origin, timeoutMs, noAnswer);
    if (unreachable || blocked(exchange, include)) return result();
  }
  if (options.preflightOnly) return result();
  const redirects: NonNullable<Exchange['redirects']> = [];
  exchange.redirects = redirects;
  for (let hop = 0; hop <= 20; hop++) {
    const headers = sent.map((h) => (h.name === 'Origin' ? { name: 'Origin', value: origin } : h));
    let answer: Answer;
    try {
      answer = await send(url, method, headers, timeoutMs);
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      noAnswer(error);
      exchange.response = null;
      exchange.error = error.netError;
      break;
    }
    exchange.response = { url, status: answer.status, headers: answer.headers };
    const location = resolveLocation(getHeader(answer.headers, 'location'), url);
    if (!location || ![301, 302, 303, 307, 308].includes(answer.status)) break;
    // As the last response, the redirect gets the browser's checks (CORS, userinfo in Location).
    if (blocked(exchange, include)) break;
    exchange.response = null;
    const redirect: (typeof redirects)[number] = {
      url,
      status: answer.status,
      headers: answer.headers,
      preflight: null,
    };
    redirects.push(redirect);
    // Where it leads can fail too (a scheme CORS does not allow): the browser stops there.
    if (blocked(exchange, include)) break;
    if (taintsOrigin(url, location, options.origin)) origin = 'null';
    method = methodAfterRedirect(method, answer.status);
    url = location;
    if (crossOrigin() && needsPreflight(method, options.headers)) {
      redirect.preflight = await preflight(
        url,
        method,
        options.headers,
        origin,
        timeoutMs,
        noAnswer,
      );
      if (unreachable || blocked(exchange, include)) break;
    }
  }
  return result();
}
