/**
 * The reader's own camera (explore mode): a pan and zoom of each panel, applied to a frame before it is drawn, so
 * it works whatever paints the frame. Pure: a camera, the panel's box in pixels and a gesture give a new camera.
 */
import type { Camera, Frame } from './frame.ts';
import { projectionFor, type Box } from './projection.ts';

/** How far the reader may zoom, relative to the story's own view of the panel. */
export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 8;

/** A gesture: a pan by (dx, dy) px, then a zoom by `k` that keeps the point `at` (px) where it is. */
export interface Look {
  dx?: number;
  dy?: number;
  k?: number;
  at?: [number, number];
}

/** The cameras of a frame's panels, by panel key. */
export type Cameras = Record<string, Camera>;

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/**
 * Moves a camera by a gesture inside `box`. `home` is the story's camera for the panel: the zoom is kept between
 * MIN_ZOOM and MAX_ZOOM of it, and the centre within reach of it, so the picture can never be lost.
 */
export function look(camera: Camera, home: Camera, box: Box, { dx = 0, dy = 0, k = 1, at }: Look): Camera {
  const mid: [number, number] = [box.x + box.width / 2, box.y + box.height / 2];
  let center = camera.center;
  if (dx || dy) center = (projectionFor(camera, box).invert!([mid[0] - dx, mid[1] - dy]) as [number, number] | null) ?? center;
  const zoom = clamp(home.span[0] / camera.span[0], MIN_ZOOM, MAX_ZOOM);
  const next = clamp(zoom * k, MIN_ZOOM, MAX_ZOOM);
  let span: [number, number] = [home.span[0] / next, home.span[1] / next];
  if (next !== zoom && at) {
    // The place under `at` stays under it: zoom about the centre, then pan it back (a few times: the fit's scale
    // depends a little on the centre's latitude).
    const before = projectionFor({ center, span: camera.span }, box).invert!(at) as [number, number] | null;
    for (let i = 0; before && i < 4; i++) {
      const zoomed = projectionFor({ center, span }, box);
      const after = zoomed(before) as [number, number] | null;
      if (!after) break;
      center = (zoomed.invert!([mid[0] + after[0] - at[0], mid[1] + after[1] - at[1]]) as [number, number] | null) ?? center;
    }
  } else if (next === zoom) span = camera.span;
  // Within two home spans of home: a reader panning far never loses the subject's continent.
  const reach = [home.span[0] * 2, home.span[1] * 2];
  center = [clamp(center[0], home.center[0] - reach[0], home.center[0] + reach[0]), clamp(center[1], Math.max(-75, home.center[1] - reach[1]), Math.min(75, home.center[1] + reach[1]))];
  return { center, span };
}

/**
 * The frame as the reader's cameras see it. A panel keeps the label placements of its story view (`ends`) while
 * the reader moves, so labels hold their sides; with `relayout`, labels are laid out afresh for the new view.
 */
export function withCameras(frame: Frame, cameras: Cameras, relayout = false): Frame {
  return {
    panels: frame.panels.map((p) => {
      const camera = cameras[p.key];
      if (!camera) return p;
      return relayout ? { ...p, camera, ends: undefined } : { ...p, camera, ends: p.ends ?? [p, p] };
    }),
  };
}

/** "lon,lat,span" of each panel, ";"-separated: the camera a page shows (data-map-camera). */
export const cameraText = (frame: Frame): string =>
  frame.panels.map((p) => `${p.camera.center[0].toFixed(2)},${p.camera.center[1].toFixed(2)},${p.camera.span[0].toFixed(2)}`).join(';');
