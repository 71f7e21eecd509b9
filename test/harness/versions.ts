// Which browser a suite runs: printed at the start of every browser suite (the browsers are
// whatever Debian ships today), and read by tests whose assertions depend on the version.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** "Chromium 156.0.8078.129" / "Mozilla Firefox 153.8.0esr", from the binary itself. */
export function browserVersion(executable: string): string {
  if (!existsSync(executable)) return `(no browser at ${executable})`;
  return execFileSync(executable, ['--version'], {
    encoding: 'utf8',
    timeout: 30_000,
    stdio: ['ignore', 'pipe', 'ignore'],
  })
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /\d+\.\d+/.test(line))
    .join(' ')
    .replace(/ built on .*$/, '');
}

export function majorVersion(version: string): number {
  const major = /(\d+)\.\d+/.exec(version)?.[1];
  if (!major) throw new Error(`no version number in ${JSON.stringify(version)}`);
  return Number(major);
}
