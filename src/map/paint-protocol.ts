/** The messages between the page and the map's worker (src/map/geometry.worker.ts). */
import type { BasePaint } from './base-paint.ts';
import type { RegionPiece } from './assemble.ts';
import type { Region } from './state.ts';

/** An outline of the worker's own copy of the geometry: a region's land or borders, or countries by id. */
export type BaseRef = { land: Region } | { borders: Region } | { regions: Region[]; ids: string[] };

/** Decode a region's file (its JSON text). */
export interface DecodeRequest {
  id: number;
  region: Region;
  text: string;
}
export type DecodeReply = { id: number } & ({ piece: RegionPiece } | { done: true } | { error: string });

/** Paint a base for the page's canvas number `canvas`; `paint` numbers the request. */
export interface PaintRequest {
  paint: number;
  canvas: number;
  base: BasePaint<BaseRef>;
}
export type PaintReply = { paint: number } & ({ bitmap: ImageBitmap } | { error: string });
