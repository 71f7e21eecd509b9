import { useState } from 'preact/hooks';
import { displayLimit } from './format';

/** Long values are cut for display, with a button to see them whole. */
export function LongText({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  if (text.length <= displayLimit || open) return <span class="value">{text}</span>;
  return (
    <span class="value">
      {text.slice(0, displayLimit)}…{' '}
      <button type="button" class="link" onClick={() => setOpen(true)}>
        show all {text.length} characters
      </button>
    </span>
  );
}
