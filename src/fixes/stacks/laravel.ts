// Laravel's config/cors.php (fruitcake/php-cors). Its stock `['*']` origins with
// supports_credentials reflect any origin; `paths` must cover the route.
import type { Stack } from './stack';
import { list, sq } from './literals';

export const laravel: Stack = {
  id: 'laravel',
  label: 'Laravel (config/cors.php)',
  language: 'php',
  file: 'config/cors.php',
  verified: false,
  terms: {
    origins: "`'allowed_origins'`",
    methods: "`'allowed_methods'`",
    headers: "`'allowed_headers'`",
    credentials: "`'supports_credentials' => true`",
    privateNetwork: null,
  },
  beforeAuth:
    'HandleCors is global middleware in Laravel ≥ 9 and runs before route middleware such as `auth:sanctum`; if you moved it into a route group, move it back so preflights are answered before authentication.',
  answerOptions:
    'HandleCors answers preflights only for URLs matching `paths`; a 404/405 on OPTIONS means the path is not listed there (for example `api/*` does not cover `/sanctum/csrf-cookie`).',
  errorResponses:
    'HandleCors adds headers to exception responses too, but only for paths in `paths`; a fatal error before Laravel boots (PHP-FPM, nginx) needs the headers at the web server.',
  render(p, target) {
    const first = target.path.split('/').filter(Boolean)[0];
    const path = first && /^[A-Za-z0-9_-]+$/.test(first) ? `${first}/*` : '*';
    return [
      '<?php',
      '',
      'return [',
      `    'paths' => [${sq(path)}],`,
      `    'allowed_methods' => [${list(p.methods, sq)}],`,
      `    'allowed_origins' => [${p.anyOrigin ? sq('*') : list(p.origins, sq)}],`,
      "    'allowed_origins_patterns' => [],",
      `    'allowed_headers' => [${list(p.headers, sq)}],`,
      `    'exposed_headers' => [${list(p.exposeHeaders, sq)}],`,
      `    'max_age' => ${p.maxAge ?? 0},`,
      `    'supports_credentials' => ${p.credentials ? 'true' : 'false'},`,
      '];',
    ].join('\n');
  },
};
