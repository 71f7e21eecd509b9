import { codeInfo, type CorsErrorCode } from '../../src/analyzer/cors-errors';
import type { ExchangeRecord } from '../../src/tracker/tab-log';
import type { ExportFormat } from '../../src/protocol/messages';
import { hostAndPath } from '../../src/http/origin';
import { worstSeverity } from '../../src/audit/finding';

interface Props {
  records: ExchangeRecord[];
  onExport(format: ExportFormat): void;
  /** Recording on or paused (every tab); absent: not known yet. */
  recording?: boolean;
  onRecordingChange?(on: boolean): void;
  /** This tab paused. */
  paused?: boolean;
  onTabRecordingChange?(on: boolean): void;
  /** The servers recorded (set in the panel); empty: every server. */
  recordOnly?: string[];
}

/** Configurations that work too well: how many, and the worst, across the tab. */
function FindingsLine({ records }: { records: ExchangeRecord[] }) {
  const findings = records.flatMap((r) => r.verdict.findings ?? []);
  const worst = worstSeverity(findings);
  if (!worst) return null;
  const kinds = new Set(findings.map((f) => f.id)).size;
  return (
    <p class={`findings ${worst}`} aria-label="Findings">
      {findings.length} configuration finding{findings.length === 1 ? '' : 's'} ({kinds} kind
      {kinds === 1 ? '' : 's'}), worst <strong>{worst}</strong>: see Findings in the panel.
    </p>
  );
}

/** The current tab at a glance: blocked requests by code, the latest ones, the report. */
export function Popup({
  records,
  onExport,
  recording,
  onRecordingChange,
  paused = false,
  onTabRecordingChange,
  recordOnly = [],
}: Props) {
  const blocked = records.filter((r) => r.verdict.outcome === 'blocked');
  const byCode = new Map<CorsErrorCode, number>();
  for (const r of blocked)
    if (r.verdict.chromiumError)
      byCode.set(r.verdict.chromiumError, (byCode.get(r.verdict.chromiumError) ?? 0) + 1);
  return (
    <main class="popup" aria-label="CORS Lens summary">
      <h1>CORS Lens</h1>
      {recording !== undefined && onRecordingChange && (
        <p class="recording">
          <button type="button" onClick={() => onRecordingChange(!recording)}>
            {recording ? 'Pause recording' : 'Resume recording'}
          </button>
          {recording && onTabRecordingChange && (
            <button type="button" onClick={() => onTabRecordingChange(paused)}>
              {paused ? 'Resume this tab' : 'Pause this tab'}
            </button>
          )}
          {!recording && <span class="muted"> Paused in every tab: the browser pays nothing.</span>}
          {recording && paused && <span class="muted"> This tab is paused.</span>}
        </p>
      )}
      {recording && recordOnly.length > 0 && (
        <p class="muted record-only">Only requests to {recordOnly.join(', ')}</p>
      )}
      <p class="headline">
        {blocked.length === 0
          ? 'No blocked requests in this tab'
          : `${blocked.length} blocked request${blocked.length === 1 ? '' : 's'}`}
        <span class="muted"> · {records.length} cross-origin recorded</span>
      </p>
      {byCode.size > 0 && (
        <table class="codes" aria-label="Blocked requests by error">
          <tbody>
            {[...byCode]
              .sort((a, b) => b[1] - a[1])
              .slice(0, 6)
              .map(([code, count]) => (
                <tr key={code}>
                  <td class="count">{count}</td>
                  <td>{codeInfo[code].words}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      {byCode.size > 6 && <p class="muted">and {byCode.size - 6} other kinds of error</p>}
      <FindingsLine records={records} />
      {blocked.length > 0 && (
        <>
          <h2>Latest</h2>
          <ul class="latest">
            {blocked
              .slice(-5)
              .reverse()
              .map((r) => (
                <li key={r.id}>
                  <span class="url" title={r.exchange.request.url}>
                    {r.exchange.request.method} {hostAndPath(r.exchange.request.url)}
                  </span>
                  <span class="summary">{r.verdict.summary}</span>
                </li>
              ))}
          </ul>
        </>
      )}
      <div class="actions">
        <span>Report for the backend team:</span>{' '}
        {(['markdown', 'html', 'json'] as const).map((format) => (
          <button
            key={format}
            type="button"
            onClick={() => onExport(format)}
            disabled={records.length === 0}
          >
            {format === 'markdown' ? 'Markdown' : format.toUpperCase()}
          </button>
        ))}
      </div>
      <p class="hint">
        Open DevTools → CORS for the diff, the explanation and the fix of each request.
      </p>
    </main>
  );
}
