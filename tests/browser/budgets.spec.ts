import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';

/**
 * Byte budgets (issue 7), measured from what the built pages really transfer, gzip-compressed.
 * Bytes do not depend on the machine, so unlike times they are tests. Figures: npm run bench.
 */
const KB = 1024;

/** Gzip sizes of every same-origin response the page receives from now on, by path. */
function record(page: Page, origin: string): Map<string, number> {
  const sizes = new Map<string, number>();
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (url.origin !== origin || response.status() !== 200) return;
    try {
      sizes.set(url.pathname, gzipSync(await response.body(), { level: 9 }).length);
    } catch {
      // a response without a body (aborted by navigation) transfers nothing we count
    }
  });
  return sizes;
}
const total = (sizes: Map<string, number>) => [...sizes.values()].reduce((a, b) => a + b, 0);
const listing = (sizes: Map<string, number>) => [...sizes].map(([p, n]) => `${p} ${(n / KB).toFixed(1)} KB`).join(', ');

test.describe('byte budgets', () => {
  test.skip(({ isMobile }) => !isMobile, 'measured once, as a reader arriving on a phone');

  test('the scroll page is ≤ 100 KB before the reader scrolls and ≤ 250 KB for the whole story', async ({ page, baseURL }) => {
    const sizes = record(page, new URL(baseURL!).origin);
    await page.goto('/');
    await expect(page.locator('#map')).toHaveAttribute('data-map-state', /.+/);
    await page.waitForLoadState('networkidle');
    const before = total(sizes);
    expect(before, listing(sizes)).toBeLessThanOrEqual(100 * KB);
    const steps = await page.locator('[data-step]').count();
    for (let i = 0; i < steps; i++) {
      await page.locator('[data-step]').nth(i).scrollIntoViewIfNeeded();
    }
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForLoadState('networkidle');
    expect(total(sizes), listing(sizes)).toBeLessThanOrEqual(250 * KB);
    // The story's second region (Europe) is loaded on the way, not up front.
    expect([...sizes.keys()].some((p) => /europe/.test(p))).toBe(true);
    expect(before).toBeLessThan(total(sizes));
  });

  test('embed.js, which every host page loads, is one classic script of ≤ 2 KB', async ({ request }) => {
    const response = await request.get('/embed.js');
    expect(response.ok()).toBe(true);
    const body = await response.body();
    expect(gzipSync(body, { level: 9 }).length, 'gzip').toBeLessThanOrEqual(2 * KB);
    expect(body.length, 'uncompressed').toBeLessThanOrEqual(4 * KB);
    // Classic, not a module: no import or export statements, one function that runs on load.
    expect(body.toString('utf8')).toMatch(/^\(function\(\)\{[^]*\}\)\(\);?\s*$/);
    expect(body.toString('utf8')).not.toMatch(/\bimport\s*[{("'*]|\bexport\s/);
  });

  test('an embed page is ≤ 80 KB and loads no reveal.js', async ({ page, request, baseURL }) => {
    const sections = (await (await request.get('/sections.json')).json()) as { embed: string }[];
    for (const { embed } of [sections[0], sections[7]]) {
      const sizes = record(page, new URL(baseURL!).origin);
      await page.goto(embed);
      await expect(page.locator('[data-map-state]')).toHaveAttribute('data-map-state', /.+/);
      await page.waitForLoadState('networkidle');
      expect(total(sizes), `${embed}: ${listing(sizes)}`).toBeLessThanOrEqual(80 * KB);
      expect([...sizes.keys()].filter((p) => /reveal|slides/.test(p))).toEqual([]);
      page.removeAllListeners('response');
    }
  });
});
