// What recording costs a page: sequential cross-origin GETs and preflighted PUTs from the
// zoo page, in fresh browsers with no extension, with a "floor" extension (one no-op
// onBeforeRequest listener with extraHeaders, the least any webRequest inspector can do to
// see preflights), with an extension that only holds the webRequest permission, with CORS
// Lens (recording on, and off), and, as the anchor users already accept, Chrome's DevTools
// open on the Network panel (alone, and with CORS Lens). Medians over repeated runs; ratios
// within one run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extensionMessenger, launchBrowser, type LaunchOptions } from '../test/harness/browser';
import { startZoo, type Zoo } from '../test/fixtures/zoo/server';
import type { Settings } from '../src/protocol/messages';
import { recordedResourceTypes } from '../src/tracker/webrequest-event';

const variantNames = [
  'noExtension',
  'floor',
  'fourNoOps',
  'permissionOnly',
  'corsLens',
  'paused',
  'scopedElsewhere',
  'devtools',
  'corsLensDevtools',
] as const;
type Variant = (typeof variantNames)[number];

export interface OverheadResult {
  workload: string;
  requests: number;
  /** Median milliseconds per variant. */
  ms: Record<Variant, number>;
  spread: Record<Variant, number[]>;
}

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

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function timeWorkload(
  zoo: Zoo,
  options: VariantOptions,
  method: 'GET' | 'PUT',
  count: number,
): Promise<number> {
  const browser = await launchBrowser(options);
  try {
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
  const variants: Record<Variant, VariantOptions> = {
    noExtension: { withExtension: false },
    floor: { extensionPath: floor },
    fourNoOps: { extensionPath: fourNoOps },
    permissionOnly: { extensionPath: permissionOnly },
    corsLens: {},
    paused: { settings: { recording: false } },
    // Recording only another server: what every unrelated site pays then.
    scopedElsewhere: { settings: { recordOnly: ['https://unrelated.example'] } },
    devtools: { withExtension: false, ...devtoolsOpen },
    corsLensDevtools: devtoolsOpen,
  };
  // BENCH_VARIANTS=noExtension,floor,corsLens measures only those (for quick looks).
  const only = process.env.BENCH_VARIANTS?.split(',');
  const measured = variantNames.filter((name) => !only || only.includes(name));
  const results: OverheadResult[] = [];
  try {
    for (const [workload, method, count] of [
      ['sequential GETs', 'GET', gets],
      ['preflighted PUTs', 'PUT', puts],
    ] as const) {
      const spread = Object.fromEntries(
        variantNames.map((name) => [name, [] as number[]]),
      ) as Record<Variant, number[]>;
      for (let rep = 0; rep < reps; rep++) {
        // Interleaved, so a slow moment of the machine hits every variant alike.
        for (const name of measured)
          spread[name].push(await timeWorkload(zoo, variants[name], method, count));
      }
      const ms = Object.fromEntries(
        variantNames.map((name) => [name, median(spread[name])]),
      ) as Record<Variant, number>;
      results.push({ workload, requests: count, ms, spread });
    }
  } finally {
    await zoo.close();
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await measureListenerOverhead(Number(process.env.BENCH_REPS ?? 3));
  for (const r of results) {
    console.log(`${r.workload} (${r.requests}), median ms:`);
    for (const name of variantNames)
      console.log(
        `  ${name.padEnd(18)}${r.ms[name].toFixed(0).padStart(8)}  ×${(r.ms[name] / r.ms.noExtension).toFixed(2)} none  ×${(r.ms[name] / r.ms.floor).toFixed(2)} floor  [${r.spread[name].map((v) => v.toFixed(0)).join(', ')}]`,
      );
  }
}
