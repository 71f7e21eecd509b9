// `verify`'s before-and-after table, for a terminal and for the ticket (Markdown that answers
// the report). Values come from servers and reports: printable in the terminal, code spans in
// Markdown.

import { mdCode, mdFence as mdFenceOf } from '../report/markdown-report';
import type { ServerFix } from '../fixes/server-fix';
import { printable } from '../report/printable';
import type { Palette } from './format-text';
import { beforeWords, nowWords, type VerifyRow } from './verify';

function fixLines(row: VerifyRow): string[] {
  return row.fix && row.fix.kind !== 'none' ? row.fix.changes : [];
}

export function verifyText(rows: VerifyRow[], p: Palette, servers: ServerFix[] = []): string {
  if (rows.length === 0) return 'The report has no blocked request: nothing to verify.\n';
  const lines: string[] = [];
  for (const row of rows) {
    const now = nowWords(row);
    const colour =
      row.now === 'blocked' || row.now === 'unreachable'
        ? p.red
        : row.now === 'not-checked'
          ? p.dim
          : p.green;
    lines.push(
      `${p.bold(`${row.method} ${printable(row.url)}`)}  (origin ${printable(row.origin)})`,
    );
    lines.push(`  was ${printable(beforeWords(row))} → now ${colour(printable(now))}`);
    if (row.leftOut.length)
      lines.push(`  not sent (value redacted or never seen): ${row.leftOut.join(', ')}`);
    if (row.note) lines.push(p.dim(`  ${printable(row.note)}`));
    for (const change of fixLines(row)) lines.push(`  → ${printable(change)}`);
  }
  for (const s of servers.filter((x) => x.fixes.length > 0))
    lines.push(
      '',
      p.bold(`One fix for ${printable(s.server)} (${s.stackLabel}, in ${s.file}):`),
      ...s.config.split('\n').map((line) => `  ${printable(line)}`),
    );
  const blocked = rows.filter((r) => r.now === 'blocked' || r.now === 'unreachable').length;
  lines.push(
    '',
    blocked ? `${blocked} of ${rows.length} still fail.` : `All ${rows.length} checked pass now.`,
  );
  return `${lines.join('\n')}\n`;
}

export function verifyMarkdown(rows: VerifyRow[], servers: ServerFix[] = []): string {
  const lines = ['## Verification of the CORS report', ''];
  if (rows.length === 0) return `${lines.join('\n')}The report has no blocked request.\n`;
  lines.push('| request | origin | before | now |', '| --- | --- | --- | --- |');
  for (const row of rows)
    lines.push(
      `| ${mdCode(`${row.method} ${row.url}`)} | ${mdCode(row.origin)} | ${mdCode(beforeWords(row))} | ${mdCode(nowWords(row))} |`,
    );
  lines.push('');
  for (const row of rows.filter((r) => r.now === 'blocked' || r.leftOut.length || r.note)) {
    lines.push(`### ${mdCode(`${row.method} ${row.url}`)}`, '');
    if (row.leftOut.length)
      lines.push(
        `- Not sent (value redacted or never seen): ${row.leftOut.map((n) => mdCode(n)).join(', ')}`,
      );
    if (row.note) lines.push(`- ${mdCode(row.note)}`);
    for (const change of fixLines(row)) lines.push(`- To do: ${mdCode(change)}`);
    lines.push('');
  }
  for (const s of servers.filter((x) => x.fixes.length > 0))
    lines.push(
      `### One fix for ${mdCode(s.server)} (${s.stackLabel})`,
      '',
      `In ${mdCode(s.file)}:`,
      '',
      ...mdFenceOf(s.config, s.language),
      '',
    );
  return printable(`${lines.join('\n')}\n`, { keepNewlines: true });
}
