// The human-readable form of a verdict for `--format text`: a headline, Chrome's message,
// the diff as a table, the explanation and the header changes.

import type { Exchange } from '../exchange/types';
import type { DiffRow, Verdict } from '../analyzer/verdict';
import type { Fix } from '../fixes/suggest-fix';
import type { AuditResult } from './audit';
import type { Severity } from '../audit/finding';
import { printable } from '../report/printable';

export interface Palette {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const ansi = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
export const colours: Palette = {
  red: ansi(31),
  green: ansi(32),
  yellow: ansi(33),
  dim: ansi(2),
  bold: ansi(1),
};
const identity = (text: string) => text;
export const plain: Palette = {
  red: identity,
  green: identity,
  yellow: identity,
  dim: identity,
  bold: identity,
};

// Control characters in header values would drive the terminal: shown escaped.
export { printable };

function outcomeLabel(verdict: Verdict, p: Palette): string {
  switch (verdict.outcome) {
    case 'blocked':
      return p.red('BLOCKED');
    case 'ok':
      return p.green('OK');
    case 'network-error':
      return p.yellow('NETWORK ERROR');
    case 'pending':
      return p.dim('PENDING');
    case 'not-cors':
      return p.dim('NOT CORS');
    case 'uncertain':
      return p.yellow('BLOCKED IF CREDENTIALED');
  }
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function resultLabel(row: DiffRow, p: Palette): string {
  if (row.result === 'fail') return p.red(row.decisive ? 'FAIL ←' : 'fail');
  if (row.result === 'warn') return p.yellow('warn');
  if (row.result === 'pass') return p.green('pass');
  return p.dim('-');
}

export function formatVerdictText(
  exchange: Exchange,
  verdict: Verdict,
  p: Palette,
  fix?: Fix,
): string {
  const lines: string[] = [];
  const code = verdict.chromiumError
    ? ` ${p.bold(verdict.chromiumError)}${verdict.failedParameter ? ` (${printable(verdict.failedParameter)})` : ''}`
    : '';
  lines.push(
    `${outcomeLabel(verdict, p)} ${exchange.request.method} ${printable(exchange.request.url)}${code}`,
  );
  lines.push(`  ${printable(verdict.summary)}`);
  if (verdict.consoleMessage) lines.push(p.dim(`  Chrome:  ${printable(verdict.consoleMessage)}`));
  if (verdict.firefoxMessage) lines.push(p.dim(`  Firefox: ${printable(verdict.firefoxMessage)}`));
  if (verdict.diff.length > 0) {
    lines.push('');
    lines.push(
      `  ${pad('', 18)} ${pad('browser asked', 26)} ${pad('preflight allowed', 26)} ${pad('response allowed', 26)} result`,
    );
    for (const row of verdict.diff) {
      lines.push(
        `  ${pad(printable(row.name), 18)} ${pad(printable(row.asked ?? '-'), 26)} ${pad(printable(row.preflightAllowed ?? '-'), 26)} ${pad(printable(row.responseAllowed ?? '-'), 26)} ${resultLabel(row, p)}`,
      );
    }
  }
  if (verdict.explanation) lines.push('', `  ${printable(verdict.explanation)}`);
  if (fix && fix.kind !== 'none') lines.push('', ...formatFixLines(fix, p));
  else for (const change of verdict.headerChanges) lines.push(`  → ${printable(change)}`);
  for (const warning of verdict.warnings) lines.push(p.yellow(`  ! ${printable(warning)}`));
  for (const assumption of verdict.assumptions) lines.push(p.dim(`  ~ ${printable(assumption)}`));
  return lines.join('\n');
}

/** The suggested fix: causes, changes, the config to paste, notes. */
export function formatFixLines(fix: Fix, p: Palette): string[] {
  const detected =
    fix.detected && fix.detected.stack === fix.stack
      ? `, detected from ${fix.detected.because}`
      : '';
  const lines = [
    p.bold(
      `  Fix for ${fix.stackLabel}${detected}${fix.verified ? '' : ' (not verified against a live server)'}:`,
    ),
  ];
  for (const cause of fix.causes)
    lines.push(`  ${cause.side === 'cors-library' ? '·' : '!'} ${printable(cause.text)}`);
  for (const change of fix.changes) lines.push(`  → ${printable(change)}`);
  if (fix.config) {
    lines.push('', p.dim(`  ${fix.file}:`));
    for (const line of fix.config.split('\n')) lines.push(`    ${printable(line)}`);
  }
  for (const note of fix.notes) lines.push(p.dim(`  ~ ${printable(note)}`));
  lines.push(p.dim(`  ~ ${fix.cannotChangeServer}`));
  return lines;
}

function severityLabel(severity: Severity, p: Palette): string {
  const label = severity.toUpperCase().padEnd(6);
  if (severity === 'high') return p.red(label);
  if (severity === 'medium') return p.yellow(label);
  return p.dim(label);
}

/** The audit: each probe and what it got, then the findings, worst first. */
export function formatAuditText(result: AuditResult, p: Palette): string {
  const lines = [
    `${p.bold('AUDIT')} ${printable(result.url)} — trusted origin ${printable(result.trusted)}${result.credentials ? ', probing with a cookie' : ''}`,
    '',
    `  ${pad('kind', 18)} ${pad('origin sent', 48)} ${pad('status', 7)} ${pad('Allow-Origin', 14)} Allow-Credentials`,
  ];
  for (const probe of result.probes) {
    const echoed =
      probe.allowOrigin === null
        ? '-'
        : probe.allowOrigin === probe.origin
          ? 'echoed'
          : probe.allowOrigin === '*'
            ? '*'
            : 'other';
    lines.push(
      `  ${pad(probe.kind, 18)} ${pad(printable(probe.origin), 48)} ${pad(String(probe.status), 7)} ${pad(echoed, 14)} ${printable(probe.allowCredentials ?? '-')}`,
    );
  }
  const order: Severity[] = ['high', 'medium', 'low', 'info'];
  const findings = [...result.findings].sort(
    (a, b) => order.indexOf(a.severity) - order.indexOf(b.severity),
  );
  lines.push('');
  if (!findings.some((f) => f.severity !== 'info')) lines.push(p.green('  No finding above info.'));
  for (const finding of findings) {
    lines.push(
      `  ${severityLabel(finding.severity, p)} ${finding.id}: ${printable(finding.title)} (${printable(finding.origin)})`,
    );
    if (finding.severity !== 'info') {
      lines.push(`         ${printable(finding.risk)}`);
      if (finding.fix) lines.push(p.dim(`         fix: ${printable(finding.fix)}`));
    }
  }
  return lines.join('\n');
}
