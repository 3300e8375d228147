/**
 * A region's geometry in pieces, put back together: the page assembles what the map's worker decoded
 * (src/map/geometry.worker.ts) with this alone, so the decoder itself (src/map/decode.ts, TopoJSON) is loaded only
 * where the page must decode.
 */
import type { CountryFeature, RegionGeometry } from './geometry.ts';

/**
 * Part of a region's geometry: some countries, some polygons of the land, some lines of the borders or the DMZ.
 * The land's extent comes along (GeoJSON's `bbox` once assembled), so the page never walks all the land to find it.
 */
export interface RegionPiece {
  countries?: CountryFeature[];
  land?: GeoJSON.Position[][][];
  borders?: GeoJSON.Position[][];
  dmz?: GeoJSON.Position[][];
  /** The extent of the piece's land polygons, [west, south, east, north]: what the page would otherwise walk them for. */
  landBounds?: [number, number, number, number];
}

/** The pieces of one region, in order, put back together. */
export function assemble(pieces: Iterable<RegionPiece>): RegionGeometry {
  const geo: RegionGeometry = { countries: [], land: { type: 'MultiPolygon', coordinates: [] }, borders: { type: 'MultiLineString', coordinates: [] }, dmz: { type: 'MultiLineString', coordinates: [] } };
  for (const piece of pieces) {
    geo.countries.push(...(piece.countries ?? []));
    geo.land.coordinates.push(...(piece.land ?? []));
    geo.borders.coordinates.push(...(piece.borders ?? []));
    geo.dmz.coordinates.push(...(piece.dmz ?? []));
    if (piece.landBounds) {
      const [w, s, e, n] = piece.landBounds;
      const b = (geo.land.bbox ??= [Infinity, Infinity, -Infinity, -Infinity]);
      [b[0], b[1], b[2], b[3]] = [Math.min(b[0], w), Math.min(b[1], s), Math.max(b[2], e), Math.max(b[3], n)];
    }
  }
  return geo;
}
