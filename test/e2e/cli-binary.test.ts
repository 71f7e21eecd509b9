// The built `cors-lens` binary as a user runs it: straight from the file npm links (no
// `node` in front), and through `npx`, after the CLI was built again on top of a build.
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const bin = resolve(root, packageJson.bin['cors-lens']);
const example = resolve(root, 'test/fixtures/example-exchange.json');

describe('the cors-lens binary', () => {
  it('stays executable when the CLI is built again (mode 0755)', async () => {
    // test:e2e has built once; a second build writes the file anew.
    await run(
      process.execPath,
      [
        resolve(root, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'vite.cli.config.ts',
        '--logLevel',
        'silent',
      ],
      { cwd: root },
    );
    expect(statSync(bin).mode & 0o777).toBe(0o755);
    const { stdout } = await run(bin, ['--version']);
    expect(stdout.trim()).toBe(packageJson.version);
  });

  it('runs through npx: analyze FILE', async () => {
    const { stdout } = await run('npx', ['--no-install', 'cors-lens', 'analyze', example], {
      cwd: root,
    });
    const verdicts = JSON.parse(stdout) as { outcome: string }[];
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts[0]?.outcome).toMatch(/^(ok|blocked|network-error|pending|not-cors)$/);
  });
});
