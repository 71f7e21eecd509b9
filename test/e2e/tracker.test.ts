// The loaded extension in real Chromium: every zoo scenario the browser puts on the network
// must end with the extension's verdict equal to Chrome's own corsErrorStatus, captured over
// the DevTools protocol in the same run; also after the worker was stopped mid-run, and for
// concurrent preflighted requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  decodedStorage,
  extensionMessenger,
  launchBrowser,
  stopServiceWorkers,
  tabIdOf,
  type LaunchedBrowser,
} from '../harness/browser';
import { CdpRecorder } from '../harness/cdp-recorder';
import { startZoo, type Zoo } from '../fixtures/zoo/server';
import { scenarios, type ZooScenario } from '../fixtures/zoo/scenarios';
import type { Report } from '../../src/report/json-report';
import { check } from '../../src/cli/check';
import { audit } from '../../src/cli/audit';
import { diagramStyle, diagramSvg } from '../../src/report/sequence-diagram';
import { escapeHtml } from '../../src/report/escape-html';

// Refused by the renderer before any request exists: webRequest never sees them.
const rendererOnly = new Set(['mode-same-origin', 'no-cors-manual']);
const networked = scenarios.filter((s) => !rendererOnly.has(s.id));

let browser: LaunchedBrowser;
let zoo: Zoo;
let page: Page;
let recorder: CdpRecorder;
let ask: (message: object) => Promise<unknown>;
let tabId: number;

const urlOf = (s: ZooScenario) =>
  s.request.url === '{closed}' ? zoo.closedUrl : `${zoo.apiOrigin}/s/${s.id}/0`;
const byId = (id: string) => {
  const scenario = scenarios.find((s) => s.id === id);
  if (!scenario) throw new Error(`no zoo scenario ${id}`);
  return scenario;
};
const run = (id: string, times = 1) =>
  page.evaluate(
    ({ id, times }) =>
      Promise.all(
        Array.from({ length: times }, () =>
          (window as unknown as { runScenario(id: string): Promise<unknown> }).runScenario(id),
        ),
      ),
    { id, times },
  );

async function exported(ofTab = tabId): Promise<Report> {
  const result = (await ask({ type: 'cors-lens:export', tabId: ofTab, format: 'json' })) as {
    content: string;
  };
  return JSON.parse(result.content) as Report;
}

/** One fetch of `url` from a page (the zoo page by default), whatever its outcome. */
const fetchOnce = (url: string, from: Page = page) =>
  from.evaluate(
    (u) =>
      fetch(u, { cache: 'no-store' }).then(
        () => 0,
        () => 0,
      ),
    url,
  );

/** How many records of requests to `url` the extension has. */
const recordedCount = async (url: string) =>
  (await exported()).exchanges.filter((e) => e.url === url).length;

/** Waits until the extension has a finished record for each of `count` requests to `url`. */
async function recordedFor(url: string, count = 1) {
  let found: Report['exchanges'] = [];
  await expect
    .poll(
      async () => {
        found = (await exported()).exchanges.filter(
          (e) => e.url === url && e.outcome !== 'pending',
        );
        return found.length;
      },
      { timeout: 10_000 },
    )
    .toBe(count);
  return found;
}

/** What a restarted worker would load: storage.session, read after waking the worker. */
const storedState = async () =>
  decodedStorage(await ask({ type: 'cors-lens:ping' }).then(() => messengerStorage())) as Record<
    string,
    Record<string, unknown>
  >;

/** Finished records for `url` that have reached storage.session (what a restarted worker loads). */
async function storedFinished(url: string): Promise<number> {
  const stored = (await storedState()) as Record<
    string,
    { inFlight: boolean; exchange: { request: { url: string } } }
  >;
  return Object.entries(stored).filter(
    ([key, r]) => key.startsWith('rec:') && !r.inFlight && r.exchange.request.url === url,
  ).length;
}

/**
 * Requests in flight to the scenarios' URLs whose pairing state has reached storage.session
 * with their headers sent and, where the scenario preflights, their preflight attached: what a
 * restarted worker resumes from. Writes are batched, so the in-memory export can be one write
 * ahead of storage.
 */
async function storedInFlight(scenarios: ZooScenario[]): Promise<number> {
  const stored = (await storedState()) as Record<
    string,
    { hops?: { url: string; requestHeaders: unknown; preflight: unknown }[] }
  >;
  return Object.entries(stored).filter(([key, r]) => {
    const hop = key.startsWith('pr:') ? r.hops?.at(-1) : undefined;
    const scenario = scenarios.find((s) => hop && urlOf(s) === hop.url);
    return scenario && hop?.requestHeaders && (!scenario.preflights || hop.preflight);
  }).length;
}
let messengerStorage: () => Promise<unknown>;

beforeAll(async () => {
  zoo = await startZoo();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.goto(zoo.pageOrigin);
  recorder = await CdpRecorder.attach(browser.context, page, zoo.pageOrigin);
  ask = await extensionMessenger(browser);
  const storagePage = await browser.context.newPage();
  await storagePage.goto(`chrome-extension://${browser.extensionId}/extension/popup/popup.html`);
  messengerStorage = () => storagePage.evaluate(() => chrome.storage.session.get(null));
  tabId = await tabIdOf(browser, `${zoo.pageOrigin}/`);
});
afterAll(async () => {
  await browser?.close();
  await zoo?.close();
});

describe('the extension’s verdicts equal Chrome’s', () => {
  const agreement: string[] = [];
  /** Scenarios where Chrome named one of several disallowed headers (compared as a set). */
  const severalHeaders: string[] = [];

  it.each(networked.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
    await run(scenario.id);
    const chrome = (await recorder.settled(urlOf(scenario))).chrome;
    const [record] = await recordedFor(urlOf(scenario));
    expect(record?.verdict.chromiumError).toBe(chrome.corsError);
    const failing =
      record?.verdict.diff
        .filter((row) => row.dimension === 'header' && row.result === 'fail')
        .map((row) => row.name) ?? [];
    if (chrome.corsError === 'HeaderDisallowedByPreflightResponse' && failing.length > 1) {
      // Several disallowed headers: Chrome names one by its internal header order, whatever
      // the page's order (docs/analyzer-rules.md). The extension marks them all, names one,
      // and says so; Chrome's pick must be among them.
      expect(failing).toContain(chrome.failedParameter);
      expect(failing).toContain(record?.verdict.failedParameter);
      expect(record?.verdict.assumptions.join(' ')).toContain('internal header order');
      severalHeaders.push(scenario.id);
      return;
    }
    expect(record?.verdict.failedParameter).toBe(chrome.failedParameter);
    agreement.push(scenario.id);
  });

  it('counts every blocked request exactly once on the badge', async () => {
    const report = await exported();
    const ids = report.exchanges.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const blocked = report.exchanges.filter((e) => e.outcome === 'blocked').length;
    const badge = await (
      await browser.currentWorker()
    ).evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    expect(badge).toBe(String(blocked));
    expect(report.schema).toBe('cors-lens.report/v1');
    console.log(
      `extension vs Chrome agreement: ${agreement.length}/${networked.length - severalHeaders.length}; ${severalHeaders.length} more where Chrome named one of several disallowed headers, each among those the extension marked`,
    );
  });
});

describe('the sequence diagram of every zoo scenario, drawn by Chromium', () => {
  it('keeps every label inside the diagram and apart from the others; the failing step is red, once', async () => {
    const report = await exported();
    // Every exchange, passing ones too (the HTML report draws the blocked ones with the same code).
    const html = `<!doctype html><style>${diagramStyle}</style>${report.exchanges
      .map(
        (e) =>
          `<section class="exchange"><h3>${escapeHtml(`${e.method} ${e.url}`)}</h3>${diagramSvg(e.exchange, e.verdict)}</section>`,
      )
      .join('')}`;
    const viewer = await browser.context.newPage();
    await viewer.setViewportSize({ width: 1200, height: 900 });
    await viewer.setContent(html);
    const drawn = await viewer.locator('section.exchange').evaluateAll((sections) =>
      sections.map((section) => {
        const svg = section.querySelector('svg.seq') as SVGSVGElement | null;
        if (!svg)
          return {
            title: section.querySelector('h3')?.textContent ?? '',
            problems: ['no diagram'],
            red: 0,
            redText: '',
          };
        const width = svg.viewBox.baseVal.width;
        const texts = [...svg.querySelectorAll('text')].map((t) => ({
          text: t.textContent ?? '',
          box: t.getBBox(),
        }));
        const problems: string[] = [];
        for (const t of texts)
          if (t.box.x < 0 || t.box.x + t.box.width > width + 0.5)
            problems.push(`outside: ${t.text}`);
        texts.forEach((a, i) =>
          texts.slice(i + 1).forEach((b) => {
            const x =
              Math.min(a.box.x + a.box.width, b.box.x + b.box.width) - Math.max(a.box.x, b.box.x);
            const y =
              Math.min(a.box.y + a.box.height, b.box.y + b.box.height) - Math.max(a.box.y, b.box.y);
            if (x > 0.5 && y > 0.5) problems.push(`overlap: ${a.text} / ${b.text}`);
          }),
        );
        return {
          title: section.querySelector('h3')?.textContent ?? '',
          problems,
          red: svg.querySelectorAll('line.seq-fail').length,
          redText: [...svg.querySelectorAll('text.seq-fail')].map((t) => t.textContent).join(' | '),
        };
      }),
    );
    expect(drawn.length).toBe(report.exchanges.length);
    const wrong: string[] = [];
    report.exchanges.forEach((e, i) => {
      const d = drawn[i];
      if (!d) return;
      wrong.push(...d.problems.map((p) => `${d.title}: ${p}`));
      const failed = e.outcome === 'blocked' || e.outcome === 'network-error';
      if (d.red !== (failed ? 1 : 0))
        wrong.push(`${d.title}: ${d.red} red arrows for ${e.outcome}`);
      if (
        failed &&
        e.verdict.failedParameter &&
        !d.redText.includes(e.verdict.failedParameter.slice(0, 40))
      )
        wrong.push(`${d.title}: the red text does not name ${e.verdict.failedParameter}`);
    });
    console.log(
      `sequence diagrams: ${drawn.length - new Set(wrong.map((w) => w.split(':')[0])).size}/${drawn.length} read correctly`,
    );
    expect(wrong).toEqual([]);
    // A few of them for the eye (and the closing notes).
    for (const id of ['pf-header', 'redirect-no-acao', 'creds-star', 'pf-ok'])
      await viewer
        .locator('section.exchange', { hasText: `/s/${id}/0` })
        .first()
        .locator('svg.seq')
        .screenshot({ path: `artifacts/e2e/sequence-${id}.png` });
    await viewer.close();
  });
});

describe('the recording switch', () => {
  it('paused: the listeners are gone, nothing is recorded, the badge says off; resumed: recorded again', async () => {
    // Its own URL, so the other tests' counts are not touched.
    const url = `${zoo.apiOrigin}/s/no-acao/0?switch`;
    const fire = () => fetchOnce(url);
    const recorded = () => recordedCount(url);
    await ask({ type: 'cors-lens:set-settings', settings: { recording: false } });
    const worker = await browser.currentWorker();
    await expect
      .poll(() => worker.evaluate('chrome.webRequest.onSendHeaders.hasListeners()'))
      .toBe(false);
    await expect
      .poll(() => worker.evaluate(`chrome.action.getBadgeText({ tabId: ${tabId} })`))
      .toBe('off');
    await fire();
    await recorder.settled(url);
    await new Promise((done) => setTimeout(done, 500));
    expect(await recorded()).toBe(0);
    await ask({ type: 'cors-lens:set-settings', settings: { recording: true } });
    await expect
      .poll(() => worker.evaluate('chrome.webRequest.onSendHeaders.hasListeners()'))
      .toBe(true);
    await fire();
    await expect.poll(recorded).toBe(1);
    expect(await worker.evaluate(`chrome.action.getBadgeText({ tabId: ${tabId} })`)).not.toBe(
      'off',
    );
  });
});

describe('recording scoped to servers, and per tab', () => {
  const fire = fetchOnce;
  const recorded = recordedCount;

  it('records only requests to the servers named; every server again when cleared', async () => {
    const elsewhere = `${zoo.apiOrigin}/s/no-acao/0?scope-elsewhere`;
    const named = `${zoo.api2Origin}/s/no-acao/0?scope-named`;
    await ask({ type: 'cors-lens:set-settings', settings: { recordOnly: [zoo.api2Origin] } });
    // The listeners are registered again with the new filter once the change is seen.
    await new Promise((done) => setTimeout(done, 300));
    await fire(elsewhere);
    await fire(named);
    await expect.poll(() => recorded(named)).toBe(1);
    await recorder.settled(elsewhere);
    await new Promise((done) => setTimeout(done, 300));
    expect(await recorded(elsewhere)).toBe(0);
    const refused = await ask({
      type: 'cors-lens:set-settings',
      settings: { recordOnly: 'all' },
    });
    expect(refused).toBeUndefined();
    await ask({ type: 'cors-lens:set-settings', settings: { recordOnly: [] } });
    await new Promise((done) => setTimeout(done, 300));
    await fire(`${elsewhere}-again`);
    await expect.poll(() => recorded(`${elsewhere}-again`)).toBe(1);
  });

  it('a paused tab is ignored and its badge says off; resumed, it records again', async () => {
    const url = `${zoo.apiOrigin}/s/no-acao/0?tab-paused`;
    expect(await ask({ type: 'cors-lens:set-tab-recording', tabId, on: false })).toEqual({
      paused: true,
    });
    const worker = await browser.currentWorker();
    await expect
      .poll(() => worker.evaluate(`chrome.action.getBadgeText({ tabId: ${tabId} })`))
      .toBe('off');
    expect(await ask({ type: 'cors-lens:get-tab', tabId })).toMatchObject({ paused: true });
    await fire(url);
    await recorder.settled(url);
    await new Promise((done) => setTimeout(done, 300));
    expect(await recorded(url)).toBe(0);
    await ask({ type: 'cors-lens:set-tab-recording', tabId, on: true });
    await fire(`${url}-resumed`);
    await expect.poll(() => recorded(`${url}-resumed`)).toBe(1);
    expect(await worker.evaluate(`chrome.action.getBadgeText({ tabId: ${tabId} })`)).not.toBe(
      'off',
    );
  });
});

describe('passive findings, as the extension records them', () => {
  // Findings are CORS Lens's own judgement (Chrome has none to compare with): these are the
  // misconfigurations the zoo serves, and what each must raise.
  const expected: Record<string, string[]> = {
    'audit-reflect-any': ['reflected-origin-with-credentials', 'dynamic-origin-without-vary'],
    'acao-null': ['null-origin-allowed'],
    'ok-echo': ['dynamic-origin-without-vary'],
    'audit-star-cookie': ['wildcard-with-credentials-headers'],
    'audit-literal-star': [
      'reflected-origin-with-credentials',
      'literal-wildcard-with-credentials',
    ],
    'audit-max-age': ['max-age-over-cap'],
    'audit-expose-token': ['sensitive-headers-exposed'],
  };
  it.each(Object.entries(expected))('%s', async (id, findings) => {
    const scenario = scenarios.find((s) => s.id === id);
    if (!scenario) throw new Error(`no scenario ${id}`);
    const [record] = await recordedFor(urlOf(scenario));
    expect(record?.verdict.findings.map((f) => f.id)).toEqual(findings);
  });
});

describe('cors-lens audit against the zoo', () => {
  it('an endpoint that echoes any origin with credentials is high', async () => {
    const result = await audit({
      url: `${zoo.apiOrigin}/s/audit-reflect-any/0`,
      trusted: zoo.pageOrigin,
      credentials: true,
    });
    expect(result.findings.filter((f) => f.severity === 'high').map((f) => f.id)).toEqual(
      expect.arrayContaining([
        'arbitrary-origin-reflected',
        'null-origin-reflected',
        'prefix-origin-reflected',
      ]),
    );
  });
  it('null is reported where the server allows it; a fixed origin gives only info', async () => {
    const nulls = await audit({
      url: `${zoo.apiOrigin}/s/acao-null/0`,
      trusted: zoo.pageOrigin,
      credentials: false,
    });
    expect(nulls.findings.map((f) => `${f.id}:${f.severity}`)).toEqual([
      'trusted-origin-not-allowed:info',
      'null-origin-reflected:low',
    ]);
    const fixed = await audit({
      url: `${zoo.apiOrigin}/s/wrong-acao/0`,
      trusted: 'https://app.example.com',
      credentials: true,
    });
    expect(fixed.findings.map((f) => f.severity)).toEqual(['info']);
  });
});

describe('cors-lens check against the same endpoints', () => {
  // No page behind `check`: modes are page options.
  const checkable = networked.filter((s) => !s.request.mode);
  const checkScenario = (scenario: ZooScenario) =>
    check({
      url: urlOf(scenario),
      origin: zoo.pageOrigin,
      method: scenario.request.method,
      headers: Object.entries(scenario.request.headers ?? {}).map(([name, value]) => ({
        name,
        value,
      })),
      credentials: scenario.request.credentials === 'include' ? 'include' : 'omit',
    });

  it.each(checkable.map((s) => [s.id, s] as const))(
    '%s: the verdict the extension recorded',
    async (_id, scenario) => {
      const [record] = await recordedFor(urlOf(scenario));
      const { verdict, unreachable } = await checkScenario(scenario);
      expect({
        outcome: verdict.outcome,
        chromiumError: verdict.chromiumError,
        failedParameter: verdict.failedParameter,
        // A server that gives no answer: check names it as Chromium did.
        networkError: verdict.networkError,
        stage: verdict.stage,
      }).toEqual({
        outcome: record?.verdict.outcome,
        chromiumError: record?.verdict.chromiumError,
        failedParameter: record?.verdict.failedParameter,
        // webRequest shows a preflight that got no answer only as the request's net::ERR_FAILED;
        // check names the preflight's own error, which is what Chrome reports for the same
        // dropped socket on a request it can see (the `dropped` scenario).
        networkError:
          record?.verdict.stage === 'preflight' && record.verdict.networkError === 'net::ERR_FAILED'
            ? (await recordedFor(urlOf(byId('dropped'))))[0]?.verdict.networkError
            : record?.verdict.networkError,
        stage: record?.verdict.stage,
      });
      expect(unreachable !== null).toBe(verdict.outcome === 'network-error');
    },
  );
});

describe('concurrency and worker restarts', () => {
  it('pairs several identical preflighted requests fired at once', async () => {
    await ask({ type: 'cors-lens:clear-tab', tabId });
    await Promise.all([run('pf-ok', 4), run('pf-header', 3), run('pf-json-ok', 3)]);
    const ok = await recordedFor(urlOf(networked.find((s) => s.id === 'pf-ok') as ZooScenario), 4);
    const header = await recordedFor(
      urlOf(networked.find((s) => s.id === 'pf-header') as ZooScenario),
      3,
    );
    expect(
      ok.every((e) => e.verdict.chromiumError === null && e.verdict.preflight === 'sent'),
    ).toBe(true);
    expect(
      header.every(
        (e) =>
          e.verdict.chromiumError === 'HeaderDisallowedByPreflightResponse' &&
          e.verdict.failedParameter === 'x-api-key',
      ),
    ).toBe(true);
  });

  it('loses nothing when the service worker is stopped between requests', async () => {
    await ask({ type: 'cors-lens:clear-tab', tabId });
    const ids = [
      'pf-ok',
      'pf-header',
      'no-acao',
      'pf-404',
      'creds-star',
      'redirect-preflight',
      'pf-json-ok',
      'ok-echo',
    ];
    let restarts = 0;
    for (const id of ids) {
      await run(id, 2);
      // Stop once the worker has recorded and stored them: what it had must survive, nothing twice.
      const url = urlOf(networked.find((s) => s.id === id) as ZooScenario);
      await recordedFor(url, 2);
      await expect.poll(() => storedFinished(url), { timeout: 5000 }).toBe(2);
      await stopServiceWorkers(browser);
      restarts++;
    }
    for (const id of ids) {
      const scenario = networked.find((s) => s.id === id) as ZooScenario;
      const chrome = (await recorder.settled(urlOf(scenario))).chrome;
      const records = await recordedFor(urlOf(scenario), 2);
      for (const record of records)
        expect(record.verdict.chromiumError, `${id}: ${JSON.stringify(record.exchange)}`).toBe(
          chrome.corsError,
        );
    }
    console.log(`worker restarts survived: ${restarts}, requests: ${ids.length * 2}`);
  });

  it('completes requests whose events straddle a worker restart', async () => {
    await ask({ type: 'cors-lens:clear-tab', tabId });
    const slow = ['slow-pf-ok', 'slow-no-acao'].map(
      (id) => networked.find((s) => s.id === id) as ZooScenario,
    );
    const running = Promise.all(slow.map((s) => run(s.id, 2)));
    // Every request has started, and its state (preflight included) has been stored, before
    // the worker goes: the in-memory log alone can be one batched write ahead of storage.
    await expect
      .poll(
        async () => (await exported()).exchanges.filter((e) => e.outcome === 'pending').length,
        { timeout: 5000 },
      )
      .toBe(4);
    await expect.poll(() => storedInFlight(slow), { timeout: 5000 }).toBe(4);
    await stopServiceWorkers(browser);
    await running;
    for (const scenario of slow) {
      const chrome = (await recorder.settled(urlOf(scenario))).chrome;
      const records = await recordedFor(urlOf(scenario), 2);
      for (const record of records) {
        expect(record.verdict.chromiumError, scenario.id).toBe(chrome.corsError);
        expect(record.verdict.preflight, scenario.id).toBe(
          scenario.preflights ? 'sent' : 'not-needed',
        );
      }
    }
    const report = await exported();
    expect(report.exchanges).toHaveLength(4);
  });
});

describe('navigations', () => {
  it("a navigation starts the tab's log afresh, unless preserve log is on", async () => {
    const tab = await browser.context.newPage();
    try {
      await tab.goto(`${zoo.pageOrigin}/?nav-first`);
      const navTabId = await tabIdOf(browser, `${zoo.pageOrigin}/?nav-first`);
      const fireFrom = (url: string) => fetchOnce(url, tab);
      const urlsInLog = async () =>
        (await exported(navTabId)).exchanges
          .filter((e) => e.outcome !== 'pending')
          .map((e) => new URL(e.url).search)
          .sort();
      const api = (tag: string) => `${zoo.apiOrigin}/s/no-acao/0?${tag}`;

      await fireFrom(api('a1'));
      await fireFrom(api('a2'));
      await expect.poll(urlsInLog).toEqual(['?a1', '?a2']);
      await tab.goto(`${zoo.pageOrigin}/?nav-second`);
      await fireFrom(api('b1'));
      await fireFrom(api('b2'));
      await expect.poll(urlsInLog).toEqual(['?b1', '?b2']);

      await ask({ type: 'cors-lens:set-settings', settings: { preserveLog: true } });
      try {
        await new Promise((done) => setTimeout(done, 300));
        await tab.goto(`${zoo.pageOrigin}/?nav-third`);
        await fireFrom(api('c1'));
        await expect.poll(urlsInLog).toEqual(['?b1', '?b2', '?c1']);
      } finally {
        await ask({ type: 'cors-lens:set-settings', settings: { preserveLog: false } });
      }
      // Preserve log off again: more requests of the same document keep the log, the next
      // document starts afresh.
      await new Promise((done) => setTimeout(done, 300));
      await fireFrom(api('c2'));
      await expect.poll(urlsInLog).toEqual(['?b1', '?b2', '?c1', '?c2']);
      await tab.goto(`${zoo.pageOrigin}/?nav-fourth`);
      await fireFrom(api('d1'));
      await expect.poll(urlsInLog).toEqual(['?d1']);
    } finally {
      await tab.close();
    }
  });
});
