import { expect, test, type Page } from '@playwright/test';
import { map, watchConsole } from './helpers';

/** Where the deck is: the present slide and the state its visible step asks for. */
const present = (page: Page) => page.locator('.reveal .slides > section.present');

interface Stop {
  slide: string;
  state: string | null;
}

/** Every stop of a keyboard walk, in order: one per step (the slide, then each fragment), one per cover slide. */
async function stopsOf(page: Page): Promise<Stop[]> {
  return page.locator('.reveal .slides > section').evaluateAll((slides) =>
    slides.flatMap((s): { slide: string; state: string | null }[] => {
      const steps = [...s.querySelectorAll<HTMLElement>('[data-step]')];
      return steps.length ? steps.map((step) => ({ slide: s.id, state: step.dataset.step! })) : [{ slide: s.id, state: null }];
    }),
  );
}

async function expectAt(page: Page, stop: Stop, how: string): Promise<void> {
  await expect(present(page), how).toHaveAttribute('id', stop.slide);
  if (!stop.state) return;
  await expect(map(page), how).toHaveAttribute('data-map-state', stop.state);
  // The words on screen are that step's: exactly one step is shown, and it is this one.
  await expect(present(page).locator('[data-step]:visible'), how).toHaveAttribute('data-step', stop.state);
}

test.describe('the deck at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });
  test.skip(({ isMobile }) => isMobile, 'the phone has its own test below');

  test('opens on a title slide that credits the article, with no console errors and nothing fetched off the site', async ({ page, baseURL }) => {
    const consoleWatch = watchConsole(page);
    const offSite: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(baseURL!) && !r.url().startsWith('data:')) offSite.push(r.url());
    });
    await page.goto('/slides.html');
    await expect(present(page)).toHaveAttribute('id', 'title');
    const credit = present(page).locator('.deck-credit');
    for (const text of ['Zhang Baohui', 'China must be part of Korean peace negotiations', 'South China Morning Post', '10 May 2018']) await expect(credit).toContainText(text);
    await expect(page.locator('.reveal')).toHaveClass(/ready/);
    // The map is drawn and waiting behind the title, so the first section opens at once.
    await expect(map(page)).toHaveAttribute('data-map-state', 'seat-at-the-table');
    expect(offSite).toEqual([]);
    consoleWatch.expectNone();
  });

  test('walking the whole deck by keyboard, the slide and the map follow every step, forwards and back', async ({ page }) => {
    test.setTimeout(180_000);
    const consoleWatch = watchConsole(page);
    await page.goto('/slides.html');
    await expect(page.locator('.reveal')).toHaveClass(/ready/);
    const stops = await stopsOf(page);
    expect(stops.filter((s) => s.state).length).toBeGreaterThanOrEqual(12);
    await expectAt(page, stops[0], 'start');
    for (let i = 1; i < stops.length; i++) {
      await page.keyboard.press('ArrowRight');
      await expectAt(page, stops[i], `forwards to stop ${i} (${stops[i].slide} ${stops[i].state ?? ''})`);
    }
    for (let i = stops.length - 2; i >= 0; i--) {
      await page.keyboard.press('ArrowLeft');
      await expectAt(page, stops[i], `back to stop ${i} (${stops[i].slide} ${stops[i].state ?? ''})`);
    }
    consoleWatch.expectNone();
  });

  test('every section has a slide with speaker notes, and the speaker view (S) shows them', async ({ page, request }) => {
    const sections = (await (await request.get('/sections.json')).json()) as { id: string }[];
    await page.goto('/slides.html#/flurry');
    const slides = page.locator('.reveal .slides > section.deck-section');
    expect(await slides.evaluateAll((els) => els.map((e) => e.id))).toEqual(sections.map((s) => s.id));
    for (const { id } of sections) {
      const notes = await page.locator(`section#${id} > aside.notes`).textContent();
      expect(notes?.trim().length, `notes of ${id}`).toBeGreaterThan(40);
    }
    await expect(present(page)).toHaveAttribute('id', 'flurry');
    const [speaker] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
    const expected = (await page.locator('section#flurry > aside.notes li').first().textContent())!.trim();
    await expect(speaker.locator('.speaker-controls-notes .value')).toContainText(expected.slice(0, 40));
    await speaker.close();
  });

  test('the speaker notes code comes when a presenter asks (S), and a speaker view open across a reload reconnects', async ({ page }) => {
    // Its code (and its markdown parser) is not part of the deck's start: fetched on S, not before.
    const fetched: string[] = [];
    page.on('request', (r) => void (/\/assets\/notes-[^/]*\.js$/.test(new URL(r.url()).pathname) && fetched.push(r.url())));
    await page.goto('/slides.html#/flurry');
    await expect(map(page)).toHaveAttribute('data-map-state', /./);
    await page.waitForLoadState('networkidle');
    expect(fetched, 'notes code before S').toEqual([]);
    const [speaker] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
    expect(fetched.length, 'notes code after S').toBe(1);
    const notesOf = async (id: string) => (await page.locator(`section#${id} > aside.notes li`).first().textContent())!.trim().slice(0, 40);
    const value = speaker.locator('.speaker-controls-notes .value');
    await expect(value).toContainText(await notesOf('flurry'));
    // The presenter reloads the deck: the speaker view's heartbeat brings the plugin back, and it follows the deck again.
    await page.reload();
    await expect(present(page)).toHaveAttribute('id', 'flurry');
    await page.waitForTimeout(2500); // two heartbeats: one loads the plugin, the next reconnects it
    // On to the next slide (past flurry's fragments): the speaker view shows that slide's notes.
    for (let i = 0; i < 10 && (await present(page).getAttribute('id')) === 'flurry'; i++) await page.keyboard.press('ArrowRight');
    const next = (await present(page).getAttribute('id'))!;
    expect(next).not.toBe('flurry');
    await expect(value).toContainText(await notesOf(next));
    await speaker.close();
  });

  test('every section deep link (/slides.html#/<id>) opens that slide with its map', async ({ page }) => {
    const consoleWatch = watchConsole(page);
    await page.goto('/slides.html');
    const stops = await stopsOf(page);
    const firstOf = new Map<string, string>();
    for (const s of stops) if (s.state && !firstOf.has(s.slide)) firstOf.set(s.slide, s.state);
    for (const [id, state] of firstOf) {
      await page.goto(`/slides.html#/${id}`);
      await page.reload();
      await expectAt(page, { slide: id, state }, `/slides.html#/${id}`);
    }
    consoleWatch.expectNone();
  });

  test('a hostile hash changes nothing and runs nothing', async ({ page }) => {
    await page.addInitScript(() => {
      (window as unknown as { pwned: boolean }).pwned = false;
    });
    await page.goto('/slides.html#/%3Cimg%20src%3Dx%20onerror%3D%22window.pwned%3Dtrue%22%3E');
    await expect(present(page)).toHaveAttribute('id', 'title');
    expect(await page.evaluate(() => (window as unknown as { pwned: boolean }).pwned)).toBe(false);
    expect(await page.locator('img').count()).toBe(0);
  });

  test('?print-pdf prints a page per step, each with a map in its own step’s state', async ({ page, request }) => {
    test.setTimeout(120_000);
    const sections = (await (await request.get('/sections.json')).json()) as { id: string }[];
    await page.goto('/slides.html');
    const steps = (await stopsOf(page)).filter((s) => s.state).map((s) => s.state);
    const consoleWatch = watchConsole(page);
    await page.goto('/slides.html?print-pdf');
    const pages = page.locator('.pdf-page');
    await expect(pages.first()).toBeAttached();
    const withMap = page.locator('.pdf-page:has(.deck-print-map)');
    await expect(withMap.first()).toBeAttached();
    const count = await withMap.count();
    await expect(page.locator('.pdf-page .deck-print-map[data-map-state]')).toHaveCount(count, { timeout: 30_000 });
    const printed = await withMap.evaluateAll((els) =>
      els.map((el) => {
        const shown = [...el.querySelectorAll<HTMLElement>('[data-step]')].filter((s) => getComputedStyle(s).display !== 'none');
        const figure = el.querySelector<HTMLElement>('.deck-print-map')!;
        return {
          section: el.querySelector('section')!.id,
          shown: shown.map((s) => s.dataset.step),
          map: figure.dataset.mapState,
          countries: figure.querySelectorAll('path.country').length,
        };
      }),
    );
    for (const p of printed) {
      expect(p.shown, `one step on a page of ${p.section}`).toHaveLength(1);
      expect(p.map, `the map of a page of ${p.section}`).toBe(p.shown[0]);
      expect(p.countries, `countries drawn on a page of ${p.section}`).toBeGreaterThan(0);
    }
    // One page per step, in the talk's order: each fragment step has its own page.
    expect(printed.map((p) => p.map)).toEqual(steps);
    expect(new Set(printed.map((p) => p.section))).toEqual(new Set(sections.map((s) => s.id)));

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pdfPages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
    expect(pdfPages).toBeGreaterThanOrEqual(sections.length + 2);
    expect(pdfPages).toBe(await pages.count());
    // The live map (hidden in print) never starts: a printed deck has no slide to follow.
    expect(await page.locator('#map').getAttribute('data-map-target')).toBeNull();
    consoleWatch.expectNone();
  });

  test('the scroll page loads no reveal.js code; the deck does', async ({ page }) => {
    const marker = /reveal-viewport|slidechanged|fragmentshown/;
    const load = async (url: string) => {
      const bodies: { url: string; hasReveal: boolean }[] = [];
      const pending: Promise<void>[] = [];
      page.on('response', (r) => {
        // A 304 (cached from the page before) has no body; its first load was already read.
        // A body the browser no longer holds (a preloaded module, read after the next navigation) is fetched again.
        const text = (): Promise<string> => r.text().catch(() => page.request.get(r.url()).then((again) => again.text()));
        if (r.status() === 200 && /\.(js|css|mjs)(\?|$)/.test(r.url())) pending.push(text().then((t) => void bodies.push({ url: r.url(), hasReveal: marker.test(t) || /reveal/i.test(r.url()) })));
      });
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      await Promise.all(pending);
      page.removeAllListeners('response');
      return bodies;
    };
    const scroll = await load('/');
    expect(scroll.length).toBeGreaterThan(0);
    expect(scroll.filter((b) => b.hasReveal).map((b) => b.url)).toEqual([]);
    const deck = await load('/slides.html');
    expect(deck.some((b) => b.hasReveal)).toBe(true);
  });

  test('the modes link to each other: "Present this" from the scroll page, "Read as a story" from the deck', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: /present this/i }).click();
    await expect(page).toHaveURL(/\/slides\.html/);
    await expect(present(page)).toHaveAttribute('id', 'title');
    await page.goto('/slides.html#/panmunjom');
    await expect(present(page)).toHaveAttribute('id', 'panmunjom');
    await page.locator('.deck-story-link').click();
    await expect(page).toHaveURL(/\/#panmunjom$/);
    await expect(page.locator('section#panmunjom')).toBeVisible();
  });

  test('screen readers: no application role, the announcer reads each step, every step carries its map’s description', async ({ page }) => {
    await page.goto('/slides.html#/flurry');
    await expect(present(page)).toHaveAttribute('id', 'flurry');
    await expect(page.locator('[role="application"]')).toHaveCount(0);
    const steps = page.locator('.deck-section [data-step]');
    const texts = await steps.evaluateAll((els) => els.map((e) => e.querySelector('.deck-step-map-text')?.textContent ?? ''));
    for (const t of texts) expect(t).toMatch(/^Map: .{40,}/);
    await page.keyboard.press('ArrowRight');
    const fragment = present(page).locator('[data-step].current-fragment');
    await expect(fragment).toHaveAttribute('data-step', 'flurry-call');
    // Its opening words (reveal.js rejoins text around links with spaces, so not the whole paragraph).
    const words = (await fragment.locator('.deck-step-body').textContent())!.trim().split(' ').slice(0, 3).join(' ');
    await expect(page.locator('.reveal .aria-status')).toContainText(words);
    await expect(page.locator('.reveal .aria-status')).toContainText('Map: ');
  });

  test('O opens the overview and Esc closes it; the map steps aside meanwhile and returns in its state', async ({ page }) => {
    await page.goto('/slides.html#/locked-out');
    await expect(map(page)).toHaveAttribute('data-map-state', 'locked-out');
    await expect(map(page)).toBeVisible();
    await page.keyboard.press('o');
    await expect(page.locator('.reveal')).toHaveClass(/overview/);
    await expect(map(page)).toBeHidden();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Escape');
    await expect(page.locator('.reveal')).not.toHaveClass(/overview/);
    await expect(present(page)).toHaveAttribute('id', 'divided-alliances');
    await expect(map(page)).toHaveAttribute('data-map-state', 'divided-alliances');
    await expect(map(page)).toBeVisible();
  });

  test('at 1920×1080 the slide scales up, map and words alike, and the map stays beside the words', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto('/slides.html#/divided-alliances');
    await expect(map(page)).toHaveAttribute('data-map-state', 'divided-alliances');
    const layout = await page.evaluate(() => {
      const text = document.querySelector('section.present .deck-step-body p')!;
      const words = document.querySelector('section.present .deck-steps')!.getBoundingClientRect();
      const figure = document.querySelector('#map')!.getBoundingClientRect();
      const label = document.querySelector('#map .label')!.getBoundingClientRect();
      return { font: parseFloat(getComputedStyle(text).fontSize) * text.getBoundingClientRect().width / (text as HTMLElement).offsetWidth, wordsRight: words.right, mapLeft: figure.left, mapWidth: figure.width, labelHeight: label.height };
    });
    expect(layout.font).toBeGreaterThanOrEqual(34); // 24 px on the 1280×720 slide, scaled 1.5×
    expect(layout.wordsRight).toBeLessThanOrEqual(layout.mapLeft);
    expect(layout.mapWidth).toBeGreaterThanOrEqual(1000);
    expect(layout.labelHeight).toBeGreaterThanOrEqual(20);
  });
});

test.describe('the deck on a phone', () => {
  test.skip(({ isMobile }) => !isMobile, 'phone project only');

  test('keeps the deck (no scroll view), shows the map above the words, and the map follows a swipe', async ({ page }) => {
    const consoleWatch = watchConsole(page);
    await page.goto('/slides.html#/flurry');
    await expect(map(page)).toHaveAttribute('data-map-state', 'flurry-wang-yi');
    await expect(page.locator('body')).not.toHaveClass(/reveal-scroll/);
    const box = await page.evaluate(() => ({
      map: document.querySelector('#map')!.getBoundingClientRect().toJSON(),
      drawing: document.querySelector('#map svg')!.getBoundingClientRect().toJSON(),
      words: document.querySelector('section.present .deck-steps')!.getBoundingClientRect().toJSON(),
      width: innerWidth,
    }));
    expect(box.map.bottom).toBeLessThanOrEqual(box.words.top);
    expect(box.map.width).toBeGreaterThanOrEqual(box.width * 0.9);
    // The key waits behind its button, so the drawing keeps most of the map's part of the slide (a strip, before).
    await expect(page.locator('#map .map-key')).not.toHaveAttribute('open', /.*/);
    expect(box.drawing.height, 'the drawing, not the key, fills the map area').toBeGreaterThan(box.map.height * 0.7);
    // A swipe to the left is "next": the first fragment. (reveal.js reads touches as pointer events.)
    await page.evaluate(() => {
      const target = document.querySelector('.reveal')!;
      const swipe = (type: string, x: number) =>
        target.dispatchEvent(new PointerEvent(type, { pointerType: 'touch', pointerId: 7, isPrimary: true, clientX: x, clientY: 600, bubbles: true, cancelable: true }));
      swipe('pointerdown', 300);
      swipe('pointermove', 200);
      swipe('pointermove', 100);
      swipe('pointerup', 100);
    });
    await expect(map(page)).toHaveAttribute('data-map-state', 'flurry-call');
    consoleWatch.expectNone();
  });
});
