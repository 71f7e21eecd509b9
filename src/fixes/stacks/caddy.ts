// Caddy v2. The origin is echoed only when a `header Origin` matcher matched it exactly;
// `respond` answers the preflight before `reverse_proxy` or `file_server`.
import type { Stack } from './stack';
import { configPath, dq, headerList } from './literals';

export const caddy: Stack = {
  id: 'caddy',
  label: 'Caddy',
  language: 'caddy',
  file: 'Caddyfile',
  verified: true,
  terms: {
    origins: 'the `@cors_origin` matcher',
    methods: '`Access-Control-Allow-Methods`',
    headers: '`Access-Control-Allow-Headers`',
    credentials: '`Access-Control-Allow-Credentials true`',
    privateNetwork: '`Access-Control-Allow-Private-Network true`',
  },
  beforeAuth:
    'Put the `respond @cors_preflight 204` inside a `route` before `basicauth`/`forward_auth`, or exclude OPTIONS from the auth matcher, so preflights are answered unauthenticated.',
  answerOptions:
    'Add the `@cors_preflight` matcher and `respond @cors_preflight 204` below; otherwise the preflight goes to the backend, which answers it 404/405.',
  errorResponses:
    'The `header` directive sets the headers before the backend answers, so proxied errors keep them; for `handle_errors` blocks, repeat the `header` lines there.',
  render(p, target) {
    const path = configPath(target.path);
    const fields: [string, string][] = [
      ['Access-Control-Allow-Origin', p.anyOrigin ? dq('*') : '{http.request.header.Origin}'],
    ];
    if (p.credentials) fields.push(['Access-Control-Allow-Credentials', 'true']);
    fields.push(['Access-Control-Allow-Methods', dq(headerList(p.methods))]);
    if (p.headers.length) fields.push(['Access-Control-Allow-Headers', dq(headerList(p.headers))]);
    if (p.exposeHeaders.length)
      fields.push(['Access-Control-Expose-Headers', dq(headerList(p.exposeHeaders))]);
    if (p.maxAge !== null) fields.push(['Access-Control-Max-Age', String(p.maxAge)]);
    if (p.privateNetwork) fields.push(['Access-Control-Allow-Private-Network', 'true']);
    const pathMatcher = path === '/' ? [] : [`\tpath ${path}`];
    const conditions = [
      ...pathMatcher,
      ...(p.anyOrigin ? [] : p.origins.map((o) => `\theader Origin ${o}`)),
    ];
    const matcher = conditions.length ? ['@cors_origin {', ...conditions, '}'] : [];
    return [
      '# In your site block, before reverse_proxy / file_server:',
      ...matcher,
      conditions.length ? 'header @cors_origin {' : 'header {',
      ...fields.map(([name, value]) => `\t${name} ${value}`),
      '}',
      ...(p.anyOrigin ? [] : ['header +Vary Origin']),
      '@cors_preflight {',
      '\tmethod OPTIONS',
      ...pathMatcher,
      '\theader Access-Control-Request-Method *',
      '}',
      'respond @cors_preflight 204',
    ].join('\n');
  },
};
