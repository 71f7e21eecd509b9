// Layout checks evaluated inside a page (the panel at a given width): does the toolbar fit,
// does any word break across lines, does any pane draw over another. Self-contained, because
// Playwright serializes the function into the page.

export interface LayoutReport {
  /** Rows the toolbar's controls take. */
  toolbarRows: number;
  /** Words (letters and digits) drawn on more than one line, with where they are. */
  brokenWords: string[];
  /** Panes drawn over each other, and cells drawn outside their pane. */
  overlaps: string[];
}

export function layoutProblems(): LayoutReport {
  const box = (e: Element) => e.getBoundingClientRect();
  const visible = (e: Element) => {
    const r = box(e);
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
  };
  const toolbar = document.querySelector('[role="toolbar"]');
  const tops: number[] = [];
  for (const child of toolbar ? [...toolbar.children] : []) {
    if (!visible(child) || getComputedStyle(child).position === 'absolute') continue;
    const top = box(child).top;
    if (!tops.some((t) => Math.abs(t - top) < 8)) tops.push(top);
  }

  // A word is a run of letters and digits: "Origin", "localhost", "32885". Breaking a URL at a
  // slash or a list at a comma is fine; breaking inside a run is what reads badly. Runs longer
  // than 40 characters (tokens, hashes) cannot always fit a line and may break.
  const brokenWords: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    for (const match of text.matchAll(/[\p{L}\p{N}]{2,40}/gu)) {
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set(
        [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
      );
      if (lines.size > 1)
        brokenWords.push(
          `${match[0]} (in ${node.parentElement?.className || node.parentElement?.tagName})`,
        );
    }
  }

  const overlaps: string[] = [];
  const panes = [...document.querySelectorAll('[data-pane]')].filter(visible);
  // Panes scroll up and down, so a cell is only ever out of place sideways.
  const inside = (inner: DOMRect, outer: DOMRect) =>
    inner.left >= outer.left - 1 && inner.right <= outer.right + 1;
  panes.forEach((first, i) =>
    panes.slice(i + 1).forEach((second) => {
      const a = box(first);
      const b = box(second);
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 1 && y > 1)
        overlaps.push(
          `${first.getAttribute('data-pane')} over ${second.getAttribute('data-pane')}`,
        );
    }),
  );
  // Cells never spill out of their pane: the list's column headers, the detail's tables.
  for (const pane of panes) {
    const outer = box(pane);
    for (const cell of pane.querySelectorAll(
      '.row.header > span, .diff th, .diff td, [role="toolbar"] > *',
    ))
      if (visible(cell) && !inside(box(cell), outer))
        overlaps.push(
          `${cell.textContent?.slice(0, 30)} outside ${pane.getAttribute('data-pane')}`,
        );
    if (pane.getAttribute('data-pane') !== 'list' && pane.scrollWidth > pane.clientWidth + 1)
      overlaps.push(
        `${pane.getAttribute('data-pane')} scrolls sideways (${pane.scrollWidth} > ${pane.clientWidth})`,
      );
  }
  return { toolbarRows: tops.length, brokenWords, overlaps };
}
