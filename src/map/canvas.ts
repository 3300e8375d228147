/**
 * The base map's painter in the page: sea, land, the role fills (hatched where the stylesheet hatches them) and
 * the borders on a canvas. Colours, strokes and hatches are read from the stylesheet the SVG uses (src/styles.css),
 * so the canvas shows the picture the SVG would. The pixels are painted by the map's worker where it can
 * (src/map/geometry.worker.ts, with src/map/base-paint.ts), so the page's main thread only lays the finished picture
 * on; else here. The picture of the state the reader comes to next is painted ahead (paintAhead), kept, and laid on
 * as soon as it is shown. Either way the overlay of the same scene goes on with its base, never before (`apply`).
 * The canvas carries what it shows in `data-fills` (see baseRecord), for tests and for the curious.
 */
import type { BasePaint, Hatch, MakeCanvas, Palette, Style, ViewValues } from './base-paint.ts';
import { paintingWorker } from './geometry.ts';
import type { BaseRef, PaintReply } from './paint-protocol.ts';
import type { Scene } from './scene.ts';
import type { Outline, View } from './trace.ts';

const styles = new WeakMap<SVGSVGElement, Map<string, Style>>();

/** Reads the computed style of a shape with these classes in `svg` (once per class list). */
function styleOf(svg: SVGSVGElement, className: string): Style {
  let known = styles.get(svg);
  if (!known) styles.set(svg, (known = new Map()));
  let style = known.get(className);
  if (!style) {
    const probe = svg.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'path');
    probe.setAttribute('class', className);
    svg.querySelector('defs')!.append(probe);
    const css = getComputedStyle(probe);
    const paint = (v: string) => (v === 'none' || v === '' ? null : v);
    style = {
      fill: paint(css.fill),
      stroke: paint(css.stroke),
      width: parseFloat(css.strokeWidth) || 1,
      dash: css.strokeDasharray === 'none' ? [] : css.strokeDasharray.split(/[\s,]+/).map(parseFloat).filter((n) => !Number.isNaN(n)),
      cap: css.strokeLinecap as CanvasLineCap,
      join: css.strokeLinejoin as CanvasLineJoin,
    };
    probe.remove();
    known.set(className, style);
  }
  return style;
}

const palettes = new WeakMap<SVGSVGElement, Palette>();

/** The base's styles and the hatches of the SVG's defs, read once per SVG. */
function paletteOf(svg: SVGSVGElement): Palette {
  let palette = palettes.get(svg);
  if (palette) return palette;
  const hatches: Record<string, Hatch> = {};
  for (const def of svg.querySelectorAll('defs pattern')) {
    const line = def.querySelector('line');
    const rect = def.querySelector('rect');
    if (!line || !rect) continue;
    hatches[def.id] = {
      gap: Number(def.getAttribute('width')),
      angle: Number(/rotate\(([-\d.]+)\)/.exec(def.getAttribute('patternTransform') ?? '')?.[1] ?? 0),
      background: getComputedStyle(rect).fill,
      line: getComputedStyle(line).stroke,
      lineWidth: Number(line.getAttribute('stroke-width')),
    };
  }
  palette = { sea: styleOf(svg, 'sea'), land: styleOf(svg, 'land'), borders: styleOf(svg, 'borders'), hatches };
  palettes.set(svg, palette);
  return palette;
}

/** What the base paints, one line per fill group: `<panel> <role>[ context][ @opacity]: <country ids>`. */
export function baseRecord(s: Scene): string {
  return s.panels
    .flatMap((p) => p.base.fills.map((f) => `${p.key} ${f.role}${f.context ? ' context' : ''}${f.opacity < 1 ? ` @${f.opacity}` : ''}: ${f.ids.join(' ')}`))
    .join('; ');
}

/** Everything the base's pixels depend on: the same signature, nothing to repaint. */
const signature = (s: Scene, ratio: number): string =>
  `${s.width}x${s.height}@${ratio}|${s.panels.map((p) => `${p.key}:${p.opacity}:${p.base.camera}:${p.base.fills.map((f) => `${f.key}@${f.opacity}`)}`).join('|')}`;

const viewValues = (v: View): ViewValues => ({ rotate: v.rotate(), scale: v.scale(), translate: v.translate() });

/** The scene's base as the painter takes it, its outlines given by `outline`. */
function basePaint<G>(s: Scene, svg: SVGSVGElement, ratio: number, outline: (ref: BaseRef, shape: Outline) => G): BasePaint<G> {
  return {
    width: s.width,
    height: s.height,
    pixels: [Math.round(s.width * ratio), Math.round(s.height * ratio)],
    palette: paletteOf(svg),
    panels: s.panels.map(({ opacity, base }) => ({
      opacity,
      paint: base.paint,
      view: viewValues(base.projection),
      land: base.land.map((shape, i) => outline({ land: base.regions[i] }, shape)),
      borders: base.borders.map((shape, i) => outline({ borders: base.regions[i] }, shape)),
      fills: base.fills.map((f) => ({
        style: styleOf(svg, `country role-${f.role}${f.context ? ' is-context' : ''}`),
        opacity: f.opacity,
        shape: outline({ regions: base.regions, ids: f.ids }, f.shape),
      })),
    })),
  };
}

/**
 * Device pixels per drawing unit, moving or at rest: at most one. Measured on a 4×-slowed phone at 3× (scrolling the
 * whole story, one run each, 1 December): one device pixel per unit blocked the main thread for 6.3–7.6 s, 1.5 for
 * 8.9 s, and 1 while moving then 2 at rest for 13.8–14.5 s (each landing re-allocated and repainted the canvas at
 * four times the pixels). The base is flat fills and hairline borders under a vector overlay: the labels, lines and
 * dots stay sharp at any density; only the base's edges soften on a high-density screen.
 */
export const BASE_RATIO = 1;

/** A base to show, and the overlay to put on with it. */
interface Job {
  scene: Scene;
  svg: SVGSVGElement;
  ratio: number;
  key: string;
  record: string;
  apply: () => void;
  /** Its number, once asked of the worker. */
  asked?: number;
}

/**
 * One canvas's pictures: at most one being painted by the worker and one waiting (the newest: a frame that a newer one
 * replaced before it was painted is never shown), so a slow worker costs frames, not a queue.
 */
interface Pipe {
  id: number;
  canvas: HTMLCanvasElement;
  /** How the canvas takes pictures: laid on whole (a bitmap, painted anywhere), or painted on its own 2D context. */
  mode: 'bitmap' | '2d';
  shown: string | null;
  /** Where a bitmap-mode canvas's pictures are painted when the worker cannot (kept: a fresh canvas is costly). */
  here?: OffscreenCanvas;
  busy: Job | null;
  next: Job | null;
  waiting: (() => void)[];
  /** Pictures the worker painted ahead (paintAhead), by their signature, oldest first. */
  ahead: Map<string, ImageBitmap>;
}

/** How many pictures painted ahead a canvas keeps (each is the canvas's size: 1.3 MB on a phone, 4 MB on a desk). */
const AHEAD_KEPT = 2;

const pipes = new WeakMap<HTMLCanvasElement, Pipe>();
const asked = new Map<number, Pipe>();
/** Pictures asked of the worker ahead of need: their canvas and signature, by request number. */
const askedAhead = new Map<number, { pipe: Pipe; key: string }>();
let lastPipe = 0;
let lastAsk = 0;
/** Off for good once the worker cannot paint (gone, or failed to). */
let workerPaints = true;

const makeCanvas: MakeCanvas = (width, height) => {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
};

/**
 * The painter itself, for painting here: loaded only where the worker cannot paint (most pages never need it: the
 * worker has its own copy), so the bytes every reader loads do not carry it twice.
 */
type PainterModule = typeof import('./base-paint.ts');
let loading: Promise<PainterModule> | null = null;
let loaded: PainterModule | null = null;

/**
 * Paints the job on the page, and shows it; the first time, once the painter has loaded (the job is busy meanwhile,
 * as with the worker). If the painter cannot load (offline), the overlay goes on without its base, and a later
 * picture tries again.
 */
function paintOnPage(pipe: Pipe, job: Job): void {
  if (loaded) {
    paintHere(pipe, job, loaded);
    return shown(pipe, job);
  }
  pipe.busy = job;
  loading ??= import('./base-paint.ts');
  loading.then(
    (module) => {
      loaded = module;
      if (pipe.busy !== job) return;
      pipe.busy = null;
      paintHere(pipe, job, module);
      shown(pipe, job);
      drain(pipe);
    },
    () => {
      loading = null;
      if (pipe.busy !== job) return;
      pipe.busy = null;
      job.apply();
      drain(pipe);
    },
  );
}

/** Lays a picture on a bitmap-mode canvas, whose size follows it (so what reads the canvas reads the picture's pixels). */
function lay(canvas: HTMLCanvasElement, bitmap: ImageBitmap): void {
  if (canvas.width !== bitmap.width) canvas.width = bitmap.width;
  if (canvas.height !== bitmap.height) canvas.height = bitmap.height;
  canvas.getContext('bitmaprenderer')?.transferFromImageBitmap(bitmap);
}

/** Paints the job's base here, on the main thread: straight onto the canvas, or onto a bitmap laid on whole. */
function paintHere(pipe: Pipe, job: Job, { paintBase }: typeof import('./base-paint.ts')): void {
  const base = basePaint(job.scene, job.svg, job.ratio, (_, shape) => shape);
  const [width, height] = base.pixels;
  if (pipe.mode === '2d') {
    const context = pipe.canvas.getContext('2d');
    if (!context) return;
    if (pipe.canvas.width !== width) pipe.canvas.width = width;
    if (pipe.canvas.height !== height) pipe.canvas.height = height;
    return paintBase(context, base, makeCanvas);
  }
  const canvas = (pipe.here ??= new OffscreenCanvas(width, height));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  paintBase(canvas.getContext('2d')!, base, makeCanvas);
  lay(pipe.canvas, canvas.transferToImageBitmap());
}

/** The job's picture is on the canvas: its overlay goes on with it, in the same task. */
function shown(pipe: Pipe, job: Job): void {
  if (pipe.canvas.getAttribute('data-fills') !== job.record) pipe.canvas.setAttribute('data-fills', job.record);
  pipe.shown = job.key;
  job.apply();
}

const painter = {
  reply(data: PaintReply): void {
    const early = askedAhead.get(data.paint);
    if (early) {
      askedAhead.delete(data.paint);
      if ('bitmap' in data) keepAhead(early.pipe, early.key, data.bitmap);
      return;
    }
    const pipe = asked.get(data.paint);
    asked.delete(data.paint);
    const job = pipe?.busy;
    if (!pipe || !job || job.asked !== data.paint) {
      if ('bitmap' in data) data.bitmap.close();
      return;
    }
    pipe.busy = null;
    if ('bitmap' in data) {
      lay(pipe.canvas, data.bitmap);
      shown(pipe, job);
    } else {
      workerPaints = false;
      paintOnPage(pipe, job);
    }
    drain(pipe);
  },
  /** The worker is gone: what it was painting is painted here. */
  lost(): void {
    workerPaints = false;
    for (const pipe of asked.values()) {
      const job = pipe.busy;
      if (!job) continue;
      pipe.busy = null;
      paintOnPage(pipe, job);
      drain(pipe);
    }
    asked.clear();
    askedAhead.clear();
  },
};

/** Starts a job: shown at once if its base is there already or is painted here; else asked of the worker. */
function start(pipe: Pipe, job: Job): void {
  if (job.key === pipe.shown) return shown(pipe, job);
  const early = pipe.ahead.get(job.key);
  if (early) {
    // Painted ahead: laid on, with its overlay, in the next task — where a picture from the worker would have come,
    // without waiting for it to be painted. (Laid on at once, in the frame that asked for it, that frame took the step
    // change's whole work: on a 4×-slowed phone, one task of 50–110 ms where there had been two shorter ones.)
    pipe.ahead.delete(job.key);
    pipe.busy = job;
    setTimeout(() => {
      pipe.busy = null;
      lay(pipe.canvas, early);
      shown(pipe, job);
      drain(pipe);
    }, 0);
    return;
  }
  const worker = workerPaints && pipe.mode === 'bitmap' ? paintingWorker(painter) : null;
  if (!worker) return paintOnPage(pipe, job);
  job.asked = ++lastAsk;
  pipe.busy = job;
  asked.set(job.asked, pipe);
  worker.post({ paint: job.asked, canvas: pipe.id, base: basePaint(job.scene, job.svg, job.ratio, (ref) => ref) });
}

/** After a picture: the newest waiting job, if any; once nothing is pending, whoever waited for the picture. */
function drain(pipe: Pipe): void {
  while (!pipe.busy && pipe.next) {
    const job = pipe.next;
    pipe.next = null;
    start(pipe, job);
  }
  if (pipe.busy || pipe.next) return;
  const waiting = pipe.waiting;
  pipe.waiting = [];
  for (const then of waiting) then();
}

/**
 * Shows the scene's base on `canvas` at up to `fullRatio` device pixels per drawing unit, then `apply` (the overlay
 * of the same scene). Unless it shows that base already (a camera-still transition, a label moving, a scroll past a
 * finished step repaint nothing), the base is painted — by the worker where it can, and then `apply` waits for its
 * picture (a frame or so); a newer call meanwhile replaces this one.
 */
export function showBase(canvas: HTMLCanvasElement, s: Scene, fullRatio: number, svg: SVGSVGElement, apply: () => void): void {
  let pipe = pipes.get(canvas);
  if (!pipe) {
    // A canvas takes one kind of context for good: pictures whole where a worker can paint them, else its own 2D.
    const mode = workerPaints && paintingWorker(painter) ? 'bitmap' : '2d';
    pipes.set(canvas, (pipe = { id: ++lastPipe, canvas, mode, shown: null, busy: null, next: null, waiting: [], ahead: new Map() }));
  }
  const ratio = Math.min(fullRatio, BASE_RATIO);
  const job: Job = { scene: s, svg, ratio, key: signature(s, ratio), record: baseRecord(s), apply };
  if (pipe.busy) pipe.next = job;
  else start(pipe, job);
}

/** Runs `then` once every base asked of `canvas` so far is shown (at once if none is pending). */
export function whenBaseShown(canvas: HTMLCanvasElement | null, then: () => void): void {
  const pipe = canvas && pipes.get(canvas);
  if (pipe && (pipe.busy || pipe.next)) pipe.waiting.push(then);
  else then();
}

/** Keeps a picture painted ahead, dropping the oldest beyond AHEAD_KEPT. */
function keepAhead(pipe: Pipe, key: string, bitmap: ImageBitmap): void {
  pipe.ahead.get(key)?.close();
  pipe.ahead.delete(key);
  pipe.ahead.set(key, bitmap);
  for (const [old, picture] of pipe.ahead) {
    if (pipe.ahead.size <= AHEAD_KEPT) break;
    picture.close();
    pipe.ahead.delete(old);
  }
}

/**
 * Has the worker paint the scene's base ahead of need (the state the reader comes to next), so that when it is shown
 * its picture is laid on in the next task, with its overlay, rather than once the worker has painted it. Only where
 * the worker paints, and only once the canvas has shown a picture; nothing when that picture is shown already, kept,
 * or on its way.
 */
export function paintAhead(canvas: HTMLCanvasElement, s: Scene, fullRatio: number, svg: SVGSVGElement): void {
  const pipe = pipes.get(canvas);
  if (!pipe || pipe.mode !== 'bitmap' || !workerPaints) return;
  const ratio = Math.min(fullRatio, BASE_RATIO);
  const key = signature(s, ratio);
  if (key === pipe.shown || pipe.ahead.has(key) || [...askedAhead.values()].some((a) => a.key === key)) return;
  const worker = paintingWorker(painter);
  if (!worker) return;
  const n = ++lastAsk;
  askedAhead.set(n, { pipe, key });
  worker.post({ paint: n, canvas: pipe.id, base: basePaint(s, svg, ratio, (ref) => ref) });
}
