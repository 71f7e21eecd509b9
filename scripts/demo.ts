// `npm run demo`: the zoo server plus Chromium with the built extension loaded.
// With a display it opens a headed browser with DevTools open; with --headless (or no
// DISPLAY) it clicks every zoo button, saves screenshots and prints what was recorded.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchBrowser, openExtensionPage, tabIdOf } from '../test/harness/browser';
import { startZoo } from '../test/fixtures/zoo/server';
import { scenarios } from '../test/fixtures/zoo/scenarios';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const outDir = resolve(process.env.CORS_LENS_DEMO_DIR ?? 'artifacts/demo');

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
  await page.screenshot({ path: `${outDir}/zoo-page.png`, fullPage: true });
  const tabId = await tabIdOf(browser, `${zoo.pageOrigin}/`);
  for (const theme of ['default', 'dark'] as const) {
    const panel = await openExtensionPage(browser, 'extension/panel/panel.html', {
      inspectedTabId: tabId,
      theme,
    });
    await panel.setViewportSize({ width: 1280, height: 800 });
    await panel.waitForLoadState('networkidle');
    await panel.screenshot({ path: `${outDir}/panel-${theme === 'dark' ? 'dark' : 'light'}.png` });
    await panel.close();
  }
  const popup = await openExtensionPage(browser, 'extension/popup/popup.html', {
    query: `?tabId=${tabId}`,
  });
  await popup.setViewportSize({ width: 420, height: 560 });
  await popup.waitForLoadState('networkidle');
  await popup.screenshot({ path: `${outDir}/popup.png` });
  console.log(`Ran ${scenarios.length} zoo scenarios in tab ${tabId}.`);
  console.log(`Screenshots: ${outDir}/{zoo-page,panel-light,panel-dark,popup}.png`);
} finally {
  await browser.close();
  await zoo.close();
}
