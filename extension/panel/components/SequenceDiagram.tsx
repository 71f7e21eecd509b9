import { useMemo } from 'preact/hooks';
import type { Verdict } from '../../../src/analyzer/verdict';
import type { Exchange } from '../../../src/exchange/types';
import { diagramLayout, diagramNames, sequenceDiagram } from '../../../src/report/sequence-diagram';

/** The exchange as arrows between the page and the server (layout in src/report). */
export function SequenceDiagram({ exchange, verdict }: { exchange: Exchange; verdict: Verdict }) {
  const { diagram, layout } = useMemo(() => {
    const diagram = sequenceDiagram(exchange, verdict);
    return { diagram, layout: diagramLayout(diagram, diagramNames(exchange)) };
  }, [exchange, verdict]);
  return (
    <svg
      class="seq"
      role="img"
      aria-label={diagram.label}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width={layout.width}
      height={layout.height}
    >
      {layout.shapes.map((s, i) =>
        s.tag === 'line' ? (
          <line key={i} x1={s.x1} y1={s.y1} x2={s.x2} y2={s.y2} class={s.class} />
        ) : s.tag === 'path' ? (
          <path key={i} d={s.d} class={s.class} />
        ) : (
          <text key={i} x={s.x} y={s.y} class={s.class} text-anchor={s.anchor}>
            {s.text}
          </text>
        ),
      )}
    </svg>
  );
}
