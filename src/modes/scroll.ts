/**
 * Scroll mode: the scroll model's { step, progress } → the map, the stepper, the active step and progress
 * events. A progression step is scrubbed by the reader's position in it and completes when scrolling stops; any
 * other step change plays a short transition. The page's text is prerendered HTML; this only adds the map.
 */
import scrollama from 'scrollama';
import catalog from 'virtual:catalog';
import { SHORTEST_FLIGHT_MS } from '../map/interpolate.ts';
import { createMap, SCRUB_COMPLETE as COMPLETE } from '../map/map.ts';
import { states } from '../map/states.ts';
import { progressTracker } from '../share/progress.ts';
import { motionReduced, mountMotionToggle } from '../ui/motion.ts';
import { startInTasks } from '../ui/next-task.ts';
import { isWideLayout, publishReadingLine, readingLine, readPosition, titleAbove } from '../ui/reading-line.ts';
import { createScrollModel, type Reading, type ReadingNote } from '../ui/scroll-model.ts';
import { mountExploreLater as mountExplore } from '../ui/explore-later.ts';
import { mountStepper } from '../ui/stepper.ts';
import { followUrl } from '../ui/url.ts';
import { attachEmbedControls } from '../share/embed-dialog.ts';

/** The least part of a phone's map (under its caption bar) kept for the subject, however long a card. */
const SUBJECT_FLOOR = 0.36;

/**
 * Starts the map, its tools and the scroll model in a few short tasks (on a phone's slowed CPU the start was one task
 * of 140–300 ms): what changes the page's layout; the layout read once, with the map; the fit; the first reading,
 * which asks for the first picture; then scrollama and the address. Returns a function that stops whatever has started.
 */
export function startScroll(options: { landedOn?: HTMLElement | null } = {}): () => void {
  return startInTasks((undo, later) => start(options, undo, later));
}

async function start({ landedOn = null }: { landedOn?: HTMLElement | null }, undo: (() => void)[], next: () => Promise<boolean>): Promise<void> {
  // The module's evaluation was a task's work already.
  if (!(await next())) return;
  const root = document.querySelector<HTMLElement>('#map')!;
  const bar = root.querySelector<HTMLElement>('figcaption')!;
  const svg = root.querySelector<SVGSVGElement>('svg.map-svg')!;
  const steps = [...document.querySelectorAll<HTMLElement>('[data-step]')];
  const ids = steps.map((s) => s.dataset.step!);
  const model = createScrollModel(steps, readingLine);
  undo.push(() => model.destroy());
  const listening = new AbortController();
  undo.push(() => listening.abort());
  // What changes the page's layout goes in first, and the layout is read after all of it, once (each read after a
  // change lays the whole story out again: 30–60 ms on a phone's slowed CPU). The embed buttons too: a long kicker and
  // its button can take two lines where the button's placeholder took one.
  const toggle = root.querySelector<HTMLButtonElement>('.motion-toggle');
  if (toggle) {
    bar.append(toggle); // the caption bar holds the map's controls, over the map on a phone
    mountMotionToggle(toggle, listening.signal);
  }
  attachEmbedControls();
  if (!(await next())) return;
  /** The foot of what lies over the map's top on a phone (its caption bar, and the tools under it). */
  let ceiling = 0;
  const readAt = (step: HTMLElement): number => readPosition(step, ceiling);
  // The stepper's first reading lays the page out; the map's first size read then finds it laid out.
  undo.push(mountStepper(bar, steps, model, readAt));
  const map = createMap(root, { catalog, states, reducedMotion: motionReduced });
  undo.push(() => map.destroy());
  const explore = mountExplore(root, map, catalog);
  undo.push(() => explore.destroy());
  if (!(await next())) return;
  // The key and explore's controls hang under a phone's caption bar: the map frames its subject below them.
  const tools = root.querySelector<HTMLElement>('.map-tools')!;
  const key = root.querySelector<HTMLDetailsElement>('.map-key');
  // A phone's key and the NATO card's table wait to be asked for; beside the map, both show.
  const folds = (): void => {
    if (key) key.open = isWideLayout();
    for (const table of document.querySelectorAll<HTMLDetailsElement>('.scrolly .data-details')) table.open = isWideLayout();
  };

  const sections = [...document.querySelectorAll<HTMLElement>('.scrolly section.section')];
  /**
   * On a phone the map fills the screen under the caption bar, and a card is read whole near the screen's foot
   * (readPosition): the subject is framed between the bar (with the tools under it) and the highest place where a
   * card, with its section's title, is read — never in less than SUBJECT_FLOOR of the map, so on the smallest
   * screens a long card's last lines pass over the subject's foot. A jump to a section (a link, the address)
   * lands its first card at that same place.
   */
  const fit = (): void => {
    // While the reader explores, the camera is theirs: the key and the place list open over the map, moving nothing.
    if (root.hasAttribute('data-exploring')) return;
    if (isWideLayout()) {
      for (const section of sections) section.style.scrollMarginTop = '';
      return map.setPadding({ top: 0, right: 0, bottom: 0, left: 0 });
    }
    // Sizes, not positions: both stick to the top of the screen once the story is reached. A row of tools under
    // the bar lowers the subject's top; a column of them at the right edge (a small phone) keeps it left of them.
    const [barBox, toolsBox, svgBox] = [bar, tools, svg].map((e) => e.getBoundingClientRect());
    const column = getComputedStyle(tools).flexDirection === 'column';
    // No card is read under either.
    ceiling = barBox.height + Math.max(0, toolsBox.bottom - barBox.bottom);
    const top = column ? barBox.height : ceiling;
    const right = column ? Math.max(0, svgBox.right - toolsBox.left) : 0;
    const height = svgBox.height;
    // A card whose table the reader opened is read over the map by choice: it does not shrink every other picture.
    const cards = steps.filter((step) => !step.querySelector('details[open]'));
    const foot = Math.min(...cards.map((step) => readAt(step) - titleAbove(step))) - 4;
    const bottom = height - Math.max(foot, top + SUBJECT_FLOOR * (height - top));
    map.setPadding({ top, right, bottom: Math.max(0, bottom), left: 0 });
    // Every position read before any is written: a write between two reads would have each read restyle the page.
    const margins = sections.map((section) => {
      const first = section.querySelector<HTMLElement>('[data-step]');
      return first ? `${Math.round(readAt(first) - titleAbove(first))}px` : null;
    });
    sections.forEach((section, i) => margins[i] !== null && (section.style.scrollMarginTop = margins[i]));
  };
  // scrollama only wakes the model: its observers see a step cross the reading line even when no scroll event
  // comes (a layout change above it); the model alone decides which step is read. Set up a task after the first
  // picture is asked for (below): it measures every step.
  let observer: ReturnType<typeof scrollama> | null = null;
  if (!(await next())) return;
  // A link into a section opened the page (`landedOn`, seen at load by src/modes/scroll-entry.ts): the browser brought
  // the section under the caption bar before this script knew where its first card is read; once it does (fit), the
  // section goes there.
  undo.push(publishReadingLine(() => {
    folds();
    fit();
    // scrollama 3.2's runtime offset(): its index.d.ts declares only offsetTrigger.
    (observer as unknown as { offset(value: number): void } | null)?.offset(readingLine());
    model.read();
  }));
  if (landedOn && !isWideLayout()) {
    landedOn.scrollIntoView();
    model.read(); // the first reading is where the section went, not where the browser's jump had left it
  }

  const reached = progressTracker(steps.length);
  const progression = (i: number): boolean => !!states[ids[i]].progression;
  /** The step shown whole: the reader arrived there (page load, a section link), not scrolled through it. */
  let opened = -1;
  /** Where a progression completed because the reader stopped in it: below there it scrubs back, above it stays whole. */
  let completedAt: number | null = null;

  const onReading = ({ index: i, progress }: Reading, { previous, idle, nextIn }: ReadingNote): void => {
    if (previous?.index !== i) {
      if (i !== opened) opened = -1;
      completedAt = null;
      steps.forEach((s, j) => s.classList.toggle('is-active', j === i));
      // The state the reader comes to next first (its picture is painted ahead): the one above when they scroll up.
      const up = previous !== null && previous.index > i;
      map.prefetch((up ? [i - 1, i + 1, i + 2] : [i + 1, i + 2, i + 3]).filter((k) => k >= 0 && k < ids.length).map((k) => ids[k]));
      reached(steps[i].dataset.section!, ids[i], i + 1);
    }
    // A reader flinging past the steps sees each one's picture at once: a flight that could not land before the next
    // step arrives is a cut (map.show's landBy), and a progression passed faster than the shortest flight shows its
    // end. The map keeps up with the words instead of chasing them, and a slow phone is not asked for a flight's frames
    // while it scrolls (README: Performance).
    if (!progression(i) || i === opened) return map.show(ids[i], { landBy: nextIn });
    // Wherever the reader stops or flings past, the picture finishes; scrolling back up from that point reverses it.
    if (idle || nextIn < SHORTEST_FLIGHT_MS) completedAt = Math.max(1e-3, Math.min(COMPLETE, progress));
    if (completedAt !== null && progress >= completedAt) return map.show(ids[i], { landBy: nextIn });
    const t = completedAt === null ? progress : (COMPLETE * progress) / completedAt;
    map.scrub(i > 0 ? ids[i - 1] : null, ids[i], t);
  };

  // A jump to a section (a deep link, a table-of-contents link) arrives at its first step whole, if it is read there.
  const arrive = (): void => {
    // Section ids are plain slugs, so no decoding: a malformed escape (#%E0%A4%A) would throw here.
    const section = document.getElementById(location.hash.slice(1));
    if (section?.matches('section.section')) opened = steps.indexOf(section.querySelector<HTMLElement>('[data-step]')!);
  };
  if (!(await next())) return;
  // The first reading comes from the scroll position, so a deep link or a reload mid-story opens right.
  opened = model.current().index;
  addEventListener('hashchange', arrive, { signal: listening.signal });
  undo.push(model.subscribe(onReading));
  onReading(model.current(), { previous: null, idle: true, nextIn: Infinity });
  addEventListener('resize', fit, { signal: listening.signal });

  // The rest waits a task, so the first picture's request is not held up by it: scrollama, the tools' size, the address.
  if (!(await next())) return;
  const toolsSize = new ResizeObserver(() => fit());
  toolsSize.observe(tools);
  undo.push(() => toolsSize.disconnect());
  observer = scrollama();
  observer.setup({ step: steps, offset: readingLine() }).onStepEnter(model.wake).onStepExit(model.wake);
  undo.push(() => observer?.destroy());
  // The address carries the section being read; above the story, none; past it (the colophon), the last section's,
  // unless it names where a link the reader followed went (src/ui/url.ts).
  const colophon = document.querySelector<HTMLElement>('.colophon');
  undo.push(
    followUrl(model, steps, () => {
      const line = innerHeight * readingLine() + 1;
      if (steps[0].getBoundingClientRect().top > line) return 'above';
      return colophon && colophon.getBoundingClientRect().top < line ? 'below' : null;
    }),
  );
}
