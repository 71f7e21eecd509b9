// What people paste into `explain`, per browser. Chrome's and Firefox's lines were captured
// from Debian Chromium 156 and Firefox ESR 153 (the zoo, and pages with a CSP, a mixed-content
// call, an unknown host and an unsafe port); Safari's are WebKit's own strings
// (CrossOriginAccessControl.cpp) as its console prints them. Every line must be answered,
// with exit 0 from the CLI.
import { describe, expect, it } from 'vitest';
import { explainMessage } from '../../../src/explain/parse-console-message';
import { captureOutput } from '../cli/captured-output';
import { main } from '../../../src/cli/cli';

const output = captureOutput();

type Expected = {
  browser: string;
  category: 'cors' | 'not-cors' | 'generic';
  chromiumError?: string | null;
  possibleErrors?: string[];
  failedParameter?: string | null;
  notCors?: string;
};

const corpus: [string, Expected][] = [
  // Chrome
  [
    "Access to fetch at 'http://127.0.0.1:39419/s/no-acao/0' from origin 'http://localhost:5173' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    { browser: 'chrome', category: 'cors', chromiumError: 'MissingAllowOriginHeader' },
  ],
  [
    "Access to XMLHttpRequest at 'https://api.example.com/v1' from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.",
    { browser: 'chrome', category: 'cors', chromiumError: 'PreflightInvalidStatus' },
  ],
  ['TypeError: Failed to fetch', { browser: 'chrome', category: 'generic' }],
  [
    'GET http://127.0.0.1:39419/s/no-acao/0 net::ERR_FAILED 200 (OK)',
    { browser: 'chrome', category: 'generic' },
  ],
  [
    'Failed to load resource: net::ERR_NAME_NOT_RESOLVED',
    { browser: 'chrome', category: 'not-cors', notCors: 'dns' },
  ],
  [
    'Failed to load resource: net::ERR_UNSAFE_PORT',
    { browser: 'chrome', category: 'not-cors', notCors: 'unsafe-port' },
  ],
  [
    'GET https://api.example.com/ads/track.js net::ERR_BLOCKED_BY_CLIENT',
    { browser: 'chrome', category: 'not-cors', notCors: 'blocked-by-client' },
  ],
  [
    'GET https://cdn.example.com/data.json net::ERR_BLOCKED_BY_ORB 200 (OK)',
    { browser: 'chrome', category: 'not-cors', notCors: 'orb' },
  ],
  [
    'GET https://cdn.example.com/logo.png net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin 200 (OK)',
    { browser: 'chrome', category: 'not-cors', notCors: 'corp' },
  ],
  [
    'GET https://api.example.com/ net::ERR_CERT_AUTHORITY_INVALID',
    { browser: 'chrome', category: 'not-cors', notCors: 'certificate' },
  ],
  [
    `Connecting to 'http://127.0.0.1:34659/x' violates the following Content Security Policy directive: "connect-src 'self'". The action has been blocked.`,
    { browser: 'chrome', category: 'not-cors', notCors: 'csp' },
  ],
  [
    "Fetch API cannot load http://127.0.0.1:34659/x. Refused to connect because it violates the document's Content Security Policy.",
    { browser: 'chrome', category: 'not-cors', notCors: 'csp' },
  ],
  [
    "Mixed Content: The page at 'https://localhost:44081/' was loaded over HTTPS, but requested an insecure resource 'http://api.test:32987/x'. This request has been blocked; the content must be served over HTTPS.",
    { browser: 'chrome', category: 'not-cors', notCors: 'mixed-content' },
  ],
  // Firefox
  [
    'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://127.0.0.1:46025/s/no-acao/0?x-fetch. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 404.',
    { browser: 'firefox', category: 'cors', chromiumError: 'MissingAllowOriginHeader' },
  ],
  [
    'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at http://127.0.0.1:46025/s/pf-header/0?x-fetch. (Reason: header ‘x-api-key’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).',
    {
      browser: 'firefox',
      category: 'cors',
      chromiumError: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'x-api-key',
    },
  ],
  [
    'TypeError: NetworkError when attempting to fetch resource.',
    { browser: 'firefox', category: 'generic' },
  ],
  [
    "Content-Security-Policy: The page’s settings blocked the loading of a resource (connect-src) at http://127.0.0.1:42771/x because it violates the following directive: “connect-src 'self'”",
    { browser: 'firefox', category: 'not-cors', notCors: 'csp' },
  ],
  [
    'Blocked loading mixed active content “http://api.example.com/v1”',
    { browser: 'firefox', category: 'not-cors', notCors: 'mixed-content' },
  ],
  // Safari (WebKit)
  [
    '[Error] Origin https://app.example.com is not allowed by Access-Control-Allow-Origin. Status code: 200',
    {
      browser: 'safari',
      category: 'cors',
      chromiumError: null,
      possibleErrors: [
        'MissingAllowOriginHeader',
        'AllowOriginMismatch',
        'InvalidAllowOriginValue',
      ],
    },
  ],
  [
    '[Error] Fetch API cannot load https://api.example.com/v1 due to access control checks.',
    { browser: 'safari', category: 'generic' },
  ],
  [
    'XMLHttpRequest cannot load https://api.example.com/v1 due to access control checks.',
    { browser: 'safari', category: 'generic' },
  ],
  [
    '[Error] Request header field X-Api-Key is not allowed by Access-Control-Allow-Headers.',
    {
      browser: 'safari',
      category: 'cors',
      chromiumError: 'HeaderDisallowedByPreflightResponse',
      failedParameter: 'x-api-key',
    },
  ],
  [
    '[Error] Preflight response is not successful. Status code: 401',
    { browser: 'safari', category: 'cors', chromiumError: 'PreflightInvalidStatus' },
  ],
  [
    'Method PATCH is not allowed by Access-Control-Allow-Methods.',
    {
      browser: 'safari',
      category: 'cors',
      chromiumError: 'MethodDisallowedByPreflightResponse',
      failedParameter: 'PATCH',
    },
  ],
  [
    'Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.',
    { browser: 'safari', category: 'cors', chromiumError: 'WildcardOriginNotAllowed' },
  ],
  [
    'Credentials flag is true, but Access-Control-Allow-Credentials is not "true".',
    { browser: 'safari', category: 'cors', chromiumError: 'InvalidAllowCredentials' },
  ],
  [
    'Access-Control-Allow-Origin cannot contain more than one origin.',
    { browser: 'safari', category: 'cors', chromiumError: 'MultipleAllowOriginValues' },
  ],
  ['TypeError: Load failed', { browser: 'safari', category: 'generic' }],
  // Libraries
  ['AxiosError: Network Error', { browser: 'unknown', category: 'generic' }],
];

describe('explain answers what people paste', () => {
  it.each(corpus)('%s', (message, expected) => {
    const parsed = explainMessage(message);
    expect(parsed).toMatchObject({
      browser: expected.browser,
      category: expected.category,
      ...(expected.chromiumError !== undefined ? { chromiumError: expected.chromiumError } : {}),
      ...(expected.failedParameter !== undefined
        ? { failedParameter: expected.failedParameter }
        : {}),
      ...(expected.possibleErrors ? { possibleErrors: expected.possibleErrors } : {}),
    });
    if (expected.notCors) expect(parsed?.notCors?.id).toBe(expected.notCors);
    if (expected.category === 'generic') expect(parsed?.explanation).toMatch(/cors-lens check/);
    expect(main(['explain', message, '--format', 'json'])).toBe(0);
    expect(JSON.parse(output.out)).toMatchObject({ category: expected.category });
  });

  it('answers a multi-line paste with its most specific line (Safari prints three)', () => {
    const parsed = explainMessage(
      [
        '[Error] Origin https://app.example.com is not allowed by Access-Control-Allow-Origin. Status code: 200',
        '[Error] Fetch API cannot load https://api.example.com/v1 due to access control checks.',
        '[Error] Failed to load resource: Origin https://app.example.com is not allowed by Access-Control-Allow-Origin. Status code: 200',
      ].join('\n'),
    );
    expect(parsed).toMatchObject({ browser: 'safari', category: 'cors', status: 200 });
  });

  it('still refuses text that is no browser error, with exit 2 and one line', () => {
    expect(explainMessage('hello world')).toBeNull();
    expect(main(['explain', 'hello world'])).toBe(2);
    expect(output.err.trim().split('\n')).toEqual([
      expect.stringMatching(/does not look like an error/),
    ]);
  });
});
