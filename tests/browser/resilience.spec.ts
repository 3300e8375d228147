import { expect, test, type Page, type Route } from '@playwright/test';
import { baseOf, GEOMETRY, map, recordShifts, shifts, watchConsole } from './helpers';

interface Manifest {
  id: string;
  title: string;
  embed: string;
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the scroll page has the whole text, every section’s still map, and the sources', async ({ page, request }) => {
    const sections = (await (await request.get('/sections.json')).json()) as Manifest[];
    await page.goto('/');
    await expect(page.locator('h1')).toContainText('A seat at the table');
    for (const s of sections) {
      const section = page.locator(`section#${s.id}`);
      await expect(section.locator('h2')).toHaveText(s.title);
      for (const body of await section.locator('.step-body').all()) await expect(body).not.toBeEmpty();
      const img = section.locator('figure.map-static img');
      await expect(img, s.id).toHaveAttribute('alt', /^Map: .{20,}/);
      await expect(img).toHaveAttribute('width', /\d+/);
      await expect(img).toHaveAttribute('height', /\d+/);
      await img.scrollIntoViewIfNeeded();
      await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth), { message: `${s.id}: its map loads` }).toBeGreaterThan(0);
    }
    await expect(page.locator('.nato-table')).toBeVisible();
    expect(await page.locator('#sources li').count()).toBeGreaterThan(20);
    // The live map needs a script: its empty panel steps aside rather than leaving a blank column.
    await expect(page.locator('.scrolly-map')).toBeHidden();
  });

  test('every embed has its section’s text and still map', async ({ page, request }) => {
    for (const s of (await (await request.get('/sections.json')).json()) as Manifest[]) {
      await page.goto(s.embed);
      await expect(page.locator('h1')).toHaveText(s.title);
      for (const step of await page.locator('.step-body').all()) await expect(step).toBeVisible();
      const img = page.locator('figure.map-static img');
      await expect(img, s.id).toBeVisible();
      await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth), { message: `${s.id}: its map loads` }).toBeGreaterThan(0);
    }
  });
});

test.describe('when the geometry does not arrive', () => {
  const failures: [string, (route: Route) => Promise<void>][] = [
    ['the request fails', (route) => route.abort('failed')],
    ['the file is missing (404)', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' })],
    ['the file is garbage', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"type":"Topology","objects":{"countries":' })],
    ['the file is JSON of the wrong shape', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"type":"Topology","objects":{"countries":{"type":"Point"}},"arcs":[]}' })],
  ];
  for (const [how, answer] of failures) {
    test(`when ${how}, the text stays, the map says it could not load, and nothing throws`, async ({ page }) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.route(GEOMETRY, answer);
      const texts: [string, string][] = [
        ['/', '[data-step] .step-body'],
        ['/embed/flurry/', '.step.is-active .step-body'],
        ['/slides.html#/flurry', 'section.present .deck-step-body'],
      ];
      for (const [path, text] of texts) {
        await page.goto(path);
        const fallback = page.locator('#map .map-fallback');
        // The worker's error comes back after the page's own start: on a busy machine that can take more than 5 s.
        await expect(fallback, path).toBeVisible({ timeout: 15_000 });
        await expect(fallback).toHaveText(/could not load/);
        await expect(page.locator('#map svg.map-svg')).toBeHidden();
        await expect(page.locator(text).first(), `${path}: the text stays`).toBeVisible();
        await expect(page.locator(text).first()).toContainText(/\w{4,}/);
      }
      expect(errors).toEqual([]);
    });
  }

  test('a failed load is retried on the next step, and the map then draws', async ({ page }) => {
    let fail = true;
    await page.route(GEOMETRY, (route) => (fail ? route.abort('failed') : route.continue()));
    await page.goto('/embed/flurry/');
    await expect(page.locator('#map')).toHaveClass(/map-failed/);
    fail = false;
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(map(page)).toHaveAttribute('data-map-state', 'flurry-call');
    await expect(page.locator('#map')).not.toHaveClass(/map-failed/);
  });
});

test.describe('when the map’s code does not arrive', () => {
  test('the scroll page, whose map’s code is asked for after the text paints: the text stays and the map says so', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    let blocked = 0;
    await page.route(/\/assets\/scroll-[\w-]+\.js$/, (route) => (blocked++, route.abort('failed')));
    await page.goto('/');
    await expect(page.locator('#map .map-fallback')).toBeVisible();
    await expect(page.locator('#map .map-fallback')).toHaveText(/could not load/);
    await expect(page.locator('[data-step] .step-body').first()).toContainText(/\w{4,}/);
    expect(blocked).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  test('the deck, whose map’s code is asked for once reveal.js has laid the slides out: the slides stay and step on, and the map says so', async ({ page, isMobile }) => {
    test.skip(isMobile, 'when the deck asks for its map’s code does not depend on the screen: one run is enough');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    let blocked = 0;
    await page.route(/\/assets\/deck-map-[\w-]+\.js$/, (route) => (blocked++, route.abort('failed')));
    await page.goto('/slides.html#/flurry');
    await expect(page.locator('#map .map-fallback')).toBeVisible();
    await expect(page.locator('#map .map-fallback')).toHaveText(/could not load/);
    await expect(page.locator('section.present .deck-step-body').first()).toContainText(/\w{4,}/);
    // Past flurry's two fragments, on to the next slide.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect(page.locator('section.present')).not.toHaveAttribute('id', 'flurry');
    expect(blocked).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});

test.describe('decoding the geometry', () => {
  test.skip(({ isMobile }) => isMobile, 'where the map is decoded and painted does not depend on the screen: one run is enough');
  // Settling in a state (data-map-state) needs its region decoded and drawn.
  test('happens in a worker, and the map draws; the page never loads a decoder of its own', async ({ page }) => {
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(new URL(worker.url()).pathname));
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
    await page.goto('/embed/flurry/');
    await expect(map(page)).toHaveAttribute('data-map-state', 'flurry-wang-yi');
    expect(workers).toEqual([expect.stringMatching(/\/assets\/geometry\.worker-[\w-]+\.js$/)]);
    expect(scripts.filter((s) => /\/assets\/decode-/.test(s)), 'the page’s decoder (only for pages without a worker)').toEqual([]);
    expect(scripts.length, 'the page’s own scripts were seen').toBeGreaterThan(0);
  });

  test('the worker paints the base too: the page lays its pictures on the canvas, and they match the step', async ({ page }) => {
    const started = page.waitForEvent('worker');
    await page.goto('/');
    const worker = await started;
    await expect(map(page)).toHaveAttribute('data-map-state', 'seat-at-the-table');
    // Count the pictures the worker makes from here on (OffscreenCanvas → ImageBitmap, sent to the page).
    await worker.evaluate(() => {
      const w = self as unknown as { pictures: number };
      w.pictures = 0;
      const transfer = OffscreenCanvas.prototype.transferToImageBitmap;
      OffscreenCanvas.prototype.transferToImageBitmap = function (this: OffscreenCanvas) {
        w.pictures++;
        return transfer.call(this);
      };
    });
    await page.locator('section#nato-parallel [data-step]').last().scrollIntoViewIfNeeded();
    await expect(map(page)).toHaveAttribute('data-map-state', /^nato-/);
    expect(await worker.evaluate(() => (self as unknown as { pictures: number }).pictures)).toBeGreaterThan(0);
    // The canvas takes whole pictures (no 2D context of its own), of the map's size, showing the step's fills.
    const canvas = map(page).locator('canvas.map-base');
    expect(await canvas.evaluate((c: HTMLCanvasElement) => c.getContext('2d') === null && c.width === Math.round(c.getBoundingClientRect().width))).toBe(true);
    const base = await baseOf(map(page));
    expect(base.colours).toBeGreaterThan(2);
    expect(base.fills.map((f) => f.role)).toContain('nato');
  });

  test('when the worker fails to paint a picture, the page paints it, and every one after', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const started = page.waitForEvent('worker');
    await page.goto('/');
    const worker = await started;
    await expect(map(page)).toHaveAttribute('data-map-state', 'seat-at-the-table');
    // From now on the worker's canvases refuse to paint: it answers each picture with an error.
    await worker.evaluate(() => {
      OffscreenCanvas.prototype.getContext = () => {
        throw new Error('no context');
      };
    });
    await page.locator('section#nato-parallel [data-step]').last().scrollIntoViewIfNeeded();
    await expect(map(page)).toHaveAttribute('data-map-state', /^nato-/);
    const base = await baseOf(map(page));
    expect(base.colours, 'the page painted the base').toBeGreaterThan(2);
    expect(base.fills.map((f) => f.role)).toContain('nato');
    expect(errors).toEqual([]);
  });

  test('where the browser cannot paint in a worker (no OffscreenCanvas), the page paints the base itself', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => delete (window as { OffscreenCanvas?: unknown }).OffscreenCanvas);
    await page.goto('/embed/flurry/');
    await expect(map(page)).toHaveAttribute('data-map-state', 'flurry-wang-yi');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(map(page)).toHaveAttribute('data-map-state', 'flurry-call');
    expect(await map(page).locator('canvas.map-base').evaluate((c: HTMLCanvasElement) => c.getContext('2d') !== null)).toBe(true);
    expect((await baseOf(map(page))).colours).toBeGreaterThan(2);
    expect(errors).toEqual([]);
  });

  test('when the page must paint the base and its painter does not load, the marks and the text stay, and nothing throws', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => delete (window as { OffscreenCanvas?: unknown }).OffscreenCanvas);
    let blocked = 0;
    await page.route(/\/assets\/base-paint-[\w-]+\.js$/, (route) => (blocked++, route.abort('failed')));
    await page.goto('/embed/flurry/');
    await expect(map(page)).toHaveAttribute('data-map-state', 'flurry-wang-yi');
    await expect(map(page).locator('svg g.labels text').first()).toBeVisible();
    await expect(page.locator('[data-step]').first()).toContainText(/\w/);
    expect(blocked).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  /** Ways a worker cannot start, each with a check that it really did not. */
  const noWorker: [string, (page: Page) => Promise<() => Promise<boolean>>][] = [
    [
      'the worker’s script does not load',
      async (page) => {
        let blocked = 0;
        await page.route(/\/geometry\.worker-[\w-]+\.js$/, (route) => (blocked++, route.abort('failed')));
        return async () => blocked > 0;
      },
    ],
    [
      'the browser has no Worker',
      async (page) => {
        await page.addInitScript(() => delete (window as { Worker?: unknown }).Worker);
        return () => page.evaluate(() => typeof Worker === 'undefined');
      },
    ],
  ];
  for (const [how, setUp] of noWorker) {
    test(`when ${how}, happens on the page instead: both regions draw and nothing throws`, async ({ page }) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const inEffect = await setUp(page);
      const decoders: string[] = [];
      page.on('request', (r) => /\/assets\/decode-[\w-]+\.js$/.test(r.url()) && decoders.push(r.url()));
      await page.goto('/');
      await expect(map(page)).toHaveAttribute('data-map-state', 'seat-at-the-table');
      await page.locator('section#nato-parallel [data-step]').last().scrollIntoViewIfNeeded();
      await expect(map(page)).toHaveAttribute('data-map-state', /^nato-/);
      await expect(map(page)).not.toHaveClass(/map-failed/);
      expect((await baseOf(map(page))).colours, 'the page painted the base').toBeGreaterThan(2);
      expect(await inEffect(), 'no worker decoded it').toBe(true);
      expect(decoders, 'the page loaded its decoder, once').toHaveLength(1);
      expect(errors).toEqual([]);
    });
  }

  test('when the page must decode and its decoder does not load (offline), the text stays, the map says so, and nothing throws', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => delete (window as { Worker?: unknown }).Worker);
    let blocked = 0;
    await page.route(/\/assets\/decode-[\w-]+\.js$/, (route) => (blocked++, route.abort('failed')));
    await page.goto('/embed/flurry/');
    await expect(map(page)).toHaveClass(/map-failed/);
    await expect(page.locator('[data-step]').first()).toContainText(/\w/);
    await expect(map(page).locator('.map-caption')).toContainText(/\w/);
    expect(blocked).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});

test.describe('no layout shift', () => {
  // Loading every page moves nothing: pages.spec.ts.
  test('scrolling the whole story moves nothing but the scroll', async ({ page }) => {
    await recordShifts(page);
    await page.goto('/');
    await expect(map(page)).toHaveAttribute('data-map-state', 'seat-at-the-table');
    const count = await page.locator('[data-step]').count();
    for (let i = 0; i < count; i++) {
      await page.evaluate((k) => scrollBy(0, document.querySelectorAll('[data-step]')[k].getBoundingClientRect().top - innerHeight * 0.4), i);
      await page.waitForTimeout(250);
    }
    expect(await shifts(page)).toEqual([]);
  });
});

test.describe('hostile URLs', () => {
  test.skip(({ isMobile }) => isMobile, 'one run is enough');
  const markup = '<img src=x onerror="window.pwned=true">';

  test('hashes and queries that are not known section ids change nothing, write nothing and throw nothing', async ({ page }) => {
    const consoleWatch = watchConsole(page);
    await page.addInitScript(() => ((window as unknown as { pwned: boolean }).pwned = false));
    const cases: [string, string][] = [
      [`/#${encodeURIComponent(markup)}`, 'seat-at-the-table'],
      ['/#%E0%A4%A', 'seat-at-the-table'], // a malformed escape: decodeURIComponent would throw
      ['/#__proto__', 'seat-at-the-table'],
      ['/#map', 'seat-at-the-table'], // an element id, not a section
      ['/#constructor', 'seat-at-the-table'],
      [`/?${encodeURIComponent(markup)}=1&id=${encodeURIComponent(markup)}#flurry`, 'flurry-wang-yi'],
      [`/slides.html#/${encodeURIComponent(markup)}`, 'seat-at-the-table'],
      ['/slides.html#/%E0%A4%A', 'seat-at-the-table'],
      ['/slides.html#/map', 'seat-at-the-table'],
      ['/slides.html#/99/99', 'seat-at-the-table'],
      [`/slides.html?${encodeURIComponent(markup)}#/flurry`, 'flurry-wang-yi'],
      [`/embed/flurry/?step=${encodeURIComponent(markup)}#${encodeURIComponent(markup)}`, 'flurry-wang-yi'],
    ];
    for (const [url, state] of cases) {
      await page.goto('about:blank');
      await page.goto(url);
      await expect(map(page), url).toHaveAttribute('data-map-state', state);
      expect(await page.locator('img:not(.map-static img), script:not([src])').count(), url).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { pwned: boolean }).pwned), url).toBe(false);
    }
    // A hostile hash set after load is ignored too, and the story still scrolls with its map.
    await page.goto('/');
    await page.evaluate((m) => (location.hash = m), markup);
    await page.evaluate(() => (location.hash = '%E0%A4%A'));
    await page.locator('section#flurry [data-step]').first().scrollIntoViewIfNeeded();
    await expect(map(page)).not.toHaveAttribute('data-map-state', 'seat-at-the-table');
    consoleWatch.expectNone();
  });
});
