// The response headers a policy produces for one request origin: the "plain headers" fix,
// and what the what-if editor pre-applies.

import type { Header } from '../exchange/types';
import type { CorsPolicy } from './policy';

export interface PolicyHeaders {
  preflight: Header[];
  actual: Header[];
}

export function allowedOrigin(policy: CorsPolicy, origin: string): string | null {
  if (policy.anyOrigin) return '*';
  return policy.origins.includes(origin) ? origin : null;
}

export function policyHeaders(policy: CorsPolicy, origin: string): PolicyHeaders {
  const allow = allowedOrigin(policy, origin);
  if (allow === null) return { preflight: [], actual: [] };
  const common: Header[] = [{ name: 'Access-Control-Allow-Origin', value: allow }];
  if (policy.credentials) common.push({ name: 'Access-Control-Allow-Credentials', value: 'true' });
  // The answer depends on Origin unless it is `*` for everyone: tell caches.
  const vary: Header[] = policy.anyOrigin ? [] : [{ name: 'Vary', value: 'Origin' }];
  const preflight: Header[] = [
    ...common,
    { name: 'Access-Control-Allow-Methods', value: policy.methods.join(', ') },
  ];
  if (policy.headers.length > 0)
    preflight.push({ name: 'Access-Control-Allow-Headers', value: policy.headers.join(', ') });
  if (policy.maxAge !== null)
    preflight.push({ name: 'Access-Control-Max-Age', value: String(policy.maxAge) });
  if (policy.privateNetwork)
    preflight.push({ name: 'Access-Control-Allow-Private-Network', value: 'true' });
  preflight.push(...vary);
  const actual: Header[] = [...common];
  if (policy.exposeHeaders.length > 0)
    actual.push({ name: 'Access-Control-Expose-Headers', value: policy.exposeHeaders.join(', ') });
  actual.push(...vary);
  return { preflight, actual };
}
