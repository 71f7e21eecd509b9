// 1.2 million generated inputs, random and adversarial — 400,000 exchanges through the
// analyzer, 400,000 webRequest events through the pairing machine, 400,000 HAR entries
// through the HAR reader: none may throw (but the HAR reader's own clear input error), and
// the same input gives the same output. Fixed seed in CI; a longer run locally with
// CORS_LENS_FUZZ_SCALE=10 (and CORS_LENS_FUZZ_SEED).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzer/analyze';
import type { Exchange } from '../../src/exchange/types';
import { HarInputError, readHar } from '../../src/har/read-har';
import { suggestFix } from '../../src/fixes/suggest-fix';
import { firefoxTraits } from '../../src/tracker/browser-traits';
import {
  applyEvent,
  createPairingState,
  pairingLimits,
  toExchange,
} from '../../src/tracker/pairing';
import type { TrackerEvent } from '../../src/tracker/webrequest-event';
import { Random, headerList, hostileString, randomMethod, randomStatus, randomUrl } from './random';

const scale = Number(process.env.CORS_LENS_FUZZ_SCALE ?? 1);
const seed = Number(process.env.CORS_LENS_FUZZ_SEED ?? 20261203);
export const fuzzed: Record<string, number> = {};

function randomExchange(random: Random): Exchange {
  const exchange: Exchange = {
    request: {
      method: randomMethod(random),
      url: randomUrl(random),
      origin: random.chance(0.8)
        ? random.pick(['http://localhost:8000', 'null', 'https://app.example.com'])
        : hostileString(random),
      headers: headerList(random),
    },
  };
  if (random.chance(0.3))
    exchange.request.credentials = random.pick(['include', 'omit', 'same-origin'] as const);
  if (random.chance(0.1))
    exchange.request.mode = random.pick(['cors', 'no-cors', 'same-origin', 'navigate'] as const);
  if (random.chance(0.5))
    exchange.preflight = random.chance(0.1)
      ? { requestHeaders: headerList(random), headers: [], error: hostileString(random) }
      : {
          requestHeaders: headerList(random),
          status: randomStatus(random),
          headers: headerList(random),
        };
  if (random.chance(0.8))
    exchange.response = { status: randomStatus(random), headers: headerList(random) };
  if (random.chance(0.1))
    exchange.redirects = Array.from({ length: 1 + random.int(3) }, () => ({
      url: randomUrl(random),
      status: randomStatus(random),
      headers: headerList(random, 4),
      preflight: null,
    }));
  if (random.chance(0.2)) exchange.error = hostileString(random);
  if (random.chance(0.2)) exchange.completed = random.chance(0.5);
  if (random.chance(0.05))
    exchange.context = { initiatorAddressSpace: 'public', resourceAddressSpace: 'local' };
  return exchange;
}

describe(`fuzzing (seed ${seed}, scale ${scale})`, () => {
  it('the analyzer and the fix generator take 400,000 exchanges without a throw, deterministically', () => {
    const random = new Random(seed);
    const runs = 400_000 * scale;
    for (let i = 0; i < runs; i++) {
      const exchange = randomExchange(random);
      const verdict = analyze(exchange);
      if (i % 1000 === 0) {
        expect(JSON.stringify(analyze(structuredClone(exchange)))).toBe(JSON.stringify(verdict));
        suggestFix(exchange, verdict, 'nginx');
      }
    }
    fuzzed.analyzer = runs;
  });

  it('the pairing machine takes 400,000 events out of order, with unknown ids, in both browsers’ modes', () => {
    const random = new Random(seed + 1);
    const kinds: TrackerEvent['kind'][] = [
      'send-headers',
      'headers-received',
      'completed',
      'error',
    ];
    const runs = 400_000 * scale;
    let state = createPairingState();
    let finished = 0;
    for (let i = 0; i < runs; i++) {
      const method = random.chance(0.3) ? 'OPTIONS' : randomMethod(random);
      const event: TrackerEvent = {
        kind: random.pick(kinds),
        requestId: String(random.int(5000)),
        tabId: random.int(60),
        frameId: random.int(3),
        url: randomUrl(random),
        method,
        type: random.pick(['xmlhttprequest', 'font', 'image', '']),
        timeStamp: random.chance(0.01) ? NaN : i,
        ...(random.chance(0.7) ? { initiator: 'http://localhost:8000' } : {}),
        ...(random.chance(0.6) ? { requestHeaders: headerList(random, 6) } : {}),
        ...(random.chance(0.5)
          ? { statusCode: randomStatus(random), responseHeaders: headerList(random, 6) }
          : {}),
        ...(random.chance(0.2) ? { error: hostileString(random) } : {}),
      };
      const traits = random.chance(0.5) ? firefoxTraits : undefined;
      const changed = applyEvent(state, event, traits);
      if (changed?.done) {
        finished++;
        if (finished % 50 === 0) analyze(toExchange(changed, traits));
      }
      // A worker restart: the state goes through JSON.
      if (i % 50_000 === 0) state = JSON.parse(JSON.stringify(state)) as typeof state;
    }
    // Bounded whatever the input: the limits, plus the 5% a batch check allows between prunes.
    expect(Object.keys(state.requests).length).toBeLessThanOrEqual(pairingLimits.inFlight * 1.05);
    expect(Object.keys(state.preflights).length).toBeLessThanOrEqual(
      pairingLimits.preflights * 1.05,
    );
    fuzzed.pairing = runs;
  });

  it('the HAR reader takes 400,000 generated entries and garbage, failing only with its own clear error', () => {
    const random = new Random(seed + 2);
    const documents = 800 * scale;
    let entries = 0;
    let rejected = 0;
    for (let d = 0; d < documents; d++) {
      const list = Array.from({ length: 500 }, () => {
        const roll = random.next();
        if (roll < 0.00005) return hostileString(random);
        if (roll < 0.0001) return { request: { method: 1, url: null } };
        return {
          _resourceType: random.pick(['fetch', 'xhr', 'preflight', 'script', '', 5]),
          _initiator: random.chance(0.5) ? { type: 'preflight' } : null,
          startedDateTime: random.chance(0.9)
            ? new Date(random.int(1e12)).toISOString()
            : hostileString(random),
          request: {
            method: randomMethod(random) || 'GET',
            url: random.chance(0.95) ? 'http://127.0.0.1:9000/s/a/0' : randomUrl(random),
            headers: headerList(random, 6),
          },
          response: {
            status: randomStatus(random),
            headers: headerList(random, 6),
            redirectURL: random.chance(0.1) ? randomUrl(random) : '',
            _error: random.chance(0.2) ? hostileString(random) : null,
          },
        };
      });
      entries += list.length;
      const text = random.chance(0.01)
        ? hostileString(random)
        : JSON.stringify({ log: { pages: [{ title: 'http://localhost:8000/' }], entries: list } });
      try {
        const har = readHar(text);
        for (const e of har.exchanges.slice(0, 5)) analyze(e.exchange);
      } catch (error) {
        if (!(error instanceof HarInputError)) throw error;
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(0);
    expect(rejected).toBeLessThan(documents);
    fuzzed.har = entries;
    const total = Object.values(fuzzed).reduce((a, b) => a + b, 0);
    console.log(`fuzzed: ${JSON.stringify(fuzzed)}, ${total} inputs in all`);
    expect(total).toBeGreaterThanOrEqual(1_000_000);
  });
});
