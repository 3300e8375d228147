// The picture of every state at 800×600, for review: the overlay as readable SVG (one element per line, so a
// change reads as a small diff) and the base map as pixels (a PNG, so a change shows as a picture), compared
// with a small tolerance. After an intended change: UPDATE_PICTURES=1 npx vitest run tests/unit/pictures.test.ts
// (the overlay also with -u), and look at the new PNGs before committing them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { cardCss, resolveVars } from '../../src/build/cards';
import { fontFiles, FONT, fontMeasure as measure } from '../../src/build/font';
import { catalogFrom } from '../../src/map/catalog';
import { frameOf } from '../../src/map/frame';
import { decodeRegion } from '../../src/map/decode';
import type { RegionGeometry } from '../../src/map/geometry';
import { scene } from '../../src/map/scene';
import type { Region } from '../../src/map/state';
import { stateIds, states } from '../../src/map/states';
import { sceneSvg } from '../../src/map/svg-string';
import { parseFacts } from '../../src/story/facts';

const root = join(__dirname, '../..');
const catalog = catalogFrom(parseFacts((name) => readFileSync(join(root, 'data', `${name}.json`), 'utf8')));
type Topology = Parameters<typeof decodeRegion>[0];
const region = (name: Region): RegionGeometry => decodeRegion(JSON.parse(readFileSync(join(root, 'data', 'geo', `${name}.json`), 'utf8')) as Topology);
const regions = { 'east-asia': region('east-asia'), europe: region('europe') };
/** The page's stylesheet as resvg reads it, as the social cards use it (custom properties written out). */
const css = cardCss(readFileSync(join(root, 'src/styles.css'), 'utf8'));
const vars = new Map([...css.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
const pictures = join(__dirname, '__snapshots__');
const failures = join(root, 'test-results/pictures');

const WIDTH = 800;
const HEIGHT = 600;
/** A pixel differs when a channel moves by more than this (anti-aliasing moves edges a little)… */
const CHANNEL = 24;
/** …and a picture differs when more than this share of its pixels do. */
const SHARE = 0.002;

const sceneOf = (id: string) => scene(frameOf(states[id], catalog, true), { catalog, regions, width: WIDTH, height: HEIGHT, measure });

const render = (svg: string) => new Resvg(svg, { font: { loadSystemFonts: false, fontFiles, defaultFontFamily: FONT }, logLevel: 'off' }).render();

/** A PNG's pixels, decoded by resvg (an SVG with the PNG as its one image): no other image library needed. */
function pixels(png: Buffer): Uint8Array {
  return render(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"><image width="${WIDTH}" height="${HEIGHT}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`).pixels;
}

/** The share of pixels where any channel differs by more than CHANNEL. */
function difference(a: Uint8Array, b: Uint8Array): number {
  let differ = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2]), Math.abs(a[i + 3] - b[i + 3])) > CHANNEL) differ++;
  }
  return differ / (a.length / 4);
}

describe('the overlay of every state, as readable SVG (tests/unit/__snapshots__/<state>.overlay.svg)', () => {
  it.each([...stateIds])('%s', async (id) => {
    await expect(`${sceneSvg(sceneOf(id), { width: WIDTH, height: HEIGHT }, '', { base: false })}\n`).toMatchFileSnapshot(`./__snapshots__/${id}.overlay.svg`);
  });
});

describe('the base map of every state, as pixels (tests/unit/__snapshots__/<state>.base.png)', () => {
  it.each([...stateIds])('%s', (id) => {
    const svg = resolveVars(sceneSvg(sceneOf(id), { xmlns: 'http://www.w3.org/2000/svg', width: WIDTH, height: HEIGHT }, `<style>${css}</style>`, { overlay: false }), vars);
    const png = render(svg).asPng();
    const file = join(pictures, `${id}.base.png`);
    if (process.env.UPDATE_PICTURES || !existsSync(file)) writeFileSync(file, png);
    const share = difference(pixels(readFileSync(file)), pixels(png));
    if (share > SHARE) {
      mkdirSync(failures, { recursive: true });
      writeFileSync(join(failures, `${id}.base.png`), png);
    }
    expect(share, `${id}: ${(share * 100).toFixed(2)}% of the base's pixels changed (the new picture: test-results/pictures/${id}.base.png)`).toBeLessThanOrEqual(SHARE);
  });
});
