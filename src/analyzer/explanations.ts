// Plain-language explanations, one per code, with the exchange's real values. The four
// errors users meet most (no Allow-Origin, header not allowed, credentials without
// Allow-Credentials, `*` with credentials) get the most care.

import { authorityOf } from '../http/origin';
import type { CorsErrorCode } from './cors-errors';

export interface ExplainContext {
  code: CorsErrorCode;
  failedParameter: string | null;
  /** The `Origin` the browser sent for the failing step (`null` after a tainting redirect). */
  origin: string;
  /** The page's own origin. */
  pageOrigin: string;
  url: string;
  method: string;
  unsafeHeaders: readonly string[];
  onPreflight: boolean;
  /** Why CORS Lens concluded the request carried credentials, when it did. */
  credentialsInference: string | null;
  status: number | null;
  allowOrigin: string | null;
  allowOriginLines: number;
  allowCredentials: string | null;
  allowMethods: string | null;
  allowHeaders: string | null;
  location: string | null;
  targetAddressSpace: string | null;
  resourceAddressSpace: string | null;
}

export interface Explained {
  summary: string;
  explanation: string;
  headerChanges: string[];
}

const where = (c: ExplainContext) => (c.onPreflight ? 'preflight (OPTIONS) response' : 'response');
const code = (value: string) => `\`${value}\``;
const credentialsNote = (c: ExplainContext) =>
  c.credentialsInference ? ` — inferred: ${c.credentialsInference}` : '';

function originAdvice(c: ExplainContext): string {
  return `The server must answer with exactly ${code(`Access-Control-Allow-Origin: ${c.origin}`)}: the same scheme, host and port, no trailing slash, one value.`;
}

/**
 * One code's words, each part computed on its own: the tracker records only the summary for
 * every request; the explanation and the changes are written when a request is shown or
 * exported.
 */
interface Explainer {
  summary(c: ExplainContext): string;
  explanation(c: ExplainContext): string;
  headerChanges(c: ExplainContext): string[];
}

// Codes that differ only in where the header was (preflight or response) share their words.
const wildcard: Explainer = {
  summary: (c) =>
    `The ${where(c)} allows any origin (*), which is not allowed for a request with credentials.`,
  explanation: (c) =>
    `The request was sent with credentials (cookies, HTTP auth or client certificates)${credentialsNote(c)}. For such requests the browser refuses the wildcard: ${code('Access-Control-Allow-Origin: *')} only works for requests without credentials, and Access-Control-Allow-Credentials cannot change that. ` +
    `Either echo the exact origin ${code(c.origin)} (from an allow-list, with ${code('Vary: Origin')}) and send ${code('Access-Control-Allow-Credentials: true')}, or stop sending credentials (fetch's default credentials: 'same-origin', or XHR withCredentials = false).`,
  headerChanges: (c) => [
    `Replace \`Access-Control-Allow-Origin: *\` with \`Access-Control-Allow-Origin: ${c.origin}\` on the ${where(c)}`,
    'Add `Access-Control-Allow-Credentials: true`',
    'Add `Vary: Origin`',
  ],
};

const multiple: Explainer = {
  summary: (c) =>
    c.allowOriginLines > 1
      ? `The ${where(c)} sends Access-Control-Allow-Origin ${c.allowOriginLines} times; only one value is allowed.`
      : `The ${where(c)}'s Access-Control-Allow-Origin holds a list (${code(c.failedParameter ?? '')}); only one origin is allowed.`,
  explanation: (c) =>
    c.allowOriginLines > 1
      ? `Two layers add the header (often the app and a proxy such as nginx, or two middlewares), and the browser sees ${code(c.failedParameter ?? '')}. Set it in one place only. ${originAdvice(c)}`
      : `Access-Control-Allow-Origin cannot list several origins. Keep the allow-list on the server and echo the one origin that matches the request's Origin (with ${code('Vary: Origin')}). ${originAdvice(c)}`,
  headerChanges: (c) => [`Send a single \`Access-Control-Allow-Origin: ${c.origin}\``],
};

function mismatchHint(c: ExplainContext, allowed: string): string {
  if (c.origin === 'null')
    return `After a redirect to another origin the browser sends ${code('Origin: null')}, so only ${code('*')} (without credentials) or ${code('null')} can match; avoid the cross-origin redirect or request the final URL directly.`;
  if (allowed === `${c.origin}/`) return 'Remove the trailing slash: an origin has no path.';
  if (allowed.toLowerCase() === c.origin.toLowerCase()) return 'The comparison is case-sensitive.';
  if (allowed === 'null')
    return `${code('null')} only matches sandboxed or file: pages, and allowing it is unsafe.`;
  return '';
}

const mismatch: Explainer = {
  summary: (c) =>
    `The ${where(c)} allows origin ${code(c.failedParameter ?? '')}, but the request came from ${code(c.origin)}.`,
  explanation: (c) => {
    const allowed = c.failedParameter ?? '';
    return `The browser compares Access-Control-Allow-Origin with the request's Origin byte for byte. The server allowed ${code(allowed)}; your page sent ${code(c.origin)}. ${mismatchHint(c, allowed)} ${originAdvice(c)}`.replace(
      / {2,}/g,
      ' ',
    );
  },
  headerChanges: (c) => [
    `Send \`Access-Control-Allow-Origin: ${c.origin}\` instead of \`${c.failedParameter ?? ''}\``,
  ],
};

const credentials: Explainer = {
  summary: (c) =>
    `The request was sent with credentials, but the ${where(c)} ${c.allowCredentials === null ? 'has no Access-Control-Allow-Credentials: true' : `sends Access-Control-Allow-Credentials ${code(c.allowCredentials)} instead of true`}.`,
  explanation: (c) =>
    `The request carried credentials (fetch credentials: 'include' or XHR withCredentials)${credentialsNote(c)}. The origin matched, but for such a request the server must also send ${code('Access-Control-Allow-Credentials: true')} — exactly ${code('true')}, lower case${c.allowCredentials === null ? '' : `, not ${code(c.allowCredentials)}`}. ` +
    'If the request does not need cookies, drop credentials from it instead.',
  headerChanges: (c) => [`Add \`Access-Control-Allow-Credentials: true\` to the ${where(c)}`],
};

const invalidAllowOrigin: Explainer = {
  summary: (c) =>
    `The ${where(c)} sends Access-Control-Allow-Origin ${code(c.failedParameter ?? '')}, which is not an origin.`,
  explanation: (c) =>
    `Access-Control-Allow-Origin must be an origin like ${code(c.origin)}, the literal ${code('*')} or ${code('null')}; ${code(c.failedParameter ?? '(empty)')} is none of these. ${originAdvice(c)}`,
  headerChanges: (c) => [
    `Send \`Access-Control-Allow-Origin: ${c.origin}\` instead of \`${c.failedParameter ?? ''}\``,
  ],
};

const explainers: Record<CorsErrorCode, Explainer> = {
  MissingAllowOriginHeader: {
    summary: (c) =>
      `The ${where(c)} from ${hostOf(c.url)} has no Access-Control-Allow-Origin header.`,
    explanation: (c) =>
      `Your page at ${c.pageOrigin} read a response from ${c.url}, another origin. The browser only hands a cross-origin response to the page when the server opts in with Access-Control-Allow-Origin, and this ${where(c)} (status ${c.status ?? 'unknown'}) has none. ` +
      (c.status !== null && c.status >= 400
        ? `The status ${c.status} suggests the server failed or rejected the request and its error response skipped the CORS headers: CORS is hiding the real error. Send CORS headers on error responses too, then look at the error itself.`
        : `Add the header on the server for this route. ${originAdvice(c)}`),
    headerChanges: (c) => [`Add \`Access-Control-Allow-Origin: ${c.origin}\` to the ${where(c)}`],
  },
  PreflightMissingAllowOriginHeader: {
    summary: (c) =>
      `The preflight (OPTIONS) response from ${hostOf(c.url)} has no Access-Control-Allow-Origin header.`,
    explanation: (c) =>
      `Before sending ${c.method === '' ? 'the request to' : c.method} ${c.url}${c.unsafeHeaders.length ? ` with ${c.unsafeHeaders.map(code).join(', ')}` : ''}, the browser asked the server for permission with an OPTIONS preflight. The answer (status ${c.status ?? 'unknown'}) carries no Access-Control-Allow-Origin, so the actual request was never sent. ` +
      (c.status !== null && (c.status < 200 || c.status > 299)
        ? `The status ${c.status} says the server has no OPTIONS handling on this route (or auth/routing rejected it before the CORS middleware ran): handle OPTIONS before authentication and answer it with the CORS headers.`
        : originAdvice(c)),
    headerChanges: (c) => [
      `Answer OPTIONS requests to ${hostOf(c.url)} with \`Access-Control-Allow-Origin: ${c.origin}\``,
    ],
  },
  WildcardOriginNotAllowed: wildcard,
  PreflightWildcardOriginNotAllowed: wildcard,
  MultipleAllowOriginValues: multiple,
  PreflightMultipleAllowOriginValues: multiple,
  InvalidAllowOriginValue: invalidAllowOrigin,
  PreflightInvalidAllowOriginValue: invalidAllowOrigin,
  AllowOriginMismatch: mismatch,
  PreflightAllowOriginMismatch: mismatch,
  InvalidAllowCredentials: credentials,
  PreflightInvalidAllowCredentials: credentials,
  PreflightInvalidStatus: {
    summary: (c) =>
      `The preflight (OPTIONS) answered ${c.status ?? 'without a status'}, not a 2xx status.`,
    explanation: (c) =>
      `The preflight passed the origin check but its status is ${c.status}. A preflight must succeed with 200–299. ` +
      (c.status === 401 || c.status === 403
        ? 'Authentication or a firewall rejected the OPTIONS request: the browser never sends cookies or Authorization on a preflight, so handle OPTIONS before authentication.'
        : c.status === 404 || c.status === 405
          ? 'The router has no OPTIONS route here: let the CORS middleware answer OPTIONS for every route (or add an OPTIONS handler).'
          : c.status !== null && c.status >= 500
            ? 'The server failed while answering OPTIONS: look at its logs.'
            : 'Answer OPTIONS with 204 No Content (or 200).'),
    headerChanges: (c) => [`Answer OPTIONS requests to ${hostOf(c.url)} with status 204 (or 200)`],
  },
  PreflightDisallowedRedirect: {
    summary: (c) =>
      `The preflight (OPTIONS) was redirected${c.location ? ` to ${c.location}` : ''}; preflights may not redirect.`,
    explanation: (c) =>
      `The server answered the preflight with a redirect (status ${c.status}). Browsers never follow a redirect for a preflight. Usual causes: a trailing-slash redirect, http→https, or a login redirect. Request the final URL directly, or make the server answer OPTIONS at this URL.`,
    headerChanges: (c) => [
      `Answer OPTIONS requests to ${hostOf(c.url)} directly with 204 and the CORS headers, without a redirect`,
    ],
  },
  InvalidAllowMethodsPreflightResponse: {
    summary: (c) =>
      `The preflight's Access-Control-Allow-Methods ${code(c.allowMethods ?? '')} cannot be parsed.`,
    explanation: (c) =>
      `Access-Control-Allow-Methods must be a comma-separated list of method names (tokens). ${code(c.allowMethods ?? '')} contains something else, so the browser rejects the whole preflight.`,
    headerChanges: (c) => [
      `Send \`Access-Control-Allow-Methods: ${c.method || 'GET, PUT'}\` (comma-separated method names only)`,
    ],
  },
  InvalidAllowHeadersPreflightResponse: {
    summary: (c) =>
      `The preflight's Access-Control-Allow-Headers ${code(c.allowHeaders ?? '')} cannot be parsed.`,
    explanation: (c) =>
      `Access-Control-Allow-Headers must be a comma-separated list of header names. ${code(c.allowHeaders ?? '')} contains something else, so the browser rejects the whole preflight.`,
    headerChanges: (c) => [
      `Send \`Access-Control-Allow-Headers: ${c.unsafeHeaders.join(', ')}\` (comma-separated header names only)`,
    ],
  },
  MethodDisallowedByPreflightResponse: {
    summary: (c) => `The preflight does not allow the method ${c.failedParameter}.`,
    explanation: (c) =>
      `Your page asked to send ${code(c.failedParameter ?? c.method)}; the server's preflight allowed ${c.allowMethods ? code(c.allowMethods) : 'no methods beyond GET, HEAD and POST (there is no Access-Control-Allow-Methods)'}. ` +
      (c.allowMethods &&
      c.allowMethods
        .toUpperCase()
        .split(/\s*,\s*/)
        .includes((c.failedParameter ?? '').toUpperCase())
        ? 'Method names are compared case-sensitively: list it exactly as the request sends it. '
        : '') +
      (c.allowMethods?.includes('*')
        ? 'The wildcard `*` does not count for requests with credentials. '
        : ''),
    headerChanges: (c) => [
      `Add \`${c.failedParameter}\` to \`Access-Control-Allow-Methods\` on the preflight response`,
    ],
  },
  HeaderDisallowedByPreflightResponse: {
    summary: (c) => `The preflight does not allow the request header ${c.failedParameter}.`,
    explanation: (c) =>
      `Your page at ${c.pageOrigin} asked to send ${code(c.failedParameter ?? '')}; the server's preflight allowed ${c.allowHeaders ? `only ${code(c.allowHeaders)}` : 'no request headers (there is no Access-Control-Allow-Headers)'}. ` +
      (c.allowHeaders?.split(/\s*,\s*/).includes('*')
        ? 'The wildcard `*` does not count for requests with credentials; list the header by name. '
        : '') +
      (c.failedParameter === 'content-type'
        ? 'Content-Type needs permission unless it is text/plain, multipart/form-data or application/x-www-form-urlencoded (application/json needs it). '
        : ''),
    headerChanges: (c) => [
      `Add \`${c.failedParameter}\` to \`Access-Control-Allow-Headers\` on the preflight response`,
    ],
  },
  RedirectContainsCredentials: {
    summary: () => 'A redirect points to a URL with a username and password.',
    explanation: (c) =>
      `The server redirected to ${c.location ?? 'a URL'} that carries userinfo (user:password@). Cross-origin redirects to such URLs are refused. Redirect to a URL without credentials and authenticate with headers instead.`,
    headerChanges: () => ['Redirect to a URL without `user:password@`'],
  },
  DisallowedByMode: {
    summary: () => "The page requested another origin with mode 'same-origin'.",
    explanation: (c) =>
      `The request to ${c.url} was made with \`mode: 'same-origin'\`, which forbids other origins; nothing was sent. Remove the option (the default \`cors\` lets the server decide) or request your own origin.`,
    headerChanges: () => [],
  },
  CorsDisabledScheme: {
    summary: (c) => `CORS requests to ${c.url.split(':')[0]}: URLs are not supported.`,
    explanation: (c) =>
      `Cross-origin requests work only over http(s) (and a few browser schemes). ${c.url} uses another scheme; serve the resource over http(s), for example from a local dev server instead of file:.`,
    headerChanges: () => [],
  },
  NoCorsRedirectModeNotFollow: {
    summary: () => "A 'no-cors' request used a redirect mode other than 'follow'.",
    explanation: () =>
      "Requests in `mode: 'no-cors'` must use `redirect: 'follow'`; the browser refused to send it. Drop the redirect option, or use `mode: 'cors'`.",
    headerChanges: () => [],
  },
  InvalidResponse: {
    summary: () => 'The response was invalid (a DevTools warning).',
    explanation: () =>
      'Chrome reports this only as a warning for Local Network Access preflights that failed with a network error.',
    headerChanges: () => [],
  },
  PreflightMissingAllowExternal: {
    summary: () => 'The preflight lacks Access-Control-Allow-External (an old experiment).',
    explanation: () =>
      'This comes from the retired CORS-RFC1918 experiment; current Chrome uses Local Network Access instead.',
    headerChanges: () => ['Add `Access-Control-Allow-External: true` to the preflight response'],
  },
  PreflightInvalidAllowExternal: {
    summary: (c) =>
      `The preflight's Access-Control-Allow-External is ${code(c.failedParameter ?? '')}, not true.`,
    explanation: () =>
      'This comes from the retired CORS-RFC1918 experiment; current Chrome uses Local Network Access instead.',
    headerChanges: () => ['Send `Access-Control-Allow-External: true`'],
  },
  InsecureLocalNetwork: {
    summary: (c) =>
      `A non-secure (http) page asked for a resource in the more private ${c.resourceAddressSpace ?? 'local'} address space.`,
    explanation: (c) =>
      `Chrome's Local Network Access (since Chrome 142) lets a page on the public internet reach ${c.resourceAddressSpace === 'loopback' ? 'this machine (loopback)' : 'a local-network address'} only from a secure context, and only with the user's permission. This page is served over plain http, so Chrome refuses without asking. Serve the page over https; Chrome will then ask the user (site settings → Local network access). No response header on ${hostOf(c.url)} changes this.`,
    headerChanges: () => [],
  },
  InvalidLocalNetworkAccess: {
    summary: (c) =>
      `The request said targetAddressSpace ${c.targetAddressSpace ?? ''} but reached the ${c.resourceAddressSpace ?? ''} address space.`,
    explanation: (c) =>
      `fetch() was told \`targetAddressSpace: '${c.targetAddressSpace}'\`, yet ${hostOf(c.url)} is in the \`${c.resourceAddressSpace}\` address space, so Chrome refused it before any HTTP exchange. Set the option to the space the server is really in ('loopback' for this machine, 'local' for the local network), or remove it.`,
    headerChanges: () => [],
  },
  LocalNetworkAccessPermissionDenied: {
    summary: (c) =>
      `The page may not access the ${c.resourceAddressSpace ?? 'local'} address space (Local Network Access permission).`,
    explanation: (c) =>
      `Chrome's Local Network Access (since Chrome 142) asks the user before a public page may reach ${c.resourceAddressSpace === 'loopback' ? 'this machine (loopback)' : 'local-network addresses'}; here the permission was denied or never granted. The user grants it in the prompt, or later in the page's site settings (the lock icon → Site settings → Local network access). For calls you know go to such an address, pass \`targetAddressSpace: '${c.resourceAddressSpace ?? 'local'}'\` to fetch() so Chrome asks up front. No response header on ${hostOf(c.url)} replaces the permission; the usual CORS headers are still needed once it is granted.`,
    headerChanges: () => [],
  },
};

function hostOf(url: string): string {
  return authorityOf(url)?.host ?? url;
}

export function explain(c: ExplainContext): Explained {
  const { explanation, headerChanges } = explainDetail(c);
  return { summary: summarize(c), explanation, headerChanges };
}

/** The one line the request list shows. */
export function summarize(c: ExplainContext): string {
  return explainers[c.code].summary(c);
}

/** What a shown or exported request adds to its summary. */
export function explainDetail(c: ExplainContext): Omit<Explained, 'summary'> {
  const explainer = explainers[c.code];
  return { explanation: explainer.explanation(c), headerChanges: explainer.headerChanges(c) };
}
