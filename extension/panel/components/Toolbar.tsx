import { useState } from 'preact/hooks';
import { codeInfo, corsErrorCodes, type CorsErrorCode } from '../../../src/analyzer/cors-errors';
import type { ExportFormat } from '../../../src/protocol/messages';
import type { PanelAction, PanelState } from '../../../src/ui/panel-store';
import { Icon, type IconName } from './Icons';
import type { PanelActions } from './Panel';
import { RecordingControls } from './RecordingControls';
import { ToolbarMenu } from './ToolbarMenu';

export type ExportScope = 'all' | 'blocked' | 'selected';

interface Props {
  state: PanelState;
  dispatch(action: PanelAction): void;
  actions: PanelActions;
  preserveLog: boolean;
  recording: boolean;
  paused: boolean;
  recordOnly: string[];
  hasSelection: boolean;
}

/** An icon button that stays pressed while its setting is on, as DevTools' toggles do. */
function Toggle(props: {
  label: string;
  title: string;
  icon: IconName;
  pressed: boolean;
  class?: string;
  onToggle(on: boolean): void;
}) {
  return (
    <button
      type="button"
      class={`tool toggle ${props.class ?? ''}`}
      aria-label={props.label}
      title={props.title}
      aria-pressed={props.pressed}
      onClick={() => props.onToggle(!props.pressed)}
    >
      <Icon name={props.icon} />
    </button>
  );
}

function Choices<const T extends string>(props: {
  legend: string;
  name: string;
  value: T;
  choices: { value: T; words: string; disabled?: boolean }[];
  onChange(value: T): void;
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.choices.map((c) => (
        <label key={c.value}>
          <input
            type="radio"
            name={props.name}
            checked={props.value === c.value}
            disabled={c.disabled}
            onChange={() => props.onChange(c.value)}
          />{' '}
          {c.words}
        </label>
      ))}
    </fieldset>
  );
}

const formatWords: Record<ExportFormat, string> = {
  markdown: 'Markdown',
  html: 'HTML',
  json: 'JSON',
};
const scopeWords: Record<ExportScope, string> = {
  blocked: 'blocked requests',
  all: 'all requests',
  selected: 'the selected request',
};

/**
 * One compact row, as DevTools' own panels have: record and clear, the filters, preserve log,
 * the counts, then export and the recording settings behind menus. At 500 px it wraps once.
 */
export function Toolbar({
  state,
  dispatch,
  actions,
  preserveLog,
  recording,
  paused,
  recordOnly,
  hasSelection,
}: Props) {
  const [format, setFormat] = useState<ExportFormat>('markdown');
  const [scope, setScope] = useState<ExportScope>('blocked');
  const exportScope = scope === 'selected' && !hasSelection ? 'blocked' : scope;
  const blocked = state.records.filter((r) => r.verdict.outcome === 'blocked').length;
  return (
    <div class="toolbar" role="toolbar" aria-label="Filters and actions" data-pane="toolbar">
      <h1 class="sr-only">CORS</h1>
      <span class="tool-group">
        <Toggle
          label="Recording"
          title={
            recording
              ? 'Stop recording (CORS Lens removes its listeners; the browser pays nothing)'
              : 'Record requests in every tab'
          }
          icon="record"
          class="record"
          pressed={recording}
          onToggle={actions.setRecording}
        />
        <button
          type="button"
          class="tool"
          aria-label="Clear"
          title="Clear this tab’s requests"
          onClick={actions.clear}
        >
          <Icon name="clear" />
        </button>
      </span>
      <span class="tool-group grow">
        <input
          type="search"
          aria-label="Filter by URL or header"
          placeholder="Filter URL or headers"
          value={state.filter.text}
          onInput={(e) => dispatch({ type: 'filter', filter: { text: e.currentTarget.value } })}
        />
        <Toggle
          label="Blocked only"
          title="Show blocked requests only"
          icon="filter"
          pressed={state.filter.blockedOnly}
          onToggle={(on) => dispatch({ type: 'filter', filter: { blockedOnly: on } })}
        />
        <select
          aria-label="Filter by CORS error"
          title="Filter by CORS error"
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
      </span>
      <span class="tool-group">
        <Toggle
          label="Preserve log"
          title="Preserve log: keep this tab’s requests when it navigates"
          icon="preserve"
          pressed={preserveLog}
          onToggle={actions.setPreserveLog}
        />
        <ToolbarMenu label="Recording settings" icon="settings">
          <RecordingControls
            recording={recording}
            paused={paused}
            recordOnly={recordOnly}
            setTabRecording={actions.setTabRecording}
            setRecordOnly={actions.setRecordOnly}
          />
        </ToolbarMenu>
      </span>
      <span class="counts" aria-live="polite">
        {state.records.length} requests · {blocked} blocked
        {!recording ? ' · not recording' : paused ? ' · this tab paused' : ''}
        {state.connected ? '' : ' · reconnecting…'}
      </span>
      <span class="tool-group split-button">
        <button
          type="button"
          class="tool with-text"
          aria-label="Export report"
          title={`Export ${scopeWords[exportScope]} as ${formatWords[format]}`}
          onClick={() => actions.exportReport(format, exportScope)}
        >
          <Icon name="download" />
          <span class="tool-text">Export</span>
        </button>
        <ToolbarMenu label="Report options">
          <Choices
            legend="Report format"
            name="format"
            value={format}
            choices={(['markdown', 'html', 'json'] as const).map((value) => ({
              value,
              words: formatWords[value],
            }))}
            onChange={(value) => setFormat(value)}
          />
          <Choices
            legend="Report scope"
            name="scope"
            value={scope}
            choices={(['blocked', 'all', 'selected'] as const).map((value) => ({
              value,
              words: scopeWords[value],
              disabled: value === 'selected' && !hasSelection,
            }))}
            onChange={(value) => setScope(value)}
          />
        </ToolbarMenu>
      </span>
    </div>
  );
}
