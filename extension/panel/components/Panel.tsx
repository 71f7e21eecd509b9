import { useMemo } from 'preact/hooks';
import { useState } from 'preact/hooks';
import { codeInfo, corsErrorCodes, type CorsErrorCode } from '../../../src/analyzer/cors-errors';
import type { ExportFormat } from '../../../src/protocol/messages';
import {
  selectedRecord,
  visibleRecords,
  type PanelAction,
  type PanelState,
} from '../../../src/ui/panel-store';
import { EmptyState } from './EmptyState';
import type { StackChoice } from '../../../src/fixes/stacks';
import { loadStackChoice, saveStackChoice } from '../../stack-choice';
import { LazyDetail as Detail, LazyPasteBox as PasteBox } from './lazy-parts';
import { RecordingControls } from './RecordingControls';
import { RequestList } from './RequestList';

export interface PanelActions {
  clear(): void;
  setPreserveLog(on: boolean): void;
  setRecording(on: boolean): void;
  setTabRecording(on: boolean): void;
  setRecordOnly(entries: string[]): void;
  exportReport(format: ExportFormat, scope: 'all' | 'blocked' | 'selected'): void;
  copy(text: string): void;
}

interface Props {
  state: PanelState;
  dispatch(action: PanelAction): void;
  actions: PanelActions;
  preserveLog: boolean;
  /** Recording on (default) or paused for every tab. */
  recording?: boolean;
  /** This tab paused. */
  paused?: boolean;
  /** The servers recorded; empty: every server. */
  recordOnly?: string[];
  /** Whose words come first: Firefox's reason in Firefox, Chromium's code elsewhere. */
  browser?: 'chromium' | 'firefox';
}

export function Panel({
  state,
  dispatch,
  actions,
  preserveLog,
  recording = true,
  paused = false,
  recordOnly = [],
  browser = 'chromium',
}: Props) {
  const rows = useMemo(() => visibleRecords(state), [state.records, state.filter]);
  const selected = selectedRecord(state);
  const blocked = state.records.filter((r) => r.verdict.outcome === 'blocked').length;
  const [format, setFormat] = useState<ExportFormat>('markdown');
  const [scope, setScope] = useState<'all' | 'blocked' | 'selected'>('blocked');
  const [stack, setStack] = useState<StackChoice>(loadStackChoice);
  const chooseStack = (choice: StackChoice) => {
    setStack(choice);
    saveStackChoice(choice);
  };
  return (
    <main class="panel" aria-label="CORS Lens">
      <div class="toolbar" role="toolbar" aria-label="Filters and actions">
        <h1>CORS</h1>
        <input
          type="search"
          aria-label="Filter by URL or header"
          placeholder="Filter URL or headers"
          value={state.filter.text}
          onInput={(e) => dispatch({ type: 'filter', filter: { text: e.currentTarget.value } })}
        />
        <label>
          <input
            type="checkbox"
            checked={state.filter.blockedOnly}
            onChange={(e) =>
              dispatch({ type: 'filter', filter: { blockedOnly: e.currentTarget.checked } })
            }
          />{' '}
          Blocked only
        </label>
        <select
          aria-label="Filter by CORS error"
          value={state.filter.code}
          onChange={(e) =>
            dispatch({
              type: 'filter',
              filter: { code: e.currentTarget.value as CorsErrorCode | '' },
            })
          }
        >
          <option value="">All errors</option>
          {corsErrorCodes.map((code) => (
            <option key={code} value={code}>
              {codeInfo[code].words}
            </option>
          ))}
        </select>
        <RecordingControls
          recording={recording}
          paused={paused}
          recordOnly={recordOnly}
          setRecording={actions.setRecording}
          setTabRecording={actions.setTabRecording}
          setRecordOnly={actions.setRecordOnly}
        />
        <label>
          <input
            type="checkbox"
            checked={preserveLog}
            onChange={(e) => actions.setPreserveLog(e.currentTarget.checked)}
          />{' '}
          Preserve log
        </label>
        <button type="button" onClick={actions.clear}>
          Clear
        </button>
        <select
          aria-label="Report format"
          value={format}
          onChange={(e) => setFormat(e.currentTarget.value as ExportFormat)}
        >
          <option value="markdown">Markdown</option>
          <option value="html">HTML</option>
          <option value="json">JSON</option>
        </select>
        <select
          aria-label="Report scope"
          value={scope}
          onChange={(e) => setScope(e.currentTarget.value as typeof scope)}
        >
          <option value="blocked">blocked</option>
          <option value="all">all</option>
          <option value="selected" disabled={!selected}>
            selected
          </option>
        </select>
        <button
          type="button"
          onClick={() =>
            actions.exportReport(format, scope === 'selected' && !selected ? 'blocked' : scope)
          }
        >
          Export report
        </button>
        <span class="counts" aria-live="polite">
          {state.records.length} requests · {blocked} blocked
          {state.connected ? '' : ' · reconnecting…'}
        </span>
      </div>
      {state.records.length === 0 ? (
        <div class="split">
          <EmptyState />
          <PasteBox />
        </div>
      ) : (
        <div class="split">
          <RequestList
            records={rows}
            selectedId={state.selectedId}
            onSelect={(id) => dispatch({ type: 'select', id })}
          />
          <div class="side">
            {selected ? (
              <Detail
                record={selected}
                copy={actions.copy}
                stack={stack}
                onStackChange={chooseStack}
                browser={browser}
              />
            ) : (
              <p class="muted hint">
                Select a request (arrow keys or click) to see why it passed or failed.
              </p>
            )}
            <PasteBox />
          </div>
        </div>
      )}
    </main>
  );
}
