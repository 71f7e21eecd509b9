// When the headers are not the problem: the preflight was rejected by something before CORS
// (auth, a router), redirected, a server error hid behind a CORS error, or the request
// itself can never pass (a client-side cause). Per stack, where the advice differs.

import type { Exchange } from '../exchange/types';
import type { Verdict } from '../analyzer/verdict';
import { getHeader } from '../http/header-list';
import type { Stack } from './stacks';

export interface Cause {
  /**
   * `server`: fix this besides the headers; `client`: nothing on the server fixes it;
   * `cors-library`: the CORS library itself rejected the request, the header changes fix it.
   */
  side: 'server' | 'client' | 'cors-library';
  text: string;
}

const clientCauses: Partial<Record<string, (e: Exchange) => string>> = {
  DisallowedByMode: () =>
    'The page asked for `mode: "same-origin"`, which forbids cross-origin requests whatever the server says: use `mode: "cors"` (the default for fetch).',
  CorsDisabledScheme: (e) =>
    `The URL ${e.request.url} is not http or https: browsers never run CORS for other schemes. Serve the resource over HTTP(S).`,
  RedirectContainsCredentials: () =>
    'A redirect target carries a user name or password in its URL (`https://user:pass@host`); browsers refuse to follow it cross-origin. Remove the credentials from the URL and use a header instead.',
  NoCorsRedirectModeNotFollow: () =>
    'A `no-cors` request was redirected with `redirect: "manual"` or `"error"`; use `redirect: "follow"` or a `cors` request.',
  InsecureLocalNetwork: () =>
    'A page that is not a secure context asked for a more private address (local network). Serve the page over HTTPS (or from localhost).',
  LocalNetworkAccessPermissionDenied: () =>
    'The local-network-access permission was denied for this page; allow it in the site settings (the server cannot grant it).',
};

/** The causes that are not a missing or wrong CORS header. */
export function findCauses(exchange: Exchange, verdict: Verdict, stack: Stack): Cause[] {
  const code = verdict.chromiumError;
  if (exchange.request.origin === 'null' && verdict.outcome === 'blocked')
    return [
      {
        side: 'client',
        text: 'The page has an opaque origin, `null` (a sandboxed iframe, a `file:` page or a `data:` URL). Do not allow `Access-Control-Allow-Origin: null`: every sandboxed page in the world sends it. Serve the page from a real http(s) origin instead.',
      },
    ];
  if (code === null) return [];
  const client = clientCauses[code];
  if (client) return [{ side: 'client', text: client(exchange) }];

  // Chrome checks Allow-Origin before the status, so a 401 preflight usually reports a
  // missing Allow-Origin: the status is the cause whatever the code.
  const preflightStatus = exchange.preflight?.status;
  const badPreflight =
    verdict.stage === 'preflight' &&
    preflightStatus !== undefined &&
    (preflightStatus < 200 || preflightStatus > 399);
  if (code === 'PreflightInvalidStatus' || badPreflight) {
    const status = preflightStatus ?? 0;
    if (status === 401 || status === 403)
      return [
        {
          side: 'server',
          text: `The preflight was answered ${status}: authentication or a firewall rejected it before CORS could answer. Preflights never carry cookies or Authorization. ${stack.beforeAuth}`,
        },
      ];
    if (status === 404 || status === 405 || status === 501)
      return [
        {
          side: 'server',
          text: `The preflight was answered ${status}: nothing on the server answers OPTIONS for this URL. ${stack.answerOptions}`,
        },
      ];
    if (status >= 500)
      return [
        {
          side: 'server',
          text: `The preflight was answered ${status}: the server failed on OPTIONS. Look at its log for this OPTIONS request. ${stack.answerOptions}`,
        },
      ];
    // Starlette answers a preflight it does not allow 400 ("Disallowed CORS origin,
    // method, headers"), @fastify/cors's strictPreflight too: the settings are the cause.
    return [
      {
        side: status === 400 ? 'cors-library' : 'server',
        text:
          status === 400
            ? 'The preflight was answered 400: CORS libraries such as Starlette’s CORSMiddleware answer 400 to a preflight whose origin, method or headers they do not allow. The changes below make it answer 200.'
            : `The preflight was answered ${status}; it must be answered with a 2xx status (204 is usual). ${stack.answerOptions}`,
      },
    ];
  }
  const redirected =
    verdict.stage === 'preflight' &&
    preflightStatus !== undefined &&
    preflightStatus >= 300 &&
    preflightStatus < 400;
  if (code === 'PreflightDisallowedRedirect' || redirected) {
    const location = getHeader(exchange.preflight?.headers ?? [], 'location');
    return [
      {
        side: 'server',
        text: `The preflight was redirected${location ? ` to ${location}` : ''}, and browsers never follow a redirect on a preflight. The preflight URL must not redirect: request the final URL directly (a missing or extra trailing slash, http→https and a login redirect are the usual causes), or stop redirecting OPTIONS.`,
      },
    ];
  }
  const status = exchange.response?.status ?? null;
  if (
    (code === 'MissingAllowOriginHeader' || code === 'AllowOriginMismatch') &&
    verdict.stage === 'response' &&
    status !== null &&
    status >= 400
  )
    return [
      {
        side: 'server',
        text: `CORS is hiding your server error: the response was ${status} and carried no CORS headers, so the page sees a CORS error instead of the error itself. Fix the ${status} (see the server log), and send CORS headers on error responses too. ${stack.errorResponses}`,
      },
    ];
  if (code === 'InvalidResponse')
    return [
      {
        side: 'server',
        text: 'The response was not a valid HTTP response to the browser (status 0 or a broken connection); look at the server or proxy log.',
      },
    ];
  return [];
}
