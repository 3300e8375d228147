/** Maps as standalone SVG at build time: the page's own renderer, drawing into a jsdom document. */
import { JSDOM } from 'jsdom';
import type { Catalog } from '../map/catalog.ts';
import { frameOf } from '../map/frame.ts';
import type { RegionGeometry } from '../map/geometry.ts';
import { render } from '../map/render.ts';
import { fontMeasure } from './font.ts';
import type { MapState, Region } from '../map/state.ts';

export const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Draws `state` at `width` × `height` (drawing units), its labels laid out with Source Sans 3's widths, lets
 * `finish` add attributes or children, and returns the <svg> markup.
 */
export function stateSvg(
  state: MapState,
  catalog: Catalog,
  regions: Record<Region, RegionGeometry>,
  width: number,
  height: number,
  finish: (svg: SVGSVGElement, document: Document) => void = () => undefined,
): string {
  const { window } = new JSDOM('<!doctype html><body></body>');
  const document = window.document as unknown as Document;
  const svg = document.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  document.body.append(svg);
  render(svg, frameOf(state, catalog, width >= height), { catalog, regions, width, height, measure: fontMeasure });
  finish(svg, document);
  const markup = new window.XMLSerializer().serializeToString(svg as unknown as Node);
  window.close();
  return markup;
}

/** The page's stylesheet without comments or @media blocks (one level of nesting): what a standalone SVG keeps. */
export const withoutMedia = (css: string): string =>
  css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g, '');
