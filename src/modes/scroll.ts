/** Scroll mode: scrollama step events → map.show(state). The page's text is prerendered HTML. */
import scrollama from 'scrollama';
import catalog from 'virtual:catalog';
import { createMap } from '../map/map.ts';
import { states } from '../map/states.ts';

/** The step nearest the reading line when the page opens (a deep link, a reload mid-story). */
function stepInView(steps: HTMLElement[], line: number): HTMLElement | undefined {
  const hashed = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  const inHashed = hashed?.matches('section.section') ? hashed.querySelector<HTMLElement>('[data-step]') : null;
  if (inHashed && Math.abs(inHashed.getBoundingClientRect().top) < innerHeight) return inHashed;
  return steps.find((s) => s.getBoundingClientRect().bottom > line) ?? steps[steps.length - 1];
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
  scroller
    .setup({ step: steps, offset })
    .onStepEnter(({ element }) => activate(element));
  const first = stepInView(steps, innerHeight * offset);
  if (first) activate(first);

  const onResize = () => scroller.resize();
  addEventListener('resize', onResize);
  return () => {
    removeEventListener('resize', onResize);
    scroller.destroy();
    map.destroy();
  };
}

startScroll();
