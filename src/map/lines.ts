/** Screen-space helpers for lines and labels: pure functions of a projection and a panel box. */
import { geoInterpolate, type GeoProjection } from 'd3-geo';
import type { Box } from './projection.ts';

export type Point = [number, number];

export const inside = ([x, y]: Point, b: Box, inset = 0): boolean =>
  x >= b.x + inset && x <= b.x + b.width - inset && y >= b.y + inset && y <= b.y + b.height - inset;

/** Pulls a point that lies outside the box back onto the box's edge, along the line from the centre. */
export function clampToBox([x, y]: Point, b: Box, inset: number): Point {
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  const dx = x - cx;
  const dy = y - cy;
  const k = Math.min(1, (b.width / 2 - inset) / Math.abs(dx || 1e-9), (b.height / 2 - inset) / Math.abs(dy || 1e-9));
  return [cx + dx * k, cy + dy * k];
}

/**
 * Points along the rhumb line (constant compass bearing, the short way round in longitude) from a
 * towards b, from `from`° to `to`° along it: how a reader of a flat map expects "towards Washington".
 */
export function rhumb(a: Point, b: Point, from: number, to: number, samples = 9): Point[] {
  const dLon = ((((b[0] - a[0]) % 360) + 540) % 360) - 180;
  const dLat = b[1] - a[1];
  const length = Math.hypot(dLon, dLat) || 1;
  return Array.from({ length: samples }, (_, i) => {
    const d = from + ((to - from) * i) / (samples - 1);
    return [a[0] + (dLon / length) * d, a[1] + (dLat / length) * d] as Point;
  });
}

/** The line from a to b: the great circle when b is in the panel, else the rhumb line out of it. */
export function toward(projection: GeoProjection, box: Box, a: Point, b: Point): Point[] {
  const p = projection(b) as Point | null;
  return p && inside(p, box) ? [a, b] : rhumb(a, b, 0, 90);
}

/** The first fraction `drawn` (0–1) of a line given by its points, measured along its segments' count. */
export function partOf(line: Point[], drawn: number): Point[] {
  if (drawn >= 1) return line;
  if (line.length === 2) return [line[0], geoInterpolate(line[0], line[1])(Math.max(0, drawn))];
  const at = Math.max(0, drawn) * (line.length - 1);
  const whole = Math.floor(at);
  const rest = at - whole;
  const head = line.slice(0, whole + 1);
  return rest > 0 ? [...head, geoInterpolate(line[whole], line[whole + 1])(rest)] : head;
}

/** Where an off-panel place is drawn: on the panel's edge, in its rhumb direction from the view's centre. */
export function edgePoint(projection: GeoProjection, box: Box, center: Point, b: Point, inset: number): Point {
  const [cx, cy] = projection(center) as Point;
  const [qx, qy] = projection(rhumb(center, b, 0, 3)[8]) as Point;
  return clampToBox([cx + (qx - cx) * 1e3, cy + (qy - cy) * 1e3], box, inset);
}

/** A point part-way along a line (its middle by default) that lies inside the panel, or null. */
export function labelPoint(projection: GeoProjection, box: Box, line: Point[], preferred = 0.5): Point | null {
  for (const t of [preferred, 0.35, 0.2, 0.1, 0.05]) {
    const part = partOf(line, t);
    const p = projection(part[part.length - 1]) as Point | null;
    if (p && inside(p, box, 24)) return p;
  }
  return null;
}
