// Failures developers take for CORS, and are not. The console often shows them next to a CORS
// line, or the page's code only sees "TypeError: Failed to fetch" for both. Each row says what
// really happened, how to confirm it, and what to do: a request that never reached the
// server, or whose answer the browser withheld for another rule, needs no CORS header.
// Chromium's net error names: net/base/net_error_list.h.

export interface NotCorsCause {
  id: string;
  /** The cause in a few words, for a summary line. */
  title: string;
  /** The net errors this row answers (prefix match where marked with a trailing `*`). */
  errors: readonly string[];
  /** Whether the server saw the request at all. */
  serverSawIt: 'no' | 'yes' | 'maybe';
  cause: string;
  confirm: string;
  action: string;
}

export const notCorsTable: readonly NotCorsCause[] = [
  {
    id: 'blocked-by-client',
    title: 'Blocked by a browser extension',
    errors: ['net::ERR_BLOCKED_BY_CLIENT'],
    serverSawIt: 'no',
    cause:
      'Another extension (an ad, tracker or privacy blocker) cancelled the request inside the browser; the server never saw it.',
    confirm:
      'Open the page in a private window with extensions off, or pause the blocker for this site: the request then goes through.',
    action:
      'Allow the URL in the blocker, or rename the path or host it matches (words like "ads", "track", "analytics" are common triggers). No server header changes this.',
  },
  {
    id: 'orb',
    title: 'Opaque Response Blocking (ORB)',
    errors: ['net::ERR_BLOCKED_BY_ORB'],
    serverSawIt: 'yes',
    cause:
      "A no-cors request (an <img>, a classic <script>, fetch with mode 'no-cors') got a response that cannot be an image, a script, audio or video (JSON, HTML, text), so Chrome withheld it.",
    confirm:
      "The Network panel shows the request with status (blocked:ORB); the response's Content-Type is JSON, HTML or plain text.",
    action:
      "Load data with fetch() in 'cors' mode (the default) and CORS headers on the server, or serve the resource with the Content-Type it really is (image/png, text/javascript).",
  },
  {
    id: 'corp',
    title: 'Cross-Origin-Resource-Policy',
    errors: [
      'net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin',
      'net::ERR_BLOCKED_BY_RESPONSE.NotSameSite',
    ],
    serverSawIt: 'yes',
    cause:
      'The response carries Cross-Origin-Resource-Policy: same-origin (or same-site), which forbids other origins to embed it in no-cors mode.',
    confirm:
      'The response headers include Cross-Origin-Resource-Policy; the Network panel shows (blocked:NotSameOrigin) or (blocked:NotSameSite).',
    action:
      'On the server, send Cross-Origin-Resource-Policy: cross-origin for resources other sites may embed (Helmet and similar middleware set same-origin by default).',
  },
  {
    id: 'coep',
    title: 'Cross-Origin-Embedder-Policy',
    errors: ['net::ERR_BLOCKED_BY_RESPONSE.*'],
    serverSawIt: 'yes',
    cause:
      'The page sends Cross-Origin-Embedder-Policy: require-corp, so every cross-origin no-cors resource must opt in with Cross-Origin-Resource-Policy (or be loaded with CORS), and this one did not.',
    confirm:
      "The page's own response has Cross-Origin-Embedder-Policy; the Network panel shows (blocked:NotSameOriginAfterDefaultedToSameOriginByCoep) or a Coep reason.",
    action:
      'Add crossorigin to the element and CORS headers on the resource server, or have that server send Cross-Origin-Resource-Policy: cross-origin; or use COEP: credentialless on the page.',
  },
  {
    id: 'certificate',
    title: 'TLS certificate or handshake error',
    errors: ['net::ERR_CERT_*', 'net::ERR_SSL_*', 'net::ERR_BAD_SSL_CLIENT_AUTH_CERT'],
    serverSawIt: 'no',
    cause:
      'The TLS connection failed before any HTTP exchange: the certificate is self-signed, expired, for another name, or the handshake failed.',
    confirm:
      'Open the API URL itself in a tab: Chrome shows its certificate warning. curl -v shows the same error.',
    action:
      'Fix the certificate (a trusted CA, the right name, not expired); for local development, trust a local CA (mkcert) rather than clicking through a warning in one tab.',
  },
  {
    id: 'dns',
    title: 'Host name not found',
    errors: ['net::ERR_NAME_NOT_RESOLVED', 'net::ERR_NAME_RESOLUTION_FAILED'],
    serverSawIt: 'no',
    cause:
      'The API host name does not resolve: a typo, a missing DNS record, or an internal name unknown on this network.',
    confirm: 'nslookup or dig the host from the same machine; check the URL the page builds.',
    action:
      "Fix the URL (environment variables are a usual culprit) or the DNS record; use a name this machine's resolver knows.",
  },
  {
    id: 'refused',
    title: 'Connection refused',
    errors: ['net::ERR_CONNECTION_REFUSED', 'net::ERR_ADDRESS_UNREACHABLE'],
    serverSawIt: 'no',
    cause:
      'Nothing listens on that host and port: the server is down, on another port, or listening on another interface.',
    confirm:
      "curl the URL from the same machine; check the port in the URL and in the server's startup log.",
    action:
      'Start the server, or fix the port or host in the URL (a server bound to 127.0.0.1 does not answer on other addresses).',
  },
  {
    id: 'unsafe-port',
    title: 'Port blocked by the browser',
    errors: ['net::ERR_UNSAFE_PORT'],
    serverSawIt: 'no',
    cause:
      'Browsers refuse a fixed list of ports used by other protocols (1, 21, 25, 6000, 6665–6669, ...), whatever the server.',
    confirm: 'The same URL fails in a tab with ERR_UNSAFE_PORT; curl reaches it.',
    action: 'Serve the API on another port (8080, 3000, 443, ...).',
  },
  {
    id: 'reset',
    title: 'Connection closed without an answer',
    errors: [
      'net::ERR_CONNECTION_RESET',
      'net::ERR_CONNECTION_CLOSED',
      'net::ERR_EMPTY_RESPONSE',
      'net::ERR_CONNECTION_ABORTED',
      'net::ERR_INVALID_HTTP_RESPONSE',
    ],
    serverSawIt: 'maybe',
    cause:
      'The server (or a proxy in front of it) closed the connection before sending an HTTP response, often because it crashed on the request or speaks another protocol (HTTP on an HTTPS port).',
    confirm: "Look at the server's log for a crash at that time; curl -v the same request.",
    action:
      'Fix the crash or the protocol mismatch on the server; CORS headers cannot be read from an answer that never came.',
  },
  {
    id: 'timeout',
    title: 'Timed out',
    errors: ['net::ERR_TIMED_OUT', 'net::ERR_CONNECTION_TIMED_OUT'],
    serverSawIt: 'maybe',
    cause: 'No answer came in time: a firewall drops the packets, or the server hangs.',
    confirm: 'curl the URL with a timeout from the same network; compare with another network.',
    action:
      "Open the firewall or fix the server's hang; a slow endpoint needs a longer client timeout, not a header.",
  },
  {
    id: 'aborted',
    title: 'Cancelled by the page or the browser',
    errors: ['net::ERR_ABORTED'],
    serverSawIt: 'maybe',
    cause:
      'The request was cancelled: the page navigated away, an AbortController fired, a component unmounted, or a newer request replaced it.',
    confirm:
      'Check whether the page navigated or your code calls abort() (React effects that clean up often do).',
    action:
      'Nothing on the server. If the request should finish, keep the page or the component alive until it does.',
  },
  {
    id: 'administrator',
    title: 'Blocked by an administrator policy',
    errors: ['net::ERR_BLOCKED_BY_ADMINISTRATOR'],
    serverSawIt: 'no',
    cause: "The browser's enterprise policy (URLBlocklist) forbids this URL on this machine.",
    confirm:
      'chrome://policy lists the blocklist; the same URL fails in a tab with "blocked by your organization".',
    action: 'Ask the administrator to allow the URL, or test from a machine without the policy.',
  },
  {
    id: 'local-network',
    title: 'Local Network Access',
    errors: [
      'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS',
      'net::ERR_BLOCKED_BY_PRIVATE_NETWORK_ACCESS_CHECKS',
    ],
    serverSawIt: 'no',
    cause:
      "A page from a more public address space (the internet) called a private or loopback address, and Chrome requires the user's permission and a secure page for that.",
    confirm:
      "The console names Local Network Access; the page's site settings show the Local network access permission.",
    action:
      'Serve the page over HTTPS, let the user grant Local network access when Chrome asks (site settings), and pass targetAddressSpace to fetch() for such calls.',
  },
  {
    id: 'mixed-content',
    title: 'Mixed content',
    // Refused in the page before any network activity: no net error reaches webRequest or a
    // HAR; `explain` knows it from the console line.
    errors: [],
    serverSawIt: 'no',
    cause: 'An HTTPS page asked for an http:// URL; the browser refuses before sending it.',
    confirm:
      'The console says "Mixed Content: The page at … was loaded over HTTPS, but requested an insecure resource".',
    action: 'Call the API over https://, or serve the page over http:// in development.',
  },
  {
    id: 'csp',
    title: 'Content Security Policy',
    errors: ['net::ERR_BLOCKED_BY_CSP'],
    serverSawIt: 'no',
    cause:
      "The page's own Content-Security-Policy (connect-src, img-src, script-src, ...) does not list the API's origin, so the browser refuses before sending.",
    confirm:
      'The console says "Refused to connect to … because it violates the following Content Security Policy directive".',
    action:
      "Add the API's origin to the directive the console names, in the page's Content-Security-Policy (not the API's).",
  },
];

function matches(pattern: string, error: string): boolean {
  return pattern.endsWith('*') ? error.startsWith(pattern.slice(0, -1)) : error === pattern;
}

/** The row for a browser net error; null for errors that say nothing of the cause (`net::ERR_FAILED`). */
export function notCorsCauseOf(error: string | null | undefined): NotCorsCause | null {
  if (!error) return null;
  return notCorsTable.find((row) => row.errors.some((pattern) => matches(pattern, error))) ?? null;
}

/** The row's three parts as one paragraph, plain text. */
export function notCorsText(row: NotCorsCause): string {
  return `${row.cause} To confirm: ${row.confirm} What to do: ${row.action}`;
}
