import { useMemo, useState } from 'preact/hooks';
import { analyze } from '../../../src/analyzer/analyze';
import type { Verdict } from '../../../src/analyzer/verdict';
import type { Exchange } from '../../../src/exchange/types';
import { suggestFix } from '../../../src/fixes/suggest-fix';
import {
  formatHeaderLines,
  parseHeaderLines,
  withPolicy,
  withServerHeaders,
} from '../../../src/fixes/what-if';
import type { StackChoice } from '../../../src/fixes/stacks';

interface Props {
  exchange: Exchange;
  verdict: Verdict;
  stack: StackChoice;
}

interface Texts {
  preflight: string;
  response: string;
}

function captured(exchange: Exchange): Texts {
  return {
    preflight: formatHeaderLines(exchange.preflight?.headers ?? []),
    response: formatHeaderLines(exchange.response?.headers ?? []),
  };
}

/**
 * Edit what the server sent and see the verdict the exchange would get. Runs the analyzer
 * on the captured exchange only: nothing is sent anywhere.
 */
export function WhatIf({ exchange, verdict, stack }: Props) {
  const [texts, setTexts] = useState<Texts>(() => captured(exchange));
  const preflight = parseHeaderLines(texts.preflight);
  const response = parseHeaderLines(texts.response);
  const result = useMemo(
    () =>
      analyze(
        withServerHeaders(exchange, { preflight: preflight.headers, response: response.headers }),
      ),
    [exchange, texts],
  );
  const fix = suggestFix(exchange, verdict, stack);
  const applyFix = () => {
    if (!fix.policy) return;
    const fixed = withPolicy(exchange, verdict, fix.policy);
    setTexts({
      preflight: formatHeaderLines(fixed.preflight?.headers ?? []),
      response: formatHeaderLines(fixed.response?.headers ?? []),
    });
  };
  const errors = [...preflight.errors.map((e) => `Preflight: ${e}`), ...response.errors];
  return (
    <details class="what-if">
      <summary>What if the server sent…</summary>
      <p class="muted">
        Edit the headers the server sent; CORS Lens re-checks this exchange on every keystroke.
        Nothing is sent to the server.
      </p>
      <div class="what-if-editors">
        {exchange.preflight && (
          <label>
            Preflight response headers
            <textarea
              aria-label="Preflight response headers"
              rows={6}
              spellcheck={false}
              value={texts.preflight}
              onInput={(e) => setTexts({ ...texts, preflight: e.currentTarget.value })}
            />
          </label>
        )}
        <label>
          Response headers
          {exchange.response ? '' : ' (not sent by the browser: status 200 assumed)'}
          <textarea
            aria-label="Response headers"
            rows={6}
            spellcheck={false}
            value={texts.response}
            onInput={(e) => setTexts({ ...texts, response: e.currentTarget.value })}
          />
        </label>
      </div>
      <div class="what-if-bar">
        <button type="button" disabled={!fix.policy} onClick={applyFix}>
          Apply suggested fix
        </button>
        <button type="button" onClick={() => setTexts(captured(exchange))}>
          Reset to captured
        </button>
      </div>
      {errors.length > 0 && (
        <ul class="notes" role="alert">
          {errors.map((e) => (
            <li key={e} class="warning">
              {e}
            </li>
          ))}
        </ul>
      )}
      <p class={`what-if-result ${result.outcome}`} aria-live="polite" aria-label="What-if verdict">
        <strong>{result.outcome === 'ok' ? 'Would pass' : `Would be ${result.outcome}`}</strong>
        {result.chromiumError ? ` — ${result.chromiumError}` : ''}: {result.summary}
      </p>
    </details>
  );
}
