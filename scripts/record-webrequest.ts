// Records Chromium's raw webRequest events for zoo scenarios, as the extension's listeners
// receive them, into test/fixtures/webrequest/<name>.json: the pairing machine's unit tests
// replay these real sequences. Usage: npx tsx scripts/record-webrequest.ts NAME ID[*N] ID ...
// (`pf-ok*3` fires three identical requests at once).
import { writeFileSync } from 'node:fs';
import { launchBrowser } from '../test/harness/browser';
import { startZoo } from '../test/fixtures/zoo/server';
import { CdpRecorder } from '../test/harness/cdp-recorder';

const [name, ...ids] = process.argv.slice(2);
if (!name || ids.length === 0) throw new Error('usage: record-webrequest NAME SCENARIO[*N] ...');

const zoo = await startZoo();
const browser = await launchBrowser();
try {
  // A string, not a function: tsx would wrap named functions in a helper the worker lacks.
  await browser.worker.evaluate(`(() => {
    const log = [];
    globalThis.recorded = log;
    const filter = { urls: ['<all_urls>'] };
    const record = (event) => (details) => void log.push({ event, ...details });
    chrome.webRequest.onSendHeaders.addListener(record('send-headers'), filter, ['requestHeaders', 'extraHeaders']);
    chrome.webRequest.onHeadersReceived.addListener(record('headers-received'), filter, ['responseHeaders', 'extraHeaders']);
    chrome.webRequest.onCompleted.addListener(record('completed'), filter, ['responseHeaders', 'extraHeaders']);
    chrome.webRequest.onErrorOccurred.addListener(record('error'), filter, ['extraHeaders']);
  })()`);
  const page = await browser.context.newPage();
  await page.goto(zoo.pageOrigin);
  const recorder = await CdpRecorder.attach(browser.context, page, zoo.pageOrigin);
  const chrome: Record<string, { corsError: string | null; failedParameter: string | null }> = {};
  await browser.worker.evaluate(
    () => ((globalThis as unknown as { recorded: unknown[] }).recorded.length = 0),
  );
  for (const spec of ids) {
    const [id, times] = spec.split('*');
    await page.evaluate(
      ({ id, times }) =>
        Promise.all(
          Array.from({ length: times }, () =>
            (window as unknown as { runScenario(id: string): Promise<unknown> }).runScenario(id),
          ),
        ),
      { id: id ?? '', times: Number(times ?? 1) },
    );
    const url = id === 'refused' ? zoo.closedUrl : `${zoo.apiOrigin}/s/${id}/0`;
    const { corsError, failedParameter } = (await recorder.settled(url)).chrome;
    chrome[id ?? ''] = { corsError, failedParameter };
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  const events = await browser.worker.evaluate(
    () => (globalThis as unknown as { recorded: unknown[] }).recorded,
  );
  // Ports change per run: store fixed ones so the fixture is stable.
  const text = JSON.stringify({ chrome, closedUrl: zoo.closedUrl, events }, null, 1)
    .replaceAll(zoo.closedUrl, 'http://127.0.0.1:40004/s/refused')
    .replaceAll(zoo.pageOrigin, 'http://localhost:40001')
    .replaceAll(zoo.api2Origin, 'http://127.0.0.1:40003')
    .replaceAll(zoo.apiOrigin, 'http://127.0.0.1:40002')
    .replaceAll(zoo.apiOrigin.replace('http://', ''), '127.0.0.1:40002');
  writeFileSync(`test/fixtures/webrequest/${name}.json`, `${text}\n`);
  console.log(
    `recorded ${(events as unknown[]).length} events into test/fixtures/webrequest/${name}.json`,
  );
} finally {
  await browser.close();
  await zoo.close();
}
