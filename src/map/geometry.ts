/** TopoJSON of a region (data/geo/<region>.json, built by `npm run data`) → features the renderer draws. */
import { feature, merge, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Region } from './state.ts';

export interface CountryFeature {
  type: 'Feature';
  id: string;
  properties: { name: string };
  geometry: GeoJSON.Geometry;
}

export interface RegionGeometry {
  countries: CountryFeature[];
  /** All land as one shape (countries merged): one cheap path under the coloured fills. */
  land: GeoJSON.MultiPolygon;
  /** Land borders between countries (coastlines excluded). */
  borders: GeoJSON.MultiLineString;
  /** The border between North (408) and South Korea (410): the line the DMZ runs along. */
  dmz: GeoJSON.MultiLineString;
}

type CountriesTopology = Topology<{ countries: GeometryCollection<{ name: string }> }>;

/** Decodes a region's TopoJSON once; pure, so it runs in Node tests as in the browser. */
export function decodeRegion(topology: CountriesTopology): RegionGeometry {
  const object = topology.objects.countries;
  if (!object || object.type !== 'GeometryCollection') throw new Error('geometry has no "countries" GeometryCollection');
  const collection = feature(topology, object) as unknown as GeoJSON.FeatureCollection;
  const countries = collection.features.map((f) => ({ ...f, id: String(f.id) }) as CountryFeature);
  const land = merge(topology, object.geometries as Parameters<typeof merge>[1]);
  // West (280) and East Germany (278) are drawn apart for NATO's Cold-War frames; their line is not a border today.
  const borders = mesh(topology, object, (a, b) => a !== b && [a.id, b.id].sort().join() !== '278,280');
  const dmz = mesh(topology, object, (a, b) => a !== b && [a.id, b.id].sort().join() === '408,410');
  return { countries, land, borders, dmz };
}

const urls: Record<Region, string> = {
  'east-asia': new URL('../../data/geo/east-asia.json', import.meta.url).href,
  europe: new URL('../../data/geo/europe.json', import.meta.url).href,
};

const cache = new Map<Region, Promise<RegionGeometry>>();

/** Loads a region's geometry once (later calls share the request); rejects on network or format errors. */
export function loadRegion(region: Region): Promise<RegionGeometry> {
  let pending = cache.get(region);
  if (!pending) {
    pending = fetch(urls[region])
      .then((response) => {
        if (!response.ok) throw new Error(`geometry ${region}: HTTP ${response.status}`);
        return response.json() as Promise<CountriesTopology>;
      })
      .then(decodeRegion);
    // A failed load may be retried later (e.g. the train leaves the tunnel).
    pending.catch(() => cache.delete(region));
    cache.set(region, pending);
  }
  return pending;
}
