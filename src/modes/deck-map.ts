/**
 * The deck's map: asked for by src/modes/slides.ts once reveal.js has laid the slides out, so the map's code
 * (the map engine, d3-geo, the catalog) is neither fetched beside reveal.js before the first slide paints nor
 * evaluated in the same task as reveal.js's start. Slide and fragment events → map.show(state).
 */
import type { RevealApi } from 'reveal.js';
import catalog from 'virtual:catalog';
import { createMap, type MapController } from '../map/map.ts';
import { states } from '../map/states.ts';
import { mountExploreLater as mountExplore } from '../ui/explore-later.ts';
import { motionReduced } from '../ui/motion.ts';

/** The state a slide or printed page shows: its last visible step (the first step is never hidden). */
function stateIn(scope: Element): string | undefined {
  const shown = scope.querySelectorAll<HTMLElement>('[data-step]:not(.fragment), [data-step].fragment.visible');
  return shown[shown.length - 1]?.dataset.step;
}

/** ?print-pdf: every page draws its own step's state into its own figure, so no page shows the last state. */
export function drawPrintMaps(root: HTMLElement): MapController[] {
  const maps: MapController[] = [];
  for (const page of root.querySelectorAll<HTMLElement>('.pdf-page')) {
    const figure = page.querySelector<HTMLElement>('.deck-print-map');
    const state = stateIn(page);
    if (!figure || !state) continue;
    const map = createMap(figure, { catalog, states, base: 'vector' });
    map.show(state);
    maps.push(map);
  }
  return maps;
}

/** The map follows the deck from its current slide on; the function returned takes it down. */
export function followDeck(deck: RevealApi, root: HTMLElement, figure: HTMLElement): () => void {
  const storyLink = document.querySelector<HTMLAnchorElement>('.deck-story-link');
  const map = createMap(figure, { catalog, states, reducedMotion: motionReduced });
  const explore = mountExplore(figure, map, catalog);
  const firstState = (): string | undefined => {
    const first = root.querySelector('.deck-section');
    return first ? stateIn(first) : undefined;
  };
  const follow = (): void => {
    // reveal.js's type says a slide, but it has none before its first layout.
    const slide = deck.getCurrentSlide() as HTMLElement | undefined;
    // Cover slides have no step: the map (hidden) keeps its state, or opens on the first, ready for the next slide.
    const state = (slide && stateIn(slide)) ?? map.target ?? firstState();
    if (state) map.show(state);
    if (storyLink && slide?.classList.contains('deck-section')) storyLink.hash = slide.id;
  };
  const events = ['slidechanged', 'fragmentshown', 'fragmenthidden'];
  for (const type of events) deck.on(type, follow);
  // E explores the map (listed in reveal.js's ? help); Esc, Next or Previous goes back to the story.
  deck.addKeyBinding({ keyCode: 69, key: 'E', description: 'Explore the map (Esc: back to the story)' }, () => {
    if (deck.getCurrentSlide()?.classList.contains('deck-section')) explore.start();
  });
  follow();
  return () => {
    for (const type of events) deck.off(type, follow);
    deck.removeKeyBinding(69);
    explore.destroy();
    map.destroy();
  };
}
