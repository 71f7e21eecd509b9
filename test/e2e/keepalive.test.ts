// While DevTools is open, its CORS Lens page keeps the extension's worker alive: Chromium
// stops an idle extension worker after 30 s, and events dispatched to a worker being stopped
// are lost. Chromium is launched bare here, because a DevTools-protocol client attached to the
// worker (as Playwright's is) keeps it alive by itself; the targets are read over /json/list,
// which attaches to nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumFlags, chromiumPath } from '../harness/browser';
import { startZoo, type Zoo } from '../fixtures/zoo/server';

let zoo: Zoo;
beforeAll(async () => {
  zoo = await startZoo();
});
afterAll(async () => {
  await zoo?.close();
});

const watchedMs = 90_000;

/** Seconds until the extension's worker was stopped, or null if it ran all `watchedMs`. */
async function workerStoppedAfter(port: number, extraArgs: string[]): Promise<number | null> {
  const extension = resolve('dist/chrome');
  const child = spawn(
    chromiumPath,
    [
      ...chromiumFlags,
      '--headless=new',
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${mkdtempSync(join(tmpdir(), 'cors-lens-alive-'))}`,
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      ...extraArgs,
      zoo.pageOrigin,
    ],
    { stdio: 'ignore' },
  );
  const workers = async () => {
    try {
      const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
        type: string;
        url: string;
      }[];
      return targets.filter(
        (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
      ).length;
    } catch {
      return 0;
    }
  };
  try {
    const started = Date.now();
    let seen = false;
    while (Date.now() - started < watchedMs) {
      await new Promise((wait) => setTimeout(wait, 1000));
      if ((await workers()) > 0) seen = true;
      else if (seen) return Math.round((Date.now() - started) / 1000);
    }
    if (!seen) throw new Error('the extension worker never started');
    return null;
  } finally {
    child.kill();
  }
}

describe('the worker while DevTools is open', () => {
  it('is stopped when idle without DevTools, and never while DevTools is open (90 s each, side by side)', async () => {
    const [alone, withDevTools] = await Promise.all([
      workerStoppedAfter(9431, []),
      workerStoppedAfter(9432, ['--auto-open-devtools-for-tabs']),
    ]);
    console.log(
      `extension worker stopped after: without DevTools ${alone ?? 'never'} s; with DevTools open ${withDevTools ?? `never (${watchedMs / 1000} s)`}`,
    );
    expect(alone).not.toBeNull();
    expect(withDevTools).toBeNull();
  }, 150_000);
});
