// What people paste besides Chrome's and Firefox's CORS lines: Safari's (WebKit's) CORS texts,
// the generic errors a page's code sees for every kind of failure ("Failed to fetch"), the
// console's net-error lines, mixed content and CSP refusals. Safari's strings are WebKit's
// (Source/WebCore/loader/CrossOriginAccessControl.cpp, CrossOriginPreflightResultCache.cpp);
// the console adds ". Status code: N" and prefixes like "[Error]" or "Failed to load resource:".

import { codeInfo, type CorsErrorCode } from '../analyzer/cors-errors';
import { notCorsCauseOf, notCorsTable, notCorsText, type NotCorsCause } from '../analyzer/not-cors';

export interface PastedMessage {
  browser: 'chrome' | 'firefox' | 'safari' | 'unknown';
  category: 'cors' | 'not-cors' | 'generic';
  chromiumError: CorsErrorCode | null;
  /** When the text fits several of Chrome's codes (Safari says one thing for several). */
  possibleErrors?: CorsErrorCode[];
  failedParameter: string | null;
  url: string | null;
  origin: string | null;
  status: number | null;
  errorTitle: string | null;
  summary: string;
  explanation: string;
  headerChanges: string[];
  notCors?: NotCorsCause;
}

/** How to tell the causes apart when the message does not say. */
export const tellApart =
  'To tell which: open DevTools → CORS (CORS Lens names the failure of each request), or the Network panel (a red row with "CORS error", "(blocked:…)" or "(failed) net::ERR_…" in the Status column), or run `cors-lens check URL --origin ORIGIN` against the server.';

const genericPatterns: { pattern: RegExp; browser: PastedMessage['browser']; text: string }[] = [
  { pattern: /TypeError: Failed to fetch/i, browser: 'chrome', text: 'Failed to fetch' },
  {
    pattern: /NetworkError when attempting to fetch resource/i,
    browser: 'firefox',
    text: 'NetworkError when attempting to fetch resource',
  },
  { pattern: /TypeError: Load failed/i, browser: 'safari', text: 'Load failed' },
  {
    pattern: /(?:Fetch API|XMLHttpRequest) cannot load (\S+?)\.? due to access control checks/i,
    browser: 'safari',
    text: 'cannot load … due to access control checks',
  },
  { pattern: /\bNetwork Error\b/, browser: 'unknown', text: 'Network Error (axios)' },
  { pattern: /^net::ERR_FAILED\b|\snet::ERR_FAILED\b/, browser: 'chrome', text: 'net::ERR_FAILED' },
];

const genericCauses = [
  'a CORS failure (the console has a second, longer line that names it)',
  'a server that is down, refused the connection or closed it',
  'a DNS or TLS certificate error',
  'a request blocked inside the browser: another extension, mixed content, the page’s Content Security Policy, Local Network Access',
  'a request cancelled by the page (navigation, AbortController)',
];

function base(
  partial: Partial<PastedMessage> &
    Pick<PastedMessage, 'browser' | 'category' | 'summary' | 'explanation'>,
): PastedMessage {
  return {
    chromiumError: null,
    failedParameter: null,
    url: null,
    origin: null,
    status: null,
    errorTitle: null,
    headerChanges: [],
    ...partial,
  };
}

const statusOf = (text: string) => {
  const status = /Status code: (\d{3})/.exec(text)?.[1];
  return status ? Number(status) : null;
};

type SafariRule = [RegExp, (match: RegExpExecArray, text: string) => Partial<PastedMessage>];

const safariRules: SafariRule[] = [
  [
    /Origin (\S+) is not allowed by Access-Control-Allow-Origin\./,
    (m) => ({
      origin: m[1] ?? null,
      possibleErrors: [
        'MissingAllowOriginHeader',
        'AllowOriginMismatch',
        'InvalidAllowOriginValue',
      ],
      summary: `The response does not allow the origin ${m[1] ?? ''}.`,
      explanation: `Safari says this both when Access-Control-Allow-Origin is missing and when it names another origin (Chrome tells MissingAllowOriginHeader and AllowOriginMismatch apart). Either way the server must answer this request, error responses included, with Access-Control-Allow-Origin: ${m[1] ?? 'your page’s origin'} (or * for a request without credentials).`,
      headerChanges: [`Send Access-Control-Allow-Origin: ${m[1] ?? '<your origin>'}.`],
    }),
  ],
  [
    /Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true/,
    () => ({
      chromiumError: 'WildcardOriginNotAllowed',
      summary: 'Access-Control-Allow-Origin is * on a request with credentials.',
      explanation:
        'With credentials (cookies, fetch credentials: "include", withCredentials), the server must name the page’s origin exactly and send Access-Control-Allow-Credentials: true; * is refused.',
      headerChanges: [
        'Echo the allowed origin instead of *, with Vary: Origin.',
        'Send Access-Control-Allow-Credentials: true.',
      ],
    }),
  ],
  [
    /Access-Control-Allow-Origin cannot contain more than one origin/,
    () => ({
      chromiumError: 'MultipleAllowOriginValues',
      summary: 'Access-Control-Allow-Origin lists several origins.',
      explanation:
        'The header may hold one origin (or *). Pick the one that matches the request’s Origin from an allow-list and send only that; check that a proxy does not add a second copy.',
      headerChanges: ['Send a single Access-Control-Allow-Origin value.'],
    }),
  ],
  [
    /Credentials flag is true, but Access-Control-Allow-Credentials is not "true"/,
    () => ({
      chromiumError: 'InvalidAllowCredentials',
      summary: 'A request with credentials, and no Access-Control-Allow-Credentials: true.',
      explanation:
        'The page sent cookies or other credentials; the server must answer with Access-Control-Allow-Credentials: true (exactly "true") along with its exact origin.',
      headerChanges: ['Send Access-Control-Allow-Credentials: true.'],
    }),
  ],
  [
    /Preflight response is not successful/,
    (_m, text) => ({
      chromiumError: 'PreflightInvalidStatus',
      summary: `The preflight (OPTIONS) got ${statusOf(text) ?? 'a non-2xx status'}.`,
      explanation:
        'The server (or an authentication layer, proxy or router in front of it) answered the OPTIONS preflight with an error status. Preflights carry no cookies or Authorization: let OPTIONS through before authentication and answer it with 204 and the CORS headers.',
      headerChanges: [
        'Answer OPTIONS with 204 (or 200) and the CORS headers, before any authentication.',
      ],
    }),
  ],
  [
    /Method (\S+) is not allowed by Access-Control-Allow-Methods/,
    (m) => ({
      chromiumError: 'MethodDisallowedByPreflightResponse',
      failedParameter: m[1] ?? null,
      summary: `The preflight does not allow the method ${m[1] ?? ''}.`,
      explanation: `Add ${m[1] ?? 'the method'} to Access-Control-Allow-Methods in the preflight response.`,
      headerChanges: [`Add ${m[1] ?? 'the method'} to Access-Control-Allow-Methods.`],
    }),
  ],
  [
    /Request header field (\S+) is not allowed by Access-Control-Allow-Headers/,
    (m) => ({
      chromiumError: 'HeaderDisallowedByPreflightResponse',
      failedParameter: m[1]?.toLowerCase() ?? null,
      summary: `The preflight does not allow the request header ${m[1] ?? ''}.`,
      explanation: `The page sends ${m[1] ?? 'a header'}, which is not CORS-safelisted; the preflight response must list it in Access-Control-Allow-Headers.`,
      headerChanges: [
        `Add ${m[1]?.toLowerCase() ?? 'the header'} to Access-Control-Allow-Headers.`,
      ],
    }),
  ],
  [
    /Cross-origin redirection to (\S+) denied by Cross-Origin Resource Sharing policy/,
    (m) => ({
      possibleErrors: [
        'MissingAllowOriginHeader',
        'RedirectContainsCredentials',
        'PreflightDisallowedRedirect',
      ],
      url: m[1] ?? null,
      summary: `A redirect to ${m[1] ?? 'another URL'} was refused.`,
      explanation:
        'The redirect response itself must pass the CORS checks (Access-Control-Allow-Origin on the 3xx), a preflight must never be redirected, and the new URL must not carry a user name or password. Better: call the final URL directly.',
    }),
  ],
];

function fromSafari(text: string): PastedMessage | null {
  for (const [pattern, build] of safariRules) {
    const match = pattern.exec(text);
    if (!match) continue;
    const parts = build(match, text);
    const code = parts.chromiumError ?? null;
    return base({
      browser: 'safari',
      category: 'cors',
      status: statusOf(text),
      url: /(?:load|at) (https?:\/\/\S+?)\.?(?:\s|$)/.exec(text)?.[1] ?? null,
      errorTitle: code ? codeInfo[code].words : null,
      summary: '',
      explanation: '',
      ...parts,
    });
  }
  return null;
}

const mixedContent =
  /Mixed Content: The page at '(.+?)' was loaded over HTTPS, but requested an insecure (?:resource|XMLHttpRequest endpoint) '(.+?)'|Blocked loading mixed active content [“"](.+?)[”"]|\[blocked\] The page at (\S+) requested insecure content from (\S+?)\./;
// Chrome 156: "Connecting to 'URL' violates the following Content Security Policy directive"
// and "Fetch API cannot load URL. Refused to connect because it violates the document's
// Content Security Policy."; older Chrome: "Refused to connect to 'URL' because it violates".
const csp =
  /(?:Refused to (?:connect to|load)|Connecting to) '(.+?)' (?:because it )?violates the following Content Security Policy directive|Content-Security-Policy: The page[’']s settings blocked the loading of a resource(?: \(\S+\))? at (\S+)|Refused to connect to (\S+) because it does not appear in the connect-src directive|cannot load (\S+?)\. Refused to connect because it violates the document's Content Security Policy/;
const netErrorLine = /(net::ERR_[A-Z0-9_]+(?:\.[A-Za-z]+)?)/;

function notCors(
  row: NotCorsCause,
  browser: PastedMessage['browser'],
  url: string | null,
): PastedMessage {
  return base({
    browser,
    category: 'not-cors',
    url,
    notCors: row,
    summary: `${row.title}: not a CORS error.`,
    explanation: notCorsText(row),
  });
}

const rowById = (id: string) => {
  const row = notCorsTable.find((r) => r.id === id);
  if (!row) throw new Error(`no not-CORS row ${id}`);
  return row;
};

/** One pasted line that is not a Chrome or Firefox CORS line; null when nothing fits. */
export function parsePastedLine(text: string): PastedMessage | null {
  const safari = fromSafari(text);
  if (safari) return safari;
  const mixed = mixedContent.exec(text);
  if (mixed)
    return notCors(
      rowById('mixed-content'),
      mixed[3] ? 'firefox' : mixed[4] ? 'safari' : 'chrome',
      mixed[2] ?? mixed[3] ?? mixed[5] ?? null,
    );
  const blockedByCsp = csp.exec(text);
  if (blockedByCsp)
    return notCors(
      rowById('csp'),
      blockedByCsp[2] ? 'firefox' : blockedByCsp[3] ? 'safari' : 'chrome',
      blockedByCsp[1] ?? blockedByCsp[2] ?? blockedByCsp[3] ?? blockedByCsp[4] ?? null,
    );
  if (/violates the resource's Cross-Origin-Resource-Policy/.test(text))
    return notCors(rowById('corp'), 'safari', /load to (\S+)/.exec(text)?.[1] ?? null);
  const netError = netErrorLine.exec(text)?.[1];
  const row = notCorsCauseOf(netError);
  if (row) return notCors(row, 'chrome', /(https?:\/\/\S+)/.exec(text)?.[1] ?? null);
  for (const generic of genericPatterns) {
    if (!generic.pattern.test(text)) continue;
    return base({
      browser: generic.browser,
      category: 'generic',
      url: /(https?:\/\/\S+?)\.?(?:\s|$)/.exec(text)?.[1] ?? null,
      summary: `"${generic.text}" says that the request failed, not why.`,
      explanation: `The page's code gets this same error for every failure it is not allowed to see: ${genericCauses.join('; ')}. ${tellApart}`,
    });
  }
  return null;
}
