/**
 * The base map's painter in the page: sea, land, the role fills (hatched where the stylesheet hatches them) and
 * the borders on a canvas, at the device's pixel density. Colours, strokes and patterns are read from the
 * stylesheet the SVG uses (src/styles.css), so the canvas shows the picture the SVG would. The canvas carries
 * what it painted in `data-fills` (see baseRecord), for tests and for the curious.
 */
import type { Scene, ScenePanel } from './scene.ts';
import { tracer } from './trace.ts';

/** How the stylesheet paints one class of shape. */
interface Style {
  fill: string | null;
  stroke: string | null;
  width: number;
  dash: number[];
  cap: CanvasLineCap;
  join: CanvasLineJoin;
}

const styles = new WeakMap<SVGSVGElement, Map<string, Style>>();

/** Reads the computed style of a shape with these classes in `svg` (once per class list). */
function styleOf(svg: SVGSVGElement, className: string): Style {
  let known = styles.get(svg);
  if (!known) styles.set(svg, (known = new Map()));
  let style = known.get(className);
  if (!style) {
    const probe = svg.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'path');
    probe.setAttribute('class', className);
    svg.querySelector('defs')!.append(probe);
    const css = getComputedStyle(probe);
    const paint = (v: string) => (v === 'none' || v === '' ? null : v);
    style = {
      fill: paint(css.fill),
      stroke: paint(css.stroke),
      width: parseFloat(css.strokeWidth) || 1,
      dash: css.strokeDasharray === 'none' ? [] : css.strokeDasharray.split(/[\s,]+/).map(parseFloat).filter((n) => !Number.isNaN(n)),
      cap: css.strokeLinecap as CanvasLineCap,
      join: css.strokeLinejoin as CanvasLineJoin,
    };
    probe.remove();
    known.set(className, style);
  }
  return style;
}

/** A canvas pattern for an SVG <pattern> of the map's defs (a tile's background and one line, rotated). */
const patterns = new WeakMap<CanvasRenderingContext2D, Map<string, CanvasPattern | null>>();
function patternFor(context: CanvasRenderingContext2D, svg: SVGSVGElement, id: string, ratio: number): CanvasPattern | null {
  let known = patterns.get(context);
  if (!known) patterns.set(context, (known = new Map()));
  const key = `${id}@${ratio}`;
  if (known.has(key)) return known.get(key)!;
  const def = svg.querySelector(`defs pattern#${id}`);
  const line = def?.querySelector('line');
  let pattern: CanvasPattern | null = null;
  if (def && line) {
    const gap = Number(def.getAttribute('width'));
    const angle = Number(/rotate\(([-\d.]+)\)/.exec(def.getAttribute('patternTransform') ?? '')?.[1] ?? 0);
    // Drawn at a whole multiple of the tile so tiles meet exactly, then scaled back to drawing units.
    const k = Math.max(1, Math.ceil(ratio));
    const tile = svg.ownerDocument.createElement('canvas');
    tile.width = tile.height = gap * k;
    const t = tile.getContext('2d')!;
    t.fillStyle = getComputedStyle(def.querySelector('rect')!).fill;
    t.fillRect(0, 0, gap * k, gap * k);
    // The SVG tile clips its line at x = 0 to the half inside the tile.
    t.fillStyle = getComputedStyle(line).stroke;
    t.fillRect(0, 0, (Number(line.getAttribute('stroke-width')) / 2) * k, gap * k);
    pattern = context.createPattern(tile, 'repeat');
    pattern?.setTransform(new DOMMatrix().rotate(angle).scale(1 / k));
  }
  known.set(key, pattern);
  return pattern;
}

/** What the base paints, one line per fill group: `<panel> <role>[ context][ @opacity]: <country ids>`. */
export function baseRecord(s: Scene): string {
  return s.panels
    .flatMap((p) => p.base.fills.map((f) => `${p.key} ${f.role}${f.context ? ' context' : ''}${f.opacity < 1 ? ` @${f.opacity}` : ''}: ${f.ids.join(' ')}`))
    .join('; ');
}

/** Everything the base's pixels depend on: the same signature, nothing to repaint. */
const signature = (s: Scene, ratio: number): string =>
  `${s.width}x${s.height}@${ratio}|${s.panels.map((p) => `${p.key}:${p.opacity}:${p.base.camera}:${p.base.fills.map((f) => `${f.key}@${f.opacity}`)}`).join('|')}`;

const painted = new WeakMap<HTMLCanvasElement, string>();
let scratch: HTMLCanvasElement | null = null;

function paintPanel(context: CanvasRenderingContext2D, p: ScenePanel, svg: SVGSVGElement, ratio: number): void {
  const { paint, projection } = p.base;
  const path = tracer(projection, context, paint);
  const fill = (style: Style) => {
    if (!style.fill) return;
    const url = /url\(["']?#([\w-]+)/.exec(style.fill);
    const pattern = url ? patternFor(context, svg, url[1], ratio) : null;
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
  context.save();
  context.beginPath();
  context.rect(paint.x, paint.y, paint.width, paint.height);
  context.clip();
  context.fillStyle = styleOf(svg, 'sea').fill ?? 'transparent';
  context.fillRect(paint.x, paint.y, paint.width, paint.height);
  context.beginPath();
  for (const land of p.base.land) path(land);
  fill(styleOf(svg, 'land'));
  for (const f of p.base.fills) {
    const style = styleOf(svg, `country role-${f.role}${f.context ? ' is-context' : ''}`);
    context.globalAlpha = f.opacity;
    context.beginPath();
    path(f.shape);
    fill(style);
    stroke(style);
    context.globalAlpha = 1;
  }
  context.beginPath();
  for (const borders of p.base.borders) path(borders);
  stroke(styleOf(svg, 'borders'));
  context.restore();
}

/**
 * Device pixels per drawing unit, moving or at rest: at most one. Measured on a 4×-slowed phone at 3× (scrolling the
 * whole story, one run each, 1 December): one device pixel per unit blocked the main thread for 6.3–7.6 s, 1.5 for
 * 8.9 s, and 1 while moving then 2 at rest for 13.8–14.5 s (each landing re-allocated and repainted the canvas at
 * four times the pixels). The base is flat fills and hairline borders under a vector overlay: the labels, lines and
 * dots stay sharp at any density; only the base's edges soften on a high-density screen.
 */
export const BASE_RATIO = 1;

/**
 * Paints the scene's base on `canvas` at `ratio` device pixels per drawing unit, unless it already shows it
 * (a camera-still transition, a label moving, a scroll past a finished step repaint nothing).
 */
export function paintBase(canvas: HTMLCanvasElement, s: Scene, fullRatio: number, svg: SVGSVGElement): void {
  const record = baseRecord(s);
  if (canvas.getAttribute('data-fills') !== record) canvas.setAttribute('data-fills', record);
  const ratio = Math.min(fullRatio, BASE_RATIO);
  const key = signature(s, ratio);
  if (painted.get(canvas) === key) return;
  painted.set(canvas, key);
  const [width, height] = [Math.round(s.width * ratio), Math.round(s.height * ratio)];
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return;
  context.setTransform(width / s.width, 0, 0, height / s.height, 0, 0);
  context.clearRect(0, 0, s.width, s.height);
  for (const p of s.panels) {
    if (p.opacity >= 1) {
      paintPanel(context, p, svg, ratio);
      continue;
    }
    // A panel fading in or out fades as one picture: painted apart, then laid on at its opacity.
    scratch ??= svg.ownerDocument.createElement('canvas');
    scratch.width = width;
    scratch.height = height;
    const layer = scratch.getContext('2d')!;
    layer.setTransform(width / s.width, 0, 0, height / s.height, 0, 0);
    paintPanel(layer, p, svg, ratio);
    context.save();
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.globalAlpha = p.opacity;
    context.drawImage(scratch, 0, 0);
    context.restore();
  }
}
