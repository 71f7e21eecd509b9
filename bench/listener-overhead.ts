// What recording costs a page: sequential cross-origin GETs and preflighted PUTs from the
// zoo page, in fresh browsers with no extension, with a "floor" extension (one no-op
// onBeforeRequest listener with extraHeaders, the least any webRequest inspector can do to
// see preflights), and with CORS Lens. Medians over repeated runs; ratios within one run.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extensionMessenger, launchBrowser, type LaunchOptions } from '../test/harness/browser';
import { startZoo, type Zoo } from '../test/fixtures/zoo/server';

export interface OverheadResult {
  workload: string;
  requests: number;
  noExtensionMs: number;
  floorMs: number;
  /** CORS Lens with recording switched off (its listeners removed). */
  pausedMs: number;
  corsLensMs: number;
  spread: { noExtension: number[]; floor: number[]; corsLens: number[]; paused: number[] };
}

function floorExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-floor-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'floor',
      version: '1',
      permissions: ['webRequest'],
      host_permissions: ['<all_urls>'],
      background: { service_worker: 'worker.js' },
    }),
  );
  writeFileSync(
    join(dir, 'worker.js'),
    "chrome.webRequest.onBeforeRequest.addListener(() => {}, { urls: ['<all_urls>'] }, ['extraHeaders']);\n",
  );
  return dir;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function timeWorkload(
  zoo: Zoo,
  options: LaunchOptions & { paused?: boolean },
  method: 'GET' | 'PUT',
  count: number,
): Promise<number> {
  const browser = await launchBrowser(options);
  try {
    if (options.paused) {
      const ask = await extensionMessenger(browser);
      await ask({ type: 'cors-lens:set-settings', settings: { recording: false } });
      const worker = await browser.currentWorker();
      for (let i = 0; i < 100; i++) {
        if (!(await worker.evaluate('chrome.webRequest.onSendHeaders.hasListeners()'))) break;
        await new Promise((done) => setTimeout(done, 50));
      }
    }
    const page = await browser.context.newPage();
    await page.goto(zoo.pageOrigin);
    return await page.evaluate(
      async ({ api, method, count }) => {
        const path = method === 'GET' ? 'ok-echo' : 'pf-ok';
        // Unique URLs: no preflight cache, no HTTP cache.
        await fetch(`${api}/s/${path}/0?warm`, {
          method,
          body: method === 'PUT' ? 'x' : undefined,
        });
        const start = performance.now();
        for (let i = 0; i < count; i++)
          await (
            await fetch(`${api}/s/${path}/0?i=${i}`, {
              method,
              body: method === 'PUT' ? 'x' : undefined,
            })
          ).text();
        return performance.now() - start;
      },
      { api: zoo.apiOrigin, method, count },
    );
  } finally {
    await browser.close();
  }
}

export async function measureListenerOverhead(
  reps = 3,
  gets = 300,
  puts = 100,
): Promise<OverheadResult[]> {
  const zoo = await startZoo();
  const floor = floorExtension();
  const variants: Record<
    'noExtension' | 'floor' | 'corsLens' | 'paused',
    LaunchOptions & { paused?: boolean }
  > = {
    noExtension: { withExtension: false },
    floor: { extensionPath: floor },
    corsLens: {},
    paused: { paused: true },
  };
  const results: OverheadResult[] = [];
  try {
    for (const [workload, method, count] of [
      ['sequential GETs', 'GET', gets],
      ['preflighted PUTs', 'PUT', puts],
    ] as const) {
      const spread = {
        noExtension: [] as number[],
        floor: [] as number[],
        corsLens: [] as number[],
        paused: [] as number[],
      };
      for (let rep = 0; rep < reps; rep++) {
        // Interleaved, so a slow moment of the machine hits every variant alike.
        for (const name of Object.keys(variants) as (keyof typeof variants)[])
          spread[name].push(await timeWorkload(zoo, variants[name], method, count));
      }
      results.push({
        workload,
        requests: count,
        noExtensionMs: median(spread.noExtension),
        floorMs: median(spread.floor),
        corsLensMs: median(spread.corsLens),
        pausedMs: median(spread.paused),
        spread,
      });
    }
  } finally {
    await zoo.close();
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await measureListenerOverhead(Number(process.env.BENCH_REPS ?? 3));
  console.log(
    'workload            requests  none(ms)  floor(ms)  CORS Lens(ms)  lens/none  lens/floor',
  );
  for (const r of results) {
    console.log(
      `${r.workload.padEnd(20)}${String(r.requests).padStart(8)}${r.noExtensionMs.toFixed(0).padStart(10)}${r.floorMs.toFixed(0).padStart(11)}${r.corsLensMs.toFixed(0).padStart(15)}${(r.corsLensMs / r.noExtensionMs).toFixed(2).padStart(11)}${(r.corsLensMs / r.floorMs).toFixed(2).padStart(12)}`,
    );
  }
  mkdirSync('bench', { recursive: true });
  writeFileSync(
    'bench/results.json',
    `${JSON.stringify({ measuredAt: new Date().toISOString(), listenerOverhead: results }, null, 2)}\n`,
  );
  console.log('written to bench/results.json');
}
