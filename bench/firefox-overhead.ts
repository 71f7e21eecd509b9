// What recording costs a page in Firefox ESR, measured as in Chromium (listener-overhead.ts):
// sequential cross-origin GETs and preflighted PUTs from the zoo page, with no extension,
// with a floor extension (one no-op onBeforeRequest listener) and with CORS Lens, their
// browsers open at once and their batches taking turns; ratios between batches run side by
// side. Firefox's DevTools cannot be opened under automation here, so there is no DevTools row.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { firefoxExtensionDir, firefoxPath } from '../test/harness/firefox';
import { startZoo, type Zoo } from '../test/fixtures/zoo/server';
import { ratiosTo, type Batch, type RatioFigure } from './side-by-side';

const variants = ['noExtension', 'floor', 'corsLens'] as const;
type Variant = (typeof variants)[number];

export interface FirefoxOverhead {
  workload: string;
  requests: number;
  /** Per variant, against the floor and against no extension. */
  floor: Record<Variant, RatioFigure>;
  noExtension: Record<Variant, RatioFigure>;
}

function floorExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lens-firefox-floor-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'floor',
      version: '1',
      permissions: ['webRequest'],
      host_permissions: ['<all_urls>'],
      background: { scripts: ['worker.js'] },
      browser_specific_settings: { gecko: { id: 'floor@cors-lens.dev' } },
    }),
  );
  writeFileSync(
    join(dir, 'worker.js'),
    "browser.webRequest.onBeforeRequest.addListener(() => {}, { urls: ['<all_urls>'] });\n",
  );
  return dir;
}

interface Open {
  browser: Browser;
  page: Page;
}

async function open(zoo: Zoo, extension: string | null): Promise<Open> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
  });
  if (extension) await browser.installExtension(extension);
  const page = await browser.newPage();
  await page.goto(zoo.pageOrigin);
  return { browser, page };
}

const batch = (page: Page, api: string, method: 'GET' | 'PUT', count: number, tag: string) =>
  page.evaluate(
    async (api, method, count, tag) => {
      const path = method === 'GET' ? 'ok-echo' : 'pf-ok';
      const body = method === 'PUT' ? 'x' : undefined;
      const start = performance.now();
      for (let i = 0; i < count; i++)
        await (await fetch(`${api}/s/${path}/0?${tag}&i=${i}`, { method, body })).text();
      return performance.now() - start;
    },
    api,
    method,
    count,
    tag,
  );

export async function measureFirefoxOverhead(
  reps = 2,
  gets = 300,
  puts = 100,
  rounds = 10,
): Promise<FirefoxOverhead[]> {
  const zoo = await startZoo();
  const paths: Record<Variant, string | null> = {
    noExtension: null,
    floor: floorExtension(),
    corsLens: firefoxExtensionDir,
  };
  const workloads = [
    ['sequential GETs', 'GET', gets],
    ['preflighted PUTs', 'PUT', puts],
  ] as const;
  const runs: Batch<Variant>[][] = workloads.map(() => []);
  try {
    for (let rep = 0; rep < reps; rep++) {
      const browsers = new Map<Variant, Open>();
      try {
        for (const variant of variants) browsers.set(variant, await open(zoo, paths[variant]));
        for (const [, { page }] of browsers) {
          await batch(page, zoo.apiOrigin, 'GET', 5, 'warm');
          await batch(page, zoo.apiOrigin, 'PUT', 5, 'warm');
        }
        for (let round = 0; round < rounds; round++)
          for (const [w, [, method, count]] of workloads.entries())
            for (let i = 0; i < variants.length; i++) {
              const variant = variants[(i + round) % variants.length] as Variant;
              const key = `r=${rep}.${round}`;
              const page = browsers.get(variant)?.page;
              if (!page) continue;
              const ms = await batch(page, zoo.apiOrigin, method, count / rounds, `ff&${key}`);
              runs[w]?.push({ key, variant, ms });
            }
      } finally {
        await Promise.all([...browsers.values()].map(({ browser }) => browser.close()));
      }
    }
  } finally {
    await zoo.close();
  }
  return workloads.map(([workload, , count], w) => {
    const run = runs[w] ?? [];
    return {
      workload,
      requests: reps * count,
      floor: ratiosTo(run, variants, 'floor'),
      noExtension: ratiosTo(run, variants, 'noExtension'),
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const show = ({ median, p25, p75 }: RatioFigure) =>
    `×${median.toFixed(2)} (${p25.toFixed(2)}–${p75.toFixed(2)})`;
  for (const r of await measureFirefoxOverhead(Number(process.env.BENCH_REPS ?? 2))) {
    console.log(
      `Firefox, ${r.workload} (${r.requests} per variant), batch ratio: median (p25–p75)`,
    );
    for (const name of variants)
      console.log(
        `  ${name.padEnd(12)} ${show(r.noExtension[name])} none  ${show(r.floor[name])} floor`,
      );
  }
}
