import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/analyze';
import { codeInfo, corsErrorCodes } from '../../../src/analyzer/cors-errors';
import type { Exchange } from '../../../src/exchange/types';
import { api, exchange, h, ok, page, preflight } from '../exchange-builder';

const acao = (value = page): [string, string] => ['Access-Control-Allow-Origin', value];
const acac: [string, string] = ['Access-Control-Allow-Credentials', 'true'];
const include = (e: Exchange): Exchange => ({
  ...e,
  request: { ...e.request, credentials: 'include' },
});
const omit = (e: Exchange): Exchange => ({ ...e, request: { ...e.request, credentials: 'omit' } });
const put = (...headers: [string, string][]) => preflight({ method: 'PUT' }, 204, ...headers);

type Row = [title: string, input: Exchange, code: string | null, failedParameter?: string | null];

const table: Row[] = [
  // Actual response: Fetch "CORS check", Chromium's CheckAccess order.
  ['echoed origin passes', omit(exchange({ response: ok(acao()) })), null],
  ['* passes without credentials', omit(exchange({ response: ok(acao('*')) })), null],
  [
    '* with ACAC still passes without credentials',
    omit(exchange({ response: ok(acao('*'), acac) })),
    null,
  ],
  ['no ACAO', omit(exchange({ response: ok() })), 'MissingAllowOriginHeader'],
  [
    'no ACAO on a 500 is still missing ACAO',
    omit(exchange({ response: { status: 500, headers: [] } })),
    'MissingAllowOriginHeader',
  ],
  [
    'other origin',
    omit(exchange({ response: ok(acao('https://other.example')) })),
    'AllowOriginMismatch',
    'https://other.example',
  ],
  [
    'trailing slash',
    omit(exchange({ response: ok(acao(`${page}/`)) })),
    'AllowOriginMismatch',
    `${page}/`,
  ],
  [
    'case differs',
    omit(exchange({ response: ok(acao('https://APP.example.com')) })),
    'AllowOriginMismatch',
    'https://APP.example.com',
  ],
  [
    'default port spelled out',
    omit(exchange({ response: ok(acao(`${page}:443`)) })),
    'AllowOriginMismatch',
    `${page}:443`,
  ],
  ['literal null', omit(exchange({ response: ok(acao('null')) })), 'AllowOriginMismatch', 'null'],
  [
    'two ACAO lines',
    omit(exchange({ response: ok(acao(), acao()) })),
    'MultipleAllowOriginValues',
    `${page}, ${page}`,
  ],
  [
    'comma list',
    omit(exchange({ response: ok(acao(`https://a.example,${page}`)) })),
    'MultipleAllowOriginValues',
    `https://a.example,${page}`,
  ],
  [
    'space list',
    omit(exchange({ response: ok(acao(`https://a.example ${page}`)) })),
    'MultipleAllowOriginValues',
    `https://a.example ${page}`,
  ],
  [
    'two * lines',
    omit(exchange({ response: ok(acao('*'), acao('*')) })),
    'MultipleAllowOriginValues',
    '*, *',
  ],
  [
    'not a URL',
    omit(exchange({ response: ok(acao('invalid.origin')) })),
    'InvalidAllowOriginValue',
    'invalid.origin',
  ],
  ['quoted *', omit(exchange({ response: ok(acao("'*'")) })), 'InvalidAllowOriginValue', "'*'"],
  ['empty value', omit(exchange({ response: ok(acao('')) })), 'InvalidAllowOriginValue', null],
  ['padded value is trimmed', omit(exchange({ response: ok(acao(` \t${page}  `)) })), null],
  [
    '* with credentials',
    include(exchange({ response: ok(acao('*'), acac) })),
    'WildcardOriginNotAllowed',
  ],
  [
    'credentials without ACAC',
    include(exchange({ response: ok(acao()) })),
    'InvalidAllowCredentials',
    null,
  ],
  [
    'ACAC True',
    include(exchange({ response: ok(acao(), ['Access-Control-Allow-Credentials', 'True']) })),
    'InvalidAllowCredentials',
    'True',
  ],
  [
    'ACAC twice',
    include(exchange({ response: ok(acao(), acac, acac) })),
    'InvalidAllowCredentials',
    'true, true',
  ],
  ['credentials ok', include(exchange({ response: ok(acao(), acac) })), null],
  [
    'mismatch beats credentials',
    include(exchange({ response: ok(acao('https://x.example')) })),
    'AllowOriginMismatch',
    'https://x.example',
  ],

  // Preflight, in Chromium's order: redirect → CORS check → status → parse → method → headers.
  [
    'preflight ok',
    omit(
      exchange({
        method: 'PUT',
        preflight: put(acao(), ['Access-Control-Allow-Methods', 'PUT']),
        response: ok(acao()),
      }),
    ),
    null,
  ],
  [
    'preflight without ACAO',
    omit(exchange({ method: 'PUT', preflight: put(['Access-Control-Allow-Methods', 'PUT']) })),
    'PreflightMissingAllowOriginHeader',
  ],
  [
    '404 preflight without ACAO is missing ACAO, not status',
    omit(exchange({ method: 'PUT', preflight: preflight({ method: 'PUT' }, 404) })),
    'PreflightMissingAllowOriginHeader',
  ],
  [
    '404 preflight with ACAO',
    omit(exchange({ method: 'PUT', preflight: preflight({ method: 'PUT' }, 404, acao()) })),
    'PreflightInvalidStatus',
  ],
  [
    '302 preflight with Location',
    omit(
      exchange({ method: 'PUT', preflight: preflight({ method: 'PUT' }, 302, ['Location', '/x']) }),
    ),
    'PreflightDisallowedRedirect',
  ],
  [
    'redirect beats a bad ACAO',
    omit(
      exchange({
        method: 'PUT',
        preflight: preflight({ method: 'PUT' }, 301, acao('bad'), ['Location', '/x']),
      }),
    ),
    'PreflightDisallowedRedirect',
  ],
  [
    '302 without Location is a bad status',
    omit(
      exchange({
        method: 'PUT',
        preflight: preflight({ method: 'PUT' }, 302, acao(), [
          'Access-Control-Allow-Methods',
          'PUT',
        ]),
      }),
    ),
    'PreflightInvalidStatus',
  ],
  [
    'preflight wrong origin',
    omit(exchange({ method: 'PUT', preflight: put(acao('https://x.example')) })),
    'PreflightAllowOriginMismatch',
    'https://x.example',
  ],
  [
    'preflight two ACAO',
    omit(exchange({ method: 'PUT', preflight: put(acao(), acao()) })),
    'PreflightMultipleAllowOriginValues',
    `${page}, ${page}`,
  ],
  [
    'preflight invalid ACAO',
    omit(exchange({ method: 'PUT', preflight: put(acao('**')) })),
    'PreflightInvalidAllowOriginValue',
    '**',
  ],
  [
    'preflight * with credentials',
    include(
      exchange({
        method: 'PUT',
        preflight: put(acao('*'), acac, ['Access-Control-Allow-Methods', 'PUT']),
      }),
    ),
    'PreflightWildcardOriginNotAllowed',
  ],
  [
    'preflight credentials without ACAC',
    include(
      exchange({ method: 'PUT', preflight: put(acao(), ['Access-Control-Allow-Methods', 'PUT']) }),
    ),
    'PreflightInvalidAllowCredentials',
    null,
  ],
  [
    'ACAM unparseable',
    omit(
      exchange({
        method: 'PUT',
        preflight: put(acao(), ['Access-Control-Allow-Methods', 'PUT; GET']),
      }),
    ),
    'InvalidAllowMethodsPreflightResponse',
  ],
  [
    'ACAM unparseable even for a safelisted method',
    omit(
      exchange({
        requestHeaders: [['X-A', '1']],
        preflight: preflight(
          { method: 'GET', headers: 'x-a' },
          204,
          acao(),
          ['Access-Control-Allow-Methods', '(GET)'],
          ['Access-Control-Allow-Headers', 'x-a'],
        ),
      }),
    ),
    'InvalidAllowMethodsPreflightResponse',
  ],
  [
    'ACAH unparseable before the method check',
    omit(
      exchange({
        method: 'PUT',
        preflight: preflight({ method: 'PUT', headers: 'x-a' }, 204, acao(), [
          'Access-Control-Allow-Headers',
          '[x]',
        ]),
      }),
    ),
    'InvalidAllowHeadersPreflightResponse',
  ],
  [
    'empty ACAM elements are ignored',
    omit(
      exchange({
        method: 'PUT',
        preflight: put(acao(), ['Access-Control-Allow-Methods', ', PUT,,']),
        response: ok(acao()),
      }),
    ),
    null,
  ],
  [
    'method missing',
    omit(
      exchange({
        method: 'PUT',
        preflight: put(acao(), ['Access-Control-Allow-Methods', 'GET, POST']),
      }),
    ),
    'MethodDisallowedByPreflightResponse',
    'PUT',
  ],
  [
    'method compared case-sensitively',
    omit(
      exchange({ method: 'PUT', preflight: put(acao(), ['Access-Control-Allow-Methods', 'put']) }),
    ),
    'MethodDisallowedByPreflightResponse',
    'PUT',
  ],
  [
    'patch stays lower case',
    omit(
      exchange({
        method: 'patch',
        preflight: preflight({ method: 'patch' }, 204, acao(), [
          'Access-Control-Allow-Methods',
          'PATCH',
        ]),
      }),
    ),
    'MethodDisallowedByPreflightResponse',
    'patch',
  ],
  [
    'put is normalized to PUT',
    omit(
      exchange({
        method: 'put',
        preflight: put(acao(), ['Access-Control-Allow-Methods', 'PUT']),
        response: ok(acao()),
      }),
    ),
    null,
  ],
  [
    'ACAM * without credentials',
    omit(
      exchange({
        method: 'DELETE',
        preflight: preflight({ method: 'DELETE' }, 204, acao(), [
          'Access-Control-Allow-Methods',
          '*',
        ]),
        response: ok(acao()),
      }),
    ),
    null,
  ],
  [
    'ACAM * with credentials is literal',
    include(
      exchange({
        method: 'DELETE',
        preflight: preflight({ method: 'DELETE' }, 204, acao(), acac, [
          'Access-Control-Allow-Methods',
          '*',
        ]),
      }),
    ),
    'MethodDisallowedByPreflightResponse',
    'DELETE',
  ],
  [
    'header not allowed',
    omit(
      exchange({
        requestHeaders: [['X-Api-Key', 'k']],
        preflight: preflight({ method: 'GET', headers: 'x-api-key' }, 204, acao(), [
          'Access-Control-Allow-Headers',
          'content-type',
        ]),
      }),
    ),
    'HeaderDisallowedByPreflightResponse',
    'x-api-key',
  ],
  [
    'headers compared case-insensitively',
    omit(
      exchange({
        preflight: preflight({ method: 'GET', headers: 'x-api-key' }, 204, acao(), [
          'Access-Control-Allow-Headers',
          'X-API-KEY',
        ]),
        response: ok(acao()),
      }),
    ),
    null,
  ],
  [
    'ACAH * without credentials',
    omit(
      exchange({
        preflight: preflight({ method: 'GET', headers: 'x-api-key' }, 204, acao(), [
          'Access-Control-Allow-Headers',
          '*',
        ]),
        response: ok(acao()),
      }),
    ),
    null,
  ],
  [
    'ACAH * with credentials is literal',
    include(
      exchange({
        preflight: preflight({ method: 'GET', headers: 'x-api-key' }, 204, acao(), acac, [
          'Access-Control-Allow-Headers',
          '*',
        ]),
      }),
    ),
    'HeaderDisallowedByPreflightResponse',
    'x-api-key',
  ],
  [
    'Authorization under * passes without credentials (Chrome 156)',
    omit(
      exchange({
        preflight: preflight({ method: 'GET', headers: 'authorization' }, 204, acao(), [
          'Access-Control-Allow-Headers',
          '*',
        ]),
        response: ok(acao()),
      }),
    ),
    null,
  ],
  [
    'Authorization under * fails with credentials',
    include(
      exchange({
        preflight: preflight({ method: 'GET', headers: 'authorization' }, 204, acao(), acac, [
          'Access-Control-Allow-Headers',
          '*',
        ]),
      }),
    ),
    'HeaderDisallowedByPreflightResponse',
    'authorization',
  ],
  [
    // The preflight's answer is checked against the Origin that preflight carried: Firefox
    // sends the page's origin on the preflight after a tainting redirect (measured, ESR 153).
    'a preflight after a cross-origin redirect, judged against the Origin it sent',
    exchange({
      method: 'PUT',
      preflight: preflight(
        { method: 'PUT' },
        204,
        ['Access-Control-Allow-Origin', page],
        ['Access-Control-Allow-Methods', 'PUT'],
      ),
      redirects: [
        {
          url: api,
          status: 307,
          headers: h(
            ['Access-Control-Allow-Origin', page],
            ['Location', 'https://other.example.com/x'],
          ),
          preflight: {
            url: 'https://other.example.com/x',
            requestHeaders: h(['Origin', page], ['Access-Control-Request-Method', 'PUT']),
            status: 204,
            headers: h(
              ['Access-Control-Allow-Origin', page],
              ['Access-Control-Allow-Methods', 'PUT'],
            ),
          },
        },
      ],
      response: {
        url: 'https://other.example.com/x',
        status: 200,
        headers: h(['Access-Control-Allow-Origin', 'null']),
      },
      request: { method: 'PUT', url: api, origin: page, headers: [], credentials: 'omit' },
    }),
    null,
    null,
  ],
  [
    // Measured in Chromium 156: XMLHttpRequest names the scheme, the network service does not.
    'XMLHttpRequest to ftp:// names the scheme',
    exchange({
      request: {
        method: 'GET',
        url: 'ftp://127.0.0.1:2121/f',
        origin: page,
        headers: [],
        kind: 'XMLHttpRequest',
      },
    }),
    'CorsDisabledScheme',
    'ftp',
  ],
  [
    'a redirect to ftp:// fails on the new URL, naming nothing',
    omit(
      exchange({
        redirects: [
          {
            url: api,
            status: 302,
            headers: h(
              ['Access-Control-Allow-Origin', '*'],
              ['Location', 'ftp://127.0.0.1:2121/f'],
            ),
          },
        ],
        response: null,
      }),
    ),
    'CorsDisabledScheme',
    null,
  ],
  [
    // Chrome's pick among several does not depend on the page's order (docs/analyzer-rules.md):
    // the same input in another order must give the same answer.
    'several failing headers: one fixed pick, whatever the page’s order',
    omit(
      exchange({
        requestHeaders: [
          ['X-Zeta', '1'],
          ['X-Alpha', '2'],
        ],
        preflight: preflight({ method: 'GET', headers: 'x-alpha,x-zeta' }, 204, acao()),
      }),
    ),
    'HeaderDisallowedByPreflightResponse',
    'x-alpha',
  ],
  [
    'several failing headers, the other order',
    omit(
      exchange({
        requestHeaders: [
          ['x-alpha', '2'],
          ['X-ZETA', '1'],
        ],
        preflight: preflight({ method: 'GET', headers: 'x-alpha,x-zeta' }, 204, acao()),
      }),
    ),
    'HeaderDisallowedByPreflightResponse',
    'x-alpha',
  ],
  [
    'method failure beats header failure',
    omit(
      exchange({
        method: 'PUT',
        preflight: preflight({ method: 'PUT', headers: 'x-a' }, 204, acao()),
      }),
    ),
    'MethodDisallowedByPreflightResponse',
    'PUT',
  ],
  [
    'preflight fine, actual response lacks ACAO',
    omit(
      exchange({
        method: 'PUT',
        preflight: put(acao(), ['Access-Control-Allow-Methods', 'PUT']),
        response: ok(),
      }),
    ),
    'MissingAllowOriginHeader',
  ],

  // Redirects.
  [
    'redirect without ACAO',
    omit(
      exchange({
        redirects: [{ url: api, status: 302, headers: h(['Location', '/v2']) }],
        response: ok(acao()),
      }),
    ),
    'MissingAllowOriginHeader',
  ],
  [
    'cross-origin redirect taints the origin to null',
    omit(
      exchange({
        redirects: [
          { url: api, status: 302, headers: h(acao(), ['Location', 'https://cdn.example.net/x']) },
        ],
        response: { url: 'https://cdn.example.net/x', status: 200, headers: h(acao()) },
      }),
    ),
    'AllowOriginMismatch',
    page,
  ],
  [
    'after a taint, null is allowed',
    omit(
      exchange({
        redirects: [
          { url: api, status: 302, headers: h(acao(), ['Location', 'https://cdn.example.net/x']) },
        ],
        response: { url: 'https://cdn.example.net/x', status: 200, headers: h(acao('null')) },
      }),
    ),
    null,
  ],
  [
    'same-origin hop keeps the origin',
    omit(
      exchange({
        redirects: [{ url: api, status: 302, headers: h(acao(), ['Location', '/v2']) }],
        response: ok(acao()),
      }),
    ),
    null,
  ],
  [
    'userinfo in Location',
    omit(
      exchange({
        redirects: [
          {
            url: api,
            status: 302,
            headers: h(acao(), ['Location', 'https://u:p@api.example.com/x']),
          },
        ],
        response: ok(acao()),
      }),
    ),
    'RedirectContainsCredentials',
  ],
  [
    'userinfo in an unfollowed last redirect',
    omit(
      exchange({
        response: {
          url: api,
          status: 302,
          headers: h(acao(), ['Location', 'https://u:p@api.example.com/x']),
        },
        error: 'net::ERR_FAILED',
      }),
    ),
    'RedirectContainsCredentials',
  ],
  [
    'second preflight after a redirect',
    omit(
      exchange({
        method: 'PUT',
        preflight: put(acao(), ['Access-Control-Allow-Methods', 'PUT']),
        redirects: [
          {
            url: api,
            status: 307,
            headers: h(acao(), ['Location', 'https://b.example.net/x']),
            preflight: {
              url: 'https://b.example.net/x',
              requestHeaders: h(['Access-Control-Request-Method', 'PUT']),
              status: 204,
              headers: h(['Access-Control-Allow-Methods', 'PUT']),
            },
          },
        ],
      }),
    ),
    'PreflightMissingAllowOriginHeader',
  ],

  // Request modes and schemes, decided before anything is sent.
  [
    "mode 'same-origin'",
    exchange({
      request: { method: 'GET', url: api, origin: page, headers: [], mode: 'same-origin' },
    }),
    'DisallowedByMode',
  ],
  [
    "no-cors with redirect 'manual'",
    exchange({
      request: {
        method: 'GET',
        url: api,
        origin: page,
        headers: [],
        mode: 'no-cors',
        redirect: 'manual',
      },
    }),
    'NoCorsRedirectModeNotFollow',
  ],
  [
    'non-http scheme',
    exchange({
      request: { method: 'GET', url: 'ftp://files.example/x', origin: page, headers: [] },
    }),
    'CorsDisabledScheme',
  ],
  [
    'targetAddressSpace mismatch',
    exchange({
      request: { method: 'GET', url: api, origin: page, headers: [], targetAddressSpace: 'local' },
      context: { resourceAddressSpace: 'public' },
      response: ok(acao()),
    }),
    'InvalidLocalNetworkAccess',
  ],
  [
    'insecure page to a more private space',
    exchange({
      context: {
        initiatorAddressSpace: 'public',
        resourceAddressSpace: 'local',
        initiatorIsSecureContext: false,
      },
      error: 'net::ERR_FAILED',
    }),
    'InsecureLocalNetwork',
  ],
  [
    'public page to loopback without a response',
    exchange({
      context: {
        initiatorAddressSpace: 'public',
        resourceAddressSpace: 'loopback',
        initiatorIsSecureContext: true,
      },
      error: 'net::ERR_FAILED',
    }),
    'LocalNetworkAccessPermissionDenied',
  ],
];

describe('analyze: Chromium codes and failedParameter', () => {
  it.each(table)('%s', (_title, input, code, failedParameter) => {
    const verdict = analyze(input);
    expect(verdict.chromiumError).toBe(code);
    if (failedParameter !== undefined) expect(verdict.failedParameter).toBe(failedParameter);
    expect(verdict.outcome).toBe(code === null ? 'ok' : 'blocked');
  });

  it('has a case for every code the exchange can reveal', () => {
    const covered = new Set(table.map((row) => row[2]));
    const notFromHeaders = [
      'InvalidResponse',
      'PreflightMissingAllowExternal',
      'PreflightInvalidAllowExternal',
    ];
    for (const code of corsErrorCodes)
      if (!notFromHeaders.includes(code)) expect(covered, code).toContain(code);
  });
});

describe('analyze: what is not a CORS error', () => {
  it('a refused connection is a network error', () => {
    const verdict = analyze(exchange({ error: 'net::ERR_CONNECTION_REFUSED' }));
    expect(verdict).toMatchObject({
      outcome: 'network-error',
      chromiumError: null,
      networkError: 'net::ERR_CONNECTION_REFUSED',
      firefoxReason: 'CORSDidNotSucceed',
    });
    expect(verdict.summary).toContain('not a CORS error');
  });
  it('a preflight without a response is a network error of the preflight', () => {
    const verdict = analyze(
      exchange({
        method: 'PUT',
        preflight: {
          requestHeaders: h(['Access-Control-Request-Method', 'PUT']),
          headers: [],
          error: 'net::ERR_EMPTY_RESPONSE',
        },
        error: 'net::ERR_FAILED',
      }),
    );
    expect(verdict).toMatchObject({
      outcome: 'network-error',
      stage: 'preflight',
      networkError: 'net::ERR_EMPTY_RESPONSE',
    });
  });
  it('same-origin requests are not CORS', () => {
    expect(
      analyze(
        exchange({
          request: { method: 'PUT', url: `${page}/x`, origin: page, headers: [] },
          response: ok(),
        }),
      ).outcome,
    ).toBe('not-cors');
  });
  it('no-cors requests are not checked', () => {
    expect(
      analyze(
        exchange({
          request: { method: 'GET', url: api, origin: page, headers: [], mode: 'no-cors' },
          response: ok(),
        }),
      ).outcome,
    ).toBe('not-cors');
  });
  it('reads the mode from Sec-Fetch-Mode', () => {
    expect(
      analyze(exchange({ requestHeaders: [['Sec-Fetch-Mode', 'no-cors']], response: ok() }))
        .outcome,
    ).toBe('not-cors');
  });
  it('a browser request without Origin was not a CORS request', () => {
    const verdict = analyze(
      exchange({
        requestHeaders: [
          ['User-Agent', 'Chrome'],
          ['Accept', 'image/*'],
        ],
        response: ok(),
      }),
    );
    expect(verdict.outcome).toBe('not-cors');
    expect(verdict.confidence).toBe('inferred');
  });
  it('no response and no error is pending', () => {
    expect(analyze(exchange()).outcome).toBe('pending');
  });
});

describe('analyze: unknown credentials mode', () => {
  it('concludes include when the browser failed a request that passes without credentials', () => {
    const verdict = analyze(exchange({ response: ok(acao('*')), error: 'net::ERR_FAILED' }));
    expect(verdict.chromiumError).toBe('WildcardOriginNotAllowed');
    expect(verdict.credentials).toMatchObject({ mode: 'include', inferred: true });
    expect(verdict.confidence).toBe('inferred');
    expect(verdict.explanation).toContain('inferred');
  });
  it('concludes omit when the browser delivered the response', () => {
    const verdict = analyze(exchange({ response: ok(acao('*')), completed: true }));
    expect(verdict.chromiumError).toBeNull();
    expect(verdict.credentials).toMatchObject({ mode: 'omit', inferred: true });
  });
  it('a Cookie header means credentials were included', () => {
    const verdict = analyze(
      exchange({
        requestHeaders: [
          ['Cookie', 'a=1'],
          ['Origin', page],
        ],
        response: ok(acao()),
      }),
    );
    expect(verdict.chromiumError).toBe('InvalidAllowCredentials');
  });
  it('when nothing decides, reports what each mode gives', () => {
    const verdict = analyze(exchange({ response: ok(acao()) }));
    expect(verdict.confidence).toBe('uncertain');
    expect(verdict.alternatives).toEqual([
      { credentials: 'omit', chromiumError: null, failedParameter: null },
      { credentials: 'include', chromiumError: 'InvalidAllowCredentials', failedParameter: null },
    ]);
  });
  it('does not hedge when the mode does not matter', () => {
    const verdict = analyze(exchange({ response: ok() }));
    expect(verdict.confidence).toBe('certain');
    expect(verdict.credentials.mode).toBe('unknown');
  });
});

describe('analyze: preflight needed but not observed', () => {
  it('says the preflight was most likely cached and judges the response', () => {
    const verdict = analyze(
      exchange({
        method: 'PUT',
        requestHeaders: [
          ['Origin', page],
          ['Content-Type', 'application/json'],
        ],
        response: ok(acao()),
        completed: true,
      }),
    );
    expect(verdict.preflight).toBe('probably-cached');
    expect(verdict.chromiumError).toBeNull();
    expect(verdict.assumptions.join(' ')).toContain('preflight cache');
  });
});

describe('analyze: needsPreflight and why', () => {
  it.each([
    [[['Content-Type', 'text/plain;charset=UTF-8']], 'POST', false],
    [[['Content-Type', 'application/json']], 'POST', true],
    [[['Accept', `text/${'x'.repeat(130)}`]], 'GET', true],
    [[['Range', 'bytes=0-10']], 'GET', false],
    [[['Range', 'bytes=-10']], 'GET', true],
    [[['X-Requested-With', 'XMLHttpRequest']], 'GET', true],
    [
      [
        ['User-Agent', 'x'],
        ['Sec-Fetch-Mode', 'cors'],
        ['Origin', page],
        ['Accept-Language', 'en-US,en;q=0.9'],
      ],
      'GET',
      false,
    ],
    [[], 'DELETE', true],
    // "Disable cache" adds both after the CORS checks; either alone came from the page.
    [
      [
        ['Cache-Control', 'no-cache'],
        ['Pragma', 'no-cache'],
      ],
      'GET',
      false,
    ],
    [[['Cache-Control', 'no-cache']], 'GET', true],
    [[['Pragma', 'no-cache']], 'GET', true],
  ] as [[string, string][], string, boolean][])('%j %s → %s', (requestHeaders, method, needed) => {
    const verdict = analyze(exchange({ method, requestHeaders, response: ok(acao()) }));
    expect(verdict.needsPreflight).toBe(needed);
    if (needed) expect(verdict.preflightReasons.length).toBeGreaterThan(0);
  });
  it("keeps the page's own headers next to the cache-bypass pair", () => {
    const verdict = analyze(
      exchange({
        requestHeaders: [
          ['Cache-Control', 'no-cache'],
          ['X-Api-Key', 'k'],
          ['Pragma', 'no-cache'],
        ],
        response: ok(acao()),
      }),
    );
    expect(verdict.preflightReasons).toEqual(['header x-api-key is not CORS-safelisted']);
  });
  it('counts safelisted values past 1024 bytes', () => {
    const long = 'a'.repeat(120);
    const requestHeaders: [string, string][] = Array.from(
      { length: 9 },
      (_, i) => [`Accept${i ? '' : ''}`, long] as [string, string],
    );
    requestHeaders.push(['Content-Language', 'en'], ['Accept-Language', 'x'.repeat(100)]);
    const verdict = analyze(
      exchange({ requestHeaders: [...requestHeaders, ['DPR', long]], response: ok(acao()) }),
    );
    expect(verdict.needsPreflight).toBe(true);
  });
});

describe('analyze: diff, texts and warnings', () => {
  const headerFailure = omit(
    exchange({
      requestHeaders: [
        ['X-Api-Key', 'k'],
        ['Content-Type', 'application/json'],
      ],
      preflight: preflight({ method: 'GET', headers: 'content-type,x-api-key' }, 204, acao(), [
        'Access-Control-Allow-Headers',
        'content-type',
      ]),
    }),
  );
  it('highlights the failing header row and passes the others', () => {
    const rows = analyze(headerFailure).diff;
    expect(rows.find((r) => r.name === 'x-api-key')).toMatchObject({
      result: 'fail',
      decisive: true,
      preflightAllowed: 'content-type',
    });
    expect(rows.find((r) => r.name === 'content-type')).toMatchObject({
      result: 'pass',
      decisive: false,
    });
    expect(rows.find((r) => r.name === 'Origin')).toMatchObject({ result: 'pass', asked: page });
  });
  it('explains with the real values', () => {
    const verdict = analyze(headerFailure);
    expect(verdict.explanation).toContain(`Your page at ${page} asked to send \`x-api-key\``);
    expect(verdict.explanation).toContain('allowed only `content-type`');
    expect(verdict.headerChanges).toEqual([
      'Add `x-api-key` to `Access-Control-Allow-Headers` on the preflight response',
    ]);
  });
  it('fills in Chrome’s and Firefox’s messages', () => {
    const verdict = analyze(headerFailure);
    expect(verdict.consoleMessage).toBe(
      `Access to fetch at '${api}' from origin '${page}' has been blocked by CORS policy: Request header field x-api-key is not allowed by Access-Control-Allow-Headers in preflight response.`,
    );
    expect(verdict.firefoxReason).toBe('CORSMissingAllowHeaderFromPreflight');
    expect(verdict.firefoxMessage).toContain('header ‘x-api-key’ is not allowed');
  });
  it('uses the XMLHttpRequest wording and redirect note', () => {
    const verdict = analyze(
      include(
        exchange({
          request: { method: 'GET', url: api, origin: page, headers: [], kind: 'XMLHttpRequest' },
          redirects: [{ url: api, status: 302, headers: h(acao(), acac, ['Location', '/v2']) }],
          response: { url: `${api}/v2`, status: 200, headers: h(acao('*')) },
        }),
      ),
    );
    expect(verdict.consoleMessage).toBe(
      `Access to XMLHttpRequest at '${api}/v2' (redirected from '${api}') from origin '${page}' has been blocked by CORS policy: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'. The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.`,
    );
  });
  it('warns when Authorization passes only through *', () => {
    const verdict = analyze(
      omit(
        exchange({
          preflight: preflight({ method: 'GET', headers: 'authorization' }, 204, acao(), [
            'Access-Control-Allow-Headers',
            '*',
          ]),
          response: ok(acao()),
        }),
      ),
    );
    expect(verdict.warnings.join(' ')).toContain('AuthorizationCoveredByWildcard');
    expect(verdict.diff.find((r) => r.name === 'authorization')?.result).toBe('warn');
  });
  it('warns about Max-Age above Chrome’s cap', () => {
    const verdict = analyze(
      omit(
        exchange({
          method: 'PUT',
          preflight: put(
            acao(),
            ['Access-Control-Allow-Methods', 'PUT'],
            ['Access-Control-Max-Age', '86400'],
          ),
          response: ok(acao()),
        }),
      ),
    );
    expect(verdict.warnings.join(' ')).toContain('7200');
  });
  it('tells a hidden server error apart', () => {
    expect(
      analyze(omit(exchange({ response: { status: 500, headers: [] } }))).explanation,
    ).toContain('CORS is hiding the real error');
  });
  it('explains every code', () => {
    for (const code of corsErrorCodes) expect(codeInfo[code].words.length, code).toBeGreaterThan(3);
  });
});

describe('Firefox reason', () => {
  it.each([
    ['one list value', ok(acao(`https://a.example, ${page}`)), 'CORSAllowOriginNotMatchingOrigin'],
    ['two lines', ok(acao(), acao()), 'CORSMultipleAllowOriginNotAllowed'],
    ['missing', ok(), 'CORSMissingAllowOrigin'],
    ['invalid', ok(acao('nope')), 'CORSAllowOriginNotMatchingOrigin'],
  ] as const)('%s', (_t, response, reason) => {
    expect(analyze(omit(exchange({ response }))).firefoxReason).toBe(reason);
  });
  it('reports a preflight redirect without ACAO as missing ACAO', () => {
    expect(
      analyze(
        omit(
          exchange({
            method: 'PUT',
            preflight: preflight({ method: 'PUT' }, 302, ['Location', '/x']),
          }),
        ),
      ).firefoxReason,
    ).toBe('CORSMissingAllowOrigin');
  });
  it('checks the method before Allow-Headers’ syntax', () => {
    expect(
      analyze(
        omit(
          exchange({
            method: 'PUT',
            preflight: preflight({ method: 'PUT', headers: 'x-a' }, 204, acao(), [
              'Access-Control-Allow-Headers',
              '[x]',
            ]),
          }),
        ),
      ).firefoxReason,
    ).toBe('CORSMethodNotFound');
  });
  it('names the value it received', () => {
    expect(
      analyze(omit(exchange({ response: ok(acao('https://x.example')) }))).firefoxMessage,
    ).toContain('does not match ‘https://x.example’');
  });
});
