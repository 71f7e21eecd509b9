// `npm run bench`: every performance figure with its target, printed as a table and
// written to bench/results.json. Timings are medians; comparisons are ratios in one run.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { poolFigures, type AnalyzerFigures } from './analyzer-throughput';
import { measureListenerOverhead, type RatioFigure } from './listener-overhead';
import { measureFirefoxOverhead } from './firefox-overhead';
import { measurePanel } from './panel-render';
import { measureMemoryStorage } from './memory-storage';
import { logLimits } from '../src/tracker/tab-log';
import { calibrationMs } from './calibration';

interface Row {
  figure: string;
  value: number;
  unit: string;
  target: string;
  met: boolean;
}

/**
 * Bytes of an entry chunk and every chunk it imports, as the browser loads them; with `lazy`,
 * the chunks it loads later by `import()` too.
 */
function bundleBytes(prefix: string, lazy = false): number {
  const dir = 'dist/chrome/assets';
  const entry = readdirSync(dir).find((f) => f.startsWith(prefix) && f.endsWith('.js'));
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    // Static `from "./x.js"` / `import "./x.js"`; dynamic `import(`./x.js`)`.
    for (const [, dynamic, chunk] of code.matchAll(
      /(?:from|import)\s*(\()?\s*["'`]\.\/([\w.-]+\.js)["'`]/g,
    ))
      if (chunk && (lazy || !dynamic)) visit(chunk);
  };
  if (entry) visit(entry);
  return [...seen].reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

const rows: Row[] = [];
const calibration = (when: string): Row => ({
  figure: `machine calibration at the ${when} (fixed JS workload; higher = slower stretch)`,
  value: calibrationMs(),
  unit: 'ms',
  target: '-',
  met: true,
});
rows.push(calibration('start'));
// The analyzer runs as shipped (bundled, no tsx helpers) in a Node process of its own.
await build({
  entryPoints: ['bench/analyzer-throughput.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  minify: true,
  outfile: 'dist/bench/analyzer-throughput.mjs',
  logLevel: 'warning',
});
// Three processes a few seconds apart, their rounds pooled: one slow stretch of this shared
// machine then moves the median less than it would within a single run.
const analyzerRuns: { triage: AnalyzerFigures; full: AnalyzerFigures }[] = [];
for (let run = 0; run < 3; run++) {
  if (run > 0) await new Promise((done) => setTimeout(done, 3000));
  analyzerRuns.push(
    JSON.parse(
      execFileSync(process.execPath, ['dist/bench/analyzer-throughput.mjs', '--print-json'], {
        encoding: 'utf8',
      }),
    ) as { triage: AnalyzerFigures; full: AnalyzerFigures },
  );
}
const analyzer = {
  triage: poolFigures(analyzerRuns.map((run) => run.triage)),
  full: poolFigures(analyzerRuns.map((run) => run.full)),
};
for (const [depth, figures, target] of [
  ['verdict the tracker records per request (triage)', analyzer.triage, 200_000],
  ['full verdict (diff, messages, explanation: detail, export, CLI)', analyzer.full, 200_000],
] as const) {
  rows.push({
    figure: `analyzer, ${depth}, one core (median of ${figures.rounds} rounds in 3 processes; p10–p90 ${figures.perSecondP10}–${figures.perSecondP90})`,
    value: figures.perSecond,
    unit: 'exchanges/s',
    target: `≥ ${target}`,
    met: figures.perSecond >= target,
  });
  rows.push({
    figure: `analyzer, ${depth}: p50 / p99 per exchange`,
    value: figures.p50Us,
    unit: `µs (p99 ${figures.p99Us.toFixed(1)} µs)`,
    target: '-',
    met: true,
  });
}

const panel = await measurePanel();
rows.push({
  figure: 'panel first render, 10,000 exchanges',
  value: panel.firstRenderMs,
  unit: 'ms',
  target: '≤ 100',
  met: panel.firstRenderMs <= 100,
});
rows.push({
  figure: 'panel filter keystroke, 10,000 exchanges',
  value: panel.filterKeystrokeMs,
  unit: 'ms',
  target: '≤ 30',
  met: panel.filterKeystrokeMs <= 30,
});
rows.push({
  figure: 'panel long tasks while scrolling',
  value: panel.scrollLongTasks,
  unit: 'tasks',
  target: '0',
  met: panel.scrollLongTasks === 0,
});

const overhead = await measureListenerOverhead(Number(process.env.BENCH_REPS ?? 3));
for (const { workload, ratios } of overhead) {
  const ratio = (
    figure: string,
    { median, p25, p75 }: RatioFigure,
    target: string,
    limit = Number.POSITIVE_INFINITY,
  ) =>
    rows.push({
      figure: `${workload}: ${figure} (batch ratios p25–p75 ${p25.toFixed(2)}–${p75.toFixed(2)})`,
      value: median,
      unit: '×',
      target,
      met: median <= limit,
    });
  ratio('CORS Lens / floor', ratios.floor.corsLens, '≤ 1.05', 1.05);
  ratio('CORS Lens / no extension', ratios.noExtension.corsLens, '-');
  ratio('four no-op listeners / floor', ratios.floor.fourNoOps, '-');
  ratio('floor / no extension', ratios.noExtension.floor, '-');
  ratio('recording off / no extension', ratios.noExtension.paused, '≤ 1.02', 1.02);
  ratio('recording another server only / no extension', ratios.noExtension.scopedElsewhere, '-');
  ratio('webRequest permission alone / no extension', ratios.noExtension.permissionOnly, '-');
  ratio('DevTools Network open / no extension (anchor)', ratios.noExtension.devtools, '-');
  ratio('CORS Lens + DevTools / DevTools alone', ratios.devtools.corsLensDevtools, '-');
  ratio('floor + DevTools / DevTools alone', ratios.devtools.floorDevtools, '-');
  ratio(
    'CORS Lens + DevTools / floor + DevTools',
    ratios.floorDevtools.corsLensDevtools,
    '≤ 1.05',
    1.05,
  );
}

// The same workloads in Firefox ESR (its event page; its DevTools cannot be opened here).
for (const { workload, floor, noExtension } of await measureFirefoxOverhead(
  Number(process.env.BENCH_REPS ?? 3) - 1 || 1,
)) {
  const row = (figure: string, { median, p25, p75 }: RatioFigure) =>
    rows.push({
      figure: `Firefox, ${workload}: ${figure} (batch ratios p25–p75 ${p25.toFixed(2)}–${p75.toFixed(2)})`,
      value: median,
      unit: '×',
      target: '-',
      met: true,
    });
  row('CORS Lens / floor', floor.corsLens);
  row('CORS Lens / no extension', noExtension.corsLens);
  row('floor / no extension', noExtension.floor);
}

const memory = await measureMemoryStorage();
const atCap = memory.storageBytesAfter[logLimits.perTab] ?? NaN;
const past = Math.max(...Object.values(memory.storageBytesAfter));
rows.push(
  {
    figure: 'stored exchange, JSON bytes (median)',
    value: memory.recordBytesMedian,
    unit: 'B',
    target: '-',
    met: true,
  },
  {
    figure: 'stored exchange, JSON bytes (p99)',
    value: memory.recordBytesP99,
    unit: 'B',
    target: '-',
    met: true,
  },
  {
    figure: `storage.session at the cap (${logLimits.perTab} exchanges)`,
    value: atCap / 1024 / 1024,
    unit: 'MB',
    target: '≤ 8',
    met: atCap <= 8 * 1024 * 1024,
  },
  {
    figure: `storage.session growth past the cap (${3 * logLimits.perTab} requests)`,
    value: past / atCap,
    unit: '×',
    target: '≤ 1.01',
    met: past / atCap <= 1.01,
  },
  {
    figure: 'worker V8 heap, peak sampled',
    value: memory.workerHeapPeakBytes / 1024 / 1024,
    unit: 'MB',
    target: '-',
    met: true,
  },
  {
    figure: 'stopped worker: request to recorded (median)',
    value: memory.coldStartToRecordedMs,
    unit: 'ms',
    target: '-',
    met: true,
  },
);

for (const [name, prefix, limit] of [
  ['background bundle', 'main.ts', 40],
  ['panel bundle', 'panel', 80],
  ['popup bundle', 'popup.html', 40],
] as const) {
  const kb = bundleBytes(prefix) / 1024;
  rows.push({
    figure: `${name} (with its imports, minified)`,
    value: kb,
    unit: 'KB',
    target: `≤ ${limit}`,
    met: kb <= limit,
  });
}

// The panel's detail view and paste box load right after its first render.
const panelLater = (bundleBytes('panel', true) - bundleBytes('panel')) / 1024;
rows.push({
  figure: 'panel parts loaded after first render',
  value: panelLater,
  unit: 'KB',
  target: '-',
  met: true,
});

rows.push(calibration('end'));

const width = Math.max(...rows.map((r) => r.figure.length));
console.log(`${'figure'.padEnd(width)}  ${'value'.padStart(12)}  unit          target     met`);
for (const r of rows) {
  console.log(
    `${r.figure.padEnd(width)}  ${r.value.toFixed(r.value < 10 ? 2 : 0).padStart(12)}  ${r.unit.padEnd(12)}  ${r.target.padEnd(9)}  ${r.met ? 'yes' : 'NO'}`,
  );
}
writeFileSync(
  'bench/results.json',
  `${JSON.stringify({ measuredAt: new Date().toISOString(), rows, analyzer, panel, overhead, memory }, null, 2)}\n`,
);
console.log('written to bench/results.json');
