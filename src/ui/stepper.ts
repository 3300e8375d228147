/**
 * Previous / Next step on the scroll page: the neighbours of the step whose picture is shown (the scroll
 * model's step). Each press scrolls the neighbour to its read position, where the model picks it. Focus stays on
 * the pressed button, so pressing again walks on; Tab from the stepper goes on into the step the reader is at
 * (not back to the top of the story). Scrolls smoothly unless the reader asks for less motion.
 */
import { motionReduced } from './motion.ts';
import type { ScrollModel } from './scroll-model.ts';

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

/**
 * Mounts the stepper at the start of `container` (the map's caption bar) for `steps`, driven by `model`; `readAt`
 * gives where a step's top is brought for it to be read (px from the viewport's top). Returns a function that removes it.
 */
export function mountStepper(container: HTMLElement, steps: HTMLElement[], model: ScrollModel, readAt: (step: HTMLElement) => number): () => void {
  const group = document.createElement('div');
  group.className = 'stepper';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', 'Story steps');
  const prev = stepButton('stepper-prev', '↑', 'Previous');
  const next = stepButton('stepper-next', '↓', 'Next');
  group.append(prev, next);
  container.prepend(group);

  /** Where a smooth scroll is heading, so a second press during it counts from there. */
  let aim: number | null = null;
  let stuck = 0;
  const at = (): number => aim ?? model.current().index;

  /** Written only when it changes: this runs at every reading, and a write restyles the button (its CSS reads it). */
  const disable = (button: HTMLButtonElement, off: boolean): void => {
    if (button.getAttribute('aria-disabled') !== String(off)) button.setAttribute('aria-disabled', String(off));
  };
  const sync = (): void => {
    disable(prev, at() <= 0);
    disable(next, at() >= steps.length - 1);
  };

  const go = (target: number): void => {
    if (target < 0 || target >= steps.length) return;
    const distance = steps[target].getBoundingClientRect().top - readAt(steps[target]);
    if (Math.abs(distance) < 1) return;
    aim = target;
    const from = scrollY;
    scrollTo({ top: from + distance, behavior: motionReduced() ? 'auto' : 'smooth' });
    // A page that could not scroll at all sends no scroll event, so the model would never clear the aim.
    clearTimeout(stuck);
    stuck = window.setTimeout(() => scrollY === from && model.read(true), 300);
    sync();
  };

  /** Tab from the stepper continues at the reader's place: the current step, or its section's heading. */
  const onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Tab' || event.shiftKey || event.target !== next) return;
    const step = steps[at()];
    if (!step) return;
    const first = step.closest('section')?.querySelector('[data-step]') === step;
    const target = (first && step.closest('section')?.querySelector<HTMLElement>('h1, h2')) || step;
    if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
    event.preventDefault();
    target.focus({ preventScroll: true });
  };

  const onPrev = (): void => go(at() - 1);
  const onNext = (): void => go(at() + 1);
  prev.addEventListener('click', onPrev);
  next.addEventListener('click', onNext);
  group.addEventListener('keydown', onKey);
  // Once scrolling stops, the shown step is where the reader is, whether or not the aim was reached.
  const stop = model.subscribe((_, { idle }) => {
    if (idle) aim = null;
    sync();
  });
  sync();

  return () => {
    clearTimeout(stuck);
    stop();
    group.remove();
  };
}
