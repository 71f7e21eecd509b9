// The verdict: what the analyzer says of one exchange. Public contract (docs/contracts.md,
// "Verdict JSON"): fields are only ever added.

import type { CorsErrorCode, Dimension, FirefoxReason } from './cors-errors';
import type { Stage } from './rules/failure';
import type { Finding } from '../audit/finding';
import type { NotCorsCause } from './not-cors';

/**
 * `uncertain`: allowed without credentials, blocked with them, and the browser did not say
 * which the request used (Firefox's webRequest never does); `alternatives` gives both.
 */
export type Outcome = 'ok' | 'blocked' | 'network-error' | 'pending' | 'not-cors' | 'uncertain';
export type KnownCredentials = 'include' | 'omit';

export interface DiffRow {
  dimension: Dimension;
  /** What the row is about: "Origin", "Method", a header name, "Credentials", ... */
  name: string;
  /** What the browser asked for (or sent). */
  asked: string | null;
  /** What the preflight response allowed; null when there was no preflight or no such header. */
  preflightAllowed: string | null;
  /** What the actual response allowed. */
  responseAllowed: string | null;
  result: 'pass' | 'fail' | 'warn' | 'not-checked';
  /** Why the row passed or failed, in a few words. */
  note: string;
  /** This is the row of the error the browser reports. */
  decisive: boolean;
}

export interface CredentialsVerdict {
  mode: KnownCredentials | 'unknown';
  /** The mode was concluded from what the browser did, not given. */
  inferred: boolean;
  note: string | null;
}

export interface Alternative {
  credentials: KnownCredentials;
  chromiumError: CorsErrorCode | null;
  failedParameter: string | null;
}

export interface Verdict {
  outcome: Outcome;
  chromiumError: CorsErrorCode | null;
  failedParameter: string | null;
  /** The code in words, for a list column. */
  errorTitle: string | null;
  firefoxReason: FirefoxReason | null;
  firefoxMessage: string | null;
  /** Chrome's console text for this exchange. */
  consoleMessage: string | null;
  stage: Stage | null;
  /** The failing URL (after redirects, the one that failed). */
  failedUrl: string | null;
  networkError: string | null;
  needsPreflight: boolean;
  /** Which method or headers made the request need a preflight. */
  preflightReasons: string[];
  preflight: 'sent' | 'probably-cached' | 'not-needed';
  credentials: CredentialsVerdict;
  /** When the credentials mode is unknown and matters: what each mode would give. */
  alternatives: Alternative[];
  diff: DiffRow[];
  summary: string;
  explanation: string;
  /** The header changes that would make this exchange pass (the fix generator refines them). */
  headerChanges: string[];
  warnings: string[];
  confidence: 'certain' | 'inferred' | 'uncertain';
  assumptions: string[];
  /** What the headers reveal about the server's configuration, blocked or not. */
  findings: Finding[];
  /**
   * Set when the browser's network error names a failure that is not CORS (`not-cors.ts`):
   * its own cause, how to confirm it and what to do.
   */
  notCors?: NotCorsCause;
}
