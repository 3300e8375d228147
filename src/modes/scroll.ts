/** Scroll mode: scrollama step events → map.show(state). The page's text is prerendered HTML. */
import scrollama from 'scrollama';
import catalog from 'virtual:catalog';
import { createMap } from '../map/map.ts';
import { states } from '../map/states.ts';

/** The step at the reading line: the last one whose top has passed it (the first step before any has). */
function stepAt(steps: HTMLElement[], line: number): HTMLElement {
  const passed = steps.filter((s) => s.getBoundingClientRect().top <= line);
  return passed[passed.length - 1] ?? steps[0];
}

export function startScroll(): () => void {
  const root = document.querySelector<HTMLElement>('#map')!;
  const steps = [...document.querySelectorAll<HTMLElement>('[data-step]')];
  const map = createMap(root, { catalog, states });
  const narrow = matchMedia('(max-width: 899px)').matches;
  const offset = narrow ? 0.7 : 0.5;

  const activate = (step: HTMLElement): void => {
    for (const s of steps) s.classList.toggle('is-active', s === step);
    map.show(step.dataset.step!);
  };

  const scroller = scrollama();
  // The first state comes from the scroll position, so a deep link or a reload mid-story opens right.
  activate(stepAt(steps, innerHeight * offset));
  scroller
    .setup({ step: steps, offset })
    .onStepEnter(({ element }) => activate(element));

  const onResize = () => scroller.resize();
  addEventListener('resize', onResize);
  return () => {
    removeEventListener('resize', onResize);
    scroller.destroy();
    map.destroy();
  };
}

// After load: the browser has applied the #section jump or the restored scroll position by then.
if (document.readyState === 'complete') startScroll();
else addEventListener('load', () => startScroll(), { once: true });
