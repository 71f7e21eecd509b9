// The worker's state manager (darkreader-style: load, mutate, save): the pairing state and
// each tab's log live in storage.session so they survive the worker being stopped. Events
// that arrive while the state is loading wait in a queue; writes are batched off the event
// path; subscribers (panel, popup) get every change.

import { browserTraits } from '../platform';
import { browser, type Runtime } from '../browser';
import {
  applyEvent,
  createPairingState,
  forgetRequest,
  forgetTab,
  requestKey,
  type PairingState,
  type TrackedRequest,
} from '../../src/tracker/pairing';
import {
  blockedCount,
  logsFromRecords,
  recordOf,
  seesMore,
  upsertRecord,
  withPageRequest,
  type ExchangeRecord,
  type TabLog,
} from '../../src/tracker/tab-log';
import type { TrackerEvent } from '../../src/tracker/webrequest-event';
import { decodeStored, encodeStored } from '../../src/tracker/stored-json';
import type { SubscriptionMessage } from '../../src/protocol/messages';
import { isWorkerRequest, recordForTab, tabCopyId } from '../../src/tracker/worker-requests';
import { WorkerTabs } from './worker-tabs';
import { devtoolsHarLimits, missedFromHar } from '../../src/tracker/devtools-har';
import {
  pairingWindowMs,
  workerRecordFor,
  type PageRequest,
} from '../../src/tracker/page-requests';

// One storage key per record, so a change writes one record, not a whole log; likewise one
// key per request and preflight in flight, so an event writes what it changed, not every
// request in flight (a burst of concurrent requests made that quadratic).
const legacyPairingKey = 'pairing';
const pairRequestPrefix = 'pr:';
const pairPreflightPrefix = 'pp:';
const pairMetaKey = 'pm:inserted';
const pausedTabsKey = 'meta:paused-tabs';
const restoredKey = 'meta:restored-from-devtools';
const recordPrefix = 'rec:';
const recordKey = (id: string) => `${recordPrefix}${id}`;
/** The keys whose values are stored as JSON text (`stored-json.ts`). */
const isJsonKey = (key: string) =>
  key.startsWith(recordPrefix) ||
  key.startsWith(pairRequestPrefix) ||
  key.startsWith(pairPreflightPrefix) ||
  key === pairMetaKey;
/**
 * storage.session holds 10 MB per extension, and a write that would pass it stores nothing.
 * Past this budget the oldest records of the biggest tab go first.
 */
export const storageBudgetBytes = 8 * 1024 * 1024;
/** Under a stream of events, storage is written at most this often. */
export const flushIntervalMs = 100;

export class TrackerService {
  private pairing: PairingState = createPairingState();
  private logs = new Map<number, TabLog>();
  private readonly dirtyRecords = new Map<string, ExchangeRecord>();
  private readonly droppedRecords = new Set<string>();
  private readonly dirtyBadges = new Set<number>();
  private readonly sizes = new Map<string, number>();
  private storedBytes = 0;
  /** Storage keys of pairing entries changed since the last write. */
  private readonly touchedPairs = new Set<string>();
  /** Pairing entries in storage, to find the ones a change removed. */
  private readonly storedPairs = new Set<string>();
  private readonly badgeShown = new Map<number, number>();
  /** Requests that started since the last write and are not in their tab's log yet. */
  private readonly started = new Map<string, TrackedRequest>();
  /** Per tab, the document of its newest top-frame record (null: none); see `topDocumentOf`. */
  private readonly topDocuments = new Map<number, string | null>();
  private writing: Promise<void> | undefined;
  private flushQueued = false;
  private lastFlushAt = 0;
  private readonly queue: TrackerEvent[] = [];
  private loaded = false;
  /** Tabs the user paused: their events are ignored (kept in storage.session, like tab ids). */
  private readonly pausedTabs = new Set<number>();
  private readonly subscribers = new Map<number, Set<Runtime.Port>>();
  /** Ports that get snapshots and workers' requests only (the DevTools page's). */
  private readonly quiet = new WeakSet<Runtime.Port>();
  /** Which open tabs show a worker's request. */
  readonly workerTabs = new WorkerTabs();
  readonly ready: Promise<void>;

  constructor() {
    this.ready = this.load();
  }

  private async load(): Promise<void> {
    try {
      const stored = (await browser.storage.session.get(null)) as Record<string, unknown>;
      // A record's size is its stored text: counted as read, not encoded again on every wake.
      const storedText = new Map<string, string>();
      for (const [key, value] of Object.entries(stored)) {
        if (!isJsonKey(key)) continue;
        if (typeof value === 'string') storedText.set(key, value);
        stored[key] = decodeStored(value);
      }
      this.pairing = pairingFrom(stored);
      for (const key of Object.keys(stored))
        if (key.startsWith(pairRequestPrefix) || key.startsWith(pairPreflightPrefix))
          this.storedPairs.add(key);
      const records = Object.entries(stored)
        .filter(
          ([key, value]) =>
            key.startsWith(recordPrefix) && typeof value === 'object' && value !== null,
        )
        .map(([, value]) => value as ExchangeRecord);
      this.logs = logsFromRecords(records);
      const paused = stored[pausedTabsKey];
      if (Array.isArray(paused))
        for (const tabId of paused) if (typeof tabId === 'number') this.pausedTabs.add(tabId);
      this.workerTabs.restore(stored);
      const restored = stored[restoredKey];
      if (typeof restored === 'number') this.restoredFromDevtools = restored;
      for (const record of records)
        this.account(record.id, storedText.get(recordKey(record.id)) ?? encodeStored(record));
    } catch {
      // Unreadable state: start empty rather than stop recording.
    }
    // The open tabs' origins, for the requests of their workers.
    const tabs = await browser.tabs.query({}).catch(() => []);
    for (const tab of tabs)
      if (tab.id !== undefined && tab.url) this.workerTabs.noteTab(tab.id, tab.url);
    this.loaded = true;
    for (const event of this.queue.splice(0)) this.apply(event);
  }

  private readonly traits = browserTraits();

  /** Called from the webRequest listeners; never throws, never waits. */
  handle(event: TrackerEvent): void {
    if (!this.loaded) {
      this.queue.push(event);
      return;
    }
    this.apply(event);
  }

  private apply(event: TrackerEvent): void {
    if (this.pausedTabs.has(event.tabId)) return;
    try {
      this.noticeNavigation(event);
      const request = applyEvent(this.pairing, event, this.traits);
      this.touchedPairs.add(`${pairRequestPrefix}${requestKey(event.tabId, event.requestId)}`);
      this.touchedPairs.add(`${pairPreflightPrefix}${event.requestId}`);
      // A request is shown when it ends, and as pending if it is still running at the next
      // write or when its tab's log is asked for: most end first, so they cost one record
      // and one triage, not two.
      if (request?.done) {
        this.started.delete(request.id);
        this.store(recordOf(request, this.traits));
      } else if (request && !this.logs.get(request.tabId)?.has(request.id)) {
        this.started.set(request.id, request);
      }
    } catch {
      // One malformed event must not stop the recording of the others.
    }
    this.scheduleFlush();
  }

  /**
   * DevTools' entries from around a stop of this worker (the DevTools page reads them once the
   * worker is back): the requests the log lacks, or saw only in part, rebuilt and kept.
   */
  async devtoolsHar(tabId: number, entries: unknown[]): Promise<void> {
    await this.ready;
    if (!this.recording || this.pausedTabs.has(tabId)) return;
    let missed: ExchangeRecord[];
    try {
      missed = missedFromHar(
        entries,
        this.workerTabs.pageUrl(tabId),
        tabId,
        this.logs.get(tabId)?.values() ?? [],
        Date.now(),
      );
    } catch {
      // Entries the HAR reader refuses: nothing to add.
      return;
    }
    let added = false;
    for (const record of missed) {
      // A worker's request is kept as the tab's copy of it (and fanned out to its other tabs).
      const id = isWorkerRequest(record) ? tabCopyId(record.id, tabId) : record.id;
      const isNew = !this.logs.get(tabId)?.has(id);
      // The flush deletes its stored pairing entry with the others that are gone.
      forgetRequest(this.pairing, record.id);
      // A request a worker passed on is judged again with the page's side it was paired with.
      this.store(record.page ? withPageRequest(record, record.page) : record);
      if (isNew) this.devtoolsCopies.add(id);
      added ||= isNew;
    }
    const log = this.logs.get(tabId);
    if (added && log) {
      const sorted = [...log.values()].sort((a, b) => a.startedAt - b.startedAt);
      log.clear();
      for (const record of sorted) log.set(record.id, record);
      this.topDocuments.delete(tabId);
    }
    // How many requests DevTools' log gave back, for the stress test's figures.
    this.restoredFromDevtools += missed.length;
    void browser.storage.session
      .set({ [restoredKey]: this.restoredFromDevtools })
      .catch(() => undefined);
    this.scheduleFlush();
  }

  private restoredFromDevtools = 0;

  /** Whether a tab's log survives navigations (kept in sync by the settings wiring). */
  preserveLog = false;
  private recording = true;

  /** Paused recording shows "off" on every badge; the listeners are removed elsewhere. */
  setRecording(on: boolean): void {
    if (on === this.recording) return;
    this.recording = on;
    this.badgeShown.clear();
    void browser.action
      .setBadgeText({ text: on ? '' : 'off' })
      .then(() => browser.action.setBadgeBackgroundColor({ color: '#5f6368' }))
      .catch(() => undefined);
    for (const tabId of this.logs.keys()) this.dirtyBadges.add(tabId);
    this.scheduleFlush();
  }

  /**
   * A request from a new top-level document means the tab navigated: like DevTools, start
   * a fresh log unless "preserve log" is on. Deciding from the events themselves cannot race
   * with them, as a separate navigation event would.
   */
  private noticeNavigation(event: TrackerEvent): void {
    if (event.frameId !== 0 || !event.documentId || this.preserveLog) return;
    const log = this.logs.get(event.tabId);
    if (!log || log.size === 0) return;
    const top = this.topDocumentOf(event.tabId, log);
    if (top && top !== event.documentId) {
      this.dropLog(event.tabId);
      this.dirtyBadges.add(event.tabId);
      this.publish(event.tabId, { type: 'cleared', tabId: event.tabId });
    }
  }

  /**
   * The document of the tab's newest top-frame record, found by a scan only after records were
   * dropped or reordered: every event asks, and a log holds up to 1000 records.
   */
  private topDocumentOf(tabId: number, log: TabLog): string | null {
    let top = this.topDocuments.get(tabId);
    if (top === undefined) {
      top =
        [...log.values()].reverse().find((r) => r.frameId === 0 && r.documentId)?.documentId ??
        null;
      this.topDocuments.set(tabId, top);
    }
    return top;
  }

  /**
   * A worker's request goes to every open tab of the worker's origin that records (a tab of
   * another origin never shows it); with no such tab, nobody is shown it.
   */
  private storeWorkerRequest(record: ExchangeRecord): void {
    const { tabs, via } = this.workerTabs.tabsFor(record);
    for (const tabId of tabs)
      if (!this.pausedTabs.has(tabId)) this.store(recordForTab(record, tabId, via, tabs.length));
    if (this.unpairedPages.size > 0) for (const tabId of tabs) this.pairPageRequests(tabId, []);
  }

  /**
   * The page's side of requests its service worker passed on (from the DevTools page): each
   * joins the worker's request it went to, or waits a little for it (webRequest's events and
   * DevTools' entries arrive in either order).
   */
  async pageRequests(tabId: number, requests: PageRequest[]): Promise<void> {
    await this.ready;
    this.pairPageRequests(tabId, requests);
    this.scheduleFlush();
  }

  /** Page requests not paired yet, per tab; kept `pairingWindowMs` × 2, at most 100. */
  private readonly unpairedPages = new Map<number, PageRequest[]>();

  private pairPageRequests(tabId: number, incoming: PageRequest[]): void {
    const now = Date.now();
    const waiting = [...(this.unpairedPages.get(tabId) ?? []), ...incoming].filter(
      (page) => now - page.startedAt < pairingWindowMs * 2,
    );
    const log = this.logs.get(tabId);
    const left = waiting.filter((page) => {
      const record = log && workerRecordFor(log.values(), page);
      if (record) this.store(withPageRequest(record, page));
      return !record;
    });
    if (left.length > 0) this.unpairedPages.set(tabId, left.slice(-100));
    else this.unpairedPages.delete(tabId);
  }

  private store(incoming: ExchangeRecord): void {
    let record = incoming;
    if (isWorkerRequest(record)) {
      this.storeWorkerRequest(record);
      return;
    }
    let log = this.logs.get(record.tabId);
    if (!log) this.logs.set(record.tabId, (log = new Map()));
    record = this.underDevtoolsId(log, record);
    const existing = log.get(record.id);
    if (existing && seesMore(existing, record)) return;
    // A worker's request keeps the page's side it was paired with as it goes on.
    if (existing?.page && !record.page) record = withPageRequest(record, existing.page);
    // A new record goes last; an updated one keeps its place, frame and document.
    if (!existing && record.frameId === 0 && record.documentId)
      this.topDocuments.set(record.tabId, record.documentId);
    for (const id of upsertRecord(log, record)) {
      this.dirtyRecords.delete(id);
      this.droppedRecords.add(id);
      this.forgetSize(id);
      this.topDocuments.delete(record.tabId);
    }
    this.dirtyRecords.set(record.id, record);
    this.dirtyBadges.add(record.tabId);
    this.publish(record.tabId, { type: 'upsert', record }, record.via === undefined);
  }

  /** Records rebuilt from DevTools' entries, by id (`devtoolsHar`). */
  private readonly devtoolsCopies = new Set<string>();
  /** A webRequest record's id → the id of the DevTools copy it turned out to be. */
  private readonly aliases = new Map<string, string>();

  /**
   * The events of a request the worker was thought to have missed may still arrive (the
   * DevTools page waits 1.5 s for them, not forever): they update its DevTools copy instead
   * of adding the request twice.
   */
  private underDevtoolsId(log: TabLog, record: ExchangeRecord): ExchangeRecord {
    const alias = this.aliases.get(record.id);
    if (alias) return { ...record, id: alias };
    if (this.devtoolsCopies.size === 0 || log.has(record.id) || this.devtoolsCopies.has(record.id))
      return record;
    const { method, url } = record.exchange.request;
    for (const id of this.devtoolsCopies) {
      const copy = log.get(id);
      if (!copy) {
        this.devtoolsCopies.delete(id);
        continue;
      }
      if (
        copy.exchange.request.method === method &&
        copy.exchange.request.url === url &&
        Math.abs(copy.startedAt - record.startedAt) <= devtoolsHarLimits.sameStartMs
      ) {
        this.devtoolsCopies.delete(id);
        if (this.aliases.size >= 10_000) this.aliases.clear();
        this.aliases.set(record.id, id);
        return { ...record, id };
      }
    }
    return record;
  }

  private account(id: string, json: string): void {
    const size = recordKey(id).length + json.length;
    this.storedBytes += size - (this.sizes.get(id) ?? 0);
    this.sizes.set(id, size);
  }

  private forgetSize(id: string): void {
    this.storedBytes -= this.sizes.get(id) ?? 0;
    this.sizes.delete(id);
  }

  private keepWithinBudget(): void {
    while (this.storedBytes > storageBudgetBytes) {
      const biggest = [...this.logs.entries()].sort((a, b) => b[1].size - a[1].size)[0];
      const oldest = biggest?.[1].keys().next().value;
      if (!biggest || oldest === undefined) return;
      biggest[1].delete(oldest);
      this.topDocuments.delete(biggest[0]);
      this.dirtyRecords.delete(oldest);
      this.droppedRecords.add(oldest);
      this.forgetSize(oldest);
      this.dirtyBadges.add(biggest[0]);
    }
  }

  /**
   * A change after a quiet moment is written at the end of its task (Chrome may stop the
   * worker at any moment); while requests keep coming, changes are gathered and written at
   * most every `flushIntervalMs`. A write per event was what made recording cost more than
   * its listeners (`npm run bench`: CORS Lens 1.3–1.5× the floor, its four listeners doing
   * nothing 1.05–1.2×); batched, CORS Lens costs what its listeners cost. Chrome applies an
   * extension's storage calls in the order they were made, so writes never wait for each other.
   */
  private scheduleFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    const run = () => {
      this.flushQueued = false;
      this.lastFlushAt = Date.now();
      this.writing = this.flush();
    };
    const wait = this.lastFlushAt + flushIntervalMs - Date.now();
    if (wait <= 0) queueMicrotask(run);
    else setTimeout(run, wait);
  }

  /** Requests still running that are not in their tab's log yet go in as pending. */
  private showStarted(): void {
    for (const request of this.started.values())
      if (!request.done) this.store(recordOf(request, this.traits));
    this.started.clear();
  }

  async flush(): Promise<void> {
    this.showStarted();
    // Encoded here, not when stored: a request that starts and ends between two writes is
    // encoded once. Its size is counted at the same time, so the budget is kept per write.
    const encoded = new Map<string, string>();
    for (const [id, record] of this.dirtyRecords) {
      const json = encodeStored(record);
      encoded.set(id, json);
      this.account(id, json);
    }
    this.keepWithinBudget();
    const items: Record<string, unknown> = {};
    const removedPairs = this.pairingChanges(items);
    for (const id of this.dirtyRecords.keys()) items[recordKey(id)] = encoded.get(id);
    const dropped = [...this.droppedRecords].map(recordKey).concat(removedPairs);
    const badges = [...this.dirtyBadges];
    this.dirtyRecords.clear();
    this.droppedRecords.clear();
    this.dirtyBadges.clear();
    const writes: Promise<unknown>[] = badges.map((tabId) => this.updateBadge(tabId));
    if (Object.keys(items).length > 0)
      writes.push(browser.storage.session.set(items).catch(() => undefined));
    if (dropped.length > 0)
      writes.push(browser.storage.session.remove(dropped).catch(() => undefined));
    await Promise.all(writes);
  }

  /**
   * Adds the touched pairing entries to `items`; returns the keys of entries that are gone
   * (done, claimed, pruned, forgotten).
   */
  private pairingChanges(items: Record<string, unknown>): string[] {
    const live = new Set<string>();
    for (const key of Object.keys(this.pairing.requests)) live.add(`${pairRequestPrefix}${key}`);
    for (const key of Object.keys(this.pairing.preflights))
      live.add(`${pairPreflightPrefix}${key}`);
    for (const key of this.touchedPairs) {
      if (!live.has(key)) continue;
      items[key] = encodeStored(
        key.startsWith(pairRequestPrefix)
          ? this.pairing.requests[key.slice(pairRequestPrefix.length)]
          : this.pairing.preflights[key.slice(pairPreflightPrefix.length)],
      );
      this.storedPairs.add(key);
    }
    if (this.touchedPairs.size > 0)
      items[pairMetaKey] = encodeStored(this.pairing.inserted ?? null);
    this.touchedPairs.clear();
    const removed: string[] = [];
    for (const key of this.storedPairs)
      if (!live.has(key)) {
        removed.push(key);
        this.storedPairs.delete(key);
      }
    if (this.storedPairs.size === 0 && removed.length > 0) removed.push(legacyPairingKey);
    return removed;
  }

  private async updateBadge(tabId: number): Promise<void> {
    const count =
      this.recording && !this.pausedTabs.has(tabId)
        ? blockedCount(this.logs.get(tabId)?.values() ?? [])
        : -1;
    // Two IPC calls per change add up in a flood: only when the number changes.
    if (this.badgeShown.get(tabId) === count) return;
    this.badgeShown.set(tabId, count);
    try {
      const text = count < 0 ? 'off' : count > 0 ? String(count) : '';
      await browser.action.setBadgeText({ tabId, text });
      if (count !== 0)
        await browser.action.setBadgeBackgroundColor({
          tabId,
          color: count < 0 ? '#5f6368' : '#d93025',
        });
    } catch {
      // The tab is gone.
    }
  }

  async records(tabId: number): Promise<ExchangeRecord[]> {
    await this.ready;
    return this.recordsOf(tabId);
  }

  private recordsOf(tabId: number): ExchangeRecord[] {
    this.showStarted();
    return [...(this.logs.get(tabId)?.values() ?? [])];
  }

  isPaused(tabId: number): boolean {
    return this.pausedTabs.has(tabId);
  }

  /** Pauses or resumes one tab; its subscribers get a fresh snapshot saying which. */
  async setTabRecording(tabId: number, on: boolean): Promise<boolean> {
    await this.ready;
    if (on) this.pausedTabs.delete(tabId);
    else this.pausedTabs.add(tabId);
    await this.savePausedTabs();
    this.dirtyBadges.add(tabId);
    this.scheduleFlush();
    this.publish(tabId, this.snapshot(tabId));
    return this.pausedTabs.has(tabId);
  }

  private savePausedTabs(): Promise<unknown> {
    return browser.storage.session
      .set({ [pausedTabsKey]: [...this.pausedTabs] })
      .catch(() => undefined);
  }

  private snapshot(tabId: number): SubscriptionMessage {
    return {
      type: 'snapshot',
      tabId,
      records: this.recordsOf(tabId),
      paused: this.pausedTabs.has(tabId),
    };
  }

  async clearTab(tabId: number): Promise<number> {
    await this.ready;
    const cleared = this.dropLog(tabId);
    this.dirtyBadges.add(tabId);
    this.publish(tabId, { type: 'cleared', tabId });
    await this.flush();
    return cleared;
  }

  /** A closed tab frees its data. */
  async forgetTab(tabId: number): Promise<void> {
    await this.ready;
    // The flush finds the entries this removed and deletes them from storage.
    forgetTab(this.pairing, tabId);
    this.badgeShown.delete(tabId);
    this.workerTabs.forgetTab(tabId);
    this.unpairedPages.delete(tabId);
    if (this.pausedTabs.delete(tabId)) void this.savePausedTabs();
    this.dropLog(tabId);
    this.subscribers.delete(tabId);
    this.scheduleFlush();
  }

  private dropLog(tabId: number): number {
    // Requests of the dropped log that are still running come back when they end.
    for (const [id, request] of this.started) if (request.tabId === tabId) this.started.delete(id);
    const log = this.logs.get(tabId);
    if (!log) return 0;
    for (const id of log.keys()) {
      this.dirtyRecords.delete(id);
      this.droppedRecords.add(id);
      this.forgetSize(id);
    }
    this.logs.delete(tabId);
    this.topDocuments.delete(tabId);
    return log.size;
  }

  async subscribe(port: Runtime.Port, tabId: number, quiet = false): Promise<void> {
    if (quiet) this.quiet.add(port);
    let ports = this.subscribers.get(tabId);
    if (!ports) {
      ports = new Set();
      this.subscribers.set(tabId, ports);
    }
    ports.add(port);
    port.onDisconnect.addListener(() => ports.delete(port));
    await this.ready;
    post(port, this.snapshot(tabId));
  }

  /** `loud`: for the panels and popups only, not for quiet ports. */
  private publish(tabId: number, message: SubscriptionMessage, loud = false): void {
    for (const port of this.subscribers.get(tabId) ?? [])
      if (!loud || !this.quiet.has(port)) post(port, message);
  }
}

function post(port: Runtime.Port, message: SubscriptionMessage): void {
  try {
    port.postMessage(message);
  } catch {
    // Disconnected meanwhile.
  }
}

/** The pairing state from storage: one key per entry (and the single key of older versions). */
function pairingFrom(stored: Record<string, unknown>): PairingState {
  const legacy = stored[legacyPairingKey] as PairingState | undefined;
  const state: PairingState =
    legacy && typeof legacy === 'object' && legacy.requests && legacy.preflights
      ? legacy
      : createPairingState();
  for (const [key, value] of Object.entries(stored)) {
    if (typeof value !== 'object' || value === null) continue;
    if (key.startsWith(pairRequestPrefix))
      state.requests[key.slice(pairRequestPrefix.length)] =
        value as PairingState['requests'][string];
    else if (key.startsWith(pairPreflightPrefix))
      state.preflights[key.slice(pairPreflightPrefix.length)] =
        value as PairingState['preflights'][string];
  }
  const inserted = stored[pairMetaKey];
  if (inserted && typeof inserted === 'object')
    state.inserted = inserted as PairingState['inserted'];
  return state;
}
