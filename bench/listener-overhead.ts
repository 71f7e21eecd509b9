// What recording costs a page: sequential cross-origin GETs and preflighted PUTs from the
// zoo page, in fresh browsers with no extension, with a "floor" extension (one no-op
// onBeforeRequest listener with extraHeaders, the least any webRequest inspector can do to
// see preflights), with an extension that only holds the webRequest permission, with CORS
// Lens (recording on, and off), and, as the anchor users already accept, Chrome's DevTools
// open on the Network panel (alone, with the floor extension, and with CORS Lens). Ratios are taken between batches
// run side by side (see `groups`); their median and p25–p75 are reported.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extensionMessenger, launchBrowser, type LaunchOptions } from '../test/harness/browser';
import { startZoo, type Zoo } from '../test/fixtures/zoo/server';
import type { Settings } from '../src/protocol/messages';
import { recordedResourceTypes } from '../src/tracker/webrequest-event';
import { quantile, ratiosTo, type Batch, type RatioFigure } from './side-by-side';

export type { RatioFigure };

const variantNames = [
  'noExtension',
  'floor',
  'fourNoOps',
  'permissionOnly',
  'corsLens',
  'paused',
  'scopedElsewhere',
  'devtools',
  'floorDevtools',
  'corsLensDevtools',
] as const;
type Variant = (typeof variantNames)[number];

export interface OverheadResult {
  workload: string;
  /** Requests per variant over the whole measurement. */
  requests: number;
  /** Median milliseconds of one batch, per variant. */
  ms: Record<Variant, number>;
  /** Every batch's milliseconds, per variant. */
  spread: Record<Variant, number[]>;
  /**
   * Per-batch ratios to the batch of the baseline measured right beside it (same round): their
   * median, and p25/p75, per variant, against no extension, the floor, DevTools alone and the
   * floor with DevTools open.
   */
  ratios: Record<Baseline, Record<Variant, RatioFigure>>;
}

type Baseline = 'noExtension' | 'floor' | 'devtools' | 'floorDevtools';

/** A generated MV3 extension with the webRequest permission and `worker` as its worker. */
function generatedExtension(name: string, worker: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cors-lens-${name}-`));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name,
      version: '1',
      permissions: ['webRequest'],
      host_permissions: ['<all_urls>'],
      background: { service_worker: 'worker.js' },
    }),
  );
  writeFileSync(join(dir, 'worker.js'), worker);
  return dir;
}

/** Launch options, and CORS Lens settings applied before the workload. */
type VariantOptions = LaunchOptions & { settings?: Partial<Settings> };

/** DevTools opened with every tab, on its Network panel (which records from the start). */
const devtoolsOpen: LaunchOptions = {
  extraArgs: ['--auto-open-devtools-for-tabs'],
  preferences: { devtools: { preferences: { 'panel-selectedTab': '"network"' } } },
};

interface Prepared {
  close(): Promise<void>;
  /** Milliseconds for `count` sequential requests of the workload, each to a URL of its own. */
  batch(method: 'GET' | 'PUT', count: number, tag: string): Promise<number>;
}

/** A fresh browser with the variant's extension and settings, its page open and warmed up. */
async function prepare(zoo: Zoo, options: VariantOptions): Promise<Prepared> {
  const browser = await launchBrowser(options);
  if (options.settings) {
    const ask = await extensionMessenger(browser);
    await ask({ type: 'cors-lens:set-settings', settings: options.settings });
    // The worker registers its listeners again (or removes them) once it sees the change.
    const worker = await browser.currentWorker();
    const off = options.settings.recording === false;
    for (let i = 0; i < 100; i++) {
      const listening = await worker.evaluate('chrome.webRequest.onSendHeaders.hasListeners()');
      if (listening !== off) break;
      await new Promise((done) => setTimeout(done, 50));
    }
    await new Promise((done) => setTimeout(done, 300));
  }
  const page = await browser.context.newPage();
  await page.goto(zoo.pageOrigin);
  const batch = (method: 'GET' | 'PUT', count: number, tag: string) =>
    page.evaluate(
      async ({ api, method, count, tag }) => {
        const path = method === 'GET' ? 'ok-echo' : 'pf-ok';
        const body = method === 'PUT' ? 'x' : undefined;
        // Unique URLs: no preflight cache, no HTTP cache.
        const start = performance.now();
        for (let i = 0; i < count; i++)
          await (await fetch(`${api}/s/${path}/0?${tag}&i=${i}`, { method, body })).text();
        return performance.now() - start;
      },
      { api: zoo.apiOrigin, method, count, tag },
    );
  await batch('GET', 5, 'warm');
  await batch('PUT', 5, 'warm');
  return { close: () => browser.close(), batch };
}

/**
 * Variants that are compared run in one group: their browsers are open at once and the
 * workloads run in short batches taking turns (the order rotating each round). This shared
 * machine has slow stretches of seconds that moved one fresh-browser run by 10–30%; a ratio
 * of two batches run side by side sees the same stretch on both sides. Each group has its
 * baselines, and a group holds few browsers: idle browsers (DevTools ones most) add noise of
 * their own. Fresh browsers again for each of `reps` sets.
 */
const groups: Variant[][] = [
  ['noExtension', 'floor', 'fourNoOps', 'corsLens', 'paused'],
  ['noExtension', 'permissionOnly', 'scopedElsewhere'],
  // With DevTools open: what any webRequest inspector pays on top of DevTools (the floor), and
  // what CORS Lens pays on top of that.
  ['noExtension', 'devtools', 'floorDevtools', 'corsLensDevtools'],
];

export async function measureListenerOverhead(
  reps = 3,
  gets = 300,
  puts = 100,
  rounds = 10,
): Promise<OverheadResult[]> {
  const zoo = await startZoo();
  const floor = generatedExtension(
    'floor',
    "chrome.webRequest.onBeforeRequest.addListener(() => {}, { urls: ['<all_urls>'] }, ['extraHeaders']);\n",
  );
  // CORS Lens's four listeners with its filter and options, doing nothing: what the events
  // themselves cost, apart from what CORS Lens does with them.
  const fourNoOps = generatedExtension(
    'four-no-ops',
    `const filter = { urls: ['<all_urls>'], types: ${JSON.stringify(recordedResourceTypes)} };
const none = () => {};
chrome.webRequest.onSendHeaders.addListener(none, filter, ['requestHeaders', 'extraHeaders']);
chrome.webRequest.onHeadersReceived.addListener(none, filter, ['responseHeaders', 'extraHeaders']);
chrome.webRequest.onCompleted.addListener(none, filter, ['responseHeaders', 'extraHeaders']);
chrome.webRequest.onErrorOccurred.addListener(none, filter, ['extraHeaders']);
`,
  );
  const permissionOnly = generatedExtension('permission-only', '');
  // BENCH_EXTENSION=path measures another build of CORS Lens (dist/chrome by default).
  const corsLensBuild: LaunchOptions = process.env.BENCH_EXTENSION
    ? { extensionPath: process.env.BENCH_EXTENSION }
    : {};
  const variants: Record<Variant, VariantOptions> = {
    noExtension: { withExtension: false },
    floor: { extensionPath: floor },
    fourNoOps: { extensionPath: fourNoOps },
    permissionOnly: { extensionPath: permissionOnly },
    corsLens: { ...corsLensBuild },
    paused: { ...corsLensBuild, settings: { recording: false } },
    // Recording only another server: what every unrelated site pays then.
    scopedElsewhere: { ...corsLensBuild, settings: { recordOnly: ['https://unrelated.example'] } },
    devtools: { withExtension: false, ...devtoolsOpen },
    floorDevtools: { extensionPath: floor, ...devtoolsOpen },
    corsLensDevtools: { ...corsLensBuild, ...devtoolsOpen },
  };
  // BENCH_VARIANTS=noExtension,floor,corsLens measures only those (for quick looks).
  const only = process.env.BENCH_VARIANTS?.split(',');
  const workloads = [
    ['sequential GETs', 'GET', gets],
    ['preflighted PUTs', 'PUT', puts],
  ] as const;
  const batches: Batch<Variant>[][] = workloads.map(() => []);
  try {
    for (const [g, group] of groups.entries()) {
      const measured = group.filter((name) => !only || only.includes(name));
      if (measured.length < 2) continue;
      for (let rep = 0; rep < reps; rep++) {
        const open = new Map<Variant, Prepared>();
        try {
          for (const name of measured) open.set(name, await prepare(zoo, variants[name]));
          for (let round = 0; round < rounds; round++)
            for (const [w, [, method, count]] of workloads.entries())
              for (let i = 0; i < measured.length; i++) {
                const variant = measured[(i + round) % measured.length] as Variant;
                const tag = `g=${g}&r=${rep}.${round}`;
                const ms = await open.get(variant)?.batch(method, Math.ceil(count / rounds), tag);
                if (ms !== undefined) batches[w]?.push({ key: tag, variant, ms });
              }
        } finally {
          await Promise.all([...open.values()].map((browser) => browser.close()));
        }
      }
    }
  } finally {
    await zoo.close();
  }
  return workloads.map(([workload, , count], w) => {
    const run = batches[w] ?? [];
    const spread = Object.fromEntries(
      variantNames.map((name) => [name, run.filter((b) => b.variant === name).map((b) => b.ms)]),
    ) as Record<Variant, number[]>;
    return {
      workload,
      requests: reps * rounds * Math.ceil(count / rounds),
      ms: Object.fromEntries(
        variantNames.map((name) => [name, quantile(spread[name], 0.5)]),
      ) as Record<Variant, number>,
      spread,
      ratios: {
        noExtension: ratiosTo(run, variantNames, 'noExtension'),
        floor: ratiosTo(run, variantNames, 'floor'),
        devtools: ratiosTo(run, variantNames, 'devtools'),
        floorDevtools: ratiosTo(run, variantNames, 'floorDevtools'),
      },
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await measureListenerOverhead(Number(process.env.BENCH_REPS ?? 3));
  const show = ({ median, p25, p75 }: RatioFigure) =>
    `×${median.toFixed(2)} (${p25.toFixed(2)}–${p75.toFixed(2)})`;
  for (const r of results) {
    console.log(`${r.workload} (${r.requests} per variant), batch ratio: median (p25–p75)`);
    for (const name of variantNames)
      if (r.spread[name].length > 0)
        console.log(
          `  ${name.padEnd(18)}${r.ms[name].toFixed(0).padStart(6)} ms/batch  ${show(r.ratios.noExtension[name])} none  ${show(r.ratios.floor[name])} floor  ${show(r.ratios.floorDevtools[name])} floor+DevTools`,
        );
  }
}
