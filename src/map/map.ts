/**
 * The map on a page: loads geometry, draws frames, and moves between states — by a short timed
 * transition (show) or by the reader's position (scrub). It marks the root with data-map-target as soon as a
 * state is asked for, and data-map-state once the picture has settled in it. Modes call show/scrub; no mode holds map logic.
 */
import { cameraText, withCameras, type Cameras } from './camera.ts';
import type { Catalog } from './catalog.ts';
import { describe } from './describe.ts';
import { frameOf, type Camera, type Frame, type FramePanel } from './frame.ts';
import { loadRegion, type RegionGeometry } from './geometry.ts';
import { interpolateFrames, transitionDuration } from './interpolate.ts';
import { legendHtml, legendOfFrame, legendText } from './legend.ts';
import { canvasMeasure, type Measure } from './measure.ts';
import { NO_PADDING, paddedBox, panelBox, type Box, type Padding } from './projection.ts';
import { paintAhead, render, whenShown, type RenderContext, type RenderOptions } from './render.ts';
import { scene, sceneWork } from './scene.ts';
import type { MapState, Region } from './state.ts';

/** How long the map's size must stay still before a drawn picture is redrawn at it (ms). */
const RESIZE_SETTLE_MS = 120;

export interface MapOptions {
  catalog: Catalog;
  states: Readonly<Record<string, MapState>>;
  /**
   * Whether to cut instead of animating; asked at each change, so a preference toggle applies at once.
   * @defaultValue the system's prefers-reduced-motion setting
   */
  reducedMotion?: () => boolean;
  /** Told how long each draw took (ms): the benchmark's measure of map work per frame. */
  onDraw?: (ms: number) => void;
  /** Where the base map is painted (render.ts): a canvas, or SVG paths for printing. @defaultValue 'canvas' */
  base?: RenderOptions['base'];
}

export interface MapController {
  /**
   * Moves to a state with a short transition (a cut under reduced motion); retargets one in flight. `landBy` (ms):
   * when the reader will have moved on — a flight that could not land by then is a cut.
   */
  show(id: string, options?: { landBy?: number }): void;
  /**
   * Shows the progression from `from` (or nothing) to `to` at the reader's position `progress` (0–1):
   * complete, and settled, from progress 0.45 on, so the reader sees the final picture for most of the step.
   */
  scrub(from: string | null, to: string, progress: number): void;
  /**
   * Starts loading the geometry these states need (at an idle moment) and finding their scenes, so a later transition
   * does not wait; the first is the state expected next, whose base picture is painted ahead too.
   */
  prefetch(ids: string[]): void;
  /**
   * Keeps `padding` (px) free at the map's edges — what lies over the map there (a phone's caption bar, the step
   * card) — and frames every state inside it; the picture is re-fitted at once.
   */
  setPadding(padding: Padding): void;
  /** The state id most recently asked for. */
  readonly target: string | null;
  /** Explore: the panels drawn now, each with its box (px), its camera and the story's own camera; [] before a draw. */
  panels(): { panel: FramePanel; box: Box; camera: Camera; home: Camera }[];
  /**
   * Explore: draws the picture through the reader's cameras (by panel key), at once; `relayout` lays the labels out
   * for that view (when a gesture rests). null: back to the story's view with the usual transition (a cut under
   * reduced motion). A new target also ends it, its transition starting from the reader's view.
   */
  setCameras(cameras: Cameras | null, relayout?: boolean): void;
  destroy(): void;
}

/** The longest the download of a coming state's geometry waits for an idle moment (ms). */
const PREFETCH_WAIT_MS = 300;
/** The longest a new target's key and text alternative wait for an idle moment (ms). */
const WORDS_WAIT_MS = 300;

/** Runs `then` at an idle moment, or after `timeout` ms at the latest; returns a handle for cancelIdle. */
const whenIdle = (then: () => void, timeout: number): number =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(then, { timeout }) : window.setTimeout(then, 30);
const cancelIdle = (handle: number): void => (typeof cancelIdleCallback === 'function' ? cancelIdleCallback(handle) : clearTimeout(handle));

/** Scrubbed progress at which a progression is complete. */
export const SCRUB_COMPLETE = 0.45;

const easeInOut = (t: number): number => (t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2);
const smooth = (x: number): number => {
  const c = Math.min(1, Math.max(0, x));
  return c * c * (3 - 2 * c);
};
const systemReducedMotion = (): boolean => matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * Expects `root` to contain an <svg class="map-svg">, a `.map-caption`, a `.map-description`, a polite live region
 * `.map-live` and a `.map-legend` for the key (src/build/html.ts mapFigureHtml).
 */
export function createMap(root: HTMLElement, { catalog, states, reducedMotion = systemReducedMotion, onDraw, base = 'canvas' }: MapOptions): MapController {
  const svg = root.querySelector<SVGSVGElement>('svg.map-svg')!;
  const caption = root.querySelector<HTMLElement>('.map-caption')!;
  const description = root.querySelector<HTMLElement>('.map-description')!;
  const live = root.querySelector<HTMLElement>('.map-live');
  const legend = root.querySelector<HTMLElement>('.map-legend');
  const loaded: Partial<Record<Region, RegionGeometry>> = {};
  let size = svg.getBoundingClientRect(); // the only layout read; later sizes come from the ResizeObserver
  let target: string | null = null;
  let settled: string | null = null;
  let displayed: Frame | null = null;
  let animation = 0;
  /** When the flight under way lands (performance.now() ms); 0 when none is. */
  let landing = 0;
  let pending = 0;
  let lastScrub: { from: string | null; to: string; progress: number } | null = null;
  let scrubbing: { key: string; at: (t: number) => Frame } | null = null;
  let request = 0;
  let dead = false;
  // Explore (issue #14): the reader's cameras, laid over every frame drawn until the story moves on.
  let explored: { cameras: Cameras; relayout: boolean } | null = null;
  /** The frame as last drawn, the reader's cameras applied. */
  let shown: Frame | null = null;
  // Created at the first draw, once the stylesheet has given the labels their font.
  let measure: Measure | null = null;
  let padding: Padding = NO_PADDING;

  /** Wider than tall, inside the padding: panels side by side, and the states' wide cameras. */
  const wide = (): boolean => {
    const inner = paddedBox(size.width, size.height, padding);
    return inner.width >= inner.height;
  };
  // Frames are pure data: built once per state and layout, then shared (scroll events ask for them often).
  const frames = new Map<string, Frame>();
  const frame = (id: string): Frame => {
    const key = `${id}|${wide()}`;
    let f = frames.get(key);
    if (!f) frames.set(key, (f = frameOf(states[id], catalog, wide())));
    return f;
  };
  /** The regions a state's panels draw, read from the state itself. */
  const regionsOf = (ids: (string | null)[]): Region[] => ids.flatMap((id) => (id ? states[id].panels.map((p) => p.view.region) : []));

  const fail = (error: unknown): void => {
    root.classList.add('map-failed');
    root.dataset.mapError = error instanceof Error ? error.message : 'map failed';
  };

  /** The regions the states draw that have not arrived yet. */
  const loadFor = (ids: (string | null)[]): Region[] => [...new Set(regionsOf(ids))].filter((r) => !loaded[r]);
  /** Loads regions, keeping each as it arrives. */
  const load = (regions: Region[]): Promise<unknown> => Promise.all(regions.map((r) => loadRegion(r).then((geo) => (loaded[r] = geo))));

  /** Runs `then` once every region the states draw is loaded, unless a newer request came meanwhile. */
  const whenLoaded = (ids: (string | null)[], then: () => void): void => {
    const regions = loadFor(ids);
    const mine = ++request;
    if (regions.length === 0) {
      recover();
      return then();
    }
    load(regions)
      .then(() => {
        if (mine !== request) return;
        recover();
        // The geometry just arrived: the first scene is found in short tasks, then drawn. Making the label measurer
        // (8–13 ms on a phone's slowed CPU at a first load) is a task of its own.
        const units = drawable() ? [() => void measurer(), ...ids.flatMap((id) => (id ? sceneWork(frame(id), context) : []))] : [];
        inSteps(units, (next) => setTimeout(next, 0), () => mine === request && !dead, then);
      })
      // A load that a newer request (or destroy) replaced fails nobody's picture.
      .catch((error) => mine === request && fail(error));
  };

  /** After a failed load the SVG was hidden and measured 0 × 0: show it again and measure it before drawing. */
  const recover = (): void => {
    if (!root.classList.contains('map-failed')) return;
    root.classList.remove('map-failed');
    size = svg.getBoundingClientRect();
  };

  /** The labels' measurer, made once (a canvas and the labels' computed font). */
  const measurer = (): Measure => (measure ??= canvasMeasure(svg));
  /** What a scene is made with now: the map's size, padding, loaded regions and the page's font. */
  const context = (): RenderContext => ({ catalog, regions: loaded, width: size.width, height: size.height, measure: measurer(), padding });

  /** The map has a size to draw at (not hidden, laid out). */
  const drawable = (): boolean => size.width > 0 && size.height > 0;
  /** Runs `units` one per `wait` (a task, an idle moment) while `wanted()`, then `done`. */
  const inSteps = (units: (() => void)[], wait: (next: () => void) => void, wanted: () => boolean, done = (): void => undefined): void => {
    const next = (): void => {
      if (!wanted()) return;
      const unit = units.shift();
      if (!unit) return done();
      unit();
      wait(next);
    };
    wait(next);
  };
  const idle = (next: () => void): void => void whenIdle(next, 1000);
  /** The state expected next (the first of the latest prefetch): the only one whose picture is painted ahead. */
  let expected: string | null = null;
  /**
   * Work done ahead, one unit per idle moment: the scene of a state coming next (sceneWork), so a step's first frame
   * while the reader scrolls is only painting, not finding where names and labels go; then, if it is the state expected
   * next, its base's picture, painted by the worker and kept, so a cut or a landing there need not wait for the worker.
   */
  const prepare = (id: string): void => {
    if (dead || !ready(id)) return;
    const ahead = (): void => {
      // Asked when the unit runs: once the reader has gone elsewhere (a jump), the picture would only take the worker's
      // time and a place.
      if (expected === id && base === 'canvas' && !explored && displayed) paintAhead(svg, scene(frame(id), context()), { pixelRatio: devicePixelRatio || 1 });
    };
    inSteps([...sceneWork(frame(id), context), ahead], idle, () => !dead && drawable());
  };

  /** Draws a frame; false when the map has no size yet (hidden, not laid out), so nothing can settle. */
  const draw = (f: Frame): boolean => {
    if (!drawable()) return false;
    displayed = f;
    const start = onDraw ? performance.now() : 0;
    shown = explored ? withCameras(f, explored.cameras, explored.relayout) : f;
    render(svg, shown, context(), { base, pixelRatio: devicePixelRatio || 1 });
    root.dataset.mapCamera = cameraText(shown);
    onDraw?.(performance.now() - start);
    // Only when it is there: classList.remove writes the class attribute even when the class is absent, every frame.
    if (root.classList.contains('map-failed')) root.classList.remove('map-failed');
    return true;
  };

  /** Every region a frame draws has arrived. */
  const ready = (id: string): boolean => regionsOf([id]).every((r) => loaded[r]);

  /** The state whose key, text alternative and announcement are still to be written, and the idle callback to write them. */
  let unwritten: string | null = null;
  let writing = 0;
  /**
   * Writes the target's key, text alternative and announcement. They wait for an idle moment (at most WORDS_WAIT_MS)
   * or the picture settling, whichever is first: a reader flinging past steps gets each step's caption at once, and
   * the key and words of the step they stop at — not a parse of every key on the way (10–40 ms each on a phone's
   * slowed CPU, measured 2 December, as long as drawing the step) nor an announcement for each.
   */
  const writeWords = (): void => {
    cancelIdle(writing);
    const id = unwritten;
    unwritten = null;
    if (!id || dead) return;
    const state = states[id];
    // The key is generated markup (src/map/legend.ts escapes every text), drawn with the map's own classes.
    const key = legendOfFrame(frame(id), catalog); // the frame the map draws, already built
    if (legend) legend.innerHTML = legendHtml(key);
    description.textContent = `${describe(state, catalog)} ${legendText(key)}`;
    if (live) live.textContent = `Map: ${state.caption}. ${state.description}`;
  };

  /** A new target: its caption shows at once, its key and text alternative soon after (writeWords, the first at once); announced once. */
  const announce = (id: string): void => {
    if (target === id) return;
    const first = target === null;
    // The story moved on: exploring ends, and the transition starts from the reader's view.
    if (explored) displayed = shown;
    explored = null;
    target = id;
    root.dataset.mapTarget = id;
    caption.textContent = states[id].caption;
    if (unwritten === null && !first) writing = whenIdle(writeWords, WORDS_WAIT_MS);
    unwritten = id;
    // The first target's words go in at once, with the page's start (its key is laid out before the first paint).
    if (first) writeWords();
  };

  /** The picture now shows the state: the contract's data-map-state says so, its key and words already written. */
  const settle = (id: string): void => {
    if (settled === id) return;
    writeWords();
    settled = id;
    root.dataset.mapState = id;
  };

  /**
   * Settles once the frame drawn last is on screen — its base may be painted off the main thread, its overlay going on
   * with it — unless another frame was drawn, or another state asked for, meanwhile (the contract: data-map-state
   * only ever names the target).
   */
  const settleWhenShown = (id: string): void => {
    const f = displayed;
    whenShown(svg, () => {
      if (!dead && displayed === f && target === id) settle(id);
    });
  };

  const stop = (): void => {
    cancelAnimationFrame(animation);
    cancelAnimationFrame(pending);
    animation = pending = landing = 0;
  };

  const animate = (id: string, landBy = Infinity): void => {
    const to = frame(id);
    const duration = displayed ? transitionDuration(displayed, to) : 0;
    if (!displayed || reducedMotion() || duration > landBy) {
      if (draw(to)) settleWhenShown(id);
      return;
    }
    const at = interpolateFrames(displayed, to);
    const start = performance.now();
    landing = start + duration;
    const tick = (now: number): void => {
      const t = Math.min(1, (now - start) / duration);
      draw(t < 1 ? at(easeInOut(t)) : to);
      if (t < 1) animation = requestAnimationFrame(tick);
      else {
        landing = 0;
        settleWhenShown(id);
      }
    };
    animation = requestAnimationFrame(tick);
  };

  const scrubTo = (from: string | null, to: string, progress: number): void => {
    if (!from || reducedMotion() || progress >= SCRUB_COMPLETE) {
      // Past completion the picture is final: scrolling on through the step redraws nothing.
      const final = frame(to);
      if (final === displayed || draw(final)) settleWhenShown(to);
      return;
    }
    const key = `${from}>${to}>${wide()}`;
    if (scrubbing?.key !== key) scrubbing = { key, at: interpolateFrames(frame(from), frame(to)) };
    draw(scrubbing.at(smooth(progress / SCRUB_COMPLETE)));
  };

  /** Draws the current target afresh at the current size and padding. */
  const refit = (): void => {
    // Nothing asked for yet, or its geometry still on the way (its arrival draws it).
    if (!target || !ready(target)) return;
    stop();
    displayed = null; // drawn at the old size: whatever comes next is drawn afresh
    // A resize mid-transition lands on the right picture at once: no queued motion. A map that had
    // no size when its state was asked for (a hidden tab or panel) is drawn now.
    if (lastScrub) scrubTo(lastScrub.from, lastScrub.to, lastScrub.progress);
    else if (draw(frame(target))) settleWhenShown(target);
  };
  let resizing = 0;
  const resize = new ResizeObserver(([entry]) => {
    const { width, height } = entry.contentRect;
    // Observing reports the size once at the start: a picture already drawn at that size stays.
    if (displayed && Math.abs(width - size.width) < 0.5 && Math.abs(height - size.height) < 0.5) return;
    size = entry.contentRect;
    clearTimeout(resizing);
    if (!displayed) return refit();
    // A picture already drawn is redrawn once the size settles (a window dragged, a deck laying out its slides),
    // not at every size on the way: each new size finds its names and labels afresh. Meanwhile it scales.
    resizing = window.setTimeout(refit, RESIZE_SETTLE_MS);
  });
  resize.observe(svg);

  return {
    show(id, { landBy } = {}) {
      if (dead || !states[id]) return;
      if (id === target && !lastScrub) {
        // Already the target. Its flight began while the reader's speed was unknown (a pause, a slow frame): if they
        // now move on before it lands, it lands at once, as a flight asked to land by then would have been a cut.
        if (landing && landBy !== undefined && performance.now() + landBy < landing) {
          stop();
          animate(id, 0);
        }
        return;
      }
      announce(id);
      lastScrub = null;
      stop();
      whenLoaded([id], () => animate(id, landBy));
    },
    scrub(from, to, progress) {
      if (dead || !states[to] || (from !== null && !states[from])) return;
      announce(to);
      lastScrub = { from, to, progress };
      stop();
      whenLoaded([from, to], () => {
        cancelAnimationFrame(pending);
        // Many scroll events per frame become one draw.
        pending = requestAnimationFrame(() => lastScrub && scrubTo(lastScrub.from, lastScrub.to, lastScrub.progress));
      });
    },
    prefetch(ids) {
      if (dead) return;
      expected = ids[0] ?? null;
      for (const id of ids) {
        if (!states[id]) continue;
        const missing = loadFor([id]);
        const start = (): void => void load(missing).then(() => prepare(id), () => undefined);
        // A download still to start waits for an idle moment: it is not the scroll's frame's work.
        if (missing.length) whenIdle(() => !dead && start(), PREFETCH_WAIT_MS);
        else start();
      }
    },
    setPadding(next) {
      if (dead || (['top', 'right', 'bottom', 'left'] as const).every((k) => Math.round(next[k]) === Math.round(padding[k]))) return;
      padding = next;
      refit();
    },
    get target() {
      return target;
    },
    panels() {
      const home = target ? frame(target).panels : [];
      return (shown?.panels ?? []).map((panel) => ({
        panel,
        box: panelBox(panel.box, size.width, size.height, padding),
        camera: panel.camera,
        home: home.find((h) => h.key === panel.key)?.camera ?? panel.camera,
      }));
    },
    setCameras(cameras, relayout = false) {
      if (dead || !target || !ready(target)) return;
      const from = shown;
      explored = cameras && { cameras, relayout };
      stop();
      if (cameras) {
        // The reader looks at the settled picture: a transition or a scrub in flight lands at once.
        lastScrub = null;
        if (draw(frame(target))) settleWhenShown(target);
      } else {
        displayed = from;
        animate(target);
      }
    },
    destroy() {
      dead = true;
      clearTimeout(resizing);
      request++; // loads still on their way draw nothing
      cancelIdle(writing);
      stop();
      resize.disconnect();
    },
  };
}
