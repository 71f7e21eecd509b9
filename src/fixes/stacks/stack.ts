// What every stack's fix module provides. One file per stack under stacks/, so a reader
// looking for "the nginx fix" opens nginx.ts.

import type { CorsPolicy } from '../policy';

export const stackIds = [
  'express',
  'fastify',
  'fastapi',
  'flask',
  'django',
  'go',
  'rails',
  'spring',
  'aspnet',
  'laravel',
  'nginx',
  'apache',
  'caddy',
  'headers',
] as const;

export type StackId = (typeof stackIds)[number];

/** A stack, or `auto`: the one the traffic gives away (plain headers when none). */
export type StackChoice = StackId | 'auto';

/** Here, not in the registry, so the popup can check a choice without loading every stack. */
export function isStackChoice(value: unknown): value is StackChoice {
  return value === 'auto' || (stackIds as readonly unknown[]).includes(value);
}

/** Where the request went, for configs that scope CORS to a path. */
export interface FixTarget {
  /** The request URL's path, e.g. `/api/items`. */
  path: string;
}

export interface Stack {
  id: StackId;
  label: string;
  /** For syntax highlighting and file names: `js`, `python`, `nginx`, ... */
  language: string;
  /** Where the snippet goes. */
  file: string;
  /** Proven by `npm run test:fixes` against the real server; false: snippet tests only. */
  verified: boolean;
  /** The names the stack gives the settings a change touches, for phrasing the changes. */
  terms: {
    origins: string;
    methods: string;
    headers: string;
    credentials: string;
    privateNetwork: string | null;
  };
  /** Preflights answered 401/403: how to let OPTIONS through before authentication. */
  beforeAuth: string;
  /** Preflights answered 404/405/501: how to make the stack answer OPTIONS. */
  answerOptions: string;
  /** Errors without CORS headers: how to keep the headers on error responses. */
  errorResponses: string;
  render(policy: CorsPolicy, target: FixTarget): string;
}
