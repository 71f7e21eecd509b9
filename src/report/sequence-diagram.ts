// A sequence diagram of one exchange: the page and the server as two lifelines, the preflight,
// each redirect and the actual request as arrows, each labelled with its status and the
// headers that decide it. The failing step is drawn in red with its value; a preflight the
// browser took from its cache is drawn dashed, one that was never sent is named so.
//
// One layout, two renderers: `diagramShapes` places everything (plain data), the panel maps
// the shapes to Preact elements and `diagramSvg` writes them as a string for the HTML report.
// Every label passes through `printable`, so no control or bidi character reaches a page.

import type { Verdict } from '../analyzer/verdict';
import type { Exchange, Header, ObservedPreflight } from '../exchange/types';
import { getHeader } from '../http/header-list';
import { hostAndPath, urlParts } from '../http/origin';
import { resolveLocation } from '../analyzer/rules/redirect';
import { escapeHtml } from './escape-html';
import { printable } from './printable';

export type StepState = 'ok' | 'fail' | 'cached' | 'not-sent' | 'pending';

/** One arrow: who sends it, its first line, the header lines under it. */
export interface Step {
  from: 'page' | 'server';
  title: string;
  lines: { text: string; fail?: boolean }[];
  state: StepState;
}

export interface Diagram {
  steps: Step[];
  /** What the page got in the end: the response, or the error. */
  outcome: { text: string; fail: boolean };
  /** The diagram in one sentence, for screen readers. */
  label: string;
}

/** The request headers that decide a preflight and the response headers that answer it. */
const askHeaders = ['origin', 'access-control-request-method', 'access-control-request-headers'];
const allowHeaders = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
];
/** A line's characters: 11 px monospace from the page's lifeline to the diagram's edge. */
const maxLine = 64;

const short = (value: string, max = maxLine) =>
  printable(value.length > max ? `${value.slice(0, max - 1)}…` : value);

const pathOf = (url: string) => {
  const parts = urlParts(url);
  return short(parts ? `${parts.pathname}${parts.search}` : url);
};

function headerLines(headers: Header[], names: string[]): { text: string }[] {
  return names.flatMap((name) => {
    const value = getHeader(headers, name);
    return value === null ? [] : [{ text: short(`${displayName(name)}: ${value}`) }];
  });
}

/** `access-control-allow-origin` → `Access-Control-Allow-Origin`, as the reports write names. */
function displayName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

interface Hop {
  url: string;
  method: string;
  preflight: ObservedPreflight | null;
  /** The answer: a redirect (status, headers, Location) or the final response. */
  answer: { status?: number; headers: Header[]; location?: string | null; error?: string } | null;
}

/** The exchange as hops: each URL the request went to, its preflight and its answer. */
function hops(exchange: Exchange): Hop[] {
  const redirects = exchange.redirects ?? [];
  const result: Hop[] = [];
  let url = exchange.request.url;
  let preflight = exchange.preflight ?? null;
  for (const redirect of redirects) {
    const location = resolveLocation(getHeader(redirect.headers, 'location'), redirect.url || url);
    result.push({
      url: redirect.url || url,
      method: exchange.request.method,
      preflight,
      answer: { status: redirect.status, headers: redirect.headers, location },
    });
    url = location ?? url;
    preflight = redirect.preflight ?? null;
  }
  const response = exchange.response;
  result.push({
    url: response?.url || url,
    method: exchange.request.method,
    preflight,
    answer: response
      ? { status: response.status, headers: response.headers }
      : exchange.error
        ? { headers: [], error: exchange.error }
        : null,
  });
  return result;
}

/**
 * Which arrow the verdict blames: `[hop, 'preflight' | 'answer']`. The verdict names the stage
 * and the failing URL; a redirect's URL may be where it came from or where it pointed.
 */
function blamed(verdict: Verdict, all: Hop[]): [number, 'preflight' | 'answer'] | null {
  if (verdict.outcome !== 'blocked' && verdict.outcome !== 'network-error') return null;
  const last = all.length - 1;
  const at = (match: (hop: Hop) => boolean, fallback: (hop: Hop) => boolean) => {
    const indexes = all.map((_, i) => i).reverse();
    return (
      indexes.find((i) => match(all[i] as Hop)) ?? indexes.find((i) => fallback(all[i] as Hop))
    );
  };
  const url = verdict.failedUrl;
  if (verdict.stage === 'preflight') {
    const hop = at(
      (h) => !!h.preflight && (h.url === url || h.preflight.url === url),
      (h) => !!h.preflight,
    );
    return hop === undefined ? null : [hop, 'preflight'];
  }
  if (verdict.stage === 'redirect') {
    const hop = at(
      (h) => h !== all[last] && (h.url === url || h.answer?.location === url),
      (h) => h !== all[last],
    );
    return [hop ?? last, 'answer'];
  }
  return [last, 'answer'];
}

/** The response header that decides each kind of diff row. */
const decidingHeader: Partial<Record<Verdict['diff'][number]['dimension'], string>> = {
  origin: 'Access-Control-Allow-Origin',
  credentials: 'Access-Control-Allow-Credentials',
  method: 'Access-Control-Allow-Methods',
  header: 'Access-Control-Allow-Headers',
  redirect: 'Location',
};

/** Marks the line of the header that decided the failure, and adds one with the failing value. */
function markFailure(lines: { text: string; fail?: boolean }[], verdict: Verdict) {
  const decisive = verdict.diff.find((row) => row.decisive);
  const header = decisive && decidingHeader[decisive.dimension];
  lines.forEach((line, i) => {
    if (header && line.text.startsWith(`${header}:`)) lines[i] = { ...line, fail: true };
  });
  lines.push({
    text: short(`✗ ${verdict.errorTitle ?? verdict.networkError ?? 'blocked'}`),
    fail: true,
  });
  // The failing value on a line of its own, so that it is not cut after the words.
  if (verdict.failedParameter)
    lines.push({ text: short(`  ${verdict.failedParameter}`), fail: true });
}

export function sequenceDiagram(exchange: Exchange, verdict: Verdict): Diagram {
  const steps: Step[] = [];
  const all = hops(exchange);
  const blame = blamed(verdict, all);
  all.forEach((hop, index) => {
    const here = blame?.[0] === index ? blame[1] : null;
    if (hop.preflight) {
      steps.push({
        from: 'page',
        title: `OPTIONS ${pathOf(hop.preflight.url || hop.url)}`,
        lines: headerLines(hop.preflight.requestHeaders, askHeaders),
        state: 'ok',
      });
      const lines = hop.preflight.error
        ? [{ text: short(hop.preflight.error) }]
        : headerLines(hop.preflight.headers, allowHeaders);
      if (here === 'preflight') markFailure(lines, verdict);
      steps.push({
        from: 'server',
        title: hop.preflight.error ? 'no response' : `${hop.preflight.status ?? '?'} (preflight)`,
        lines,
        state: here === 'preflight' ? 'fail' : 'ok',
      });
    } else if (index === 0 && verdict.preflight === 'probably-cached') {
      steps.push({
        from: 'page',
        title: 'OPTIONS (from the preflight cache, not sent)',
        lines: [],
        state: 'cached',
      });
    }
    const preflightFailed = here === 'preflight';
    steps.push({
      from: 'page',
      title: `${hop.method} ${pathOf(hop.url)}`,
      lines: preflightFailed
        ? [{ text: 'not sent: the preflight failed' }]
        : index === 0
          ? headerLines(exchange.request.headers, ['origin'])
          : [],
      state: preflightFailed ? 'not-sent' : 'ok',
    });
    if (preflightFailed) return;
    const answer = hop.answer;
    if (!answer) {
      steps.push({ from: 'server', title: 'waiting for the answer', lines: [], state: 'pending' });
      return;
    }
    const lines = answer.error
      ? [{ text: short(answer.error) }]
      : [
          ...headerLines(answer.headers, allowHeaders.slice(0, 2)),
          ...(answer.location !== undefined
            ? [{ text: short(`Location: ${answer.location ?? '(none)'}`) }]
            : // A redirect the browser refused to follow is the final answer.
              headerLines(answer.headers, ['location'])),
        ];
    if (here === 'answer') markFailure(lines, verdict);
    steps.push({
      from: 'server',
      title: answer.error ? 'no response' : String(answer.status ?? '?'),
      lines,
      state: here === 'answer' ? 'fail' : 'ok',
    });
  });
  const fail = verdict.outcome === 'blocked' || verdict.outcome === 'network-error';
  const outcome = {
    text: fail
      ? `✗ ${verdict.chromiumError ?? verdict.networkError ?? 'blocked'}`
      : verdict.outcome === 'ok'
        ? '✓ the page reads the response'
        : short(verdict.summary),
    fail,
  };
  const label = `Sequence: ${steps
    .map(
      (s) =>
        `${s.from === 'page' ? 'page to server' : 'server to page'}: ${s.title}${s.state === 'fail' ? ' (fails)' : ''}`,
    )
    .join('; ')}. ${outcome.text}`;
  return { steps, outcome, label };
}

// --- Layout -----------------------------------------------------------------------------

export type Shape =
  | { tag: 'line'; x1: number; y1: number; x2: number; y2: number; class: string }
  | { tag: 'path'; d: string; class: string }
  | { tag: 'text'; x: number; y: number; class: string; anchor?: 'middle' | 'end'; text: string };

export interface Layout {
  width: number;
  height: number;
  shapes: Shape[];
}

const width = 560;
const pageX = 100;
const serverX = width - 100;
const lineHeight = 14;
const arrowGap = 10;

/** Places the diagram: lifelines, then one arrow per step with its text above it. */
export function diagramLayout(diagram: Diagram, names: { page: string; server: string }): Layout {
  const shapes: Shape[] = [
    { tag: 'text', x: pageX, y: 14, class: 'seq-actor', anchor: 'middle', text: 'Page' },
    { tag: 'text', x: serverX, y: 14, class: 'seq-actor', anchor: 'middle', text: 'Server' },
    {
      tag: 'text',
      x: pageX,
      y: 28,
      class: 'seq-muted',
      anchor: 'middle',
      text: short(names.page, 26),
    },
    {
      tag: 'text',
      x: serverX,
      y: 28,
      class: 'seq-muted',
      anchor: 'middle',
      text: short(names.server, 26),
    },
  ];
  let y = 48;
  for (const step of diagram.steps) {
    const cls = `seq-${step.state}`;
    const toRight = step.from === 'page';
    const textX = pageX + 12;
    shapes.push({ tag: 'text', x: textX, y: y + 11, class: `seq-title ${cls}`, text: step.title });
    step.lines.forEach((line, i) =>
      shapes.push({
        tag: 'text',
        x: textX,
        y: y + 11 + (i + 1) * lineHeight,
        class: line.fail ? 'seq-line seq-fail' : 'seq-line',
        text: line.text,
      }),
    );
    y += 11 + step.lines.length * lineHeight + 8;
    const [from, to] = toRight ? [pageX, serverX] : [serverX, pageX];
    shapes.push({ tag: 'line', x1: from, y1: y, x2: to, y2: y, class: `seq-arrow ${cls}` });
    const head = toRight ? -7 : 7;
    shapes.push({
      tag: 'path',
      d: `M${to} ${y} l${head} -4 v8 z`,
      class: `seq-head ${cls}`,
    });
    y += arrowGap + 6;
  }
  shapes.push({
    tag: 'text',
    x: pageX + 12,
    y: y + 12,
    class: diagram.outcome.fail ? 'seq-outcome seq-fail' : 'seq-outcome',
    text: diagram.outcome.text,
  });
  const height = y + 22;
  // The lifelines go under everything else.
  shapes.unshift(
    { tag: 'line', x1: pageX, y1: 34, x2: pageX, y2: height - 4, class: 'seq-life' },
    { tag: 'line', x1: serverX, y1: 34, x2: serverX, y2: height - 4, class: 'seq-life' },
  );
  return { width, height, shapes };
}

/** The page and server names under the lifelines. */
export function diagramNames(exchange: Exchange): { page: string; server: string } {
  const server = urlParts(exchange.request.url);
  return {
    page: exchange.request.origin,
    server: server ? `${server.host}` : hostAndPath(exchange.request.url),
  };
}

/** The diagram's colors, shared by the panel's stylesheet and the report's. */
export const diagramStyle = `.seq{max-width:100%;height:auto;font:11px ui-monospace,Menlo,Consolas,monospace}
.seq text{fill:currentColor}.seq .seq-actor{font:600 12px system-ui,sans-serif}.seq .seq-title{font-weight:600}
.seq .seq-muted,.seq .seq-not-sent,.seq .seq-cached{fill:var(--seq-muted,#5f6368)}.seq .seq-fail{fill:var(--seq-fail,#b3261e)}
.seq line,.seq path{stroke:currentColor;fill:currentColor}.seq .seq-life{stroke:var(--seq-muted,#5f6368);stroke-dasharray:2 3}
.seq line.seq-fail,.seq path.seq-fail{stroke:var(--seq-fail,#b3261e);fill:var(--seq-fail,#b3261e);stroke-width:2}
.seq line.seq-cached,.seq line.seq-not-sent,.seq line.seq-pending{stroke:var(--seq-muted,#5f6368);stroke-dasharray:5 4}
.seq path.seq-cached,.seq path.seq-not-sent,.seq path.seq-pending{stroke:var(--seq-muted,#5f6368);fill:var(--seq-muted,#5f6368)}`;

/** The diagram as an SVG string (the HTML report): every attribute and text escaped. */
export function diagramSvg(exchange: Exchange, verdict: Verdict): string {
  const diagram = sequenceDiagram(exchange, verdict);
  const layout = diagramLayout(diagram, diagramNames(exchange));
  const body = layout.shapes
    .map((s) => {
      if (s.tag === 'line')
        return `<line x1="${s.x1}" y1="${s.y1}" x2="${s.x2}" y2="${s.y2}" class="${s.class}"/>`;
      if (s.tag === 'path') return `<path d="${s.d}" class="${s.class}"/>`;
      return `<text x="${s.x}" y="${s.y}" class="${s.class}"${s.anchor ? ` text-anchor="${s.anchor}"` : ''}>${escapeHtml(s.text)}</text>`;
    })
    .join('');
  return `<svg class="seq" role="img" aria-label="${escapeHtml(diagram.label)}" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" xmlns="http://www.w3.org/2000/svg">${body}</svg>`;
}
