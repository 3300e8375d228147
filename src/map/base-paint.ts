/**
 * The base map's pixels: each panel's sea, land, role fills (hatched where the stylesheet hatches them) and borders,
 * on any 2D context — an OffscreenCanvas in the geometry worker (src/map/geometry.worker.ts), which paints while the
 * page goes on, or a canvas on the page where no worker can. No DOM here: the styles arrive resolved (src/map/canvas.ts
 * reads them from the stylesheet the SVG uses), and the outlines as GeoJSON.
 */
import type { Box } from './projection.ts';
import { tracer, type Outline, type View } from './trace.ts';

/** How the stylesheet paints one class of shape; a fill `url(#id)` is one of the palette's hatches. */
export interface Style {
  fill: string | null;
  stroke: string | null;
  width: number;
  dash: number[];
  cap: CanvasLineCap;
  join: CanvasLineJoin;
}

/** An SVG hatch <pattern> of the map's defs: a tile's background and one line at its left edge, rotated. */
export interface Hatch {
  gap: number;
  angle: number;
  background: string;
  line: string;
  lineWidth: number;
}

/** The base's styles: sea, land and borders, and the hatches fills may use. */
export interface Palette {
  sea: Style;
  land: Style;
  borders: Style;
  hatches: Record<string, Hatch>;
}

/** A camera's three values (src/map/trace.ts reads no more), so it can be posted to a worker. */
export interface ViewValues {
  rotate: [number, number, number];
  scale: number;
  translate: [number, number];
}

const view = (v: ViewValues): View => ({ rotate: () => v.rotate, scale: () => v.scale, translate: () => v.translate });

/** One panel's base, its outlines as `G`: GeoJSON on the page, references to the worker's copy in a message. */
export interface PanelPaint<G = Outline> {
  opacity: number;
  /** The panel's painted box: the base is clipped to it. */
  paint: Box;
  view: ViewValues;
  land: G[];
  fills: { style: Style; opacity: number; shape: G }[];
  borders: G[];
}

/** A whole base: the scene's size in drawing units, the canvas's in pixels, and its panels in drawing order. */
export interface BasePaint<G = Outline> {
  width: number;
  height: number;
  pixels: [number, number];
  palette: Palette;
  panels: PanelPaint<G>[];
}

type Context = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
/** A fresh canvas of this size: an OffscreenCanvas where there is one, else the document's. */
export type MakeCanvas = (width: number, height: number) => HTMLCanvasElement | OffscreenCanvas;

const patterns = new WeakMap<Context, Map<string, CanvasPattern | null>>();

/** A canvas pattern for a hatch (drawn at a whole multiple of its tile so tiles meet exactly, then scaled back). */
function patternFor(context: Context, id: string, hatch: Hatch | undefined, ratio: number, make: MakeCanvas): CanvasPattern | null {
  let known = patterns.get(context);
  if (!known) patterns.set(context, (known = new Map()));
  const key = `${id}@${ratio}`;
  if (known.has(key)) return known.get(key)!;
  let pattern: CanvasPattern | null = null;
  if (hatch) {
    const k = Math.max(1, Math.ceil(ratio));
    const tile = make(hatch.gap * k, hatch.gap * k);
    const t = tile.getContext('2d') as Context;
    t.fillStyle = hatch.background;
    t.fillRect(0, 0, hatch.gap * k, hatch.gap * k);
    // The SVG tile clips its line at x = 0 to the half inside the tile.
    t.fillStyle = hatch.line;
    t.fillRect(0, 0, (hatch.lineWidth / 2) * k, hatch.gap * k);
    pattern = context.createPattern(tile, 'repeat');
    pattern?.setTransform(new DOMMatrix().rotate(hatch.angle).scale(1 / k));
  }
  known.set(key, pattern);
  return pattern;
}

function paintPanel(context: Context, p: PanelPaint, palette: Palette, ratio: number, make: MakeCanvas): void {
  const path = tracer(view(p.view), context, p.paint);
  const fill = (style: Style) => {
    if (!style.fill) return;
    const url = /url\(["']?#([\w-]+)/.exec(style.fill);
    const pattern = url ? patternFor(context, url[1], palette.hatches[url[1]], ratio, make) : null;
    if (url && !pattern) return;
    context.fillStyle = pattern ?? style.fill;
    context.fill();
  };
  const stroke = (style: Style) => {
    if (!style.stroke) return;
    context.strokeStyle = style.stroke;
    context.lineWidth = style.width;
    context.setLineDash(style.dash);
    context.lineCap = style.cap;
    context.lineJoin = style.join;
    context.stroke();
  };
  const { x, y, width, height } = p.paint;
  context.save();
  context.beginPath();
  context.rect(x, y, width, height);
  context.clip();
  context.fillStyle = palette.sea.fill ?? 'transparent';
  context.fillRect(x, y, width, height);
  context.beginPath();
  for (const land of p.land) path(land);
  fill(palette.land);
  for (const f of p.fills) {
    context.globalAlpha = f.opacity;
    context.beginPath();
    path(f.shape);
    fill(f.style);
    stroke(f.style);
    context.globalAlpha = 1;
  }
  context.beginPath();
  for (const borders of p.borders) path(borders);
  stroke(palette.borders);
  context.restore();
}

const scratches = new WeakMap<Context, HTMLCanvasElement | OffscreenCanvas>();

/** Paints `base` on `context`, whose canvas is `base.pixels` in size. */
export function paintBase(context: Context, base: BasePaint, make: MakeCanvas): void {
  const [width, height] = base.pixels;
  const ratio = width / base.width;
  context.setTransform(width / base.width, 0, 0, height / base.height, 0, 0);
  context.clearRect(0, 0, base.width, base.height);
  for (const p of base.panels) {
    if (p.opacity >= 1) {
      paintPanel(context, p, base.palette, ratio, make);
      continue;
    }
    // A panel fading in or out fades as one picture: painted apart, then laid on at its opacity.
    let scratch = scratches.get(context);
    if (!scratch) scratches.set(context, (scratch = make(width, height)));
    scratch.width = width;
    scratch.height = height;
    const layer = scratch.getContext('2d') as Context;
    layer.setTransform(width / base.width, 0, 0, height / base.height, 0, 0);
    paintPanel(layer, p, base.palette, ratio, make);
    context.save();
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.globalAlpha = p.opacity;
    context.drawImage(scratch, 0, 0);
    context.restore();
  }
}
