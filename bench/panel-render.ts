// The panel with 10,000 exchanges in real Chromium (the panel component in a plain page,
// bench/panel-shell): first render, a filter keystroke, and long tasks while scrolling.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { launchBrowser } from '../test/harness/browser';

const root = resolve('dist/panel-shell');
const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

export async function measurePanel(count = 10_000) {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    try {
      const file = join(root, path === '/' ? 'index.html' : path);
      const body = readFileSync(file);
      response
        .writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' })
        .end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const browser = await launchBrowser({ withExtension: false });
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/?n=${count}`);
    await page.waitForFunction(
      () => (window as unknown as { firstRenderMs?: number }).firstRenderMs !== undefined,
    );
    const firstRenderMs = await page.evaluate(
      () => (window as unknown as { firstRenderMs: number }).firstRenderMs,
    );
    const filterKeystrokeMs = await page.evaluate(async () => {
      const input = document.querySelector<HTMLInputElement>('input[type=search]');
      const times: number[] = [];
      for (const text of ['a', 'ap', 'api1', 'api12', 'x-request-id: 99', 'zzz', '']) {
        const t0 = performance.now();
        if (input) {
          input.value = text;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }
        await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? NaN;
    });
    const scroll = await page.evaluate(async () => {
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) =>
        list.getEntries().forEach((e) => longTasks.push(e.duration)),
      );
      observer.observe({ type: 'longtask' });
      const viewport = document.querySelector<HTMLElement>('.viewport');
      for (let i = 0; i <= 60 && viewport; i++) {
        viewport.scrollTop = (viewport.scrollHeight * i) / 60;
        await new Promise((done) => requestAnimationFrame(done));
      }
      await new Promise((done) => setTimeout(done, 50));
      observer.disconnect();
      return { count: longTasks.length, longestMs: Math.max(0, ...longTasks) };
    });
    const rowsInDom = await page.evaluate(() => document.querySelectorAll('.viewport .row').length);
    return {
      exchanges: count,
      firstRenderMs,
      filterKeystrokeMs,
      scrollLongTasks: scroll.count,
      scrollLongestTaskMs: scroll.longestMs,
      rowsInDom,
    };
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await measurePanel());
