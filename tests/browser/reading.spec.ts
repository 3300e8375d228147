import { expect, test, type Page } from '@playwright/test';
import { map, random, scrollStill, scrollToStep, stepByRule, stepsOf, watchConsole } from './helpers';

/**
 * One rule decides the step being read: the last step whose top has passed the reading line (a gap belongs to
 * the step above; above the first step, the first step). These tests compute it from the page's own geometry —
 * getBoundingClientRect of [data-step] and <html data-reading-line> — and hold the map to it after every kind of
 * jump a reader makes.
 */


/** Watches the contract: whenever data-map-state changes, it names the state data-map-target names. */
async function watchContract(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { contractBroken: string[] };
    w.contractBroken = [];
    addEventListener('DOMContentLoaded', () => {
      const root = document.getElementById('map')!;
      new MutationObserver(() => {
        if (root.dataset.mapState && root.dataset.mapState !== root.dataset.mapTarget) w.contractBroken.push(`state ${root.dataset.mapState} while target ${root.dataset.mapTarget}`);
      }).observe(root, { attributes: true, attributeFilter: ['data-map-state'] });
    });
  });
}
const contractBroken = (page: Page) => page.evaluate(() => (window as unknown as { contractBroken: string[] }).contractBroken);

/** The section the address names ('' for none). */
const addressOf = (page: Page) => page.evaluate(() => location.hash.slice(1));

/** The section the address should name: the rule's step's section, none while the first step's top is below the line. */
const sectionByRule = async (page: Page): Promise<string> => {
  const rule = await stepByRule(page);
  return page.evaluate((i) => {
    const steps = document.querySelectorAll<HTMLElement>('[data-step]');
    const line = innerHeight * Number(document.documentElement.dataset.readingLine);
    return steps[0].getBoundingClientRect().top > line + 1 ? '' : steps[i].dataset.section!;
  }, rule.index);
};

/** Waits for the page to stop scrolling, then holds the map to the rule; returns where the reading line was. */
async function expectMapMatchesRule(page: Page, what: string): Promise<{ inGap: boolean; textAbove: boolean }> {
  await scrollStill(page);
  await page.waitForTimeout(200); // past the model's idle read
  const rule = await stepByRule(page);
  await expect(map(page), `${what}: data-map-target`).toHaveAttribute('data-map-target', rule.state, { timeout: 2000 });
  await expect(map(page), `${what}: data-map-state`).toHaveAttribute('data-map-state', rule.state, { timeout: 6000 });
  // The page did not move meanwhile, so the rule still gives the same step.
  expect((await stepByRule(page)).state, `${what}: still`).toBe(rule.state);
  await expect(page.locator('[data-step].is-active'), `${what}: the active step`).toHaveAttribute('data-step', rule.state);
  await expect.poll(() => addressOf(page), `${what}: the address`).toBe(await sectionByRule(page));
  return page.evaluate((i) => {
    const line = innerHeight * Number(document.documentElement.dataset.readingLine);
    const r = document.querySelectorAll('[data-step]')[i].getBoundingClientRect();
    return { inGap: r.bottom < line, textAbove: r.top < line - 40 };
  }, rule.index);
}

test('<html> carries the reading line of the current layout', async ({ page, isMobile }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-reading-line', isMobile ? '0.6' : '0.5');
  await page.setViewportSize(isMobile ? { width: 844, height: 390 } : { width: 700, height: 900 });
  await expect(page.locator('html')).toHaveAttribute('data-reading-line', isMobile ? '0.5' : '0.6');
});

test('after 25+ random jumps, flings, keys, resizes, rotations and history moves, the map shows the step the rule gives', async ({ page }) => {
  test.setTimeout(240_000);
  const consoleWatch = watchConsole(page);
  await watchContract(page);
  const next = random(2018);
  await page.goto('/');
  await page.locator('.masthead h1').click(); // keyboard focus on the page, not on a control
  const steps = await stepsOf(page);
  let gaps = 0;
  let above = 0;
  const check = async (what: string) => {
    const where = await expectMapMatchesRule(page, what);
    if (where.inGap) gaps++;
    if (where.textAbove) above++;
  };

  for (let k = 0; k < 26; k++) {
    const f = next();
    await page.evaluate((x) => scrollTo(0, x * (document.documentElement.scrollHeight - innerHeight)), f);
    await check(`jump ${k} to ${f.toFixed(3)}`);
  }
  const size = page.viewportSize()!;
  const others: [string, () => Promise<void>][] = [
    ['fling down', async () => {
      for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 1200 + next() * 800);
    }],
    ['fling up', async () => {
      for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -(1200 + next() * 800));
    }],
    ['PageDown ×3', async () => {
      for (let i = 0; i < 3; i++) await page.keyboard.press('PageDown');
    }],
    ['End', () => page.keyboard.press('End')],
    ['PageUp ×2', async () => {
      for (let i = 0; i < 2; i++) await page.keyboard.press('PageUp');
    }],
    ['Home', () => page.keyboard.press('Home')],
    ['jump, then resize narrower', async () => {
      await page.evaluate(() => scrollTo(0, 0.4 * document.documentElement.scrollHeight));
      await page.setViewportSize({ width: Math.round(size.width * 0.8), height: size.height });
    }],
    ['resize back', () => page.setViewportSize(size)],
    ['rotate', () => page.setViewportSize({ width: size.height, height: size.width })],
    ['jump while rotated', () => page.evaluate(() => scrollTo(0, 0.62 * document.documentElement.scrollHeight))],
    ['rotate back', () => page.setViewportSize(size)],
    ['follow a section link', () => page.evaluate(() => void (location.hash = 'nato-parallel'))],
    ['follow another', () => page.evaluate(() => void (location.hash = 'flurry'))],
    ['back', async () => {
      await page.goBack();
    }],
    ['back again', async () => {
      await page.goBack();
    }],
    ['forward', async () => {
      await page.goForward();
    }],
  ];
  for (const [name, act] of others) {
    await act();
    await check(name);
  }
  expect(gaps, 'some positions had the reading line in a gap').toBeGreaterThan(2);
  expect(above, 'some positions had the step’s text above the line').toBeGreaterThan(2);
  expect(await contractBroken(page)).toEqual([]);
  expect(steps.length).toBeGreaterThan(12);
  consoleWatch.expectNone();
});

test('the address follows the section being read, adds no history entries, and opens there again', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  const steps = await stepsOf(page);
  const entries = await page.evaluate(() => history.length);
  expect(await addressOf(page), 'the title screen names no section').toBe('');
  const next = random(510);
  for (let k = 0; k < 8; k++) {
    await scrollToStep(page, Math.floor(next() * steps.length), next());
    await scrollStill(page);
    const section = await sectionByRule(page);
    await expect.poll(() => addressOf(page), `position ${k}`).toBe(section);
  }
  expect(await page.evaluate(() => history.length), 'replaced, not pushed').toBe(entries);
  // A copied link (the address as it stands) opens at that section's first step.
  const i = steps.findIndex((s) => s.section === 'nato-parallel') + 1;
  await scrollToStep(page, i, 0.3);
  await expect.poll(() => addressOf(page)).toBe('nato-parallel');
  const link = page.url();
  await page.goto('about:blank');
  await page.goto(link);
  await expect(map(page)).toHaveAttribute('data-map-state', steps[i - 1].state);
  // Back to the top: the address names no section again.
  await page.evaluate(() => scrollTo(0, 0));
  await scrollStill(page);
  await expect.poll(() => addressOf(page)).toBe('');
});

test('Previous and Next go to the neighbours of the step whose picture is shown, from anywhere', async ({ page }) => {
  test.setTimeout(180_000);
  // Jumps, not smooth scrolls: each press lands at once (a11y.spec.ts walks the story with smooth scrolling).
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  const steps = await stepsOf(page);
  const next = random(11);
  const prevButton = page.getByRole('button', { name: 'Previous step' });
  const nextButton = page.getByRole('button', { name: 'Next step' });
  for (let k = 0; k < 14; k++) {
    await page.evaluate((x) => scrollTo(0, x * (document.documentElement.scrollHeight - innerHeight)), next());
    await scrollStill(page);
    await page.waitForTimeout(200);
    const shown = await stepByRule(page);
    await expect(map(page)).toHaveAttribute('data-map-target', shown.state);
    // Each way that has a neighbour (at an end, the button is disabled: a11y.spec.ts presses it there).
    const forward = shown.index === 0 || (shown.index < steps.length - 1 && next() < 0.6);
    const button = forward ? nextButton : prevButton;
    const want = Math.max(0, Math.min(steps.length - 1, shown.index + (forward ? 1 : -1)));
    await button.click();
    await expect(button).toBeFocused();
    await scrollStill(page);
    await expect(map(page), `${forward ? 'Next' : 'Previous'} from step ${shown.index}`).toHaveAttribute('data-map-target', steps[want].state);
    expect((await stepByRule(page)).index, 'the rule agrees').toBe(want);
    await expect(map(page)).toHaveAttribute('data-map-state', steps[want].state, { timeout: 6000 });
    // The step is readable where it landed: its top below anything stuck over the page, inside the screen.
    const top = await page.locator('[data-step]').nth(want).evaluate((s) => s.getBoundingClientRect().top);
    const barBottom = await page.locator('#map figcaption').evaluate((b) => (getComputedStyle(b).position === 'sticky' ? b.getBoundingClientRect().bottom : 0));
    if (want > 0) expect(top, 'the step’s first line is not under the bar').toBeGreaterThanOrEqual(barBottom);
  }
});

test('progress events fire once per step, and finish once, however the reader scrolls', async ({ page }) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => {
    const w = window as unknown as { progress: string[] };
    w.progress = [];
    addEventListener('korea-explainer:step', (e) => w.progress.push(`step ${JSON.stringify((e as CustomEvent).detail)}`));
    addEventListener('korea-explainer:finish', (e) => w.progress.push(`finish ${JSON.stringify((e as CustomEvent).detail)}`));
  });
  await page.goto('/');
  const steps = await stepsOf(page);
  const visit = async (i: number) => {
    await page.evaluate((k) => {
      const s = document.querySelectorAll('[data-step]')[k];
      scrollBy(0, s.getBoundingClientRect().top - innerHeight * Number(document.documentElement.dataset.readingLine) + 20);
    }, i);
    await expect(map(page)).toHaveAttribute('data-map-target', steps[i].state);
  };
  const order = [...steps.keys()];
  for (const i of [...order, ...order.slice().reverse(), ...order]) await visit(i);
  const events = await page.evaluate(() => (window as unknown as { progress: string[] }).progress);
  const expected = steps.map((s, i) => `step ${JSON.stringify({ section: s.section, step: s.state, index: i + 1, total: steps.length })}`);
  const last = steps[steps.length - 1];
  expected.push(`finish ${JSON.stringify({ section: last.section, step: last.state, index: steps.length, total: steps.length })}`);
  expect(events).toEqual(expected);
});

test.describe('on a phone the map gets the screen', () => {
  test.skip(({ isMobile }) => !isMobile, 'the phone layout');

  test('the map fills the screen behind the cards, and the first screen shows the title and the map', async ({ page }) => {
    await page.goto('/');
    await expect(map(page)).toHaveAttribute('data-map-state', 'seat-at-the-table');
    const first = await page.evaluate(() => {
      const svg = document.querySelector('#map svg')!.getBoundingClientRect();
      const h1 = document.querySelector('h1')!.getBoundingClientRect();
      return { svgTop: svg.top, h1Bottom: h1.bottom };
    });
    expect(first.h1Bottom).toBeLessThan(844);
    expect(first.svgTop, 'the map begins on the first screen').toBeLessThan(844 - 200);
    await page.evaluate(() => scrollTo(0, document.querySelector<HTMLElement>('#story')!.offsetTop + 2000));
    const stuck = await page.evaluate(() => {
      const r = document.querySelector('#map svg')!.getBoundingClientRect();
      return { top: r.top, height: r.height, width: r.width };
    });
    expect(stuck).toEqual({ top: 0, height: 844, width: 390 });
  });

  test('some text is always on screen: no blank screen between steps', async ({ page }) => {
    await page.goto('/');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const storyTop = await page.evaluate(() => document.querySelector<HTMLElement>('.scrolly-text .section')!.getBoundingClientRect().top + scrollY);
    const storyEnd = await page.evaluate(() => {
      const all = document.querySelectorAll('[data-step]');
      return all[all.length - 1].getBoundingClientRect().bottom + scrollY;
    });
    expect(storyEnd).toBeLessThan(height);
    const blank: number[] = [];
    for (let y = storyTop - 600; y < storyEnd; y += 97) {
      const seen = await page.evaluate((top) => {
        scrollTo(0, top);
        const bar = document.querySelector('#map figcaption')!.getBoundingClientRect().bottom;
        return [...document.querySelectorAll('.scrolly-text .section-head, .scrolly-text .step, .colophon')].some((c) => {
          const r = c.getBoundingClientRect();
          return r.bottom > bar + 24 && r.top < innerHeight - 24;
        });
      }, y);
      if (!seen) blank.push(y);
    }
    expect(blank, 'scroll positions with no card on screen').toEqual([]);
  });

  test('at 320×568 the map keeps its height: Explore and Key stand at its right edge, and their short words begin their whole names', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 568 });
    await page.goto('/');
    await page.evaluate(() => scrollTo(0, document.querySelector<HTMLElement>('#story')!.offsetTop + 1500));
    const explore = page.locator('#map .explore-start');
    const key = page.locator('#map .map-key summary');
    await expect(explore).toBeVisible();
    // Label in name (WCAG 2.5.3): what a speech user reads off the screen starts the button's name.
    await expect(explore).toHaveAccessibleName('Explore the map');
    const shown = (more: string) => page.locator(more).first().evaluate((e) => e.getBoundingClientRect().width > 2);
    expect(await shown('#map .explore-more'), 'only "Explore" shows').toBe(false);
    const embed = page.locator('#after-reconciliation .share-open');
    await expect(embed).toHaveAccessibleName(/^Embed this section: /);
    expect(await shown('#after-reconciliation .share-more'), 'only "Embed" shows').toBe(false);
    // One above the other at the right edge, under the caption bar: the subject is framed beside them, not below.
    const [e, k, bar] = await Promise.all([explore.boundingBox(), key.boundingBox(), page.locator('#map figcaption').boundingBox()]);
    expect(k!.y).toBeGreaterThanOrEqual(e!.y + e!.height);
    expect(e!.x + e!.width).toBeGreaterThan(320 - 16);
    expect(e!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height - 1);
    expect(e!.y).toBeLessThan(bar!.y + bar!.height + 16);
    // Beside the map, the words are whole.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(() => shown('#map .explore-more')).toBe(true);
    expect(await shown('#after-reconciliation .share-more')).toBe(true);
  });

  /** What a map names at this moment (places, arc ends, the talks table's corners), and what lies over each of them. */
  const coveredNow = (page: Page, k: number) =>
    page.evaluate((k) => {
      const svg = document.querySelector<SVGSVGElement>('#map svg')!;
      const ctm = svg.getScreenCTM()!;
      const toScreen = (x: number, y: number) => new DOMPoint(x, y).matrixTransform(ctm);
      const points: { what: string; x: number; y: number }[] = [];
      for (const c of svg.querySelectorAll<SVGCircleElement>('circle.place')) {
        const p = toScreen(c.cx.baseVal.value, c.cy.baseVal.value);
        points.push({ what: `place ${c.nextElementSibling?.textContent ?? ''}`.trim(), x: p.x, y: p.y });
      }
      for (const a of svg.querySelectorAll<SVGPathElement>('path.arc')) {
        const n = (a.getAttribute('d') ?? '').match(/-?\d+(\.\d+)?/g)!.map(Number);
        for (const [x, y, end] of [[n[0], n[1], 'start'], [n[n.length - 2], n[n.length - 1], 'end']] as const) {
          const p = toScreen(x, y);
          points.push({ what: `arc ${a.dataset.order} ${end}`, x: p.x, y: p.y });
        }
      }
      for (const t of svg.querySelectorAll<SVGPolygonElement>('polygon.table')) {
        for (const pt of t.points) {
          const p = toScreen(pt.x, pt.y);
          points.push({ what: 'table corner', x: p.x, y: p.y });
        }
      }
      const step = document.querySelectorAll('[data-step]')[k];
      const section = step.closest('section')!;
      // Over the map: the card, its section's title on a section's first card, the caption bar and what hangs under it.
      const over: [string, DOMRect][] = [['the card', step.getBoundingClientRect()]];
      if (section.querySelector('[data-step]') === step) over.push(['the section title', section.querySelector('.section-head')!.getBoundingClientRect()]);
      over.push(['the caption bar', document.querySelector('#map figcaption')!.getBoundingClientRect()]);
      for (const tool of document.querySelectorAll('#map .map-tools summary, #map .map-tools button:not([hidden])')) over.push([`the ${tool.textContent!.trim()} button`, tool.getBoundingClientRect()]);
      const screen = svg.getBoundingClientRect();
      const out: string[] = [];
      for (const p of points) {
        const r = 4; // a dot's radius
        for (const [name, b] of over) if (b.width > 0 && p.x + r > b.left && p.x - r < b.right && p.y + r > b.top && p.y - r < b.bottom) out.push(`${p.what} under ${name}`);
        if (p.x < Math.max(0, screen.left) || p.x > Math.min(innerWidth, screen.right) || p.y > Math.min(innerHeight, screen.bottom)) out.push(`${p.what} off screen`);
      }
      const title = over.length > 1 && over[1][0] === 'the section title' ? over[1][1] : null;
      const card = over[0][1];
      const bar = document.querySelector('#map figcaption')!.getBoundingClientRect().bottom;
      return { count: points.length, out, top: card.top, bottom: card.bottom, block: card.bottom - (title?.top ?? card.top), blockTop: title?.top ?? card.top, bar };
    }, k);

  for (const size of [
    { width: 390, height: 844 },
    { width: 375, height: 667 },
    { width: 320, height: 568 },
    { width: 768, height: 1024 },
  ]) {
    test(`at ${size.width}×${size.height}, a card (with its section title) covers no place, arc end or table corner of its map from when it arrives until it is read whole`, async ({ page }) => {
      test.setTimeout(180_000);
      await page.setViewportSize(size);
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.goto('/');
      const steps = await stepsOf(page);
      const problems: string[] = [];
      for (let i = 0; i < steps.length; i++) {
        // It arrives: its top just past the reading line.
        await page.evaluate((k) => {
          const s = document.querySelectorAll('[data-step]')[k];
          scrollBy(0, s.getBoundingClientRect().top - (innerHeight * Number(document.documentElement.dataset.readingLine) - 2));
        }, i);
        await expect(map(page)).toHaveAttribute('data-map-state', steps[i].state);
        await page.waitForTimeout(100);
        const arrived = await coveredNow(page, i);
        expect(arrived.count, `${steps[i].state}: something to check`).toBeGreaterThan(0);
        for (const o of arrived.out) problems.push(`${steps[i].state}, arriving: ${o}`);
        // It is read where the stepper brings it: whole on screen under the caption bar, as low as it goes.
        {
          const from = i > 0 ? i - 1 : 1;
          await page.evaluate((k) => {
            const s = document.querySelectorAll('[data-step]')[k];
            scrollBy(0, s.getBoundingClientRect().top - (innerHeight * Number(document.documentElement.dataset.readingLine) - 2));
          }, from);
          await expect(map(page)).toHaveAttribute('data-map-state', steps[from].state);
          await page.locator(i > 0 ? '.stepper-next' : '.stepper-prev').click();
          await expect(map(page)).toHaveAttribute('data-map-state', steps[i].state);
          await page.waitForTimeout(100);
          const read = await coveredNow(page, i);
          if (read.block <= size.height - 12 - read.bar) {
            expect(read.bottom, `${steps[i].state}: read whole, its foot on screen`).toBeLessThanOrEqual(size.height);
            expect(read.blockTop, `${steps[i].state}: read whole, its top below the bar`).toBeGreaterThanOrEqual(read.bar);
          }
          for (const o of read.out) problems.push(`${steps[i].state}, read whole: ${o}`);
          // Half way between: the card is moving up from one place to the other.
          const mid = (arrived.top - read.top) / 2;
          if (mid > 8) {
            await page.evaluate((d) => scrollBy(0, -d), mid);
            await page.waitForTimeout(100);
            for (const o of (await coveredNow(page, i)).out) problems.push(`${steps[i].state}, half way: ${o}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
