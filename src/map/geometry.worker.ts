/**
 * The map's worker. It decodes region geometry off the main thread: `{ id, region, text }` (the file's JSON) in; one
 * `{ id, piece }` message per piece, then `{ id, done }` — or `{ id, error }`. Small messages, so receiving them never
 * blocks the page for long. It keeps its own copy of each region, and paints the base map with it
 * (src/map/base-paint.ts) on an OffscreenCanvas: `{ paint, canvas, base }` in (the outlines named, not sent), the
 * picture back as `{ paint, bitmap }` (transferred, not copied) — or `{ paint, error }`.
 */
import { paintBase, type BasePaint } from './base-paint.ts';
import { assemble, type RegionPiece } from './assemble.ts';
import { regionPieces } from './decode.ts';
import type { CountryFeature, RegionGeometry } from './geometry.ts';
import type { BaseRef, DecodeRequest, PaintRequest } from './paint-protocol.ts';
import type { Outline } from './trace.ts';

const regions = new Map<string, { geo: RegionGeometry; byId: Map<string, CountryFeature> }>();
const canvases = new Map<number, OffscreenCanvas>();

function decode({ id, region, text }: DecodeRequest): void {
  try {
    const pieces: RegionPiece[] = [];
    for (const piece of regionPieces(JSON.parse(text))) {
      pieces.push(piece);
      postMessage({ id, piece });
    }
    const geo = assemble(pieces);
    regions.set(region, { geo, byId: new Map(geo.countries.map((c) => [c.id, c])) });
    postMessage({ id, done: true });
  } catch (error) {
    postMessage({ id, error: error instanceof Error ? error.message : 'geometry could not be decoded' });
  }
}

/** The outline a reference names, from this worker's own copy of the regions. */
function outline(ref: BaseRef): Outline {
  if ('land' in ref) return regions.get(ref.land)!.geo.land;
  if ('borders' in ref) return regions.get(ref.borders)!.geo.borders;
  const features = ref.regions.flatMap((r) => ref.ids.map((id) => regions.get(r)?.byId.get(id)).filter((c) => !!c));
  return { type: 'FeatureCollection', features } as GeoJSON.FeatureCollection;
}

function paint({ paint: n, canvas: key, base }: PaintRequest): void {
  try {
    // The page paints only regions it has, and while this worker lives they came through here: a miss is a bug.
    const named = (ref: BaseRef): string[] => ('land' in ref ? [ref.land] : 'borders' in ref ? [ref.borders] : ref.regions);
    const refs = base.panels.flatMap((p) => [...p.land, ...p.borders, ...p.fills.map((f) => f.shape)]);
    if (refs.some((ref) => named(ref).some((r) => !regions.has(r)))) throw new Error('a region to paint has not been decoded here');
    const resolved: BasePaint = { ...base, panels: base.panels.map((p) => ({ ...p, land: p.land.map(outline), borders: p.borders.map(outline), fills: p.fills.map((f) => ({ ...f, shape: outline(f.shape) })) })) };
    const [width, height] = base.pixels;
    let canvas = canvases.get(key);
    if (!canvas) canvases.set(key, (canvas = new OffscreenCanvas(width, height)));
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    paintBase(canvas.getContext('2d')!, resolved, (w, h) => new OffscreenCanvas(w, h));
    const bitmap = canvas.transferToImageBitmap();
    postMessage({ paint: n, bitmap }, { transfer: [bitmap] });
  } catch (error) {
    postMessage({ paint: n, error: error instanceof Error ? error.message : 'the base could not be painted' });
  }
}

addEventListener('message', ({ data }: MessageEvent<DecodeRequest | PaintRequest>) => ('paint' in data ? paint(data) : decode(data)));
