// Passive findings: what the headers of one recorded exchange, blocked or not, reveal about
// the server's CORS configuration. One function per finding; each looks only at headers the
// browser saw, so it never sends anything.

import type { Exchange, Header } from '../exchange/types';
import { getHeader, headerValues } from '../http/header-list';
import { authorityOf } from '../http/origin';
import { parseTokenList } from '../cors/token-list';
import { chromiumMaxAgeCap } from '../fixes/policy';
import type { Finding } from './finding';

// Firefox caps Access-Control-Max-Age at 24 hours (nsCORSListenerProxy, kMaxPreflightAge).
const firefoxMaxAgeCap = 86_400;

interface Seen {
  exchange: Exchange;
  origin: string;
  /** Every response that carried CORS headers: the preflight and the final response. */
  responses: { where: string; headers: Header[] }[];
  /** The server allows credentialed reads (Access-Control-Allow-Credentials: true). */
  credentials: boolean;
  /** The request itself carried credentials. */
  requestCredentials: boolean;
  /** Every Allow-Origin value of those responses (read once: this runs for every exchange). */
  allowOrigins: string[];
  /** The final response's Allow-Origin, its lines combined (null when absent or no response). */
  finalAllowOrigin: string | null;
}

const line = (name: string, value: string) => `${name}: ${value}`;

function evidence(seen: Seen, ...names: string[]): string[] {
  const lines: string[] = [];
  for (const { where, headers } of seen.responses)
    for (const header of headers)
      if (names.includes(header.name.toLowerCase()))
        lines.push(`${where}: ${line(header.name, header.value)}`);
  return lines;
}

type Check = (seen: Seen) => Finding | null;

const reflectedWithCredentials: Check = (seen) => {
  if (seen.origin === 'null' || !seen.credentials) return null;
  if (!seen.allowOrigins.includes(seen.origin)) return null;
  return {
    id: 'reflected-origin-with-credentials',
    severity: 'medium',
    title: 'The origin is echoed with credentials allowed',
    risk: `The server answered Access-Control-Allow-Origin: ${seen.origin} together with Access-Control-Allow-Credentials: true. That is right for an exact allow-list, but if the server echoes every Origin, any website can read this endpoint's responses with the visitor's cookies (account data, CSRF tokens).`,
    evidence: [
      `request: Origin: ${seen.origin}`,
      ...evidence(seen, 'access-control-allow-origin', 'access-control-allow-credentials'),
    ],
    confirm: `Confirm with \`cors-lens audit ${seen.exchange.request.url} --origin ${seen.origin} --credentials\`: it sends crafted origins (an arbitrary site, null, lookalikes) and reports which are echoed.`,
    fix: 'Echo only origins from an exact allow-list (no suffix or regex matching), with `Vary: Origin`.',
  };
};

const nullAllowed: Check = (seen) => {
  if (!seen.allowOrigins.includes('null')) return null;
  return {
    id: 'null-origin-allowed',
    severity: seen.credentials ? 'high' : 'medium',
    title: 'Access-Control-Allow-Origin: null is allowed',
    risk: `Sandboxed iframes, \`data:\` URLs and \`file:\` pages all send Origin: null, so any attacker page can wrap itself in \`<iframe sandbox>\` and read these responses${seen.credentials ? ' with the visitor’s cookies' : ''}.`,
    evidence: evidence(seen, 'access-control-allow-origin', 'access-control-allow-credentials'),
    confirm: null,
    fix: 'Never allow `null`: remove it from the allowed origins and serve the pages that need the API from a real http(s) origin.',
  };
};

const dynamicWithoutVary: Check = (seen) => {
  const final = seen.exchange.response;
  // Only an echoed origin shows the answer depends on Origin; one static origin may be cached.
  const acao = seen.finalAllowOrigin;
  if (!final || acao === null || acao !== seen.origin || acao === 'null') return null;
  const vary = (getHeader(final.headers, 'vary') ?? '').toLowerCase();
  if (vary.split(',').some((v) => ['origin', '*'].includes(v.trim()))) return null;
  return {
    id: 'dynamic-origin-without-vary',
    severity: 'medium',
    title: 'A per-origin answer without Vary: Origin',
    risk: 'Access-Control-Allow-Origin names one origin but the response has no `Vary: Origin`: a browser or shared cache (CDN, proxy) may serve this answer to a page on another origin, which then fails — the "works for a while, then breaks" bug — or serve another origin’s answer to this one.',
    evidence: [
      `response: ${line('Access-Control-Allow-Origin', acao)}`,
      `response: Vary: ${getHeader(final.headers, 'vary') ?? '(absent)'}`,
    ],
    confirm: null,
    fix: 'Send `Vary: Origin` on every response whose Access-Control-Allow-Origin depends on the request’s Origin (including the ones that omit it).',
  };
};

const httpOriginTrusted: Check = (seen) => {
  if (authorityOf(seen.exchange.request.url)?.protocol !== 'https:') return null;
  const trusted = seen.allowOrigins.filter((o) => o.startsWith('http://'));
  if (trusted.length === 0) return null;
  return {
    id: 'http-origin-trusted',
    severity: seen.credentials ? 'high' : 'medium',
    title: 'An https resource trusts an http origin',
    risk: `The HTTPS endpoint allows ${trusted[0]}, a plain-HTTP origin. Anyone on the network path (public Wi-Fi) can inject script into that HTTP page and read this endpoint’s responses${seen.credentials ? ' with the visitor’s cookies' : ''}, undoing HTTPS.`,
    evidence: evidence(seen, 'access-control-allow-origin', 'access-control-allow-credentials'),
    confirm: null,
    fix: 'Allow only https:// origins on an HTTPS resource (localhost during development excepted, and not in production).',
  };
};

const wildcardWithCredentials: Check = (seen) => {
  if (!seen.allowOrigins.includes('*')) return null;
  const final = seen.exchange.response?.headers ?? [];
  const setsCookies = headerValues(final, 'set-cookie').length > 0;
  const acac = seen.responses.some(
    ({ headers }) => getHeader(headers, 'access-control-allow-credentials') !== null,
  );
  if (!setsCookies && !acac) return null;
  return {
    id: 'wildcard-with-credentials-headers',
    severity: 'low',
    title: 'Access-Control-Allow-Origin: * on a credentialed response',
    risk: `The response allows every origin (\`*\`) but also ${setsCookies ? 'sets cookies' : 'sends Access-Control-Allow-Credentials'}: it looks meant for signed-in use. Browsers never combine \`*\` with credentials (credentialed requests fail), and everything it returns without credentials is readable by any site.`,
    evidence: evidence(
      seen,
      'access-control-allow-origin',
      'access-control-allow-credentials',
      'set-cookie',
    ),
    confirm: null,
    fix: 'Decide: a public API keeps `*` and drops cookies and Access-Control-Allow-Credentials; a private one echoes exact origins from an allow-list with credentials.',
  };
};

const literalWildcards: Check = (seen) => {
  if (!seen.credentials && !seen.requestCredentials) return null;
  const preflight = seen.exchange.preflight?.headers ?? [];
  const literal = ['access-control-allow-headers', 'access-control-allow-methods'].filter(
    (name) => {
      const list = parseTokenList(getHeader(preflight, name));
      return list.ok && list.tokens.includes('*');
    },
  );
  if (literal.length === 0) return null;
  return {
    id: 'literal-wildcard-with-credentials',
    severity: 'low',
    title: '`*` in Allow-Headers/Allow-Methods with credentials is literal',
    risk: 'With credentials, `*` in Access-Control-Allow-Headers or -Methods is not a wildcard but the literal name "*": requests with custom headers or methods fail, and the config suggests the server meant to allow everything.',
    evidence: evidence(seen, ...literal),
    confirm: null,
    fix: 'List the allowed headers and methods by name.',
  };
};

const maxAgeOverCap: Check = (seen) => {
  const value = getHeader(seen.exchange.preflight?.headers ?? [], 'access-control-max-age');
  const seconds = value === null ? NaN : Number(value);
  if (!Number.isFinite(seconds) || seconds <= chromiumMaxAgeCap) return null;
  return {
    id: 'max-age-over-cap',
    severity: 'info',
    title: 'Access-Control-Max-Age above the browsers’ cap',
    risk: `Max-Age ${value} s is silently capped: Chrome keeps preflights at most ${chromiumMaxAgeCap} s (2 h), Firefox ${firefoxMaxAgeCap} s (24 h)${seconds > firefoxMaxAgeCap ? ', both exceeded' : ''}. Until a cached preflight expires, CORS changes on the server "don’t take effect" for users who already have it.`,
    evidence: evidence(seen, 'access-control-max-age'),
    confirm: null,
    fix: `Use at most ${chromiumMaxAgeCap} s (600 s while the CORS config still changes).`,
  };
};

const sensitiveExposed =
  /^(set-cookie2?|cookie|authorization|proxy-authorization|www-authenticate|.*(token|session|secret|csrf|xsrf|api-?key).*)$/i;

export function sensitiveHeaderName(name: string): boolean {
  return sensitiveExposed.test(name);
}

const exposesSensitive: Check = (seen) => {
  const final = seen.exchange.response?.headers ?? [];
  const list = parseTokenList(getHeader(final, 'access-control-expose-headers'));
  if (!list.ok) return null;
  const named = list.tokens.filter(sensitiveHeaderName);
  if (named.length === 0) return null;
  return {
    id: 'sensitive-headers-exposed',
    severity: 'medium',
    title: 'Credential-like headers exposed to cross-origin scripts',
    risk: `Access-Control-Expose-Headers lets scripts on the allowed origins read ${named.join(', ')}: tokens, session ids or auth challenges become readable by every origin the server allows.`,
    evidence: evidence(seen, 'access-control-expose-headers'),
    confirm: null,
    fix: 'Expose only the headers the page needs (pagination, rate limits); never cookies, sessions or tokens.',
  };
};

const checks: Check[] = [
  nullAllowed,
  httpOriginTrusted,
  reflectedWithCredentials,
  exposesSensitive,
  dynamicWithoutVary,
  wildcardWithCredentials,
  literalWildcards,
  maxAgeOverCap,
];

/** The findings for one exchange sent from `origin`. */
export function passiveFindings(
  exchange: Exchange,
  origin: string,
  requestCredentials: boolean,
): Finding[] {
  const responses: Seen['responses'] = [];
  if (exchange.preflight?.status !== undefined)
    responses.push({ where: 'preflight', headers: exchange.preflight.headers });
  if (exchange.response) responses.push({ where: 'response', headers: exchange.response.headers });
  let credentials = false;
  const allowOrigins: string[] = [];
  let finalAllowOrigin: string | null = null;
  for (const { where, headers } of responses) {
    if (headerValues(headers, 'access-control-allow-credentials').includes('true'))
      credentials = true;
    const values = headerValues(headers, 'access-control-allow-origin');
    for (const value of values) allowOrigins.push(value);
    if (where === 'response' && values.length > 0) finalAllowOrigin = values.join(', ');
  }
  const seen: Seen = {
    exchange,
    origin,
    responses,
    credentials,
    requestCredentials,
    allowOrigins,
    finalAllowOrigin,
  };
  const findings: Finding[] = [];
  for (const check of checks) {
    const finding = check(seen);
    if (finding) findings.push(finding);
  }
  return findings;
}
