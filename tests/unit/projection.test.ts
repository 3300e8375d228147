import { describe, expect, it } from 'vitest';
import { geoDistance } from 'd3-geo';
import { PANEL_PADDING, panelBoxes, projectionFor, withinReach, type Bounds, type Box } from '../../src/map/projection';
import type { View } from '../../src/map/state';
import { states } from '../../src/map/states';

type Point = [number, number];

/** Each distinct view, with the panel layout it is drawn in (its index among how many panels). */
const uses = new Map<string, { view: View; index: number; count: number; states: string[] }>();
for (const state of Object.values(states)) {
  state.panels.forEach((panel, index) => {
    const key = `${JSON.stringify(panel.view)} ${index}/${state.panels.length}`;
    const use = uses.get(key) ?? { view: panel.view, index, count: state.panels.length, states: [] };
    use.states.push(state.id);
    uses.set(key, use);
  });
}

const sizes: [string, number, number][] = [
  ['a 1280×800 desktop', 1280, 800],
  ['a 390×370 phone', 390, 370],
  ['a 640×800 tablet', 640, 800],
];

const cases = [...uses.values()].flatMap((use) =>
  sizes.map(([size, width, height]) => ({
    name: `${use.view.region} ${use.view.center.join(',')} (${use.states[0]}${use.count > 1 ? `, panel ${use.index + 1} of ${use.count}` : ''}) on ${size}`,
    view: use.view,
    box: panelBoxes(use.count, width, height)[use.index],
  })),
);

/** Points along the edge of the view's span, as the projection must fit them. */
function spanEdge({ center: [lon, lat], span: [w, h] }: View): Point[] {
  const points: Point[] = [];
  for (let i = 0; i <= 20; i++) {
    const x = lon - w / 2 + (w * i) / 20;
    const y = lat - h / 2 + (h * i) / 20;
    points.push([x, lat - h / 2], [x, lat + h / 2], [lon - w / 2, y], [lon + w / 2, y]);
  }
  return points;
}

const within = ([x, y]: Point, b: Box, tolerance = 0.5) =>
  x >= b.x - tolerance && x <= b.x + b.width + tolerance && y >= b.y - tolerance && y <= b.y + b.height + tolerance;

describe('projectionFor(view, box)', () => {
  it('is tested on every view the states use', () => {
    expect(uses.size).toBeGreaterThanOrEqual(7);
  });

  it.each(cases)('projects the view centre to the panel centre: $name', ({ view, box }) => {
    const [x, y] = projectionFor(view, box)(view.center)!;
    expect(x).toBeCloseTo(box.x + box.width / 2, 0);
    expect(y).toBeCloseTo(box.y + box.height / 2, 0);
    expect(Math.abs(x - (box.x + box.width / 2))).toBeLessThanOrEqual(1);
    expect(Math.abs(y - (box.y + box.height / 2))).toBeLessThanOrEqual(1);
  });

  it.each(cases)('keeps the four corners of the span inside the panel: $name', ({ view, box }) => {
    const projection = projectionFor(view, box);
    const [lon, lat] = view.center;
    const [w, h] = view.span;
    for (const corner of [
      [lon - w / 2, lat - h / 2],
      [lon + w / 2, lat - h / 2],
      [lon - w / 2, lat + h / 2],
      [lon + w / 2, lat + h / 2],
    ] as Point[]) {
      const p = projection(corner) as Point;
      expect(within(p, box), `corner ${corner} → ${p.map(Math.round)} in ${JSON.stringify(box)}`).toBe(true);
    }
  });

  it.each(cases)('fills at least 80% of the panel width or height with the span: $name', ({ view, box }) => {
    const projection = projectionFor(view, box);
    const points = spanEdge(view).map((p) => projection(p) as Point);
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const width = Math.max(...xs) - Math.min(...xs);
    const height = Math.max(...ys) - Math.min(...ys);
    expect(Math.max(width / box.width, height / box.height)).toBeGreaterThanOrEqual(0.8);
  });

  it('keeps PANEL_PADDING pixels free around the span on every side, so edge labels stay inside', () => {
    const tooTight = cases.flatMap(({ name, view, box }) => {
      const pad = Math.min(PANEL_PADDING, box.width / 10, box.height / 10);
      const points = spanEdge(view).map((p) => projectionFor(view, box)(p) as Point);
      const gap = Math.min(
        Math.min(...points.map((p) => p[0])) - box.x,
        box.x + box.width - Math.max(...points.map((p) => p[0])),
        Math.min(...points.map((p) => p[1])) - box.y,
        box.y + box.height - Math.max(...points.map((p) => p[1])),
      );
      return gap < pad - 1 ? [`${name}: ${gap.toFixed(1)} px`] : [];
    });
    expect(tooTight).toEqual([]);
  });

  it('clips drawing to the panel box', () => {
    const box = { x: 640, y: 0, width: 640, height: 800 };
    expect(projectionFor(states['lesson'].panels[1].view, box).clipExtent()).toEqual([
      [640, 0],
      [1280, 800],
    ]);
  });

  it('gives the same projection for the same view and box (no hidden state)', () => {
    const view = states['panmunjom'].panels[0].view;
    const box = { x: 0, y: 0, width: 800, height: 600 };
    const a = projectionFor(view, box);
    projectionFor(states['lesson'].panels[0].view, box);
    const b = projectionFor(view, box);
    expect([b.scale(), b.translate(), b.rotate()]).toEqual([a.scale(), a.translate(), a.rotate()]);
  });
});

describe('panelBoxes(count, width, height)', () => {
  it('gives one panel the whole map', () => {
    expect(panelBoxes(1, 1280, 800)).toEqual([{ x: 0, y: 0, width: 1280, height: 800 }]);
  });

  it('splits two panels side by side on a wide map', () => {
    expect(panelBoxes(2, 1280, 800)).toEqual([
      { x: 0, y: 0, width: 640, height: 800 },
      { x: 640, y: 0, width: 640, height: 800 },
    ]);
  });

  it('stacks two panels on a tall map', () => {
    expect(panelBoxes(2, 640, 800)).toEqual([
      { x: 0, y: 0, width: 640, height: 400 },
      { x: 0, y: 400, width: 640, height: 400 },
    ]);
  });

  it('splits side by side on a square map', () => {
    expect(panelBoxes(2, 500, 500).map((b) => b.x)).toEqual([0, 250]);
  });

  it('covers the map exactly, without overlap', () => {
    for (const [w, h] of [
      [1280, 800],
      [390, 370],
      [390, 844],
    ]) {
      const boxes = panelBoxes(2, w, h);
      expect(boxes.reduce((a, b) => a + b.width * b.height, 0)).toBeCloseTo(w * h);
    }
  });
});

describe('withinReach(center, bounds)', () => {
  /** The rule as written first: a great-circle distance to each of the edge's samples. */
  const byDistance = (center: [number, number], [w, s, e, n]: Bounds, limit = 89): boolean => {
    for (let i = 0; i <= 16; i++) {
      const lon = w + ((e - w) * i) / 16;
      const lat = s + ((n - s) * i) / 16;
      for (const p of [[lon, s], [lon, n], [w, lat], [e, lat]] as [number, number][]) if (geoDistance(center, p) > (limit * Math.PI) / 180) return false;
    }
    return true;
  };
  it('answers as the great-circle distances to the extent’s edge do, for centres near and far', () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const extents: Bounds[] = [[66, -12, 160, 56], [-25, 27, 45, 72], [120, 30, 135, 45]];
    let near = 0;
    for (const bounds of extents)
      for (let i = 0; i < 2000; i++) {
        const center: [number, number] = [-180 + 360 * random(), -80 + 160 * random()];
        const answer = withinReach(center, bounds);
        expect(answer, `${center} in ${bounds}`).toBe(byDistance(center, bounds));
        near += Number(answer);
      }
    // Both answers were asked for, often.
    expect(near).toBeGreaterThan(500);
    expect(near).toBeLessThan(5500);
    // The story's own cameras: East Asia's from its centre, not from the far side of the world.
    expect(withinReach([127, 38], extents[0])).toBe(true);
    expect(withinReach([-60, 38], extents[0])).toBe(false);
  });
});
