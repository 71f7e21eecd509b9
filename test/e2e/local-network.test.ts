// Local Network Access in real Chromium, all on loopback: `--ip-address-space-overrides` makes
// one page server count as `public` and one as `local`, and one API server as `local`; the
// other API server stays `loopback`. `page.test` (host-resolver rule → 127.0.0.1) serves the
// public page over plain http, a non-secure context; `localhost` serves it as a secure one.
// Chrome's corsErrorStatus (DevTools protocol) is the truth for the extension's record, and for
// `analyze` on the same exchange with the additive address-space fields filled in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import {
  extensionMessenger,
  launchBrowser,
  tabIdOf,
  type LaunchedBrowser,
} from '../harness/browser';
import { CdpRecorder } from '../harness/cdp-recorder';
import { closeServers } from '../fixtures/zoo/server';
import { analyze } from '../../src/analyzer/analyze';
import type { AddressSpace, Exchange } from '../../src/exchange/types';
import type { Report } from '../../src/report/json-report';

let browser: LaunchedBrowser;
let ask: (message: object) => Promise<unknown>;
const servers: Server[] = [];
const ports = { loopbackApi: 0, localApi: 0, publicPage: 0, localPage: 0 };

async function listen(handler: Parameters<typeof createServer>[1]): Promise<number> {
  const server = createServer(handler);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  servers.push(server);
  return (server.address() as AddressInfo).port;
}

// An API that allows every origin: whatever fails here, fails for Local Network Access.
const api: Parameters<typeof createServer>[1] = (request, response) => {
  response.writeHead(request.method === 'OPTIONS' ? 204 : 200, {
    'Access-Control-Allow-Origin': request.headers.origin ?? '*',
    'Content-Type': 'application/json',
  });
  response.end('{}');
};
const html: Parameters<typeof createServer>[1] = (_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/html' });
  response.end('<!doctype html><title>page</title>');
};

interface PageUnderTest {
  page: Page;
  tabId: number;
  recorder: CdpRecorder;
  space: AddressSpace;
  secure: boolean;
}
const pages = new Map<string, PageUnderTest>();

interface Case {
  name: string;
  page: 'secure public' | 'insecure public' | 'local';
  api: 'loopbackApi' | 'localApi';
  targetAddressSpace?: AddressSpace;
  /** The extension cannot see `targetAddressSpace` (webRequest: plain ERR_FAILED, same headers). */
  invisibleToExtension?: boolean;
}

const cases: Case[] = [
  { name: 'secure public page → loopback', page: 'secure public', api: 'loopbackApi' },
  { name: 'secure public page → local', page: 'secure public', api: 'localApi' },
  { name: 'insecure public page → loopback', page: 'insecure public', api: 'loopbackApi' },
  { name: 'insecure public page → local', page: 'insecure public', api: 'localApi' },
  { name: 'local page → loopback', page: 'local', api: 'loopbackApi' },
  {
    name: 'targetAddressSpace local, server on loopback',
    page: 'secure public',
    api: 'loopbackApi',
    targetAddressSpace: 'local',
    invisibleToExtension: true,
  },
  {
    name: 'targetAddressSpace loopback, server on local',
    page: 'local',
    api: 'localApi',
    targetAddressSpace: 'loopback',
    invisibleToExtension: true,
  },
];

const apiSpace = { loopbackApi: 'loopback', localApi: 'local' } as const;

beforeAll(async () => {
  ports.loopbackApi = await listen(api);
  ports.localApi = await listen(api);
  ports.publicPage = await listen(html);
  ports.localPage = await listen(html);
  browser = await launchBrowser({
    extraArgs: [
      `--ip-address-space-overrides=127.0.0.1:${ports.publicPage}=public,127.0.0.1:${ports.localPage}=local,127.0.0.1:${ports.localApi}=local`,
      '--host-resolver-rules=MAP page.test 127.0.0.1',
    ],
  });
  ask = await extensionMessenger(browser);
  const open = async (name: string, url: string, space: AddressSpace, secure: boolean) => {
    const page = await browser.context.newPage();
    await page.goto(url);
    expect(await page.evaluate(() => isSecureContext)).toBe(secure);
    const recorder = await CdpRecorder.attach(browser.context, page, new URL(url).origin);
    pages.set(name, { page, tabId: await tabIdOf(browser, url), recorder, space, secure });
  };
  await open('secure public', `http://localhost:${ports.publicPage}/`, 'public', true);
  await open('insecure public', `http://page.test:${ports.publicPage}/`, 'public', false);
  await open('local', `http://127.0.0.1:${ports.localPage}/`, 'local', true);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await closeServers(servers);
});

async function recordOf(tabId: number, url: string) {
  let found: Report['exchanges'][number] | undefined;
  for (const deadline = Date.now() + 10_000; !found && Date.now() < deadline;) {
    const result = (await ask({ type: 'cors-lens:export', tabId, format: 'json' })) as {
      content: string;
    };
    found = (JSON.parse(result.content) as Report).exchanges.find(
      (e) => e.url === url && e.outcome !== 'pending',
    );
    if (!found) await new Promise((wait) => setTimeout(wait, 100));
  }
  if (!found) throw new Error(`no record of ${url}`);
  return found;
}

async function run(c: Case, round: string) {
  const under = pages.get(c.page);
  if (!under) throw new Error(c.page);
  const url = `http://127.0.0.1:${ports[c.api]}/x?${encodeURIComponent(c.name)}-${round}`;
  await under.page.evaluate(
    ({ url, target }) =>
      fetch(url, target ? ({ targetAddressSpace: target } as RequestInit) : {}).then(
        () => 'ok',
        () => 'failed',
      ),
    { url, target: c.targetAddressSpace },
  );
  const chrome = await under.recorder.settled(url);
  const record = await recordOf(under.tabId, url);
  // What a user would hand `analyze`: the exchange, with the address spaces it involved.
  const described: Exchange = {
    ...record.exchange,
    request: {
      ...record.exchange.request,
      ...(c.targetAddressSpace ? { targetAddressSpace: c.targetAddressSpace } : {}),
    },
    context: {
      initiatorAddressSpace: under.space,
      resourceAddressSpace: apiSpace[c.api],
      initiatorIsSecureContext: under.secure,
    },
  };
  return { chrome, record, described, console: under.recorder.consoleMessageFor(url) };
}

const agreement = { extension: 0, analyze: 0, invisible: 0 };

describe.each(['denied', 'granted'])('Local Network Access, permission %s', (round) => {
  beforeAll(async () => {
    if (round === 'granted')
      // Only a secure context can hold the permission (Chrome refuses to grant it elsewhere).
      for (const under of pages.values())
        if (under.secure)
          await browser.context.grantPermissions(['local-network-access'], {
            origin: new URL(under.page.url()).origin,
          });
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { chrome, record, described, console: line } = await run(c, round);
    const truth = {
      corsError: chrome.chrome.corsError,
      failedParameter: chrome.chrome.failedParameter,
    };
    const fromAnalyze = analyze(described);
    expect({
      corsError: fromAnalyze.chromiumError,
      failedParameter: fromAnalyze.failedParameter,
    }).toEqual(truth);
    if (fromAnalyze.outcome === 'blocked') expect(fromAnalyze.consoleMessage).toBe(line);
    agreement.analyze++;
    if (c.invisibleToExtension) {
      // Chrome's verdict arrives as a bare net::ERR_FAILED: the extension says it failed
      // without a response and names targetAddressSpace among the causes, never another code.
      expect(truth.corsError).toBe('InvalidLocalNetworkAccess');
      expect(record.verdict.chromiumError).toBeNull();
      expect(record.verdict.explanation).toMatch(/targetAddressSpace option does not match/);
      agreement.invisible++;
      return;
    }
    expect({
      corsError: record.verdict.chromiumError,
      failedParameter: record.verdict.failedParameter,
    }).toEqual(truth);
    agreement.extension++;
  });
});

describe('the figures', () => {
  it('prints the agreement', () => {
    const total = cases.length * 2;
    const invisible = cases.filter((c) => c.invisibleToExtension).length * 2;
    console.log(
      `Local Network Access vs Chrome: analyze ${agreement.analyze}/${total}; extension ${agreement.extension}/${total - invisible} (${agreement.invisible} with targetAddressSpace, which webRequest cannot show)`,
    );
    expect(agreement).toEqual({ extension: total - invisible, analyze: total, invisible });
  });
});
