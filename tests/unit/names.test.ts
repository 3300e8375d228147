// Country names: which a panel names, and that each name's spot is inside its country and inside the panel.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { geoContains } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { catalogFrom } from '../../src/map/catalog';
import { frameOf } from '../../src/map/frame';
import { decodeRegion } from '../../src/map/decode';
import type { RegionGeometry } from '../../src/map/geometry';
import { poleOf, visiblePieces } from '../../src/map/names';
import { fontMeasure } from '../../src/build/font';
import { panelBoxes, projectionFor } from '../../src/map/projection';
import { MAP_SIZES } from '../../src/map/sizes';
import type { Region } from '../../src/map/state';
import { stateIds, states } from '../../src/map/states';
import { parseFacts } from '../../src/story/facts';

const root = join(__dirname, '../..');
const catalog = catalogFrom(parseFacts((name) => readFileSync(join(root, 'data', `${name}.json`), 'utf8')));
type Topology = Parameters<typeof decodeRegion>[0];
const region = (name: Region): RegionGeometry => decodeRegion(JSON.parse(readFileSync(join(root, 'data', 'geo', `${name}.json`), 'utf8')) as Topology);
const regions = { 'east-asia': region('east-asia'), europe: region('europe') };
const feature = (r: Region, id: string) => regions[r].countries.find((c) => c.id === id)!;

const namesIn = (id: string, wide = true) => frameOf(states[id], catalog, wide).panels.map((p) => p.names.map((n) => n.value.text ?? n.value.ids.map((i) => feature(p.regions[0], i).properties.name).join('+')));

describe('the countries a panel names', () => {
  it('are the countries it is about, and its neighbours for orientation', () => {
    expect(namesIn('divided-alliances')[0]).toEqual(['North Korea', 'China', 'South Korea', 'Japan', 'Russia', 'Mongolia']);
  });

  it('on a NATO map, its largest members and Russia; Germany as one after 3 October 1990, West Germany before', () => {
    const cold = namesIn('nato-cold-war')[0];
    expect(cold).toEqual(expect.arrayContaining(['Russia', 'United Kingdom', 'France', 'West Germany', 'Italy', 'Spain', 'Turkey']));
    expect(cold).not.toContain('Germany');
    const after = namesIn('nato-after-article')[0];
    expect(after).toEqual(expect.arrayContaining(['Germany', 'Poland']));
    expect(after).not.toContain('West Germany');
  });

  it('name only countries the geometry has', () => {
    for (const id of stateIds) {
      for (const p of frameOf(states[id], catalog).panels) for (const n of p.names) for (const c of n.value.ids) expect(feature(p.regions[0], c), `${id}: ${c}`).toBeDefined();
    }
  });
});

/** Where a name stands, as the scene finds it in two units: the country's visible pieces, then their pole. */
const nameSpot = (features: Parameters<typeof visiblePieces>[0], projection: Parameters<typeof visiblePieces>[1]) => poleOf(visiblePieces(features, projection), projection);

describe('nameSpot: where a name stands', () => {
  it('is inside its country and inside the panel, for every state at every size, or absent when none of it shows', () => {
    let checked = 0;
    for (const size of MAP_SIZES) {
      for (const id of stateIds) {
        const frame = frameOf(states[id], catalog, size.width >= size.height);
        const boxes = panelBoxes(frame.panels.length, size.width, size.height);
        frame.panels.forEach((p, i) => {
          const box = boxes[i];
          const projection = projectionFor(p.camera, box);
          for (const n of p.names) {
            const features = n.value.ids.map((c) => feature(p.regions[0], c));
            const spot = nameSpot(features, projection);
            if (!spot) continue;
            checked++;
            const where = `${size.name}, ${id}: ${n.key}`;
            expect(features.some((f) => geoContains(f, spot.lonLat)), `${where} inside its country ${JSON.stringify(spot)}`).toBe(true);
            expect(spot.point[0], where).toBeGreaterThanOrEqual(box.x);
            expect(spot.point[0], where).toBeLessThanOrEqual(box.x + box.width);
            expect(spot.point[1], where).toBeGreaterThanOrEqual(box.y);
            expect(spot.point[1], where).toBeLessThanOrEqual(box.y + box.height);
            expect(spot.room, where).toBeGreaterThan(0);
          }
        });
      }
    }
    expect(checked).toBeGreaterThan(500);
  }, 60_000);

  it('is null for a country wholly off the panel', () => {
    const p = frameOf(states['divided-alliances'], catalog).panels[0];
    const projection = projectionFor(p.camera, { x: 0, y: 0, width: 800, height: 600 });
    expect(nameSpot([regions.europe.countries.find((c) => c.id === '250')!], projection)).toBeNull();
  });
});

describe('names in spaced capitals', () => {
  it('measure as the capitals plus the spacing after every letter', () => {
    const plain = fontMeasure('CHINA', { size: 12, weight: 600 });
    const spaced = fontMeasure('China', { size: 12, weight: 600, tracking: 0.1 });
    expect(spaced.width).toBeCloseTo(plain.width + 0.1 * 12 * 5, 6);
    expect(fontMeasure('China', { size: 12, weight: 600 }).width).toBeLessThan(plain.width);
  });
});
