import { useEffect, useState } from 'preact/hooks';

/** Below this width the list goes above the detail, as in DevTools' Network panel docked aside. */
export const narrowQuery = '(max-width: 720px)';

export function useNarrow(): boolean {
  // jsdom (the unit tests) has no matchMedia: wide, as a plain tab is.
  const query = globalThis.matchMedia?.(narrowQuery);
  const [narrow, setNarrow] = useState(() => query?.matches ?? false);
  useEffect(() => {
    if (!query) return undefined;
    const change = () => setNarrow(query.matches);
    query.addEventListener('change', change);
    return () => query.removeEventListener('change', change);
  }, []);
  return narrow;
}

const storageKey = 'cors-lens.split';
const clamp = (share: number) => Math.min(85, Math.max(15, Math.round(share)));

/** The list's share of the panel, in percent, per orientation; kept across panel openings. */
export function useSplit(narrow: boolean): [number, (share: number) => void] {
  const key = `${storageKey}.${narrow ? 'rows' : 'columns'}`;
  const fallback = narrow ? 35 : 50;
  const read = () => clamp(Number(localStorage.getItem(key)) || fallback);
  const [share, setShare] = useState(read);
  useEffect(() => setShare(read()), [key]);
  return [
    share,
    (next) => {
      const value = clamp(next);
      setShare(value);
      localStorage.setItem(key, String(value));
    },
  ];
}

/**
 * The bar between the list and the detail: drag it, or focus it and use the arrow keys
 * (Home and End for the limits), as with DevTools' own split views.
 */
export function Splitter({
  narrow,
  share,
  onChange,
}: {
  narrow: boolean;
  share: number;
  onChange(share: number): void;
}) {
  const start = (event: PointerEvent) => {
    const bar = event.currentTarget as HTMLElement;
    const area = bar.parentElement?.getBoundingClientRect();
    if (!area) return;
    bar.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) =>
      onChange(
        narrow
          ? ((e.clientY - area.top) / area.height) * 100
          : ((e.clientX - area.left) / area.width) * 100,
      );
    const end = () => {
      bar.removeEventListener('pointermove', move);
      bar.removeEventListener('pointerup', end);
    };
    bar.addEventListener('pointermove', move);
    bar.addEventListener('pointerup', end);
  };
  const keys: Record<string, number> = narrow
    ? { ArrowUp: -5, ArrowDown: 5, Home: -100, End: 100 }
    : { ArrowLeft: -5, ArrowRight: 5, Home: -100, End: 100 };
  return (
    <div
      class={`splitter ${narrow ? 'rows' : 'columns'}`}
      role="separator"
      aria-label="Resize the request list"
      aria-orientation={narrow ? 'horizontal' : 'vertical'}
      aria-valuenow={share}
      aria-valuemin={15}
      aria-valuemax={85}
      tabIndex={0}
      onPointerDown={start}
      onKeyDown={(event) => {
        const step = keys[event.key];
        if (step === undefined) return;
        event.preventDefault();
        onChange(share + step);
      }}
    />
  );
}
