// The DevTools page's second recorder. Chromium drops the webRequest events it had dispatched to a
// service worker that is being stopped (they die queued in it), and a busy worker lags
// behind the network by 100 ms or more, so every stop loses the requests of that moment.
// While DevTools is open, its page records the inspected tab too, watches what the worker
// publishes, and hands back the finished requests the worker missed or saw only in part.

import { applyEvent, createPairingState } from './pairing';
import { chromiumTraits, type BrowserTraits } from './browser-traits';
import { logLimits, recordOf, seesMore, type ExchangeRecord } from './tab-log';
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

  constructor(private readonly traits: BrowserTraits = chromiumTraits) {}

  /** One webRequest event of the inspected tab. */
  record(event: TrackerEvent, now: number): void {
    const request = applyEvent(this.pairing, event, this.traits);
    if (!request?.done) return;
    this.finished.delete(request.id);
    this.finished.set(request.id, {
      record: recordOf(request, this.traits),
      finishedAt: now,
    });
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
        for (const record of message.records) this.published.set(record.id, record);
        for (const entry of this.finished.values()) delete entry.sentAt;
        break;
      case 'upsert':
        this.published.set(message.record.id, message.record);
        break;
      case 'cleared':
        // Cleared by the user or a navigation: what came before is not missing.
        this.published.clear();
        this.finished.clear();
        break;
    }
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
      const theirs = this.published.get(id);
      if (theirs && !seesMore(entry.record, theirs)) continue;
      if (entry.sentAt !== undefined && now - entry.sentAt < witnessLimits.graceMs) continue;
      entry.sentAt = now;
      due.push(entry.record);
    }
    return due;
  }
}
