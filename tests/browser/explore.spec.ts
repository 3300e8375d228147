import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { map, scrollStill, scrollToStep, stepsOf, watchConsole } from './helpers';

const places = JSON.parse(readFileSync(new URL('../../data/places.json', import.meta.url), 'utf8')) as { id: string; name: string; source: { url: string } }[];

const camera = (page: Page) => map(page).evaluate((m) => (m as HTMLElement).dataset.mapCamera ?? '');
/** [lon, lat, span] of the first panel. */
const parse = (text: string): number[] => text.split(';')[0].split(',').map(Number);

/** Opens the scroll page at step `index`, settled, and returns the step's own camera. */
async function atStep(page: Page, index: number): Promise<{ state: string; home: string }> {
  const steps = await stepsOf(page);
  await scrollToStep(page, index, 0.6);
  await scrollStill(page);
  await expect(map(page)).toHaveAttribute('data-map-state', steps[index].state, { timeout: 8000 });
  return { state: steps[index].state, home: await camera(page) };
}

async function enter(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Explore the map' }).click();
  await expect(map(page)).toHaveAttribute('data-exploring', '');
  await expect(page.locator('#map .map-live')).toContainText('Exploring the map');
}

/** The svg's middle, in page coordinates, inside the free part of the map (between the bar and the cards). */
async function middle(page: Page): Promise<{ x: number; y: number }> {
  return page.locator('#map svg.map-svg').evaluate((svg) => {
    const r = svg.getBoundingClientRect();
    // On a phone the controls hang over the map's top; beside the text they are under the map.
    const bar = document.querySelector('#map .map-tools')!.getBoundingClientRect().bottom;
    const top = bar < r.top + r.height / 2 ? Math.max(r.top, bar) : r.top;
    const bottom = Math.min(r.bottom, innerHeight * Number(document.documentElement.dataset.readingLine || 1));
    return { x: r.left + r.width / 2, y: (top + Math.max(top + 40, bottom)) / 2 };
  });
}

test.describe('the legend', () => {
  test('follows the step: its entries are the kinds of mark the live map draws', async ({ page }) => {
    await page.goto('/');
    const steps = await stepsOf(page);
    const seen = new Set<string>();
    for (const state of ['flurry-dalian', 'divided-alliances', 'after-reconciliation', 'nato-expansion']) {
      await atStep(page, steps.findIndex((s) => s.state === state));
      const { legend, drawn } = await page.evaluate(() => {
        const svg = document.querySelector('#map svg.map-svg')!;
        const has = (el: Element, c: string) => el.classList.contains(c);
        const drawn = new Set<string>();
        // The base is painted on a canvas that records its fills: "<panel> <role>[ context][ @opacity]: <ids>; …".
        const record = document.querySelector('#map canvas')?.getAttribute('data-fills') ?? '';
        for (const fill of record.split('; ').filter(Boolean)) drawn.add(`fill:${fill.split(':')[0].split(' ')[1]}`);
        for (const el of svg.querySelectorAll('path.alliance')) drawn.add(`alliance:${has(el, 'alliance-us') ? 'us' : 'cn'}:${has(el, 'style-fading') ? 'fading' : 'firm'}`);
        for (const el of svg.querySelectorAll('path.arc')) drawn.add(`arc:${has(el, 'kind-call') ? 'call' : 'visit'}:${el.getAttribute('marker-end') ? 'directed' : 'two-way'}`);
        if (svg.querySelector('path.dmz')) drawn.add('dmz');
        if (svg.querySelector('circle.ring')) drawn.add('ring');
        const legend = [...document.querySelectorAll('#map .map-legend [data-legend]')].map((li) => li.getAttribute('data-legend')!);
        return { legend, drawn: [...drawn] };
      });
      for (const key of drawn) expect(legend, `${state}: the key explains ${key}`).toContain(key);
      for (const key of legend.filter((k) => /^(fill|alliance|arc|dmz|ring)/.test(k) && !k.endsWith(':context'))) expect(drawn, `${state}: the map draws ${key}`).toContain(key);
      seen.add(legend.join());
      await expect(page.locator('#map .map-description')).toContainText('Key: ');
    }
    expect(seen.size, 'a different key for each picture').toBe(4);
  });
});

test.describe('the legend in print and without JavaScript', () => {
  test('every printed page of the deck carries its own state’s key, visible on the page', async ({ page, isMobile }) => {
    test.skip(isMobile, 'print: the desk project');
    test.setTimeout(120_000);
    await page.goto('/slides.html?print-pdf');
    const withMap = page.locator('.pdf-page:has(.deck-print-map)');
    await expect(withMap.first()).toBeAttached({ timeout: 30_000 });
    const count = await withMap.count();
    await expect(page.locator('.pdf-page .deck-print-map[data-map-state]')).toHaveCount(count, { timeout: 30_000 });
    await page.emulateMedia({ media: 'print' });
    const printed = await withMap.evaluateAll((els) =>
      els.map((el) => {
        const figure = el.querySelector<HTMLElement>('.deck-print-map')!;
        const entries = [...figure.querySelectorAll<HTMLElement>('.map-legend [data-legend]')];
        const page = el.getBoundingClientRect();
        return {
          state: figure.dataset.mapState,
          keys: entries.map((e) => e.dataset.legend),
          onPage: entries.every((e) => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && r.top >= page.top - 1 && r.bottom <= page.bottom + 1;
          }),
        };
      }),
    );
    for (const p of printed) {
      expect(p.keys.length, `the key on the page of ${p.state}`).toBeGreaterThan(0);
      expect(p.onPage, `the key of ${p.state} is drawn on its page`).toBe(true);
    }
    expect(printed.find((p) => p.state === 'flurry-call')!.keys).toContain('arc:call:two-way');
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('each still map has its key under it', async ({ page }) => {
      await page.goto('/');
      const stills = page.locator('.map-static');
      const n = await stills.count();
      expect(n).toBeGreaterThan(10);
      for (let i = 0; i < n; i++) {
        await expect(stills.nth(i).locator('.map-legend li').first()).toBeVisible();
      }
      await expect(page.locator('#nato-parallel .map-static [data-legend="fill:nato-after"]')).toBeVisible();
    });
  });
});

test.describe('explore the map', () => {
  test('pans by drag and keys, zooms by Ctrl + wheel, + and the buttons; Back returns to the step’s view and place', async ({ page, isMobile }) => {
    const console = watchConsole(page);
    await page.goto('/');
    const { state, home } = await atStep(page, 3);
    const place = await page.evaluate(() => ({ y: scrollY, hash: location.hash, active: document.querySelector('.step.is-active')?.getAttribute('data-step') }));
    await enter(page);
    await expect(page.locator('#map svg.map-svg')).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    const afterKey = await camera(page);
    expect(parse(afterKey)[0], 'ArrowLeft shows what lies west').toBeLessThan(parse(home)[0]);
    await page.keyboard.press('+');
    expect(parse(await camera(page))[2], '+ zooms in').toBeLessThan(parse(home)[2]);
    await page.getByRole('button', { name: 'Zoom out' }).click();
    await page.getByRole('button', { name: 'Zoom out' }).click();
    expect(parse(await camera(page))[2], '− zooms out').toBeGreaterThan(parse(home)[2]);

    const { x, y } = await middle(page);
    const before = parse(await camera(page));
    if (isMobile) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y, id: 1 }] });
      for (let i = 1; i <= 5; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: x + 16 * i, y, id: 1 }] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    } else {
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x + 80, y, { steps: 5 });
      await page.mouse.up();
    }
    const dragged = parse(await camera(page));
    expect(dragged[0], 'dragging east brings the west into view').toBeLessThan(before[0]);
    expect(dragged[2]).toBeCloseTo(before[2], 5);

    if (!isMobile) {
      await page.mouse.move(x, y);
      await page.keyboard.down('Control');
      await page.mouse.wheel(0, -200);
      await page.keyboard.up('Control');
      await expect.poll(async () => parse(await camera(page))[2], 'Ctrl + wheel zooms in').toBeLessThan(dragged[2]);
    }

    await page.getByRole('button', { name: 'Back to the story' }).click();
    await expect(map(page)).not.toHaveAttribute('data-exploring', /.*/);
    await expect.poll(() => camera(page), 'the step’s own view again').toBe(home);
    await expect(map(page)).toHaveAttribute('data-map-state', state);
    await expect(page.locator('#map .map-live')).toContainText('Back to the story');
    await expect(page.getByRole('button', { name: 'Explore the map' })).toBeFocused();
    expect(await page.evaluate(() => ({ y: scrollY, hash: location.hash, active: document.querySelector('.step.is-active')?.getAttribute('data-step') })), 'the story did not move').toEqual(place);
    console.expectNone();
  });

  test('pinching with two fingers zooms', async ({ page, isMobile }) => {
    test.skip(!isMobile, 'touch: the phone project');
    await page.goto('/');
    const { home } = await atStep(page, 2);
    await enter(page);
    const { x, y } = await middle(page);
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', d: number) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: x - d, y, id: 1 }, { x: x + d, y, id: 2 }] });
    await touch('touchStart', 20);
    for (let d = 30; d <= 90; d += 10) await touch('touchMove', d);
    await touch('touchEnd', 0);
    expect(parse(await camera(page))[2], 'spreading two fingers zooms in').toBeLessThan(parse(home)[2] * 0.6);
    expect(await page.evaluate(() => document.documentElement.scrollTop > 0 && !!document.querySelector('#map[data-exploring]'))).toBe(true);
  });

  test('Esc returns to the story; a cut under reduced motion', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/');
    const { state, home } = await atStep(page, 1);
    await enter(page);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('+');
    expect(await camera(page)).not.toBe(home);
    await page.keyboard.press('Escape');
    // A cut: the step's view is drawn at once, not over the next frames.
    expect(await camera(page)).toBe(home);
    await expect(map(page)).not.toHaveAttribute('data-exploring', /.*/);
    await expect(map(page)).toHaveAttribute('data-map-state', state);
  });

  test('scrolling on to the next step, or Next, ends exploring with that step’s picture', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/');
    const steps = await stepsOf(page);
    const next = await atStep(page, 5);
    const again = await atStep(page, 6);
    await atStep(page, 4);
    await enter(page);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('+');
    await scrollToStep(page, 5, 0.6);
    await scrollStill(page);
    await expect(map(page)).not.toHaveAttribute('data-exploring', /.*/);
    await expect(map(page)).toHaveAttribute('data-map-state', steps[5].state);
    await expect.poll(() => camera(page)).toBe(next.home);

    await enter(page);
    await page.keyboard.press('ArrowDown');
    await page.getByRole('button', { name: 'Next step' }).click();
    await scrollStill(page);
    await expect(map(page)).not.toHaveAttribute('data-exploring', /.*/);
    await expect(map(page)).toHaveAttribute('data-map-state', steps[6].state);
    await expect.poll(() => camera(page)).toBe(again.home);
  });

  test('a plain wheel over the map while exploring scrolls the page', async ({ page, isMobile }) => {
    test.skip(isMobile, 'a wheel: the desk project');
    await page.goto('/');
    const { home } = await atStep(page, 2);
    await enter(page);
    const { x, y } = await middle(page);
    const top = await page.evaluate(() => scrollY);
    await page.mouse.move(x, y);
    await page.mouse.wheel(0, 300);
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(top + 100);
    expect(parse(await camera(page))[2], 'and does not zoom').toBe(parse(home)[2]);
  });

  test('tapping a place shows its name, its record and a working source link from data/; the list reaches it by keyboard', async ({ page, isMobile }) => {
    await page.goto('/');
    const steps = await stepsOf(page);
    await atStep(page, steps.findIndex((s) => s.state === 'flurry-wang-yi'));
    await enter(page);
    // Pyongyang is the step's ringed place.
    const dot = await page.locator('#map circle.place-emphasis').first().evaluate((c) => {
      const r = c.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    if (isMobile) await page.touchscreen.tap(dot.x, dot.y);
    else await page.mouse.click(dot.x, dot.y);
    const info = page.locator('#map .explore-info');
    await expect(info).toBeVisible();
    await expect(info.locator('.explore-info-name')).toHaveText('Pyongyang');
    await expect(info).toContainText('Wang Yi');
    const pyongyang = places.find((p) => p.id === 'pyongyang')!;
    await expect(info.locator(`a[href="${pyongyang.source.url}"]`)).toBeVisible();
    await expect(page.locator('#map .map-live')).toContainText('Pyongyang');

    // By keyboard: the list of the picture's places; focusing one tells its record.
    const seoul = page.locator('#map .explore-mark', { hasText: 'Seoul' });
    await seoul.focus();
    await expect(info.locator('.explore-info-name')).toHaveText('Seoul');
    await expect(info.locator(`a[href="${places.find((p) => p.id === 'seoul')!.source.url}"]`)).toBeVisible();
    await expect(seoul).toHaveAttribute('aria-describedby', (await info.getAttribute('id'))!);
    const { violations } = await new AxeBuilder({ page }).include('#map').analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), 'axe while exploring').toEqual([]);
  });

  test('on a phone the controls sit under the caption bar, never over it or the step’s subject', async ({ page }) => {
    for (const size of [
      { width: 390, height: 844 },
      { width: 320, height: 568 },
    ]) {
      await page.setViewportSize(size);
      await page.goto('/');
      const steps = await stepsOf(page);
      for (const i of [1, 3, steps.findIndex((s) => s.state === 'three-way')]) {
        await atStep(page, i);
        await page.waitForTimeout(150);
        const problems = await page.evaluate(() => {
          const bar = document.querySelector('#map figcaption')!.getBoundingClientRect();
          const out: string[] = [];
          const controls = [...document.querySelectorAll('#map .map-tools button, #map .map-key summary')].filter((b) => (b as HTMLElement).offsetParent).map((b) => b.getBoundingClientRect());
          if (controls.length < 2) out.push('the Explore button and the key are shown');
          const marks = [...document.querySelectorAll('#map circle.place, #map polygon.table')].map((m) => m.getBoundingClientRect());
          for (const c of controls) {
            if (c.top < bar.bottom - 0.5) out.push(`a control at ${c.top} over the caption bar (bottom ${bar.bottom})`);
            for (const m of marks) if (m.right > c.left && m.left < c.right && m.bottom > c.top && m.top < c.bottom) out.push(`a control over a mark at ${m.left},${m.top}`);
          }
          return out;
        });
        expect(problems, `${size.width}×${size.height}, step ${i}`).toEqual([]);
      }
    }
  });
});

test.describe('explore in the deck and an embed', () => {
  test('the deck: E explores (listed in the ? help), Esc returns without opening the overview, Next ends it', async ({ page }) => {
    await page.goto('/slides.html#/divided-alliances');
    await expect(map(page)).toHaveAttribute('data-map-state', 'divided-alliances');
    const home = await camera(page);
    await page.keyboard.press('Shift+Slash');
    await expect(page.locator('.r-overlay-help')).toContainText('Explore the map');
    await page.keyboard.press('Escape');
    await expect(page.locator('.r-overlay-help')).toHaveCount(0);
    await page.keyboard.press('e');
    await expect(map(page)).toHaveAttribute('data-exploring', '');
    await page.keyboard.press('ArrowRight');
    expect(await camera(page), 'arrows pan the map, not the slides').not.toBe(home);
    await expect(map(page)).toHaveAttribute('data-map-state', 'divided-alliances');
    await page.keyboard.press('Escape');
    await expect(map(page)).not.toHaveAttribute('data-exploring', /.*/);
    await expect(page.locator('.reveal')).not.toHaveClass(/overview/);
    await expect.poll(() => camera(page)).toBe(home);
    await page.keyboard.press('e');
    await page.keyboard.press('PageDown');
    await expect(map(page)).not.toHaveAttribute('data-exploring', /.*/);
    await expect(map(page)).not.toHaveAttribute('data-map-state', 'divided-alliances');
  });

  test('an embed: Explore, then Next, shows the next step’s picture', async ({ page }) => {
    await page.goto('/embed/flurry/');
    await expect(map(page)).toHaveAttribute('data-map-state', 'flurry-wang-yi');
    await enter(page);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.getByRole('button', { name: /Next/ }).first().click();
    await expect(map(page)).not.toHaveAttribute('data-exploring', /.*/);
    await expect(map(page)).toHaveAttribute('data-map-state', 'flurry-call');
    await expect(page.locator('#map .map-legend [data-legend="arc:call:two-way"]')).toHaveCount(1);
  });
});
