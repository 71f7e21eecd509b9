import { useState } from 'preact/hooks';

export function CopyButton({
  text,
  label,
  copy,
}: {
  text: string;
  label: string;
  copy(text: string): void;
}) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      onClick={() => {
        copy(text);
        setDone(true);
        setTimeout(() => setDone(false), 1500);
      }}
    >
      {done ? 'Copied' : label}
    </button>
  );
}

/** Text with `backticked` spans shown as code; every part stays a text node. */
export function Inline({ text }: { text: string }) {
  return (
    <>{text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>
  );
}
