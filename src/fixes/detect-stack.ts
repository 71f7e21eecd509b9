// Which server stack answered, from what its responses give away: `X-Powered-By`, `Server`,
// and the CORS libraries' telltale defaults (../shared/server-libraries.md §3.2). The
// application framework wins over the web server in front of it.

import type { Exchange, Header } from '../exchange/types';
import { getHeader } from '../http/header-list';
import type { StackId } from './stacks';

export interface DetectedStack {
  stack: StackId;
  /** The evidence, e.g. "X-Powered-By: Express". */
  because: string;
}

interface Clue {
  stack: StackId;
  test(headers: readonly Header[]): string | null;
}

const has = (name: string, pattern: RegExp) => (headers: readonly Header[]) => {
  const value = getHeader(headers, name);
  const wire = headers.find((h) => h.name.toLowerCase() === name)?.name ?? name;
  return value !== null && pattern.test(value) ? `${wire}: ${value}` : null;
};

const canon = (value: string | null) =>
  value
    ?.split(',')
    .map((v) => v.trim().toUpperCase())
    .join(',') ?? null;

const allowMethods = (expected: string) => (headers: readonly Header[]) =>
  canon(getHeader(headers, 'access-control-allow-methods')) === expected
    ? `Access-Control-Allow-Methods: ${getHeader(headers, 'access-control-allow-methods')} (the library's default)`
    : null;

const maxAge = (seconds: string) => (headers: readonly Header[]) =>
  getHeader(headers, 'access-control-max-age') === seconds
    ? `Access-Control-Max-Age: ${seconds} (the library's default)`
    : null;

// Framework clues first: they name the code the user edits.
const clues: Clue[] = [
  { stack: 'express', test: has('x-powered-by', /^express$/i) },
  { stack: 'aspnet', test: has('x-powered-by', /asp\.net/i) },
  { stack: 'laravel', test: has('x-powered-by', /^php/i) },
  { stack: 'rails', test: has('x-rack-cors', /./) },
  { stack: 'rails', test: has('x-runtime', /^\d/) },
  { stack: 'fastapi', test: has('server', /uvicorn|hypercorn/i) },
  { stack: 'flask', test: has('server', /werkzeug/i) },
  { stack: 'django', test: has('server', /wsgiserver/i) },
  { stack: 'rails', test: has('server', /webrick|puma/i) },
  { stack: 'aspnet', test: has('server', /kestrel/i) },
  { stack: 'express', test: allowMethods('GET,HEAD,PUT,PATCH,POST,DELETE') },
  { stack: 'django', test: maxAge('86400') },
  { stack: 'fastapi', test: maxAge('600') },
  { stack: 'spring', test: maxAge('1800') },
  { stack: 'rails', test: maxAge('7200') },
  { stack: 'fastify', test: allowMethods('GET,HEAD,POST') },
  { stack: 'nginx', test: has('server', /^nginx/i) },
  { stack: 'apache', test: has('server', /^apache/i) },
  { stack: 'caddy', test: has('server', /^caddy/i) },
];

export function detectStack(exchange: Exchange): DetectedStack | null {
  const responses = [exchange.preflight?.headers ?? [], exchange.response?.headers ?? []];
  for (const clue of clues) {
    for (const headers of responses) {
      const because = clue.test(headers);
      if (because !== null) return { stack: clue.stack, because };
    }
  }
  return null;
}
