// Throwaway: what chrome.devtools.network reports for requests a service worker answers.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchBrowser, evaluateInTargets, waitForTarget, tabIdOf } from '../test/harness/browser';
import { startZoo } from '../test/fixtures/zoo/server';

const zoo = await startZoo();
const api = zoo.apiOrigin;
const sw = `self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  const r = e.request;
  if (new URL(r.url).origin === location.origin) return;
  if (r.destination === 'image') return e.respondWith(fetch(new Request(r.url)));
  if (r.headers.get('accept') === 'text/event-stream') { const h = new Headers(r.headers); h.set('Cache-Control', 'no-cache'); return e.respondWith(fetch(r.url, { headers: h, mode: 'cors' })); }
  e.respondWith(fetch(r));
});`;
const page = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/sw.js') res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(sw);
  else res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!doctype html><title>sw</title><script>
      window.ready = navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready).then(() => new Promise(r => { if (navigator.serviceWorker.controller) r(); else navigator.serviceWorker.addEventListener('controllerchange', r); }));
    </script>`);
});
await new Promise<void>((r) => page.listen(0, '127.0.0.1', () => r()));
const pageOrigin = `http://localhost:${(page.address() as AddressInfo).port}`;
const browser = await launchBrowser({ extraArgs: ['--auto-open-devtools-for-tabs'] });
const tab = await browser.context.newPage();
await tab.goto(pageOrigin);
await tab.evaluate(() => (window as unknown as { ready: Promise<void> }).ready);
await tab.reload();
const tabId = await tabIdOf(browser, `${pageOrigin}/`);
const dt = `chrome-extension://${browser.extensionId}/extension/devtools/devtools.html`;
await waitForTarget(browser, dt);
await new Promise((r) => setTimeout(r, 1500));
console.log(await evaluateInTargets(browser, dt, `(globalThis.__har = [], chrome.devtools.network.onRequestFinished.addListener((e) => { const c = JSON.parse(JSON.stringify(e)); globalThis.__har.push(c); }), chrome.devtools.inspectedWindow.tabId)`), tabId);
await tab.evaluate('globalThis.__name = (f) => f');
const results = await tab.evaluate(async (api) => {
  const out: string[] = [];
  const go = async (label: string, p: Promise<unknown>) => { try { await p; out.push(`${label}: ok`); } catch (e) { out.push(`${label}: ${e}`); } };
  await go('fetch ok-star pass', fetch(`${api}/s/ok-star/0?pass`, { credentials: 'include' }));
  await go('img cors', new Promise((res, rej) => { const i = new Image(); i.crossOrigin = 'anonymous'; i.onload = res; i.onerror = () => rej('img error'); i.src = `${api}/s/no-acao/0?imgcors`; }));
  await go('font', new FontFace('x', `url(${api}/s/no-acao/0?font)`).load());
  await go('img nocors', new Promise((res, rej) => { const i = new Image(); i.onload = res; i.onerror = () => rej('img error'); i.src = `${api}/s/no-acao/0?img2`; }));
  await go('es', new Promise((res, rej) => { const s = new EventSource(`${api}/s/ok-star/0?es`); s.onopen = () => (s.close(), res(1)); s.onerror = () => (s.close(), rej('es error')); }));
  return out;
}, api);
await new Promise((r) => setTimeout(r, 1500));
console.log(results.join('\n'));
const har = await evaluateInTargets(browser, dt, `globalThis.__har`);
for (const list of har as any[]) for (const e of list) console.log(JSON.stringify({ t: e.startedDateTime, type: e._resourceType, init: e._initiator?.type, initUrl: e._initiator?.url ?? e._initiator?.stack?.callFrames?.[0]?.url, m: e.request.method, url: e.request.url, rh: e.request.headers.map((h: any) => h.name + ": " + h.value).filter((s: string) => !/^(user-agent|sec-ch|accept-(enc|lang)|connection|host)/i.test(s)), st: e.response.status, err: e.response._error, sw: e.response._fetchedViaServiceWorker, rs: e.response._serviceWorkerResponseSource, keys: Object.keys(e).filter(k => k.startsWith("_")) }));
await browser.close();
await zoo.close();
page.close();
