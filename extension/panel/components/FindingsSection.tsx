import type { Verdict } from '../../../src/analyzer/verdict';
import type { Exchange } from '../../../src/exchange/types';
import { safeConfigFor } from '../../../src/audit/finding-fix';
import type { StackChoice } from '../../../src/fixes/stacks';
import { CopyButton, Inline } from './CopyButton';
import { LongText } from './LongText';

interface Props {
  exchange: Exchange;
  verdict: Verdict;
  stack: StackChoice;
  copy(text: string): void;
}

/** What the headers reveal about the server's CORS configuration, blocked or not. */
export function FindingsSection({ exchange, verdict, stack, copy }: Props) {
  const findings = verdict.findings ?? [];
  if (findings.length === 0) return null;
  const safe = safeConfigFor(exchange, verdict, stack);
  return (
    <section class="findings" aria-label="Findings">
      <h3>Findings ({findings.length})</h3>
      <ul>
        {findings.map((finding) => (
          <li key={finding.id} class={`finding ${finding.severity}`}>
            <p>
              <span class={`severity ${finding.severity}`}>{finding.severity}</span>{' '}
              <strong>
                <Inline text={finding.title} />
              </strong>{' '}
              <code class="muted">{finding.id}</code>
            </p>
            <p>
              <Inline text={finding.risk} />
            </p>
            <ul class="evidence" aria-label={`Evidence for ${finding.id}`}>
              {finding.evidence.map((line) => (
                <li key={line}>
                  <code>
                    <LongText text={line} />
                  </code>
                </li>
              ))}
            </ul>
            {finding.confirm && (
              <p class="muted">
                <Inline text={finding.confirm} />
              </p>
            )}
            <p>
              Fix: <Inline text={finding.fix} />
            </p>
          </li>
        ))}
      </ul>
      {safe && (
        <div class="config">
          <p class="muted">
            A safe config for this endpoint ({safe.stackLabel}, <code>{safe.file}</code>):
          </p>
          <pre aria-label="Safe config">{safe.config}</pre>
          <CopyButton text={safe.config} label="Copy safe config" copy={copy} />
        </div>
      )}
    </section>
  );
}
