// The report as Markdown: pastes cleanly into a ticket. Built from the JSON report, so the
// two never disagree; values are code spans with backticks neutralized.

import { viaSentence } from '../tracker/worker-requests';
import { workerFirst } from '../analyzer/worker-cause';
import type { Fix } from '../fixes/suggest-fix';
import type { Report, ReportExchange } from './json-report';
import { preflightCurl, requestCurl } from './curl';
import { printable } from './printable';
import { blockedNumber, findingsByKind } from './report-groups';

/** A value as inline code that no backtick, pipe or newline can break out of. */
export function mdCode(value: string | null): string {
  if (value === null || value === '') return '—';
  const clean = value.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  // A fence longer than any run of backticks inside, padded when the value touches it.
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const padded = clean.startsWith('`') || clean.endsWith('`') ? ` ${clean} ` : clean;
  return `${fence}${padded}${fence}`;
}

function mdText(value: string): string {
  // Markdown and HTML syntax in prose (explanations quote header values): escape it.
  return value.replace(/[\\<>[\]*_#|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** A fenced block no run of backticks inside can close. */
export function mdFence(text: string, language: string): string[] {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${language}`, text, fence];
}

/** Fix texts mark names with backticks: keep those as code, escape everything else. */
function mdInline(value: string): string {
  return value
    .split('`')
    .map((part, i) => (i % 2 === 1 ? mdCode(part) : mdText(part)))
    .join('');
}

function fixLines(fix: Fix): string[] {
  const detected =
    fix.detected && fix.detected.stack === fix.stack
      ? ` (detected from ${mdCode(fix.detected.because)})`
      : '';
  const lines = [
    `**Suggested fix — ${mdText(fix.stackLabel)}**${detected}${fix.verified ? '' : ' — *not verified against a live server*'}`,
    '',
  ];
  for (const cause of fix.causes) lines.push(`- ${mdInline(cause.text)}`);
  if (fix.causes.length) lines.push('');
  fix.changes.forEach((change, i) => lines.push(`${i + 1}. ${mdInline(change)}`));
  if (fix.config)
    lines.push('', `In ${mdCode(fix.file)}:`, '', ...mdFence(fix.config, fix.language));
  for (const note of fix.notes) lines.push('', `> ${mdInline(note)}`);
  lines.push('', `> ${mdInline(fix.cannotChangeServer)}`);
  return lines;
}

function exchangeSection(e: ReportExchange, index: number): string {
  const v = e.verdict;
  const lines = [
    `### ${index + 1}. ${mdText(`${e.method} ${e.url}`)}`,
    '',
    `**${mdText(v.summary)}**`,
    '',
  ];
  if (v.chromiumError)
    lines.push(
      `- Chrome: ${mdCode(v.chromiumError)}${v.failedParameter ? ` (${mdCode(v.failedParameter)})` : ''}${v.firefoxReason ? ` · Firefox: ${mdCode(v.firefoxReason)}` : ''}`,
    );
  if (e.via)
    lines.push(`- Via: ${mdText(viaSentence(e.via, e.exchange.request.origin, e.sharedBy))}`);
  if (e.workerCause)
    lines.push(
      `- **Caused by the service worker**: ${mdText(`${e.workerCause.explanation} ${e.workerCause.fix}`)}`,
    );
  if (v.networkError) lines.push(`- Network error: ${mdCode(v.networkError)}`);
  lines.push(
    `- Preflight: ${v.preflight}${v.preflightReasons.length ? ` (${mdText(v.preflightReasons.join('; '))})` : ''}`,
  );
  if (v.consoleMessage)
    lines.push(
      '',
      'Console message:',
      '',
      '```text',
      v.consoleMessage.replace(/```/g, "'''"),
      '```',
    );
  if (v.diff.length) {
    lines.push(
      '',
      '| | browser asked | preflight allowed | response allowed | result |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const row of v.diff) {
      lines.push(
        `| ${row.decisive ? '**' : ''}${mdText(row.name)}${row.decisive ? '**' : ''} | ${mdCode(row.asked)} | ${mdCode(row.preflightAllowed)} | ${mdCode(row.responseAllowed)} | ${row.result}${row.decisive ? ' ←' : ''} |`,
      );
    }
  }
  if (v.explanation) lines.push('', mdText(v.explanation));
  if (e.fix && e.fix.kind !== 'none') {
    if (e.workerCause) lines.push('', `*${workerFirst}*`);
    lines.push('', ...fixLines(e.fix));
  } else if (v.headerChanges.length)
    lines.push(
      '',
      '**What to change on the server:**',
      '',
      ...v.headerChanges.map((c) => `- ${mdText(c)}`),
    );
  for (const note of [...v.warnings, ...v.assumptions]) lines.push(`> ${mdText(note)}`);
  const pre = preflightCurl(e.exchange);
  lines.push('', '<details><summary>Reproduce with curl</summary>', '', '```sh');
  if (pre) lines.push(pre.replace(/```/g, "'''"), '');
  lines.push(requestCurl(e.exchange).replace(/```/g, "'''"), '```', '', '</details>', '');
  return lines.join('\n');
}

/** The report's lead: one config per server that fixes all its blocked requests. */
function serverSections(report: Report): string[] {
  const servers = report.servers ?? [];
  if (servers.length === 0) return [];
  const numberOf = blockedNumber(report);
  const refs = (ids: string[]) => ids.map(numberOf).join(', ');
  const lines = ['## One fix per server', ''];
  for (const s of servers) {
    lines.push(`### ${mdCode(s.server)}`, '');
    if (s.fixes.length) {
      lines.push(
        `Fixes ${s.fixes.length} blocked request${s.fixes.length === 1 ? '' : 's'} (${refs(s.fixes)}) — **${mdText(s.stackLabel)}**${s.verified ? '' : ', *not verified against a live server*'}:`,
        '',
        ...s.changes.map((change) => `- ${mdInline(change)}`),
        '',
        `In ${mdCode(s.file)}:`,
        '',
        ...mdFence(s.config, s.language),
        '',
      );
    }
    if (s.elsewhere.length)
      lines.push(
        'Not fixed by a header change:',
        '',
        ...s.elsewhere.map((e) => `- ${numberOf(e.id)}: ${mdText(e.why)}`),
        '',
      );
  }
  return lines;
}

export function markdownReport(report: Report): string {
  const blocked = report.exchanges.filter((e) => e.outcome === 'blocked');
  const lines = [
    `# CORS report${report.page.origin ? ` for ${mdText(report.page.origin)}` : ''}`,
    '',
    `- Page: ${mdCode(report.page.url)}`,
    `- Browser: ${report.browser ? mdText(`${report.browser.name} ${report.browser.version}`) : 'unknown'}`,
    `- Generated: ${report.generatedAt} by ${report.tool.name} ${report.tool.version}`,
    `- ${report.summary.total} cross-origin requests, ${report.summary.blocked} blocked${report.redacted ? '; cookies, credentials and tokens redacted' : ''}`,
    '',
  ];
  if (Object.keys(report.summary.byCode).length) {
    lines.push('| error | requests |', '| --- | --- |');
    for (const [code, count] of Object.entries(report.summary.byCode))
      lines.push(`| ${mdCode(code)} | ${count} |`);
    lines.push('');
  }
  lines.push(...serverSections(report));
  // Findings grouped by kind: one entry per finding, with every request it was seen on.
  const byKind = findingsByKind(report);
  if (byKind.length) {
    lines.push(
      `## Findings (${byKind.length} kind${byKind.length === 1 ? '' : 's'})`,
      '',
      'Configurations that work, too well, or will break later:',
      '',
    );
    for (const { finding: f, requests: urls } of byKind)
      lines.push(
        `- **${f.severity.toUpperCase()}** ${mdInline(f.title)} — ${urls.length} request${urls.length === 1 ? '' : 's'}`,
        `  ${mdInline(f.risk)}`,
        ...f.evidence.map((line) => `  - ${mdCode(line)}`),
        ...(f.confirm ? [`  ${mdInline(f.confirm)}`] : []),
        `  Fix: ${mdInline(f.fix)}`,
        `  Seen on: ${[...new Set(urls)]
          .slice(0, 20)
          .map((u) => mdCode(u))
          .join(', ')}${urls.length > 20 ? ` and ${urls.length - 20} more` : ''}`,
      );
    lines.push('');
  }
  lines.push(`## Blocked requests (${blocked.length})`, '');
  if (blocked.length === 0) lines.push('None.', '');
  blocked.forEach((e, i) => lines.push(exchangeSection(e, i)));
  const notCors = report.exchanges.filter((e) => e.verdict.notCors);
  if (notCors.length) {
    lines.push(`## Failures that are not CORS (${notCors.length})`, '');
    for (const e of notCors) {
      const row = e.verdict.notCors;
      if (!row) continue;
      lines.push(
        `- **${mdText(row.title)}** (${mdCode(e.verdict.networkError)}) — ${mdCode(`${e.method} ${e.url}`)}`,
        `  ${mdText(row.cause)}`,
        `  To confirm: ${mdText(row.confirm)}`,
        `  What to do: ${mdText(row.action)}`,
      );
    }
    lines.push('');
  }
  const others = report.exchanges.filter((e) => e.outcome !== 'blocked');
  if (others.length) {
    lines.push(
      `## Other requests (${others.length})`,
      '',
      '| outcome | method | URL |',
      '| --- | --- | --- |',
    );
    for (const e of others) lines.push(`| ${e.outcome} | ${mdCode(e.method)} | ${mdCode(e.url)} |`);
    lines.push('');
  }
  // Pasted into a ticket, a raw control or bidi character can hide or reorder what a reader
  // sees: every one left anywhere (values, curl commands) becomes a visible escape.
  return printable(lines.join('\n'), { keepNewlines: true });
}
