// @vitest-environment jsdom
// The label layout at every size the story is shown: no two labels overlap, none leaves its panel.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontMeasure as measure } from '../../src/build/font';
import { catalogFrom } from '../../src/map/catalog';
import { describe as describeState } from '../../src/map/describe';
import { frameOf } from '../../src/map/frame';
import { decodeRegion } from '../../src/map/decode';
import type { RegionGeometry } from '../../src/map/geometry';
import { crosses, layoutLabels, overlaps, textRect, type LabelWant, type Rect } from '../../src/map/labels';
import { panelBoxes } from '../../src/map/projection';
import { interpolateFrames } from '../../src/map/interpolate';
import { placementsFor, scene } from '../../src/map/scene';
import { MAP_SIZES } from '../../src/map/sizes';
import type { Region } from '../../src/map/state';
import { stateIds, states } from '../../src/map/states';
import { parseFacts } from '../../src/story/facts';

const root = join(__dirname, '../..');
const catalog = catalogFrom(parseFacts((name) => readFileSync(join(root, 'data', `${name}.json`), 'utf8')));
type Topology = Parameters<typeof decodeRegion>[0];
const region = (name: Region): RegionGeometry => decodeRegion(JSON.parse(readFileSync(join(root, 'data', 'geo', `${name}.json`), 'utf8')) as Topology);
const regions = { 'east-asia': region('east-asia'), europe: region('europe') };

/**
 * Every label of a state drawn at a size, read back from its scene (what the painters write as <text>): its
 * box from its x, y, text-anchor, font-size and weight (by class, as the stylesheet sets it) and the font's
 * measure (with its letter-spacing); its panel's box.
 */
function labelsOf(id: string, width: number, height: number) {
  const frame = frameOf(states[id], catalog, width >= height);
  const boxes = panelBoxes(frame.panels.length, width, height);
  return scene(frame, { catalog, regions, width, height, measure }).panels.flatMap((p, i) =>
    p.labels.map(({ attrs, text }) => {
      const strong = /label-strong|panel-title|year-counter/.test(String(attrs.class));
      const px = Number(attrs['font-size']);
      // Spaced capitals (country names) carry their spacing as an attribute, in px.
      const spacing = attrs['letter-spacing'] === undefined ? undefined : Number(attrs['letter-spacing']) / px;
      const size = measure(text!, { size: px, weight: strong ? 800 : 600, ...(spacing === undefined ? {} : { tracking: spacing }) });
      const at: [number, number] = [Number(attrs.x), Number(attrs.y)];
      return { text: text!, rect: textRect(at, attrs['text-anchor'] as 'start', size), box: boxes[i] };
    }),
  );
}

const show = (r: Rect) => `[${[r.x0, r.y0, r.x1, r.y1].map((v) => v.toFixed(1)).join(', ')}]`;

describe.each(MAP_SIZES.map((s) => [s.name, s] as const))('labels at %s', (_, { width, height }) => {
  it.each([...stateIds])('%s: no two labels overlap and none leaves its panel (2px margin)', (id) => {
    const labels = labelsOf(id, width, height);
    const problems: string[] = [];
    labels.forEach((a, i) => {
      const { rect: r, box: b } = a;
      if (r.x0 < b.x + 2 || r.y0 < b.y + 2 || r.x1 > b.x + b.width - 2 || r.y1 > b.y + b.height - 2) problems.push(`"${a.text}" ${show(r)} leaves its panel`);
      for (const other of labels.slice(i + 1)) if (overlaps(r, other.rect)) problems.push(`"${a.text}" ${show(r)} overlaps "${other.text}" ${show(other.rect)}`);
    });
    expect(problems).toEqual([]);
    expect(labels.length).toBeGreaterThan(0);
  });
});

describe('country names', () => {
  it('name the countries a picture is about, in spaced capitals, at phone and desk sizes', () => {
    for (const [w, h] of [[390, 844], [768, 800]]) {
      const names = labelsOf('divided-alliances', w, h).map((l) => l.text);
      expect(names, `${w}×${h}`).toEqual(expect.arrayContaining(['CHINA', 'JAPAN']));
      expect(names.some((t) => t === 'NORTH KOREA' || t === 'N. KOREA'), `${w}×${h}`).toBe(true);
    }
    expect(labelsOf('nato-after-article', 768, 800).map((l) => l.text)).toEqual(expect.arrayContaining(['FRANCE', 'GERMANY', 'RUSSIA']));
  });
});

describe('the labels of the known failures at phone size (390×844)', () => {
  const texts = (id: string) => labelsOf(id, 390, 844).map((l) => l.text);

  it('keeps Seoul and the arrow across the Pacific on the first map', () => {
    expect(texts('seat-at-the-table')).toContain('Seoul');
    expect(texts('seat-at-the-table').some((t) => t.startsWith('United States'))).toBe(true);
  });

  it('keeps Dalian and the Xi–Moon call', () => {
    expect(texts('flurry-dalian')).toContain('Dalian');
    expect(texts('flurry-dalian').some((t) => t.startsWith('4 May'))).toBe(true);
  });

  it('keeps the US Forces Korea label and the 1953 treaty, in some form', () => {
    expect(texts('no-pullout').some((t) => t.startsWith('Seoul'))).toBe(true);
    expect(texts('divided-alliances')).toContain('1953 treaty');
  });
});

describe('labels during a transition', () => {
  const ctx = { catalog, regions, width: 390, height: 844, measure };
  const from = frameOf(states['flurry-dalian'], catalog, false);
  const to = frameOf(states['locked-out'], catalog, false);
  const at = interpolateFrames(from, to);

  it('are laid out once per state and size, and every frame of the flight reuses that layout', () => {
    const settled = placementsFor(to.panels[0], ctx);
    expect(placementsFor(to.panels[0], ctx)).toBe(settled);
    for (const t of [0.1, 0.4, 0.7, 0.95]) {
      const moment = placementsFor(at(t).panels[0], ctx);
      for (const [key, placement] of settled) expect(moment.get(key), `${key} at t=${t}`).toBe(placement);
      // A label only in the state being left keeps that state's placement as it fades.
      for (const [key, placement] of placementsFor(from.panels[0], ctx)) if (!settled.has(key)) expect(moment.get(key)).toBe(placement);
    }
  });

  it('keep their side of a moving dot in every frame: Beijing’s label moves with Beijing', () => {
    const offsets = [0, 0.3, 0.6, 0.9, 1].map((t) => {
      const { places, labels } = scene(at(t), ctx).panels[0];
      const dot = places.find((c) => String(c.attrs.class).split(' ').includes('place'))!.attrs;
      const label = labels.find((l) => l.text === 'Beijing')!.attrs;
      return [Number(label.x) - Number(dot.cx), Number(label.y) - Number(dot.cy), label['text-anchor']];
    });
    for (const [dx, dy, anchor] of offsets) {
      expect(dx).toBeCloseTo(offsets[4][0] as number, 0);
      expect(dy).toBeCloseTo(offsets[4][1] as number, 0);
      expect(anchor).toBe(offsets[4][2]);
    }
  });
});

describe('layoutLabels(wants, obstacles, box, measure)', () => {
  const box = { x: 0, y: 0, width: 200, height: 100 };
  const font = { size: 11, weight: 600 };
  const want = (key: string, text: string, at: [number, number], extra: Partial<LabelWant> = {}): LabelWant => ({
    key, text, font, anchors: [at], priority: 1,
    candidates: [{ at: 0, dx: 5, dy: 4, align: 'start' }, { at: 0, dx: -5, dy: 4, align: 'end' }],
    ...extra,
  });

  it('moves a label to its next candidate rather than cover one placed before it', () => {
    const placed = layoutLabels([want('a', 'Seoul', [100, 50], { priority: 0 }), want('b', 'Incheon', [100, 50])], { rects: [], segments: [] }, box, measure);
    expect(placed.get('a')!.candidate).toBe(0);
    expect(placed.get('b')!.candidate).toBe(1);
    expect(overlaps(placed.get('a')!.rect, placed.get('b')!.rect)).toBe(false);
  });

  it('falls back to the short form, then leaves a label out, rather than cut it at the edge', () => {
    const long = want('a', 'A label far too long for this small panel', [150, 50], { short: 'Short' });
    expect(layoutLabels([long], { rects: [], segments: [] }, box, measure).get('a')!.text).toBe('Short');
    expect(layoutLabels([{ ...long, short: undefined }], { rects: [], segments: [] }, box, measure).has('a')).toBe(false);
  });

  it('never covers a dot, and prefers a side that crosses no drawn line', () => {
    const dot = { x0: 100, y0: 40, x1: 160, y1: 60 };
    expect(layoutLabels([want('a', 'Seoul', [100, 50])], { rects: [dot], segments: [] }, box, measure).get('a')!.candidate).toBe(1);
    const line: [[number, number], [number, number]] = [[120, 0], [120, 100]];
    expect(layoutLabels([want('a', 'Seoul', [100, 50])], { rects: [], segments: [line] }, box, measure).get('a')!.candidate).toBe(1);
  });

  it('measures from the font: a wide word is wider than a narrow one of as many letters', () => {
    expect(measure('MMMM', font).width).toBeGreaterThan(measure('iiii', font).width * 2);
    expect(textRect([0, 0], 'middle', { width: 10, ascent: 8, descent: 2 })).toEqual({ x0: -5, y0: -8, x1: 5, y1: 2 });
    expect(crosses([[0, 0], [10, 10]], { x0: 4, y0: 4, x1: 6, y1: 6 })).toBe(true);
    expect(crosses([[0, 10], [10, 10]], { x0: 4, y0: 4, x1: 6, y1: 6 })).toBe(false);
  });
});

describe('what the layout assumes of the page', () => {
  const css = readFileSync(join(root, 'src/styles.css'), 'utf8');
  const weight = (selector: string) => new RegExp(`^\\${selector} \\{[^}]*font-weight: (\\d+)`, 'm').exec(css)?.[1];

  it('measures labels in the weights the stylesheet draws them in (600; 800 for strong labels, titles, the year)', () => {
    expect(weight('.label')).toBe('600');
    for (const strong of ['.label-strong', '.panel-title', '.year-counter']) expect(weight(strong), strong).toBe('800');
  });

  it('leaves out only labels whose words the text description also gives: arcs, alliances and tables are described', () => {
    for (const id of stateIds) {
      const text = describeState(states[id], catalog);
      for (const panel of states[id].panels) {
        for (const arc of panel.arcs) expect(text, id).toContain(arc.label);
        for (const line of panel.alliances) expect(text, id).toContain(catalog.alliances[line.id].label);
        if (panel.table) expect(text, id).toContain(panel.table.label);
      }
    }
  });
});
