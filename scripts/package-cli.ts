// `npm run package` (after the build): the command line as an npm package of its own,
// dist/packages/cors-lens-<version>.tgz — the bundled CLI (no runtime dependencies), its
// README (docs/cli/README.md), the license, `engines` and an executable `bin`.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import root from '../package.json' with { type: 'json' };

const repo = resolve(import.meta.dirname, '..');
const cli = join(repo, 'dist/cli/cors-lens.mjs');
if (!existsSync(cli)) throw new Error('No dist/cli/cors-lens.mjs: run `npm run build` first.');
const staging = join(repo, 'dist/cli-package');
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
copyFileSync(cli, join(staging, 'cors-lens.mjs'));
chmodSync(join(staging, 'cors-lens.mjs'), 0o755);
copyFileSync(join(repo, 'docs/cli/README.md'), join(staging, 'README.md'));
copyFileSync(join(repo, 'LICENSE'), join(staging, 'LICENSE'));
writeFileSync(
  join(staging, 'package.json'),
  `${JSON.stringify(
    {
      name: 'cors-lens',
      version: root.version,
      description:
        'Why the browser blocked a cross-origin request, and what the server must send: check, audit, analyze, har, explain.',
      keywords: ['cors', 'preflight', 'chrome', 'firefox', 'cli'],
      license: root.license,
      type: 'module',
      bin: { 'cors-lens': 'cors-lens.mjs' },
      files: ['cors-lens.mjs', 'README.md', 'LICENSE'],
      engines: root.engines,
    },
    null,
    2,
  )}\n`,
);
mkdirSync(join(repo, 'dist/packages'), { recursive: true });
const output = execFileSync(
  'npm',
  ['pack', '--pack-destination', join(repo, 'dist/packages'), '--json'],
  { cwd: staging, encoding: 'utf8' },
);
const [packed] = JSON.parse(output) as { filename: string; size: number }[];
console.log(`dist/packages/${packed?.filename} (${packed?.size} bytes)`);
