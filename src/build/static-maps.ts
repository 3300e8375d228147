/**
 * A still picture of each section's key map (the state of its last step), drawn at build from the page's own
 * scene into an SVG file (maps/<section id>.svg) and linked from the prerendered HTML inside <noscript>:
 * readers without JavaScript, search engines and read-later apps get the map, and readers with JavaScript
 * never download it (the live map draws instead).
 */
import type { Catalog } from '../map/catalog.ts';
import type { RegionGeometry } from '../map/geometry.ts';
import { states } from '../map/states.ts';
import { legendHtml, legendOf } from '../map/legend.ts';
import type { MapState, Region } from '../map/state.ts';
import type { Section } from '../story/types.ts';
import { FONT } from './font.ts';
import { escape } from './html.ts';
import { escapeText } from '../map/svg-string.ts';
import { stateSvg, SVG_NS, withoutMedia } from './svg.ts';

/** The picture's size: the live map's wide (landscape) layout, scaled to the column by CSS. */
export const STATIC_MAP_WIDTH = 800;
export const STATIC_MAP_HEIGHT = 600;
/** Drawn at this fraction of its size and scaled up, so its labels still read when a phone's column shrinks it. */
const DRAW_SCALE = 0.5;

export const staticMapPath = (id: string): string => `maps/${id}.svg`;

/** The state a section's picture shows: its last step's, the section's whole argument on one map. */
export const keyState = (section: Section): MapState => states[section.steps[section.steps.length - 1].state];

/**
 * The page's stylesheet for a standalone SVG: comments and @media blocks dropped, whitespace squeezed.
 * An SVG shown as an <img> loads nothing, so its styles travel inside it; custom properties work there.
 */
export function svgCss(css: string): string {
  return withoutMedia(css)
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}:;,])\s*/g, '$1')
    .trim();
}

/** A state as a standalone SVG document, drawn by the page's renderer, styled by the page's CSS. */
export function staticMapSvg(state: MapState, catalog: Catalog, regions: Record<Region, RegionGeometry>, pageCss: string): string {
  const width = STATIC_MAP_WIDTH * DRAW_SCALE;
  const height = STATIC_MAP_HEIGHT * DRAW_SCALE;
  const title = `<title>${escapeText(`${state.caption}. ${state.description}`)}</title>`;
  // Its labels were laid out with this font's widths: asked for first, the reader's own font after it.
  const style = `<style>${escapeText(`${svgCss(pageCss)}.label{font-family:'${FONT}',var(--font);}`)}</style>`;
  const markup = stateSvg(state, catalog, regions, width, height, { xmlns: SVG_NS, width: STATIC_MAP_WIDTH, height: STATIC_MAP_HEIGHT, role: 'img' }, title + style);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${markup}\n`;
}

/**
 * The picture in the section's HTML: inside <noscript>, so it costs nothing when the live map runs. Explicit
 * width and height reserve its space; `alt` is the state's own sentence (each step's full map text follows); the
 * key under it is the live map's, as HTML.
 */
export function staticMapHtml(section: Section, base: string, catalog: Catalog): string {
  const state = keyState(section);
  return `<noscript><figure class="map-static">
  <img src="${escape(`${base}${staticMapPath(section.id)}`)}" alt="${escape(`Map: ${state.description}`)}" width="${STATIC_MAP_WIDTH}" height="${STATIC_MAP_HEIGHT}" loading="lazy" decoding="async" />
  <figcaption>${escape(state.caption)}<div class="map-legend">${legendHtml(legendOf(state, catalog))}</div></figcaption>
</figure></noscript>`;
}
