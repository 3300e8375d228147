/** A state's view and a panel's size → a d3-geo projection that shows the view's span, centred. */
import { geoAzimuthalEqualArea, type GeoProjection } from 'd3-geo';
import { panelLayout } from './frame.ts';
import type { View } from './state.ts';

/** A panel's box in the map's pixel space. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Points along the edge of the span rectangle: what the projection must fit inside the panel. */
function spanOutline(view: Pick<View, 'center' | 'span'>): GeoJSON.MultiPoint {
  const [lon, lat] = view.center;
  const [w, h] = view.span;
  const coordinates: [number, number][] = [];
  const steps = 8;
  for (let i = 0; i <= steps; i++) {
    const x = lon - w / 2 + (w * i) / steps;
    const y = lat - h / 2 + (h * i) / steps;
    coordinates.push([x, lat - h / 2], [x, lat + h / 2], [lon - w / 2, y], [lon + w / 2, y]);
  }
  return { type: 'MultiPoint', coordinates };
}

/** Space (px) kept free at each edge of the map: whatever lies over it there (a phone's caption bar, a step card). */
export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const NO_PADDING: Padding = { top: 0, right: 0, bottom: 0, left: 0 };

/** The map's area inside the padding: where panels are laid out and subjects framed. */
export function paddedBox(width: number, height: number, p: Padding = NO_PADDING): Box {
  return { x: p.left, y: p.top, width: Math.max(1, width - p.left - p.right), height: Math.max(1, height - p.top - p.bottom) };
}

/** A panel's box in pixels: its fractions of the map's area inside the padding (as the renderer frames it). */
export function panelBox(fractions: readonly number[], width: number, height: number, padding?: Padding): Box {
  const inner = paddedBox(width, height, padding);
  const [x, y, w, h] = fractions;
  return { x: inner.x + x * inner.width, y: inner.y + y * inner.height, width: w * inner.width, height: h * inner.height };
}

/** A panel's box grown to the map's edges wherever it touches the padded area's edge: what it paints. */
export function paintedBox(box: Box, inner: Box, width: number, height: number): Box {
  const near = (a: number, b: number): boolean => Math.abs(a - b) < 0.5;
  const x0 = near(box.x, inner.x) ? 0 : box.x;
  const y0 = near(box.y, inner.y) ? 0 : box.y;
  const x1 = near(box.x + box.width, inner.x + inner.width) ? width : box.x + box.width;
  const y1 = near(box.y + box.height, inner.y + inner.height) ? height : box.y + box.height;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Margin kept free around the span, in pixels, so labels at the edge stay inside. */
export const PANEL_PADDING = 16;

/**
 * An azimuthal equal-area projection centred on the view: one projection family for every view,
 * so a camera move is a rotation plus a scale change. The view's centre lands on the panel's centre
 * and the span's outline fits inside the padded panel. Drawing is clipped to `clip` (default: the box), which may
 * be larger: a phone's map paints the whole screen but frames its subject where no card covers it.
 */
export function projectionFor(view: Pick<View, 'center' | 'span'>, box: Box, clip: Box = box, hemisphere = true): GeoProjection {
  const pad = Math.min(PANEL_PADDING, box.width / 10, box.height / 10);
  // At scale 1 and no translation the rotated centre projects to (0, 0): measure the outline there.
  const unit = geoAzimuthalEqualArea().rotate([-view.center[0], -view.center[1]]).scale(1).translate([0, 0]);
  let halfWidth = 1e-9;
  let halfHeight = 1e-9;
  for (const c of spanOutline(view).coordinates) {
    const [x, y] = unit(c as [number, number]) ?? [0, 0];
    halfWidth = Math.max(halfWidth, Math.abs(x));
    halfHeight = Math.max(halfHeight, Math.abs(y));
  }
  const scale = Math.max(1e-6, Math.min((box.width / 2 - pad) / halfWidth, (box.height / 2 - pad) / halfHeight));
  const projection = unit.scale(scale).translate([box.x + box.width / 2, box.y + box.height / 2]);
  // The far hemisphere is never shown: clipping at 90° is cheaper than near the antipode, and a camera zoomed far
  // out mid-flight sees a globe's disc rather than a torn far side. Geometry known to lie well inside the near
  // hemisphere (`hemisphere` false: see withinReach) skips clipping on the sphere altogether (d3's default would
  // cut at the antimeridian): that clip tests every polygon against the sphere, a third of a projected frame's work.
  if (hemisphere) projection.clipAngle(90);
  else projection.preclip((stream) => stream);
  return projection.clipExtent([
      [clip.x, clip.y],
      [clip.x + clip.width, clip.y + clip.height],
    ]);
}

/** Panels side by side on a wide map, stacked on a tall one, in pixels. */
export function panelBoxes(count: number, width: number, height: number): Box[] {
  return panelLayout(count, width >= height).map(([x, y, w, h]) => ({ x: x * width, y: y * height, width: w * width, height: h * height }));
}

/** A region's extent in degrees: [west, south, east, north]. */
export type Bounds = [number, number, number, number];

/** A point on the unit sphere: [x, y, z] of a longitude and latitude in degrees. */
const unit = ([lon, lat]: [number, number]): [number, number, number] => {
  const [l, p] = [(lon * Math.PI) / 180, (lat * Math.PI) / 180];
  return [Math.cos(p) * Math.cos(l), Math.cos(p) * Math.sin(l), Math.sin(p)];
};

/** Each extent's edge, sampled (16 points a side), as points on the unit sphere: found once per extent. */
const edges = new WeakMap<Bounds, [number, number, number][]>();

/**
 * Whether all of `bounds` lies within `limit` degrees of `center`, so nothing in it reaches the hemisphere's edge
 * and projecting it needs no clip there: a clip would cut nothing. The box's edge is sampled (16 points a side; the
 * distance from a centre inside the box peaks at its corners) and the limit kept a degree short of 90°. A flight asks
 * this of every frame's camera: each sample is one dot product with the centre (within `limit` where the cosine of
 * the angle between them is at least the limit's), not a great-circle distance.
 */
export function withinReach(center: [number, number], bounds: Bounds, limit = 89): boolean {
  const [w, s, e, n] = bounds;
  if (!(w <= e && s <= n)) return false;
  let samples = edges.get(bounds);
  if (!samples) {
    samples = [];
    for (let i = 0; i <= 16; i++) {
      const lon = w + ((e - w) * i) / 16;
      const lat = s + ((n - s) * i) / 16;
      samples.push(unit([lon, s]), unit([lon, n]), unit([w, lat]), unit([e, lat]));
    }
    edges.set(bounds, samples);
  }
  const [cx, cy, cz] = unit(center);
  const least = Math.cos((limit * Math.PI) / 180);
  return samples.every(([x, y, z]) => cx * x + cy * y + cz * z >= least);
}
