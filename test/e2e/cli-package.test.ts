// The command line as a backend engineer gets it: the tarball `npm run package` writes,
// installed offline into an empty prefix, every command run from there against the zoo.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZoo, type Zoo } from '../fixtures/zoo/server';
import packageJson from '../../package.json' with { type: 'json' };

const exec = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
let prefix: string;
let bin: string;
let zoo: Zoo;

/** Runs the installed command; resolves with its exit code and output, never throws. */
async function corsLens(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(bin, args, { cwd: prefix });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  // test:e2e has built dist/cli; packing is the part of `npm run package` under test.
  await exec('npx', ['tsx', 'scripts/package-cli.ts'], { cwd: root });
  prefix = mkdtempSync(join(tmpdir(), 'cors-lens-prefix-'));
  const tarball = join(root, `dist/packages/cors-lens-${packageJson.version}.tgz`);
  await exec(
    'npm',
    ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball],
    { cwd: prefix },
  );
  bin = join(prefix, 'bin/cors-lens');
  zoo = await startZoo();
}, 120_000);

afterAll(async () => {
  await zoo?.close();
  if (prefix) rmSync(prefix, { recursive: true, force: true });
});

describe('the cors-lens package, installed from its tarball', () => {
  it('is the bundled CLI alone: no dependencies, engines, a license, a README, an executable bin', () => {
    const installed = join(prefix, 'lib/node_modules/cors-lens');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest).toMatchObject({
      name: 'cors-lens',
      version: packageJson.version,
      license: 'MIT',
      engines: packageJson.engines,
      bin: { 'cors-lens': 'cors-lens.mjs' },
    });
    expect(manifest).not.toHaveProperty('dependencies');
    expect(readFileSync(join(installed, 'README.md'), 'utf8')).toContain('## Exit codes');
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toContain('MIT License');
    expect(statSync(join(installed, 'cors-lens.mjs')).mode & 0o111).not.toBe(0);
    // Only Node's own modules are imported: nothing to install.
    const code = readFileSync(join(installed, 'cors-lens.mjs'), 'utf8');
    const imports = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(imports.every((name) => name?.startsWith('node:'))).toBe(true);
  });

  it('--version and --help', async () => {
    expect((await corsLens(['--version'])).stdout.trim()).toBe(packageJson.version);
    expect((await corsLens(['--help'])).stdout).toContain('cors-lens check URL');
  });

  it('check: exit 1 for a blocked request, 0 for an allowed one, against the zoo', async () => {
    const blocked = await corsLens([
      'check',
      `${zoo.apiOrigin}/s/no-acao/0`,
      '--origin',
      zoo.pageOrigin,
      '--json',
    ]);
    expect(blocked.code).toBe(1);
    expect(JSON.parse(blocked.stdout)).toMatchObject({ chromiumError: 'MissingAllowOriginHeader' });
    const allowed = await corsLens([
      'check',
      `${zoo.apiOrigin}/s/ok-echo/0`,
      '--origin',
      zoo.pageOrigin,
    ]);
    expect(allowed.code).toBe(0);
  });

  it('audit, analyze, har, verify, check --policy and explain', async () => {
    const audit = await corsLens(['audit', `${zoo.apiOrigin}/s/ok-echo/0`, '--json']);
    expect([0, 1]).toContain(audit.code);
    expect(JSON.parse(audit.stdout)).toHaveProperty('outcome', 'done');
    const analyzed = await corsLens(['analyze', join(root, 'test/fixtures/example-exchange.json')]);
    expect(analyzed.code).toBe(0);
    expect(Array.isArray(JSON.parse(analyzed.stdout))).toBe(true);
    const har = join(prefix, 'empty.har');
    writeFileSync(har, JSON.stringify({ log: { version: '1.2', entries: [] } }));
    const report = await corsLens(['har', har, '--format', 'json']);
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout)).toHaveProperty('schema', 'cors-lens.report/v1');
    const verified = await corsLens(['verify', har]);
    expect(verified.code).toBe(2); // a HAR is not a report: one line
    expect(verified.stderr.trim().split('\n')).toHaveLength(1);
    const reportFile = join(prefix, 'report.json');
    writeFileSync(reportFile, report.stdout);
    expect((await corsLens(['verify', reportFile])).code).toBe(0);
    const policy = join(prefix, 'cors-policy.json');
    writeFileSync(
      policy,
      JSON.stringify({ routes: [{ path: '/s/ok-echo/0', allow: [zoo.pageOrigin] }] }),
    );
    const followed = await corsLens(['check', '--policy', policy, zoo.apiOrigin]);
    expect(followed.stdout).toContain(`✓ GET /s/ok-echo/0 from ${zoo.pageOrigin}: allowed`);
    const explained = await corsLens(['explain', 'TypeError: Failed to fetch']);
    expect(explained.code).toBe(0);
    const bad = await corsLens(['analyze', join(prefix, 'missing.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
