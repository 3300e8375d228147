/**
 * The scene, a pure stage: a frame (a state, or a moment of a transition) and a size in; per panel, its box,
 * its base map (the geometry to fill and stroke, keyed by camera) and its overlay as SVG shapes with the labels
 * already placed, out. Painters only paint it (src/map/paint.ts: a canvas for the base and keyed SVG for the
 * overlay in the page; src/map/svg-string.ts: one SVG string for the build's still maps and cards), so every
 * output shows the same picture. The same frame and context always give the same scene.
 */
import { geoInterpolate, geoPath, type GeoProjection } from 'd3-geo';
import type { Catalog } from './catalog.ts';
import type { FramePanel, Frame, Item, LinePart } from './frame.ts';
import type { CountryFeature, RegionGeometry } from './geometry.ts';
import { baseline, layoutLabels, segmentsOf, type Candidate, type LabelWant, type Obstacles, type Placement } from './labels.ts';
import { clampToBox, edgePoint, inside, partOf, rhumb, toward, type Point } from './lines.ts';
import type { Measure, TextSize } from './measure.ts';
import { poleOf, SHORT_NAMES, visiblePieces, type CountryName, type NameSpot, type VisiblePiece } from './names.ts';
import { paddedBox, paintedBox, panelBox, projectionFor, withinReach, type Bounds, type Box, type Padding } from './projection.ts';
import type { Arrow, CountryRole, PlaceMark, Region } from './state.ts';

export interface SceneContext {
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

export type Attrs = Record<string, string | number>;

/** One SVG element of the overlay (or of the base drawn as vectors); its key names it across frames. */
export interface Shape {
  key: string;
  tag: 'path' | 'circle' | 'polygon' | 'rect' | 'line' | 'text';
  /** Numbers are written rounded to 0.1 px (attribute values). */
  attrs: Attrs;
  text?: string;
}

/** A group of countries filled alike: a role, or a NATO wave. */
export interface BaseFill {
  key: string;
  role: CountryRole;
  /** From outside the op-ed: drawn with the context style (a dotted edge). */
  context: boolean;
  /** The countries filled, as drawn (those the loaded geometry has). */
  ids: string[];
  opacity: number;
  shape: GeoJSON.FeatureCollection;
}

/** A panel's base map: sea, land, the role fills and the borders, projected by one camera. */
export interface SceneBase {
  /** The camera, box and regions: the same key, the same projected outlines. */
  camera: string;
  /** What the panel paints (its box grown to the map's edges where it touches them); the base is clipped to it. */
  paint: Box;
  /** Projects the outlines (no adaptive resampling: country outlines are dense already, and it is most of the cost). */
  projection: GeoProjection;
  /** The regions whose geometry has arrived, in the order land and borders list them. */
  regions: Region[];
  land: GeoJSON.MultiPolygon[];
  fills: BaseFill[];
  borders: GeoJSON.MultiLineString[];
}

export interface ScenePanel {
  key: string;
  region: Region;
  /** Where the subject is framed and the labels laid out. */
  box: Box;
  opacity: number;
  base: SceneBase;
  /** Drawn in this order above the base: lines and marks, the places' dots, then the labels. */
  shapes: Shape[];
  places: Shape[];
  labels: Shape[];
}

export interface Scene {
  width: number;
  height: number;
  panels: ScenePanel[];
  /** Lines between panels. */
  dividers: Shape[];
}

/** Attribute numbers as the painters write them: to 0.1 px. */
export const round = (v: number): number => Math.round(v * 10) / 10;

const lonLat = (catalog: Catalog, id: string): Point => [catalog.places[id].lon, catalog.places[id].lat];
const opacity = (w: number): number => Math.round(Math.min(1, Math.max(0, w)) * 100) / 100;
const visible = <T>(list: Item<T>[]): Item<T>[] => list.filter((i) => i.w > 0.005);

/** Type size for a panel: smaller on a phone-sized map. */
const fontSize = (box: Box): number => (Math.min(box.width, box.height * 1.6) < 560 ? 11 : 13);

const dotRadius = (mark: PlaceMark): number => (mark.emphasis ? 5.5 : 3.5);

/** A place's dot, and an emphasised place's ring around it. */
function placeShapes(key: string, [x, y]: Point, mark: PlaceMark, w: number): Shape[] {
  const r = dotRadius(mark);
  const o: Attrs = w < 1 ? { opacity: opacity(w) } : {};
  const dot: Shape = { key, tag: 'circle', attrs: { cx: x, cy: y, r, class: mark.emphasis ? 'place place-emphasis' : 'place', ...o } };
  return mark.emphasis ? [dot, { key: `${key}:ring`, tag: 'circle', attrs: { cx: x, cy: y, r: r + 5, class: 'place-ring', ...o } }] : [dot];
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
function overlayLabels(p: FramePanel, projection: GeoProjection, box: Box, ctx: SceneContext): { wants: Wanted[]; obstacles: Obstacles } {
  const { catalog, measure } = ctx;
  const size = fontSize(box);
  const wants: Wanted[] = [];
  const obstacles: Obstacles = { rects: [], segments: [] };
  const geo = ctx.regions[p.regions[p.regions.length - 1]];
  // Only a settled panel's labels are laid out around the marks: a transition's take their places from its ends
  // (placementsFor), so a flight's frames, which ask for this every frame, project no obstacle.
  const laidOut = !p.ends;
  const dot = ([x, y]: Point, r: number) => laidOut && obstacles.rects.push({ x0: x - r, y0: y - r, x1: x + r, y1: y + r });
  const lineObstacle = (line: () => Point[]) => laidOut && obstacles.segments.push(...segmentsOf(projectedLine(projection, line())));
  const outline = (points: () => Point[]) => laidOut && obstacles.segments.push(...segmentsOf(points()));
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
      lineObstacle(() => coords.filter((_, i) => i % Math.max(1, Math.floor(coords.length / 24)) === 0));
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
    lineObstacle(() => full);
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
    outline(() => [...pts, pts[0]]);
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
    outline(() => Array.from({ length: 25 }, (_, i) => [cx + r * Math.cos((i / 12) * Math.PI), cy + r * Math.sin((i / 12) * Math.PI)] as Point));
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
    lineObstacle(() => full);
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
    lineObstacle(() => full);
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

  // Country names last: quieter than every other label, they give way to all of them.
  const spots = nameSpotsFor(p, ctx);
  for (const { key, value: name, w } of visible(p.names)) {
    const spot = spots.get(key);
    const q = spot && (projection(spot.lonLat) as Point | null);
    if (!spot || !q || !geo) continue;
    const plain = name.text ?? countryById(geo).get(name.ids[0])?.properties.name;
    if (!plain) continue;
    const text = plain.toUpperCase();
    const font = { size: size - 1, weight: REGULAR, tracking: NAME_TRACKING };
    const m = measure(text, font);
    const short = SHORT_NAMES[plain]?.toUpperCase();
    // A name much wider than its country would stand for its neighbours: only the short form, or none.
    const fits = (t: string) => measure(t, font).width <= spot.room * NAME_SPREAD;
    const full = fits(text) ? text : short && fits(short) ? short : null;
    if (!full) continue;
    const mid = (m.ascent - m.descent) / 2;
    wants.push({
      key, text: full, short: full === short ? undefined : short, font, priority: 10, className: 'country-name', w, anchors: [q],
      candidates: [0, -1, 1, -2, 2].map((k) => ({ at: 0, dx: 0, dy: mid + k * (size * 0.9), align: 'middle' as const })),
    });
  }
  return { wants, obstacles };
}

/** Country names: spaced capitals (FontSpec.tracking, in em), and how much wider than its room (px from the edge of its visible part) a name may be. */
const NAME_TRACKING = 0.08;
const NAME_SPREAD = 3;

/**
 * Where a panel's country names stand, by name key, in [lon, lat]: found once per settled panel and size (polylabel
 * walks every ring); a moment of a transition takes them from the panels it runs between, so a name glides with its country.
 */
function nameSpotsFor(p: FramePanel, ctx: SceneContext): Map<string, NameSpot> {
  return nameSpots(ctx.measure, p, sizeKey(p, ctx), () => {
    if (p.ends) return new Map([...nameSpotsFor(p.ends[0], ctx), ...nameSpotsFor(p.ends[1], ctx)]);
    const spots = new Map<string, NameSpot>();
    for (const { key, value } of p.names) {
      const spot = nameSpotOf(p, key, value, ctx);
      if (spot) spots.set(key, spot);
    }
    return spots;
  });
}

/**
 * Where one of a settled panel's names stands (null: nowhere in view), found once per size in two units of sceneWork
 * (its country's visible pieces, namePiecesOf; then the point with the most room, polylabel), so finding a panel's
 * names never blocks the page for long.
 */
function nameSpotOf(p: FramePanel, key: string, name: CountryName, ctx: SceneContext): NameSpot | null {
  const known = spotsAt(p, ctx);
  if (!known.has(key)) {
    const pieces = namePiecesOf(p, key, name, ctx);
    known.set(key, pieces.length ? poleOf(pieces, nameProjection(p, ctx)) : null);
    piecesAt(p, ctx).delete(key); // needed no more
  }
  return known.get(key)!;
}

/** sceneWork's first unit of a name: its visible pieces, unless its spot is known already (a draw needed it first). */
function namePiecesAhead(p: FramePanel, key: string, name: CountryName, ctx: SceneContext): void {
  if (!spotsAt(p, ctx).has(key)) namePiecesOf(p, key, name, ctx);
}

/** The visible pieces of a panel's named country at this size: kept from the unit that found them until its spot is found. */
function namePiecesOf(p: FramePanel, key: string, name: CountryName, ctx: SceneContext): VisiblePiece[] {
  const known = piecesAt(p, ctx);
  let pieces = known.get(key);
  if (!pieces) {
    const geo = ctx.regions[p.regions[p.regions.length - 1]];
    const features = geo ? name.ids.map((id) => countryById(geo).get(id)).filter((c): c is CountryFeature => !!c) : [];
    known.set(key, (pieces = features.length ? visiblePieces(features, nameProjection(p, ctx)) : []));
  }
  return pieces;
}

/**
 * The projection names are found in. No adaptive resampling: it was 44% of finding the names, and moved no name by
 * any fraction of a pixel (every name of every state at 390×844, measured 2 December): a name needs the country's
 * shape, not its curvature.
 */
const nameProjection = (p: FramePanel, ctx: SceneContext): GeoProjection => panelProjection(p, pixelBox(p, ctx), nearSide(p, ctx)).precision(0);

/** A panel's box in pixels, inside the map's padding: where its subject is framed and its labels laid out. */
const pixelBox = (p: FramePanel, ctx: SceneContext): Box => panelBox(p.box, ctx.width, ctx.height, ctx.padding);

/**
 * The panel's projection for `box` (clipped to `clip`): without clipping on the sphere where all its geometry lies
 * well inside the hemisphere its camera faces (`near`, from nearSide).
 */
const panelProjection = (p: FramePanel, box: Box, near: boolean, clip = box): GeoProjection =>
  projectionFor({ center: p.camera.center, span: p.camera.span }, box, clip, !near);

/** What a settled panel's scene depends on besides the panel: the size, the padding and which of its regions have loaded. */
const sizeKey = (p: FramePanel, ctx: SceneContext): string => {
  const pad = ctx.padding;
  return `${ctx.width}x${ctx.height}${pad ? `|${pad.top},${pad.right},${pad.bottom},${pad.left}` : ''}|${p.regions.filter((r) => ctx.regions[r])}`;
};

/** One cache per measurer (the page's font, or the build's), then per panel (frames are shared), then per size. */
function cache<T>(): (measure: Measure, p: FramePanel, key: string, make: () => T) => T {
  const store = new WeakMap<Measure, WeakMap<FramePanel, Map<string, T>>>();
  return (measure, p, key, make) => {
    let byPanel = store.get(measure);
    if (!byPanel) store.set(measure, (byPanel = new WeakMap()));
    let byKey = byPanel.get(p);
    if (!byKey) byPanel.set(p, (byKey = new Map()));
    let value = byKey.get(key);
    if (value === undefined) byKey.set(key, (value = make()));
    return value;
  };
}

/** A settled panel's label wants, built once per size: its anchors only move when the camera does. */
const settledWants = cache<{ wants: Wanted[]; obstacles: Obstacles }>();
const layouts = cache<Map<string, Placement>>();
const nameSpots = cache<Map<string, NameSpot>>();
const nameSpotsByKey = cache<Map<string, NameSpot | null>>();
const namePieces = cache<Map<string, VisiblePiece[]>>();
/** A settled panel's name spots and names' visible pieces at this size, by name key. */
const spotsAt = (p: FramePanel, ctx: SceneContext) => nameSpotsByKey(ctx.measure, p, sizeKey(p, ctx), () => new Map());
const piecesAt = (p: FramePanel, ctx: SceneContext) => namePieces(ctx.measure, p, sizeKey(p, ctx), () => new Map());

const wantsFor = (p: FramePanel, projection: GeoProjection, box: Box, ctx: SceneContext) =>
  p.ends ? overlayLabels(p, projection, box, ctx) : settledWants(ctx.measure, p, sizeKey(p, ctx), () => overlayLabels(p, projection, box, ctx));

/**
 * A settled panel's label layout; a transition's panel takes its labels' placements from the panels it
 * runs between (the destination's where a label is in both), so a label keeps its side during a flight.
 */
export function placementsFor(p: FramePanel, ctx: SceneContext): Map<string, Placement> {
  return layouts(ctx.measure, p, sizeKey(p, ctx), () => {
    if (p.ends) return new Map([...placementsFor(p.ends[0], ctx), ...placementsFor(p.ends[1], ctx)]);
    const { wants, obstacles } = settledWantsOf(p, ctx);
    return layoutLabels(wants, obstacles, pixelBox(p, ctx), ctx.measure);
  });
}

/** A settled panel's labels (measured) and what they must not cover, at this size: a unit of sceneWork before its layout. */
function settledWantsOf(p: FramePanel, ctx: SceneContext): { wants: Wanted[]; obstacles: Obstacles } {
  const box = pixelBox(p, ctx);
  return wantsFor(p, panelProjection(p, box, nearSide(p, ctx)), box, ctx);
}

/** Labels, each where the layout put it relative to its anchor in this frame. */
function labelShapes(wants: Wanted[], placed: Map<string, Placement>): Shape[] {
  return wants.flatMap((want): Shape[] => {
    const at = placed.get(want.key);
    const point = at && baseline(want, at.candidate);
    if (!at || !point || want.w <= 0.005) return [];
    const attrs: Attrs = { x: point[0] + at.shift, y: point[1], 'text-anchor': want.candidates[at.candidate].align, 'font-size': want.font.size, class: `label ${want.className}` };
    // Spaced capitals are spaced by the attribute, so every painter (the page, the still maps, resvg's cards) spaces them alike.
    if (want.font.tracking) attrs['letter-spacing'] = want.font.tracking * want.font.size;
    if (want.w < 1) attrs.opacity = opacity(want.w);
    return [{ key: `label:${want.key}`, tag: 'text', attrs, text: at.text === want.short && want.short !== want.text ? want.short : want.text }];
  });
}

/** The lines and marks above the base, in drawing order. */
function overlayShapes(p: FramePanel, projection: GeoProjection, box: Box, ctx: SceneContext): Shape[] {
  const { catalog } = ctx;
  const shapes: Shape[] = [];
  const path = geoPath(projection).digits(1);
  const geo = ctx.regions[p.regions[p.regions.length - 1]];
  const line = (coordinates: Point[]) => path({ type: 'LineString', coordinates }) ?? '';
  const add = (key: string, tag: Shape['tag'], attrs: Attrs) => shapes.push({ key, tag, attrs });

  if (p.dmz > 0.005 && geo) add('dmz', 'path', { d: path(geo.dmz) ?? '', class: 'dmz', opacity: opacity(p.dmz) });

  for (const { key, value: part, w } of visible(p.lines)) {
    const a = catalog.alliances[part.alliance];
    const side = a.countries.includes('840') ? 'us' : 'cn';
    // Drawn from the Korean end towards the ally, and drawn on as it enters.
    const full = allianceLine(part, projection, box, catalog);
    const style = part.part === 'fading' ? 'fading' : 'firm';
    add(key, 'path', { d: line(partOf(full, w)), class: `alliance alliance-${side} style-${style}`, 'data-alliance': part.alliance, opacity: opacity(Math.min(1, w * 2)) });
  }

  const table = tableCorners(p, projection, box, catalog);
  if (table) {
    const { corners, own, pts } = table;
    const presence = Math.max(...corners.map((c) => c.w));
    const settled = corners.filter((c) => c.w > 0.5).length;
    add('table', 'polygon', { points: pts.map((q) => q.map(round).join(',')).join(' '), class: `table table-${settled}`, 'data-parties': settled, opacity: opacity(presence) });
    own.forEach((c, i) => {
      if (c.off) add(`${corners[i].key}:off`, 'circle', { cx: pts[i][0], cy: pts[i][1], r: 4, class: 'place place-offmap', opacity: opacity(corners[i].w) });
    });
  }

  for (const { key, value: ring, w } of visible(p.rings)) {
    const { cx, cy, r } = ringShape(ring, w, projection, box, catalog);
    add(key, 'circle', { cx, cy, r, class: 'ring is-scenario', opacity: opacity(w) });
  }

  for (const { key, value: arc, w } of visible(p.arcs).sort((a, b) => a.value.order - b.value.order)) {
    const full: Point[] = [lonLat(catalog, arc.from), lonLat(catalog, arc.to)];
    const context = arc.context ? ' is-context' : '';
    // Direction is data: a trip grows from its start with an arrowhead; a call grows from both ends, with none.
    const mid = partOf(full, 0.5)[1];
    const d = arc.directed ? line(partOf(full, w)) : line(partOf([full[0], mid], w)) + line(partOf([full[1], mid], w));
    add(key, 'path', { d, class: `arc kind-${arc.kind}${arc.directed ? ' is-directed' : ' is-two-way'}${context}`, 'data-order': arc.order, ...(arc.directed && w > 0.08 ? { 'marker-end': 'url(#arrow-arc)' } : {}) });
    // The place an arc reaches pulses once as the arc arrives.
    if (w > 0.85 && w < 1) {
      const end = projection(full[1]) as Point | null;
      const k = (w - 0.85) / 0.15;
      if (end) add(`${key}:pulse`, 'circle', { cx: end[0], cy: end[1], r: 6 + 18 * k, class: 'pulse', opacity: opacity(1 - k) });
    }
  }

  for (const { key, value: arrow, w } of visible(p.arrows)) {
    const drawn = partOf(arrowLine(arrow, catalog), w);
    add(key, 'path', { d: line(drawn), class: `arrow arrow-${arrow.kind}${arrowMarks(arrow)}`, 'marker-end': `url(#arrow-${arrow.kind})`, opacity: opacity(Math.min(1, w * 2)) });
  }
  return shapes;
}

/** Countries by id for each decoded region, built once per geometry object. */
const byIdCache = new WeakMap<RegionGeometry, Map<string, CountryFeature>>();
function countryById(geo: RegionGeometry): Map<string, CountryFeature> {
  let map = byIdCache.get(geo);
  if (!map) byIdCache.set(geo, (map = new Map(geo.countries.map((c) => [c.id, c]))));
  return map;
}

/**
 * Whether all the panel's geometry lies well inside the hemisphere its camera faces, so its per-frame projections
 * (base and overlay: each frame of a flight re-projects them) need no clipping on the sphere. Only geometry that has
 * arrived counts: a region still loading draws nothing.
 */
function nearSide(p: FramePanel, ctx: SceneContext): boolean {
  // A region's land comes decoded with its extent (GeoJSON's bbox, src/map/decode.ts); without one, clip.
  return p.regions.every((r) => {
    const geo = ctx.regions[r];
    return !geo || (geo.land.bbox?.length === 4 && withinReach(p.camera.center, geo.land.bbox as Bounds));
  });
}

function baseOf(p: FramePanel, box: Box, paint: Box, near: boolean, ctx: SceneContext): SceneBase {
  const regions = p.regions.filter((r) => ctx.regions[r]);
  const geos = regions.map((r) => ctx.regions[r]!);
  const camera = `${p.camera.center.map(round)}|${p.camera.span.map((v) => v.toFixed(3))}|${[box.x, box.y, box.width, box.height].map(round)}${paint === box ? '' : `/${[paint.x, paint.y, paint.width, paint.height].map(round)}`}|${p.regions}|${geos.length}`;
  // One group per role, or NATO wave: few paths however many countries.
  const fills = visible(p.fills).flatMap(({ key, value, w }): BaseFill[] => {
    const features = geos.flatMap((geo) => value.ids.map((id) => countryById(geo).get(id)).filter((c): c is CountryFeature => !!c));
    if (!features.length) return [];
    return [{ key, role: value.role, context: !!value.context, ids: features.map((c) => c.id), opacity: w < 1 ? opacity(w) : 1, shape: { type: 'FeatureCollection', features } as GeoJSON.FeatureCollection }];
  });
  return {
    camera,
    paint,
    projection: panelProjection(p, box, near, paint).precision(0),
    regions,
    land: geos.map((geo) => geo.land),
    fills,
    borders: geos.map((geo) => geo.borders),
  };
}

function panelScene(p: FramePanel, ctx: SceneContext): ScenePanel {
  // `box` frames the subject (inside the padding); `paint` is the part of the map the panel covers.
  const inner = paddedBox(ctx.width, ctx.height, ctx.padding);
  const box = pixelBox(p, ctx);
  const painted = paintedBox(box, inner, ctx.width, ctx.height);
  const paint = (['x', 'y', 'width', 'height'] as const).every((k) => painted[k] === box[k]) ? box : painted;
  const near = nearSide(p, ctx);
  const projection = panelProjection(p, box, near, paint);
  const places = placesOnPanel(p, projection, box, ctx.catalog).flatMap(({ key, mark, w, q }) => placeShapes(key, q, mark, w));
  return {
    key: p.key,
    region: p.regions[p.regions.length - 1],
    box,
    opacity: p.w < 1 ? opacity(p.w) : 1,
    base: baseOf(p, box, paint, near, ctx),
    shapes: overlayShapes(p, projection, box, ctx),
    places,
    labels: labelShapes(wantsFor(p, projection, box, ctx).wants, placementsFor(p, ctx)),
  };
}

/** Settled panels are drawn again and again (a scroll past a finished step): their scene is made once per size. */
const settledPanels = cache<ScenePanel>();
const settledPanel = (p: FramePanel, ctx: SceneContext): ScenePanel => settledPanels(ctx.measure, p, sizeKey(p, ctx), () => panelScene(p, ctx));

/**
 * A settled frame's first scene as short units of work — per panel, each of its country names' visible pieces, then
 * their point with the most room, its labels (measured), their layout, then the rest — each kept where scene() looks
 * for it: run one at a time (in idle moments, or between tasks), they leave the frame's first draw only its painting.
 * `ctx` is read when each unit runs, so it sees the map's size then.
 */
export function sceneWork(frame: Frame, ctx: () => SceneContext): (() => void)[] {
  return frame.panels.flatMap((p) =>
    p.ends
      ? []
      : [
          ...p.names.flatMap(({ key, value }) => [() => namePiecesAhead(p, key, value, ctx()), () => void nameSpotOf(p, key, value, ctx())]),
          () => void settledWantsOf(p, ctx()),
          () => void placementsFor(p, ctx()),
          () => void settledPanel(p, ctx()),
        ],
  );
}

/** The scene of `frame` at the context's size. */
export function scene(frame: Frame, ctx: SceneContext): Scene {
  const inner = paddedBox(ctx.width, ctx.height, ctx.padding);
  const panels = frame.panels.map((p) => (p.ends ? panelScene(p, ctx) : settledPanel(p, ctx)));
  const dividers = panels.slice(1).map(({ key, box }): Shape => {
    const vertical = box.x > inner.x + 0.5;
    const attrs = vertical ? { x1: box.x, y1: 0, x2: box.x, y2: ctx.height } : { x1: 0, y1: box.y, x2: ctx.width, y2: box.y };
    return { key: `divider:${key}`, tag: 'line', attrs: { ...attrs, class: 'panel-divider' } };
  });
  return { width: ctx.width, height: ctx.height, panels, dividers };
}

/**
 * The base as SVG shapes (sea, land, one path per fill group, the borders): what the vector painters draw
 * (the build's stills and cards, the deck's printed maps). The page paints the same base on a canvas.
 */
export function baseShapes(base: SceneBase): Shape[] {
  const path = geoPath(base.projection).digits(1);
  const { x, y, width, height } = base.paint;
  return [
    { key: 'sea', tag: 'rect', attrs: { class: 'sea', x, y, width, height } },
    { key: 'land', tag: 'path', attrs: { class: 'land', d: base.land.map((g) => path(g) ?? '').join('') } },
    ...base.fills.map((f): Shape => ({
      key: f.key,
      tag: 'path',
      attrs: { class: `country role-${f.role}${f.context ? ' is-context' : ''}`, 'data-ids': f.ids.join(' '), ...(f.opacity < 1 ? { opacity: String(f.opacity) } : {}), d: path(f.shape) ?? '' },
    })),
    { key: 'borders', tag: 'path', attrs: { class: 'borders', d: base.borders.map((g) => path(g) ?? '').join('') } },
  ];
}

/** The map's patterns (hatching) and arrowheads, as SVG markup: the same in every output. */
export const DEFS = [
  ...[
    ['hatch-outside', 'var(--hatch-outside)', 45, 8],
    ['hatch-after', 'var(--nato)', -45, 7],
    ['hatch-scenario', 'var(--scenario)', 30, 6],
  ].map(
    ([id, color, angle, gap]) =>
      `<pattern id="${id}" width="${gap}" height="${gap}" patternUnits="userSpaceOnUse" patternTransform="rotate(${angle})"><rect width="${gap}" height="${gap}" class="${id}-bg"/><line x1="0" y1="0" x2="0" y2="${gap}" stroke="${color}" stroke-width="1.5"/></pattern>`,
  ),
  ...['arrow-arc', 'arrow-balance', 'arrow-offmap'].map(
    (id) => `<marker id="${id}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="${id}"/></marker>`,
  ),
].join('');

/** A clip path's id for a panel. */
export const clipId = (panelKey: string): string => `panel-clip-${panelKey.replace(/[^a-z0-9-]/g, '-')}`;

/** An attribute's value as every painter writes it. */
export const attrValue = (v: string | number): string => (typeof v === 'number' ? String(round(v)) : v);
