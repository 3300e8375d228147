/**
 * The map on a page: loads geometry for the state's regions, renders on state changes and resizes,
 * and marks the root with data-map-state once the picture is settled. Modes call show(id).
 */
import type { Catalog } from './catalog.ts';
import { describe } from './describe.ts';
import { loadRegion } from './geometry.ts';
import { render } from './render.ts';
import type { MapState, Region } from './state.ts';

export interface MapOptions {
  catalog: Catalog;
  states: Readonly<Record<string, MapState>>;
}

export interface MapController {
  /** Shows a state; the latest call wins if geometry is still loading. */
  show(id: string): void;
  /** The state id most recently asked for. */
  readonly target: string | null;
  destroy(): void;
}

/**
 * Expects `root` to contain an <svg class="map-svg">, a `.map-caption` and a `.map-description`
 * (see index.html). A polite live region (`.map-live`) announces each new state once.
 */
export function createMap(root: HTMLElement, { catalog, states }: MapOptions): MapController {
  const svg = root.querySelector<SVGSVGElement>('svg.map-svg')!;
  const caption = root.querySelector<HTMLElement>('.map-caption')!;
  const description = root.querySelector<HTMLElement>('.map-description')!;
  const live = root.querySelector<HTMLElement>('.map-live');
  let target: string | null = null;
  let drawn: string | null = null;
  let frame = 0;

  const draw = (state: MapState): Promise<void> => {
    const regions = [...new Set(state.panels.map((p) => p.view.region))] as Region[];
    return Promise.all(regions.map(loadRegion)).then((loaded) => {
      if (target !== state.id) return; // a later show() won
      const { width, height } = svg.getBoundingClientRect();
      if (width === 0 || height === 0) return;
      const changed = drawn !== state.id;
      render(svg, state, { catalog, regions: Object.fromEntries(regions.map((r, i) => [r, loaded[i]])), width, height });
      if (changed) {
        // A quick fade on a change of state (not on a resize); none when the reader asks for less motion.
        if (drawn && !matchMedia('(prefers-reduced-motion: reduce)').matches) svg.animate([{ opacity: 0.35 }, { opacity: 1 }], { duration: 220, easing: 'ease-out' });
        caption.textContent = state.caption;
        description.textContent = describe(state, catalog);
        if (live) live.textContent = `Map: ${state.caption}. ${state.description}`;
      }
      drawn = state.id;
      root.classList.remove('map-failed');
      root.dataset.mapState = state.id;
    });
  };

  const fail = (error: unknown): void => {
    root.classList.add('map-failed');
    root.dataset.mapError = error instanceof Error ? error.message : 'map failed';
  };

  const resize = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      if (target) draw(states[target]).catch(fail);
    });
  });
  resize.observe(svg);

  return {
    show(id) {
      const state = states[id];
      if (!state || id === target) return;
      target = id;
      draw(state).catch(fail);
    },
    get target() {
      return target;
    },
    destroy() {
      resize.disconnect();
      cancelAnimationFrame(frame);
    },
  };
}
