// What recording holds: bytes per stored exchange, the storage.session footprint below, at
// and past the log's cap (it must not grow past it), the worker's V8 heap, and how long a
// request takes to be recorded when it wakes a stopped worker. One fresh browser, the zoo.
import { quantile } from './side-by-side';
import {
  extensionMessenger,
  launchBrowser,
  stopServiceWorkers,
  tabIdOf,
  workerHeapBytes,
} from '../test/harness/browser';
import { fireRequests } from '../test/harness/fire-requests';
import { startZoo } from '../test/fixtures/zoo/server';
import { logLimits } from '../src/tracker/tab-log';

export interface MemoryStorageResult {
  recordBytesMedian: number;
  recordBytesP99: number;
  /** storage.session bytes after each count of requests (the cap is `logLimits.perTab`). */
  storageBytesAfter: Record<number, number>;
  workerHeapPeakBytes: number;
  coldStartToRecordedMs: number;
  coldStartSpread: number[];
}

export async function measureMemoryStorage(): Promise<MemoryStorageResult> {
  const zoo = await startZoo();
  const browser = await launchBrowser();
  try {
    const ask = await extensionMessenger(browser);
    const page = await browser.context.newPage();
    await page.goto(zoo.pageOrigin);
    const tabId = await tabIdOf(browser, `${zoo.pageOrigin}/`);
    const ids = ['ok-echo', 'no-acao', 'pf-ok', 'pf-header', 'wrong-acao'];
    const storageBytesAfter: Record<number, number> = {};
    let heapPeak = 0;
    let fired = 0;
    for (const target of [
      logLimits.perTab / 2,
      logLimits.perTab,
      2 * logLimits.perTab,
      3 * logLimits.perTab,
    ]) {
      await fireRequests(page, zoo.apiOrigin, ids, target - fired, 16);
      fired = target;
      await new Promise((done) => setTimeout(done, 1000));
      const worker = await browser.currentWorker();
      storageBytesAfter[target] = (await worker.evaluate(
        'chrome.storage.session.getBytesInUse(null)',
      )) as number;
      heapPeak = Math.max(heapPeak, await workerHeapBytes(browser));
    }
    const worker = await browser.currentWorker();
    const stored = (await worker.evaluate('chrome.storage.session.get(null)')) as Record<
      string,
      unknown
    >;
    // A record is stored as JSON text (src/tracker/stored-json.ts): its key and that text.
    const sizes = Object.entries(stored)
      .filter(([key]) => key.startsWith('rec:'))
      .map(([key, value]) => key.length + String(value).length);

    const coldStartSpread: number[] = [];
    for (let rep = 0; rep < 5; rep++) {
      await ask({ type: 'cors-lens:clear-tab', tabId });
      await stopServiceWorkers(browser);
      await new Promise((done) => setTimeout(done, 1000));
      const started = Date.now();
      await fireRequests(page, zoo.apiOrigin, ['ok-echo'], 1, 1);
      for (;;) {
        const { records } = (await ask({ type: 'cors-lens:get-tab', tabId })) as {
          records: { inFlight: boolean }[];
        };
        if (records.some((r) => !r.inFlight)) break;
        await new Promise((done) => setTimeout(done, 5));
      }
      coldStartSpread.push(Date.now() - started);
    }
    return {
      recordBytesMedian: quantile(sizes, 0.5),
      recordBytesP99: quantile(sizes, 0.99),
      storageBytesAfter,
      workerHeapPeakBytes: heapPeak,
      coldStartToRecordedMs: quantile(coldStartSpread, 0.5),
      coldStartSpread,
    };
  } finally {
    await browser.close();
    await zoo.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureMemoryStorage(), null, 2));
}
