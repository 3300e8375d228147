/** Deck mode: reveal.js slide and fragment events → map.show(state). The slides are prerendered HTML. */
import Reveal from 'reveal.js';
import Notes from 'reveal.js/plugin/notes';
import catalog from 'virtual:catalog';
import { createMap, type MapController } from '../map/map.ts';
import { states } from '../map/states.ts';
import { mountExploreLater as mountExplore } from '../ui/explore-later.ts';
import { motionReduced } from '../ui/motion.ts';

/** Portrait screens (phones) get a tall slide: the map above, the words below (see deck.css). */
const portrait = matchMedia('(max-aspect-ratio: 3/4)');
const slideSize = () => (portrait.matches ? { width: 600, height: 1200 } : { width: 1280, height: 720 });

/** The state a slide or printed page shows: its last visible step (the first step is never hidden). */
function stateIn(scope: Element): string | undefined {
  const shown = scope.querySelectorAll<HTMLElement>('[data-step]:not(.fragment), [data-step].fragment.visible');
  return shown[shown.length - 1]?.dataset.step;
}

/** ?print-pdf: every page draws its own step's state into its own figure, so no page shows the last state. */
function drawPrintMaps(root: HTMLElement): MapController[] {
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

export async function startDeck(): Promise<() => void> {
  const root = document.querySelector<HTMLElement>('.reveal')!;
  const figure = document.querySelector<HTMLElement>('#map')!;
  const storyLink = document.querySelector<HTMLAnchorElement>('.deck-story-link');
  const deck = new Reveal(root, {
    ...slideSize(),
    margin: 0,
    center: false,
    hash: true,
    transition: motionReduced() ? 'none' : 'fade',
    // The phone keeps the deck layout (map above the words) rather than reveal.js's scroll view:
    // the scroll explainer at / is the scrolling version of this story.
    scrollActivationWidth: 0,
    plugins: [Notes],
  });
  // Before initialize(): reveal.js may finish the print layout (?print-pdf) before its promise resolves.
  let printMaps: MapController[] = [];
  deck.on('pdf-ready', () => (printMaps = drawPrintMaps(root)));
  // On a portrait screen the key waits behind its button, so the map above the words keeps its height; a projector shows it.
  const key = figure.querySelector<HTMLDetailsElement>('.map-key');
  const foldKey = (): void => void (key && (key.open = !portrait.matches));
  foldKey();
  const resize = (): void => {
    foldKey();
    deck.configure(slideSize());
  };
  portrait.addEventListener('change', resize);
  await deck.initialize();
  // reveal.js marks its root role="application", which stops screen readers' browse mode; the slides are documents.
  root.removeAttribute('role');

  // The map starts in a task of its own, after reveal.js has laid the slides out: the deck's start is two shorter
  // tasks, not one long one, and the map's first size read finds the layout done.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const map = createMap(figure, { catalog, states, reducedMotion: motionReduced });
  const explore = mountExplore(figure, map, catalog);
  const follow = (): void => {
    const slide = deck.getCurrentSlide();
    // Cover slides have no step: the map (hidden) keeps its state, or opens on the first, ready for the next slide.
    const state = stateIn(slide) ?? map.target ?? stateIn(root.querySelector('.deck-section')!);
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
    portrait.removeEventListener('change', resize);
    deck.destroy();
    explore.destroy();
    map.destroy();
    for (const m of printMaps) m.destroy();
  };
}

startDeck().catch((error: unknown) => console.error('The deck could not start:', error));
