import type { Page } from 'playwright-core';

/**
 * Fires `count` fetches of the zoo scenarios `ids` (round robin) from the page,
 * `concurrency` at a time; `pf-` scenarios are preflighted PUTs. Each URL is unique
 * (`?n=`), so every request can be compared with Chrome's record of it.
 */
export function fireRequests(
  page: Page,
  api: string,
  ids: string[],
  count: number,
  concurrency: number,
): Promise<void> {
  return page.evaluate(
    // No named functions inside: tsx (the bench) would wrap them in a helper the page lacks.
    async ({ ids, count, concurrency, api }) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < count) {
            const n = next++;
            const id = ids[n % ids.length] ?? '';
            const preflighted = id.startsWith('pf-');
            await fetch(`${api}/s/${id}/0?n=${n}`, {
              cache: 'no-store',
              ...(preflighted ? { method: 'PUT', body: 'x', headers: { 'X-Api-Key': 'k' } } : {}),
            }).then(
              (r) => r.text(),
              () => '',
            );
          }
        }),
      );
    },
    { ids, count, concurrency, api },
  );
}
