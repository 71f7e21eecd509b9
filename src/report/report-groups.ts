// What the Markdown and the HTML report both group: findings by kind (each with the requests
// it was seen on), and the numbers the blocked requests carry, by which the per-server fixes
// refer to them.

import type { Report, ReportExchange } from './json-report';

type Finding = ReportExchange['verdict']['findings'][number];

export function findingsByKind(report: Report): { finding: Finding; requests: string[] }[] {
  const byKind = new Map<string, { finding: Finding; requests: string[] }>();
  for (const e of report.exchanges)
    for (const finding of e.verdict.findings) {
      const entry = byKind.get(finding.id) ?? { finding, requests: [] };
      entry.requests.push(`${e.method} ${e.url}`);
      byKind.set(finding.id, entry);
    }
  return [...byKind.values()];
}

/** `#n`, the blocked request's number in the report, for an exchange id. */
export function blockedNumber(report: Report): (id: string) => string {
  const numbers = new Map(
    report.exchanges.filter((e) => e.outcome === 'blocked').map((e, i) => [e.id, i + 1]),
  );
  return (id) => `#${numbers.get(id) ?? '?'}`;
}
