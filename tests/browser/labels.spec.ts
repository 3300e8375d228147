import { expect, test, type Page } from '@playwright/test';

/**
 * The label layout in the real page, with the reader's real font: the canvas measurer must agree with
 * what the browser draws. No two `text.label` boxes intersect and none leaves the map.
 */
const STATES = ['seat-at-the-table', 'flurry-dalian', 'divided-alliances', 'no-pullout', 'three-way', 'nato-expansion', 'lesson'];

/** Brings the first step showing `state` to the reading line (the page's own, else mid-screen) until the map settles there. */
async function showStep(page: Page, state: string): Promise<void> {
  const settled = page.locator(`#map[data-map-state="${state}"]`);
  for (const fallback of [0.5, 0.7, 0.35]) {
    await page.evaluate(
      ([id, fallbackLine]) => {
        const step = document.querySelector<HTMLElement>(`[data-step="${id}"]`)!;
        const line = Number(document.documentElement.dataset.readingLine ?? fallbackLine);
        const rect = step.getBoundingClientRect();
        // 60% into the step: past the point where a progression completes.
        window.scrollTo(0, window.scrollY + rect.top + rect.height * 0.6 - innerHeight * line);
      },
      [state, fallback] as const,
    );
    if (await settled.waitFor({ timeout: 2500 }).then(() => true, () => false)) return;
  }
  await expect(settled).toHaveCount(1);
}

test('labels neither overlap nor leave the map, in states with many of them', async ({ page }) => {
  await page.goto('/');
  for (const state of STATES) {
    await showStep(page, state);
    const { boxes, svg } = await page.evaluate(() => {
      const svg = document.querySelector('#map svg.map-svg')!.getBoundingClientRect();
      const boxes = [...document.querySelectorAll<SVGTextElement>('#map text.label')]
        .filter((t) => Number(t.getAttribute('opacity') ?? 1) > 0.05)
        .map((t) => {
          const r = t.getBoundingClientRect();
          return { text: t.textContent!, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom };
        });
      return { boxes, svg: { x0: svg.left, y0: svg.top, x1: svg.right, y1: svg.bottom } };
    });
    expect(boxes.length).toBeGreaterThan(0);
    const problems: string[] = [];
    boxes.forEach((a, i) => {
      if (a.x0 < svg.x0 || a.y0 < svg.y0 || a.x1 > svg.x1 || a.y1 > svg.y1) problems.push(`${state}: "${a.text}" leaves the map`);
      for (const b of boxes.slice(i + 1)) {
        if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) problems.push(`${state}: "${a.text}" overlaps "${b.text}"`);
      }
    });
    expect.soft(problems).toEqual([]);
  }
});
