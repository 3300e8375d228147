import { describe, expect, it } from 'vitest';
import { PANEL_PADDING, panelBoxes, projectionFor, type Box } from '../../src/map/projection';
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
