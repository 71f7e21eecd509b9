import type { CorsErrorCode } from '../cors-errors';

/** Where in the exchange a check failed. */
export type Stage = 'request' | 'preflight' | 'redirect' | 'response';

export interface Failure {
  code: CorsErrorCode;
  /** As Chrome fills `failedParameter`; null where Chrome leaves it empty. */
  failedParameter: string | null;
  stage: Stage;
  /** The URL whose request or response failed. */
  url: string;
  /** Index in the URL list: 0 for the initial URL, i + 1 after redirect i. */
  hop: number;
}

export function emptyToNull(value: string | null): string | null {
  return value === '' ? null : value;
}
