/**
 * The reading line: the height, as a fraction of the viewport, at which a step "is being read", and where a
 * step is brought to be read. Wide layouts (the map beside the text, including phones held sideways): half way
 * down. Phones and tablets in portrait, where step cards scroll over a full-screen map: 0.6, which is also the top
 * of the cards' zone — the map frames its subject above the line, and a card read at the line covers none of it
 * (0.4 of a 390×844 phone is 338 px, taller than every step's card at that size but the NATO table's).
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

/**
 * Where a step's top should be for it to be read: just past the reading line (so it is the step the scroll model
 * picks). On a wide layout a short step is centred on the line, so it reads whole beside its map; on a phone
 * the card starts at the line and the space above stays the map's.
 */
export function readPosition(height: number): number {
  const line = innerHeight * readingLine() - 2;
  if (!wideLayout.matches) return line;
  return Math.min(line, Math.max(16, innerHeight * readingLine() - height / 2));
}
