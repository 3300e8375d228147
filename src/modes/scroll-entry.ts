/**
 * The scroll page's script. The story's text paints first; then the map's code is asked for (src/modes/scroll.ts),
 * so its requests and its start neither hold up nor share the first paint. (Lighthouse on `/`, simulated slow 4G:
 * with the map's chunks preloaded in the page's head, the text's first paint counted them — 1.7 s, against 1.1 s
 * without them.) It starts after load, when the browser has made the #section jump or restored the reader's place.
 * Where no frame comes (a tab opened in the background), the map starts when one does; if its code cannot load, the
 * map says so and the text stays.
 */
const loaded = new Promise<void>((resolve) => (document.readyState === 'complete' ? resolve() : addEventListener('load', () => resolve(), { once: true })));

/** The section a link opened the page at, if it was there at load (at its scroll margin), and the page's place then. */
let landing: { section: HTMLElement; y: number } | null = null;
void loaded.then(() => {
  // Section ids are plain slugs, so no decoding: a malformed escape (#%E0%A4%A) would throw.
  const section = document.getElementById(location.hash.slice(1));
  if (section?.matches('section.section') && Math.abs(section.getBoundingClientRect().top - parseFloat(getComputedStyle(section).scrollMarginTop)) < 2) landing = { section, y: scrollY };
});

const painted = new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
Promise.all([painted.then(() => import('./scroll.ts')), loaded])
  // Landed, and not scrolled since: the map's code moves the section to where its first card is read.
  .then(([{ startScroll }]) => void startScroll({ landedOn: landing && Math.abs(scrollY - landing.y) < 2 ? landing.section : null }))
  .catch((error: unknown) => {
    document.querySelector('#map')?.classList.add('map-failed');
    console.error('The map could not start:', error);
  });
