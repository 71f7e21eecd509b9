import { viaSentence, viaWords } from '../../../src/tracker/worker-requests';
import { pageSentence } from '../../../src/tracker/page-requests';
import { workerCause } from '../../../src/analyzer/worker-cause';
import { useMemo } from 'preact/hooks';
import { analyze } from '../../../src/analyzer/analyze';
import type { DiffRow, Verdict } from '../../../src/analyzer/verdict';
import type { Header } from '../../../src/exchange/types';
import { preflightCurl, requestCurl } from '../../../src/report/curl';
import type { ExchangeRecord } from '../../../src/tracker/tab-log';
import { LongText } from './LongText';
import { CopyButton, Inline } from './CopyButton';
import type { StackChoice } from '../../../src/fixes/stacks';
import { FixSection } from './FixSection';
import { FindingsSection } from './FindingsSection';
import { WhatIf } from './WhatIf';
import { SequenceDiagram } from './SequenceDiagram';

interface Props {
  record: ExchangeRecord;
  copy(text: string): void;
  stack: StackChoice;
  onStackChange(stack: StackChoice): void;
  browser?: 'chromium' | 'firefox';
}

const diffColumns = ['Browser asked', 'Preflight allowed', 'Response allowed', 'Result'] as const;

/**
 * Asked vs allowed. A table while the pane is wide; below 560 px each row stacks its cells
 * under their column names (panel.css), so no word is ever cut. The roles are explicit
 * because a table drawn as blocks loses them otherwise.
 */
function DiffTable({ rows }: { rows: DiffRow[] }) {
  return (
    <table
      class="diff"
      role="table"
      aria-label="What the browser asked for and what the server allowed"
    >
      <thead role="rowgroup">
        <tr role="row">
          <th scope="col" role="columnheader">
            <span class="sr-only">What</span>
          </th>
          {diffColumns.map((name) => (
            <th key={name} scope="col" role="columnheader">
              {name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup">
        {rows.map((row) => (
          <tr
            key={`${row.dimension}-${row.name}`}
            role="row"
            class={`${row.result}${row.decisive ? ' decisive' : ''}`}
          >
            <th scope="row" role="rowheader">
              {row.name}
            </th>
            {[row.asked, row.preflightAllowed, row.responseAllowed].map((value, i) => (
              <td key={i} role="cell" data-label={diffColumns[i]} class={value ? '' : 'none'}>
                <LongText text={value ?? '—'} />
              </td>
            ))}
            <td role="cell" data-label="Result">
              <span class="result">{row.result === 'not-checked' ? '—' : row.result}</span>{' '}
              <span class="note">{row.note}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Headers({ title, headers }: { title: string; headers: Header[] }) {
  return (
    <details>
      <summary>
        {title} ({headers.length})
      </summary>
      {headers.length === 0 ? (
        <p class="muted">none observed</p>
      ) : (
        <dl class="headers">
          {headers.map((h, i) => (
            <div key={i}>
              <dt>{h.name}:</dt>
              <dd>
                <LongText text={h.value} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </details>
  );
}

/** The error's names: Firefox's reason first in Firefox, Chromium's code first elsewhere. */
function ErrorNames({ verdict, browser }: { verdict: Verdict; browser: 'chromium' | 'firefox' }) {
  if (!verdict.chromiumError && !verdict.firefoxReason) return null;
  const chromium = verdict.chromiumError && (
    <>
      <code>{verdict.chromiumError}</code>
      {verdict.failedParameter && (
        <>
          {' '}
          — <code>{verdict.failedParameter}</code>
        </>
      )}
    </>
  );
  if (browser === 'firefox')
    return (
      <p class="code">
        {verdict.firefoxReason && <code>{verdict.firefoxReason}</code>}
        {chromium && <span class="muted"> · Chromium: {chromium}</span>}
      </p>
    );
  return (
    <p class="code">
      {chromium}
      {verdict.firefoxReason && <span class="muted"> · Firefox: {verdict.firefoxReason}</span>}
    </p>
  );
}

/** In Firefox its own message comes first, Chrome's second; elsewhere Chrome's alone. */
function consoleMessages(verdict: Verdict, browser: 'chromium' | 'firefox') {
  const chrome = { who: 'Chrome’s', text: verdict.consoleMessage };
  return browser === 'firefox'
    ? [{ who: 'Firefox’s', text: verdict.firefoxMessage }, chrome]
    : [chrome];
}

export function Detail({ record, copy, stack, onStackChange, browser = 'chromium' }: Props) {
  const verdict = useMemo(() => analyze(record.exchange), [record]);
  const { exchange } = record;
  const cause = record.page && workerCause(exchange, verdict, record.page);
  const preflight = preflightCurl(exchange);
  return (
    <section class="detail" aria-label="Selected request">
      <h2 class={`summary ${verdict.outcome}`}>
        <Inline text={verdict.summary} />
      </h2>
      {record.via && (
        <p class="via">
          <strong>Via {viaWords[record.via]}.</strong>{' '}
          {viaSentence(record.via, exchange.request.origin, record.sharedBy)}
          {record.page && ` ${pageSentence(record.page)}`}
        </p>
      )}
      {cause && (
        <div class="worker-cause" role="note">
          <h3>Caused by the service worker</h3>
          <p>{cause.explanation}</p>
          <p>{cause.fix}</p>
        </div>
      )}
      <ErrorNames verdict={verdict} browser={browser} />
      {consoleMessages(verdict, browser).map(
        (m, i) =>
          m.text && (
            <div class="console" key={m.who}>
              <h3>{m.who} console message</h3>
              <pre>{m.text}</pre>
              <CopyButton
                text={m.text}
                label={i === 0 ? 'Copy message' : `Copy ${m.who} message`}
                copy={copy}
              />
            </div>
          ),
      )}
      <h3>Sequence</h3>
      <SequenceDiagram exchange={exchange} verdict={verdict} />
      {verdict.diff.length > 0 && (
        <>
          <h3>Asked vs allowed</h3>
          <DiffTable rows={verdict.diff} />
        </>
      )}
      {verdict.notCors ? (
        <div class="not-cors">
          <h3>Not a CORS error: {verdict.notCors.title}</h3>
          <p>{verdict.notCors.cause}</p>
          <p>
            <strong>To confirm:</strong> {verdict.notCors.confirm}
          </p>
          <p>
            <strong>What to do:</strong> {verdict.notCors.action}
          </p>
        </div>
      ) : (
        verdict.explanation && (
          <>
            <h3>Why</h3>
            <p class="explanation">
              <Inline text={verdict.explanation} />
            </p>
          </>
        )
      )}
      <FixSection
        exchange={exchange}
        verdict={verdict}
        stack={stack}
        onStackChange={onStackChange}
        copy={copy}
      />
      <WhatIf key={record.id} exchange={exchange} verdict={verdict} stack={stack} />
      <FindingsSection exchange={exchange} verdict={verdict} stack={stack} copy={copy} />
      {verdict.warnings.length + verdict.assumptions.length > 0 && <h3>Notes</h3>}
      {verdict.warnings.length + verdict.assumptions.length > 0 && (
        <ul class="notes">
          {verdict.warnings.map((w) => (
            <li key={w} class="warning">
              <Inline text={w} />
            </li>
          ))}
          {verdict.assumptions.map((a) => (
            <li key={a} class="assumption">
              <Inline text={a} />
            </li>
          ))}
        </ul>
      )}
      <h3>Raw headers</h3>
      <Headers title="Request headers" headers={exchange.request.headers} />
      {exchange.preflight && (
        <Headers title="Preflight request headers" headers={exchange.preflight.requestHeaders} />
      )}
      {exchange.preflight && (
        <Headers
          title={`Preflight response headers (status ${exchange.preflight.status ?? exchange.preflight.error ?? '?'})`}
          headers={exchange.preflight.headers}
        />
      )}
      {(exchange.redirects ?? []).map((r, i) => (
        <Headers
          key={i}
          title={`Redirect ${i + 1} response headers (status ${r.status})`}
          headers={r.headers}
        />
      ))}
      {exchange.response && (
        <Headers
          title={`Response headers (status ${exchange.response.status})`}
          headers={exchange.response.headers}
        />
      )}
      <h3>Reproduce</h3>
      <div class="curl">
        {preflight && (
          <div>
            <pre aria-label="Preflight as curl">{preflight}</pre>
            <CopyButton text={preflight} label="Copy preflight as curl" copy={copy} />
          </div>
        )}
        <div>
          <pre aria-label="Request as curl">{requestCurl(exchange)}</pre>
          <CopyButton text={requestCurl(exchange)} label="Copy request as curl" copy={copy} />
        </div>
      </div>
    </section>
  );
}
