/**
 * interpolateFrames(a, b) does its set-up once and returns t => frame, like d3-geo's geoInterpolate:
 * t = 0 gives a, t = 1 gives b. Scroll progress, slide fragments and timers only choose t.
 */
import { geoDistance, geoInterpolate } from 'd3-geo';
import { interpolateZoom } from 'd3-interpolate';
import type { Camera, Frame, FramePanel, Item, RelativeBox } from './frame.ts';

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
const smooth = (x: number): number => {
  const c = clamp01(x);
  return c * c * (3 - 2 * c);
};
const lerp = (a: number, b: number, t: number): number => a + (b - a) * t;

/** Leaving items fade in the first half; entering ones arrive after the camera has mostly moved. */
const leaving = (t: number): number => 1 - smooth(t / 0.5);
const entering = (t: number): number => smooth((t - 0.35) / 0.65);

/** Merges two keyed lists: matched items blend their weights, the rest leave or enter. */
function items<T>(a: Item<T>[], b: Item<T>[], enter = entering, leave = leaving): (t: number) => Item<T>[] {
  const before = new Map(a.map((i) => [i.key, i]));
  const after = new Set(b.map((i) => i.key));
  const gone = a.filter((i) => !after.has(i.key));
  return (t) => [
    ...b.map((i) => {
      const old = before.get(i.key);
      return { key: i.key, value: i.value, w: old ? lerp(old.w, i.w, t) : i.w * enter(t) };
    }),
    ...gone.map((i) => ({ key: i.key, value: i.value, w: i.w * leave(t) })),
  ];
}

/** The camera flies along the great circle, zooming out and in as d3's interpolateZoom prescribes. */
export function interpolateCamera(a: Camera, b: Camera): ((t: number) => Camera) & { duration: number } {
  const distance = (geoDistance(a.center, b.center) * 180) / Math.PI;
  const path = geoInterpolate(a.center, b.center);
  const zoom = interpolateZoom([0, 0, a.span[0]], [distance, 0, b.span[0]]);
  const aspectA = a.span[1] / a.span[0];
  const aspectB = b.span[1] / b.span[0];
  const camera = (t: number): Camera => {
    if (t <= 0) return a;
    if (t >= 1) return b;
    const [u, , w] = zoom(t);
    const aspect = lerp(aspectA, aspectB, t);
    return { center: distance > 1e-9 ? path(u / distance) : a.center, span: [w, w * aspect] };
  };
  return Object.assign(camera, { duration: zoom.duration });
}

const box = (a: RelativeBox, b: RelativeBox, t: number): RelativeBox => [0, 1, 2, 3].map((i) => lerp(a[i], b[i], t)) as RelativeBox;

function panelPair(a: FramePanel, b: FramePanel): (t: number) => FramePanel {
  const camera = interpolateCamera(a.camera, b.camera);
  // A country changing colour cross-fades straight from one fill to the other, never through blank land.
  const fills = items(a.fills, b.fills, smooth, (t) => 1 - smooth(t));
  const places = items(a.places, b.places);
  const arcs = items(a.arcs, b.arcs);
  const lines = items(a.lines, b.lines);
  const arrows = items(a.arrows, b.arrows);
  const rings = items(a.rings, b.rings);
  const corners = items(a.table.corners, b.table.corners);
  const tableLabels = items(a.table.labels, b.table.labels);
  const titles = items(a.titles, b.titles);
  const notes = items(a.notes, b.notes);
  const names = items(a.names, b.names);
  const yearA = a.year[0];
  const yearB = b.year[0];
  const regions = [...new Set([...a.regions, ...b.regions])];
  const nato = (year: number) => (fill: FramePanel['fills'][number]) => {
    const wave = /^nato:(\d{4})$/.exec(fill.key);
    return wave ? { ...fill, w: clamp01(year - Number(wave[1]) + 1) } : fill;
  };
  return (t) => {
    const yearNow = yearA && yearB ? lerp(yearA.value, yearB.value, t) : null;
    const frame = panelAt(t);
    // Between two NATO pictures the waves fill in as the year counter passes them, and un-fill going back.
    return yearNow === null ? frame : { ...frame, fills: frame.fills.map(nato(yearNow)) };
  };
  function panelAt(t: number): FramePanel {
    return {
    key: b.key,
    w: lerp(a.w, b.w, t),
    box: box(a.box, b.box, smooth(t)),
    camera: camera(t),
    regions: t <= 0 ? a.regions : t >= 1 ? b.regions : regions,
    fills: fills(t),
    places: places(t),
    arcs: arcs(t),
    lines: lines(t),
    arrows: arrows(t),
    dmz: a.dmz > 0 && b.dmz > 0 ? lerp(a.dmz, b.dmz, t) : a.dmz > 0 ? a.dmz * leaving(t) : b.dmz * entering(t),
    rings: rings(t),
    table: { corners: corners(t), labels: tableLabels(t) },
    // The NATO counter runs through the years with the waves; it fades where NATO comes or goes.
    year:
      yearA && yearB
        ? [{ key: 'year', value: lerp(yearA.value, yearB.value, t), w: 1 }]
        : yearA
          ? [{ ...yearA, w: leaving(t) }]
          : yearB
            ? [{ ...yearB, w: entering(t) }]
            : [],
    titles: titles(t),
    ends: [a, b],
    notes: notes(t),
    names: names(t),
    };
  }
}

const fade = (p: FramePanel, w: (t: number) => number) => (t: number): FramePanel => ({ ...p, w: p.w * w(t), ends: [p, p] });

/** Panels pair up by key (region); a panel with no partner fades out or in. */
export function interpolateFrames(a: Frame, b: Frame): (t: number) => Frame {
  const fromByKey = new Map(a.panels.map((p) => [p.key, p]));
  const toKeys = new Set(b.panels.map((p) => p.key));
  // A single panel changing region (East Asia → Europe) is the same panel gliding: pair them.
  const single = a.panels.length === 1 && b.panels.length === 1;
  const tweens = b.panels.map((p) => {
    const from = fromByKey.get(p.key) ?? (single ? a.panels[0] : undefined);
    return from ? panelPair(from, p) : fade(p, entering);
  });
  const leavingPanels = single ? [] : a.panels.filter((p) => !toKeys.has(p.key)).map((p) => fade(p, leaving));
  // The ends are the frames themselves, so a finished transition leaves nothing half-present behind.
  return (t) => (t <= 0 ? a : t >= 1 ? b : { panels: [...leavingPanels.map((f) => f(t)), ...tweens.map((f) => f(t))] });
}

/** How long a timed transition between two frames should take, in ms (longer for longer flights). */
export function transitionDuration(a: Frame, b: Frame): number {
  const pa = a.panels[a.panels.length - 1];
  const pb = b.panels[b.panels.length - 1];
  if (!pa || !pb) return 400;
  const flight = interpolateCamera(pa.camera, pb.camera).duration;
  return Math.min(1600, Math.max(SHORTEST_FLIGHT_MS, flight * 0.6));
}

/** The shortest transition between two states' cameras (ms). */
export const SHORTEST_FLIGHT_MS = 450;
