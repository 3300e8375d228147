/**
 * The URL follows the reading: once scrolling stops, the address carries the section being read (`#<section id>`,
 * nothing before the story starts), so a link copied, a bookmark or a shared tab opens where the reader is. It
 * replaces the current history entry rather than adding one: the back button still leaves the page, not the last
 * section scrolled past. Only ids of the page's own sections are ever written; the query string is kept as it is.
 */
import type { ScrollModel } from './scroll-model.ts';

/** The URL for a reading: the section's anchor, or none above the first step (the title screen). */
export function urlFor(location: Pick<Location, 'pathname' | 'search'>, section: string | null): string {
  return `${location.pathname}${location.search}${section ? `#${section}` : ''}`;
}

/**
 * Subscribes the URL to the model. `outside()` tells whether the reader is above the story (the first step's top
 * below the reading line), where the address carries no section, or past it (reading the colophon), where it
 * carries the last section unless the reader followed a link there: a fact's link keeps its #source-… address.
 * Returns an unsubscribe.
 */
export function followUrl(model: ScrollModel, steps: HTMLElement[], outside: () => 'above' | 'below' | null): () => void {
  return model.subscribe(({ index }, { idle }) => {
    // Mid-scroll readings change nothing: history.replaceState is rate-limited, and a fling passes many sections.
    if (!idle) return;
    const where = outside();
    const section = where === 'above' ? null : (steps[index]?.dataset.section ?? null);
    const current = location.hash.slice(1);
    if (section === (current || null)) return;
    // A hash that is not a section (a source the reader followed a link to, a hostile one) is left alone outside the
    // story, above it or past it; in the story the section being read replaces it.
    if (where !== null && current && !steps.some((s) => s.dataset.section === current)) return;
    history.replaceState(history.state, '', urlFor(location, section));
  });
}
