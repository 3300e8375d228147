import { expect } from 'vitest';
import { ContentError } from '../../src/story/errors';

/** The ContentError thrown by `fn` (fails the test if it throws nothing or something else). */
export function contentError(fn: () => unknown): ContentError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ContentError);
    return e as ContentError;
  }
  throw new Error('expected a ContentError, but nothing was thrown');
}
