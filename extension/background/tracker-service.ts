// The worker's state manager (darkreader-style: load, mutate, save): the pairing state and
// each tab's log live in storage.session so they survive the worker being stopped. Events
// that arrive while the state is loading wait in a queue; writes are batched off the event
// path; subscribers (panel, popup) get every change.

import { browser, type Runtime } from '../browser';
import {
  applyEvent,
  createPairingState,
  forgetTab,
  type PairingState,
} from '../../src/tracker/pairing';
import {
  blockedCount,
  recordOf,
  upsertRecord,
  type ExchangeRecord,
} from '../../src/tracker/tab-log';
import type { TrackerEvent } from '../../src/tracker/webrequest-event';
import type { SubscriptionMessage } from '../../src/protocol/messages';

const pairingKey = 'pairing';
const tabKey = (tabId: number) => `tab:${tabId}`;

export class TrackerService {
  private pairing: PairingState = createPairingState();
  private readonly logs = new Map<number, ExchangeRecord[]>();
  private readonly dirtyTabs = new Set<number>();
  private pairingDirty = false;
  private writing: Promise<void> | undefined;
  private writeAgain = false;
  private readonly queue: TrackerEvent[] = [];
  private loaded = false;
  private readonly subscribers = new Map<number, Set<Runtime.Port>>();
  readonly ready: Promise<void>;

  constructor() {
    this.ready = this.load();
  }

  private async load(): Promise<void> {
    try {
      const stored = (await browser.storage.session.get(null)) as Record<string, unknown>;
      const pairing = stored[pairingKey] as PairingState | undefined;
      if (pairing && typeof pairing === 'object' && pairing.requests && pairing.preflights)
        this.pairing = pairing;
      for (const [key, value] of Object.entries(stored)) {
        if (key.startsWith('tab:') && Array.isArray(value))
          this.logs.set(Number(key.slice(4)), value as ExchangeRecord[]);
      }
    } catch {
      // Unreadable state: start empty rather than stop recording.
    }
    this.loaded = true;
    for (const event of this.queue.splice(0)) this.apply(event);
  }

  /** Called from the webRequest listeners; never throws, never waits. */
  handle(event: TrackerEvent): void {
    if (!this.loaded) {
      this.queue.push(event);
      return;
    }
    this.apply(event);
  }

  private apply(event: TrackerEvent): void {
    try {
      const request = applyEvent(this.pairing, event);
      this.pairingDirty = true;
      if (request) this.store(recordOf(request));
    } catch {
      // One malformed event must not stop the recording of the others.
    }
    this.scheduleFlush();
  }

  private store(record: ExchangeRecord): void {
    const log = this.logs.get(record.tabId) ?? [];
    this.logs.set(record.tabId, upsertRecord(log, record));
    this.dirtyTabs.add(record.tabId);
    this.publish(record.tabId, { type: 'upsert', record });
  }

  /**
   * Writes start at once (Chrome may stop the worker at any moment) but never overlap:
   * changes made while a write is under way go out together in the next one, which
   * batches bursts by itself.
   */
  private scheduleFlush(): void {
    if (this.writing) {
      this.writeAgain = true;
      return;
    }
    this.writing = this.flush().finally(() => {
      this.writing = undefined;
      if (this.writeAgain) {
        this.writeAgain = false;
        this.scheduleFlush();
      }
    });
  }

  async flush(): Promise<void> {
    const items: Record<string, unknown> = {};
    if (this.pairingDirty) items[pairingKey] = this.pairing;
    const tabs = [...this.dirtyTabs];
    for (const tabId of tabs) items[tabKey(tabId)] = this.logs.get(tabId) ?? [];
    this.pairingDirty = false;
    this.dirtyTabs.clear();
    if (Object.keys(items).length === 0) return;
    await Promise.all([
      browser.storage.session.set(items).catch(() => undefined),
      ...tabs.map((tabId) => this.updateBadge(tabId)),
    ]);
  }

  private async updateBadge(tabId: number): Promise<void> {
    const count = blockedCount(this.logs.get(tabId) ?? []);
    try {
      await browser.action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
      if (count > 0) await browser.action.setBadgeBackgroundColor({ tabId, color: '#d93025' });
    } catch {
      // The tab is gone.
    }
  }

  async records(tabId: number): Promise<ExchangeRecord[]> {
    await this.ready;
    return this.logs.get(tabId) ?? [];
  }

  async clearTab(tabId: number): Promise<number> {
    await this.ready;
    const cleared = this.logs.get(tabId)?.length ?? 0;
    this.logs.set(tabId, []);
    this.dirtyTabs.add(tabId);
    this.publish(tabId, { type: 'cleared', tabId });
    this.scheduleFlush();
    await this.writing;
    return cleared;
  }

  /** A closed tab frees its data. */
  async forgetTab(tabId: number): Promise<void> {
    await this.ready;
    forgetTab(this.pairing, tabId);
    this.logs.delete(tabId);
    this.pairingDirty = true;
    await browser.storage.session.remove(tabKey(tabId)).catch(() => undefined);
    this.scheduleFlush();
  }

  async subscribe(port: Runtime.Port, tabId: number): Promise<void> {
    let ports = this.subscribers.get(tabId);
    if (!ports) {
      ports = new Set();
      this.subscribers.set(tabId, ports);
    }
    ports.add(port);
    port.onDisconnect.addListener(() => ports.delete(port));
    post(port, { type: 'snapshot', tabId, records: await this.records(tabId) });
  }

  private publish(tabId: number, message: SubscriptionMessage): void {
    for (const port of this.subscribers.get(tabId) ?? []) post(port, message);
  }
}

function post(port: Runtime.Port, message: SubscriptionMessage): void {
  try {
    port.postMessage(message);
  } catch {
    // Disconnected meanwhile.
  }
}
