// Django with django-cors-headers. CORS_ALLOW_ALL_ORIGINS with credentials reflects any
// origin; CORS_ALLOWED_ORIGINS is an exact list. Its 86400 s default max-age is capped to
// 7200 by Chrome, so we always state one.
import type { Stack } from './stack';
import { list } from './literals';

export const django: Stack = {
  id: 'django',
  label: 'Django (django-cors-headers)',
  language: 'python',
  file: 'settings.py',
  verified: true,
  terms: {
    origins: '`CORS_ALLOWED_ORIGINS`',
    methods: '`CORS_ALLOW_METHODS`',
    headers: '`CORS_ALLOW_HEADERS`',
    credentials: '`CORS_ALLOW_CREDENTIALS = True`',
    privateNetwork: '`CORS_ALLOW_PRIVATE_NETWORK = True`',
  },
  beforeAuth:
    'Put `corsheaders.middleware.CorsMiddleware` at the top of MIDDLEWARE, above authentication middleware: it answers the preflight before anything checks credentials.',
  answerOptions:
    'CorsMiddleware answers OPTIONS with Access-Control-Request-Method itself; a 404/405 means it is not in MIDDLEWARE or `CORS_URLS_REGEX` does not match this path.',
  errorResponses:
    'CorsMiddleware adds headers on its way out, including to error responses, as long as it sits above the middleware that fails; with DEBUG off, unhandled exceptions still pass through it.',
  render(p) {
    const lines = [
      '# "corsheaders" in INSTALLED_APPS, and "corsheaders.middleware.CorsMiddleware"',
      '# first in MIDDLEWARE (above CommonMiddleware and any auth middleware).',
      p.anyOrigin ? 'CORS_ALLOW_ALL_ORIGINS = True' : `CORS_ALLOWED_ORIGINS = [${list(p.origins)}]`,
      `CORS_ALLOW_METHODS = [${list(p.methods)}]`,
      `CORS_ALLOW_HEADERS = [${list(p.headers)}]`,
    ];
    if (p.exposeHeaders.length) lines.push(`CORS_EXPOSE_HEADERS = [${list(p.exposeHeaders)}]`);
    lines.push(`CORS_ALLOW_CREDENTIALS = ${p.credentials ? 'True' : 'False'}`);
    lines.push(`CORS_PREFLIGHT_MAX_AGE = ${p.maxAge ?? 0}`);
    if (p.privateNetwork) lines.push('CORS_ALLOW_PRIVATE_NETWORK = True');
    return lines.join('\n');
  },
};
