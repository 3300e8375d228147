/**
 * Every file the build generates besides the bundled pages, by its path under the base: one table that the
 * dev server routes requests through and the build emits, so `npm start` serves exactly what `dist/` holds.
 * Each body is made from the content's one loaded story, once per content version.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cardPng, cardSvg, iconPng } from './cards.ts';
import type { Content } from './content.ts';
import { buildLoader } from './loader.ts';
import type { LoadedStory } from './load.ts';
import { cardSpec } from './meta.ts';
import { embedHeight, oembed, readEmbedHeights, type EmbedHeights } from './oembed.ts';
import { cardPath, embedPath, ICONS } from './site.ts';
import { keyState, staticMapPath, staticMapSvg } from './static-maps.ts';

export interface Output {
  type: string;
  body(): string | Buffer | Promise<string | Buffer>;
}

/** sections.json: the public manifest of sections (README: the table at the top). `base` is the site's base path. */
export function manifest(story: LoadedStory, base: string) {
  return story.sections.map((s) => ({
    id: s.id,
    title: s.title,
    summary: s.summary,
    url: `${base}#${s.id}`,
    embed: `${base}${embedPath(s.id)}`,
    oembed: `${base}${embedPath(s.id)}oembed.json`,
  }));
}

export const heightsOf = (content: Content): EmbedHeights => content.derived('heights', () => readEmbedHeights(content.root));

/** Each section's id, title and snippet height: for embed.js and the share dialog. */
export const embedList = (content: Content) =>
  content.derived('embed-list', (story) => story.sections.map((s) => ({ id: s.id, title: s.title, height: embedHeight(heightsOf(content), s.id) })));

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** The generated files (paths without a leading slash), for the content's current version. */
export function outputs(content: Content, base: string, site: string): Map<string, Output> {
  const story = content.story();
  const card = (id: string | null): Buffer => content.derived(`card:${id ?? ''}`, (s) => cardPng(cardSvg(cardSpec(s, id), s.catalog, s.regions(), content.css())));
  const icon = (): string => readFileSync(resolve(content.root, 'src/favicon.svg'), 'utf8');
  const files = new Map<string, Output>([
    ['sections.json', { type: 'application/json', body: () => json(manifest(story, base)) }],
    [cardPath(null), { type: 'image/png', body: () => card(null) }],
    // The tab's icon as a PNG: Chrome fetches and decodes a page's icon again whenever its address changes (the URL
    // follows the reading), and an SVG icon is a whole SVG document to decode each time — 12–32 ms of a 4×-slowed
    // phone's main thread, a dozen times in a scroll through the story (traced 2 December); a 48 px PNG, under 1 ms.
    [ICONS.png.file, { type: ICONS.png.type, body: () => content.derived('favicon', () => iconPng(icon(), ICONS.png.px)) }],
    [ICONS.svg.file, { type: ICONS.svg.type, body: icon }],
    ['embed.js', { type: 'text/javascript', body: () => content.derived('embed.js', () => buildLoader(content.root, embedList(content))) }],
  ]);
  story.sections.forEach((section, i) => {
    files.set(staticMapPath(section.id), { type: 'image/svg+xml', body: () => content.derived(`map:${section.id}`, (s) => staticMapSvg(keyState(section), s.catalog, s.regions(), content.css())) });
    files.set(`${embedPath(section.id)}oembed.json`, { type: 'application/json', body: () => json(oembed(story, heightsOf(content), i, site)) });
    files.set(cardPath(section.id), { type: 'image/png', body: () => card(section.id) });
  });
  return files;
}
