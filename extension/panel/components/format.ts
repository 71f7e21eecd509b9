import type { ExchangeRecord } from '../../../src/tracker/tab-log';

export const outcomeText: Record<ExchangeRecord['verdict']['outcome'], string> = {
  blocked: 'blocked',
  ok: 'ok',
  'network-error': 'network error',
  pending: 'pending',
  'not-cors': 'not CORS',
  uncertain: 'blocked if credentialed',
};

const preflightWords = { sent: 'yes', 'probably-cached': 'cached?', 'not-needed': 'no' } as const;

export function preflightText(record: ExchangeRecord): string {
  return preflightWords[record.verdict.preflight];
}

/** Long values stay readable: the first part, and the rest on demand. */
export const displayLimit = 300;

export function time(record: ExchangeRecord, first: number): string {
  return `${((record.startedAt - first) / 1000).toFixed(2)} s`;
}
