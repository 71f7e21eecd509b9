// `check --policy` for a terminal (or a CI log): one line per check, mismatches first in red.

import { printable } from '../report/printable';
import type { Palette } from './format-text';
import type { PolicyResult } from './policy';

export function formatPolicyText(result: PolicyResult, p: Palette): string {
  const lines: string[] = [];
  for (const c of result.checks) {
    const mark = c.actual === 'unchecked' ? p.dim('-') : c.ok ? p.green('✓') : p.red('✗');
    const how = c.preflightOnly ? ' (preflight)' : '';
    const why = c.chromiumError
      ? `: ${c.chromiumError}${c.failedParameter ? ` (${printable(c.failedParameter)})` : ''}`
      : '';
    const got =
      c.actual === 'unchecked'
        ? 'not sent (it changes the server and needs no preflight)'
        : c.ok
          ? c.actual
          : `expected ${c.expected}, ${c.actual}${why}`;
    lines.push(
      `${mark} ${c.method} ${printable(c.route)} from ${printable(c.origin)}${how}: ${got}`,
    );
  }
  for (const f of result.findings)
    lines.push(
      `${p.red('✗')} ${printable(f.route)}: ${f.severity} finding: ${printable(f.title)} (origin ${printable(f.origin)})`,
    );
  const failed = result.checks.filter((c) => !c.ok).length + result.findings.length;
  lines.push(
    '',
    failed
      ? p.red(`${failed} mismatch${failed === 1 ? '' : 'es'} with the policy.`)
      : p.green('The server follows the policy.'),
  );
  return `${lines.join('\n')}\n`;
}
