import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/** Collects console errors and warnings and uncaught page errors; call `expectNone()` at the end. */
export function watchConsole(page: Page) {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return { problems, expectNone: () => expect(problems).toEqual([]) };
}

export interface StepInfo {
  state: string;
  section: string;
}

/**
 * Waits until the scroll page's map has started (it comes after the text's first paint, src/modes/scroll-entry.ts):
 * <html data-reading-line> says where steps are read, and the page's layout is final.
 */
export async function started(page: Page): Promise<void> {
  if (new URL(page.url()).pathname === '/') await page.locator('html[data-reading-line]').waitFor({ state: 'attached' });
}

export async function stepsOf(page: Page): Promise<StepInfo[]> {
  await started(page);
  return page.locator('[data-step]').evaluateAll((els) =>
    els.map((e) => ({ state: (e as HTMLElement).dataset.step!, section: (e as HTMLElement).dataset.section! })),
  );
}

/** Scrolls so that the reading line (<html data-reading-line> × viewport height) sits `fraction` of the way into step `index`. */
export async function scrollToStep(page: Page, index: number, fraction = 0.5): Promise<void> {
  await started(page);
  await page.evaluate(
    ([i, f]) => {
      const step = document.querySelectorAll<HTMLElement>('[data-step]')[i];
      const rect = step.getBoundingClientRect();
      const offset = Number(document.documentElement.dataset.readingLine);
      window.scrollTo(0, window.scrollY + rect.top + rect.height * f - innerHeight * offset);
    },
    [index, fraction],
  );
}

/**
 * The step the reading rule gives from the page's own geometry: the last [data-step] whose top has passed the
 * reading line (within 1 px), else the first. Independent of the app's code.
 */
export async function stepByRule(page: Page): Promise<{ index: number; state: string; progress: number }> {
  return page.evaluate(() => {
    const line = innerHeight * Number(document.documentElement.dataset.readingLine);
    const steps = [...document.querySelectorAll<HTMLElement>('[data-step]')];
    const tops = steps.map((s) => s.getBoundingClientRect().top);
    let index = 0;
    tops.forEach((top, i) => {
      if (top <= line + 1) index = i;
    });
    const end = index + 1 < steps.length ? tops[index + 1] : steps[index].getBoundingClientRect().bottom;
    return { index, state: steps[index].dataset.step!, progress: Math.min(1, Math.max(0, (line - tops[index]) / (end - tops[index]))) };
  });
}

/** Resolves once the page has not scrolled for 10 animation frames. */
export async function scrollStill(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let last = -1;
        let still = 0;
        const check = () => {
          still = scrollY === last ? still + 1 : 0;
          last = scrollY;
          if (still >= 10) resolve();
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
}

export const map = (page: Page) => page.locator('#map');

/** Whether the element's rendering is skipped by an ancestor's `content-visibility: auto` (not laid out yet). */
export const isSkipped = (element: Locator): Promise<boolean> => element.evaluate((e) => !e.checkVisibility({ contentVisibilityAuto: true }));

/** The built geometry files (data/geo → /assets/<region>-<hash>.json). */
export const GEOMETRY = /\/assets\/(east-asia|europe)-[\w-]+\.json$/;

/** A small seeded generator (mulberry32), so a failing run can be replayed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BaseFill {
  panel: string;
  role: string;
  context: boolean;
  ids: string[];
}

/** The fill groups a base canvas records in its data-fills (src/map/canvas.ts baseRecord). */
export const parseFills = (record: string | null | undefined): BaseFill[] =>
  (record ?? '')
    .split('; ')
    .filter(Boolean)
    .map((entry) => {
      const [head, ids] = entry.split(': ');
      const [panel, role, ...flags] = head.split(' ');
      return { panel, role, context: flags.includes('context'), ids: ids.split(' ') };
    });

/**
 * What a map's base canvas painted: its fill groups as it records them, and how many distinct colours a grid
 * of its pixels shows (sea, land and fills: a painted map shows several).
 */
export async function baseOf(figure: Locator): Promise<{ fills: BaseFill[]; colours: number }> {
  const { record, colours } = await figure.locator('canvas.map-base').evaluate((canvas: HTMLCanvasElement) => {
    // Read from a copy: reading the page's own canvas back would change how the browser keeps it.
    const copy = document.createElement('canvas');
    [copy.width, copy.height] = [canvas.width, canvas.height];
    const context = copy.getContext('2d', { willReadFrequently: true })!;
    context.drawImage(canvas, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const seen = new Set<number>();
    for (let y = 0.0125; y < 1; y += 0.025)
      for (let x = 0.0125; x < 1; x += 0.025) {
        const i = (Math.floor(y * canvas.height) * canvas.width + Math.floor(x * canvas.width)) * 4;
        seen.add((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3]);
      }
    return { record: canvas.dataset.fills, colours: seen.size };
  });
  return { fills: parseFills(record), colours };
}


/** axe-core's whole default rule set on the page as it is now: no violation, else each one named with its nodes. */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, what).toEqual([]);
}

/** Records every layout shift from the page's first paint on (PerformanceObserver 'layout-shift', buffered); read with `shifts`. */
export async function recordShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { shifts: string[] };
    w.shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources: { node?: Node }[] }[]) {
        if (!e.hadRecentInput) w.shifts.push(`${e.value.toFixed(4)} ${e.sources.map((s) => (s.node as Element | undefined)?.className ?? s.node?.nodeName).join(', ')}`);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}
export const shifts = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { shifts: string[] }).shifts);
