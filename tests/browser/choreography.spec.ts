import { expect, test, type Page } from '@playwright/test';
import { baseOf, map, parseFills, random, scrollStill, scrollToStep, stepsOf, watchConsole } from './helpers';


/**
 * Scrolls to the step before `state`, then to `state`, with the page's clock stopped; then runs the clock a frame
 * (16 ms) at a time until the map says it shows `state`, and returns in how many of those frames the map's SVG
 * changed. The page's time is Playwright's, so the count depends on the transition, not on how loaded the machine
 * is (the worker painting the base answers in real time: each frame waits for its picture). The page must have been
 * opened after `page.clock.install()`; its time flows again afterwards.
 */
async function framesDrawnArrivingAt(page: Page, state: string): Promise<number> {
  const steps = await stepsOf(page);
  const i = steps.findIndex((s) => s.state === state);
  await scrollToStep(page, i - 1);
  await expect(map(page)).toHaveAttribute('data-map-state', steps[i - 1].state);
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
  await page.evaluate(() => {
    const w = window as unknown as { __drawn: boolean };
    w.__drawn = false;
    // What the picture shows changed (the defs, where styles are looked up, are not the picture).
    new MutationObserver((records) => records.some((r) => !(r.target as Element).closest('defs')) && (w.__drawn = true)).observe(document.querySelector('#map svg')!, { subtree: true, childList: true, attributes: true });
  });
  await scrollToStep(page, i);
  const read = () =>
    page.evaluate(() => {
      const w = window as unknown as { __drawn: boolean };
      const drawn = w.__drawn;
      w.__drawn = false;
      return { changed: drawn, shown: document.getElementById('map')!.dataset.mapState };
    });
  let frames = 0;
  for (let n = 0; n < 500; n++) {
    await page.clock.runFor(16);
    // The frame's base is painted by the map's worker, in real time: its picture (and the overlay with it) is given
    // up to 200 ms of that to arrive before the next frame, so a frame is never missed for the worker being slow.
    let { changed, shown } = await read();
    for (let wait = 0; !changed && wait < 20; wait++) {
      await page.waitForTimeout(10);
      ({ changed, shown } = await read());
    }
    if (changed) frames++;
    if (shown === state) {
      await page.clock.resume(); // the page's time flows again for whatever the test does next
      return frames;
    }
  }
  throw new Error(`the map did not show ${state} within 8 s of the page's time`);
}

type Action = (page: Page, next: () => number) => Promise<void>;

const actions: Record<string, Action> = {
  async flick(page, next) {
    const direction = next() < 0.5 ? -1 : 1;
    for (let i = 0; i < 3 + Math.floor(next() * 5); i++) await page.mouse.wheel(0, direction * (300 + next() * 1500));
  },
  async scrollbarJump(page, next) {
    await page.evaluate((f) => scrollTo(0, f * (document.documentElement.scrollHeight - innerHeight)), next());
  },
  async pageDownHeld(page, next) {
    const key = next() < 0.7 ? 'PageDown' : 'PageUp';
    for (let i = 0; i < 2 + Math.floor(next() * 6); i++) await page.keyboard.press(key);
  },
  async homeOrEnd(page, next) {
    await page.keyboard.press(next() < 0.5 ? 'Home' : 'End');
  },
  async resizeMidTransition(page, next) {
    const size = page.viewportSize()!;
    await page.mouse.wheel(0, (next() < 0.5 ? -1 : 1) * 900);
    await page.setViewportSize({ width: Math.round(size.width * (0.7 + next() * 0.3)), height: size.height });
    await page.setViewportSize(size);
  },
  async reload(page) {
    await page.reload();
    await page.waitForLoadState('load');
  },
};

async function chaosRounds(page: Page, seed: number, rounds: number): Promise<void> {
  const watch = watchConsole(page);
  const next = random(seed);
  await page.goto('/');
  await page.locator('body').click({ position: { x: 5, y: 5 } }); // keyboard focus on the page
  const steps = await stepsOf(page);
  const names = Object.keys(actions);
  for (let round = 0; round < rounds; round++) {
    const done: string[] = [];
    for (let k = 0; k < 1 + Math.floor(next() * 3); k++) {
      const name = names[Math.floor(next() * names.length)];
      done.push(name);
      await actions[name](page, next);
    }
    // Land on a random step, mid-way, while map transitions the chaos started may still be in flight
    // (the browser's own smooth scrolling is let finish first, or it would carry the page past the step).
    const target = Math.floor(next() * steps.length);
    await scrollStill(page);
    await scrollToStep(page, target);
    await scrollStill(page);
    await expect(map(page), `seed ${seed}, round ${round} (${done.join(', ')}) → step ${target}`).toHaveAttribute('data-map-state', steps[target].state, { timeout: 6000 });
  }
  watch.expectNone();
}

test.describe('however the reader scrolls, the map ends in the state of the step in view', () => {
  // Each seed's rounds take about half a minute: one seed on each layout, one on both (CI must stay under 20 minutes;
  // reading.spec.ts's random jumps cover both layouts too).
  const seeds: [number, string | null][] = [
    [11, 'desktop'],
    [29, 'phone'],
    [47, null],
  ];
  for (const [seed, only] of seeds) {
    test(`random scrolling, seed ${seed}`, async ({ page }, info) => {
      test.skip(only !== null && info.project.name !== only, `seed ${seed} runs on the ${only} layout`);
      test.setTimeout(120_000);
      await chaosRounds(page, seed, 12);
    });
  }
});

test('a progression follows the reader’s position, forwards and backwards', async ({ page }) => {
  await page.goto('/');
  const steps = await stepsOf(page);
  const i = steps.findIndex((s) => s.state === 'nato-expansion');
  await scrollToStep(page, i);
  await expect(map(page)).toHaveAttribute('data-map-state', 'nato-expansion');
  await expect(page.locator('#map .year-counter')).toHaveText('2017');
  // Back to the start of the step: the waves after 1982 un-fill and the counter runs back. Read in the frames drawn
  // while the reader is still there, before the idle read: where scrolling stops, the picture finishes again (by design).
  const { year, fills } = await page.evaluate(async (k) => {
    const step = document.querySelectorAll('[data-step]')[k];
    const rect = step.getBoundingClientRect();
    scrollTo(0, scrollY + rect.top + rect.height * 0.12 - innerHeight * Number(document.documentElement.dataset.readingLine));
    // The counter and the fills read in one go, from the same drawn frame: the first frame whose counter ran back
    // (the base, and the overlay with it, may take a frame or two to come from the map's worker).
    const figure = document.getElementById('map')!;
    const read = () => ({ year: Number(figure.querySelector('.year-counter')!.textContent), fills: figure.querySelector<HTMLElement>('canvas.map-base')!.dataset.fills });
    for (let n = 0; n < 30 && read().year === 2017; n++) await new Promise(requestAnimationFrame);
    return read();
  }, i);
  const nato = parseFills(fills).filter((f) => f.role === 'nato').flatMap((f) => f.ids);
  expect(year).toBeGreaterThanOrEqual(1982);
  expect(year).toBeLessThan(2017);
  expect(nato).not.toContain('499'); // Montenegro, 2017
  expect(nato).toContain('056'); // Belgium, 1949
});

test('a step change animates over several frames with motion on', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await page.clock.install();
  await page.goto('/');
  // A cut draws one frame (below); a transition lasts at least 450 ms, about 28 frames of the page's clock.
  expect(await framesDrawnArrivingAt(page, 'locked-out')).toBeGreaterThan(20);
});

test('a reader flinging past the steps sees each step’s picture at once; the map lands on the step where they stop', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await page.goto('/');
  await expect(map(page)).toHaveAttribute('data-map-state', 'seat-at-the-table');
  const steps = await stepsOf(page);
  const last = steps.findIndex((s) => s.state === 'nato-cold-war');
  // A fling, as a phone's compositor scrolls one: a long way in every frame, a scroll event each frame. Every draw
  // (the map writes its camera at each) is counted against the target it was drawn for.
  const draws = await page.evaluate(async (k) => {
    const root = document.getElementById('map')!;
    const count: Record<string, number> = {};
    const observer = new MutationObserver(() => (count[root.dataset.mapTarget!] = (count[root.dataset.mapTarget!] ?? 0) + 1));
    observer.observe(root, { attributes: true, attributeFilter: ['data-map-camera'] });
    const stop = document.querySelectorAll('[data-step]')[k].getBoundingClientRect().top + scrollY - innerHeight * Number(document.documentElement.dataset.readingLine) + 40;
    for (let n = 0; n < 1000 && scrollY < stop - 1; n++) {
      scrollTo({ top: Math.min(stop, scrollY + 160), behavior: 'instant' });
      await new Promise(requestAnimationFrame);
    }
    await new Promise((r) => setTimeout(r, 1500));
    observer.disconnect();
    return count;
  }, last);
  await expect(map(page)).toHaveAttribute('data-map-state', 'nato-cold-war');
  const passed = steps.slice(1, last + 1).map((s) => s.state);
  expect(Object.keys(draws).filter((id) => id !== 'seat-at-the-table'), 'every step passed was the target').toEqual(passed.filter((id, i) => passed.indexOf(id) === i));
  // A flight draws a frame for each of at least 450 ms (about 27); a cut draws once (a base arriving late, once more).
  for (const [id, n] of Object.entries(draws)) expect(n, `${id}: drawn ${n} times`).toBeLessThanOrEqual(3);
});

test('a flight begun while the reader paused lands at once when they fling on before it could land', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  // The page's time is Playwright's: the reader's speed and the flight's frames are counted in it, not the machine's.
  await page.clock.install();
  await page.goto('/');
  await expect(map(page)).toHaveAttribute('data-map-state', 'seat-at-the-table');
  const steps = await stepsOf(page);
  const k = steps.findIndex((s) => s.state === 'no-pullout');
  await scrollToStep(page, k - 1);
  await expect(map(page)).toHaveAttribute('data-map-state', steps[k - 1].state);
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
  await page.evaluate(() => {
    const root = document.getElementById('map')!;
    const w = window as unknown as { __cameras: string[] };
    w.__cameras = [];
    new MutationObserver(() => root.dataset.mapTarget === 'no-pullout' && w.__cameras.push(root.dataset.mapCamera!)).observe(root, { attributes: true, attributeFilter: ['data-map-camera'] });
  });
  /** Scrolls to `top` (px), waits for the page's scroll event, then runs the page's clock one frame. */
  const scrollFrame = async (top: number) => {
    await page.evaluate((top) => new Promise((r) => (addEventListener('scroll', r, { once: true }), scrollTo({ top, behavior: 'instant' }))), top);
    await page.clock.runFor(16);
  };
  const { at, to } = await page.evaluate((k) => {
    const line = innerHeight * Number(document.documentElement.dataset.readingLine);
    const top = (j: number) => document.querySelectorAll('[data-step]')[j].getBoundingClientRect().top + scrollY - line;
    return { at: top(k) + 2, to: top(k + 1) + 40 };
  }, k);
  // A jump onto the step (no speed known: a flight begins, as after a pause, or a frame slower than a continuous
  // scroll's), three frames of it, then a fling on at 60 px a frame to the next step: sooner than the flight lands.
  await scrollFrame(at);
  await page.clock.runFor(48);
  const flew = await page.evaluate(() => (window as unknown as { __cameras: string[] }).__cameras.length);
  for (let y = at + 60; y < to; y += 60) await scrollFrame(Math.min(y, to));
  await scrollFrame(to);
  await page.clock.runFor(1000);
  const cameras = await page.evaluate(() => (window as unknown as { __cameras: string[] }).__cameras);
  await expect(map(page)).toHaveAttribute('data-map-state', steps[k + 1].state);
  expect(flew, 'the jump began a flight').toBeGreaterThanOrEqual(2);
  expect((to - at) / 60, 'the fling is shorter than a flight (450 ms, 28 frames)').toBeLessThan(24);
  // Each draw writes the camera. The flight's first frames, a few more while the reader's speed is measured, then one
  // cut to its end (a base arriving late, once more) — not a frame in every frame of the fling.
  expect(cameras.length, `drawn ${cameras.length} times, ${flew} of them before the fling`).toBeLessThanOrEqual(flew + 6);
});

test('a picture still on its way when the reader moves on never claims its state for the new target', async ({ page, isMobile }) => {
  test.skip(isMobile, 'the map’s logic, not its layout: one run is enough');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  // The worker's pictures are held on their way to the page until the test lets them through.
  await page.addInitScript(() => {
    const w = window as unknown as { __hold: boolean; __held: (() => void)[]; __states: string[] };
    w.__hold = false;
    w.__held = [];
    const add = Worker.prototype.addEventListener as (this: Worker, type: string, listener: (event: MessageEvent) => void) => void;
    (Worker.prototype as unknown as { addEventListener: typeof add }).addEventListener = function (type, listener) {
      if (type !== 'message') return add.call(this, type, listener);
      add.call(this, type, (event) => {
        if (w.__hold && (event.data as { paint?: number } | null)?.paint) w.__held.push(() => listener.call(this, event));
        else listener.call(this, event);
      });
    };
  });
  await page.clock.install();
  await page.goto('/');
  const steps = await stepsOf(page);
  const i = steps.findIndex((s) => s.state === 'divided-alliances');
  expect(steps[i + 1].state).toBe('after-reconciliation'); // a progression: its first draw waits for a frame
  await scrollToStep(page, i - 1);
  await expect(map(page)).toHaveAttribute('data-map-state', steps[i - 1].state);
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
  await page.evaluate(() => {
    const w = window as unknown as { __hold: boolean; __states: string[] };
    w.__hold = true;
    w.__states = [];
    const root = document.getElementById('map')!;
    new MutationObserver(() => w.__states.push(root.dataset.mapState!)).observe(root, { attributes: true, attributeFilter: ['data-map-state'] });
  });
  await scrollToStep(page, i);
  await expect(map(page)).toHaveAttribute('data-map-target', 'divided-alliances');
  await page.clock.runFor(2000); // the whole transition is drawn; its pictures are held
  await scrollToStep(page, i + 1, 0.05);
  await expect(map(page)).toHaveAttribute('data-map-target', 'after-reconciliation');
  // The transition's pictures come through now, the last of them after the new target was asked for, while the
  // stopped clock gives the new target no frame to draw in.
  await page.evaluate(() => {
    const w = window as unknown as { __hold: boolean; __held: (() => void)[] };
    w.__hold = false;
    for (const release of w.__held.splice(0)) release();
  });
  await page.waitForTimeout(600);
  expect(await page.evaluate(() => (window as unknown as { __states: string[] }).__states)).toEqual([]);
  await page.clock.resume();
  await expect(map(page)).toHaveAttribute('data-map-state', 'after-reconciliation');
});

test('the next step’s picture is painted ahead while the reader reads: a cut to it does not wait for the worker', async ({ page, isMobile }) => {
  test.skip(isMobile, 'the map’s logic, not its layout: one run is enough');
  await page.emulateMedia({ reducedMotion: 'reduce' }); // every change a cut: one picture, at rest
  // Records each picture the page asks of the map's worker (with the map's target then), and counts those sent back.
  await page.addInitScript(() => {
    const w = window as unknown as { __asked: string[]; __pictures: number };
    w.__asked = [];
    w.__pictures = 0;
    const post = Worker.prototype.postMessage as (this: Worker, message: unknown, options?: unknown) => void;
    (Worker.prototype as unknown as { postMessage: typeof post }).postMessage = function (message, options) {
      if (message && typeof message === 'object' && 'paint' in message) w.__asked.push(document.getElementById('map')?.dataset.mapTarget ?? '');
      return post.call(this, message, options);
    };
    const add = Worker.prototype.addEventListener as (this: Worker, type: string, listener: (event: MessageEvent) => void) => void;
    (Worker.prototype as unknown as { addEventListener: typeof add }).addEventListener = function (type, listener) {
      if (type !== 'message') return add.call(this, type, listener);
      add.call(this, type, (event) => {
        if ((event.data as { bitmap?: unknown } | null)?.bitmap) w.__pictures++;
        listener.call(this, event);
      });
    };
  });
  const pictures = () =>
    page.evaluate(() => {
      const w = window as unknown as { __asked: string[]; __pictures: number };
      return { asked: w.__asked, back: w.__pictures };
    });
  await page.goto('/');
  const steps = await stepsOf(page);
  // From Europe's NATO map to the DMZ: a different base altogether, so nothing already on the canvas serves.
  const i = steps.findIndex((s) => s.state === 'panmunjom');
  expect(steps[i - 1].state).toBe('nato-after-article');
  await scrollToStep(page, i - 1);
  await expect(map(page)).toHaveAttribute('data-map-state', steps[i - 1].state);
  // While the reader reads, a second picture is asked for (the first was this step's own), and comes back.
  await expect
    .poll(
      async () => {
        const { asked, back } = await pictures();
        return asked.filter((t) => t === 'nato-after-article').length >= 2 && back === asked.length;
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  await page.evaluate(() => {
    const w = window as unknown as { __asked: string[]; __before: number; __settled: number[] };
    w.__before = w.__asked.length;
    w.__settled = [];
    const root = document.getElementById('map')!;
    new MutationObserver(() => root.dataset.mapState === 'panmunjom' && w.__settled.push(w.__asked.length)).observe(root, { attributes: true, attributeFilter: ['data-map-state'] });
  });
  await scrollToStep(page, i);
  await expect(map(page)).toHaveAttribute('data-map-state', 'panmunjom');
  // Nothing was asked of the worker between the step and its picture settling (the step after it has its own picture
  // asked for ahead in turn, later, in an idle moment).
  const { before, settled } = await page.evaluate(() => {
    const w = window as unknown as { __before: number; __settled: number[] };
    return { before: w.__before, settled: w.__settled };
  });
  expect(settled).toEqual([before]);
  // And it is the picture the worker paints when asked at the moment: the same pixels as another page's, jumping there.
  const pixels = (p: Page) =>
    map(p)
      .locator('canvas.map-base')
      .evaluate((canvas: HTMLCanvasElement) => {
        const copy = document.createElement('canvas');
        [copy.width, copy.height] = [canvas.width, canvas.height];
        const context = copy.getContext('2d', { willReadFrequently: true })!;
        context.drawImage(canvas, 0, 0);
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        let hash = 0;
        for (let k = 0; k < data.length; k += 4 * 97) hash = (Math.imul(hash, 31) + ((data[k] << 16) | (data[k + 1] << 8) | data[k + 2])) | 0;
        return `${canvas.width}×${canvas.height} ${hash}`;
      });
  const other = await page.context().newPage();
  await other.emulateMedia({ reducedMotion: 'reduce' });
  await other.goto('/');
  await scrollToStep(other, i);
  await expect(map(other)).toHaveAttribute('data-map-state', 'panmunjom');
  expect(await pixels(page)).toBe(await pixels(other));
  await other.close();
});

test.describe('with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('states change by a cut, in one drawn frame, and progressions show their final picture', async ({ page, isMobile }) => {
    await page.clock.install();
    await page.goto('/');
    expect(await framesDrawnArrivingAt(page, 'locked-out')).toBe(1);

    const steps = await stepsOf(page);
    const nato = steps.findIndex((s) => s.state === 'nato-expansion');
    await scrollToStep(page, nato, 0.05);
    await expect(map(page)).toHaveAttribute('data-map-state', 'nato-expansion');
    await expect(page.locator('#map .year-counter')).toHaveText('2017');
    // Beside the map the table shows; a phone's card folds it under its summary, which opens it.
    if (isMobile) {
      await expect(page.locator('table.nato-table')).toBeHidden();
      await page.locator('.data-details > summary').click();
    }
    await expect(page.locator('table.nato-table')).toBeVisible();
    await expect(page.locator('table.nato-table tbody tr')).toHaveCount(11);
  });

  test('the motion toggle says motion is off, and turning it on is remembered', async ({ page }) => {
    await page.goto('/');
    const toggle = page.locator('#map .motion-toggle');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await page.reload();
    await expect(page.locator('#map .motion-toggle')).toHaveAttribute('aria-pressed', 'true');
  });
});

test('turning motion off makes later changes cuts', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await page.clock.install();
  await page.goto('/');
  await page.locator('#map .motion-toggle').click();
  await expect(page.locator('#map .motion-toggle')).toHaveAttribute('aria-pressed', 'false');
  expect(await framesDrawnArrivingAt(page, 'divided-alliances')).toBe(1);
});

test('a map with no size yet settles only once it is shown and drawn', async ({ page }) => {
  // A hidden map (a collapsed panel, a background tab's layout) cannot draw: it must not claim a state.
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.id = 'hide-map';
      style.textContent = '#map svg { display: none !important; }';
      document.head.append(style);
    });
  });
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  await expect(map(page)).not.toHaveAttribute('data-map-state', /.+/);
  await page.evaluate(() => document.getElementById('hide-map')!.remove());
  await expect(map(page)).toHaveAttribute('data-map-state', 'seat-at-the-table');
  // Its base is painted: sea, land and the fills show in the canvas's pixels.
  await expect.poll(async () => (await baseOf(map(page))).colours).toBeGreaterThan(2);
});

test('the reading line moves with the layout when the window crosses from wide to narrow', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  const steps = await stepsOf(page);
  await scrollToStep(page, 4);
  await expect(map(page)).toHaveAttribute('data-map-state', steps[4].state);
  await page.setViewportSize({ width: 390, height: 844 }); // the phone layout: the reading line moves
  for (const i of [7, 9, 6]) {
    await scrollToStep(page, i);
    await expect(map(page), `step ${i} after the switch`).toHaveAttribute('data-map-state', steps[i].state);
  }
});
