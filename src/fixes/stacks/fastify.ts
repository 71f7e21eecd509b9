// Fastify with @fastify/cors. Its default methods are GET, HEAD and POST only.
import type { Stack } from './stack';
import { jsCorsOptions } from './js-options';

export const fastify: Stack = {
  id: 'fastify',
  label: 'Fastify (@fastify/cors)',
  language: 'js',
  file: 'server.js',
  verified: true,
  terms: {
    origins: '`origin`',
    methods: '`methods`',
    headers: '`allowedHeaders`',
    credentials: '`credentials: true`',
    privateNetwork: null,
  },
  beforeAuth:
    'Register @fastify/cors with the default `hook: "onRequest"` and make your auth hook skip `request.method === "OPTIONS"` (or run it in `preHandler`), so preflights are answered before authentication.',
  answerOptions:
    'Keep `preflight: true` (the default) so @fastify/cors adds the OPTIONS route; if you set `hideOptionsRoute: false` or your own OPTIONS route, make it answer 204.',
  errorResponses:
    '@fastify/cors sets the headers in `onRequest`, before your handlers, so error responses keep them; check that a custom `setErrorHandler` does not reset the headers.',
  render(p) {
    return [
      "import cors from '@fastify/cors';",
      '',
      'await app.register(cors, {',
      ...jsCorsOptions(p).map((l) => `  ${l}`),
      '});',
    ].join('\n');
  },
};
