import { viaWords } from '../../../src/tracker/worker-requests';
import { worstSeverity, type Finding } from '../../../src/audit/finding';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ExchangeRecord } from '../../../src/tracker/tab-log';
import { hostAndPath } from '../../../src/http/origin';
import { outcomeText, preflightText, time } from './format';

export const rowHeight = 22;
const overscan = 10;

interface Props {
  records: ExchangeRecord[];
  /** Changes when the filter does. */
  filterKey?: string;
  selectedId: string | null;
  onSelect(id: string): void;
}

/**
 * The findings of a row: a flag and their count, so they never read as an error count; the
 * titles on hover, the words for screen readers.
 */
function FindingsBadge({ findings }: { findings: Pick<Finding, 'severity' | 'title'>[] }) {
  const worst = worstSeverity(findings);
  if (!worst) return null;
  const words = `${findings.length} finding${findings.length === 1 ? '' : 's'}, worst ${worst}`;
  return (
    <span
      class={`finding-badge ${worst}`}
      title={`${words}:\n${findings.map((f) => `${f.severity}: ${f.title}`).join('\n')}`}
      aria-label={words}
    >
      ⚑ {findings.length}
    </span>
  );
}

/**
 * The URL with the end of its path always in view: when the column is too narrow, the start
 * gives way to "…" (the cell runs right to left, the URL inside it stays an isolated
 * left-to-right run, so neither its order nor a hostile bidi control can change).
 */
function UrlCell({ url }: { url: string }) {
  return (
    <span class="c-url" title={url}>
      <bdi dir="ltr">{hostAndPath(url)}</bdi>
    </span>
  );
}

/** A virtualized list: only the rows in view exist in the DOM, so 10,000 stay smooth. */
export function RequestList({ records, filterKey = '', selectedId, onSelect }: Props) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const stickToBottom = useRef(true);

  useEffect(() => {
    const element = viewport.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || 400));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Newest at the bottom, like the Network panel: follow new rows while scrolled to the end.
  useEffect(() => {
    const element = viewport.current;
    if (element && stickToBottom.current) element.scrollTop = element.scrollHeight;
  }, [records.length]);

  // A new filter keeps the selected request in view, as the Network panel does.
  useEffect(() => {
    const element = viewport.current;
    const index = records.findIndex((r) => r.id === selectedId);
    if (!element || index < 0) return;
    const top = index * rowHeight;
    if (top < element.scrollTop || top > element.scrollTop + element.clientHeight - rowHeight) {
      element.scrollTop = top - element.clientHeight / 2;
      stickToBottom.current = false;
    }
  }, [filterKey]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(records.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const startedAt = records[0]?.startedAt ?? 0;
  const selectedIndex = records.findIndex((r) => r.id === selectedId);

  function onKeyDown(event: KeyboardEvent) {
    if (records.length === 0) return;
    const move = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (move !== 0) {
      event.preventDefault();
      const next =
        records[
          Math.min(
            records.length - 1,
            Math.max(
              0,
              (selectedIndex < 0 ? (move > 0 ? -1 : records.length) : selectedIndex) + move,
            ),
          )
        ];
      if (next) {
        onSelect(next.id);
        const element = viewport.current;
        const top = records.indexOf(next) * rowHeight;
        if (
          element &&
          (top < element.scrollTop || top > element.scrollTop + element.clientHeight - rowHeight)
        )
          element.scrollTop = top - element.clientHeight / 2;
      }
    } else if (event.key === 'Enter' && selectedIndex < 0 && records[0]) {
      onSelect(records[0].id);
    }
  }

  return (
    <div class="list" data-pane="list">
      <div class="row header" role="presentation">
        <span class="c-status">
          <span class="status-word">Status</span>
        </span>
        <span class="c-method">Method</span>
        <span class="c-url">URL</span>
        <span class="c-code">CORS error</span>
        <span class="c-preflight">Preflight</span>
        <span class="c-time">Time</span>
      </div>
      <div
        class="viewport"
        ref={viewport}
        role="listbox"
        aria-label="Cross-origin requests"
        aria-activedescendant={selectedId ? `row-${selectedId}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onScroll={(event) => {
          const element = event.currentTarget;
          setScrollTop(element.scrollTop);
          stickToBottom.current =
            element.scrollTop + element.clientHeight >= element.scrollHeight - rowHeight;
        }}
      >
        <div style={{ height: `${records.length * rowHeight}px`, position: 'relative' }}>
          {records.slice(first, last).map((record, offset) => {
            const { verdict, exchange } = record;
            return (
              <div
                key={record.id}
                id={`row-${record.id}`}
                role="option"
                aria-selected={record.id === selectedId}
                class={`row ${verdict.outcome}${record.id === selectedId ? ' selected' : ''}`}
                style={{ top: `${(first + offset) * rowHeight}px` }}
                onClick={() => onSelect(record.id)}
              >
                <span class="c-status">
                  <span class="dot" aria-hidden="true" />
                  <span class="status-word">{outcomeText[verdict.outcome]}</span>
                </span>
                <span class="c-method">
                  {exchange.request.method}
                  {record.via && (
                    <span class="via-mark" title={`via ${viaWords[record.via]}`}>
                      {' '}
                      ⚙<span class="sr-only">via {viaWords[record.via]}</span>
                    </span>
                  )}
                </span>
                <UrlCell url={exchange.request.url} />
                <span class="c-code" title={verdict.chromiumError ?? ''}>
                  <FindingsBadge findings={verdict.findings ?? []} />
                  {verdict.errorTitle ??
                    (verdict.outcome === 'network-error' ? 'Network error' : '')}
                </span>
                <span class="c-preflight">{preflightText(record)}</span>
                <span class="c-time">{time(record, startedAt)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
