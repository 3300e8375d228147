import { expect, type Page } from '@playwright/test';

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

export async function stepsOf(page: Page): Promise<StepInfo[]> {
  return page.locator('[data-step]').evaluateAll((els) =>
    els.map((e) => ({ state: (e as HTMLElement).dataset.step!, section: (e as HTMLElement).dataset.section! })),
  );
}

/** Scrolls so that the reading line (offset × viewport height) sits `fraction` of the way into step `index`. */
export async function scrollToStep(page: Page, index: number, fraction = 0.5): Promise<void> {
  await page.evaluate(
    ([i, f]) => {
      const step = document.querySelectorAll<HTMLElement>('[data-step]')[i];
      const rect = step.getBoundingClientRect();
      const offset = matchMedia('(max-width: 899px)').matches ? 0.7 : 0.5;
      window.scrollTo(0, window.scrollY + rect.top + rect.height * f - innerHeight * offset);
    },
    [index, fraction],
  );
}

export const map = (page: Page) => page.locator('#map');
