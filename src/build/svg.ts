/** Maps as standalone SVG at build time: the page's own scene, written out by the string painter (no DOM). */
import type { Catalog } from '../map/catalog.ts';
import { frameOf } from '../map/frame.ts';
import type { RegionGeometry } from '../map/geometry.ts';
import { scene, type Attrs } from '../map/scene.ts';
import type { MapState, Region } from '../map/state.ts';
import { sceneSvg } from '../map/svg-string.ts';
import { fontMeasure } from './font.ts';

export const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Draws `state` at `width` × `height` (drawing units), its labels laid out with Source Sans 3's widths, and
 * returns the <svg> markup with `attrs` on its root and `head` (a title, a style sheet) first inside it.
 */
export function stateSvg(state: MapState, catalog: Catalog, regions: Record<Region, RegionGeometry>, width: number, height: number, attrs: Attrs = {}, head = ''): string {
  return sceneSvg(scene(frameOf(state, catalog, width >= height), { catalog, regions, width, height, measure: fontMeasure }), attrs, head);
}

/** The page's stylesheet without comments or @media blocks (one level of nesting): what a standalone SVG keeps. */
export const withoutMedia = (css: string): string =>
  css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, '');
