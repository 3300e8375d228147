/**
 * A region's TopoJSON (data/geo/<region>.json, built by `npm run data`) → the features the renderer draws. Pure, so
 * it runs in Node (tests, the build), in the geometry worker and, where workers are unavailable, on the page.
 */
import { feature } from 'topojson-client';
import type { GeometryCollection, GeometryObject, MultiLineString, MultiPolygon, Topology } from 'topojson-specification';
import { assemble, type RegionPiece } from './assemble.ts';
import type { CountryFeature, RegionGeometry } from './geometry.ts';

export type RegionTopology = Topology<{
  countries: GeometryCollection<{ name: string }>;
  land: MultiPolygon;
  borders: MultiLineString;
  dmz: MultiLineString;
}>;

/** About how many points a piece holds: one piece is one short task to decode, or to receive from the worker. */
export const POINTS_PER_PIECE = 1500;

/** The shapes `npm run data` derives (merged land, meshed borders), so no reader's browser merges or meshes. */
const DERIVED = { land: 'MultiPolygon', borders: 'MultiLineString', dmz: 'MultiLineString' } as const;

/** Throws, saying what to do, unless `topology` has the countries and every derived shape. */
function check(topology: RegionTopology): void {
  const objects = topology?.objects ?? {};
  if (objects.countries?.type !== 'GeometryCollection') throw new Error('geometry has no "countries" GeometryCollection');
  for (const [name, type] of Object.entries(DERIVED)) {
    const object = objects[name as keyof typeof DERIVED];
    if (object?.type !== type || !Array.isArray(object.arcs)) throw new Error(`geometry has no derived "${name}" ${type}: rebuild data/geo with npm run data`);
  }
}

type Unit = { key: Exclude<keyof RegionPiece, 'landBounds'>; object: GeometryObject };

/** Everything to decode, one country, land polygon or line at a time, in the order the result keeps. */
function units({ objects: { countries, land, borders, dmz } }: RegionTopology): Unit[] {
  return [
    ...countries.geometries.map((object) => ({ key: 'countries' as const, object })),
    ...land.arcs.map((arcs) => ({ key: 'land' as const, object: { type: 'Polygon', arcs } as GeometryObject })),
    ...borders.arcs.map((arcs) => ({ key: 'borders' as const, object: { type: 'LineString', arcs } as GeometryObject })),
    ...dmz.arcs.map((arcs) => ({ key: 'dmz' as const, object: { type: 'LineString', arcs } as GeometryObject })),
  ];
}

/** The points a geometry's arcs hold (each arc once per use), without decoding them. */
function points(topology: RegionTopology, object: GeometryObject): number {
  const count = (a: unknown): number => (typeof a === 'number' ? topology.arcs[a < 0 ? ~a : a].length : Array.isArray(a) ? a.reduce((n: number, x) => n + count(x), 0) : 0);
  return 'arcs' in object ? count(object.arcs) : 0;
}

function decodeUnit(topology: RegionTopology, { key, object }: Unit, piece: RegionPiece): void {
  const f = feature(topology, object) as GeoJSON.Feature;
  if (key === 'countries') (piece.countries ??= []).push({ ...f, id: String(object.id) } as CountryFeature);
  else if (key === 'land') {
    const polygon = (f.geometry as GeoJSON.Polygon).coordinates;
    (piece.land ??= []).push(polygon);
    const b = (piece.landBounds ??= [Infinity, Infinity, -Infinity, -Infinity]);
    for (const ring of polygon)
      for (const [lon, lat] of ring) {
        if (lon < b[0]) b[0] = lon;
        if (lat < b[1]) b[1] = lat;
        if (lon > b[2]) b[2] = lon;
        if (lat > b[3]) b[3] = lat;
      }
  } else (piece[key] ??= []).push((f.geometry as GeoJSON.LineString).coordinates);
}

/** Decodes a region piece by piece (checked first), each of about POINTS_PER_PIECE points, so the work spreads over short tasks. */
export function* regionPieces(topology: RegionTopology): Generator<RegionPiece> {
  check(topology);
  let piece: RegionPiece = {};
  let size = 0;
  for (const unit of units(topology)) {
    const n = points(topology, unit.object);
    if (size > 0 && size + n > POINTS_PER_PIECE) {
      yield piece;
      [piece, size] = [{}, 0];
    }
    decodeUnit(topology, unit, piece);
    size += n;
  }
  if (size > 0) yield piece;
}

/** Decodes a region's TopoJSON at once. */
export function decodeRegion(topology: RegionTopology): RegionGeometry {
  return assemble(regionPieces(topology));
}
