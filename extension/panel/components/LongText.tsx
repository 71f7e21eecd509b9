import { useState } from 'preact/hooks';
import { displayLimit } from './format';

/**
 * A value that may wrap between its parts (after `/`, `,`, `:`, `;`, `&`, `=`, `?`) and never
 * inside a word: a URL or a header list breaks as a reader would break it.
 */
function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[/,:;&=?])/);
  return <>{parts.map((part, i) => (i === 0 ? part : [<wbr key={i} />, part]))}</>;
}

/** Long values are cut for display, with a button to see them whole. */
export function LongText({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  if (text.length <= displayLimit || open)
    return (
      <span class="value">
        <Breakable text={text} />
      </span>
    );
  return (
    <span class="value">
      <Breakable text={text.slice(0, displayLimit)} />…{' '}
      <button type="button" class="link" onClick={() => setOpen(true)}>
        show all {text.length} characters
      </button>
    </span>
  );
}
