/**
 * Traces the base's outlines onto a canvas for a panel's projection (src/map/projection.ts: azimuthal equal-area,
 * rotated to the camera) without d3's projection stream. Each point's place on the unit sphere is found once per
 * geometry; a frame is then, per point, a rotation (nine products), a square root and a scale, with no arrays made:
 * a camera's flight re-projects the whole base every frame, and d3's stream (a chain of functions and arrays per
 * point, and on zoomed-out frames a clip on the sphere) was most of that frame's script.
 *
 * The canvas clips to the panel's box itself: nothing is cut to the box here, only left out where no pixel in it
 * could change (see tracer). What lies beyond the hemisphere the
 * camera faces (only on a flight zoomed out between regions) is cut where the d3 painters cut it, at the
 * hemisphere's edge: a line stops there; a ring runs along the edge until it comes back into view (its hidden
 * points laid on the edge at their own bearing from the centre), so a fill covers what d3's clipped fill covers.
 */
import { geoRotation } from 'd3-geo';
import type { Box } from './projection.ts';

/** The calls tracing makes: a canvas's 2D context, or anything recording them. */
export type PathContext = Pick<CanvasRenderingContext2D, 'moveTo' | 'lineTo'>;

/** A camera as the tracer reads it: a d3 projection (src/map/projection.ts), or its three values (in a worker). */
export interface View {
  rotate(): [number, number, number];
  scale(): number;
  translate(): [number, number];
}

/** What the base traces: merged land, meshed borders and groups of countries. */
export type Outline = GeoJSON.MultiPolygon | GeoJSON.MultiLineString | GeoJSON.FeatureCollection;

/** A geometry's points on the unit sphere (x, y, z each), its rings or lines as start offsets, and which are rings. */
interface Points {
  xyz: Float64Array;
  starts: Uint32Array;
  closed: Uint8Array;
}

const known = new WeakMap<object, Points>();

/** Rings (without their repeated last point) and lines of a geometry, in drawing order. */
function partsOf(shape: GeoJSON.Geometry, parts: { line: GeoJSON.Position[]; ring: boolean }[]): void {
  switch (shape.type) {
    case 'GeometryCollection':
      for (const g of shape.geometries) partsOf(g, parts);
      break;
    case 'MultiPolygon':
      for (const polygon of shape.coordinates) for (const ring of polygon) parts.push({ line: ring.slice(0, -1), ring: true });
      break;
    case 'Polygon':
      for (const ring of shape.coordinates) parts.push({ line: ring.slice(0, -1), ring: true });
      break;
    case 'MultiLineString':
      for (const line of shape.coordinates) parts.push({ line, ring: false });
      break;
    case 'LineString':
      parts.push({ line: shape.coordinates, ring: false });
      break;
    default:
      break; // points are not outlines
  }
}

/** Found once per geometry: a country's, the land's or the borders' object is the same from frame to frame. */
function pointsOf(shape: GeoJSON.Geometry): Points {
  let points = known.get(shape);
  if (points) return points;
  const parts: { line: GeoJSON.Position[]; ring: boolean }[] = [];
  partsOf(shape, parts);
  const count = parts.reduce((n, p) => n + p.line.length, 0);
  const xyz = new Float64Array(count * 3);
  const starts = new Uint32Array(parts.length + 1);
  const closed = new Uint8Array(parts.length);
  let i = 0;
  parts.forEach((part, k) => {
    starts[k] = i;
    closed[k] = part.ring ? 1 : 0;
    for (const [lon, lat] of part.line) {
      const [l, f] = [(lon * Math.PI) / 180, (lat * Math.PI) / 180];
      const c = Math.cos(f);
      xyz[i * 3] = c * Math.cos(l);
      xyz[i * 3 + 1] = c * Math.sin(l);
      xyz[i * 3 + 2] = Math.sin(f);
      i++;
    }
  });
  starts[parts.length] = i;
  known.set(shape, (points = { xyz, starts, closed }));
  return points;
}

/** The projection's rotation as a 3×3 matrix (rows), found by rotating the axes with d3's own rotation. */
function rotationMatrix(rotate: [number, number, number]): number[] {
  const turn = geoRotation(rotate);
  const columns = ([[0, 0], [90, 0], [0, 90]] as [number, number][]).map((axis) => {
    const [lon, lat] = turn(axis).map((d) => (d * Math.PI) / 180);
    return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
  });
  return [0, 1, 2].flatMap((row) => columns.map((column) => column[row]));
}

/** Outside the box by more than any stroke's reach: the edges a run of such points makes are never seen. */
const MARGIN = 4;

/**
 * A tracer for `projection`'s camera (its rotation, scale and translation): call it with each outline, then fill or
 * stroke the context's path. The canvas clips to `box` itself; what the tracer leaves out there is only what no pixel
 * in it can show — a run of points all beyond one side of the box becomes its first and last point (the edges between
 * them stay beyond that side, so no fill or stroke inside changes), so zoomed in, the canvas rasterises a few edges
 * instead of the whole region's.
 */
export function tracer(projection: View, context: PathContext, box?: Box): (shape: Outline) => void {
  const [m0, m1, m2, m3, m4, m5, m6, m7, m8] = rotationMatrix(projection.rotate());
  const k = projection.scale();
  const [tx, ty] = projection.translate();
  const edge = k * Math.SQRT2; // the hemisphere's edge, in pixels from the centre
  const [left, top] = box ? [box.x - MARGIN, box.y - MARGIN] : [-Infinity, -Infinity];
  const [right, bottom] = box ? [box.x + box.width + MARGIN, box.y + box.height + MARGIN] : [Infinity, Infinity];
  /** Which sides of the box a point lies beyond: 1 left, 2 right, 4 above, 8 below. */
  const sides = (x: number, y: number): number => (x < left ? 1 : x > right ? 2 : 0) | (y < top ? 4 : y > bottom ? 8 : 0);

  // The subpath being drawn: whether begun, its start (drawn once a point comes that is not beyond the same side:
  // a ring or line wholly beyond one side is not drawn at all), the sides every point of the current run lies
  // beyond, and the run's last point, held back until the run ends.
  let pen = false;
  let drawn = false;
  let x0 = 0;
  let y0 = 0;
  let run = 0;
  let held = false;
  let hx = 0;
  let hy = 0;
  const put = (x: number, y: number): void => {
    const beyond = sides(x, y);
    if (!pen) {
      x0 = x;
      y0 = y;
      run = beyond;
      pen = true;
      held = false;
      drawn = beyond === 0;
      if (drawn) context.moveTo(x, y);
      return;
    }
    if (run & beyond) {
      run &= beyond;
      hx = x;
      hy = y;
      held = true;
      return;
    }
    if (!drawn) {
      context.moveTo(x0, y0);
      drawn = true;
    }
    if (held) context.lineTo(hx, hy);
    context.lineTo(x, y);
    run = beyond;
    held = false;
  };
  const lift = (): void => {
    if (drawn && held) context.lineTo(hx, hy);
    pen = held = drawn = false;
  };

  const trace = (shape: GeoJSON.Geometry): void => {
    const { xyz, starts, closed } = pointsOf(shape);
    const anyVisible = (from: number, to: number): boolean => {
      for (let j = from * 3; j < to * 3; j += 3) if (m0 * xyz[j] + m1 * xyz[j + 1] + m2 * xyz[j + 2] >= 0) return true;
      return false;
    };
    for (let part = 0; part + 1 < starts.length; part++) {
      const ring = closed[part] === 1;
      const from = starts[part];
      const to = starts[part + 1];
      if (ring && !anyVisible(from, to)) continue; // wholly out of view: d3 drops it too
      let pX = 0;
      let pY = 0;
      let pZ = 0;
      for (let i = from; i <= to; i++) {
        if (i === to && !ring) break;
        const j = (i === to ? from : i) * 3; // a ring comes back to its first point to close the edge crossing
        const X = m0 * xyz[j] + m1 * xyz[j + 1] + m2 * xyz[j + 2];
        const Y = m3 * xyz[j] + m4 * xyz[j + 1] + m5 * xyz[j + 2];
        const Z = m6 * xyz[j] + m7 * xyz[j + 1] + m8 * xyz[j + 2];
        const visible = X >= 0;
        if (i > from && visible !== pX >= 0) {
          // The edge crosses the hemisphere's edge: where, on the sphere, then laid on the edge's circle.
          const t = pX / (pX - X);
          const cy = pY + t * (Y - pY);
          const cz = pZ + t * (Z - pZ);
          const r = Math.hypot(cy, cz) || 1;
          if (!ring && visible) lift(); // a line comes back into view: a new stroke from the edge
          put(tx + (edge * cy) / r, ty - (edge * cz) / r);
          if (!ring && !visible) lift(); // a line leaves the view: it stops at the edge
        }
        if (i < to) {
          if (visible) {
            const s = k * Math.sqrt(2 / (1 + X));
            put(tx + s * Y, ty - s * Z);
          } else if (ring) {
            const r = Math.hypot(Y, Z) || 1;
            put(tx + (edge * Y) / r, ty - (edge * Z) / r);
          }
        }
        pX = X;
        pY = Y;
        pZ = Z;
      }
      // Back to the ring's start rather than closePath(): a fill closes it alike, and Chromium's closePath() costs
      // in proportion to the whole path so far (measured: 80 µs each on a 10,000-point path), a frame's worst cost.
      if (ring && pen) put(x0, y0);
      lift();
    }
  };
  return (shape) => {
    if (shape.type !== 'FeatureCollection') return trace(shape);
    for (const f of shape.features) if (f.geometry) trace(f.geometry);
  };
}
