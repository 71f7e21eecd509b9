// `npm run demo`: the zoo server plus Chromium with the built extension loaded.
// With a display it opens a headed browser with DevTools open; with --headless (or no
// DISPLAY) it clicks every zoo button, saves the README's screenshots (docs/images/) and prints
// what was recorded.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  extensionMessenger,
  launchBrowser,
  openExtensionPage,
  tabIdOf,
} from '../test/harness/browser';
import type { Report } from '../src/report/json-report';
import { startZoo } from '../test/fixtures/zoo/server';
import { scenarios } from '../test/fixtures/zoo/scenarios';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const outDir = resolve(process.env.CORS_LENS_DEMO_DIR ?? 'docs/images');

const zoo = await startZoo();
console.log(`CORS zoo: page ${zoo.pageOrigin}, API ${zoo.apiOrigin} and ${zoo.api2Origin}`);

if (!headless) {
  const browser = await launchBrowser({
    headless: false,
    extraArgs: ['--auto-open-devtools-for-tabs'],
  });
  const page = await browser.context.newPage();
  await page.goto(zoo.pageOrigin);
  console.log(
    'Chromium is open on the zoo with DevTools: pick the CORS panel, then click the buttons.',
  );
  console.log('Close the browser window (or press Ctrl+C) to stop.');
  await new Promise<void>((done) => browser.context.on('close', () => done()));
  await zoo.close();
  process.exit(0);
}

mkdirSync(outDir, { recursive: true });
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  await page.goto(zoo.pageOrigin);
  for (const scenario of scenarios) {
    await page.evaluate(
      (id) => (window as unknown as { runScenario(id: string): Promise<unknown> }).runScenario(id),
      scenario.id,
    );
  }
  const tabId = await tabIdOf(browser, `${zoo.pageOrigin}/`);
  // The panel as DevTools shows it: full width, docked aside (500 px, the default) and dark.
  const shots = [
    { name: 'panel', theme: 'default', width: 1280, height: 760 },
    { name: 'panel-docked', theme: 'default', width: 500, height: 900 },
    { name: 'panel-dark', theme: 'dark', width: 1280, height: 760 },
  ] as const;
  for (const shot of shots) {
    const panel = await openExtensionPage(browser, 'extension/panel/panel.html', {
      inspectedTabId: tabId,
      theme: shot.theme,
    });
    await panel.setViewportSize({ width: shot.width, height: shot.height });
    await panel.getByRole('searchbox', { name: 'Filter by URL or header' }).fill('/s/pf-header/');
    // Keyboard, as a user would: focus the list, arrow to the row.
    await panel.getByRole('listbox', { name: 'Cross-origin requests' }).focus();
    await panel.keyboard.press('ArrowDown');
    await panel.getByRole('heading', { name: /does not allow the request header/ }).waitFor();
    await panel.getByRole('searchbox', { name: 'Filter by URL or header' }).fill('');
    await panel.screenshot({ path: `${outDir}/${shot.name}.png` });
    await panel.close();
  }
  const popup = await openExtensionPage(browser, 'extension/popup/popup.html', {
    query: `?tabId=${tabId}`,
  });
  await popup.setViewportSize({ width: 380, height: 520 });
  await popup.getByText(/\d+ blocked requests?/).waitFor();
  await popup.screenshot({ path: `${outDir}/popup.png` });
  const ask = await extensionMessenger(browser);
  const html = (
    (await ask({ type: 'cors-lens:export', tabId, format: 'html', blockedOnly: true })) as {
      content: string;
    }
  ).content;
  const viewer = await browser.context.newPage();
  await viewer.setViewportSize({ width: 1000, height: 900 });
  await viewer.setContent(html);
  await viewer.screenshot({ path: `${outDir}/report.png` });
  const report = JSON.parse(
    ((await ask({ type: 'cors-lens:export', tabId, format: 'json' })) as { content: string })
      .content,
  ) as Report;
  console.log(
    `Ran ${scenarios.length} zoo scenarios in tab ${tabId}; CORS Lens recorded ${report.summary.total}, ${report.summary.blocked} blocked:`,
  );
  for (const e of report.exchanges) {
    console.log(
      `  ${e.outcome.padEnd(13)} ${e.method.padEnd(7)} ${e.url.replace(zoo.apiOrigin, '').padEnd(36)} ${e.verdict.chromiumError ?? e.verdict.networkError ?? ''}${e.verdict.failedParameter ? ` (${e.verdict.failedParameter})` : ''}`,
    );
  }
  console.log(`Screenshots: ${outDir}/{panel,panel-docked,panel-dark,popup,report}.png`);
} finally {
  await browser.close();
  await zoo.close();
}
