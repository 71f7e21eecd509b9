// The panel's state and its reducer: pure, fed by the worker's subscription messages, so the
// panel renders the same in the extension, in a plain page and in component tests.

import type { CorsErrorCode } from '../analyzer/cors-errors';
import type { SubscriptionMessage } from '../protocol/messages';
import type { ExchangeRecord } from '../tracker/tab-log';

export interface PanelFilter {
  text: string;
  blockedOnly: boolean;
  code: CorsErrorCode | '';
}

export interface PanelState {
  records: ExchangeRecord[];
  index: Map<string, number>;
  selectedId: string | null;
  filter: PanelFilter;
  connected: boolean;
}

export type PanelAction =
  | SubscriptionMessage
  | { type: 'select'; id: string | null }
  | { type: 'filter'; filter: Partial<PanelFilter> }
  | { type: 'connection'; connected: boolean };

export function initialPanelState(): PanelState {
  return {
    records: [],
    index: new Map(),
    selectedId: null,
    filter: { text: '', blockedOnly: false, code: '' },
    connected: false,
  };
}

function indexOf(records: ExchangeRecord[]): Map<string, number> {
  return new Map(records.map((record, i) => [record.id, i]));
}

export function panelReducer(state: PanelState, action: PanelAction): PanelState {
  switch (action.type) {
    case 'snapshot':
      return { ...state, records: action.records, index: indexOf(action.records), connected: true };
    case 'upsert': {
      const at = state.index.get(action.record.id);
      const records = [...state.records];
      if (at === undefined) {
        records.push(action.record);
        const index = new Map(state.index);
        index.set(action.record.id, records.length - 1);
        return { ...state, records, index };
      }
      records[at] = action.record;
      return { ...state, records };
    }
    case 'cleared':
      return { ...state, records: [], index: new Map(), selectedId: null };
    case 'select':
      return { ...state, selectedId: action.id };
    case 'filter':
      return { ...state, filter: { ...state.filter, ...action.filter } };
    case 'connection':
      return { ...state, connected: action.connected };
  }
}

function searchable(record: ExchangeRecord): string {
  const { exchange } = record;
  const headers = [
    ...exchange.request.headers,
    ...(exchange.preflight?.requestHeaders ?? []),
    ...(exchange.preflight?.headers ?? []),
    ...(exchange.response?.headers ?? []),
  ];
  return `${exchange.request.url}\n${headers.map((h) => `${h.name}: ${h.value}`).join('\n')}`.toLowerCase();
}

const searchCache = new WeakMap<ExchangeRecord, string>();

/** The rows the list shows: newest at the bottom, like the Network panel. */
export function visibleRecords(state: PanelState): ExchangeRecord[] {
  const { text, blockedOnly, code } = state.filter;
  const needle = text.trim().toLowerCase();
  return state.records.filter((record) => {
    // "Blocked only" keeps what is blocked if the request carried credentials, too.
    if (
      blockedOnly &&
      record.verdict.outcome !== 'blocked' &&
      record.verdict.outcome !== 'uncertain'
    )
      return false;
    if (code && record.verdict.chromiumError !== code) return false;
    if (!needle) return true;
    let haystack = searchCache.get(record);
    if (haystack === undefined) searchCache.set(record, (haystack = searchable(record)));
    return haystack.includes(needle);
  });
}

export function selectedRecord(state: PanelState): ExchangeRecord | null {
  if (state.selectedId === null) return null;
  const at = state.index.get(state.selectedId);
  return at === undefined ? null : (state.records[at] ?? null);
}
