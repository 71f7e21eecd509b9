// Analyzer throughput over the exchanges recorded from real Chromium (the pairing
// fixtures): exchanges per second on one core, and the per-exchange p50/p99.
import { readFileSync } from 'node:fs';
import { analyze, triage } from '../src/analyzer/analyze';
import type { Exchange } from '../src/exchange/types';
import { applyEvent, createPairingState, toExchange } from '../src/tracker/pairing';
import {
  isCrossOriginFromPage,
  toTrackerEvent,
  type TrackerEventKind,
  type WebRequestDetails,
} from '../src/tracker/webrequest-event';

function recordedExchanges(): Exchange[] {
  const exchanges: Exchange[] = [];
  for (const name of ['sequential', 'concurrent']) {
    const recording = JSON.parse(
      readFileSync(new URL(`../test/fixtures/webrequest/${name}.json`, import.meta.url), 'utf8'),
    ) as { events: (WebRequestDetails & { event: TrackerEventKind })[] };
    const state = createPairingState();
    for (const { event, ...details } of recording.events) {
      const tracked = toTrackerEvent(event, details);
      if (!isCrossOriginFromPage(tracked)) continue;
      const request = applyEvent(state, tracked);
      if (request?.done) exchanges.push(toExchange(request));
    }
  }
  return exchanges;
}

export function measureAnalyzer(rounds = 4000, analyse: (exchange: Exchange) => unknown = analyze) {
  const exchanges = recordedExchanges();
  for (let i = 0; i < 2000; i++) analyse(exchanges[i % exchanges.length] as Exchange);
  const samples: number[] = [];
  const start = performance.now();
  let count = 0;
  for (let round = 0; round < rounds; round++) {
    const t0 = performance.now();
    for (const exchange of exchanges) analyse(exchange);
    samples.push((performance.now() - t0) / exchanges.length);
    count += exchanges.length;
  }
  const elapsed = performance.now() - start;
  samples.sort((a, b) => a - b);
  const single: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const exchange = exchanges[i % exchanges.length] as Exchange;
    const t0 = performance.now();
    analyse(exchange);
    single.push(performance.now() - t0);
  }
  single.sort((a, b) => a - b);
  return {
    distinctExchanges: exchanges.length,
    analysed: count,
    perSecond: Math.round(count / (elapsed / 1000)),
    p50Us: (single[Math.floor(single.length * 0.5)] ?? 0) * 1000,
    p99Us: (single[Math.floor(single.length * 0.99)] ?? 0) * 1000,
  };
}

if (import.meta.url === `file://${process.argv[1]}`)
  console.log(process.env.ONLY_TRIAGE ? '' : measureAnalyzer(), measureAnalyzer(4000, triage));
