/**
 * Decodes region geometry off the main thread: `{ id, text }` (the file's JSON) in; one `{ id, piece }` message per
 * piece, then `{ id, done }` — or `{ id, error }`. Small messages, so receiving them never blocks the page for long.
 */
import { regionPieces } from './decode.ts';

addEventListener('message', ({ data: { id, text } }: MessageEvent<{ id: number; text: string }>) => {
  try {
    for (const piece of regionPieces(JSON.parse(text))) postMessage({ id, piece });
    postMessage({ id, done: true });
  } catch (error) {
    postMessage({ id, error: error instanceof Error ? error.message : 'geometry could not be decoded' });
  }
});
