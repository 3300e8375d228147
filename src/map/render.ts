/**
 * The only DOM writer of the map: render(svg, frame, context) draws a frame (a state, or a moment of a
 * transition between two). The same arguments always give the same picture. The base map (land,
 * borders, fills) is recomputed only when its inputs change, which keeps camera-still transitions cheap.
 */
import { geoPath, type GeoPath, type GeoProjection } from 'd3-geo';
import type { Catalog } from './catalog.ts';
import type { Frame, FramePanel, Item } from './frame.ts';
import type { CountryFeature, RegionGeometry } from './geometry.ts';
import { clampToBox, edgePoint, inside, labelPoint, partOf, rhumb, toward, type Point } from './lines.ts';
import { paddedBox, paintedBox, projectionFor, type Box, type Padding } from './projection.ts';
import type { PlaceMark, Region } from './state.ts';

export interface RenderContext {
  catalog: Catalog;
  /** Decoded geometry for the regions the frame draws (missing ones are simply not drawn). */
  regions: Partial<Record<Region, RegionGeometry>>;
  width: number;
  height: number;
  /** Space kept free at the map's edges (a phone's caption bar and step card): subjects are framed inside it. */
  padding?: Padding;
}

const SVG = 'http://www.w3.org/2000/svg';
type Attrs = Record<string, string | number>;

const round = (v: number): number => Math.round(v * 10) / 10;

function el<K extends keyof SVGElementTagNameMap>(parent: Element, name: K, attrs: Attrs = {}, text?: string): SVGElementTagNameMap[K] {
  const node = parent.ownerDocument.createElementNS(SVG, name) as SVGElementTagNameMap[K];
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, typeof v === 'number' ? String(round(v)) : v);
  if (text !== undefined) node.textContent = text;
  parent.appendChild(node);
  return node;
}

/** The child <g> of `parent` with this class, created once and then reused. */
function layer(parent: Element, className: string): SVGGElement {
  for (const child of parent.children) if (child.getAttribute('class') === className) return child as SVGGElement;
  return el(parent, 'g', { class: className });
}

const lonLat = (catalog: Catalog, id: string): Point => [catalog.places[id].lon, catalog.places[id].lat];
const opacity = (w: number): number => Math.round(Math.min(1, Math.max(0, w)) * 100) / 100;
const visible = <T>(list: Item<T>[]): Item<T>[] => list.filter((i) => i.w > 0.005);

type Anchor = 'start' | 'middle' | 'end';

/** Type size for a panel: smaller on a phone-sized map. */
const fontSize = (box: Box): number => (Math.min(box.width, box.height * 1.6) < 560 ? 11 : 13);

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
const overlaps = (a: Rect, b: Rect): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * A text label kept inside its panel: its width is estimated from its length (no layout is read,
 * so rendering stays a pure function), and it is nudged in from any edge it would cross. Given the
 * labels already placed (`taken`), it steps up or down a line to avoid covering one, and joins them.
 */
function label(g: Element, box: Box, x: number, y: number, anchor: Anchor, text: string, className: string, w = 1, size = fontSize(box), taken?: Rect[]): void {
  const width = text.length * size * 0.6;
  const left = anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2;
  const shift = Math.max(0, box.x + 4 - left) - Math.max(0, left + width - (box.x + box.width - 4));
  const inBox = (top: number) => Math.min(Math.max(top, box.y + size + 2), box.y + box.height - 4);
  const rect = (top: number): Rect => ({ x0: left + shift, y0: top - size * 0.85, x1: left + shift + width, y1: top + size * 0.25 });
  let top = inBox(y);
  if (taken) {
    const line = size + 3;
    const free = [0, -1, 1, -2, 2].map((k) => inBox(y + k * line)).find((t) => !taken.some((r) => overlaps(r, rect(t))));
    if (free !== undefined) top = free;
    taken.push(rect(top));
  }
  const attrs: Attrs = { x: x + shift, y: top, 'text-anchor': anchor, 'font-size': size, class: `label ${className}` };
  if (w < 1) attrs.opacity = opacity(w);
  el(g, 'text', attrs, text);
}

function defs(svg: SVGSVGElement): void {
  if (svg.querySelector('defs')) return;
  const d = el(svg, 'defs');
  const hatch = (id: string, color: string, angle: number, gap: number) => {
    const p = el(d, 'pattern', { id, width: gap, height: gap, patternUnits: 'userSpaceOnUse', patternTransform: `rotate(${angle})` });
    el(p, 'rect', { width: gap, height: gap, class: `${id}-bg` });
    el(p, 'line', { x1: 0, y1: 0, x2: 0, y2: gap, stroke: color, 'stroke-width': 1.5 });
  };
  hatch('hatch-outside', 'var(--hatch-outside)', 45, 8);
  hatch('hatch-after', 'var(--nato)', -45, 7);
  for (const id of ['arrow-arc', 'arrow-balance', 'arrow-offmap']) {
    const m = el(d, 'marker', { id, viewBox: '0 0 10 10', refX: 8, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    el(m, 'path', { d: 'M0,0 L10,5 L0,10 z', class: id });
  }
}

/** Countries by id for each decoded region, built once per geometry object. */
const byIdCache = new WeakMap<RegionGeometry, Map<string, CountryFeature>>();
function countryById(geo: RegionGeometry): Map<string, CountryFeature> {
  let map = byIdCache.get(geo);
  if (!map) byIdCache.set(geo, (map = new Map(geo.countries.map((c) => [c.id, c]))));
  return map;
}

/** Sets a path's `d` only when its inputs (summarised by `key`) changed since the last render. */
function memoPath(parent: Element, className: string, key: string, d: () => string): SVGPathElement {
  const existing = [...parent.children].find((c) => c.getAttribute('class') === className) as SVGPathElement | undefined;
  const path = existing ?? el(parent, 'path', { class: className });
  if (path.dataset.key !== key) {
    path.setAttribute('d', d());
    path.dataset.key = key;
  }
  return path;
}

function drawBase(g: SVGGElement, p: FramePanel, path: GeoPath, box: Box, ctx: RenderContext, paint: Box = box): void {
  // Country outlines are dense already: no adaptive resampling, which is most of a frame's cost.
  const base = layer(g, 'base');
  const geos = p.regions.map((r) => ctx.regions[r]).filter((x): x is RegionGeometry => !!x);
  const camera = `${p.camera.center.map(round)}|${p.camera.span.map((v) => v.toFixed(3))}|${[box.x, box.y, box.width, box.height].map(round)}${paint === box ? '' : `/${[paint.x, paint.y, paint.width, paint.height].map(round)}`}|${p.regions}|${geos.length}`;
  memoPath(base, 'land', camera, () => geos.map((geo) => path(geo.land) ?? '').join(''));
  const fills = layer(base, 'fills');
  // One path per fill group (a role, or a NATO wave): few DOM nodes however many countries.
  const groups = visible(p.fills)
    .map((f) => ({ f, features: geos.flatMap((geo) => f.value.ids.map((id) => countryById(geo).get(id)).filter((c): c is CountryFeature => !!c)) }))
    .filter((g) => g.features.length > 0);
  while (fills.children.length > groups.length) fills.lastElementChild!.remove();
  groups.forEach(({ f, features }, i) => {
    const node = (fills.children[i] as SVGPathElement | undefined) ?? el(fills, 'path');
    node.setAttribute('class', `country role-${f.value.role}`);
    node.setAttribute('data-ids', features.map((c) => c.id).join(' '));
    if (f.w < 1) node.setAttribute('opacity', String(opacity(f.w)));
    else node.removeAttribute('opacity');
    const key = `${camera}|${f.key}`;
    if (node.dataset.key !== key) {
      node.setAttribute('d', path({ type: 'FeatureCollection', features } as GeoJSON.FeatureCollection) ?? '');
      node.dataset.key = key;
    }
  });
  const borders = memoPath(base, 'borders', camera, () => geos.map((geo) => path(geo.borders) ?? '').join(''));
  base.appendChild(borders); // borders above the fills
}

interface PlaceLabel {
  x: number;
  y: number;
  anchor: Anchor;
  text: string;
  size: number;
}

/** Where a place's label goes (beside its dot, flipped away from the panel's edges). */
function placeLabel([x, y]: Point, mark: PlaceMark, name: string, box: Box): PlaceLabel | null {
  const text = mark.label ?? name;
  if (!text) return null;
  let side = mark.anchor ?? 'right';
  if (side === 'right' && x > box.x + box.width * 0.72) side = 'left';
  if (side === 'left' && x < box.x + box.width * 0.28) side = 'right';
  const gap = (mark.emphasis ? 5.5 : 3.5) + 5;
  const size = fontSize(box) + (mark.emphasis ? 1 : 0);
  const [lx, ly, anchor] = ({ right: [x + gap, y + size * 0.35, 'start'], left: [x - gap, y + size * 0.35, 'end'], above: [x, y - gap - 2, 'middle'], below: [x, y + gap + size * 0.8, 'middle'] } as const)[side];
  return { x: lx, y: ly, anchor, text, size };
}

function placeMark(g: Element, [x, y]: Point, mark: PlaceMark, text: PlaceLabel | null, box: Box, w: number): void {
  const r = mark.emphasis ? 5.5 : 3.5;
  const o: Attrs = w < 1 ? { opacity: opacity(w) } : {};
  el(g, 'circle', { cx: x, cy: y, r, class: mark.emphasis ? 'place place-emphasis' : 'place', ...o });
  if (mark.emphasis) el(g, 'circle', { cx: x, cy: y, r: r + 5, class: 'place-ring', ...o });
  if (text) label(g, box, text.x, text.y, text.anchor, text.text, `place-label${mark.emphasis ? ' label-strong' : ''}`, w, text.size);
}

function drawOverlay(g: SVGGElement, p: FramePanel, projection: GeoProjection, path: GeoPath, box: Box, ctx: RenderContext): void {
  const { catalog } = ctx;
  const top = layer(g, 'overlay');
  top.replaceChildren();
  const geo = ctx.regions[p.regions[p.regions.length - 1]];
  const line = (coordinates: Point[]) => path({ type: 'LineString', coordinates }) ?? '';
  // Place names come first: other labels step aside for them, and for each other.
  const marks = visible(p.places).flatMap(({ value: mark, w }) => {
    const q = projection(lonLat(catalog, mark.id)) as Point | null;
    return q && inside(q, box) ? [{ mark, w, q, text: placeLabel(q, mark, catalog.places[mark.id].name, box) }] : [];
  });
  const taken: Rect[] = marks.flatMap(({ q, text }) => {
    const dot = { x0: q[0] - 6, y0: q[1] - 6, x1: q[0] + 6, y1: q[1] + 6 };
    if (!text) return [dot];
    const width = text.text.length * text.size * 0.6;
    const left = text.anchor === 'start' ? text.x : text.anchor === 'end' ? text.x - width : text.x - width / 2;
    return [dot, { x0: left, y0: text.y - text.size * 0.85, x1: left + width, y1: text.y + text.size * 0.25 }];
  });

  if (p.dmz > 0.005 && geo) {
    el(top, 'path', { d: path(geo.dmz) ?? '', class: 'dmz', opacity: opacity(p.dmz) });
    const coords = geo.dmz.coordinates.flat();
    const at = coords.length ? (projection(coords[Math.floor(coords.length * 0.8)] as Point) as Point | null) : null;
    if (at) label(top, box, at[0] + 8, at[1] - 8, 'start', 'DMZ', 'dmz-label', p.dmz, undefined, taken);
  }

  for (const { value: part, w } of visible(p.lines)) {
    const a = catalog.alliances[part.alliance];
    const [from, to] = a.between.map((id) => lonLat(catalog, id));
    const side = a.countries.includes('840') ? 'us' : 'cn';
    // Drawn from the Korean end towards the ally, and drawn on as it enters.
    const full = part.part === 'reach' ? [to, lonLat(catalog, part.reach!)] : toward(projection, box, to, from);
    const style = part.part === 'fading' ? 'fading' : part.part === 'reach' ? 'spanning' : 'firm';
    el(top, 'path', { d: line(partOf(full, w)), class: `alliance alliance-${side} style-${style}`, 'data-alliance': part.alliance, opacity: opacity(Math.min(1, w * 2)) });
    if (part.part !== 'reach') {
      const at = labelPoint(projection, box, full);
      if (at) label(top, box, at[0], at[1] - 7, 'middle', part.part === 'fading' ? `${a.label} (fading)` : a.label, `alliance-label alliance-label-${side}`, (w - 0.5) * 2, undefined, taken);
    }
  }

  const corners = visible(p.table.corners);
  if (corners.length >= 2) {
    const own = corners.map(({ value: id }) => {
      const q = projection(lonLat(catalog, id)) as Point;
      const off = !inside(q, box, 28);
      return { id, off, p: off ? edgePoint(projection, box, p.camera.center, lonLat(catalog, id), 28) : q };
    });
    // A corner that is arriving grows out of the edge between its neighbours: the table widens.
    const pts = own.map((c, i) => {
      const w = corners[i].w;
      if (w >= 1) return c.p;
      const prev = own[(i - 1 + own.length) % own.length].p;
      const next = own[(i + 1) % own.length].p;
      const mid: Point = [(prev[0] + next[0]) / 2, (prev[1] + next[1]) / 2];
      return [mid[0] + (c.p[0] - mid[0]) * w, mid[1] + (c.p[1] - mid[1]) * w] as Point;
    });
    const presence = Math.max(...corners.map((c) => c.w));
    const settled = corners.filter((c) => c.w > 0.5).length;
    el(top, 'polygon', { points: pts.map((q) => q.map(round).join(',')).join(' '), class: `table table-${settled}`, 'data-parties': settled, opacity: opacity(presence) });
    own.forEach((c, i) => {
      if (!c.off) return;
      el(top, 'circle', { cx: pts[i][0], cy: pts[i][1], r: 4, class: 'place place-offmap', opacity: opacity(corners[i].w) });
      const right = pts[i][0] > box.x + box.width / 2;
      label(top, box, pts[i][0] + (right ? -4 : 4), pts[i][1] - 12, right ? 'end' : 'start', `${catalog.places[c.id].name.split(',')[0]} (off map)`, 'place-label', corners[i].w, undefined, taken);
    });
    const low = pts.reduce((a, b) => (b[1] > a[1] ? b : a));
    for (const t of visible(p.table.labels)) label(top, box, low[0], low[1] + 24, 'middle', t.value, 'table-label', t.w, undefined, taken);
  }

  for (const { value: ring, w } of visible(p.rings)) {
    const pts = ring.around.map((id) => projection(lonLat(catalog, id)) as Point);
    const cx = pts.reduce((s, q) => s + q[0], 0) / pts.length;
    const cy = pts.reduce((s, q) => s + q[1], 0) / pts.length;
    const r = (Math.max(...pts.map(([x, y]) => Math.hypot(x - cx, y - cy))) + Math.min(box.width, box.height) * 0.08) * (0.85 + 0.15 * w);
    el(top, 'circle', { cx, cy, r, class: 'ring', opacity: opacity(w) });
    label(top, box, cx, cy + r + 16, 'middle', ring.label, 'ring-label', w, undefined, taken);
  }

  for (const { value: arc, w } of visible(p.arcs).sort((a, b) => a.value.order - b.value.order)) {
    const full: Point[] = [lonLat(catalog, arc.from), lonLat(catalog, arc.to)];
    el(top, 'path', { d: line(partOf(full, w)), class: `arc kind-${arc.kind}`, 'data-order': arc.order, ...(w > 0.08 ? { 'marker-end': 'url(#arrow-arc)' } : {}) });
    // The place an arc reaches pulses once as the arc arrives.
    if (w > 0.85 && w < 1) {
      const end = projection(full[1]) as Point | null;
      const k = (w - 0.85) / 0.15;
      if (end) el(top, 'circle', { cx: end[0], cy: end[1], r: 6 + 18 * k, class: 'pulse', opacity: opacity(1 - k) });
    }
    const at = labelPoint(projection, box, full, arc.labelAt ?? 0.5);
    if (at) label(top, box, at[0], at[1] - 8, 'middle', arc.label, 'arc-label', (w - 0.6) / 0.4, undefined, taken);
  }

  for (const { value: arrow, w } of visible(p.arrows)) {
    const a = lonLat(catalog, arrow.from);
    const b = lonLat(catalog, arrow.to);
    const full = arrow.kind === 'balance' ? [partOf([a, b], 0.08).pop()!, partOf([a, b], 0.45).pop()!] : rhumb(a, b, 1.2, 13);
    const drawn = partOf(full, w);
    el(top, 'path', { d: line(drawn), class: `arrow arrow-${arrow.kind}`, 'marker-end': `url(#arrow-${arrow.kind})`, opacity: opacity(Math.min(1, w * 2)) });
    const q = projection(full[full.length - 1]) as Point | null;
    if (q && arrow.label) {
      const at = inside(q, box, 30) ? q : clampToBox(q, box, 30);
      label(top, box, at[0], at[1] + 16, at[0] > box.x + box.width / 2 ? 'end' : 'start', arrow.label, 'arrow-label', (w - 0.5) * 2, undefined, taken);
    }
  }

  const places = el(top, 'g', { class: 'places' });
  for (const { mark, w, q, text } of marks) placeMark(places, q, mark, text, box, w);
  for (const t of visible(p.titles)) label(top, box, box.x + 12, box.y + 22, 'start', t.value, 'panel-title', t.w, fontSize(box) + 1);
  for (const y of visible(p.year)) {
    label(top, box, box.x + 12, box.y + box.height - 14, 'start', String(Math.round(y.value)), 'year-counter', y.w, Math.round(fontSize(box) * 2.6));
  }
}

/** Draws `frame` into `svg`. Panels are matched to their <g> by key; everything else is redrawn. */
export function render(svg: SVGSVGElement, frame: Frame, ctx: RenderContext): void {
  svg.setAttribute('viewBox', `0 0 ${round(ctx.width)} ${round(ctx.height)}`);
  defs(svg);
  const keep = new Set(frame.panels.map((p) => p.key));
  for (const g of [...svg.querySelectorAll(':scope > g.panel')]) if (!keep.has(g.getAttribute('data-key')!)) g.remove();
  for (const old of [...svg.querySelectorAll(':scope > clipPath, :scope > .panel-divider')]) old.remove();
  const inner = paddedBox(ctx.width, ctx.height, ctx.padding);
  frame.panels.forEach((p, i) => {
    // `box` frames the subject (inside the padding); `paint` is the part of the map the panel covers.
    const box: Box = { x: inner.x + p.box[0] * inner.width, y: inner.y + p.box[1] * inner.height, width: p.box[2] * inner.width, height: p.box[3] * inner.height };
    const painted = paintedBox(box, inner, ctx.width, ctx.height);
    const paint = ['x', 'y', 'width', 'height'].every((k) => painted[k as keyof Box] === box[k as keyof Box]) ? box : painted;
    const projection = projectionFor({ center: p.camera.center, span: p.camera.span }, box, paint);
    const path = geoPath(projection).digits(1);
    const outlines = geoPath(projectionFor({ center: p.camera.center, span: p.camera.span }, box, paint).precision(0)).digits(1);
    const clipId = `panel-clip-${p.key.replace(/[^a-z0-9-]/g, '-')}`;
    el(el(svg, 'clipPath', { id: clipId }), 'rect', { x: paint.x, y: paint.y, width: paint.width, height: paint.height });
    const g = (svg.querySelector(`:scope > g.panel[data-key="${p.key}"]`) as SVGGElement | null) ?? el(svg, 'g', { class: 'panel', 'data-key': p.key });
    g.setAttribute('clip-path', `url(#${clipId})`);
    g.setAttribute('data-region', p.regions[p.regions.length - 1]);
    if (p.w < 1) g.setAttribute('opacity', String(opacity(p.w)));
    else g.removeAttribute('opacity');
    svg.appendChild(g); // keep panel order
    const sea = [...g.children].find((c) => c.getAttribute('class') === 'sea') ?? el(g, 'rect', { class: 'sea' });
    for (const [k, v] of Object.entries({ x: paint.x, y: paint.y, width: paint.width, height: paint.height })) sea.setAttribute(k, String(round(v)));
    g.prepend(sea);
    drawBase(g, p, outlines, box, ctx, paint);
    drawOverlay(g, p, projection, path, box, ctx);
    if (i > 0) {
      const vertical = box.x > inner.x + 0.5;
      el(svg, 'line', vertical ? { x1: box.x, y1: 0, x2: box.x, y2: ctx.height, class: 'panel-divider' } : { x1: 0, y1: box.y, x2: ctx.width, y2: box.y, class: 'panel-divider' });
    }
  });
}
