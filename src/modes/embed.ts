/**
 * Embed mode: one section in an iframe. Previous/Next (and Play, only when the reader asks) → map.show(state);
 * the host page is told the exact height (src/embed/resize.ts) and, for its analytics, each step the reader
 * first reaches (src/embed/messages.ts). The page's text is prerendered HTML.
 */
import catalog from 'virtual:catalog';
import { progressMessage, type ProgressType } from '../embed/messages.ts';
import { startResizeMessages } from '../embed/resize.ts';
import { createMap } from '../map/map.ts';
import { states } from '../map/states.ts';
import { FINISH_EVENT, progressTracker, STEP_EVENT, type ProgressDetail } from '../share/progress.ts';
import { mountExploreLater as mountExplore } from '../ui/explore-later.ts';
import { motionReduced, mountMotionToggle } from '../ui/motion.ts';
import { startInTasks } from '../ui/next-task.ts';

/** How long Play leaves a step up: time to read it, within bounds. */
const readingTime = (step: HTMLElement): number => {
  const words = (step.querySelector('.step-body')?.textContent ?? '').split(/\s+/).length;
  return Math.min(20_000, Math.max(6_000, words * 300));
};

/**
 * Starts the embed in two tasks: what changes the layout, the map's first size read (the page's first layout, which
 * any page pays), the host's height and the first step's picture; then the controls' listeners. Returns a function
 * that stops whatever has started.
 */
export function startEmbed(): () => void {
  return startInTasks(start);
}

async function start(undo: (() => void)[], later: () => Promise<boolean>): Promise<void> {
  const main = document.querySelector<HTMLElement>('.embed-main')!;
  const section = main.querySelector<HTMLElement>('section.section')!;
  const steps = [...section.querySelectorAll<HTMLElement>('[data-step]')];
  const controls = main.querySelector<HTMLElement>('.embed-controls')!;
  const [prev, next, play] = ['.embed-prev', '.embed-next', '.embed-play'].map((s) => controls.querySelector<HTMLButtonElement>(s)!);
  const count = controls.querySelector<HTMLElement>('.embed-count')!;
  const figure = main.querySelector<HTMLElement>('#map')!;
  const toggle = figure.querySelector<HTMLButtonElement>('.motion-toggle');
  const reduceMotion = matchMedia('(prefers-reduced-motion: reduce)');
  let index = 0;
  let timer = 0;
  // One signal removes every listener on destroy.
  const listening = new AbortController();
  const { signal } = listening;

  const stop = (): void => {
    clearTimeout(timer);
    timer = 0;
    play.textContent = 'Play';
  };
  undo.push(() => {
    stop();
    listening.abort();
  });
  const offerPlay = (): void => {
    // Steps move on their own only when asked, and never for readers who ask for less motion.
    play.hidden = steps.length < 2 || motionReduced();
    if (play.hidden) stop();
  };
  /** The controls and the text at step `i`. */
  const mark = (i: number): void => {
    index = Math.max(0, Math.min(steps.length - 1, i));
    steps.forEach((s, k) => s.classList.toggle('is-active', k === index));
    prev.setAttribute('aria-disabled', String(index === 0));
    next.setAttribute('aria-disabled', String(index === steps.length - 1));
    count.textContent = `Step ${index + 1} of ${steps.length}`;
  };

  // Everything that changes the layout goes in before the first paint (nothing moves after it): the live layout (the
  // map is hidden without JavaScript), the controls, the map's tools, the first step's key; the map's first size read
  // is the page's first layout.
  main.classList.add('is-live');
  controls.hidden = steps.length < 2;
  if (toggle) mountMotionToggle(toggle, signal);
  offerPlay();
  mark(0);
  const map = createMap(figure, { catalog, states, reducedMotion: motionReduced });
  undo.push(() => map.destroy());
  const explore = mountExplore(figure, map, catalog);
  undo.push(() => explore.destroy());
  const resize = startResizeMessages(section.id);
  undo.push(() => resize.stop());

  // Progress goes to the host page, as the height does (to any origin: it carries only ids and counts).
  const progress = new EventTarget();
  const reached = progressTracker(steps.length, progress);
  for (const type of [STEP_EVENT, FINISH_EVENT] as ProgressType[]) {
    progress.addEventListener(type, (e) => {
      if (window.parent !== window) window.parent.postMessage(progressMessage(type, (e as CustomEvent<ProgressDetail>).detail), '*');
    });
  }
  const show = (i: number): void => {
    mark(i);
    map.show(steps[index].dataset.step!);
    reached(section.id, steps[index].dataset.step!, index + 1);
    map.prefetch(steps.slice(index + 1).map((s) => s.dataset.step!));
  };
  // The first step's picture is asked for now, its key written before the first paint (the live figure's is empty).
  show(0);
  if (!(await later())) return;

  const advance = (): void => {
    timer = window.setTimeout(() => {
      show(index + 1);
      if (index < steps.length - 1) advance();
      else stop();
    }, readingTime(steps[index]));
  };

  prev.addEventListener(
    'click',
    () => {
      stop();
      if (index > 0) show(index - 1);
    },
    { signal },
  );
  next.addEventListener(
    'click',
    () => {
      stop();
      if (index < steps.length - 1) show(index + 1);
    },
    { signal },
  );
  play.addEventListener(
    'click',
    () => {
      if (timer) return stop();
      if (index === steps.length - 1) show(0);
      play.textContent = 'Pause';
      advance();
    },
    { signal },
  );
  reduceMotion.addEventListener('change', offerPlay, { signal });
  toggle?.addEventListener('click', offerPlay, { signal });
  resize.send(true);
}

startEmbed();
