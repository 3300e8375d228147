/**
 * The one scroll model: the scroll position → { index, progress } of the step being read. The rule: the step
 * being read is the last step whose top has passed the reading line; a gap belongs to the step above it; above
 * the first step, the first step. Read at each scroll event while scrolling (browsers send at most one per frame,
 * before its animation frame callbacks), again when scrolling stops (an idle timer: older Safari has no
 * scrollend), and on resize, rotation, load, hash and history changes. The map, the stepper, the active class and
 * progress events subscribe to it; nothing else decides the current step.
 *
 * Where the steps are on the page (px from its top) is measured once and kept until the layout changes — a resize,
 * the page's content growing or shrinking, a step crossing the reading line without a scroll (`wake`), a read asked
 * for — so a reading while scrolling is `scrollY` and arithmetic: no layout is read, none forced. (Measured on a
 * phone at 4× slower CPU, wheel-scrolling the whole story: the steps' boxes were read at every scroll event, 0.25 s.)
 */

export interface Reading {
  /** The step being read (index into the steps). */
  index: number;
  /** How far the reading line is through that step and the gap below it, 0–1. */
  progress: number;
}

/** Why a reading was taken: `idle` when scrolling has stopped (or the layout changed), not mid-scroll. */
export interface ReadingNote {
  previous: Reading | null;
  idle: boolean;
  /**
   * In how many ms, at the speed the reader is scrolling, the next step (the way they are going) reaches the reading
   * line: Infinity when they are not scrolling on (idle, a jump, a single step).
   */
  nextIn: number;
}

export type ReadingListener = (reading: Reading, note: ReadingNote) => void;

export interface ScrollModel {
  /** The latest reading. */
  current(): Reading;
  /** Calls `listener` with every new reading (and every reading once scrolling stops); returns an unsubscribe. */
  subscribe(listener: ReadingListener): () => void;
  /** Reads the page now (the layout or the reading line changed). */
  read(idle?: boolean): void;
  /**
   * Something may have moved the steps (an observer saw one cross the reading line): measures them again at the
   * next frame, and reads once more when scrolling stops.
   */
  wake(): void;
  destroy(): void;
}

/** Milliseconds without a scroll event after which scrolling has stopped. */
export const IDLE_MS = 120;
/**
 * Scroll events at most this far apart (ms) are one continuous scroll, whose speed is measured; farther, a jump. A
 * slow phone's frame can take 100 ms or more while the reader flings on.
 */
const CONTINUOUS_MS = 250;

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/**
 * The rule, on plain numbers: `tops` of the steps in document order (viewport px), `end` the bottom of the last
 * step, `line` the reading line (px). A top within 1 px of the line counts as past it (sub-pixel layout).
 */
export function readingAt(tops: number[], end: number, line: number): Reading {
  let index = 0;
  for (let i = 0; i < tops.length; i++) if (tops[i] <= line + 1) index = i;
  const from = tops[index];
  const to = index + 1 < tops.length ? tops[index + 1] : end;
  return { index, progress: to > from ? clamp01((line - from) / (to - from)) : 1 };
}

/** The model over `steps`; `line()` is the reading line as a fraction of the viewport height. */
export function createScrollModel(steps: HTMLElement[], line: () => number): ScrollModel {
  const listeners = new Set<ReadingListener>();
  let reading: Reading | null = null;
  let frame = 0;
  let idle = 0;

  /** The steps' tops and the last one's bottom, in px from the top of the page; null until measured after a change. */
  let placed: { tops: number[]; end: number } | null = null;
  const place = (): { tops: number[]; end: number } => {
    if (placed) return placed;
    const y = scrollY;
    const tops = steps.map((s) => s.getBoundingClientRect().top + y);
    const end = steps.length ? steps[steps.length - 1].getBoundingClientRect().bottom + y : 0;
    return (placed = { tops, end });
  };
  const measure = (): Reading => {
    const { tops, end } = place();
    const y = scrollY;
    return readingAt(
      tops.map((t) => t - y),
      end - y,
      innerHeight * line(),
    );
  };

  /** The reader's scrolling speed (px/ms, down positive), smoothed over a continuous scroll's events; 0 after a pause. */
  let speed = 0;
  let last: { y: number; t: number } | null = null;
  const track = (still: boolean): void => {
    const now = { y: scrollY, t: performance.now() };
    const dt = last ? now.t - last.t : Infinity;
    if (still || !last || dt > CONTINUOUS_MS) speed = 0;
    else if (dt > 0) speed = 0.5 * speed + (0.5 * (now.y - last.y)) / dt;
    last = now;
  };
  /** When, at that speed, the next step the reader is heading for reaches the reading line (ms). */
  const nextIn = ({ index }: Reading): number => {
    if (Math.abs(speed) < 1e-3) return Infinity;
    const { tops } = place();
    const at = scrollY + innerHeight * line();
    const distance = speed > 0 ? (tops[index + 1] ?? Infinity) - at : at - tops[index];
    return Math.max(0, distance) / Math.abs(speed);
  };

  const read = (still = false): void => {
    track(still);
    const next = measure();
    const previous = reading;
    if (!still && previous && previous.index === next.index && previous.progress === next.progress) return;
    reading = next;
    const note = { previous, idle: still, nextIn: nextIn(next) };
    for (const listener of listeners) listener(next, note);
  };

  /** One read per animation frame, however many scroll events arrive. */
  const onFrame = (): void => {
    frame = 0;
    read();
  };
  const schedule = (): void => {
    if (!frame) frame = requestAnimationFrame(onFrame);
  };
  /** Scrolling (or a layout change) has stopped: read once more, as a settled reading. */
  const later = (): void => {
    clearTimeout(idle);
    idle = window.setTimeout(() => read(true), IDLE_MS);
  };
  // The browser sends at most one scroll event per frame, before its animation frame callbacks: reading there finds
  // the layout still clean, where a read in a callback after the map has drawn would force a fresh layout.
  const onScroll = (): void => {
    read();
    later();
  };
  const onLayout = (): void => {
    placed = null;
    schedule();
    later();
  };

  const listening = new AbortController();
  const { signal } = listening;
  addEventListener('scroll', onScroll, { passive: true, signal });
  for (const type of ['resize', 'orientationchange', 'load', 'hashchange', 'popstate', 'pageshow']) addEventListener(type, onLayout, { signal });
  // Text that grows or shrinks (fonts arriving, a dialog, a zoom, a table opened) moves the steps without a scroll
  // event: the page's height changes with it, above the story or in it.
  const sizes = new ResizeObserver(onLayout);
  sizes.observe(document.body);

  return {
    current: () => (reading ??= measure()),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    read: (still = true) => {
      placed = null;
      read(still);
    },
    wake: onLayout,
    destroy() {
      listening.abort();
      sizes.disconnect();
      cancelAnimationFrame(frame);
      clearTimeout(idle);
      listeners.clear();
    },
  };
}
