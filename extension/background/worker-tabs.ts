// Which open tabs show a worker's request: the tabs of the worker's origin, within a service
// worker's scope (rules: src/tracker/worker-requests.ts). Remembers each open tab's address and,
// per origin, the kinds of worker and the service-worker scopes seen loading there; the last
// two survive the extension's worker being stopped (storage.session).
import { browser } from '../browser';
import { authorityOf } from '../../src/http/origin';
import { inScope, viaFor, workerOrigin, type Via } from '../../src/tracker/worker-requests';
import type { ExchangeRecord } from '../../src/tracker/tab-log';

const kindsKey = 'meta:worker-kinds';
const scopesKey = 'meta:worker-scopes';
export const workerTabsKeys = [kindsKey, scopesKey];

export class WorkerTabs {
  /** Each open tab's origin and address. */
  private readonly pages = new Map<number, { origin: string; url: string }>();
  /** Per origin, the kinds of worker seen loading there. */
  private readonly kinds = new Map<string, Set<string>>();
  /** Per origin, the widest scopes of the service workers seen loading there. */
  private readonly scopes = new Map<string, Set<string>>();

  /** What an earlier run of the worker stored. */
  restore(stored: Record<string, unknown>): void {
    for (const [key, map] of [
      [kindsKey, this.kinds],
      [scopesKey, this.scopes],
    ] as const) {
      const lists = stored[key];
      if (lists && typeof lists === 'object')
        for (const [origin, list] of Object.entries(lists))
          if (Array.isArray(list)) map.set(origin, new Set(list.map(String)));
    }
  }

  /** A tab's address changed (or was first seen): its origin decides which worker requests it shows. */
  noteTab(tabId: number, url: string): void {
    const origin = authorityOf(url)?.origin;
    if (origin && origin !== 'null') this.pages.set(tabId, { origin, url });
    else this.pages.delete(tabId);
  }

  /** The tab's address, when known. */
  pageUrl(tabId: number): string | null {
    return this.pages.get(tabId)?.url ?? null;
  }

  forgetTab(tabId: number): void {
    this.pages.delete(tabId);
  }

  /**
   * An origin loaded a service worker's or a shared worker's script; a service worker's
   * widest scope comes with it (null: not known, and then every page of the origin may be
   * under it: the empty prefix).
   */
  noteWorkerScript(origin: string, kind: string, scope: string | null): void {
    const kinds = this.kinds.get(origin) ?? new Set();
    const scopes = this.scopes.get(origin) ?? new Set();
    const prefix = kind === 'service-worker' ? (scope ?? '') : null;
    if (kinds.has(kind) && (prefix === null || scopes.has(prefix))) return;
    this.kinds.set(origin, kinds.add(kind));
    if (prefix !== null) this.scopes.set(origin, scopes.add(prefix));
    const listed = (map: Map<string, Set<string>>) =>
      Object.fromEntries([...map].map(([o, values]) => [o, [...values]]));
    void browser.storage.session
      .set({ [kindsKey]: listed(this.kinds), [scopesKey]: listed(this.scopes) })
      .catch(() => undefined);
  }

  /**
   * The open tabs that show a worker's request (a tab of another origin never does), and what
   * the worker is. Only a service worker's scope is known; a shared worker serves any page of
   * its origin.
   */
  tabsFor(record: ExchangeRecord): { tabs: number[]; via: Via } {
    const origin = workerOrigin(record);
    const via = viaFor(this.kinds.get(origin));
    const scopes = via === 'service-worker' ? this.scopes.get(origin) : undefined;
    const tabs = [...this.pages]
      .filter(([, page]) => page.origin === origin && inScope(page.url, scopes))
      .map(([tabId]) => tabId);
    return { tabs, via };
  }
}
