import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogFrom } from '../../src/map/catalog';
import { frameOf, type Frame, type FramePanel } from '../../src/map/frame';
import { interpolateCamera, interpolateFrames, transitionDuration } from '../../src/map/interpolate';
import { states, stateIds } from '../../src/map/states';
import { parseFacts } from '../../src/story/facts';

const root = join(__dirname, '../..');
const catalog = catalogFrom(parseFacts((name) => readFileSync(join(root, 'data', `${name}.json`), 'utf8')));
const frame = (id: string, wide = true): Frame => frameOf(states[id], catalog, wide);
const between = (a: string, b: string) => interpolateFrames(frame(a), frame(b));
const weight = (p: FramePanel, list: keyof Pick<FramePanel, 'fills' | 'places' | 'arcs' | 'lines' | 'arrows' | 'rings' | 'titles'>, key: string) =>
  p[list].find((i) => i.key === key)?.w ?? 0;
const ts = [0, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 1];

describe('frameOf(state)', () => {
  it.each([...stateIds])('gives every item of %s its full weight', (id) => {
    for (const p of frame(id).panels) {
      expect(p.w).toBe(1);
      for (const list of [p.fills, p.places, p.arcs, p.lines, p.arrows, p.rings, p.table.corners, p.table.labels, p.year, p.titles]) {
        for (const item of list) expect(item.w).toBe(1);
      }
    }
  });

  it('fills NATO members wave by wave, marking the waves after the article, and East Germany from reunification', () => {
    const fills = frame('nato-after-article').panels[0].fills;
    expect(fills.map((f) => f.key)).toEqual([...catalog.nato.map((w) => `nato:${w.id}`), 'nato:1990']);
    expect(fills.filter((f) => f.value.role === 'nato-after').map((f) => f.key)).toEqual(['nato:2020', 'nato:2023', 'nato:2024']);
    expect(frame('nato-expansion').panels[0].fills.some((f) => f.value.role === 'nato-after')).toBe(false);
  });

  it('fills West Germany (280) alone before 1990, and East Germany (278) as context from reunification on', () => {
    const ids = (id: string) => frame(id).panels[0].fills.flatMap((f) => f.value.ids);
    expect(ids('nato-cold-war')).toContain('280');
    expect(ids('nato-cold-war')).not.toContain('278');
    expect(ids('nato-cold-war')).not.toContain('276');
    const reunified = frame('nato-expansion').panels[0].fills.find((f) => f.value.ids.includes('278'));
    expect(reunified).toMatchObject({ key: 'nato:1990', value: { role: 'nato', context: true } });
  });

  it('fills East Germany as the year counter passes 1990 between the Cold-War and the expansion maps', () => {
    const at = between('nato-cold-war', 'nato-expansion');
    const east = (t: number) => at(t).panels[0].fills.find((f) => f.value.ids.includes('278'))?.w ?? 0;
    // The counter runs 1982 → 2017: 1990 is passed at t = (1990 - 1982) / 35.
    expect(east(0.1)).toBe(0);
    expect(east(0.3)).toBe(1);
  });

  it('carries a note with the context key where a panel shows context, and the scenario label where it draws one', () => {
    const notes = (id: string) => frame(id).panels.flatMap((p) => p.notes.map((n) => n.value.kind));
    expect(notes('no-pullout')).toEqual(['context']);
    expect(notes('what-came-next')).toEqual(['context']);
    expect(notes('after-reconciliation')).toEqual(['scenario']);
    expect(notes('divided-alliances')).toEqual([]);
    expect(notes('nato-cold-war')).toEqual([]);
  });

  it('lays two panels side by side on a wide map and stacked on a tall one', () => {
    expect(frame('lesson', true).panels.map((p) => p.box)).toEqual([[0, 0, 0.5, 1], [0.5, 0, 0.5, 1]]);
    expect(frame('lesson', false).panels.map((p) => p.box)).toEqual([[0, 0, 1, 0.5], [0, 0.5, 1, 0.5]]);
  });
});

describe('interpolateFrames(a, b)', () => {
  it('interpolateFrames(a, b)(0) returns a and (1) returns b', () => {
    const a = frame('divided-alliances');
    const b = frame('after-reconciliation');
    expect(interpolateFrames(a, b)(0)).toBe(a);
    expect(interpolateFrames(a, b)(1)).toBe(b);
  });

  it('draws the Dalian arc on progressively while the earlier arcs stay', () => {
    const at = between('flurry-call', 'flurry-dalian');
    const dalian = 'arc:pyongyang:dalian:xi-kim-dalian';
    const drawn = ts.map((t) => weight(at(t).panels[0], 'arcs', dalian));
    expect(drawn[0]).toBe(0);
    expect(drawn[drawn.length - 1]).toBe(1);
    for (let i = 1; i < drawn.length; i++) expect(drawn[i]).toBeGreaterThanOrEqual(drawn[i - 1]);
    for (const t of ts) expect(weight(at(t).panels[0], 'arcs', 'arc:beijing:pyongyang:wang-yi-pyongyang')).toBe(1);
  });

  it('redraws the alliances: the Beijing line dissolves into its faded form, the US line stays in the South, and back', () => {
    const forward = between('divided-alliances', 'after-reconciliation');
    const back = between('after-reconciliation', 'divided-alliances');
    const w = (f: Frame, key: string) => weight(f.panels[0], 'lines', key);
    expect(w(forward(0.5), 'line:prc-dprk:base')).toBeLessThan(0.5);
    expect(w(forward(0.9), 'line:prc-dprk:fading')).toBeGreaterThan(0.5);
    for (const t of ts) expect(w(forward(t), 'line:us-rok:base')).toBe(1);
    expect(forward(1).panels[0].lines.map((l) => l.key).sort()).toEqual(['line:prc-dprk:fading', 'line:us-rok:base']);
    expect(w(back(0.9), 'line:prc-dprk:base')).toBeGreaterThan(0.5);
  });

  it('cross-fades a country that changes role without a blank moment', () => {
    const at = between('divided-alliances', 'after-reconciliation');
    for (const t of ts) {
      const fills = at(t).panels[0].fills.filter((f) => f.value.ids.includes('408'));
      expect(fills.reduce((s, f) => s + f.w, 0)).toBeCloseTo(1, 5);
    }
  });

  it('fills NATO waves as the year counter passes them, and un-fills them going back', () => {
    const at = between('nato-cold-war', 'nato-expansion');
    const year = (t: number) => at(t).panels[0].year[0].value;
    const wave = (t: number, id: string) => weight(at(t).panels[0], 'fills', `nato:${id}`);
    // 1982 → 2017 linearly: the counter reads 2001 at t = 19/35.
    const t2001 = (2001 - 1982) / 35;
    expect(year(t2001)).toBeCloseTo(2001, 5);
    expect(wave(t2001, '1999')).toBe(1);
    expect(wave(t2001, '2004')).toBe(0);
    expect(wave(t2001, '1955')).toBe(1);
    const back = between('nato-expansion', 'nato-cold-war');
    expect(weight(back(1 - t2001).panels[0], 'fills', 'nato:2004')).toBe(0);
    expect(weight(back(1 - t2001).panels[0], 'fills', 'nato:1999')).toBe(1);
  });

  it('glides one panel from East Asia to Europe, drawing both regions on the way', () => {
    const at = between('offensive-realism', 'nato-cold-war');
    expect(at(0.5).panels).toHaveLength(1);
    expect(at(0.5).panels[0].regions.sort()).toEqual(['east-asia', 'europe']);
    expect(at(1).panels[0].regions).toEqual(['europe']);
  });

  it('widens the table from three corners to four, the new corner growing in', () => {
    const at = between('three-way', 'four-way-option');
    const corner = (t: number) => at(t).panels[0].table.corners.find((c) => c.key === 'corner:beijing')?.w ?? 0;
    expect(corner(0.2)).toBeLessThan(corner(0.6));
    expect(at(1).panels[0].table.corners).toHaveLength(4);
    expect(at(0.5).panels[0].table.corners.filter((c) => c.w === 1)).toHaveLength(3);
  });

  it('brings in the lesson’s Europe panel beside the East Asia one', () => {
    const at = between('four-party', 'lesson');
    const mid = at(0.5);
    const europe = mid.panels.find((p) => p.key === 'europe')!;
    const asia = mid.panels.find((p) => p.key === 'east-asia')!;
    expect(europe.w).toBeGreaterThan(0);
    expect(europe.w).toBeLessThan(1);
    expect(asia.w).toBe(1);
    expect(asia.box[2]).toBeLessThan(1);
    expect(asia.box[2]).toBeGreaterThan(0.5);
  });
});

describe('interpolateCamera(a, b)', () => {
  it('zooms out on a long flight and lands exactly', () => {
    const a = frame('offensive-realism').panels[0].camera;
    const b = frame('nato-cold-war').panels[0].camera;
    const at = interpolateCamera(a, b);
    expect(at(0.5).span[0]).toBeGreaterThan(Math.max(a.span[0], b.span[0]));
    expect(at(1)).toEqual(b);
    expect(at(0)).toEqual(a);
  });

  it('takes longer for a long flight than for a small move, within 0.45–1.6 s', () => {
    const long = transitionDuration(frame('offensive-realism'), frame('nato-cold-war'));
    const short = transitionDuration(frame('divided-alliances'), frame('after-reconciliation'));
    expect(long).toBeGreaterThan(short);
    for (const d of [long, short]) {
      expect(d).toBeGreaterThanOrEqual(450);
      expect(d).toBeLessThanOrEqual(1600);
    }
  });
});
