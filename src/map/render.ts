/**
 * The only DOM writer of the map: render(svg, frame, context) draws a frame (a state, or a moment of a
 * transition between two). The same arguments always give the same picture. The base map (land,
 * borders, fills) is recomputed only when its inputs change, which keeps camera-still transitions cheap.
 */
import { geoInterpolate, geoPath, type GeoPath, type GeoProjection } from 'd3-geo';
import type { Catalog } from './catalog.ts';
import type { Frame, FramePanel, Item, LinePart } from './frame.ts';
import type { CountryFeature, RegionGeometry } from './geometry.ts';
import { baseline, layoutLabels, segmentsOf, type Candidate, type LabelWant, type Obstacles, type Placement } from './labels.ts';
import { clampToBox, edgePoint, inside, partOf, rhumb, toward, type Point } from './lines.ts';
import type { Measure, TextSize } from './measure.ts';
import { paddedBox, paintedBox, projectionFor, type Box, type Padding } from './projection.ts';
import type { Arrow, PlaceMark, Region } from './state.ts';

export interface RenderContext {
  catalog: Catalog;
  /** Decoded geometry for the regions the frame draws (missing ones are simply not drawn). */
  regions: Partial<Record<Region, RegionGeometry>>;
  width: number;
  height: number;
  /** Measures label text in the font it is drawn in (src/map/measure.ts; src/build/font.ts at build time). */
  measure: Measure;
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

/** Type size for a panel: smaller on a phone-sized map. */
const fontSize = (box: Box): number => (Math.min(box.width, box.height * 1.6) < 560 ? 11 : 13);

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
  hatch('hatch-scenario', 'var(--scenario)', 30, 6);
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
    node.setAttribute('class', `country role-${f.value.role}${f.value.context ? ' is-context' : ''}`);
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

const dotRadius = (mark: PlaceMark): number => (mark.emphasis ? 5.5 : 3.5);

function placeMark(g: Element, [x, y]: Point, mark: PlaceMark, w: number): void {
  const r = dotRadius(mark);
  const o: Attrs = w < 1 ? { opacity: opacity(w) } : {};
  el(g, 'circle', { cx: x, cy: y, r, class: mark.emphasis ? 'place place-emphasis' : 'place', ...o });
  if (mark.emphasis) el(g, 'circle', { cx: x, cy: y, r: r + 5, class: 'place-ring', ...o });
}

/** The marked places that are on the panel, projected. */
function placesOnPanel(p: FramePanel, projection: GeoProjection, box: Box, catalog: Catalog) {
  return visible(p.places).flatMap(({ key, value: mark, w }) => {
    const q = projection(lonLat(catalog, mark.id)) as Point | null;
    return q && inside(q, box) ? [{ key, mark, w, q }] : [];
  });
}

/** The alliance line as drawn in full: from the Korean end towards the ally (out of the panel if the ally is off it). */
function allianceLine(part: LinePart, projection: GeoProjection, box: Box, catalog: Catalog): Point[] {
  const [from, to] = catalog.alliances[part.alliance].between.map((id) => lonLat(catalog, id));
  return toward(projection, box, to, from);
}

/** An arrow's line; an inbound arrow starts off the map, in the direction of its origin, and ends at its destination. */
function arrowLine(arrow: Arrow, catalog: Catalog): Point[] {
  const a = lonLat(catalog, arrow.from);
  const b = lonLat(catalog, arrow.to);
  if (arrow.kind === 'balance') return [partOf([a, b], 0.08).pop()!, partOf([a, b], 0.45).pop()!];
  return arrow.inbound ? rhumb(b, a, 1.2, 13).reverse() : rhumb(a, b, 1.2, 13);
}

/** Balancing arrows are part of Zhang's scenario; an arrow may carry context from outside the op-ed. */
const arrowMarks = (arrow: Arrow): string => `${arrow.kind === 'balance' ? ' is-scenario' : ''}${arrow.context ? ' is-context' : ''}`;

/** A label that carries context from outside the op-ed ends with a dagger, the key's sign. */
const dagger = (text: string, context: boolean | undefined): string => (context ? `${text}†` : text);

/** The talks table's corners in the panel: off-map parties sit on its edge; an arriving corner grows out of the edge between its neighbours. */
function tableCorners(p: FramePanel, projection: GeoProjection, box: Box, catalog: Catalog) {
  const corners = visible(p.table.corners);
  if (corners.length < 2) return null;
  const own = corners.map(({ value: id }) => {
    const q = projection(lonLat(catalog, id)) as Point;
    const off = !inside(q, box, 28);
    return { id, off, p: off ? edgePoint(projection, box, p.camera.center, lonLat(catalog, id), 28) : q };
  });
  const pts = own.map((c, i) => {
    const w = corners[i].w;
    if (w >= 1) return c.p;
    const prev = own[(i - 1 + own.length) % own.length].p;
    const next = own[(i + 1) % own.length].p;
    const mid: Point = [(prev[0] + next[0]) / 2, (prev[1] + next[1]) / 2];
    return [mid[0] + (c.p[0] - mid[0]) * w, mid[1] + (c.p[1] - mid[1]) * w] as Point;
  });
  return { corners, own, pts };
}

function ringShape(ring: { around: string[] }, w: number, projection: GeoProjection, box: Box, catalog: Catalog) {
  const pts = ring.around.map((id) => projection(lonLat(catalog, id)) as Point);
  const cx = pts.reduce((s, q) => s + q[0], 0) / pts.length;
  const cy = pts.reduce((s, q) => s + q[1], 0) / pts.length;
  const r = (Math.max(...pts.map(([x, y]) => Math.hypot(x - cx, y - cy))) + Math.min(box.width, box.height) * 0.08) * (0.85 + 0.15 * w);
  return { cx, cy, r };
}

/** A label the overlay asks for, with how it is drawn. */
interface Wanted extends LabelWant {
  className: string;
  w: number;
}

/** Label weights, as the stylesheet sets them (.label 600; .label-strong, .panel-title, .year-counter 800). */
const REGULAR = 600;
const STRONG = 800;

/** Where a label hangs around its anchors, by kind. */
const sides = {
  /** Beside a dot of radius r: the state's preferred side first, then the others, then the diagonals. */
  dot(r: number, first: PlaceMark['anchor'], m: TextSize, size: number): Candidate[] {
    const gap = r + 5;
    const all: Record<NonNullable<PlaceMark['anchor']>, Candidate> = {
      right: { at: 0, dx: gap, dy: size * 0.35, align: 'start' },
      left: { at: 0, dx: -gap, dy: size * 0.35, align: 'end' },
      above: { at: 0, dx: 0, dy: -gap - m.descent + 2, align: 'middle' },
      below: { at: 0, dx: 0, dy: gap + m.ascent - size * 0.25, align: 'middle' },
    };
    const order = [first ?? 'right', 'right', 'left', 'above', 'below'] as const;
    const diagonal = (sx: number, sy: number): Candidate => ({ at: 0, dx: sx * (r + 2), dy: sy < 0 ? -r - m.descent : r + m.ascent - size * 0.2, align: sx > 0 ? 'start' : 'end' });
    return [...new Set(order)].map((s) => all[s]).concat([diagonal(1, -1), diagonal(1, 1), diagonal(-1, -1), diagonal(-1, 1)]);
  },
  /** Along a line or around an area: above, below, right and left of each anchor in turn, sliding in from the edges. */
  along(count: number, offset: number, m: TextSize, size: number): Candidate[] {
    return Array.from({ length: count }, (_, at) => [
      { at, dx: 0, dy: -offset - m.descent, align: 'middle' as const, slide: true },
      { at, dx: 0, dy: offset + m.ascent - size * 0.2, align: 'middle' as const, slide: true },
      { at, dx: offset + 2, dy: size * 0.35, align: 'start' as const, slide: true },
      { at, dx: -offset - 2, dy: size * 0.35, align: 'end' as const, slide: true },
    ]).flat();
  },
};

/** Anchors at fractions (deduplicated) of the part of a line that is on the panel, projected. */
function alongLine(projection: GeoProjection, box: Box, line: Point[], at: number[]): (Point | null)[] {
  const point = (t: number) => projection(partOf(line, t).at(-1)!) as Point | null;
  const on = Array.from({ length: 49 }, (_, i) => i / 48).filter((t) => {
    const q = point(t);
    return q !== null && inside(q, box);
  });
  if (!on.length) return at.map(() => null);
  const [first, last] = [on[0], on[on.length - 1]];
  return [...new Set(at)].map((f) => point(first + (last - first) * f));
}

/** A line, projected at enough points to stand for it as an obstacle. */
function projectedLine(projection: GeoProjection, line: Point[]): (Point | null)[] {
  const points = line.length === 2 ? Array.from({ length: 13 }, (_, i) => geoInterpolate(line[0], line[1])(i / 12) as Point) : line;
  return points.map((c) => projection(c) as Point | null);
}

/**
 * Everything in a panel that wants a label, with its anchors projected for this frame, and the marks
 * labels must keep off. Pure: the same panel, projection and box give the same wants.
 */
function overlayLabels(p: FramePanel, projection: GeoProjection, box: Box, ctx: RenderContext): { wants: Wanted[]; obstacles: Obstacles } {
  const { catalog, measure } = ctx;
  const size = fontSize(box);
  const wants: Wanted[] = [];
  const obstacles: Obstacles = { rects: [], segments: [] };
  const geo = ctx.regions[p.regions[p.regions.length - 1]];
  const dot = ([x, y]: Point, r: number) => obstacles.rects.push({ x0: x - r, y0: y - r, x1: x + r, y1: y + r });
  const lineObstacle = (line: Point[]) => obstacles.segments.push(...segmentsOf(projectedLine(projection, line)));
  const metrics = (text: string, weight = REGULAR, px = size) => ({ font: { size: px, weight }, m: measure(text, { size: px, weight }) });

  for (const t of visible(p.titles)) {
    const { font, m } = metrics(t.value, STRONG, size + 1);
    const [left, right, top, bottom] = [box.x + 12, box.x + box.width - 12, box.y + 10, box.y + box.height - 10];
    wants.push({
      key: t.key, text: t.value, font, priority: 0, className: 'panel-title', w: t.w,
      anchors: [[left, top], [right, top], [left, bottom]],
      candidates: [{ at: 0, dx: 0, dy: m.ascent, align: 'start' }, { at: 1, dx: 0, dy: m.ascent, align: 'end' }, { at: 2, dx: 0, dy: -m.descent, align: 'start' }],
    });
  }
  for (const y of visible(p.year)) {
    const text = String(Math.round(y.value));
    const { font, m } = metrics(text, STRONG, Math.round(size * 2.6));
    const [left, right, top, bottom] = [box.x + 12, box.x + box.width - 12, box.y + 10, box.y + box.height - 8];
    wants.push({
      key: y.key, text, font, priority: 1, className: 'year-counter', w: y.w,
      anchors: [[left, bottom], [right, bottom], [right, top]],
      candidates: [{ at: 0, dx: 0, dy: -m.descent, align: 'start' }, { at: 1, dx: 0, dy: -m.descent, align: 'end' }, { at: 2, dx: 0, dy: m.ascent, align: 'end' }],
    });
  }

  // The context key and the scenario label: in a corner, under the title, never left out where a shorter form fits.
  const noteRows = Array.from({ length: 6 }, (_, k) => k * (size + 5));
  for (const n of visible(p.notes)) {
    const { font, m } = metrics(n.value.text);
    const [left, right, top, bottom] = [box.x + 12, box.x + box.width - 12, box.y + 10, box.y + box.height - 10];
    const anchors: Point[] = [...noteRows.map((dy): Point => [left, top + dy]), ...noteRows.map((dy): Point => [right, top + dy]), ...noteRows.map((dy): Point => [left, bottom - dy])];
    wants.push({
      key: n.key, text: n.value.text, short: n.value.kind === 'context' ? '† context' : n.value.text.split(':')[0], font, priority: n.value.kind === 'scenario' ? 0.5 : 0.6,
      className: `map-note is-${n.value.kind}`, w: n.w, anchors,
      candidates: anchors.map((_, at) => ({ at, dx: 0, dy: at >= 2 * noteRows.length ? -m.descent : m.ascent, align: at >= noteRows.length && at < 2 * noteRows.length ? ('end' as const) : ('start' as const) })),
    });
  }

  for (const { key, mark, w, q } of placesOnPanel(p, projection, box, catalog)) {
    const r = dotRadius(mark);
    dot(q, mark.emphasis ? r + 5 : r + 1);
    const name = mark.label ?? catalog.places[mark.id].name;
    if (!name) continue;
    const text = dagger(name, mark.context);
    const { font, m } = metrics(text, mark.emphasis ? STRONG : REGULAR, size + (mark.emphasis ? 1 : 0));
    wants.push({
      key, text, short: mark.short && dagger(mark.short, mark.context), font, priority: mark.emphasis ? 2 : 3, w,
      className: `place-label${mark.emphasis ? ' label-strong' : ''}${mark.context ? ' is-context' : ''}`,
      anchors: [q],
      candidates: sides.dot(mark.emphasis ? r + 5 : r, mark.anchor, m, font.size),
    });
  }

  if (p.dmz > 0.005 && geo) {
    const coords = geo.dmz.coordinates.flat() as Point[];
    if (coords.length) {
      lineObstacle(coords.filter((_, i) => i % Math.max(1, Math.floor(coords.length / 24)) === 0));
      const { font, m } = metrics('DMZ');
      const anchors = [0.8, 0.5, 0.2, 0.95, 0.05, 0.35, 0.65].map((f) => projection(coords[Math.floor((coords.length - 1) * f)]) as Point | null);
      wants.push({
        key: 'dmz', text: 'DMZ', font, priority: 9, className: 'dmz-label', w: p.dmz, anchors,
        candidates: anchors.flatMap((_, at) => [
          { at, dx: 8, dy: -8, align: 'start' as const },
          { at, dx: -8, dy: -8, align: 'end' as const },
          { at, dx: 8, dy: 8 + m.ascent - size * 0.2, align: 'start' as const },
          { at, dx: -8, dy: 8 + m.ascent - size * 0.2, align: 'end' as const },
          ...sides.along(1, 6, m, size).map((c) => ({ ...c, at })),
        ]),
      });
    }
  }

  for (const { key, value: part, w } of visible(p.lines)) {
    const full = allianceLine(part, projection, box, catalog);
    lineObstacle(full);
    const a = catalog.alliances[part.alliance];
    const text = part.part === 'fading' ? `${a.label} (fading)` : a.label;
    const { font, m } = metrics(text);
    const anchors = alongLine(projection, box, full, [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9]);
    wants.push({
      key, text, short: part.part === 'fading' ? a.label : undefined, font, priority: 6, w: (w - 0.5) * 2,
      className: `alliance-label alliance-label-${a.countries.includes('840') ? 'us' : 'cn'}`,
      anchors, candidates: sides.along(anchors.length, 4, m, size),
    });
  }

  const table = tableCorners(p, projection, box, catalog);
  if (table) {
    const { corners, own, pts } = table;
    obstacles.segments.push(...segmentsOf([...pts, pts[0]]));
    own.forEach((c, i) => {
      if (!c.off) return;
      dot(pts[i], 5);
      const name = catalog.places[c.id].name.split(',')[0];
      const text = `${name} (off map)`;
      const { font, m } = metrics(text);
      const align = pts[i][0] > box.x + box.width / 2 ? 'end' : 'start';
      const dx = align === 'end' ? -4 : 4;
      wants.push({
        key: corners[i].key, text, short: name, font, priority: 4, className: 'place-label', w: corners[i].w, anchors: [pts[i]],
        candidates: [
          { at: 0, dx, dy: -7 - m.descent, align, slide: true },
          { at: 0, dx, dy: 7 + m.ascent - size * 0.2, align, slide: true },
          { at: 0, dx: 0, dy: -7 - m.descent, align: 'middle', slide: true },
          { at: 0, dx: 0, dy: 7 + m.ascent - size * 0.2, align: 'middle', slide: true },
        ],
      });
    });
    const low = pts.reduce((a, b) => (b[1] > a[1] ? b : a));
    const high = pts.reduce((a, b) => (b[1] < a[1] ? b : a));
    const middle: Point = [pts.reduce((s, q) => s + q[0], 0) / pts.length, pts.reduce((s, q) => s + q[1], 0) / pts.length];
    // Under the table, over it, in it, then beside the middle of any of its sides.
    const sidesMid = pts.map((q, i) => [(q[0] + pts[(i + 1) % pts.length][0]) / 2, (q[1] + pts[(i + 1) % pts.length][1]) / 2] as Point);
    for (const t of visible(p.table.labels)) {
      const { font, m } = metrics(t.value);
      wants.push({
        key: t.key, text: t.value, font, priority: 4.5, className: 'table-label', w: t.w, anchors: [low, high, middle, ...sidesMid],
        candidates: [
          ...[10, 24, 38].map((d): Candidate => ({ at: 0, dx: 0, dy: d + m.ascent - size * 0.2, align: 'middle', slide: true })),
          { at: 2, dx: 0, dy: size * 0.35, align: 'middle', slide: true },
          ...[10, 24, 38].map((d): Candidate => ({ at: 1, dx: 0, dy: -d - m.descent, align: 'middle', slide: true })),
          ...sides.along(sidesMid.length, 6, m, size).map((c) => ({ ...c, at: c.at + 3 })),
        ],
      });
    }
  }

  for (const { key, value: ring, w } of visible(p.rings)) {
    const { cx, cy, r } = ringShape(ring, w, projection, box, catalog);
    obstacles.segments.push(...segmentsOf(Array.from({ length: 25 }, (_, i) => [cx + r * Math.cos((i / 12) * Math.PI), cy + r * Math.sin((i / 12) * Math.PI)] as Point)));
    const { font, m } = metrics(ring.label);
    wants.push({
      key, text: ring.label, font, priority: 8, className: 'ring-label is-scenario', w, anchors: [[cx, cy + r], [cx, cy - r]],
      candidates: [
        { at: 0, dx: 0, dy: 6 + m.ascent - size * 0.2, align: 'middle', slide: true },
        { at: 1, dx: 0, dy: -6 - m.descent, align: 'middle', slide: true },
        { at: 0, dx: 0, dy: -6 - m.descent, align: 'middle', slide: true },
        { at: 1, dx: 0, dy: 6 + m.ascent - size * 0.2, align: 'middle', slide: true },
      ],
    });
  }

  for (const { key, value: arc, w } of visible(p.arcs).sort((a, b) => a.value.order - b.value.order)) {
    const full: Point[] = [lonLat(catalog, arc.from), lonLat(catalog, arc.to)];
    lineObstacle(full);
    const text = dagger(arc.label, arc.context);
    const { font, m } = metrics(text);
    const anchors = alongLine(projection, box, full, [arc.labelAt ?? 0.5, 0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9]);
    wants.push({
      key, text, short: arc.short && dagger(arc.short, arc.context), font, priority: 5 + arc.order / 100, className: `arc-label${arc.context ? ' is-context' : ''}`, w: (w - 0.6) / 0.4,
      anchors, candidates: sides.along(anchors.length, 4, m, size),
    });
  }

  for (const { key, value: arrow, w } of visible(p.arrows)) {
    const full = arrowLine(arrow, catalog);
    lineObstacle(full);
    // The label sits at the off-map end: where an outbound arrow leaves the map, or an inbound one enters it.
    const q = projection(full[arrow.inbound ? 0 : full.length - 1]) as Point | null;
    if (!q || !arrow.label) continue;
    const end = inside(q, box, 30) ? q : clampToBox(q, box, 30);
    const mid = projection(partOf(full, 0.5).at(-1)!) as Point | null;
    const align = end[0] > box.x + box.width / 2 ? 'end' : 'start';
    const text = dagger(arrow.label, arrow.context);
    const { font, m } = metrics(text);
    wants.push({
      key, text, short: arrow.short && dagger(arrow.short, arrow.context), font, priority: 7, className: `arrow-label${arrowMarks(arrow)}`, w: (w - 0.5) * 2, anchors: [end, mid],
      candidates: [
        { at: 0, dx: 0, dy: 6 + m.ascent - size * 0.2, align, slide: true },
        { at: 0, dx: 0, dy: -6 - m.descent, align, slide: true },
        { at: 0, dx: 0, dy: 6 + m.ascent - size * 0.2, align: 'middle', slide: true },
        { at: 0, dx: 0, dy: -6 - m.descent, align: 'middle', slide: true },
        ...sides.along(1, 4, m, size).map((c) => ({ ...c, at: 1 })),
      ],
    });
  }
  return { wants, obstacles };
}

/** Placements by label key, per measurer, panel and map size: laid out once, reused by every frame. */
const layouts = new WeakMap<Measure, WeakMap<FramePanel, Map<string, Map<string, Placement>>>>();

/** A panel's box in pixels, inside the map's padding: where its subject is framed and its labels laid out. */
const pixelBox = (p: FramePanel, ctx: RenderContext): Box => {
  const inner = paddedBox(ctx.width, ctx.height, ctx.padding);
  return { x: inner.x + p.box[0] * inner.width, y: inner.y + p.box[1] * inner.height, width: p.box[2] * inner.width, height: p.box[3] * inner.height };
};

/**
 * A settled panel's label layout; a transition's panel takes its labels' placements from the panels it
 * runs between (the destination's where a label is in both), so a label keeps its side during a flight.
 */
export function placementsFor(p: FramePanel, ctx: RenderContext): Map<string, Placement> {
  let byPanel = layouts.get(ctx.measure);
  if (!byPanel) layouts.set(ctx.measure, (byPanel = new WeakMap()));
  let bySize = byPanel.get(p);
  if (!bySize) byPanel.set(p, (bySize = new Map()));
  const pad = ctx.padding;
  const size = `${ctx.width}x${ctx.height}${pad ? `|${pad.top},${pad.right},${pad.bottom},${pad.left}` : ''}`;
  let placed = bySize.get(size);
  if (!placed) {
    if (p.ends) {
      placed = new Map([...placementsFor(p.ends[0], ctx), ...placementsFor(p.ends[1], ctx)]);
    } else {
      const box = pixelBox(p, ctx);
      const { wants, obstacles } = overlayLabels(p, projectionFor({ center: p.camera.center, span: p.camera.span }, box), box, ctx);
      placed = layoutLabels(wants, obstacles, box, ctx.measure);
    }
    bySize.set(size, placed);
  }
  return placed;
}

/** Every label a settled panel wants, with its placement, or none where it was left out. */
export function panelLabels(p: FramePanel, box: Box, ctx: RenderContext): { want: LabelWant; placement: Placement | undefined }[] {
  const placed = placementsFor(p, ctx);
  const projection = projectionFor({ center: p.camera.center, span: p.camera.span }, box);
  return overlayLabels(p, projection, box, ctx).wants.map((want) => ({ want, placement: placed.get(want.key) }));
}

/** Labels last, above every shape, each where the layout put it relative to its anchor in this frame. */
function drawLabels(g: Element, wants: Wanted[], placed: Map<string, Placement>): void {
  const labels = el(g, 'g', { class: 'labels' });
  for (const want of wants) {
    const at = placed.get(want.key);
    const point = at && baseline(want, at.candidate);
    if (!at || !point || want.w <= 0.005) continue;
    const attrs: Attrs = { x: point[0] + at.shift, y: point[1], 'text-anchor': want.candidates[at.candidate].align, 'font-size': want.font.size, class: `label ${want.className}` };
    if (want.w < 1) attrs.opacity = opacity(want.w);
    el(labels, 'text', attrs, at.text === want.short && want.short !== want.text ? want.short : want.text);
  }
}

function drawOverlay(g: SVGGElement, p: FramePanel, projection: GeoProjection, path: GeoPath, box: Box, ctx: RenderContext): void {
  const { catalog } = ctx;
  const top = layer(g, 'overlay');
  top.replaceChildren();
  const geo = ctx.regions[p.regions[p.regions.length - 1]];
  const line = (coordinates: Point[]) => path({ type: 'LineString', coordinates }) ?? '';

  if (p.dmz > 0.005 && geo) el(top, 'path', { d: path(geo.dmz) ?? '', class: 'dmz', opacity: opacity(p.dmz) });

  for (const { value: part, w } of visible(p.lines)) {
    const a = catalog.alliances[part.alliance];
    const side = a.countries.includes('840') ? 'us' : 'cn';
    // Drawn from the Korean end towards the ally, and drawn on as it enters.
    const full = allianceLine(part, projection, box, catalog);
    const style = part.part === 'fading' ? 'fading' : 'firm';
    el(top, 'path', { d: line(partOf(full, w)), class: `alliance alliance-${side} style-${style}`, 'data-alliance': part.alliance, opacity: opacity(Math.min(1, w * 2)) });
  }

  const table = tableCorners(p, projection, box, catalog);
  if (table) {
    const { corners, own, pts } = table;
    const presence = Math.max(...corners.map((c) => c.w));
    const settled = corners.filter((c) => c.w > 0.5).length;
    el(top, 'polygon', { points: pts.map((q) => q.map(round).join(',')).join(' '), class: `table table-${settled}`, 'data-parties': settled, opacity: opacity(presence) });
    own.forEach((c, i) => {
      if (c.off) el(top, 'circle', { cx: pts[i][0], cy: pts[i][1], r: 4, class: 'place place-offmap', opacity: opacity(corners[i].w) });
    });
  }

  for (const { value: ring, w } of visible(p.rings)) {
    const { cx, cy, r } = ringShape(ring, w, projection, box, catalog);
    el(top, 'circle', { cx, cy, r, class: 'ring is-scenario', opacity: opacity(w) });
  }

  for (const { value: arc, w } of visible(p.arcs).sort((a, b) => a.value.order - b.value.order)) {
    const full: Point[] = [lonLat(catalog, arc.from), lonLat(catalog, arc.to)];
    const ctx = arc.context ? ' is-context' : '';
    // Direction is data: a trip grows from its start with an arrowhead; a call grows from both ends, with none.
    const mid = partOf(full, 0.5)[1];
    const d = arc.directed ? line(partOf(full, w)) : line(partOf([full[0], mid], w)) + line(partOf([full[1], mid], w));
    el(top, 'path', { d, class: `arc kind-${arc.kind}${arc.directed ? ' is-directed' : ' is-two-way'}${ctx}`, 'data-order': arc.order, ...(arc.directed && w > 0.08 ? { 'marker-end': 'url(#arrow-arc)' } : {}) });
    // The place an arc reaches pulses once as the arc arrives.
    if (w > 0.85 && w < 1) {
      const end = projection(full[1]) as Point | null;
      const k = (w - 0.85) / 0.15;
      if (end) el(top, 'circle', { cx: end[0], cy: end[1], r: 6 + 18 * k, class: 'pulse', opacity: opacity(1 - k) });
    }
  }

  for (const { value: arrow, w } of visible(p.arrows)) {
    const drawn = partOf(arrowLine(arrow, catalog), w);
    el(top, 'path', { d: line(drawn), class: `arrow arrow-${arrow.kind}${arrowMarks(arrow)}`, 'marker-end': `url(#arrow-${arrow.kind})`, opacity: opacity(Math.min(1, w * 2)) });
  }

  const places = el(top, 'g', { class: 'places' });
  for (const { mark, w, q } of placesOnPanel(p, projection, box, catalog)) placeMark(places, q, mark, w);
  drawLabels(top, overlayLabels(p, projection, box, ctx).wants, placementsFor(p, ctx));
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
    const box = pixelBox(p, ctx);
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
