import { useMemo, useState } from 'preact/hooks';
import { parseConsoleMessage } from '../../../src/explain/parse-console-message';

/** For errors seen before recording started: paste the console text, get the explanation. */
export function PasteBox() {
  const [text, setText] = useState('');
  const parsed = useMemo(() => (text.trim() ? parseConsoleMessage(text) : null), [text]);
  return (
    <section class="paste" aria-label="Explain a console error">
      <label for="paste-input">Paste the console error you saw</label>
      <textarea
        id="paste-input"
        rows={3}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        placeholder="Access to fetch at '…' from origin '…' has been blocked by CORS policy: …"
      />
      {text.trim() && !parsed && (
        <p class="muted">This does not look like a CORS error from Chrome or Firefox.</p>
      )}
      {parsed && (
        <div class="paste-result">
          <p>
            <code>{parsed.chromiumError ?? parsed.firefoxReason}</code>
            {parsed.failedParameter && (
              <>
                {' '}
                — <code>{parsed.failedParameter}</code>
              </>
            )}
          </p>
          <p class="summary">{parsed.summary}</p>
          <p class="explanation">{parsed.explanation}</p>
          <ul class="changes">
            {parsed.headerChanges.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
