/**
 * The build's one copy of the content: slides/, data/, the map states and the stylesheet, loaded and
 * validated once per content version. Every output (pages, still maps, cards, oEmbed, embed.js) reads it
 * and keeps what it derives in `derived`, so nothing is parsed or decoded twice and an edit resets it all.
 */
import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { loadStory, type LoadedStory } from './load.ts';

export interface Content {
  readonly root: string;
  /** The story, validated (throws ContentError(s) on a mistake); geometry decoded on first use. */
  story(): LoadedStory;
  /** The page's stylesheet, which still maps and cards draw with. */
  css(): string;
  /** `make(story)` once per content version, under `key`. */
  derived<T>(key: string, make: (story: LoadedStory) => T): T;
  /** Whether a changed file is content: slides/, data/, the map states or the stylesheet. */
  isContent(file: string): boolean;
  /** Forgets everything: the next read loads the content again. */
  invalidate(): void;
}

export function createContent(root: string): Content {
  let story: LoadedStory | null = null;
  let css: string | null = null;
  const cache = new Map<string, unknown>();
  const inside = (dir: string) => resolve(root, dir) + sep;
  const files = [resolve(root, 'src/map/states.ts'), resolve(root, 'src/styles.css')];
  const content: Content = {
    root,
    story: () => (story ??= loadStory(root)),
    css: () => (css ??= readFileSync(resolve(root, 'src/styles.css'), 'utf8')),
    derived<T>(key: string, make: (s: LoadedStory) => T): T {
      if (!cache.has(key)) cache.set(key, make(content.story()));
      return cache.get(key) as T;
    },
    isContent: (file) => {
      const path = resolve(file);
      return path.startsWith(inside('slides')) || (path.startsWith(inside('data')) && path.endsWith('.json')) || files.includes(path);
    },
    invalidate() {
      story = null;
      css = null;
      cache.clear();
    },
  };
  return content;
}
