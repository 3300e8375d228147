// The canvas's tracer (src/map/trace.ts) against d3's own path through the same projection, on the real Natural
// Earth outlines: the same points in view; beyond the hemisphere's edge, the same areas and lengths as d3's clip.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { geoPath, type GeoProjection } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { decodeRegion, type RegionTopology } from '../../src/map/decode';
import type { RegionGeometry } from '../../src/map/geometry';
import { panelBoxes, projectionFor } from '../../src/map/projection';
import { states } from '../../src/map/states';
import { tracer, type Outline, type PathContext } from '../../src/map/trace';

const regions = Object.fromEntries(
  (['east-asia', 'europe'] as const).map((r) => [r, decodeRegion(JSON.parse(readFileSync(join(__dirname, '../../data/geo', `${r}.json`), 'utf8')) as RegionTopology)]),
) as Record<'east-asia' | 'europe', RegionGeometry>;

type Sub = { points: [number, number][]; closed: boolean };
/** A context that keeps the subpaths drawn. */
function recorder(): PathContext & { subs: Sub[]; beginPath(): void; arc(): void; closePath(): void } {
  const subs: Sub[] = [];
  return {
    subs,
    beginPath: () => undefined,
    arc: () => {
      throw new Error('no points are drawn');
    },
    moveTo: (x, y) => void subs.push({ points: [[x, y]], closed: false }),
    lineTo: (x, y) => void subs.at(-1)!.points.push([x, y]),
    closePath: () => void (subs.at(-1)!.closed = true),
  };
}
const outlines = (geo: RegionGeometry): [string, Outline][] => [
  ['land', geo.land],
  ['borders', geo.borders],
  ['countries', { type: 'FeatureCollection', features: geo.countries }],
];
/** The planar area rings enclose (holes wind the other way), and the length of lines. */
const area = (subs: Sub[]) =>
  Math.abs(subs.reduce((a, { points }) => a + points.reduce((n, [x, y], i) => n + (x * points[(i + 1) % points.length][1] - points[(i + 1) % points.length][0] * y) / 2, 0), 0));
const length = (subs: Sub[]) => subs.reduce((a, { points }) => a + points.slice(1).reduce((n, [x, y], i) => n + Math.hypot(x - points[i][0], y - points[i][1]), 0), 0);

describe('the canvas tracer', () => {
  const box = panelBoxes(1, 1280, 800)[0];
  const views = [...new Map(Object.values(states).flatMap((s) => s.panels.map((p) => [JSON.stringify(p.view), p.view]))).values()];

  it.each(views.map((v) => [`${v.region} ${v.center.join(',')}`, v] as const))('traces what d3 projects for the view %s, point for point', (_, view) => {
    // Every settled view sees its region within the hemisphere it faces: no clip on the sphere, as the scene draws it.
    const projection = projectionFor(view, box, box, false).clipExtent(null).precision(0); // as the scene's base projects
    for (const [name, shape] of outlines(regions[view.region])) {
      const ours = recorder();
      const theirs = recorder();
      tracer(projection, ours)(shape);
      geoPath(projection, theirs)(shape as GeoJSON.GeoJSON);
      expect(ours.subs.length, name).toBe(theirs.subs.length);
      expect(ours.subs.length, name).toBeGreaterThan(10);
      ours.subs.forEach((sub, i) => {
        // A ring d3 closes with closePath() the tracer closes by coming back to its start.
        const want = theirs.subs[i].closed ? [...theirs.subs[i].points, theirs.subs[i].points[0]] : theirs.subs[i].points;
        expect(sub.points.length, `${name} ${i}`).toBe(want.length);
        sub.points.forEach(([x, y], j) => {
          expect(x).toBeCloseTo(want[j][0], 6);
          expect(y).toBeCloseTo(want[j][1], 6);
        });
      });
    }
  });

  /** The nonzero winding number of closed subpaths around (x, y). */
  const winding = (subs: Sub[], x: number, y: number) => {
    let w = 0;
    for (const { points } of subs)
      points.forEach(([ax, ay], i) => {
        const [bx, by] = points[(i + 1) % points.length];
        const side = (bx - ax) * (y - ay) - (x - ax) * (by - ay);
        if (ay <= y && by > y && side > 0) w++;
        else if (ay > y && by <= y && side < 0) w--;
      });
    return w;
  };
  it.each(views.map((v) => [`${v.region} ${v.center.join(',')}`, v] as const))(
    'leaves out only what the box cannot show, for the view %s: the same fill at every point in it, far fewer edges zoomed in',
    (_, view) => {
      const phone = { x: 0, y: 0, width: 390, height: 844 };
      const projection = projectionFor(view, { ...phone, y: 60, height: 420 }, phone, false).clipExtent(null).precision(0);
      const ours = recorder();
      const all = recorder();
      tracer(projection, ours, phone)(regions[view.region].land);
      tracer(projection, all)(regions[view.region].land);
      for (let x = 3; x < phone.width; x += 13) for (let y = 5; y < phone.height; y += 17) expect(winding(ours.subs, x, y), `${x},${y}`).toBe(winding(all.subs, x, y));
      const count = (r: ReturnType<typeof recorder>) => r.subs.reduce((n, s) => n + s.points.length, 0);
      expect(count(ours)).toBeLessThan(count(all));
      if (view.span[0] < 20) expect(count(ours)).toBeLessThan(count(all) / 3);
      // Islands wholly beyond one side are not drawn at all.
      expect(ours.subs.length).toBeLessThan(all.subs.length);
      if (view.span[0] < 20) expect(ours.subs.length).toBeLessThan(all.subs.length / 2);
      // Strokes too: every border point inside the box (and its margin for a stroke's width) is kept.
      const lines = recorder();
      tracer(projection, lines, phone)(regions[view.region].borders);
      const kept = new Set(lines.subs.flatMap((s) => s.points.map(([x, y]) => `${x},${y}`)));
      const every = recorder();
      tracer(projection, every)(regions[view.region].borders);
      for (const s of every.subs)
        for (const [x, y] of s.points) if (x > -2 && x < phone.width + 2 && y > -2 && y < phone.height + 2) expect(kept.has(`${x},${y}`)).toBe(true);
    },
  );

  // A flight between East Asia and Europe zooms out: part of a region lies beyond the hemisphere the camera faces.
  const far: [string, GeoProjection, RegionGeometry][] = [
    ['East Asia seen from over Europe', projectionFor({ center: [20, 50], span: [120, 80] }, box), regions['east-asia']],
    ['Europe seen from over Korea', projectionFor({ center: [127, 38], span: [120, 80] }, box), regions.europe],
    ['East Asia seen from over the Urals', projectionFor({ center: [60, 55], span: [160, 90] }, box), regions['east-asia']],
  ];
  it.each(far)('cuts at the hemisphere’s edge as d3 does: %s', (_, projection, geo) => {
    projection.clipExtent(null).precision(0);
    const path = geoPath(projection);
    const theirs = path.area(geo.land);
    const hidden = recorder();
    geoPath(projection.preclip((s) => s), hidden)(geo.land); // unclipped: proves the case has land out of view
    projection.clipAngle(90);
    expect(theirs).toBeGreaterThan(1000);
    expect(area(hidden.subs)).toBeGreaterThan(theirs * 1.01);
    const ours = recorder();
    tracer(projection, ours)(geo.land);
    expect(area(ours.subs) / theirs).toBeCloseTo(1, 2);
    const lines = recorder();
    tracer(projection, lines)(geo.borders);
    expect(length(lines.subs) / path.measure(geo.borders)).toBeCloseTo(1, 2);
    // Nothing is drawn beyond the edge.
    const [tx, ty] = projection.translate();
    for (const { points } of [...ours.subs, ...lines.subs]) for (const [x, y] of points) expect(Math.hypot(x - tx, y - ty)).toBeLessThanOrEqual(projection.scale() * Math.SQRT2 + 1e-6);
  });
});
