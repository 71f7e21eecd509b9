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
}

export class CheckError extends Error {}

interface Answer {
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
      req.destroy(new CheckError(`no answer from ${target.host} within ${timeoutMs} ms`)),
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error instanceof CheckError
          ? error
          : new CheckError(`cannot reach ${target.host}: ${error.code ?? error.message}`),
      ),
    );
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

async function preflight(
  url: string,
  method: string,
  headers: Header[],
  origin: string,
  timeoutMs: number,
): Promise<ObservedPreflight> {
  const requestHeaders = preflightHeaders(method, headers, origin);
  const answer = await send(url, 'OPTIONS', requestHeaders, timeoutMs);
  return { url, requestHeaders, status: answer.status, headers: answer.headers };
}

/** Stops where the browser would: after a failing preflight or redirect. */
function blocked(exchange: Exchange, include: boolean): boolean {
  return classify(exchange, requestFacts(exchange), include).failure !== null;
}

export async function check(
  options: CheckOptions,
): Promise<{ exchange: Exchange; verdict: Verdict }> {
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
  const crossOrigin = () => originOf(url) !== options.origin;
  if (crossOrigin() && needsPreflight(method, options.headers)) {
    exchange.preflight = await preflight(url, method, options.headers, origin, timeoutMs);
    if (blocked(exchange, include)) return { exchange, verdict: analyze(exchange) };
  }
  const redirects: NonNullable<Exchange['redirects']> = [];
  exchange.redirects = redirects;
  for (let hop = 0; hop <= 20; hop++) {
    const headers = sent.map((h) => (h.name === 'Origin' ? { name: 'Origin', value: origin } : h));
    const answer = await send(url, method, headers, timeoutMs);
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
    if (taintsOrigin(url, location, options.origin)) origin = 'null';
    method = methodAfterRedirect(method, answer.status);
    url = location;
    if (crossOrigin() && needsPreflight(method, options.headers)) {
      redirect.preflight = await preflight(url, method, options.headers, origin, timeoutMs);
      if (blocked(exchange, include)) break;
    }
  }
  return { exchange, verdict: analyze(exchange) };
}
