/**
 * The reading line: the height, as a fraction of the viewport, at which a step "is being read". Half way
 * down beside a sticky map; lower on a phone, where the map covers the top of the screen.
 */
const narrow = matchMedia('(max-width: 899px)');

export const readingOffset = (): 0.5 | 0.7 => (narrow.matches ? 0.7 : 0.5);

/** Calls `change` when the layout (and so the reading line) switches; returns a function that stops it. */
export function onReadingOffsetChange(change: (offset: 0.5 | 0.7) => void): () => void {
  const listener = (): void => change(readingOffset());
  narrow.addEventListener('change', listener);
  return () => narrow.removeEventListener('change', listener);
}

/** The index of the step at the reading line: the last whose top has reached it (-1 above the first step). */
export const stepAtLine = (steps: HTMLElement[], line: number): number => steps.filter((s) => s.getBoundingClientRect().top <= line + 1).length - 1;
