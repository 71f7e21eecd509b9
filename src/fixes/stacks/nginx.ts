// nginx. `add_header` only applies to 2xx/3xx without `always`, and a block with its own
// `add_header` inherits none from outside it: hence the repeated lines in the `if`.
// The origin comes from an exact-match `map`, never from `$http_origin` unchecked.
import type { Stack } from './stack';
import { configPath, dq, headerList } from './literals';

export const nginxPlaceholder = '# ...your existing proxy_pass / root / try_files here';

export const nginx: Stack = {
  id: 'nginx',
  label: 'nginx',
  language: 'nginx',
  file: 'nginx.conf',
  verified: true,
  terms: {
    origins: 'the `map $http_origin $cors_origin` block',
    methods: '`Access-Control-Allow-Methods`',
    headers: '`Access-Control-Allow-Headers`',
    credentials: '`add_header Access-Control-Allow-Credentials "true" always;`',
    privateNetwork: '`add_header Access-Control-Allow-Private-Network "true" always;`',
  },
  beforeAuth:
    'Answer the preflight in an `if ($request_method = OPTIONS)` block that returns 204 before `auth_request`/`auth_basic` applies (or set `auth_basic off;` for OPTIONS via a separate location), so the unauthenticated preflight is not rejected.',
  answerOptions:
    'Add the `if ($request_method = OPTIONS) { ... return 204; }` block below to the location; without it the upstream (or nginx’s static handler, 405) answers the preflight.',
  errorResponses:
    'Add `always` to every `add_header` (without it nginx drops them on 4xx/5xx), and use `proxy_intercept_errors`/`error_page` locations that repeat the headers if errors are rendered elsewhere.',
  render(p, target) {
    const origin = p.anyOrigin ? dq('*') : '$cors_origin';
    const common = [`add_header Access-Control-Allow-Origin ${origin} always;`];
    if (p.credentials) common.push('add_header Access-Control-Allow-Credentials "true" always;');
    const vary = p.anyOrigin ? [] : ['add_header Vary Origin always;'];
    const preflight = [
      ...common,
      `add_header Access-Control-Allow-Methods ${dq(headerList(p.methods))} always;`,
    ];
    if (p.headers.length)
      preflight.push(
        `add_header Access-Control-Allow-Headers ${dq(headerList(p.headers))} always;`,
      );
    if (p.maxAge !== null) preflight.push(`add_header Access-Control-Max-Age ${p.maxAge} always;`);
    if (p.privateNetwork)
      preflight.push('add_header Access-Control-Allow-Private-Network "true" always;');
    const actual = [...common];
    if (p.exposeHeaders.length)
      actual.push(
        `add_header Access-Control-Expose-Headers ${dq(headerList(p.exposeHeaders))} always;`,
      );
    const map = p.anyOrigin
      ? []
      : [
          '# In the http {} block: the allowed origins, matched exactly.',
          'map $http_origin $cors_origin {',
          '    default "";',
          ...p.origins.map((o) => `    ${dq(o)} $http_origin;`),
          '}',
          '',
        ];
    return [
      ...map,
      '# In the server {} block:',
      `location ${configPath(target.path)} {`,
      '    if ($request_method = OPTIONS) {',
      ...[...preflight, ...vary].map((l) => `        ${l}`),
      '        return 204;',
      '    }',
      ...[...actual, ...vary].map((l) => `    ${l}`),
      '',
      `    ${nginxPlaceholder}`,
      '}',
    ].join('\n');
  },
};
