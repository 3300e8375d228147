/**
 * The map's painters in the page, the only DOM writer of the map: render(svg, frame, context) makes the
 * frame's scene (scene.ts) and paints it — the base map on a <canvas class="map-base"> inside the SVG, under
 * the overlay, and the overlay as SVG updated by key (an element is created once, then only its changed
 * attributes are written). The same arguments always give the same picture.
 */
import type { Frame } from './frame.ts';
import { attrValue, baseShapes, clipId, DEFS, scene, type Attrs, type Scene, type SceneContext, type Shape } from './scene.ts';
import { paintAhead as paintBaseAhead, showBase, whenBaseShown } from './canvas.ts';

export type RenderContext = SceneContext;

export interface RenderOptions {
  /**
   * Where the base map goes: a canvas (the page: cheap to repaint, at up to `pixelRatio`), or SVG paths
   * (printing, where a bitmap would blur).
   * @defaultValue 'canvas'
   */
  base?: 'canvas' | 'vector';
  /** Device pixels per CSS pixel of the map's drawing units. @defaultValue 1 */
  pixelRatio?: number;
}

const SVG = 'http://www.w3.org/2000/svg';
const XHTML = 'http://www.w3.org/1999/xhtml';

/** What each painted element was last given, so only changes are written (each write is a style and a mutation). */
const written = new WeakMap<Element, { attrs: Attrs; text?: string }>();
/** The keyed children each parent holds, per slot (a parent may hold more than one keyed list). */
const keyed = new WeakMap<Element, Map<string, Map<string, Element>>>();

function update(node: Element, attrs: Attrs, text?: string): void {
  const before = written.get(node);
  for (const [k, v] of Object.entries(attrs)) {
    const value = attrValue(v);
    if (before?.attrs[k] === undefined || attrValue(before.attrs[k]) !== value) node.setAttribute(k, value);
  }
  if (before) for (const k of Object.keys(before.attrs)) if (!(k in attrs)) node.removeAttribute(k);
  if (text !== undefined && before?.text !== text) node.textContent = text;
  written.set(node, { attrs, text });
}

/**
 * Makes `parent`'s children in `slot` be `shapes`, in order, before `before` (or last): elements are matched by
 * key, kept, moved only when out of order, and changed only where their attributes changed.
 */
function sync(parent: Element, slot: string, shapes: Shape[], before: Element | null = null): void {
  let slots = keyed.get(parent);
  if (!slots) keyed.set(parent, (slots = new Map()));
  const old = slots.get(slot) ?? new Map<string, Element>();
  const next = new Map<string, Element>();
  let cursor: Element | null = null;
  for (const shape of shapes) {
    let node = old.get(shape.key);
    if (!node || node.tagName !== shape.tag) node = parent.ownerDocument.createElementNS(SVG, shape.tag);
    update(node, shape.attrs, shape.text);
    const at: ChildNode | null = cursor ? cursor.nextSibling : slotStart(parent, old, before);
    if (node !== at) parent.insertBefore(node, at);
    next.set(shape.key, node);
    cursor = node;
  }
  for (const [key, node] of old) if (next.get(key) !== node) node.remove();
  slots.set(slot, next);
}

/** Where a keyed list begins: at its first element still in place, else just before `before`. */
function slotStart(parent: Element, old: Map<string, Element>, before: Element | null): ChildNode | null {
  const mine = new Set(old.values());
  for (const c of parent.children) if (mine.has(c)) return c;
  return before;
}

/** The child of `parent` with this tag and class, created once (before `before`, else last) and then reused. */
function child<K extends keyof SVGElementTagNameMap>(parent: Element, tag: K, className: string, before: Element | null = null): SVGElementTagNameMap[K] {
  for (const c of parent.children) if (c.tagName === tag && c.getAttribute('class') === className) return c as SVGElementTagNameMap[K];
  const node = parent.ownerDocument.createElementNS(SVG, tag) as SVGElementTagNameMap[K];
  node.setAttribute('class', className);
  parent.insertBefore(node, before);
  return node;
}

function defs(svg: SVGSVGElement): SVGDefsElement {
  let d = svg.querySelector(':scope > defs');
  if (!d) {
    d = svg.ownerDocument.createElementNS(SVG, 'defs');
    d.innerHTML = DEFS;
    svg.prepend(d);
  }
  return d as SVGDefsElement;
}

/** The canvas the base is painted on: inside the SVG, first after its defs, so it scales and stacks with the drawing. */
function baseCanvas(svg: SVGSVGElement, after: Element): HTMLCanvasElement {
  const layer = child(svg, 'foreignObject', 'map-base-layer', after.nextElementSibling);
  let canvas = layer.querySelector('canvas');
  if (!canvas) {
    canvas = svg.ownerDocument.createElementNS(XHTML, 'canvas') as HTMLCanvasElement;
    canvas.setAttribute('class', 'map-base');
    canvas.setAttribute('aria-hidden', 'true');
    layer.append(canvas);
  }
  return canvas;
}

/**
 * Paints a scene into `svg`: the base first, then the overlay — which, when the base is painted off the main thread,
 * goes on with the base's picture, a frame or so later (see whenShown).
 */
export function paint(svg: SVGSVGElement, s: Scene, { base = 'canvas', pixelRatio = 1 }: RenderOptions = {}): void {
  const d = defs(svg);
  if (base !== 'canvas') return overlay(svg, s, base);
  const canvas = baseCanvas(svg, d);
  showBase(canvas, s, pixelRatio, svg, () => {
    update(canvas.parentElement!, { x: 0, y: 0, width: s.width, height: s.height });
    overlay(svg, s, base);
  });
}

/** The canvas the base is painted on, once a scene has been painted into `svg`. */
const canvasOf = (svg: SVGSVGElement): HTMLCanvasElement | null => svg.querySelector<HTMLCanvasElement>(':scope > foreignObject.map-base-layer > canvas');

/** Runs `then` once everything painted into `svg` so far shows (at once, unless a base is still being painted). */
export function whenShown(svg: SVGSVGElement, then: () => void): void {
  whenBaseShown(canvasOf(svg), then);
}

/** Has a scene's base painted ahead of need, off the main thread, so painting `s` later lays it on at once (canvas.ts). */
export function paintAhead(svg: SVGSVGElement, s: Scene, { pixelRatio = 1 }: Pick<RenderOptions, 'pixelRatio'> = {}): void {
  const canvas = canvasOf(svg);
  if (canvas) paintBaseAhead(canvas, s, pixelRatio, svg);
}

/** The scene's overlay (and its base, drawn as vectors): everything in the SVG but the canvas. */
function overlay(svg: SVGSVGElement, s: Scene, base: RenderOptions['base']): void {
  update(svg, { viewBox: `0 0 ${attrValue(s.width)} ${attrValue(s.height)}` });
  // One clip path per panel, kept while the panel is: its rect follows the panel's painted box.
  const clips = new Set(s.panels.map((p) => clipId(p.key)));
  for (const clip of [...svg.querySelectorAll(':scope > clipPath')]) if (!clips.has(clip.id)) clip.remove();
  let at: ChildNode | null = svg.querySelector(':scope > clipPath, :scope > g.panel');
  for (const p of s.panels) {
    const clip = svg.querySelector(`:scope > clipPath#${clipId(p.key)}`) ?? svg.ownerDocument.createElementNS(SVG, 'clipPath');
    if (!clip.id) {
      clip.id = clipId(p.key);
      clip.append(svg.ownerDocument.createElementNS(SVG, 'rect'));
    }
    if (clip !== at) svg.insertBefore(clip, at);
    at = clip.nextSibling;
    const { x, y, width, height } = p.base.paint;
    update(clip.firstElementChild!, { x, y, width, height });
  }
  sync(
    svg,
    'panels',
    s.panels.map((p) => ({ key: p.key, tag: 'g', attrs: { class: 'panel', 'data-key': p.key, 'clip-path': `url(#${clipId(p.key)})`, 'data-region': p.region, ...(p.opacity < 1 ? { opacity: String(p.opacity) } : {}) } })) as unknown as Shape[],
  );
  const groups = keyed.get(svg)!.get('panels')!;
  for (const p of s.panels) {
    const g = groups.get(p.key)!;
    const overlay = child(g, 'g', 'overlay');
    if (base === 'vector') {
      const [sea, land, ...rest] = baseShapes(p.base);
      const borders = rest.pop()!;
      sync(g, 'sea', [sea], g.firstElementChild);
      const b = child(g, 'g', 'base', overlay);
      sync(b, 'land', [land], b.firstElementChild);
      sync(child(b, 'g', 'fills'), 'fills', rest);
      sync(b, 'borders', [borders]);
    }
    const places = child(overlay, 'g', 'places');
    const labels = child(overlay, 'g', 'labels');
    sync(overlay, 'shapes', p.shapes, places);
    sync(places, 'places', p.places);
    sync(labels, 'labels', p.labels);
  }
  sync(svg, 'dividers', s.dividers);
}

/** Draws `frame` into `svg` and returns its scene. */
export function render(svg: SVGSVGElement, frame: Frame, ctx: RenderContext, options: RenderOptions = {}): Scene {
  const s = scene(frame, ctx);
  paint(svg, s, options);
  return s;
}
