/**
 * The reading line: the height, as a fraction of the viewport, at which a step "is being read", and where a
 * step is brought to be read. Wide layouts (the map beside the text, including phones held sideways): half way
 * down. Phones and tablets in portrait, where step cards scroll over a full-screen map: 0.6, where a card arrives
 * when it is read; a card longer than the room under the line is read whole a little higher (readPosition), and
 * the map frames its subject above every card's read place.
 */

/** The wide layout's media query; src/styles.css repeats it (a media query cannot read a variable). */
export const WIDE_LAYOUT = '(min-width: 900px), (min-width: 600px) and (min-aspect-ratio: 4/3)';
const wideLayout = matchMedia(WIDE_LAYOUT);

export const isWideLayout = (): boolean => wideLayout.matches;

/** The reading line for the current layout, as a fraction of the viewport height. */
export const readingLine = (): 0.5 | 0.6 => (wideLayout.matches ? 0.5 : 0.6);

/** Marks <html data-reading-line> with the current layout's line (the public contract), and keeps it current. */
export function publishReadingLine(change?: () => void): () => void {
  const publish = (): void => {
    document.documentElement.dataset.readingLine = String(readingLine());
    change?.();
  };
  publish();
  wideLayout.addEventListener('change', publish);
  return () => wideLayout.removeEventListener('change', publish);
}

/** Room left between a card read whole and the foot of a phone's screen (px). */
export const CARD_FOOT = 12;

/** What sits just above a step when it is read: its section's title (with the gap under it), on a section's first step. */
export function titleAbove(step: HTMLElement): number {
  const section = step.closest('section');
  if (!section || section.querySelector('[data-step]') !== step) return 0;
  const head = section.querySelector<HTMLElement>('.section-head');
  return head ? head.getBoundingClientRect().height + parseFloat(getComputedStyle(head).marginBottom) : 0;
}

/**
 * Where a step's top is brought for it to be read (px from the top of the viewport): just past the reading line
 * at most, so it is the step the scroll model picks. On a wide layout a short step is centred on the line, so it
 * reads whole beside its map. On a phone the card is read whole and as low on the screen as it can be while it is
 * the step read — at the reading line, or higher by what it is longer than the room under the line — so the map
 * keeps the screen above it (src/modes/scroll.ts frames the subject there); but never so high that it, or its
 * section's title, goes under `ceiling` (the foot of what lies over the map's top: its caption bar and tools).
 */
export function readPosition(step: HTMLElement, ceiling = 0): number {
  const height = step.getBoundingClientRect().height;
  const line = innerHeight * readingLine() - 2;
  if (wideLayout.matches) return Math.min(line, Math.max(16, innerHeight * readingLine() - height / 2));
  return Math.min(line, Math.max(ceiling + titleAbove(step), innerHeight - CARD_FOOT - height));
}
