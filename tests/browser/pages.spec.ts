import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, map, recordShifts, scrollToStep, shifts, stepsOf, watchConsole } from './helpers';

/**
 * Every page of the site, each loaded once for all the checks a page must pass at load (each load costs the CI
 * machine a second or more, and CI must stay under 20 minutes): the scroll page at the top and at a deep link, the
 * deck, and each section's embed (from sections.json).
 */
test('every page: loads moving nothing, axe finds nothing, no console error or warning, nothing off its own origin, an icon, pinch-zoom allowed', async ({ page, baseURL, isMobile }) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL!).origin;
  const offSite: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.origin !== origin && url.protocol !== 'data:') offSite.push(`${page.url()} → ${r.url()}`);
  });
  const consoleWatch = watchConsole(page);
  await recordShifts(page);
  const sections = (await (await page.request.get('/sections.json')).json()) as { embed: string }[];
  const pages = ['/', '/#nato-parallel', '/slides.html', ...sections.map((s) => s.embed)];
  for (const [i, path] of pages.entries()) {
    await page.goto(path);
    await expect(map(page), path).toHaveAttribute('data-map-state', /.+/);
    await page.waitForTimeout(300);
    expect(await shifts(page), `${path}: layout shifts`).toEqual([]);
    const viewport = await page.locator('meta[name="viewport"]').getAttribute('content');
    expect(viewport, `${path}: zoom allowed`).not.toMatch(/user-scalable\s*=\s*(no|0)|maximum-scale\s*=\s*1(\.0*)?\b/);
    const icon = await page.locator('link[rel~="icon"]').getAttribute('href');
    expect(icon, `${path}: an icon`).toBeTruthy();
    expect((await page.request.get(new URL(icon!, page.url()).href)).status(), `${path}: its icon loads`).toBe(200);
    // The embeds share one template: axe checks each at a phone's width, where embeds are mostly read, and the first
    // on the desktop.
    if (isMobile || i < 4) await expectNoAxeViolations(page, path);
  }
  // The whole story, scrolled to the end: the second region's geometry loads on the way, from the site too.
  await page.goto('/');
  const steps = await stepsOf(page);
  for (const state of ['nato-after-article', 'what-came-next']) {
    await scrollToStep(page, steps.findIndex((s) => s.state === state), 0.6);
    await expect(map(page)).toHaveAttribute('data-map-state', state);
  }
  await page.goto('/slides.html#/nato-parallel');
  await expect(map(page)).toHaveAttribute('data-map-state', 'nato-cold-war');
  expect(offSite).toEqual([]);
  consoleWatch.expectNone();
});
