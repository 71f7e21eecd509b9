import { useMemo, useState } from 'preact/hooks';
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
import { Splitter, useNarrow, useSplit } from './Splitter';
import { Toolbar } from './Toolbar';
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
  const [stack, setStack] = useState<StackChoice>(loadStackChoice);
  const chooseStack = (choice: StackChoice) => {
    setStack(choice);
    saveStackChoice(choice);
  };
  const narrow = useNarrow();
  const [share, setShare] = useSplit(narrow);
  const template = `minmax(0, ${share}fr) 5px minmax(0, ${100 - share}fr)`;
  return (
    <main class="panel" aria-label="CORS Lens">
      <Toolbar
        state={state}
        dispatch={dispatch}
        actions={actions}
        preserveLog={preserveLog}
        recording={recording}
        paused={paused}
        recordOnly={recordOnly}
        hasSelection={!!selected}
      />
      {state.records.length === 0 ? (
        <div class="split empty-split" data-pane="detail">
          <EmptyState />
          <PasteBox />
        </div>
      ) : (
        <div
          class={`split ${narrow ? 'rows' : 'columns'}`}
          style={narrow ? { gridTemplateRows: template } : { gridTemplateColumns: template }}
        >
          <RequestList
            records={rows}
            filterKey={JSON.stringify(state.filter)}
            selectedId={state.selectedId}
            onSelect={(id) => dispatch({ type: 'select', id })}
          />
          <Splitter narrow={narrow} share={share} onChange={setShare} />
          <div class="side" data-pane="detail">
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
