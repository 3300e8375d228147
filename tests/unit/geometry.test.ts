import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { feature, merge, mesh } from 'topojson-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegions } from '../../src/build/load';
import type { RegionPiece } from '../../src/map/assemble';
import { decodeRegion, POINTS_PER_PIECE, regionPieces, type RegionTopology } from '../../src/map/decode';
import { ContentError } from '../../src/story/errors';

const root = join(__dirname, '../..');
const REGIONS = ['east-asia', 'europe'] as const;
const read = (dir: string, name: string): RegionTopology => JSON.parse(readFileSync(join(dir, 'data/geo', `${name}.json`), 'utf8'));
/** What the page computed at load before `npm run data` derived these shapes (the code it replaced). */
function mergedAndMeshed(topology: RegionTopology) {
  const countries = topology.objects.countries;
  const pair = (a: { id?: string | number }, b: { id?: string | number }) => [a.id, b.id].sort().join();
  return {
    land: merge(topology, countries.geometries as Parameters<typeof merge>[1]),
    borders: mesh(topology, countries, (a, b) => a !== b && pair(a, b) !== '278,280'),
    dmz: mesh(topology, countries, (a, b) => a !== b && pair(a, b) === '408,410'),
  };
}
const script = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [join(cwd, 'scripts/build-geometry.mjs'), ...args], { cwd, encoding: 'utf8' });

/** A copy of what the geometry script reads and writes, to make stale. */
let project: string;
beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'geometry-'));
  mkdirSync(join(project, 'scripts'));
  cpSync(join(root, 'scripts/build-geometry.mjs'), join(project, 'scripts/build-geometry.mjs'));
  cpSync(join(root, 'data'), join(project, 'data'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'));
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

// The script rebuilds both regions from world-atlas: seconds on a loaded 2-core machine.
describe('the derived geometry in data/geo/', { timeout: 60_000 }, () => {
  it('is exactly what npm run data builds from its inputs (npm run data -- --check passes)', () => {
    const run = script(root, '--check');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('data/geo is up to date');
  });

  it('fails npm run data -- --check when a file is stale or missing, naming it and saying what to run, and writes nothing', () => {
    const europe = read(project, 'europe');
    europe.arcs[0][0][0] += 1; // a hand edit
    const stale = JSON.stringify(europe);
    writeFileSync(join(project, 'data/geo/europe.json'), stale);
    rmSync(join(project, 'data/geo/east-asia.json'));
    const run = script(project, '--check');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('build-geometry: data/geo/east-asia.json is missing; data/geo/europe.json differs from what npm run data builds from its inputs (stale or hand-edited): run npm run data');
    expect(readFileSync(join(project, 'data/geo/europe.json'), 'utf8')).toBe(stale);
  });

  for (const name of REGIONS) {
    it(`${name}: decodeRegion gives its countries, and land, borders and DMZ equal to what merging and meshing them gives`, () => {
      const topology = read(root, name);
      const { countries, land, borders, dmz } = decodeRegion(topology);
      const { bbox, ...shape } = land;
      expect({ land: shape, borders, dmz }).toEqual(mergedAndMeshed(topology));
      // The land's extent comes decoded with it: exactly its points' least and greatest longitude and latitude.
      const points = land.coordinates.flat(2);
      expect(bbox).toEqual([Math.min(...points.map((p) => p[0])), Math.min(...points.map((p) => p[1])), Math.max(...points.map((p) => p[0])), Math.max(...points.map((p) => p[1]))]);
      expect(countries).toEqual(feature(topology, topology.objects.countries).features.map((f) => ({ ...f, id: String(f.id) })));
    });
  }

  it('decodes piece by piece, each piece about POINTS_PER_PIECE points or one country, into the same geometry as at once', () => {
    for (const name of REGIONS) {
      const topology = read(root, name);
      const pieces = [...regionPieces(topology)];
      const shapes = (piece: RegionPiece) => Object.fromEntries(Object.entries(piece).filter(([key]) => key !== 'landBounds')) as Omit<RegionPiece, 'landBounds'>;
      const points = (piece: RegionPiece) => JSON.stringify(shapes(piece)).match(/\[-?\d/g)?.length ?? 0;
      const items = (piece: RegionPiece) => Object.values(shapes(piece)).reduce((n, xs) => n + xs.length, 0);
      for (const piece of pieces) expect(points(piece) <= POINTS_PER_PIECE || items(piece) === 1, `${name}: a piece of ${points(piece)} points`).toBe(true);
      expect(pieces.length, name).toBeGreaterThan(5);
      expect(pieces.flatMap((p) => p.countries ?? []).map((c) => c.id)).toEqual(topology.objects.countries.geometries.map((g) => String(g.id)));
    }
  });

  it('stops the build with data/geo/<file>:1 and "npm run data" when a file lacks a derived shape', () => {
    const europe = read(root, 'europe') as Partial<RegionTopology['objects']> & RegionTopology;
    delete (europe.objects as Partial<RegionTopology['objects']>).borders;
    writeFileSync(join(project, 'data/geo/europe.json'), JSON.stringify(europe));
    cpSync(join(root, 'data/geo/east-asia.json'), join(project, 'data/geo/east-asia.json'));
    expect(() => decodeRegion(europe)).toThrow('geometry has no derived "borders" MultiLineString: rebuild data/geo with npm run data');
    expect(() => loadRegions(project)).toThrow(ContentError);
    expect(() => loadRegions(project)).toThrow('data/geo/europe.json:1: geometry has no derived "borders" MultiLineString: rebuild data/geo with npm run data');
  });
});
