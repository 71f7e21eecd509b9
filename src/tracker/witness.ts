// The DevTools page's second recorder. Chromium drops the webRequest events it had dispatched to a
// service worker that is being stopped (they die queued in it), and a busy worker lags
// behind the network by 100 ms or more, so every stop loses the requests of that moment.
// While DevTools is open, its page records the inspected tab too, watches what the worker
// publishes, and hands back the finished requests the worker missed or saw only in part.

import { applyEvent, createPairingState } from './pairing';
import { chromiumTraits, type BrowserTraits } from './browser-traits';
import { logLimits, recordOf, seesMore, type ExchangeRecord } from './tab-log';
import { isWorkerRequest, noTab, tabCopyId, workerOrigin } from './worker-requests';
import type { TrackerEvent } from './webrequest-event';
import type { SubscriptionMessage } from '../protocol/messages';

export const witnessLimits = {
  /** The worker's own copy gets this long to arrive before the witness sends its copy. */
  graceMs: 1500,
  /**
   * Checked against the worker's log this long, and resent every grace period while missing
   * there (the worker may rightly drop it, e.g. past its cap).
   */
  giveUpMs: 30_000,
  /** Records kept for checking; the oldest go first. */
  kept: logLimits.perTab,
};

interface Finished {
  record: ExchangeRecord;
  finishedAt: number;
  sentAt?: number;
}

export class Witness {
  private readonly pairing = createPairingState();
  /**
   * Finished here in the last `giveUpMs`, in finishing order. Kept even once the worker
   * published them: the worker publishes before its (batched) write to storage, so a stop
   * can still lose them, and its next snapshot shows it.
   */
  private readonly finished = new Map<string, Finished>();
  /** What the worker published, per record id. */
  private readonly published = new Map<string, ExchangeRecord>();
  /** The origins whose workers' requests the tab's log shows (`worker-requests.ts`). */
  readonly workerOrigins = new Set<string>();

  /** `tabId`: the inspected tab, whose copies of worker requests the worker publishes. */
  constructor(
    private readonly traits: BrowserTraits = chromiumTraits,
    private readonly tabId = noTab,
  ) {}

  /**
   * One webRequest event of the inspected tab, or of a worker (tabId -1): those are kept when
   * the tab's log already shows requests of that worker's origin.
   */
  record(event: TrackerEvent, now: number): void {
    const request = applyEvent(this.pairing, event, this.traits);
    if (!request?.done) return;
    const record = recordOf(request, this.traits);
    if (isWorkerRequest(record) && !this.workerOrigins.has(workerOrigin(record))) return;
    this.finished.delete(request.id);
    this.finished.set(request.id, { record, finishedAt: now });
    for (const id of this.finished.keys()) {
      if (this.finished.size <= witnessLimits.kept) break;
      this.finished.delete(id);
    }
  }

  /** One message of the worker's subscription (what it has recorded). */
  observe(message: SubscriptionMessage): void {
    switch (message.type) {
      case 'snapshot':
        // A new connection, often a restarted worker: what was sent before may have died with
        // the old one, so whatever the snapshot lacks is due again at once.
        this.published.clear();
        for (const record of message.records) this.noticePublished(record);
        for (const entry of this.finished.values()) delete entry.sentAt;
        break;
      case 'upsert':
        this.noticePublished(message.record);
        break;
      case 'cleared':
        // Cleared by the user or a navigation: what came before is not missing.
        this.published.clear();
        this.finished.clear();
        this.workerOrigins.clear();
        break;
    }
  }

  private noticePublished(record: ExchangeRecord): void {
    this.published.set(record.id, record);
    if (record.via) this.workerOrigins.add(workerOrigin(record));
  }

  /** The records to hand to the worker now: finished a grace period ago, missing there. */
  missed(now: number): ExchangeRecord[] {
    const due: ExchangeRecord[] = [];
    for (const [id, entry] of this.finished) {
      if (now - entry.finishedAt < witnessLimits.graceMs) break;
      if (now - entry.finishedAt > witnessLimits.giveUpMs) {
        this.finished.delete(id);
        continue;
      }
      // The worker publishes a worker request as the tab's copy of it.
      const theirs = this.published.get(
        isWorkerRequest(entry.record) ? tabCopyId(id, this.tabId) : id,
      );
      if (theirs && !seesMore(entry.record, theirs)) continue;
      if (entry.sentAt !== undefined && now - entry.sentAt < witnessLimits.graceMs) continue;
      entry.sentAt = now;
      due.push(entry.record);
    }
    return due;
  }
}
