// Go net/http with github.com/rs/cors. An empty AllowedOrigins means *all* origins there,
// so the list is never left empty; `*` with AllowCredentials sends an invalid pair.
import type { Stack } from './stack';
import { dq, list } from './literals';

export const go: Stack = {
  id: 'go',
  label: 'Go (rs/cors)',
  language: 'go',
  file: 'main.go',
  verified: true,
  terms: {
    origins: '`AllowedOrigins`',
    methods: '`AllowedMethods`',
    headers: '`AllowedHeaders`',
    credentials: '`AllowCredentials: true`',
    privateNetwork: '`AllowPrivateNetwork: true` (rs/cors ≥ 1.9)',
  },
  beforeAuth:
    'Wrap the outermost handler, `c.Handler(authMiddleware(mux))`, so rs/cors answers the preflight before your auth middleware sees it.',
  answerOptions:
    'rs/cors answers OPTIONS with Access-Control-Request-Method itself when it wraps the handler; a 404/405 means this route is served by a handler it does not wrap.',
  errorResponses:
    'rs/cors sets the headers before calling your handler, so error responses written by it keep them; a panic recovered by an outer middleware does not.',
  render(p) {
    const fields: [string, string][] = [
      ['AllowedOrigins', `[]string{${p.anyOrigin ? dq('*') : list(p.origins)}}`],
      ['AllowedMethods', `[]string{${list(p.methods)}}`],
      ['AllowedHeaders', `[]string{${list(p.headers)}}`],
    ];
    if (p.exposeHeaders.length)
      fields.push(['ExposedHeaders', `[]string{${list(p.exposeHeaders)}}`]);
    if (p.credentials) fields.push(['AllowCredentials', 'true']);
    if (p.maxAge !== null) fields.push(['MaxAge', String(p.maxAge)]);
    if (p.privateNetwork) fields.push(['AllowPrivateNetwork', 'true']);
    const width = Math.max(...fields.map(([name]) => name.length)) + 1;
    return [
      '// import "github.com/rs/cors"',
      'c := cors.New(cors.Options{',
      ...fields.map(([name, value]) => `\t${`${name}:`.padEnd(width + 1)}${value},`),
      '})',
      'handler := c.Handler(mux)',
    ].join('\n');
  },
};
