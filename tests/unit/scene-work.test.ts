// The scene found ahead in short units (sceneWork: the page's first picture, and the states coming next) is the scene
// found at once, and leaves the draw nothing to measure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontMeasure } from '../../src/build/font';
import { catalogFrom } from '../../src/map/catalog';
import { decodeRegion } from '../../src/map/decode';
import { frameOf } from '../../src/map/frame';
import type { RegionGeometry } from '../../src/map/geometry';
import type { Measure } from '../../src/map/measure';
import { scene, sceneWork } from '../../src/map/scene';
import type { Region } from '../../src/map/state';
import { stateIds, states } from '../../src/map/states';
import { sceneSvg } from '../../src/map/svg-string';
import { parseFacts } from '../../src/story/facts';

const root = join(__dirname, '../..');
const catalog = catalogFrom(parseFacts((name) => readFileSync(join(root, 'data', `${name}.json`), 'utf8')));
type Topology = Parameters<typeof decodeRegion>[0];
const region = (name: Region): RegionGeometry => decodeRegion(JSON.parse(readFileSync(join(root, 'data', 'geo', `${name}.json`), 'utf8')) as Topology);
const regions = { 'east-asia': region('east-asia'), europe: region('europe') };

describe.each([
  [390, 844],
  [320, 568],
  [1280, 800],
])('sceneWork at %i×%i', (width, height) => {
  it.each(stateIds)('%s: its units, run one by one, leave the picture the draw would have found at once, and nothing to measure', (id) => {
    const frame = frameOf(states[id], catalog, width >= height);
    // Scenes are remembered per measurer: each of the two gets its own, so neither finds the other's work.
    const once = scene(frame, { catalog, regions, width, height, measure: (text, font) => fontMeasure(text, font) });
    let measured = 0;
    const counting: Measure = (text, font) => (measured++, fontMeasure(text, font));
    const ctx = { catalog, regions, width, height, measure: counting };
    const units = sceneWork(frame, () => ctx);
    const names = frame.panels.reduce((n, p) => n + (p.ends ? 0 : p.names.length), 0);
    expect(units).toHaveLength(names * 2 + frame.panels.filter((p) => !p.ends).length * 3);
    for (const unit of units) unit();
    expect(measured, 'the units measured the labels').toBeGreaterThan(0);
    const before = measured;
    const ahead = scene(frame, ctx);
    expect(measured - before, 'the draw measured nothing').toBe(0);
    expect(sceneSvg(ahead)).toBe(sceneSvg(once));
  });
});
