import { expect } from 'vitest';
import { ContentError } from '../../src/story/errors';

/** The error of class `type` thrown by `fn` (fails the test if it throws nothing or something else). */
export function thrown<E extends Error>(fn: () => unknown, type: new (...args: never[]) => E): E {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(type);
    return e as E;
  }
  throw new Error(`expected a ${type.name}, but nothing was thrown`);
}

/** The ContentError thrown by `fn`. */
export const contentError = (fn: () => unknown): ContentError => thrown(fn, ContentError);
