import { expect, test, type Page } from '@playwright/test';
import { baseOf, watchConsole } from './helpers';

/**
 * The built site served with the README's headers, strict Content-Security-Policy included
 * (tests/browser/csp-server.mjs): everything works unchanged, and the browser reports no violation.
 */
const CSP_ORIGIN = process.env.CSP_ORIGIN ?? 'http://127.0.0.1:4175';

/** Collects securitypolicyviolation events from the page's first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`), true);
  });
  return () => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
}

test.describe('under a strict Content-Security-Policy', () => {
  test.skip(({ isMobile }) => isMobile, 'one run is enough; the phone deck is checked below');

  test('the scroll page, the deck, its print view and every embed draw their maps with no violation', async ({ page, request }) => {
    test.setTimeout(120_000);
    const violations = await watchViolations(page);
    const consoleWatch = watchConsole(page);
    const sections = (await (await request.get(`${CSP_ORIGIN}/sections.json`)).json()) as { embed: string }[];
    for (const path of ['/', '/slides.html', '/slides.html#/nato-parallel', '/slides.html?print-pdf', ...sections.map((s) => s.embed)]) {
      await page.goto('about:blank');
      const response = await page.goto(`${CSP_ORIGIN}${path}`);
      const policy = response!.headers()['content-security-policy'] ?? '';
      for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'self'"]) expect(policy, path).toContain(directive);
      expect(policy, path).not.toContain('unsafe-inline');
      expect(policy, path).not.toContain('unsafe-eval');
      await expect(page.locator('[data-map-state]').first(), path).toHaveAttribute('data-map-state', /.+/);
      // The printed maps draw their base as SVG paths; every other map paints it on its canvas.
      if (path.includes('print-pdf')) await expect(page.locator('.deck-print-map svg.map-svg g.panel path.land').first(), `${path}: map drawn`).toHaveAttribute('d', /M/);
      else await expect.poll(async () => (await baseOf(page.locator('[data-map-state]').first())).colours, `${path}: map drawn`).toBeGreaterThan(2);
      expect(await violations(), path).toEqual([]);
    }
    consoleWatch.expectNone();
  });

  test('the speaker view (S) shows the section’s notes, with no violation in its window', async ({ page, context }) => {
    const problems: string[] = [];
    context.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    await page.goto(`${CSP_ORIGIN}/slides.html#/flurry`);
    await expect(page.locator('#map')).toHaveAttribute('data-map-state', 'flurry-wang-yi');
    const opened = context.waitForEvent('page');
    await page.keyboard.press('s');
    const speaker = await opened;
    // The notes come from slides/02-flurry.md's "::: notes" block.
    await expect(speaker.locator('body')).toContainText('Wang Yi’s trip was the first by a Chinese foreign minister');
    expect(problems).toEqual([]);
    await speaker.close();
  });

  test('the story scrolls with its map (decoded in a worker), the stepper, the motion toggle and the embed dialog work', async ({ page, context }) => {
    const violations = await watchViolations(page);
    const consoleWatch = watchConsole(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(new URL(worker.url()).pathname));
    await page.goto(`${CSP_ORIGIN}/`);
    await expect(page.locator('#map')).toHaveAttribute('data-map-state', 'seat-at-the-table');
    // script-src 'self' (worker-src falls back to it) lets the geometry worker start.
    expect(workers, 'the geometry is decoded in a worker').toEqual([expect.stringMatching(/\/geometry\.worker-[\w-]+\.js$/)]);
    await page.getByRole('button', { name: 'Motion: on' }).click();
    await page.getByRole('button', { name: 'Next step' }).click();
    await page.getByRole('button', { name: 'Next step' }).click();
    await expect(page.locator('#map')).not.toHaveAttribute('data-map-state', 'seat-at-the-table');
    await page.locator('section#nato-parallel [data-step]').last().scrollIntoViewIfNeeded();
    await expect(page.locator('#map')).toHaveAttribute('data-map-state', /^nato-/);
    await page.getByRole('button', { name: /^Embed this section: A week/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Copy code' }).click();
    await expect(page.getByRole('dialog').getByRole('status')).toHaveText('Copied to the clipboard.');
    expect(await violations()).toEqual([]);
    consoleWatch.expectNone();
  });
});

test.describe('under a strict Content-Security-Policy on a phone', () => {
  test.skip(({ isMobile }) => !isMobile, 'the desktop run covers the rest');

  test('the deck in its portrait layout and its print view', async ({ page }) => {
    const violations = await watchViolations(page);
    for (const path of ['/slides.html#/flurry', '/slides.html?print-pdf']) {
      await page.goto(`${CSP_ORIGIN}${path}`);
      await expect(page.locator('[data-map-state]').first(), path).toHaveAttribute('data-map-state', /.+/);
      expect(await violations(), path).toEqual([]);
    }
  });
});
