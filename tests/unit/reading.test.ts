import { describe, expect, it } from 'vitest';
import { paddedBox, paintedBox, projectionFor } from '../../src/map/projection';
import { FINISH_EVENT, progressTracker, STEP_EVENT, type ProgressDetail } from '../../src/share/progress';
import { readingAt } from '../../src/ui/scroll-model';

// Three steps: [100, 300), [600, 700), [1000, 1200), each followed by a gap to the next.
const tops = [100, 600, 1000];
const end = 1200;

describe('readingAt(tops, end, line): the last step whose top has passed the reading line', () => {
  it('above the first step gives the first step, at progress 0', () => {
    expect(readingAt(tops, end, 40)).toEqual({ index: 0, progress: 0 });
  });
  it('gives the step whose top the line has just passed', () => {
    expect(readingAt(tops, end, 601).index).toBe(1);
    expect(readingAt(tops, end, 599.5).index).toBe(1); // within a pixel: sub-pixel layout
    expect(readingAt(tops, end, 598).index).toBe(0);
  });
  it('gives a gap to the step above it', () => {
    expect(readingAt(tops, end, 450).index).toBe(0);
    expect(readingAt(tops, end, 900).index).toBe(1);
  });
  it('measures progress through the step and the gap below it', () => {
    expect(readingAt(tops, end, 350).progress).toBeCloseTo(0.5);
    expect(readingAt(tops, end, 800).progress).toBeCloseTo(0.5);
  });
  it('measures the last step to its own bottom, and clamps past it', () => {
    expect(readingAt(tops, end, 1100)).toEqual({ index: 2, progress: 0.5 });
    expect(readingAt(tops, end, 5000)).toEqual({ index: 2, progress: 1 });
  });
});

describe('progressTracker(total)', () => {
  it('reports each step once and the finish once, however often the reader comes back', () => {
    const target = new EventTarget();
    const seen: string[] = [];
    target.addEventListener(STEP_EVENT, (e) => seen.push(`step ${(e as CustomEvent<ProgressDetail>).detail.index}`));
    target.addEventListener(FINISH_EVENT, (e) => seen.push(`finish ${JSON.stringify((e as CustomEvent<ProgressDetail>).detail)}`));
    const reached = progressTracker(3, target);
    for (const i of [1, 2, 1, 2, 3, 2, 3, 1]) reached('s', `state-${i}`, i);
    expect(seen).toEqual(['step 1', 'step 2', 'step 3', `finish ${JSON.stringify({ section: 's', step: 'state-3', index: 3, total: 3 })}`]);
  });
  it('ignores positions outside the story', () => {
    const target = new EventTarget();
    let count = 0;
    target.addEventListener(STEP_EVENT, () => count++);
    const reached = progressTracker(2, target);
    reached('s', 'x', 0);
    reached('s', 'x', 3);
    expect(count).toBe(0);
  });
});

describe('padding: a phone map frames its subject where no card covers it', () => {
  it('paddedBox(width, height, padding) is the area inside the padding', () => {
    expect(paddedBox(390, 844, { top: 56, right: 0, bottom: 440, left: 0 })).toEqual({ x: 0, y: 56, width: 390, height: 348 });
  });
  it('a panel touching the padded area’s edge paints to the map’s edge', () => {
    const inner = paddedBox(390, 844, { top: 56, right: 0, bottom: 440, left: 0 });
    expect(paintedBox(inner, inner, 390, 844)).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    const upper = { ...inner, height: inner.height / 2 };
    expect(paintedBox(upper, inner, 390, 844)).toEqual({ x: 0, y: 0, width: 390, height: 56 + 174 });
  });
  it('projectionFor(view, box, clip) fits the span in the box and clips to the larger area', () => {
    const box = { x: 0, y: 56, width: 390, height: 348 };
    const p = projectionFor({ center: [124, 37], span: [34, 20] }, box, { x: 0, y: 0, width: 390, height: 844 });
    const [x, y] = p([124, 37])!;
    expect(x).toBeCloseTo(195);
    expect(y).toBeCloseTo(56 + 174);
    expect(p.clipExtent()).toEqual([
      [0, 0],
      [390, 844],
    ]);
    for (const corner of [[107, 27], [141, 47]] as [number, number][]) {
      const [cx, cy] = p(corner)!;
      expect(cy).toBeGreaterThanOrEqual(56);
      expect(cy).toBeLessThanOrEqual(56 + 348);
      expect(cx).toBeGreaterThanOrEqual(0);
      expect(cx).toBeLessThanOrEqual(390);
    }
  });
});
