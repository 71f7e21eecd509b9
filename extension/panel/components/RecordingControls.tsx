import { useEffect, useState } from 'preact/hooks';
import { recordScope, scopeEntries } from '../../../src/tracker/record-scope';

interface Props {
  /** Every tab (the listeners are removed when off). */
  recording: boolean;
  /** This tab paused (its requests are ignored). */
  paused: boolean;
  /** The servers recorded; empty: every server. */
  recordOnly: string[];
  setTabRecording(on: boolean): void;
  setRecordOnly(entries: string[]): void;
}

/** The recording settings behind the toolbar's gear: this tab, and which servers. */
export function RecordingControls(props: Props) {
  const [draft, setDraft] = useState(props.recordOnly.join(', '));
  useEffect(() => setDraft(props.recordOnly.join(', ')), [props.recordOnly.join(',')]);
  const { invalid } = recordScope([draft]);
  const commit = () => {
    const entries = scopeEntries(draft);
    if (entries.join(',') !== props.recordOnly.join(',')) props.setRecordOnly(entries);
  };
  return (
    <>
      <label title="Off: this tab's requests are ignored (the badge says off)">
        <input
          type="checkbox"
          checked={props.recording && !props.paused}
          disabled={!props.recording}
          onChange={(e) => props.setTabRecording(e.currentTarget.checked)}
        />{' '}
        Record this tab
      </label>
      <label class="stacked">
        Record only requests to
        <input
          type="text"
          class={invalid.length > 0 ? 'record-only invalid' : 'record-only'}
          title={
            invalid.length > 0
              ? `Not a server, ignored: ${invalid.join(', ')}`
              : 'Only requests to these servers are recorded (origins, host:port, *.example.com); requests to other servers are not even passed to CORS Lens'
          }
          placeholder="Only requests to… (all servers)"
          value={draft}
          onInput={(e) => setDraft(e.currentTarget.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
        />
      </label>
    </>
  );
}
