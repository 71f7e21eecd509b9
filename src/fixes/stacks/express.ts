// Express with the `cors` package (expressjs/cors). Exact origin strings in an array are
// compared with ===, and `cors` adds `Vary: Origin` for them.
import type { Stack } from './stack';
import { jsCorsOptions } from './js-options';

export const express: Stack = {
  id: 'express',
  label: 'Express (cors)',
  language: 'js',
  file: 'app.js',
  verified: true,
  terms: {
    origins: '`origin`',
    methods: '`methods`',
    headers: '`allowedHeaders`',
    credentials: '`credentials: true`',
    privateNetwork: null,
  },
  beforeAuth:
    'Register `app.use(cors(options))` before your authentication middleware (passport, express-jwt, ...), so the OPTIONS preflight, which never carries credentials, is answered before anything asks for them.',
  answerOptions:
    'Mount `app.use(cors(options))` for the whole app; with per-route `cors()` you also need `app.options(path, cors(options))`, or Express answers the preflight 404.',
  errorResponses:
    'Keep `app.use(cors(options))` first, before the routes: the CORS headers are then set before any handler runs, so your error handler’s responses keep them.',
  render(p) {
    return [
      "import cors from 'cors';",
      '',
      '// Before your routes and before any authentication middleware.',
      'app.use(',
      '  cors({',
      ...jsCorsOptions(p).map((l) => `    ${l}`),
      '  }),',
      ');',
    ].join('\n');
  },
};
