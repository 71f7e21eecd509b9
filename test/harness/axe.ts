// axe-core (the npm package, run inside the page under test): the WCAG A/AA violations a page
// has, serious and critical only, as one line each.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeResult {
  violations: {
    id: string;
    impact: string | null;
    help: string;
    nodes: { target: unknown[]; failureSummary?: string }[];
  }[];
}

export async function seriousViolations(page: Page): Promise<string[]> {
  // evaluate runs outside the page's CSP, which forbids the inline script a tag would need.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (
      globalThis as unknown as {
        axe: { run(context: Document, options: object): Promise<AxeResult> };
      }
    ).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.impact} ${v.id} (${v.help}): ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`,
      ),
    );
}
