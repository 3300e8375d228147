/**
 * The messages an embed sends its host page, and the checks on what comes in. Pure: no DOM, so the
 * embed page, embed.js and the unit tests share one definition of every format.
 *
 * Three formats, so that the embed scripts hosts already run resize the iframe:
 * - pym.js: "pymxPYMx<childId>xPYMxheightxPYMx<px>" (sent through pym's own Child, see resize.ts);
 * - AMP:    { sentinel: "amp", type: "embed-size", height } (amp-iframe `resizable`; embed.js reads it too);
 * - Datawrapper: { "datawrapper-height": { <id>: height } }.
 * And one for publishers' analytics: { type: "korea-explainer:step" | "korea-explainer:finish", section, step,
 * index, total } when the reader first reaches a step of the embedded section (README: Progress events).
 */
import { FINISH_EVENT, STEP_EVENT, type ProgressDetail } from '../share/progress.ts';

/** Heights outside this range are a bug or a forgery, never a real embed. */
export const MIN_HEIGHT = 40;
export const MAX_HEIGHT = 20_000;

/** A section id as slides/ allows it: lower-case words joined by hyphens. */
const SECTION_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The id a pym.js Parent passes as `childId`: an element id it made or was given; kept to a safe alphabet. */
const CHILD_ID = /^[A-Za-z0-9_-][A-Za-z0-9_.:-]{0,99}$/;

export const isHeight = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= MIN_HEIGHT && value <= MAX_HEIGHT;

/** The section id if it is one of `known`, else null: ids from markup or URLs are never trusted as is. */
export function knownSection(id: unknown, known: readonly string[]): string | null {
  return typeof id === 'string' && SECTION_ID.test(id) && known.includes(id) ? id : null;
}

/**
 * The `childId` a pym.js Parent put in the iframe's URL, or null when absent or unsafe. pym's Child
 * builds a RegExp from it, so anything outside a plain id alphabet is refused before pym sees it.
 */
export function pymChildId(search: string): string | null {
  const values = new URLSearchParams(search).getAll('childId');
  if (values.length !== 1) return null;
  return CHILD_ID.test(values[0]) ? values[0] : null;
}

export interface AmpEmbedSize {
  sentinel: 'amp';
  type: 'embed-size';
  height: number;
}

export const ampEmbedSize = (height: number): AmpEmbedSize => ({ sentinel: 'amp', type: 'embed-size', height });

export const datawrapperHeight = (id: string, height: number): { 'datawrapper-height': Record<string, number> } => ({
  'datawrapper-height': { [id]: height },
});

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** The height in an AMP `embed-size` message, or null for anything else (strings, wrong keys, odd numbers). */
export function readEmbedSize(data: unknown): number | null {
  if (!isPlainObject(data) || data.sentinel !== 'amp' || data.type !== 'embed-size') return null;
  return isHeight(data.height) ? Math.ceil(data.height) : null;
}

export type ProgressType = typeof STEP_EVENT | typeof FINISH_EVENT;
export interface ProgressMessage extends ProgressDetail {
  type: ProgressType;
}

/** The message an embed posts to its host when the reader first reaches a step: these five keys, nothing else. */
export const progressMessage = (type: ProgressType, { section, step, index, total }: ProgressDetail): ProgressMessage => ({ type, section, step, index, total });

/** The message's keys, sorted. */
const PROGRESS_KEYS = 'index,section,step,total,type';
/** A progress message from an embed, or null for anything else (extra keys, odd ids, numbers out of range). */
export function readProgress(data: unknown): ProgressMessage | null {
  if (!isPlainObject(data) || Object.keys(data).sort().join() !== PROGRESS_KEYS) return null;
  const { type, section, step, index, total } = data;
  if (type !== STEP_EVENT && type !== FINISH_EVENT) return null;
  if (typeof section !== 'string' || !SECTION_ID.test(section) || typeof step !== 'string' || !SECTION_ID.test(step)) return null;
  if (!Number.isInteger(total) || !Number.isInteger(index) || (total as number) > 1000 || (index as number) < 1 || (index as number) > (total as number)) return null;
  return progressMessage(type, { section, step, index: index as number, total: total as number });
}
