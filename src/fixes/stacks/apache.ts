// Apache httpd with mod_headers, mod_setenvif and mod_rewrite. `Header` without `always`
// only touches 2xx responses; the origin is echoed only when an anchored, escaped
// `SetEnvIf` pattern matched it.
import type { Stack } from './stack';
import { configPath, exactRegex, headerList } from './literals';

const quoted = (value: string) => `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;

export const apache: Stack = {
  id: 'apache',
  label: 'Apache httpd',
  language: 'apache',
  file: 'httpd.conf (VirtualHost)',
  verified: true,
  terms: {
    origins: 'the `SetEnvIf Origin` lines',
    methods: '`Access-Control-Allow-Methods`',
    headers: '`Access-Control-Allow-Headers`',
    credentials: '`Header always set Access-Control-Allow-Credentials "true"`',
    privateNetwork: '`Header always set Access-Control-Allow-Private-Network "true"`',
  },
  beforeAuth:
    'Exempt preflights from authentication: `<LimitExcept OPTIONS> Require valid-user </LimitExcept>`, and answer them with the RewriteRule below.',
  answerOptions:
    'Add the RewriteRule below that answers preflights (OPTIONS with Access-Control-Request-Method) with 204; otherwise the handler or the backend answers them 405.',
  errorResponses:
    'Use `Header always set` (the plain `Header set` only applies to 2xx) so error responses, including ErrorDocument pages and proxied errors, keep the headers.',
  render(p, target) {
    const cond = p.anyOrigin ? '' : ' env=CORS_ORIGIN';
    const set = (name: string, value: string) =>
      `Header always set ${name} ${quoted(value)}${cond}`;
    const lines = p.anyOrigin
      ? []
      : p.origins.map((o) => `SetEnvIf Origin ${quoted(exactRegex(o))} CORS_ORIGIN=$0`);
    lines.push(set('Access-Control-Allow-Origin', p.anyOrigin ? '*' : '%{CORS_ORIGIN}e'));
    if (p.credentials) lines.push(set('Access-Control-Allow-Credentials', 'true'));
    lines.push(set('Access-Control-Allow-Methods', headerList(p.methods)));
    if (p.headers.length) lines.push(set('Access-Control-Allow-Headers', headerList(p.headers)));
    if (p.exposeHeaders.length)
      lines.push(set('Access-Control-Expose-Headers', headerList(p.exposeHeaders)));
    if (p.maxAge !== null) lines.push(set('Access-Control-Max-Age', String(p.maxAge)));
    if (p.privateNetwork) lines.push(set('Access-Control-Allow-Private-Network', 'true'));
    if (!p.anyOrigin) lines.push('Header always merge Vary Origin');
    const path = configPath(target.path);
    return [
      '# In the <VirtualHost> (a2enmod headers setenvif rewrite):',
      ...lines,
      '',
      '# Answer preflights with 204 before any handler or backend sees them.',
      'RewriteEngine On',
      'RewriteCond %{REQUEST_METHOD} OPTIONS',
      'RewriteCond %{HTTP:Access-Control-Request-Method} !^$',
      `RewriteRule ${quoted(`^${path === '/' ? '/' : exactRegex(path).slice(1, -1)}`)} - [R=204,L]`,
    ].join('\n');
  },
};
