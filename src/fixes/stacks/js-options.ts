// The option object Express's `cors` and `@fastify/cors` share, one line per option.
import type { CorsPolicy } from '../policy';
import { dq, list } from './literals';

export function jsCorsOptions(p: CorsPolicy): string[] {
  const lines = [
    `origin: ${p.anyOrigin ? dq('*') : `[${list(p.origins)}]`},`,
    `methods: [${list(p.methods)}],`,
    `allowedHeaders: [${list(p.headers)}],`,
  ];
  if (p.exposeHeaders.length) lines.push(`exposedHeaders: [${list(p.exposeHeaders)}],`);
  if (p.credentials) lines.push('credentials: true,');
  if (p.maxAge !== null) lines.push(`maxAge: ${p.maxAge},`);
  return lines;
}
