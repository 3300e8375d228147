/**
 * Explore mode, loaded when first asked for: the map shows its "Explore the map" button at once, and the code behind
 * it (src/ui/explore.ts) arrives on the first press, so a reader who never explores never downloads it (an embed's
 * byte budget). The controller is the same as mountExplore's; asked to start before it has loaded, it starts on arrival.
 */
import type { Catalog } from '../map/catalog.ts';
import type { MapController } from '../map/map.ts';
import type { ExploreController } from './explore.ts';
import { exploreBar } from './explore-bar.ts';

/** `catalog` is the page's lean one; the records explore links (sources, fact texts) come with its code. */
export function mountExploreLater(root: HTMLElement, map: MapController, catalog: Catalog): ExploreController {
  const tools = root.querySelector<HTMLElement>('.map-tools')!;
  // The same button, in the same place, as the one explore.ts puts there.
  const { bar, enter } = exploreBar();
  tools.prepend(bar);

  let real: ExploreController | null = null;
  let loading: Promise<ExploreController | null> | null = null;
  let dead = false;
  const load = (): Promise<ExploreController | null> =>
    (loading ??= Promise.all([import('./explore.ts'), import('virtual:records')]).then(
      ([{ mountExplore }, { default: records }]) => {
        if (dead) return null;
        const focused = document.activeElement === enter;
        bar.remove();
        real = mountExplore(root, map, { ...catalog, ...records });
        if (focused) root.querySelector<HTMLButtonElement>('.explore-start')?.focus({ preventScroll: true });
        return real;
      },
      // Offline (a slow train): the button stays, and the next press tries again.
      () => (loading = null),
    ));
  const start = (): void => void load().then((r) => r?.start());
  enter.addEventListener('click', start);

  return {
    get exploring() {
      return real?.exploring ?? false;
    },
    start,
    stop: () => real?.stop(),
    destroy() {
      dead = true;
      bar.remove();
      real?.destroy();
    },
  };
}
