// The failures developers take for CORS: each net error gets its own cause, how to confirm it
// and what to do, and never another row's advice (nor the server-down advice).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzer/analyze';
import { notCorsCauseOf, notCorsTable } from '../../../src/analyzer/not-cors';
import { buildJsonReport } from '../../../src/report/json-report';
import { markdownReport } from '../../../src/report/markdown-report';
import { formatVerdictText } from '../../../src/cli/format-text';
import { exchange, ok, page } from '../exchange-builder';

/** One concrete error per pattern (a trailing `*` stands for any suffix). */
const examples = notCorsTable.flatMap((row) =>
  row.errors.map((pattern) => ({
    row,
    error: pattern.endsWith('*') ? `${pattern.slice(0, -1)}EXAMPLE` : pattern,
  })),
);
const plain = { red: String, green: String, yellow: String, dim: String, bold: String };

describe('the not-CORS table', () => {
  it('covers the failures people mistake for CORS', () => {
    expect(notCorsTable.map((row) => row.id)).toEqual([
      'blocked-by-client',
      'orb',
      'corp',
      'coep',
      'certificate',
      'dns',
      'refused',
      'unsafe-port',
      'reset',
      'timeout',
      'aborted',
      'administrator',
      'local-network',
      'mixed-content',
      'csp',
    ]);
    expect(notCorsCauseOf('net::ERR_FAILED')).toBeNull();
    expect(notCorsCauseOf(undefined)).toBeNull();
  });

  it.each(examples.map((e) => [e.error, e] as const))(
    '%s: its own cause, and no other row’s advice',
    (_error, { row, error }) => {
      for (const observed of [
        // No answer at all (the request or its preflight failed).
        exchange({ response: null, error }),
        // The CORS headers pass, and the browser still refused the response.
        exchange({
          response: ok(
            ['Access-Control-Allow-Origin', page],
            ['Access-Control-Allow-Credentials', 'true'],
          ),
          error,
        }),
      ]) {
        const verdict = analyze(observed);
        if (
          row.id === 'local-network' &&
          error === 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS' &&
          !observed.response
        ) {
          // Chrome names this one as a CORS error (Local Network Access): so does the analyzer.
          expect(verdict.chromiumError).toBe('LocalNetworkAccessPermissionDenied');
          for (const other of notCorsTable) expect(verdict.explanation).not.toContain(other.action);
          continue;
        }
        expect(verdict.outcome).toBe('network-error');
        expect(verdict.notCors?.id).toBe(row.id);
        expect(verdict.summary).toContain(row.title);
        expect(verdict.explanation).toContain(row.action);
        expect(verdict.explanation).toContain(row.confirm);
        for (const other of notCorsTable.filter((o) => o.id !== row.id))
          expect(verdict.explanation).not.toContain(other.action);
        if (row.id !== 'refused')
          expect(verdict.explanation).not.toMatch(/is running and reachable/);
      }
    },
  );

  it('reaches the report and the CLI’s text', () => {
    const observed = exchange({ response: null, error: 'net::ERR_BLOCKED_BY_CLIENT' });
    const report = buildJsonReport([{ id: '1', startedAt: 0, exchange: observed }], {
      version: '0',
      generatedAt: new Date(0).toISOString(),
    });
    expect(report.exchanges[0]?.verdict.notCors?.id).toBe('blocked-by-client');
    expect(markdownReport(report)).toContain('Blocked by a browser extension');
    expect(formatVerdictText(observed, analyze(observed), plain)).toContain(
      'Allow the URL in the blocker',
    );
  });
});
