import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, isSkipped, map, stepsOf, watchConsole } from './helpers';

test.describe('axe-core', () => {
  // Every page at load: pages.spec.ts.
  test('finds nothing on a section slide, in the NATO table, or in the embed dialog', async ({ page }) => {
    await page.goto('/slides.html#/nato-parallel');
    await expect(map(page)).toHaveAttribute('data-map-state', 'nato-cold-war');
    await expectNoAxeViolations(page, '/slides.html#/nato-parallel');
    await page.goto('/');
    await page.getByRole('button', { name: /^Embed this section/ }).first().click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectNoAxeViolations(page, 'the embed dialog');
  });
});

test.describe('keyboard only', () => {
  test('skip link, then Previous / Next walk the whole story with its map, and Tab goes on at the reader’s step', async ({ page }) => {
    test.setTimeout(120_000);
    const consoleWatch = watchConsole(page);
    await page.goto('/');
    await expect(map(page)).toHaveAttribute('data-map-state', 'seat-at-the-table');
    const steps = await stepsOf(page);

    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to the story' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('#story')).toBeFocused();

    const next = page.getByRole('button', { name: 'Next step' });
    const prev = page.getByRole('button', { name: 'Previous step' });
    for (let i = 0; i < 10 && !(await next.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(next).toBeFocused();
    await expect(next, 'visible focus').toHaveCSS('outline-style', 'solid');

    // Next from the top: the step after the one whose picture is shown, then each one after it.
    const start = (await page.locator('[data-step]').evaluateAll((els) => els.findIndex((e) => e.classList.contains('is-active')))) + 1;
    expect(start).toBe(1);
    for (let i = start; i < steps.length; i++) {
      await page.keyboard.press('Enter');
      const step = page.locator('[data-step]').nth(i);
      await expect(step, `step ${i} (${steps[i].state}) is the active one`).toHaveClass(/is-active/);
      await expect(step).toBeInViewport({ ratio: 0.25 });
      await expect(next).toBeFocused();
      await expectMapOf(page, i, steps[i].state);
    }
    await expect(next).toHaveAttribute('aria-disabled', 'true');
    await page.keyboard.press('Enter'); // past the end: nothing moves
    await expect(page.locator('[data-step]').nth(steps.length - 1)).toHaveClass(/is-active/);

    await page.keyboard.press('Shift+Tab');
    await expect(prev).toBeFocused();
    for (const i of [steps.length - 2, steps.length - 3]) {
      await page.keyboard.press('Enter');
      await expect(page.locator('[data-step]').nth(i)).toHaveClass(/is-active/);
      await expectMapOf(page, i, steps[i].state);
    }
    // Tab from the stepper continues at the reader's step (or its section's title), not at the top of the story.
    await page.keyboard.press('Tab'); // to Next
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { step: el.closest<HTMLElement>('[data-step]')?.dataset.step ?? null, section: el.closest('section')?.id ?? null };
    });
    expect(focused.step === steps[steps.length - 3].state || focused.section === steps[steps.length - 3].section, JSON.stringify(focused)).toBe(true);
    consoleWatch.expectNone();
  });

  test('Tab reaches every control from the skip link to the last source, and no element traps it', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/');
    await expect(map(page)).toHaveAttribute('data-map-state', /.+/);
    const lastLink = await page.locator('#sources a').last().evaluate((a) => (a as HTMLAnchorElement).href);
    const seen: string[] = [];
    let reachedEnd = false;
    for (let i = 0; i < 400 && !reachedEnd; i++) {
      await page.keyboard.press('Tab');
      const here = await page.evaluate(() => {
        // Each element gets a number the first time it has focus, so two alike (the same source twice) differ.
        const w = window as unknown as { focusIds?: WeakMap<Element, number>; focusCount?: number };
        const el = document.activeElement!;
        w.focusIds ??= new WeakMap();
        if (!w.focusIds.has(el)) w.focusIds.set(el, (w.focusCount = (w.focusCount ?? 0) + 1));
        return `${w.focusIds.get(el)} ${el.outerHTML.slice(0, 120)}|${(el as HTMLAnchorElement).href ?? ''}`;
      });
      // The same element twice running would mean Tab is stuck there.
      expect(here, `Tab ${i} moved on`).not.toBe(seen[seen.length - 1]);
      seen.push(here);
      reachedEnd = here.includes(lastLink);
    }
    expect(reachedEnd, 'reached the last source link').toBe(true);
  });

  test('under reduced motion the stepper jumps instead of scrolling smoothly', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/');
    await expect(map(page)).toHaveAttribute('data-map-state', 'seat-at-the-table');
    const moved = await page.evaluate(() => {
      const before = scrollY;
      document.querySelector<HTMLButtonElement>('.stepper-next')!.click();
      return scrollY - before; // read at once: a smooth scroll would not have moved yet
    });
    expect(moved).toBeGreaterThan(50);
  });
});

test.describe('screen readers', () => {
  test('are given every source, though the sources are laid out only when the reader nears them', async ({ playwright, viewport, isMobile, baseURL }, testInfo) => {
    // The browser's own accessibility tree, as a screen reader gets it: Chromium builds it from the start when one is
    // running (--force-renderer-accessibility), not only when DevTools asks later.
    const launch = testInfo.project.use.launchOptions ?? {};
    const browser = await playwright.chromium.launch({ ...launch, args: [...(launch.args ?? []), '--force-renderer-accessibility'] });
    try {
      const page = await browser.newPage({ viewport, isMobile, baseURL });
      await page.goto('/');
      await expect(map(page)).toHaveAttribute('data-map-state', /.+/);
      const labels = page.locator('#sources li .fact-label');
      const words = (await labels.allTextContents()).map((t) => t.trim());
      expect(words.length).toBeGreaterThan(20);
      // The last sources are still skipped (content-visibility: auto): what follows is about skipped content.
      expect(await isSkipped(labels.last())).toBe(true);
      const cdp = await page.context().newCDPSession(page);
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      const given = new Set(nodes.filter((n) => !n.ignored && n.role?.value === 'StaticText').map((n) => String(n.name?.value ?? '').trim()));
      expect(words.filter((w) => !given.has(w)), 'sources missing from the accessibility tree').toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

/**
 * The map of step `i` after the stepper brought it to the reading line: settled in its state, or — for a
 * progression step taller than a phone's view, which the reader's own scrolling finishes — on its way there.
 */
async function expectMapOf(page: Page, i: number, state: string): Promise<void> {
  const stepText = (await page.locator('[data-step]').nth(i).locator('.step-map-text').textContent())!;
  await expect
    .poll(async () => {
      const { settled, live } = await page.evaluate(() => ({ settled: document.querySelector<HTMLElement>('#map')!.dataset.mapState, live: document.querySelector('.map-live')!.textContent ?? '' }));
      if (settled === state) return 'settled';
      // The live region names the state the map is heading for: its description opens the step's map text.
      const tall = await page.locator('[data-step]').nth(i).evaluate((s) => s.getBoundingClientRect().height > innerHeight * 0.5);
      return tall && live.includes(stepText.slice(5, 45)) ? 'settled' : `${settled} / ${live.slice(0, 60)}`;
    }, { message: `step ${i}: map shows ${state}` })
    .toBe('settled');
}
