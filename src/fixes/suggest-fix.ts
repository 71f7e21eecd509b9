// The fix for one exchange in one stack: the smallest change in the stack's own terms, the
// whole config it ends in, and the cause when it is not the headers. Secure by
// construction: exact origins only (no `*` with credentials, no reflection, no regex
// written by hand), `Vary: Origin` whenever the answer depends on the origin.

import type { Exchange } from '../exchange/types';
import type { Verdict } from '../analyzer/verdict';
import { parseUrl } from '../http/origin';
import { findCauses, type Cause } from './causes';
import { detectStack, type DetectedStack } from './detect-stack';
import { requiredPolicy, type CorsPolicy, type PolicyChange } from './policy';
import { stacks, type Stack, type StackChoice, type StackId } from './stacks';

export type FixKind = 'headers' | 'cause-elsewhere' | 'client' | 'none';

export interface Fix {
  stack: StackId;
  stackLabel: string;
  language: string;
  file: string;
  /** Proven against the real server by `npm run test:fixes`. */
  verified: boolean;
  /** What the traffic gave away about the server, when it did. */
  detected: DetectedStack | null;
  kind: FixKind;
  /** What to change, in the stack's terms. */
  changes: string[];
  /** The whole CORS config the change ends in; null when no server change helps. */
  config: string | null;
  /** What is wrong besides (or instead of) the headers. */
  causes: Cause[];
  notes: string[];
  /** The honest options when the server cannot be changed. */
  cannotChangeServer: string;
  policy: CorsPolicy | null;
}

export const cannotChangeServer =
  'If you cannot change the server, make the request same-origin: proxy it through your dev server (Vite `server.proxy`, webpack `devServer.proxy`, Next.js `rewrites`) or through a route on your own backend. Switching CORS off in the browser only hides the problem on your machine; your users will still be blocked.';

function phrase(change: PolicyChange, stack: Stack): string {
  const t = stack.terms;
  switch (change.kind) {
    case 'add-origin':
      return `Add \`${change.origin}\` to ${t.origins}.`;
    case 'replace-wildcard-origin':
      return `Replace \`*\` in ${t.origins} with the exact origin \`${change.origin}\`: \`*\` is never allowed with credentials, and echoing every origin would let any site read responses with your users' cookies.`;
    case 'single-origin-value':
      return 'Send Access-Control-Allow-Origin once: it is set twice (often by both the app and a proxy in front of it), so remove one of them.';
    case 'add-method':
      return `Add \`${change.method}\` to ${t.methods}.`;
    case 'add-header':
      return `Add \`${change.header}\` to ${t.headers}.`;
    case 'replace-wildcard-headers':
      return `List the header names in ${t.headers} instead of \`*\`: with credentials, \`*\` is the literal name "*".`;
    case 'enable-credentials':
      return `Set ${t.credentials}: the request carries credentials (cookies or HTTP authentication).`;
    case 'fix-credentials-value':
      return `Access-Control-Allow-Credentials must be exactly \`true\`, not \`${change.value}\`: set ${t.credentials}.`;
    case 'enable-private-network':
      return t.privateNetwork
        ? `Set ${t.privateNetwork} to answer Private Network Access preflights.`
        : 'Send `Access-Control-Allow-Private-Network: true` on the preflight response (this stack has no option for it: add the header yourself).';
  }
}

const listCodes: Partial<Record<string, string>> = {
  InvalidAllowMethodsPreflightResponse: 'Access-Control-Allow-Methods',
  InvalidAllowHeadersPreflightResponse: 'Access-Control-Allow-Headers',
};

/** Did any response show the server's CORS settings? */
function observedSettings(exchange: Exchange): boolean {
  const headers = [...(exchange.preflight?.headers ?? []), ...(exchange.response?.headers ?? [])];
  return headers.some((h) => /^access-control-allow-/i.test(h.name));
}

function pathOf(url: string): string {
  return parseUrl(url)?.pathname ?? '/';
}

export function suggestFix(
  exchange: Exchange,
  verdict: Verdict,
  choice: StackChoice = 'auto',
): Fix {
  const detected = detectStack(exchange);
  const stack = stacks[choice === 'auto' ? (detected?.stack ?? 'headers') : choice];
  const base = {
    stack: stack.id,
    stackLabel: stack.label,
    language: stack.language,
    file: stack.file,
    verified: stack.verified,
    detected,
    cannotChangeServer,
  };
  if (verdict.outcome !== 'blocked')
    return {
      ...base,
      kind: 'none',
      changes: [],
      config: null,
      causes: [],
      notes:
        verdict.outcome === 'network-error'
          ? [
              'The request failed before CORS was checked (a network error); no header change helps.',
            ]
          : [],
      policy: null,
    };

  const causes = findCauses(exchange, verdict, stack);
  if (causes.some((c) => c.side === 'client'))
    return { ...base, kind: 'client', changes: [], config: null, causes, notes: [], policy: null };

  const { policy, changes, skipped } = requiredPolicy(exchange, verdict);
  const texts = changes.map((c) => phrase(c, stack));
  const list = verdict.chromiumError ? listCodes[verdict.chromiumError] : undefined;
  if (list)
    texts.unshift(
      `${list} contains \`${verdict.failedParameter ?? '?'}\`, which is not a valid name, so the browser rejects the whole list: list plain names separated by commas.`,
    );
  if (texts.length === 0 && !causes.some((c) => c.side === 'server'))
    texts.push('Make the server send the CORS headers of the config below on this route.');
  const notes = skipped.map(
    (value) => `Left out ${value}: it has characters that are not safe to paste into a config.`,
  );
  if (!observedSettings(exchange))
    notes.push(
      'The server sent no CORS headers to this request, so its current settings are not visible: the config lists only what this request needs. Keep the origins, methods and headers you already allow alongside these.',
    );
  if (policy.credentials)
    notes.push(
      'Cookies sent cross-site also need `SameSite=None; Secure` on the Set-Cookie, or the browser will not send them.',
    );
  return {
    ...base,
    kind: causes.some((c) => c.side === 'server') ? 'cause-elsewhere' : 'headers',
    changes: texts,
    config: stack.render(policy, { path: pathOf(exchange.request.url) }),
    causes,
    notes,
    policy,
  };
}
