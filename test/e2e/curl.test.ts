// The curl commands of reports and the panel, run for real: hostile header values and URLs
// reach the zoo byte for byte, and nothing in them is executed by the shell.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../../src/exchange/types';
import { preflightCurl, requestCurl } from '../../src/report/curl';
import { startZoo, type Zoo } from '../fixtures/zoo/server';

const run = promisify(execFile);
let zoo: Zoo;
const marker = join(mkdtempSync(join(tmpdir(), 'cors-lens-curl-')), 'pwned');
const hostile = [
  `$(touch ${marker})`,
  `\`touch ${marker}\``,
  `'; touch ${marker}; echo '`,
  `"; touch ${marker}; echo "`,
  '<img src=x onerror=alert(1)></script>',
  '\u202eevil\u202c ✓ é',
  `\\'\\"$HOME!`,
];

beforeAll(async () => {
  zoo = await startZoo();
});
afterAll(async () => zoo?.close());

describe('curl commands are shell-safe', () => {
  it.each(hostile.map((v, i) => [i, v] as const))(
    'value %i reaches the server unchanged',
    async (i, value) => {
      const url = `${zoo.apiOrigin}/s/ok-echo/0?q=${encodeURIComponent(value)}&i=${i}`;
      const exchange: Exchange = {
        request: {
          method: 'PUT',
          url,
          origin: zoo.pageOrigin,
          headers: [
            { name: 'Origin', value: zoo.pageOrigin },
            { name: 'X-Hostile', value },
          ],
        },
        preflight: {
          url,
          requestHeaders: [
            { name: 'Origin', value: zoo.pageOrigin },
            { name: 'Access-Control-Request-Method', value: 'PUT' },
            { name: 'Access-Control-Request-Headers', value: 'x-hostile' },
            { name: 'X-Hostile', value },
          ],
          status: 204,
          headers: [],
        },
      };
      const before = zoo.received.length;
      for (const command of [preflightCurl(exchange) ?? '', requestCurl(exchange)])
        await run('bash', ['-c', `${command} --silent --output /dev/null`]);
      const got = zoo.received.slice(before);
      expect(got.map((r) => r.method)).toEqual(['OPTIONS', 'PUT']);
      for (const r of got)
        expect(Buffer.from(String(r.headers['x-hostile']), 'latin1').toString('utf8')).toBe(value);
      expect(existsSync(marker)).toBe(false);
    },
  );
});
