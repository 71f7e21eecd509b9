// Analyzer throughput over the exchanges recorded from real Chromium (the pairing
// fixtures): exchanges per second on one core, and the per-exchange p50/p99, for the two
// depths the product computes: `triage` (what the tracker records for every request) and
// `analyze` (the full verdict: the panel's detail, exports, the CLI).
//
// Run as shipped: `run.ts` bundles this file with esbuild (no tsx helpers, like the built
// extension) and runs it in its own Node process. Every exchange is a distinct copy with its
// own URLs and header lists, so no cache inside the analyzer sees the same input twice in a row.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, triage } from '../src/analyzer/analyze';
import { mapExchange } from '../src/exchange/map-exchange';
import type { Exchange } from '../src/exchange/types';
import { applyEvent, createPairingState, toExchange } from '../src/tracker/pairing';
import {
  isCrossOriginFromPage,
  toTrackerEvent,
  type TrackerEventKind,
  type WebRequestDetails,
} from '../src/tracker/webrequest-event';

const copies = 120;

function recordedExchanges(): Exchange[] {
  const exchanges: Exchange[] = [];
  for (const name of ['sequential', 'concurrent']) {
    const recording = JSON.parse(
      readFileSync(join(process.cwd(), `test/fixtures/webrequest/${name}.json`), 'utf8'),
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

/** `copies` copies of each recorded exchange, each with URLs of its own. */
function distinctExchanges(): Exchange[] {
  const recorded = recordedExchanges();
  const all: Exchange[] = [];
  for (let copy = 0; copy < copies; copy++)
    for (const exchange of recorded)
      all.push(
        mapExchange(
          exchange,
          (url) => `${url}${url.includes('?') ? '&' : '?'}copy=${copy}`,
          (headers) => headers.map((h) => ({ name: h.name, value: h.value })),
        ),
      );
  return all;
}

const at = (sorted: number[], q: number) => sorted[Math.floor(sorted.length * q)] ?? 0;

export interface AnalyzerFigures {
  distinctExchanges: number;
  rounds: number;
  /** Median over rounds of exchanges per second; p10/p90 show the spread. */
  perSecond: number;
  perSecondP10: number;
  perSecondP90: number;
  p50Us: number;
  p99Us: number;
  /** Exchanges per second of every round, sorted. */
  rates: number[];
}

/** Figures of several processes as one: their rounds pooled, the per-exchange medians' median. */
export function poolFigures(runs: AnalyzerFigures[]): AnalyzerFigures {
  const rates = runs.flatMap((run) => run.rates).sort((a, b) => a - b);
  const middle = (values: number[]) =>
    at(
      [...values].sort((a, b) => a - b),
      0.5,
    );
  return {
    distinctExchanges: runs[0]?.distinctExchanges ?? 0,
    rounds: rates.length,
    perSecond: Math.round(at(rates, 0.5)),
    perSecondP10: Math.round(at(rates, 0.1)),
    perSecondP90: Math.round(at(rates, 0.9)),
    p50Us: middle(runs.map((run) => run.p50Us)),
    p99Us: middle(runs.map((run) => run.p99Us)),
    rates,
  };
}

export function measureAnalyzer(
  analyse: (exchange: Exchange) => unknown,
  rounds = 30,
): AnalyzerFigures {
  const exchanges = distinctExchanges();
  for (const exchange of exchanges) analyse(exchange);
  const rates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const t0 = performance.now();
    for (const exchange of exchanges) analyse(exchange);
    rates.push(exchanges.length / ((performance.now() - t0) / 1000));
  }
  rates.sort((a, b) => a - b);
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
    rounds,
    perSecond: Math.round(at(rates, 0.5)),
    perSecondP10: Math.round(at(rates, 0.1)),
    perSecondP90: Math.round(at(rates, 0.9)),
    p50Us: at(single, 0.5) * 1000,
    p99Us: at(single, 0.99) * 1000,
    rates: rates.map(Math.round),
  };
}

export function measureBothDepths() {
  // Both depths are warmed first so neither pays the other's JIT compilation.
  measureAnalyzer(triage, 3);
  measureAnalyzer(analyze, 3);
  return { triage: measureAnalyzer(triage), full: measureAnalyzer(analyze) };
}

if (process.argv.includes('--print-json')) console.log(JSON.stringify(measureBothDepths()));
