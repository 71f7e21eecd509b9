// The report as one self-contained HTML file: opens offline, prints, needs no script. Every
// value goes through `escapeHtml`; the CSP forbids scripts and remote loads even so.

import { viaSentence } from '../tracker/worker-requests';
import { workerFirst } from '../analyzer/worker-cause';
import { blockedNumber, findingsByKind } from './report-groups';
import type { Fix } from '../fixes/suggest-fix';
import type { Report, ReportExchange } from './json-report';
import { preflightCurl, requestCurl } from './curl';
import { escapeHtml } from './escape-html';
import { diagramStyle, diagramSvg } from './sequence-diagram';

const text = (value: string | null | undefined) =>
  value === null || value === undefined || value === '' ? '—' : escapeHtml(value);

const style = `body{font:14px/1.45 system-ui,sans-serif;max-width:1100px;margin:24px auto;padding:0 16px;color:#202124}
h1{font-size:22px}h2{font-size:18px;margin-top:28px}h3{font-size:15px;margin:20px 0 6px;overflow-wrap:anywhere}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}pre{background:#f1f3f4;padding:8px;white-space:pre-wrap;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #dadce0;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:break-word}
tr.fail td{color:#b3261e}tr.decisive{background:#fce8e6;font-weight:600}.muted{color:#5f6368}.summary{font-weight:600}
section.exchange{border-top:1px solid #dadce0;page-break-inside:avoid}@media print{pre{white-space:pre-wrap}}
${diagramStyle}`;

/** Fix texts mark names with backticks: those become <code>, all of it escaped. */
function inline(value: string): string {
  return value
    .split('`')
    .map((part, i) => (i % 2 === 1 ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part)))
    .join('');
}

function fixHtml(fix: Fix): string {
  const detected =
    fix.detected && fix.detected.stack === fix.stack
      ? ` <span class="muted">(detected from <code>${text(fix.detected.because)}</code>)</span>`
      : '';
  const unverified = fix.verified
    ? ''
    : ' <em class="muted">not verified against a live server</em>';
  return `<div class="fix"><p><strong>Suggested fix — ${text(fix.stackLabel)}</strong>${detected}${unverified}</p>
${fix.causes.length ? `<ul>${fix.causes.map((c) => `<li>${inline(c.text)}</li>`).join('')}</ul>` : ''}
${fix.changes.length ? `<ol>${fix.changes.map((c) => `<li>${inline(c)}</li>`).join('')}</ol>` : ''}
${fix.config ? `<p class="muted">In <code>${text(fix.file)}</code>:</p><pre>${text(fix.config)}</pre>` : ''}
${fix.notes.map((n) => `<p class="muted">${inline(n)}</p>`).join('')}<p class="muted">${inline(fix.cannotChangeServer)}</p></div>`;
}

function exchangeHtml(e: ReportExchange, index: number): string {
  const v = e.verdict;
  const rows = v.diff
    .map(
      (r) =>
        `<tr class="${r.result}${r.decisive ? ' decisive' : ''}"><th scope="row">${text(r.name)}</th><td><code>${text(r.asked)}</code></td><td><code>${text(r.preflightAllowed)}</code></td><td><code>${text(r.responseAllowed)}</code></td><td>${text(r.result)} <span class="muted">${text(r.note)}</span></td></tr>`,
    )
    .join('');
  const pre = preflightCurl(e.exchange);
  return `<section class="exchange"><h3>${index + 1}. ${text(`${e.method} ${e.url}`)}</h3>
<p class="summary">${text(v.summary)}</p>${e.via ? `<p class="via">${text(viaSentence(e.via, e.exchange.request.origin, e.sharedBy))}</p>` : ''}${e.workerCause ? `<p class="worker-cause"><strong>Caused by the service worker.</strong> ${text(e.workerCause.explanation)} ${text(e.workerCause.fix)}</p>` : ''}
${v.chromiumError ? `<p>Chrome: <code>${text(v.chromiumError)}</code>${v.failedParameter ? ` (<code>${text(v.failedParameter)}</code>)` : ''}${v.firefoxReason ? ` · Firefox: <code>${text(v.firefoxReason)}</code>` : ''}</p>` : ''}
${v.consoleMessage ? `<p class="muted">Console message</p><pre>${text(v.consoleMessage)}</pre>` : ''}
${diagramSvg(e.exchange, v)}
${rows ? `<table><thead><tr><th></th><th>Browser asked</th><th>Preflight allowed</th><th>Response allowed</th><th>Result</th></tr></thead><tbody>${rows}</tbody></table>` : ''}
<p>${text(v.explanation)}</p>
${e.fix && e.fix.kind !== 'none' ? `${e.workerCause ? `<p class="muted">${text(workerFirst)}</p>` : ''}${fixHtml(e.fix)}` : v.headerChanges.length ? `<p><strong>What to change on the server</strong></p><ul>${v.headerChanges.map((c) => `<li>${text(c)}</li>`).join('')}</ul>` : ''}
${[...v.warnings, ...v.assumptions].map((n) => `<p class="muted">${text(n)}</p>`).join('')}
<p class="muted">Reproduce with curl</p>${pre ? `<pre>${text(pre)}</pre>` : ''}<pre>${text(requestCurl(e.exchange))}</pre></section>`;
}

/** Findings grouped by kind, each with the requests it was seen on. */
function findingsHtml(report: Report): string {
  const items = findingsByKind(report).map(
    ({ finding: f, requests: urls }) =>
      `<li><strong>${text(f.severity.toUpperCase())}</strong> ${inline(f.title)} — ${urls.length} request${urls.length === 1 ? '' : 's'}<br>${inline(f.risk)}<ul>${f.evidence.map((l) => `<li><code>${text(l)}</code></li>`).join('')}</ul>${f.confirm ? `<p class="muted">${inline(f.confirm)}</p>` : ''}<p>Fix: ${inline(f.fix)}</p><p class="muted">Seen on: ${[...new Set(urls)].map((u) => `<code>${text(u)}</code>`).join(', ')}</p></li>`,
  );
  return items.length
    ? `<h2>Findings (${items.length} kind${items.length === 1 ? '' : 's'})</h2><ul>${items.join('')}</ul>`
    : '';
}

/** The report's lead: one config per server that fixes all its blocked requests. */
function serversHtml(report: Report): string {
  const servers = report.servers ?? [];
  if (servers.length === 0) return '';
  const numberOf = blockedNumber(report);
  const refs = (ids: string[]) => ids.map(numberOf).join(', ');
  return `<h2>One fix per server</h2>${servers
    .map(
      (s) =>
        `<section class="server"><h3><code>${text(s.server)}</code></h3>${
          s.fixes.length
            ? `<p>Fixes ${s.fixes.length} blocked request${s.fixes.length === 1 ? '' : 's'} (${text(refs(s.fixes))}) — <strong>${text(s.stackLabel)}</strong>${s.verified ? '' : ' <em>(not verified against a live server)</em>'}</p><ul>${s.changes.map((c) => `<li>${inline(c)}</li>`).join('')}</ul><p class="muted">In <code>${text(s.file)}</code>:</p><pre>${text(s.config)}</pre>`
            : ''
        }${
          s.elsewhere.length
            ? `<p>Not fixed by a header change:</p><ul>${s.elsewhere.map((e) => `<li>${numberOf(e.id)}: ${text(e.why)}</li>`).join('')}</ul>`
            : ''
        }</section>`,
    )
    .join('')}`;
}

/** The failures that are not CORS, each with its own cause, check and action. */
function notCorsHtml(report: Report): string {
  const items = report.exchanges.flatMap((e) => {
    const row = e.verdict.notCors;
    return row
      ? [
          `<li><strong>${text(row.title)}</strong> (<code>${text(e.verdict.networkError)}</code>) — <code>${text(`${e.method} ${e.url}`)}</code><p>${text(row.cause)}</p><p>To confirm: ${text(row.confirm)}</p><p>What to do: ${text(row.action)}</p></li>`,
        ]
      : [];
  });
  return items.length
    ? `<h2>Failures that are not CORS (${items.length})</h2><ul class="not-cors">${items.join('')}</ul>`
    : '';
}

export function htmlReport(report: Report): string {
  const blocked = report.exchanges.filter((e) => e.outcome === 'blocked');
  const others = report.exchanges.filter((e) => e.outcome !== 'blocked');
  const codes = Object.entries(report.summary.byCode)
    .map(([code, n]) => `<tr><td><code>${text(code)}</code></td><td>${n}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>CORS report${report.page.origin ? ` — ${text(report.page.origin)}` : ''}</title><style>${style}</style></head>
<body><h1>CORS report${report.page.origin ? ` for ${text(report.page.origin)}` : ''}</h1>
<p>Page <code>${text(report.page.url)}</code> · ${text(report.browser ? `${report.browser.name} ${report.browser.version}` : 'browser unknown')} · generated ${text(report.generatedAt)} by ${text(`${report.tool.name} ${report.tool.version}`)}</p>
<p>${report.summary.total} cross-origin requests, <strong>${report.summary.blocked} blocked</strong>${report.redacted ? '; cookies, credentials and tokens redacted' : ''}.</p>
${codes ? `<table><thead><tr><th>Error</th><th>Requests</th></tr></thead><tbody>${codes}</tbody></table>` : ''}
${serversHtml(report)}${findingsHtml(report)}<h2>Blocked requests (${blocked.length})</h2>${blocked.map(exchangeHtml).join('\n') || '<p>None.</p>'}
${notCorsHtml(report)}${others.length ? `<h2>Other requests (${others.length})</h2><table><thead><tr><th>Outcome</th><th>Method</th><th>URL</th></tr></thead><tbody>${others.map((e) => `<tr><td>${text(e.outcome)}</td><td><code>${text(e.method)}</code></td><td><code>${text(e.url)}</code></td></tr>`).join('')}</tbody></table>` : ''}
</body></html>
`;
}
