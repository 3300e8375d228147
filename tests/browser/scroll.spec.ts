import { expect, test } from '@playwright/test';
import { baseOf, GEOMETRY, isSkipped, map, scrollStill, scrollToStep, stepsOf, watchConsole } from './helpers';

test('the page opens on the first beat with its map drawn, and no console errors', async ({ page }) => {
  const consoleWatch = watchConsole(page);
  await page.goto('/');
  await expect(page).toHaveTitle(/China/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /Zhang Baohui/);
  await expect(map(page)).toHaveAttribute('data-map-state', 'seat-at-the-table');
  // The base canvas fills the two Koreas and China, each once, and its pixels show sea, land and fills.
  const base = await baseOf(map(page));
  expect(base.fills.flatMap((f) => f.ids).filter((id) => ['408', '410', '156'].includes(id)).sort()).toEqual(['156', '408', '410']);
  expect(base.colours).toBeGreaterThan(2);
  await expect(page.locator('.masthead .credit')).toContainText('Zhang Baohui');
  await expect(page.locator('.masthead .credit')).toContainText('South China Morning Post');
  // The tab's icon is a PNG (Chrome decodes it again at every change of address, and the address follows the reading).
  const icon = await page.request.get((await page.locator('link[rel="icon"]').getAttribute('href'))!);
  expect(icon.ok()).toBe(true);
  expect(icon.headers()['content-type']).toBe('image/png');
  expect((await icon.body()).subarray(1, 4).toString()).toBe('PNG');
  consoleWatch.expectNone();
});

test('the map follows every step scrolling down, then back up', async ({ page }) => {
  const consoleWatch = watchConsole(page);
  await page.goto('/');
  const steps = await stepsOf(page);
  expect(steps.length).toBeGreaterThanOrEqual(12);
  for (let i = 0; i < steps.length; i++) {
    await scrollToStep(page, i);
    await expect(map(page), `step ${i} (${steps[i].state}) scrolling down`).toHaveAttribute('data-map-state', steps[i].state);
  }
  for (let i = steps.length - 2; i >= 0; i--) {
    await scrollToStep(page, i);
    await expect(map(page), `step ${i} (${steps[i].state}) scrolling up`).toHaveAttribute('data-map-state', steps[i].state);
  }
  consoleWatch.expectNone();
});

test('every section deep link opens there with its map', async ({ page }) => {
  const consoleWatch = watchConsole(page);
  await page.goto('/');
  const steps = await stepsOf(page);
  const firstOf = new Map<string, string>();
  for (const s of steps) if (!firstOf.has(s.section)) firstOf.set(s.section, s.state);
  for (const [section, state] of firstOf) {
    await page.goto('about:blank');
    await page.goto(`/#${section}`);
    await expect(map(page), `/#${section}`).toHaveAttribute('data-map-state', state);
    // The section's heading is in view and not hidden under the sticky map.
    const headingSeen = await page.locator(`section#${section} h2`).evaluate((h) => {
      const r = h.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + 10, r.top + r.height / 2);
      return r.top >= 0 && r.bottom <= innerHeight && !!hit && h.contains(hit);
    });
    expect(headingSeen, `heading of ${section} visible`).toBe(true);
  }
  consoleWatch.expectNone();
});

test('a reload mid-story keeps the reader’s place and the map right', async ({ page }) => {
  await page.goto('/');
  const steps = await stepsOf(page);
  for (const i of [3, Math.floor(steps.length / 2), steps.length - 2]) {
    await scrollToStep(page, i);
    await expect(map(page)).toHaveAttribute('data-map-state', steps[i].state);
    await page.reload();
    await expect(map(page), `reload at step ${i}`).toHaveAttribute('data-map-state', steps[i].state);
  }
});

test('a hostile hash changes nothing and runs nothing', async ({ page }) => {
  const consoleWatch = watchConsole(page);
  await page.addInitScript(() => {
    (window as unknown as { pwned: boolean }).pwned = false;
  });
  await page.goto('/#%3Cimg%20src%3Dx%20onerror%3D%22window.pwned%3Dtrue%22%3E');
  await expect(map(page)).toHaveAttribute('data-map-state', 'seat-at-the-table');
  expect(await page.evaluate(() => (window as unknown as { pwned: boolean }).pwned)).toBe(false);
  expect(await page.locator('img').count()).toBe(0);
  consoleWatch.expectNone();
});

test('a step change starts no CSS transition or animation (each would restyle the page in every frame while the reader scrolls)', async ({ page }) => {
  await page.goto('/');
  await expect(map(page)).toHaveAttribute('data-map-state', 'seat-at-the-table');
  const steps = await stepsOf(page);
  for (let i = 1; i < steps.length; i++) {
    // Armed before the scroll: the moment the step becomes the active one, two frames on (a style change's
    // transition starts at the next restyle), whatever runs in the page's CSS is read.
    const running = page.evaluate(
      (k) =>
        new Promise<string[]>((resolve) => {
          const step = document.querySelectorAll<HTMLElement>('[data-step]')[k];
          new MutationObserver((_, observer) => {
            if (!step.classList.contains('is-active')) return;
            observer.disconnect();
            requestAnimationFrame(() =>
              requestAnimationFrame(() =>
                resolve(document.getAnimations().map((a) => `${a.constructor.name} ${(a as CSSTransition).transitionProperty ?? (a as CSSAnimation).animationName ?? ''} on ${(a.effect as KeyframeEffect | null)?.target?.getAttribute('class') ?? '?'}`)),
              ),
            );
          }).observe(step, { attributes: true, attributeFilter: ['class'] });
        }),
      i,
    );
    await scrollToStep(page, i);
    expect(await running, `step ${i}`).toEqual([]);
  }
});

test('a region coming up is downloaded ahead, at an idle moment, never in a scroll event’s handler', async ({ page }) => {
  type Fetched = { url: string; during: string | null }[];
  await page.addInitScript(() => {
    const w = window as unknown as { fetched: Fetched };
    w.fetched = [];
    const original = window.fetch;
    window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
      // window.event is the event being dispatched, if any: a scroll event's, when a handler of it starts the download.
      w.fetched.push({ url: String(input instanceof Request ? input.url : input), during: window.event?.type ?? null });
      return original.call(this, input, init);
    };
  });
  await page.goto('/');
  await expect(map(page)).toHaveAttribute('data-map-state', 'seat-at-the-table');
  const steps = await stepsOf(page);
  const europe = steps.findIndex((s) => s.state === 'nato-cold-war');
  expect(europe).toBeGreaterThan(1);
  // Step by step up to the one before Europe's first map: its geometry has arrived by then.
  for (let i = 1; i < europe; i++) {
    await scrollToStep(page, i);
    await expect(map(page)).toHaveAttribute('data-map-state', steps[i].state);
  }
  const fetched = await page.evaluate(() => (window as unknown as { fetched: Fetched }).fetched);
  const geometry = fetched.filter((f) => GEOMETRY.test(f.url));
  expect(geometry.map((f) => f.url.split('/').pop()!.split('-')[0])).toEqual(['east', 'europe']);
  expect(geometry.filter((f) => f.during === 'scroll'), JSON.stringify(geometry)).toEqual([]);
  await expect.poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => /\/assets\/europe-/.test(e.name) && (e as PerformanceResourceTiming).responseEnd > 0))).toBe(true);
});

test('nothing overflows sideways on a 360 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');
  await expect(map(page)).toHaveAttribute('data-map-state', 'seat-at-the-table');
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
});

test('sections.json lists every section with its URLs', async ({ page, request }) => {
  await page.goto('/');
  const ids = await page.locator('section.section').evaluateAll((els) => els.map((e) => e.id));
  const response = await request.get('/sections.json');
  expect(response.ok()).toBe(true);
  const sections = (await response.json()) as { id: string; title: string; summary: string; url: string; embed: string; oembed: string }[];
  expect(sections.map((s) => s.id)).toEqual(ids);
  for (const s of sections) {
    expect(s.title.length).toBeGreaterThan(0);
    expect(s.summary.length).toBeGreaterThan(0);
    expect(s.url).toBe(`/#${s.id}`);
    expect(s.embed).toBe(`/embed/${s.id}/`);
    expect(s.oembed).toBe(`/embed/${s.id}/oembed.json`);
  }
});

test('every fact link in the text points at an entry in the sources list', async ({ page }) => {
  await page.goto('/');
  const targets = await page.locator('a.cite').evaluateAll((els) => els.map((e) => e.getAttribute('href')!));
  expect(targets.length).toBeGreaterThan(20);
  for (const href of new Set(targets)) {
    await expect(page.locator(href), href).toHaveCount(1);
  }
});

test('the sources are laid out only when the reader nears them, and a fact link still lands on its source', async ({ page }) => {
  await page.goto('/');
  await expect(map(page)).toHaveAttribute('data-map-state', /./);
  // Skipped at load (content-visibility: auto): the sources' words are not laid out before the reader nears them.
  const skipped = (selector: string) => isSkipped(page.locator(`${selector} .fact-label`).first());
  expect(await skipped('#sources li'), 'the sources list is skipped at load').toBe(true);
  // Printed, it is all there.
  await page.emulateMedia({ media: 'print' });
  expect(await skipped('#sources li'), 'printed').toBe(false);
  await page.emulateMedia({ media: 'screen' });
  expect(await skipped('#sources li')).toBe(true);
  // A fact link in a card brings its source on screen, highlighted as the target.
  const link = page.locator('.scrolly a.cite').first();
  const href = (await link.getAttribute('href'))!;
  const index = await link.evaluate((a) => [...document.querySelectorAll('[data-step]')].indexOf(a.closest('[data-step]')!));
  await scrollToStep(page, index);
  await link.click();
  await scrollStill(page);
  // The address is the link's, not the last section's: past the story the address is left as the reader made it.
  await page.waitForTimeout(300);
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  const source = page.locator(href);
  // At the top of the screen, where the browser scrolls a link's target, not where an estimated height would put it.
  const top = (locator: typeof source) => locator.evaluate((e) => Math.round(e.getBoundingClientRect().top));
  await expect.poll(() => top(source)).toBeGreaterThanOrEqual(-1);
  expect(await top(source)).toBeLessThanOrEqual(1);
  await expect(source).toHaveCSS('background-color', 'rgb(255, 244, 204)');
  expect(await skipped(href)).toBe(false);
  // An address into the sources opens there too.
  await page.goto('about:blank');
  await page.goto('/#sources');
  await expect(map(page)).toHaveAttribute('data-map-state', /./);
  await page.waitForTimeout(300);
  expect(Math.abs(await top(page.locator('#sources'))), 'the sources open at the top of the screen').toBeLessThanOrEqual(1);
});
