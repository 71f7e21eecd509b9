// The built panel page with 10,000 recorded exchanges, in real Chromium: time to the first
// rendered rows, a filter keystroke, and long tasks while scrolling.
import { readFileSync } from 'node:fs';
import { launchBrowser, openExtensionPage, stopServiceWorkers } from '../test/harness/browser';

export async function measurePanel(count = 10_000) {
  const browser = await launchBrowser();
  try {
    // Seed the worker's session storage as if it had recorded `count` requests, then let it restart and load them.
    const sample = JSON.parse(readFileSync(new URL('../test/fixtures/webrequest/sequential.json', import.meta.url), 'utf8')) as unknown;
    void sample;
    const tabId = 4242;
    await browser.worker.evaluate(`(async () => {
      const items = {};
      for (let i = 0; i < ${count}; i++) {
        const blocked = i % 3 === 0;
        const url = 'https://api' + (i % 50) + '.example.com/v1/items/' + i + '?page=' + (i % 7);
        items['rec:${tabId}:' + i] = {
          id: '${tabId}:' + i, tabId: ${tabId}, frameId: 0, type: 'xmlhttprequest', startedAt: 1e12 + i * 10, updatedAt: 1e12 + i * 10, inFlight: false,
          exchange: { request: { method: blocked ? 'PUT' : 'GET', url, origin: 'https://app.example.com', headers: [{ name: 'Origin', value: 'https://app.example.com' }, { name: 'X-Request-Id', value: String(i) }] },
            preflight: null, redirects: [], response: { url, status: 200, headers: blocked ? [] : [{ name: 'Access-Control-Allow-Origin', value: 'https://app.example.com' }] } },
          verdict: { outcome: blocked ? 'blocked' : 'ok', chromiumError: blocked ? 'MissingAllowOriginHeader' : null, failedParameter: null, errorTitle: blocked ? 'No Allow-Origin header' : null, summary: '', preflight: 'not-needed' },
        };
      }
      await chrome.storage.session.set(items);
    })()`);
    await stopServiceWorkers(browser);
    const panel = await openExtensionPage(browser, 'extension/panel/panel.html', { inspectedTabId: tabId });
    await panel.setViewportSize({ width: 1400, height: 900 });
    const started = Date.now();
    await panel.getByRole('listbox', { name: 'Cross-origin requests' }).getByRole('option').first().waitFor();
    const firstRenderMs = Date.now() - started;
    const firstPaintAfterData = await panel.evaluate(() => performance.now());
    const filterMs = await panel.evaluate(async () => {
      const input = document.querySelector<HTMLInputElement>('input[type=search]');
      if (!input) return NaN;
      const times: number[] = [];
      for (const text of ['a', 'ap', 'api1', 'api12', 'x-request-id: 99', '']) {
        const t0 = performance.now();
        input.value = text;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      return times[Math.floor(times.length / 2)] ?? NaN;
    });
    const scroll = await panel.evaluate(async () => {
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
      observer.observe({ type: 'longtask', buffered: false });
      const viewport = document.querySelector<HTMLElement>('.viewport');
      for (let i = 0; i < 60 && viewport; i++) {
        viewport.scrollTop = (viewport.scrollHeight * i) / 60;
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      observer.disconnect();
      return { longTasks: longTasks.length, longestMs: Math.max(0, ...longTasks) };
    });
    return { exchanges: count, firstRenderMs, pageTimeAtFirstRowMs: Math.round(firstPaintAfterData), filterKeystrokeMs: filterMs, scrollLongTasks: scroll.longTasks, scrollLongestTaskMs: scroll.longestMs };
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await measurePanel());
