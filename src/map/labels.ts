/**
 * Label layout, a pure stage: everything that wants a label in a panel (its anchor points, where around
 * them it may sit, its full and short text), the marks it must not cover, the panel's box and a text
 * measurer in; each label's placement (or its absence) out. One pass per state and size, in priority
 * order, so no label covers another or a place's dot, and none crosses the panel's edge.
 */
import type { Point } from './lines.ts';
import type { FontSpec, Measure } from './measure.ts';
import type { Box } from './projection.ts';

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export type TextAnchor = 'start' | 'middle' | 'end';

/** One place a label may go: its baseline point is anchor `at` moved by (dx, dy), aligned by `align`. */
export interface Candidate {
  at: number;
  dx: number;
  dy: number;
  align: TextAnchor;
  /** The label names a line or an area, not a point: it may slide sideways to stay inside the panel. */
  slide?: boolean;
}

export interface LabelWant {
  /** The item's key: it names the label across the frames of a transition. */
  key: string;
  text: string;
  /** Used when the full text fits nowhere. */
  short?: string;
  font: FontSpec;
  /** Points the candidates hang from (null: not on the map in this frame). */
  anchors: (Point | null)[];
  /** In order of preference. */
  candidates: Candidate[];
  /** Placed in ascending order: a label gives way to every label placed before it. */
  priority: number;
}

/** Marks labels must keep off: dots (rects, never covered) and drawn lines (segments, avoided where possible). */
export interface Obstacles {
  rects: Rect[];
  segments: [Point, Point][];
}

export interface Placement {
  key: string;
  /** Index into the want's candidates. */
  candidate: number;
  text: string;
  /** Sideways slide that keeps a sliding label inside the panel, px. */
  shift: number;
  /** The text's box when placed (font ascent to descent, advance width). */
  rect: Rect;
}

/** Kept free between a label and the panel's edge, and between two labels (the text's white halo). */
export const EDGE = 3;
export const GAP = 2;

export const overlaps = (a: Rect, b: Rect, gap = 0): boolean => a.x0 < b.x1 + gap && b.x0 < a.x1 + gap && a.y0 < b.y1 + gap && b.y0 < a.y1 + gap;

/** The text's box for a baseline point and alignment. */
export function textRect([x, y]: Point, align: TextAnchor, size: { width: number; ascent: number; descent: number }): Rect {
  const left = align === 'start' ? x : align === 'end' ? x - size.width : x - size.width / 2;
  return { x0: left, y0: y - size.ascent, x1: left + size.width, y1: y + size.descent };
}

/** Whether segment pq crosses rect r (Liang–Barsky clipping). */
export function crosses([p, q]: [Point, Point], r: Rect): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  const edges: [number, number][] = [
    [-dx, p[0] - r.x0],
    [dx, r.x1 - p[0]],
    [-dy, p[1] - r.y0],
    [dy, r.y1 - p[1]],
  ];
  for (const [a, b] of edges) {
    if (a === 0) {
      if (b < 0) return false;
    } else {
      const t = b / a;
      if (a < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** The baseline point of a candidate, before any slide. */
export const baseline = (want: Pick<LabelWant, 'anchors' | 'candidates'>, index: number): Point | null => {
  const c = want.candidates[index];
  const a = want.anchors[c.at];
  return a ? [a[0] + c.dx, a[1] + c.dy] : null;
};

/**
 * Places `wants` in `box`: for each, in priority order, the first candidate whose box stays inside the
 * panel and clear of every label placed so far and every dot, preferring one that crosses the fewest
 * drawn lines; failing that, the same with its short text; else it is left out (its words stay in the caption and the
 * map's text description).
 */
export function layoutLabels(wants: LabelWant[], obstacles: Obstacles, box: Box, measure: Measure): Map<string, Placement> {
  const placed = new Map<string, Placement>();
  const taken: Rect[] = [];
  const inner = { x0: box.x + EDGE, y0: box.y + EDGE, x1: box.x + box.width - EDGE, y1: box.y + box.height - EDGE };
  const order = wants.map((w, i) => ({ w, i })).sort((a, b) => a.w.priority - b.w.priority || a.i - b.i);
  for (const { w } of order) {
    const forms = w.short && w.short !== w.text ? [w.text, w.short] : [w.text];
    let best: (Placement & { crossings: number }) | null = null;
    for (const text of forms) {
      const size = measure(text, w.font);
      for (let i = 0; i < w.candidates.length; i++) {
        const at = baseline(w, i);
        if (!at) continue;
        let rect = textRect(at, w.candidates[i].align, size);
        let shift = 0;
        if (w.candidates[i].slide) {
          // Only so far that the label still touches its anchor, and only for an anchor on the panel.
          const anchor = w.anchors[w.candidates[i].at]!;
          shift = Math.max(0, inner.x0 - rect.x0) - Math.max(0, rect.x1 - inner.x1);
          if (Math.abs(shift) > size.width / 2 || anchor[0] < inner.x0 || anchor[0] > inner.x1 || anchor[1] < inner.y0 || anchor[1] > inner.y1) continue;
          rect = { ...rect, x0: rect.x0 + shift, x1: rect.x1 + shift };
        }
        if (rect.x0 < inner.x0 || rect.x1 > inner.x1 || rect.y0 < inner.y0 || rect.y1 > inner.y1) continue;
        if (taken.some((r) => overlaps(r, rect, GAP)) || obstacles.rects.some((r) => overlaps(r, rect))) continue;
        const crossings = obstacles.segments.reduce((n, s) => n + (crosses(s, rect) ? 1 : 0), 0);
        if (!best || crossings < best.crossings) best = { key: w.key, candidate: i, text, shift, rect, crossings };
        if (crossings === 0) break;
      }
      // The full text across a line (it has a halo) says more than the short one clear of it.
      if (best) break;
    }
    if (best) {
      placed.set(w.key, { key: best.key, candidate: best.candidate, text: best.text, shift: best.shift, rect: best.rect });
      taken.push(best.rect);
    }
  }
  return placed;
}

/** Segments of a polyline, for the obstacles. */
export const segmentsOf = (points: (Point | null)[]): [Point, Point][] =>
  points.flatMap((p, i) => {
    const q = points[i + 1];
    return p && q ? [[p, q] as [Point, Point]] : [];
  });
