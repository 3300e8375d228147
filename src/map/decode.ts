/**
 * A region's TopoJSON (data/geo/<region>.json, built by `npm run data`) → the features the renderer draws. Pure, so
 * it runs in Node (tests, the build), in the geometry worker and, where workers are unavailable, on the page.
 */
import { feature } from 'topojson-client';
import type { GeometryCollection, MultiLineString, MultiPolygon, Topology } from 'topojson-specification';
import type { CountryFeature, RegionGeometry } from './geometry.ts';

export type RegionTopology = Topology<{
  countries: GeometryCollection<{ name: string }>;
  land: MultiPolygon;
  borders: MultiLineString;
  dmz: MultiLineString;
}>;

/** Part of a region's geometry: a few countries, or one of the derived shapes. */
export type RegionPiece = Partial<RegionGeometry>;

/** Countries per piece: a piece is one short task to decode, or to receive from the worker. */
const COUNTRIES_PER_PIECE = 8;

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

/** Decodes a region piece by piece (checked first), so the work can be spread over short tasks. */
export function* regionPieces(topology: RegionTopology): Generator<RegionPiece> {
  check(topology);
  const { geometries } = topology.objects.countries;
  for (let i = 0; i < geometries.length; i += COUNTRIES_PER_PIECE) {
    yield { countries: geometries.slice(i, i + COUNTRIES_PER_PIECE).map((g) => ({ ...feature(topology, g), id: String(g.id) }) as CountryFeature) };
  }
  const { land, borders, dmz } = topology.objects;
  const shape = <T extends GeoJSON.Geometry>(object: MultiPolygon | MultiLineString) => (feature(topology, object) as GeoJSON.Feature<T>).geometry;
  yield { land: shape<GeoJSON.MultiPolygon>(land) };
  yield { borders: shape<GeoJSON.MultiLineString>(borders) };
  yield { dmz: shape<GeoJSON.MultiLineString>(dmz) };
}

/** The pieces of one region, in order, put back together. */
export function assemble(pieces: Iterable<RegionPiece>): RegionGeometry {
  const countries: CountryFeature[] = [];
  const rest: RegionPiece = {};
  for (const { countries: some, ...other } of pieces) {
    if (some) countries.push(...some);
    Object.assign(rest, other);
  }
  return { ...rest, countries } as RegionGeometry;
}

/** Decodes a region's TopoJSON at once. */
export function decodeRegion(topology: RegionTopology): RegionGeometry {
  return assemble(regionPieces(topology));
}
