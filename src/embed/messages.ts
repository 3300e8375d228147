/**
 * The messages an embed sends its host page, and the checks on what comes in. Pure: no DOM, so the
 * embed page, embed.js and the unit tests share one definition of every format.
 *
 * Three formats, so that the embed scripts hosts already run resize the iframe:
 * - pym.js: "pymxPYMx<childId>xPYMxheightxPYMx<px>" (sent through pym's own Child, see resize.ts);
 * - AMP:    { sentinel: "amp", type: "embed-size", height } (amp-iframe `resizable`; embed.js reads it too);
 * - Datawrapper: { "datawrapper-height": { <id>: height } }.
 */

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
