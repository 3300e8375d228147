/**
 * Deck mode: reveal.js runs the prerendered slides; the map's code (src/modes/deck-map.ts) is asked for once the
 * slides are laid out, and follows slide and fragment events from the current slide on. If the map's code cannot
 * load, the map says so and the slides stay.
 */
import Reveal from 'reveal.js';
import { motionReduced } from '../ui/motion.ts';
import { nextTask } from '../ui/next-task.ts';
import { notesLater } from '../ui/notes-later.ts';

/** Portrait screens (phones) get a tall slide: the map above, the words below (see deck.css). */
const portrait = matchMedia('(max-aspect-ratio: 3/4)');
const slideSize = () => (portrait.matches ? { width: 600, height: 1200 } : { width: 1280, height: 720 });

export async function startDeck(): Promise<() => void> {
  const root = document.querySelector<HTMLElement>('.reveal')!;
  const figure = document.querySelector<HTMLElement>('#map')!;
  const deck = new Reveal(root, {
    ...slideSize(),
    margin: 0,
    center: false,
    hash: true,
    transition: motionReduced() ? 'none' : 'fade',
    // The phone keeps the deck layout (map above the words) rather than reveal.js's scroll view:
    // the scroll explainer at / is the scrolling version of this story.
    scrollActivationWidth: 0,
    plugins: [notesLater],
  });
  // Before initialize(): reveal.js may finish the print layout (?print-pdf) before its promise resolves.
  let stopPrintMaps = (): void => undefined;
  deck.on('pdf-ready', () => {
    import('./deck-map.ts')
      .then(({ drawPrintMaps }) => {
        const maps = drawPrintMaps(root);
        stopPrintMaps = () => maps.forEach((m) => m.destroy());
      })
      // The printed pages keep their words; their maps stay empty.
      .catch((error: unknown) => console.error('The printed maps could not start:', error));
  });
  // On a portrait screen the key waits behind its button, so the map above the words keeps its height; a projector shows it.
  const key = figure.querySelector<HTMLDetailsElement>('.map-key');
  const foldKey = (): void => void (key && (key.open = !portrait.matches));
  foldKey();
  const resize = (): void => {
    foldKey();
    deck.configure(slideSize());
  };
  portrait.addEventListener('change', resize);
  // reveal.js starts in a task after the one that evaluated its module: two long tasks on a slow phone, not one
  // twice as long (at 4× slower CPU, about 90 and 300 ms rather than 450).
  await nextTask();
  await deck.initialize();
  // reveal.js marks its root role="application", which stops screen readers' browse mode; the slides are documents.
  root.removeAttribute('role');

  // The map's code is asked for now, in a task of its own: it neither competes with reveal.js for the network before
  // the first slide paints nor lengthens reveal.js's start, and its first size read finds the layout done. A printed
  // deck has no live map (each page draws its own, above), and no current slide to follow.
  await nextTask();
  // (reveal.js's own rule for its print view; its typed isPrintingPDF() is not in 6.0.2's code.)
  const stopMap = /print-pdf/i.test(location.search)
    ? () => undefined
    : await import('./deck-map.ts')
        .then(({ followDeck }) => followDeck(deck, root, figure))
        .catch((error: unknown) => {
          figure.classList.add('map-failed');
          console.error('The map could not start:', error);
          return () => undefined;
        });

  return () => {
    portrait.removeEventListener('change', resize);
    deck.destroy();
    stopMap();
    stopPrintMaps();
  };
}

startDeck().catch((error: unknown) => console.error('The deck could not start:', error));
