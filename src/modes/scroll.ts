/**
 * Scroll mode: scrollama's step and progress events → the map. A step whose state is a progression
 * is scrubbed by the reader's position within it; any other step change plays a short transition.
 * The page's text is prerendered HTML; this only adds the map.
 */
import scrollama from 'scrollama';
import catalog from 'virtual:catalog';
import { createMap } from '../map/map.ts';
import { states } from '../map/states.ts';
import { motionReduced, mountMotionToggle } from '../ui/motion.ts';
import { onReadingOffsetChange, readingOffset, stepAtLine } from '../ui/reading-line.ts';
import { mountStepper } from '../ui/stepper.ts';
import '../share/embed-dialog.ts'; // "Embed this section" buttons


export function startScroll(): () => void {
  const root = document.querySelector<HTMLElement>('#map')!;
  const steps = [...document.querySelectorAll<HTMLElement>('[data-step]')];
  const ids = steps.map((s) => s.dataset.step!);
  // `?bench` exposes the map's per-frame work to the benchmark (npm run bench); nothing else reads it.
  const bench: number[] | null = new URLSearchParams(location.search).has('bench') ? [] : null;
  if (bench) (window as unknown as { __mapWork: number[] }).__mapWork = bench;
  const map = createMap(root, { catalog, states, reducedMotion: motionReduced, onDraw: bench ? (ms) => bench.push(ms) : undefined });
  let offset = readingOffset();
  const toggle = root.querySelector<HTMLButtonElement>('.motion-toggle');
  const listening = new AbortController();
  if (toggle) mountMotionToggle(toggle, listening.signal);
  const unmountStepper = mountStepper(root.parentElement!, steps); // Previous / Next step

  const progression = (i: number): boolean => !!states[ids[i]].progression;
  let active = -1;
  // The step the page opened on shows its whole picture: the reader arrived there, not scrolled through it.
  let opened = -1;
  const scrubbed = (i: number): boolean => progression(i) && i !== opened;
  const activate = (i: number, progress: number): void => {
    active = i;
    if (i !== opened) opened = -1;
    steps.forEach((s, j) => s.classList.toggle('is-active', j === i));
    if (scrubbed(i)) map.scrub(i > 0 ? ids[i - 1] : null, ids[i], progress);
    else map.show(ids[i]);
    map.prefetch(ids.slice(i + 1, i + 4));
  };

  /** How far the reading line is through step i (read on step changes only, never per frame). */
  const progressIn = (i: number): number => {
    const rect = steps[i].getBoundingClientRect();
    return Math.min(1, Math.max(0, (innerHeight * offset - rect.top) / rect.height));
  };

  // The first state comes from the scroll position, so a deep link or a reload mid-story opens right.
  const first = Math.max(0, stepAtLine(steps, innerHeight * offset));
  opened = first;
  activate(first, progressIn(first));

  // A jump to a section (a deep link, a table-of-contents link) arrives at its first step whole.
  const arrive = (): void => {
    // Section ids are plain slugs, so no decoding: a malformed escape (#%E0%A4%A) would throw here.
    const section = document.getElementById(location.hash.slice(1));
    const step = section?.matches('section.section') ? steps.indexOf(section.querySelector<HTMLElement>('[data-step]')!) : -1;
    if (step >= 0) {
      opened = step;
      activate(step, 1);
    }
  };
  arrive();
  addEventListener('hashchange', arrive);

  const scroller = scrollama();
  scroller
    .setup({ step: steps, offset, progress: true })
    .onStepEnter(({ index }) => activate(index, progressIn(index)))
    .onStepProgress(({ index, progress }) => {
      // scrollama also reports the step being left; only the active step drives the map.
      if (index === active && scrubbed(index)) map.scrub(index > 0 ? ids[index - 1] : null, ids[index], progress);
    });

  /**
   * A safety net under scrollama's observers (rebuilt on a resize, so they can miss a step entered meanwhile):
   * when scrolling stops or the layout changes, the step under the reading line is the active one.
   */
  const resync = (): void => {
    const i = stepAtLine(steps, innerHeight * offset);
    if (i < 0 || i === active) return;
    const rect = steps[i].getBoundingClientRect();
    if (rect.bottom >= innerHeight * offset) activate(i, progressIn(i));
  };
  const onResize = () => {
    scroller.resize();
    requestAnimationFrame(resync);
  };
  addEventListener('resize', onResize);
  addEventListener('scrollend', resync);
  // Across the phone/wide layout switch the reading line moves: scrollama's trigger moves with it.
  const stopOffsetWatch = onReadingOffsetChange((next) => {
    offset = next;
    // scrollama 3.2's runtime offset(): its index.d.ts declares only offsetTrigger.
    (scroller as unknown as { offset(value: number): void }).offset(next);
  });
  return () => {
    removeEventListener('resize', onResize);
    removeEventListener('scrollend', resync);
    stopOffsetWatch();
    removeEventListener('hashchange', arrive);
    listening.abort();
    unmountStepper();
    scroller.destroy();
    map.destroy();
  };
}

// After load: the browser has applied the #section jump or the restored scroll position by then.
if (document.readyState === 'complete') startScroll();
else addEventListener('load', () => startScroll(), { once: true });
