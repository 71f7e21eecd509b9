import type { Exchange } from '../../../src/exchange/types';
import type { Verdict } from '../../../src/analyzer/verdict';
import { suggestFix } from '../../../src/fixes/suggest-fix';
import { stackIds, stacks, type StackChoice } from '../../../src/fixes/stacks';
import { CopyButton, Inline } from './CopyButton';

interface Props {
  exchange: Exchange;
  verdict: Verdict;
  stack: StackChoice;
  onStackChange(stack: StackChoice): void;
  copy(text: string): void;
}

export function FixSection({ exchange, verdict, stack, onStackChange, copy }: Props) {
  const fix = suggestFix(exchange, verdict, stack);
  if (fix.kind === 'none') return null;
  const detected = fix.detected ? stacks[fix.detected.stack].label : null;
  return (
    <section class="fix" aria-label="Suggested fix">
      <h3>Suggested fix</h3>
      <div class="fix-bar">
        <label>
          Server:{' '}
          <select
            aria-label="Server stack"
            value={stack}
            onChange={(e) => onStackChange(e.currentTarget.value as StackChoice)}
          >
            <option value="auto">
              {detected ? `Detected: ${detected}` : 'Not detected: plain headers'}
            </option>
            {stackIds.map((id) => (
              <option key={id} value={id}>
                {stacks[id].label}
              </option>
            ))}
          </select>
        </label>
        {fix.detected && stack === 'auto' && (
          <span class="muted" title="What gave the server away">
            from {fix.detected.because}
          </span>
        )}
        {!fix.verified && <span class="unverified">not verified against a live server</span>}
      </div>
      {fix.causes.length > 0 && (
        <ul class="causes">
          {fix.causes.map((cause) => (
            <li key={cause.text} class={cause.side}>
              <Inline text={cause.text} />
            </li>
          ))}
        </ul>
      )}
      {fix.changes.length > 0 && (
        <ol class="changes" aria-label="Changes">
          {fix.changes.map((change) => (
            <li key={change}>
              <Inline text={change} />
            </li>
          ))}
        </ol>
      )}
      {fix.config && (
        <div class="config">
          <p class="muted">
            The resulting config, in <code>{fix.file}</code>:
          </p>
          <pre aria-label={`Fix for ${fix.stackLabel}`}>{fix.config}</pre>
          <CopyButton text={fix.config} label="Copy fix" copy={copy} />
        </div>
      )}
      {fix.notes.length > 0 && (
        <ul class="notes">
          {fix.notes.map((note) => (
            <li key={note}>
              <Inline text={note} />
            </li>
          ))}
        </ul>
      )}
      <p class="muted cannot-change">
        <Inline text={fix.cannotChangeServer} />
      </p>
    </section>
  );
}
