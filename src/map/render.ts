/**
 * The only DOM writer of the map: render(svg, state, context) draws the state from scratch.
 * Calling it twice with the same arguments gives the same picture; it keeps no state of its own.
 */
import { geoInterpolate, geoPath, type GeoProjection } from 'd3-geo';
import type { Catalog } from './catalog.ts';
import { natoMembersThrough } from './describe.ts';
import type { RegionGeometry } from './geometry.ts';
import { panelBoxes, projectionFor, type Box } from './projection.ts';
import type { CountryRole, MapState, Panel, PlaceMark, Region } from './state.ts';

export interface RenderContext {
  catalog: Catalog;
  /** Decoded geometry for every region the state's panels use. */
  regions: Partial<Record<Region, RegionGeometry>>;
  width: number;
  height: number;
}

const SVG = 'http://www.w3.org/2000/svg';
type Attrs = Record<string, string | number>;

function el<K extends keyof SVGElementTagNameMap>(parent: Element, name: K, attrs: Attrs = {}, text?: string): SVGElementTagNameMap[K] {
  const node = parent.ownerDocument.createElementNS(SVG, name) as SVGElementTagNameMap[K];
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, typeof v === 'number' ? String(Math.round(v * 10) / 10) : v);
  if (text !== undefined) node.textContent = text;
  parent.appendChild(node);
  return node;
}

type Point = [number, number];
const lonLat = (catalog: Catalog, id: string): Point => [catalog.places[id].lon, catalog.places[id].lat];
const inside = ([x, y]: Point, b: Box, inset = 0): boolean =>
  x >= b.x + inset && x <= b.x + b.width - inset && y >= b.y + inset && y <= b.y + b.height - inset;

/** Pulls a point that lies outside the box back onto the box's edge, along the line from the centre. */
function clampToBox([x, y]: Point, b: Box, inset: number): Point {
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  const dx = x - cx;
  const dy = y - cy;
  const k = Math.min(1, (b.width / 2 - inset) / Math.abs(dx || 1e-9), (b.height / 2 - inset) / Math.abs(dy || 1e-9));
  return [cx + dx * k, cy + dy * k];
}

/**
 * An off-map pointer from a towards b as a reader of a flat map expects it: along the rhumb line
 * (constant compass bearing, the short way round in longitude), `from`° to `to`° of longitude-equivalent.
 */
function rhumb(a: Point, b: Point, from: number, to: number): Point[] {
  const dLon = ((((b[0] - a[0]) % 360) + 540) % 360) - 180;
  const dLat = b[1] - a[1];
  const length = Math.hypot(dLon, dLat) || 1;
  return Array.from({ length: 9 }, (_, i) => {
    const d = from + ((to - from) * i) / 8;
    return [a[0] + (dLon / length) * d, a[1] + (dLat / length) * d] as Point;
  });
}

/** The line from a to b: the great circle when b is in the panel, else the rhumb line out of the panel. */
function toward(projection: GeoProjection, box: Box, a: Point, b: Point): Point[] {
  const p = projection(b) as Point | null;
  return p && inside(p, box) ? [a, b] : rhumb(a, b, 0, 90);
}

/** Where an off-panel place is drawn: on the panel's edge, in its rhumb direction from the view's centre. */
function edgePoint(projection: GeoProjection, box: Box, center: Point, b: Point, inset: number): Point {
  const [cx, cy] = projection(center) as Point;
  const [qx, qy] = projection(rhumb(center, b, 0, 3)[8]) as Point;
  return clampToBox([cx + (qx - cx) * 1e3, cy + (qy - cy) * 1e3], box, inset);
}

/** Where a line's label goes: its middle when both ends are in view, else partway to the panel's edge. */
function lineLabelPoint(projection: GeoProjection, box: Box, a: Point, b: Point): Point | null {
  const end = projection(b) as Point | null;
  if (end && inside(end, box)) return labelPoint(projection, box, a, b);
  const visible = rhumb(a, b, 0, 24)
    .map((c) => projection(c) as Point | null)
    .filter((p): p is Point => !!p && inside(p, box, 30));
  return visible[Math.floor(visible.length / 2)] ?? null;
}

/** Where an arc's label goes: its middle when visible, else a point near the end that is. */
function labelPoint(projection: GeoProjection, box: Box, a: Point, b: Point, preferred = 0.5): Point | null {
  for (const t of [preferred, 0.35, 0.2, 0.1]) {
    const p = projection(geoInterpolate(a, b)(t));
    if (p && inside(p as Point, box, 24)) return p as Point;
  }
  return null;
}

type Anchor = 'start' | 'middle' | 'end';

/** Type size for a panel: smaller on a phone-sized map. */
const fontSize = (box: Box): number => (Math.min(box.width, box.height * 1.6) < 560 ? 11 : 13);

/**
 * A text label kept inside its panel: its width is estimated from its length (no layout is read,
 * so rendering stays a pure function), and it is nudged in from any edge it would cross.
 */
function label(g: SVGGElement, box: Box, x: number, y: number, anchor: Anchor, text: string, className: string, size = fontSize(box)): void {
  const width = text.length * size * 0.6;
  const left = anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2;
  const shift = Math.max(0, box.x + 4 - left) - Math.max(0, left + width - (box.x + box.width - 4));
  const top = Math.min(Math.max(y, box.y + size + 2), box.y + box.height - 4);
  el(g, 'text', { x: Math.round((x + shift) * 10) / 10, y: Math.round(top * 10) / 10, 'text-anchor': anchor, 'font-size': size, class: `label ${className}` }, text);
}

function defs(svg: SVGSVGElement): void {
  const d = el(svg, 'defs');
  const hatch = (id: string, color: string, angle: number, gap: number) => {
    const p = el(d, 'pattern', { id, width: gap, height: gap, patternUnits: 'userSpaceOnUse', patternTransform: `rotate(${angle})` });
    el(p, 'rect', { width: gap, height: gap, class: `${id}-bg` });
    el(p, 'line', { x1: 0, y1: 0, x2: 0, y2: gap, stroke: color, 'stroke-width': 1.5 });
  };
  hatch('hatch-outside', 'var(--hatch-outside)', 45, 8);
  hatch('hatch-after', 'var(--nato)', -45, 7);
  const marker = (id: string) => {
    const m = el(d, 'marker', { id, viewBox: '0 0 10 10', refX: 8, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    el(m, 'path', { d: 'M0,0 L10,5 L0,10 z', class: id });
  };
  marker('arrow-arc');
  marker('arrow-balance');
  marker('arrow-offmap');
}

function countryRoles(panel: Panel, catalog: Catalog): Map<string, CountryRole> {
  const roles = new Map<string, CountryRole>();
  if (panel.nato) {
    for (const wave of natoMembersThrough(catalog, panel.nato.through, panel.nato.showAfterArticle)) {
      for (const id of wave.members) roles.set(id, wave.afterArticle ? 'nato-after' : 'nato');
    }
  }
  for (const c of panel.countries) roles.set(c.id, c.role);
  return roles;
}

function placeLabel(g: SVGGElement, [x, y]: Point, mark: PlaceMark, name: string, box: Box): void {
  const r = mark.emphasis ? 5.5 : 3.5;
  el(g, 'circle', { cx: x, cy: y, r, class: mark.emphasis ? 'place place-emphasis' : 'place' });
  if (mark.emphasis) el(g, 'circle', { cx: x, cy: y, r: r + 5, class: 'place-ring' });
  const text = mark.label ?? name;
  if (!text) return;
  let anchor = mark.anchor ?? 'right';
  // Keep labels inside the panel: flip sides near an edge.
  if (anchor === 'right' && x > box.x + box.width * 0.72) anchor = 'left';
  if (anchor === 'left' && x < box.x + box.width * 0.28) anchor = 'right';
  const gap = r + 5;
  const size = fontSize(box) + (mark.emphasis ? 1 : 0);
  const [lx, ly, align] = ({ right: [x + gap, y + size * 0.35, 'start'], left: [x - gap, y + size * 0.35, 'end'], above: [x, y - gap - 2, 'middle'], below: [x, y + gap + size * 0.8, 'middle'] } as const)[anchor];
  label(g, box, lx, ly, align, text, `place-label${mark.emphasis ? ' label-strong' : ''}`, size);
}

function drawPanel(svg: SVGSVGElement, panel: Panel, index: number, box: Box, ctx: RenderContext): void {
  const { catalog } = ctx;
  const geo = ctx.regions[panel.view.region];
  const projection = projectionFor(panel.view, box);
  // One decimal is sub-pixel: smaller SVG, same picture.
  const path = geoPath(projection).digits(1);
  const clipId = `panel-clip-${index}`;
  const clip = el(el(svg, 'clipPath', { id: clipId }), 'rect', { x: box.x, y: box.y, width: box.width, height: box.height });
  void clip;
  const g = el(svg, 'g', { class: 'panel', 'clip-path': `url(#${clipId})`, 'data-region': panel.view.region });
  el(g, 'rect', { x: box.x, y: box.y, width: box.width, height: box.height, class: 'sea' });

  if (geo) {
    const roles = countryRoles(panel, catalog);
    const land = el(g, 'g', { class: 'countries' });
    for (const country of geo.countries) {
      const d = path(country);
      if (!d) continue;
      const role = roles.get(country.id);
      el(land, 'path', { d, class: role ? `country role-${role}` : 'country', 'data-id': country.id });
    }
    el(g, 'path', { d: path(geo.borders) ?? '', class: 'borders' });
    if (panel.dmz) {
      el(g, 'path', { d: path(geo.dmz) ?? '', class: 'dmz' });
      const mid = geo.dmz.coordinates.flat();
      const p = mid.length ? projection(mid[Math.floor(mid.length * 0.8)] as Point) : null;
      if (p) label(g, box, p[0] + 8, p[1] - 8, 'start', 'DMZ', 'dmz-label');
    }
  }

  for (const line of panel.alliances) {
    const a = catalog.alliances[line.id];
    const [from, to] = a.between.map((id) => lonLat(catalog, id));
    // Drawn from the end in view (the Korean capital) towards its ally.
    const coordinates: Point[][] = [toward(projection, box, to, from)];
    if (line.style === 'spanning' && line.reach) coordinates.push([to, lonLat(catalog, line.reach)]);
    const side = a.countries.includes('840') ? 'us' : 'cn';
    el(g, 'path', { d: path({ type: 'MultiLineString', coordinates }) ?? '', class: `alliance alliance-${side} style-${line.style}`, 'data-alliance': line.id });
    const at = lineLabelPoint(projection, box, to, from);
    if (at) label(g, box, at[0], at[1] - 7, 'middle', line.style === 'fading' ? `${a.label} (fading)` : a.label, `alliance-label alliance-label-${side}`);
  }

  if (panel.table) {
    const pts = panel.table.parties.map((id) => {
      const p = projection(lonLat(catalog, id)) as Point;
      const off = !inside(p, box, 28);
      return { id, p: off ? edgePoint(projection, box, panel.view.center, lonLat(catalog, id), 28) : p, off };
    });
    el(g, 'polygon', { points: pts.map(({ p }) => p.join(',')).join(' '), class: `table table-${pts.length}`, 'data-parties': pts.length });
    for (const { id, p, off } of pts) {
      if (!off) continue;
      el(g, 'circle', { cx: p[0], cy: p[1], r: 4, class: 'place place-offmap' });
      const right = p[0] > box.x + box.width / 2;
      label(g, box, p[0] + (right ? -4 : 4), p[1] + 20, right ? 'end' : 'start', `${catalog.places[id].name} (off map)`, 'place-label');
    }
    // The table's name sits under its lowest corner, clear of the place labels.
    const low = pts.reduce((a, b) => (b.p[1] > a.p[1] ? b : a)).p;
    label(g, box, low[0], low[1] + 24, 'middle', panel.table.label, 'table-label');
  }

  if (panel.ring) {
    const pts = panel.ring.around.map((id) => projection(lonLat(catalog, id)) as Point);
    const cx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
    const cy = pts.reduce((s, p) => s + p[1], 0) / pts.length;
    const r = Math.max(...pts.map(([x, y]) => Math.hypot(x - cx, y - cy))) + Math.min(box.width, box.height) * 0.08;
    el(g, 'circle', { cx, cy, r, class: 'ring' });
    label(g, box, cx, cy + r + 16, 'middle', panel.ring.label, 'ring-label');
  }

  for (const arc of [...panel.arcs].sort((a, b) => a.order - b.order)) {
    const a = lonLat(catalog, arc.from);
    const b = lonLat(catalog, arc.to);
    el(g, 'path', { d: path({ type: 'LineString', coordinates: [a, b] }) ?? '', class: `arc kind-${arc.kind}`, 'marker-end': 'url(#arrow-arc)', 'data-order': arc.order });
    const at = labelPoint(projection, box, a, b, arc.labelAt);
    if (at) label(g, box, at[0], at[1] - 8, 'middle', arc.label, 'arc-label');
  }

  for (const arrow of panel.arrows) {
    const a = lonLat(catalog, arrow.from);
    const b = lonLat(catalog, arrow.to);
    const line = arrow.kind === 'balance' ? [geoInterpolate(a, b)(0.08), geoInterpolate(a, b)(0.45)] : rhumb(a, b, 1.2, 13);
    el(g, 'path', { d: path({ type: 'LineString', coordinates: line }) ?? '', class: `arrow arrow-${arrow.kind}`, 'marker-end': `url(#arrow-${arrow.kind})` });
    const p = projection(line[line.length - 1]) as Point | null;
    if (p && arrow.label) {
      const q = inside(p, box, 30) ? p : clampToBox(p, box, 30);
      label(g, box, q[0], q[1] + 16, q[0] > box.x + box.width / 2 ? 'end' : 'start', arrow.label, 'arrow-label');
    }
  }

  const places = el(g, 'g', { class: 'places' });
  for (const mark of panel.places) {
    const p = projection(lonLat(catalog, mark.id)) as Point | null;
    if (p && inside(p, box)) placeLabel(places, p, mark, catalog.places[mark.id].name, box);
  }
  if (panel.title) label(g, box, box.x + 12, box.y + 22, 'start', panel.title, 'panel-title', fontSize(box) + 1);
}

/** Draws `state` into `svg`, replacing whatever was there. */
export function render(svg: SVGSVGElement, state: MapState, ctx: RenderContext): void {
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${ctx.width} ${ctx.height}`);
  defs(svg);
  const boxes = panelBoxes(state.panels.length, ctx.width, ctx.height);
  state.panels.forEach((panel, i) => drawPanel(svg, panel, i, boxes[i], ctx));
  if (boxes.length > 1) {
    const [, second] = boxes;
    const vertical = second.x > 0;
    el(svg, 'line', vertical ? { x1: second.x, y1: 0, x2: second.x, y2: ctx.height, class: 'panel-divider' } : { x1: 0, y1: second.y, x2: ctx.width, y2: second.y, class: 'panel-divider' });
  }
}
