/**
 * Social cards (Open Graph / Twitter, 1200×630 PNG): a section's title beside its map, drawn at build
 * from the same state data and the same scene as the page (written out as an SVG string), styled by the
 * page's own stylesheet, and rasterised by resvg with a font shipped in node_modules (no system fonts).
 */
import { Resvg } from '@resvg/resvg-js';
import type { Catalog } from '../map/catalog.ts';
import type { RegionGeometry } from '../map/geometry.ts';
import type { MapState, Region } from '../map/state.ts';
import { FONT, fontFiles, fontMeasure } from './font.ts';
import { escape } from './html.ts';
import { stateSvg, withoutMedia } from './svg.ts';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
const TEXT_WIDTH = 500;
const MAP_WIDTH = CARD_WIDTH - TEXT_WIDTH;
const PAD = 56;
/** The map is drawn this much smaller and scaled up, so its labels read at card size. */
const MAP_SCALE = 1.5;


export interface Card {
  kicker: string;
  title: string;
  /** The credit, wrapped at the foot of the text column. */
  credit: string;
  /** The explainer's name, last. */
  site: string;
  state: MapState;
}

/**
 * The page's stylesheet as resvg reads it: custom properties resolved, CSS Color 4 `rgb(r g b / a)`
 * written as rgba(), @media blocks dropped, and the font set to the one we ship.
 */
export function cardCss(css: string): string {
  const vars = new Map<string, string>();
  const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  for (const m of root.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) vars.set(m[1], m[2].trim());
  let out = resolveVars(withoutMedia(css), vars);
  out = out.replace(/rgb\(\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\/\s*([\d.]+)\s*\)/g, 'rgba($1, $2, $3, $4)');
  return `${out}\ntext, .label { font-family: '${FONT}'; }`;
}

/** Writes each var(--x) out as its value: resvg reads no custom properties. */
export const resolveVars = (text: string, vars: Map<string, string>): string =>
  text.replace(/var\((--[\w-]+)\)/g, (whole, name: string) => vars.get(name) ?? whole);

/** Greedy line breaking to `width` px at `size` px in the card font's `weight`; null if it needs more than `maxLines`. */
export function wrap(text: string, size: number, width: number, maxLines: number, weight = 800): string[] | null {
  const fits = (line: string) => fontMeasure(line, { size, weight }).width <= width;
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && fits(`${last} ${word}`)) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length <= maxLines && lines.every(fits) ? lines : null;
}

/** The largest title size (64 → 36 px) at which the title fits the text column in four lines. */
function titleLines(title: string): { size: number; lines: string[] } {
  for (let size = 64; size > 36; size -= 4) {
    const lines = wrap(title, size, TEXT_WIDTH - 2 * PAD, 4);
    if (lines) return { size, lines };
  }
  return { size: 36, lines: wrap(title, 36, TEXT_WIDTH - 2 * PAD, 99)! };
}

/** The state's map as standalone SVG markup, drawn by the page's renderer, scaled to the card. */
const mapSvg = (state: MapState, catalog: Catalog, regions: Record<Region, RegionGeometry>, width: number, height: number): string =>
  stateSvg(state, catalog, regions, width / MAP_SCALE, height / MAP_SCALE, { width, height });

export function cardSvg(card: Card, catalog: Catalog, regions: Record<Region, RegionGeometry>, pageCss: string): string {
  const css = cardCss(pageCss);
  const vars = new Map([...css.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
  const map = resolveVars(mapSvg(card.state, catalog, regions, MAP_WIDTH, CARD_HEIGHT), vars).replace('<svg ', `<svg x="${TEXT_WIDTH}" y="0" `);
  const { size, lines } = titleLines(card.title);
  const lineHeight = Math.round(size * 1.12);
  const titleTop = 150 + size;
  const title = lines.map((l, i) => `<tspan x="${PAD}" y="${titleTop + i * lineHeight}">${escape(l)}</tspan>`).join('');
  const credit = wrap(card.credit, 21, TEXT_WIDTH - 2 * PAD, 3, 400) ?? [card.credit];
  const footer = [...credit, card.site]
    .reverse()
    .map((l, i) => `<text x="${PAD}" y="${CARD_HEIGHT - PAD - i * 30 - (i ? 6 : 0)}" class="${i ? 'card-foot' : 'card-site'}">${escape(l)}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">
<style>${css}
.card-bg { fill: #faf8f4; }
.card-rule { fill: #0b3c5d; }
.card-kicker { font-family: '${FONT}'; font-size: 22px; font-weight: 700; letter-spacing: 2px; fill: #0b3c5d; }
.card-title { font-family: '${FONT}'; font-weight: 800; fill: #1a1a1a; }
.card-foot { font-family: '${FONT}'; font-size: 21px; font-weight: 400; fill: #4d4d4d; }
.card-site { font-family: '${FONT}'; font-size: 26px; font-weight: 700; fill: #0b3c5d; }
</style>
<rect class="card-bg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}"/>
<rect class="card-rule" x="0" y="0" width="${TEXT_WIDTH}" height="10"/>
<text x="${PAD}" y="${PAD + 62}" class="card-kicker">${escape(card.kicker.toUpperCase())}</text>
<text class="card-title" font-size="${size}">${title}</text>
${footer}
${map}
<rect x="${TEXT_WIDTH - 1}" y="0" width="2" height="${CARD_HEIGHT}" fill="#d8d2c7"/>
</svg>`;
}

/** The site's icon (src/favicon.svg) as a square PNG of `size` px. */
export function iconPng(svg: string, size: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, logLevel: 'off' }).render().asPng();
}

export function cardPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: FONT, sansSerifFamily: FONT },
    fitTo: { mode: 'original' },
    logLevel: 'off',
  });
  return resvg.render().asPng();
}

