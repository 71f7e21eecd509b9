// One fix per server for a whole report: the union of what every blocked exchange to that
// server (scheme, host and port) needs — origins, methods, headers, credentials — as one
// config in the chosen stack, so a backend team applies it once. Exchanges whose fix is not a
// header change (a cause elsewhere, a client-side change) are listed apart.

import { originOf } from '../http/origin';
import type { CorsPolicy } from './policy';
import { stacks, type StackId } from './stacks';
import type { Fix } from './suggest-fix';

export interface ServerFix {
  /** `scheme://host[:port]`. */
  server: string;
  stack: StackId;
  stackLabel: string;
  language: string;
  file: string;
  verified: boolean;
  /** The union of the policies its blocked exchanges need. */
  policy: CorsPolicy;
  /** The config to apply, for the whole server (path `/`). */
  config: string;
  /** The header changes, once each. */
  changes: string[];
  /** The exchanges (report ids) this config fixes. */
  fixes: string[];
  /** Blocked exchanges it does not fix, and why. */
  elsewhere: { id: string; kind: Fix['kind']; why: string }[];
}

interface Blocked {
  id: string;
  url: string;
  fix: Fix | null;
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];

function merge(a: CorsPolicy, b: CorsPolicy): CorsPolicy {
  const credentials = a.credentials || b.credentials;
  return {
    // `*` only while every exchange is fine with it, never with credentials.
    anyOrigin: a.anyOrigin && b.anyOrigin && !credentials,
    origins: union(a.origins, b.origins),
    methods: union(a.methods, b.methods),
    headers: union(a.headers, b.headers),
    exposeHeaders: union(a.exposeHeaders, b.exposeHeaders),
    credentials,
    maxAge:
      a.maxAge === null ? b.maxAge : b.maxAge === null ? a.maxAge : Math.max(a.maxAge, b.maxAge),
    privateNetwork: a.privateNetwork || b.privateNetwork,
  };
}

/** The most frequent stack among the fixes (they agree unless the traffic disagrees). */
function commonStack(fixes: Fix[]): StackId {
  const counts = new Map<StackId, number>();
  for (const fix of fixes) counts.set(fix.stack, (counts.get(fix.stack) ?? 0) + 1);
  return [...counts].sort((x, y) => y[1] - x[1])[0]?.[0] ?? 'headers';
}

export function serverFixes(exchanges: readonly Blocked[]): ServerFix[] {
  const byServer = new Map<string, Blocked[]>();
  for (const e of exchanges) {
    const server = originOf(e.url);
    byServer.set(server, [...(byServer.get(server) ?? []), e]);
  }
  const result: ServerFix[] = [];
  for (const [server, list] of byServer) {
    const headerFixes = list.filter(
      (e): e is Blocked & { fix: Fix & { policy: CorsPolicy } } =>
        e.fix?.kind === 'headers' && e.fix.policy !== null,
    );
    const elsewhere = list
      .filter((e) => !headerFixes.includes(e as (typeof headerFixes)[number]))
      .map((e) => ({
        id: e.id,
        kind: e.fix?.kind ?? 'none',
        why:
          e.fix?.causes.map((c) => c.text).join(' ') ||
          e.fix?.notes.join(' ') ||
          'no header change helps',
      }));
    const policy = headerFixes
      .map((e) => e.fix.policy)
      .reduce<CorsPolicy | null>((acc, p) => (acc ? merge(acc, p) : p), null);
    const stack = stacks[commonStack(headerFixes.map((e) => e.fix))];
    result.push({
      server,
      stack: stack.id,
      stackLabel: stack.label,
      language: stack.language,
      file: stack.file,
      verified: stack.verified,
      policy: policy ?? emptyPolicy,
      config: policy ? stack.render(policy, { path: '/' }) : '',
      changes: [...new Set(headerFixes.flatMap((e) => e.fix.changes))],
      fixes: headerFixes.map((e) => e.id),
      elsewhere,
    });
  }
  return result;
}

const emptyPolicy: CorsPolicy = {
  anyOrigin: false,
  origins: [],
  methods: [],
  headers: [],
  exposeHeaders: [],
  credentials: false,
  maxAge: null,
  privateNetwork: false,
};
