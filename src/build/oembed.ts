/**
 * oEmbed and the plain-iframe height. The height is the tallest the embed page really lays out at 320, 600
 * and 1000 px wide, measured in Chromium by `npm run measure-embeds` into data/embed-heights.json, so the
 * fixed-height snippet never cuts content; tests/browser/embed.spec.ts fails when a measure is out of date.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iframeSnippet, type EmbedTarget } from '../embed/snippets.ts';
import { CARD_HEIGHT, CARD_WIDTH } from './cards.ts';
import { longDate } from './html.ts';
import type { LoadedStory } from './load.ts';
import { cardPath, embedPath, SITE_NAME } from './site.ts';

/** oEmbed's nominal width; the iframe itself is fluid. */
export const OEMBED_WIDTH = 600;
/** The widths each embed is measured at: a phone, an article column, a wide page. */
export const MEASURED_WIDTHS = [320, 600, 1000] as const;
export const HEIGHTS_FILE = 'data/embed-heights.json';
/** A section not measured yet gets this much room (taller than any measured so far) until it is. */
export const UNMEASURED_HEIGHT = 2000;

export interface EmbedHeights {
  /** Section id → width (px) → the page's height (px), rounded up. */
  sections: Record<string, Record<string, number>>;
}

export function readEmbedHeights(root: string): EmbedHeights {
  const file = join(root, HEIGHTS_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as EmbedHeights) : { sections: {} };
}

/** The snippet's height for a section: the tallest of its measured heights, or UNMEASURED_HEIGHT. */
export function embedHeight(heights: EmbedHeights, id: string): number {
  const measured = heights.sections[id];
  const values = measured ? MEASURED_WIDTHS.map((w) => measured[String(w)]).filter((h) => Number.isFinite(h)) : [];
  return values.length === MEASURED_WIDTHS.length ? Math.max(...values) : UNMEASURED_HEIGHT;
}

/** Sections whose heights are missing from data/embed-heights.json (the build warns about them). */
export const unmeasured = (story: LoadedStory, heights: EmbedHeights): string[] =>
  story.sections.filter((s) => embedHeight(heights, s.id) === UNMEASURED_HEIGHT).map((s) => s.id);

export function embedTarget(story: LoadedStory, heights: EmbedHeights, index: number, site: string): EmbedTarget {
  const s = story.sections[index];
  return { id: s.id, title: s.title, embedUrl: new URL(embedPath(s.id), site).href, scriptUrl: new URL('embed.js', site).href, height: embedHeight(heights, s.id) };
}

export function oembed(story: LoadedStory, heights: EmbedHeights, index: number, site: string) {
  const a = story.facts.article;
  const target = embedTarget(story, heights, index, site);
  return {
    version: '1.0',
    type: 'rich',
    title: target.title,
    author_name: `After ${a.author}, ${a.outlet}, ${longDate(a.date)}`,
    author_url: a.url,
    provider_name: SITE_NAME,
    provider_url: site,
    html: iframeSnippet(target),
    width: OEMBED_WIDTH,
    height: target.height,
    thumbnail_url: new URL(cardPath(target.id), site).href,
    thumbnail_width: CARD_WIDTH,
    thumbnail_height: CARD_HEIGHT,
    cache_age: 86400,
  };
}
