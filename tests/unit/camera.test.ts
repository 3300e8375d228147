import { describe, expect, it } from 'vitest';
import { cameraText, look, MAX_ZOOM, MIN_ZOOM, withCameras } from '../../src/map/camera';
import { panelBox } from '../../src/map/projection';
import { catalogFrom } from '../../src/map/catalog';
import { frameOf } from '../../src/map/frame';
import { projectionFor } from '../../src/map/projection';
import { states } from '../../src/map/states';
import { parseFacts } from '../../src/story/facts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const catalog = catalogFrom(parseFacts((name) => readFileSync(join(__dirname, '../../data', `${name}.json`), 'utf8')));
const home = { center: [124, 37] as [number, number], span: [34, 20] as [number, number] };
const box = { x: 0, y: 0, width: 800, height: 600 };

describe('look(camera, home, box, gesture)', () => {
  it('pans: dragging the picture right by 100 px brings what lay 100 px left of the middle to the middle', () => {
    const before = projectionFor(home, box).invert!([300, 300])!;
    const after = look(home, home, box, { dx: 100 });
    expect(after.center[0]).toBeCloseTo(before[0], 6);
    expect(after.center[1]).toBeCloseTo(before[1], 6);
    expect(after.span).toEqual(home.span);
  });

  it('zooms about a point: the place under the pointer stays under it', () => {
    const at: [number, number] = [600, 200];
    const place = projectionFor(home, box).invert!(at)!;
    const after = look(home, home, box, { k: 2, at });
    expect(after.span[0]).toBeCloseTo(home.span[0] / 2, 6);
    const q = projectionFor(after, box)(place)!;
    expect(Math.hypot(q[0] - at[0], q[1] - at[1])).toBeLessThan(1.5);
  });

  it('keeps the zoom between MIN_ZOOM and MAX_ZOOM of the story’s view, and the centre within reach of it', () => {
    expect(look(home, home, box, { k: 1000 }).span[0]).toBeCloseTo(home.span[0] / MAX_ZOOM, 6);
    expect(look(home, home, box, { k: 0.001 }).span[0]).toBeCloseTo(home.span[0] / MIN_ZOOM, 6);
    let far = home;
    for (let i = 0; i < 50; i++) far = look(far, home, box, { dx: -400, dy: 300 });
    expect(Math.abs(far.center[0] - home.center[0])).toBeLessThanOrEqual(home.span[0] * 2);
    expect(Math.abs(far.center[1] - home.center[1])).toBeLessThanOrEqual(home.span[1] * 2);
  });
});

describe('withCameras(frame, cameras)', () => {
  it('puts the reader’s camera on its panel, keeps the story’s label placements (ends) until asked to lay them out again', () => {
    const frame = frameOf(states.lesson, catalog);
    const [a, b] = frame.panels;
    const camera = { center: [10, 50] as [number, number], span: [20, 10] as [number, number] };
    const seen = withCameras(frame, { [a.key]: camera });
    expect(seen.panels[0].camera).toEqual(camera);
    expect(seen.panels[0].ends).toEqual([a, a]);
    expect(seen.panels[1]).toBe(b);
    expect(withCameras(frame, { [a.key]: camera }, true).panels[0].ends).toBeUndefined();
    expect(cameraText(seen).split(';')).toEqual(['10.00,50.00,20.00', `${b.camera.center.map((v) => v.toFixed(2)).join(',')},${b.camera.span[0].toFixed(2)}`]);
  });

  it('panelBox frames a panel inside the padding as the renderer does', () => {
    expect(panelBox([0.5, 0, 0.5, 1], 800, 600, { top: 50, right: 0, bottom: 100, left: 0 })).toEqual({ x: 400, y: 50, width: 400, height: 450 });
  });
});
