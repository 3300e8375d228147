/**
 * A region's geometry on the page: fetched once, decoded off the main thread (src/map/geometry.worker.ts) — or, where
 * no worker can start, here in short tasks — into the features the renderer draws (src/map/decode.ts, loaded only
 * then: most pages never decode here).
 */
import { assemble, type RegionPiece } from './assemble.ts';
import type { DecodeReply, DecodeRequest, PaintReply, PaintRequest } from './paint-protocol.ts';
import type { Region } from './state.ts';

export interface CountryFeature {
  type: 'Feature';
  id: string;
  properties: { name: string };
  geometry: GeoJSON.Geometry;
}

export interface RegionGeometry {
  countries: CountryFeature[];
  /** All land as one shape (countries merged): one cheap path under the coloured fills. */
  land: GeoJSON.MultiPolygon;
  /** Land borders between countries (coastlines excluded). */
  borders: GeoJSON.MultiLineString;
  /** The border between North (408) and South Korea (410): the line the DMZ runs along. */
  dmz: GeoJSON.MultiLineString;
}

const urls: Record<Region, string> = {
  'east-asia': new URL('../../data/geo/east-asia.json', import.meta.url).href,
  europe: new URL('../../data/geo/europe.json', import.meta.url).href,
};

/** Lets the page paint and handle input between two pieces of work. */
const breathe = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Decodes on the main thread, one piece per task (the decoder loaded first). */
async function decodeHere(text: string): Promise<RegionGeometry> {
  const { regionPieces } = await import('./decode.ts');
  const pieces: RegionPiece[] = [];
  for (const piece of regionPieces(JSON.parse(text))) {
    pieces.push(piece);
    await breathe();
  }
  return assemble(pieces);
}

interface Job {
  text: string;
  pieces: RegionPiece[];
  resolve: (geometry: RegionGeometry) => void;
  reject: (error: Error) => void;
}

/** The page's one decoding worker, started at the first load; null once it cannot start or has failed. */
let worker: Worker | null | undefined;
const jobs = new Map<number, Job>();
let lastId = 0;

function startWorker(): Worker | null {
  try {
    const w = new Worker(new URL('./geometry.worker.ts', import.meta.url), { type: 'module' });
    w.addEventListener('message', ({ data }: MessageEvent<DecodeReply | PaintReply>) => {
      if ('paint' in data) return painter?.reply(data);
      const job = jobs.get(data.id);
      if (!job) return;
      if ('piece' in data) return void job.pieces.push(data.piece);
      jobs.delete(data.id);
      if ('error' in data) job.reject(new Error(data.error));
      else job.resolve(assemble(job.pieces));
    });
    // The worker's script did not load (blocked, offline): what it was asked to do is done here instead.
    w.addEventListener('error', (event) => {
      event.preventDefault();
      w.terminate();
      worker = null;
      painter?.lost();
      for (const [id, job] of jobs) {
        jobs.delete(id);
        decodeHere(job.text).then(job.resolve, job.reject);
      }
    });
    return w;
  } catch {
    return null;
  }
}

/** Decodes a geometry file's text, off the main thread where the browser allows. */
function decode(region: Region, text: string): Promise<RegionGeometry> {
  if (worker === undefined) worker = typeof Worker === 'function' ? startWorker() : null;
  if (!worker) return decodeHere(text);
  const id = ++lastId;
  const w = worker;
  return new Promise((resolve, reject) => {
    jobs.set(id, { text, pieces: [], resolve, reject });
    w.postMessage({ id, region, text } satisfies DecodeRequest);
  });
}

/** Who takes the worker's pictures of the base (src/map/canvas.ts), and hears when the worker is gone. */
export interface Painter {
  reply(reply: PaintReply): void;
  lost(): void;
}
let painter: Painter | null = null;

/**
 * The worker, to paint the base with the copy of the geometry it decoded — while it lives and the browser can paint
 * there (OffscreenCanvas); null otherwise, and the page paints. Every region the page has came through it while it lives.
 */
export function paintingWorker(listener: Painter): { post(request: PaintRequest): void } | null {
  if (!worker || typeof OffscreenCanvas !== 'function' || typeof createImageBitmap !== 'function') return null;
  painter = listener;
  const w = worker;
  return { post: (request) => w.postMessage(request) };
}

const cache = new Map<Region, Promise<RegionGeometry>>();

/** Loads a region's geometry once (later calls share the request); rejects on network or format errors. */
export function loadRegion(region: Region): Promise<RegionGeometry> {
  let pending = cache.get(region);
  if (!pending) {
    pending = fetch(urls[region])
      .then((response) => {
        if (!response.ok) throw new Error(`geometry ${region}: HTTP ${response.status}`);
        return response.text();
      })
      .then((text) => decode(region, text));
    // A failed load may be retried later (e.g. the train leaves the tunnel).
    pending.catch(() => cache.delete(region));
    cache.set(region, pending);
  }
  return pending;
}
