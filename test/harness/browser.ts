// Real-browser harness: Debian's Chromium driven by playwright-core, with the built
// extension from dist/chrome loaded. Never downloads a browser.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { decodeStored } from '../../src/tracker/stored-json';

export const chromiumPath = process.env.CORS_LENS_CHROMIUM ?? '/usr/bin/chromium';
export const extensionDir = resolve(import.meta.dirname, '../../dist/chrome');

export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function assertChromiumInstalled(): void {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium was not found at ${chromiumPath}. The real-browser tests need Debian's Chromium: ` +
        'run `sudo apt-get install -y chromium` (or set CORS_LENS_CHROMIUM to another Chromium binary).',
    );
  }
}

export interface LaunchedBrowser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  userDataDir: string;
  /** The service worker, found again after it was stopped and restarted. */
  currentWorker(): Promise<Worker>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Load the extension (default true); false gives a plain browser for baselines. */
  withExtension?: boolean;
  extensionPath?: string;
  headless?: boolean;
  extraArgs?: string[];
  /** Written to the fresh profile's `Default/Preferences` before launch. */
  preferences?: Record<string, unknown>;
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  assertChromiumInstalled();
  const withExtension = options.withExtension ?? true;
  const path = options.extensionPath ?? extensionDir;
  if (withExtension && !existsSync(join(path, 'manifest.json'))) {
    throw new Error(`No built extension at ${path}: run \`npm run build\` first.`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'cors-lens-profile-'));
  if (options.preferences) {
    mkdirSync(join(userDataDir, 'Default'));
    writeFileSync(join(userDataDir, 'Default', 'Preferences'), JSON.stringify(options.preferences));
  }
  const args = [...chromiumFlags, ...(options.extraArgs ?? [])];
  if (withExtension) args.push(`--disable-extensions-except=${path}`, `--load-extension=${path}`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: options.headless ?? true,
    ignoreDefaultArgs: withExtension ? ['--disable-extensions'] : [],
    args,
  });
  const findWorker = async (): Promise<Worker> =>
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const worker = withExtension ? await findWorker() : (undefined as unknown as Worker);
  const extensionId = withExtension ? new URL(worker.url()).host : '';
  return {
    context,
    extensionId,
    worker,
    userDataDir,
    currentWorker: async () => {
      const live = context
        .serviceWorkers()
        .filter((w) => w.url().startsWith('chrome-extension://'));
      return live.at(-1) ?? findWorker();
    },
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens an extension page (panel or popup) as an ordinary tab. `chrome.devtools` does not
 * exist outside DevTools, so the panel gets a stub bound to `inspectedTabId`.
 */
export async function openExtensionPage(
  browser: LaunchedBrowser,
  pagePath: string,
  options: { inspectedTabId?: number; theme?: 'default' | 'dark'; query?: string } = {},
): Promise<Page> {
  const page = await browser.context.newPage();
  if (options.inspectedTabId !== undefined) {
    await page.addInitScript(
      ({ tabId, theme }) => {
        const target = globalThis as unknown as {
          chrome?: Record<string, unknown>;
          browser?: Record<string, unknown>;
        };
        const devtools = {
          inspectedWindow: { tabId },
          panels: { themeName: theme, create: () => Promise.resolve() },
        };
        // Chromium now has a native `browser` namespace too, which the polyfill hands out.
        for (const namespace of [target.chrome ?? (target.chrome = {}), target.browser])
          try {
            if (namespace)
              Object.defineProperty(namespace, 'devtools', { value: devtools, configurable: true });
          } catch {
            // The query string below carries the same facts.
          }
      },
      { tabId: options.inspectedTabId, theme: options.theme ?? 'default' },
    );
  }
  const query =
    options.query ??
    (options.inspectedTabId !== undefined
      ? `?tabId=${options.inspectedTabId}&theme=${options.theme ?? 'default'}`
      : '');
  await page.goto(`chrome-extension://${browser.extensionId}/${pagePath}${query}`);
  return page;
}

/** webRequest's tabId of a page, asked of the extension's worker by URL. */
export async function tabIdOf(browser: LaunchedBrowser, url: string): Promise<number> {
  const worker = await browser.currentWorker();
  return worker.evaluate(async (wanted) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === wanted);
    if (!tab?.id) throw new Error(`no tab with url ${wanted}`);
    return tab.id;
  }, url);
}

/** Stops every service worker of the profile via the DevTools protocol, as Chrome does when idle. */
export async function stopServiceWorkers(browser: LaunchedBrowser): Promise<void> {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/**
 * Stops only the extension's service worker (the pages' own service workers keep running, as
 * they would when Chrome stops an idle extension worker).
 */
export async function stopExtensionWorker(browser: LaunchedBrowser): Promise<void> {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  const cdp = await browser.context.newCDPSession(page);
  const running = new Map<string, boolean>();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions)
      if (v.scriptURL.startsWith(`chrome-extension://${browser.extensionId}/`))
        running.set(v.versionId, v.runningStatus === 'running');
  });
  await cdp.send('ServiceWorker.enable');
  // The versions are announced right after enable.
  await new Promise((done) => setTimeout(done, 100));
  for (const [versionId, isRunning] of running)
    if (isRunning) await cdp.send('ServiceWorker.stopWorker', { versionId });
  await cdp.detach();
}

/**
 * Evaluates an expression in every target whose URL starts with `targetUrl` (the DevTools
 * pages, the action popup: targets Playwright does not list). Returns one value per target.
 */
export async function evaluateInTargets(
  browser: LaunchedBrowser,
  targetUrl: string,
  expression: string,
): Promise<unknown[]> {
  const results = await callInTargets(browser, targetUrl, 'Runtime.evaluate', {
    expression,
    returnByValue: true,
    awaitPromise: true,
  });
  return results.map((result) => {
    const { result: value, exceptionDetails } = result as {
      result: { value: unknown };
      exceptionDetails?: { text: string };
    };
    if (exceptionDetails) throw new Error(exceptionDetails.text);
    return value.value;
  });
}

/** The V8 heap the extension's service worker uses now (bytes), from the DevTools protocol. */
export async function workerHeapBytes(browser: LaunchedBrowser): Promise<number> {
  const worker = await browser.currentWorker();
  const [usage] = await callInTargets(browser, worker.url(), 'Runtime.getHeapUsage', {});
  return (usage as { usedSize: number }).usedSize;
}

/**
 * Sends one DevTools protocol command to every target whose URL starts with `targetUrl`,
 * over a browser-level session with non-flattened messages. Returns one result per target.
 */
async function callInTargets(
  browser: LaunchedBrowser,
  targetUrl: string,
  method: string,
  params: object,
): Promise<unknown[]> {
  const cdp = await browser.context.browser()?.newBrowserCDPSession();
  if (!cdp) throw new Error('no browser-level CDP session');
  const pending = new Map<string, (result: unknown) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as { id?: number; result?: unknown };
    const waiter = event.sessionId ? pending.get(event.sessionId) : undefined;
    if (waiter && message.id === 1) waiter(message.result);
  });
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const targets = targetInfos.filter((t) => t.url.startsWith(targetUrl));
    if (targets.length === 0) throw new Error(`no target at ${targetUrl}`);
    return await Promise.all(
      targets.map(async (target) => {
        const { sessionId } = await cdp.send('Target.attachToTarget', {
          targetId: target.targetId,
          flatten: false,
        });
        const answer = new Promise<unknown>((resolve) => pending.set(sessionId, resolve));
        await cdp.send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id: 1, method, params }),
        });
        return answer;
      }),
    );
  } finally {
    await cdp.detach();
  }
}

/** Waits until a target whose URL starts with `targetUrl` exists. */
export async function waitForTarget(
  browser: LaunchedBrowser,
  targetUrl: string,
  timeoutMs = 30_000,
): Promise<void> {
  const cdp = await browser.context.browser()?.newBrowserCDPSession();
  if (!cdp) throw new Error('no browser-level CDP session');
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { targetInfos } = await cdp.send('Target.getTargets');
      if (targetInfos.some((t) => t.url.startsWith(targetUrl))) return;
      if (Date.now() > deadline) throw new Error(`no target at ${targetUrl} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await cdp.detach();
  }
}

/** An extension page kept open to talk to the worker the way the panel and popup do. */
export async function extensionMessenger(
  browser: LaunchedBrowser,
): Promise<(message: object) => Promise<unknown>> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/extension/popup/popup.html`);
  return (message) => page.evaluate((m) => chrome.runtime.sendMessage(m), message);
}

/** storage.session as the tracker reads it back (records and pairing entries are JSON text). */
export function decodedStorage(stored: unknown): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(stored as Record<string, unknown>).map(([key, value]) => [
      key,
      decodeStored(value),
    ]),
  );
}
