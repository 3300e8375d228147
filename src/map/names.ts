/**
 * Country names on the map. Which countries a panel names is read from the panel itself: those it gives a role
 * (the countries the picture is about), the neighbours that orient a reader in its region, and, where NATO is
 * drawn, Europe's largest members and Russia. A name sits at the point of the country's visible part farthest
 * from its edges (the pole of inaccessibility, via polylabel) and is placed by the one label layout, after
 * every other label: quieter than a city's name, it gives way to all of them.
 */
import { geoStream, type GeoProjection } from 'd3-geo';
import polylabel from 'polylabel';
import type { CountryFeature } from './geometry.ts';
import type { Point } from './lines.ts';
import type { Panel, Region } from './state.ts';

/** A country (or the countries drawn as one, Germany after 1990) that a panel names. */
export interface CountryName {
  /** world-atlas ids whose shapes the name stands on. */
  ids: string[];
  /** The name; Natural Earth's (the geometry's) where not given. */
  text?: string;
}

/** Neighbours named for orientation wherever they are in the picture. */
const ORIENTATION: Record<Region, string[]> = { 'east-asia': ['392', '643', '496'], europe: ['643'] };

/** NATO's largest European members (and West Germany before 1990), named on a NATO map. */
const NATO_NAMED = ['826', '250', '280', '380', '724', '616', '792'];

/** Shorter forms for where the full name fits nowhere. */
export const SHORT_NAMES: Readonly<Record<string, string>> = {
  'North Korea': 'N. Korea',
  'South Korea': 'S. Korea',
  'United Kingdom': 'UK',
  'West Germany': 'W. Germany',
  Mongolia: 'Mong.',
};

/**
 * The names a panel shows. `reunified`: the panel draws Germany after 3 October 1990, so West and East
 * Germany (apart in the geometry for the Cold-War maps) are named as one.
 */
export function namesOf(panel: Pick<Panel, 'countries' | 'nato' | 'view'>, reunified: boolean): CountryName[] {
  const ids = [...panel.countries.map((c) => c.id), ...ORIENTATION[panel.view.region], ...(panel.nato ? NATO_NAMED : [])];
  return [...new Set(ids)].map((id) => (id === '280' && reunified ? { ids: ['280', '278'], text: 'Germany' } : { ids: [id] }));
}

/** At most this many points per ring when finding where a name stands: a name needs a country's shape, not its coast. */
const NAME_RING_POINTS = 256;
const coarse = new WeakMap<CountryFeature, GeoJSON.Geometry>();

/** A feature's geometry with long rings thinned to about NAME_RING_POINTS (every k-th point, closed again), once per feature. */
function coarseOf(f: CountryFeature): GeoJSON.Geometry {
  let g = coarse.get(f);
  if (!g) {
    const thin = (ring: GeoJSON.Position[]): GeoJSON.Position[] => {
      if (ring.length <= NAME_RING_POINTS) return ring;
      const k = Math.ceil(ring.length / NAME_RING_POINTS);
      const kept = ring.filter((_, i) => i % k === 0);
      kept.push(ring[0]);
      return kept;
    };
    const geometry = f.geometry;
    g =
      geometry.type === 'Polygon'
        ? { type: 'Polygon', coordinates: geometry.coordinates.map(thin) }
        : geometry.type === 'MultiPolygon'
          ? { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map(thin)) }
          : geometry;
    coarse.set(f, g);
  }
  return g;
}

/** A stream sink that collects the projected, clipped rings of a geometry: what the picture shows of it. */
function ringsOf(projection: GeoProjection, geometry: GeoJSON.Geometry): Point[][] {
  const rings: Point[][] = [];
  let ring: Point[] = [];
  const sink = {
    point: (x: number, y: number) => void ring.push([x, y]),
    lineStart: () => void (ring = []),
    lineEnd: () => void (ring.length > 2 && rings.push(ring)),
    polygonStart: () => undefined,
    polygonEnd: () => undefined,
    sphere: () => undefined,
  };
  geoStream(geometry, projection.stream(sink));
  return rings;
}

/** Where a name can stand: a point inside the country's visible part, and how far it is from that part's edge (px). */
export interface NameSpot {
  point: Point;
  /** The point in [lon, lat], so a frame of a flight can project it again. */
  lonLat: Point;
  room: number;
}

/** Half the shorter side of a ring's bounding box: the most room any point inside it can have (px). */
function reachOf(ring: Point[]): number {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) {
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return Math.min(x1 - x0, y1 - y0) / 2;
}

/** px from the visible piece's edge below which no name stands there. */
const MIN_ROOM = 3;

/** A visible piece of a country in the panel's pixels, with the most room any point inside it can have (px). */
export interface VisiblePiece {
  ring: Point[];
  reach: number;
}

/**
 * The visible pieces of the features in a projection clipped to what the panel shows, largest first. Pure; the first
 * half of finding a name's spot (it projects and clips every ring).
 */
export function visiblePieces(features: CountryFeature[], projection: GeoProjection): VisiblePiece[] {
  return features.flatMap((f) => ringsOf(projection, coarseOf(f)).map((ring) => ({ ring, reach: reachOf(ring) }))).sort((a, b) => b.reach - a.reach);
}

/**
 * The pole of inaccessibility of the largest of the pieces (visiblePieces, in `projection`); null if none has room.
 * Pure; the second half of finding a name's spot (polylabel walks every ring it tries).
 */
export function poleOf(pieces: VisiblePiece[], projection: GeoProjection): NameSpot | null {
  let best: NameSpot | null = null;
  // Largest first: no point of a ring is farther from its edge than half its box's shorter side, so once a piece
  // has room for a name, every ring too small to beat it is passed over unwalked (islands, mostly).
  for (const { ring, reach } of pieces) {
    if (reach < MIN_ROOM || (best && reach <= best.room)) break;
    const pole = polylabel([ring], 1);
    // A sliver at the panel's edge (a few px of a country mostly off it) has no room for a name.
    if (pole.distance < MIN_ROOM || (best && pole.distance <= best.room)) continue;
    const point: Point = [pole[0], pole[1]];
    const lonLat = projection.invert?.(point) as Point | null | undefined;
    if (lonLat) best = { point, lonLat, room: pole.distance };
  }
  return best;
}
