/**
 * Previous / Next step on the scroll page: each press brings the neighbouring step to the reading line, where
 * the scroll mode shows its map. Focus stays on the pressed button, so pressing again walks on; Tab from the
 * stepper goes on into the step the reader is at (not back to the top of the story). Scrolls smoothly unless
 * the reader asks for less motion.
 */
import { motionReduced } from './motion.ts';
import { readingOffset, stepAtLine } from './reading-line.ts';

/** Space kept between a step brought into view and whatever covers the top of the page (the phone's sticky map). */
const GAP = 16;

function stepButton(className: string, glyph: string, word: string): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `stepper-button ${className}`;
  const icon = document.createElement('span');
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = glyph;
  const label = document.createElement('span');
  label.className = 'stepper-label';
  const rest = document.createElement('span');
  rest.className = 'visually-hidden';
  rest.textContent = ' step';
  label.append(word, rest);
  button.append(icon, label);
  return button;
}

/** Mounts the stepper in `container` (the sticky map panel) for `steps`. Returns a function that removes it. */
export function mountStepper(container: HTMLElement, steps: HTMLElement[]): () => void {
  const group = document.createElement('div');
  group.className = 'stepper';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', 'Story steps');
  const prev = stepButton('stepper-prev', '↑', 'Previous');
  const next = stepButton('stepper-next', '↓', 'Next');
  group.append(prev, next);
  container.append(group);

  /** Where a smooth scroll is heading, so a second press during it counts from there. */
  let aim: number | null = null;
  let settle = 0;
  const line = (): number => innerHeight * readingOffset();
  const current = (): number => stepAtLine(steps, line());

  const sync = (): void => {
    const at = aim ?? current();
    prev.setAttribute('aria-disabled', String(at <= 0));
    next.setAttribute('aria-disabled', String(at >= steps.length - 1));
  };

  const go = (target: number): void => {
    if (target < 0 || target >= steps.length) return;
    const rect = steps[target].getBoundingClientRect();
    // Where the page's top is covered (the phone's sticky map lies over the text), the step lands below it.
    const panel = container.getBoundingClientRect();
    const covered = panel.left < rect.right && rect.left < panel.right ? Math.max(0, panel.bottom) : 0;
    // Centred on the reading line, so its map shows whole; a tall step shows its beginning instead.
    const top = Math.min(line() - 2, Math.max(covered + GAP, line() - rect.height / 2));
    const distance = rect.top - top;
    if (Math.abs(distance) < 1) return;
    aim = target;
    clearTimeout(settle);
    settle = window.setTimeout(arrived, 2000); // in case no scrollend comes (the page could not scroll that far)
    scrollTo({ top: scrollY + distance, behavior: motionReduced() ? 'auto' : 'smooth' });
    sync();
  };

  const onPrev = (): void => go((aim ?? current()) - 1);
  const onNext = (): void => go((aim ?? current()) + 1);
  function arrived(): void {
    clearTimeout(settle);
    aim = null;
    sync();
  }
  /** Tab from the stepper continues at the reader's place: the current step, or its section's heading. */
  const onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Tab' || event.shiftKey || event.target !== next) return;
    const step = steps[aim ?? current()];
    if (!step) return;
    const first = step.closest('section')?.querySelector('[data-step]') === step;
    const target = (first && step.closest('section')?.querySelector<HTMLElement>('h1, h2')) || step;
    if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
    event.preventDefault();
    target.focus({ preventScroll: true });
  };

  prev.addEventListener('click', onPrev);
  next.addEventListener('click', onNext);
  group.addEventListener('keydown', onKey);
  addEventListener('scrollend', arrived);
  // The scroll mode marks the active step; the buttons' ends follow it.
  const watch = new MutationObserver(() => aim === null && sync());
  for (const step of steps) watch.observe(step, { attributes: true, attributeFilter: ['class'] });
  sync();

  return () => {
    clearTimeout(settle);
    watch.disconnect();
    removeEventListener('scrollend', arrived);
    group.remove();
  };
}
