// When the service worker, not the server, is why a request failed. Workers often send a
// request again differently from how the page made it: `new Request(url)` or `fetch(url)`
// turns an `<img>`'s no-cors request into a CORS one; a worker that copies the page's headers
// and adds its own (`Cache-Control`, an auth token) makes a simple request need a preflight.
// "It works when I unregister the worker" reports in Angular's, sw-toolbox's and MSW's
// trackers are these. The page's side comes from DevTools (`src/tracker/page-requests.ts`);
// the worker's request is the exchange.

import type { Exchange } from '../exchange/types';
import { pageRequestWords, type PageRequest } from '../tracker/page-requests';
import { isSafelistedMethod } from '../cors/methods';
import { requestFacts } from './request-facts';

export interface WorkerCause {
  /** What the worker changed: the request's mode, or the headers it added. */
  change: 'mode' | 'headers';
  /** The CORS-unsafe headers the worker's request had and the page's did not. */
  addedHeaders: string[];
  /** Why the worker is the cause, in one or two plain sentences (no markup). */
  explanation: string;
  /** What to change in the worker (the server needs no change for the page's own request). */
  fix: string;
}

/** Said before a server fix when the worker caused the failure. */
export const workerFirst =
  "Fix the service worker first (above). Change the server only if the worker's request must stay as it is:";

/** The verdict fields this reads. */
interface VerdictFacts {
  outcome: string;
  failedParameter: string | null;
  chromiumError: string | null;
}

/**
 * Preflight failures that a request without a preflight can never meet: no OPTIONS route, a
 * redirected preflight, a malformed Allow-Headers. Origin and credentials failures are left
 * out: the actual response is checked for the same, and it was never seen.
 */
const preflightOnly = new Set([
  'PreflightInvalidStatus',
  'PreflightDisallowedRedirect',
  'InvalidAllowHeadersPreflightResponse',
]);

export function workerCause(
  exchange: Exchange,
  verdict: VerdictFacts,
  page: PageRequest,
): WorkerCause | undefined {
  if (verdict.outcome !== 'blocked') return undefined;
  const kind = pageRequestWords(page);
  // A blocked request was a CORS request: if the page's was no-cors, the worker changed it.
  if (page.mode === 'no-cors') {
    return {
      change: 'mode',
      addedHeaders: [],
      explanation:
        `The page's ${kind} request was a no-cors request (no crossorigin attribute), which CORS never blocks. ` +
        'Its service worker sent it again as a CORS request, and that is the request the server refused: without the worker, the page would have loaded it.',
      // (No call syntax for fetch in these texts: the bundle check forbids network calls.)
      fix: 'Fix the service worker, not the server: hand event.request itself to fetch(), not a new Request built from its URL, or keep its mode (new Request(url, { mode: event.request.mode })).',
    };
  }
  const facts = requestFacts(exchange);
  const pageHas = new Set(page.unsafeHeaders);
  const added = facts.unsafeHeaders.filter((name) => !pageHas.has(name));
  if (added.length === 0) return undefined;
  const failed = verdict.failedParameter?.toLowerCase() ?? null;
  const failedOnAdded = failed !== null && added.includes(failed);
  // The preflight itself was the worker's doing: the page's request was simple.
  const preflightOnlyForAdded =
    verdict.chromiumError !== null &&
    preflightOnly.has(verdict.chromiumError) &&
    isSafelistedMethod(facts.method) &&
    page.unsafeHeaders.length === 0;
  if (!failedOnAdded && !preflightOnlyForAdded) return undefined;
  const names = added.join(', ');
  return {
    change: 'headers',
    addedHeaders: added,
    explanation: failedOnAdded
      ? `The service worker added ${names}, which the page's ${kind} request did not send, and the server's preflight does not allow ${failed}.`
      : `The page's ${kind} request needed no preflight. The service worker added ${names}, which made its request need one, and that preflight failed.`,
    fix: `Fix the service worker, not the server: pass the page's request on without adding ${names} (hand event.request itself to fetch()).`,
  };
}
