/**
 * Vite plugin: validates slides/ and data/ on every build and dev-server change, prerenders the story
 * into index.html, serves the map's catalog as `virtual:catalog`, and writes sections.json.
 */
import { resolve } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { readFileSync } from 'node:fs';
import { fillPage, sectionHtml, sourcesHtml } from './html.ts';
import { deckPage } from './deck.ts';
import { loadStory, type LoadedStory } from './load.ts';
import { keyState, staticMapHtml, staticMapPath, staticMapSvg } from './static-maps.ts';

const VIRTUAL = 'virtual:catalog';
const RESOLVED = `\0${VIRTUAL}`;

/** sections.json: the public manifest of sections (DESIGN.md). `base` is the site's base path. */
export function manifest(story: LoadedStory, base: string) {
  return story.sections.map((s) => ({
    id: s.id,
    title: s.title,
    summary: s.summary,
    url: `${base}#${s.id}`,
    embed: `${base}embed/${s.id}/`,
    oembed: `${base}embed/${s.id}/oembed.json`,
  }));
}

/** The story's sections, each with its still map for readers without JavaScript (src/build/static-maps.ts). */
export const storyWithMapsHtml = (story: LoadedStory, base: string): string =>
  story.sections.map((section, i) => sectionHtml(story, i, { figure: staticMapHtml(section, base) })).join('\n');

export function storyPlugin(root: string): Plugin {
  let story: LoadedStory | null = null;
  let base = '/';
  const load = (): LoadedStory => (story ??= loadStory(root));
  /** A section's still map (SVG), drawn from its key state by the page's renderer; null for an unknown id. */
  const staticMap = (id: string): string | null => {
    const s = load();
    const section = s.sections.find((x) => x.id === id);
    if (!section) return null;
    return staticMapSvg(keyState(section), s.catalog, s.regions(), readFileSync(resolve(root, 'src/styles.css'), 'utf8'));
  };
  const isContent = (file: string): boolean => file.startsWith(resolve(root, 'slides')) || /[\\/]data[\\/][^\\/]+\.json$/.test(file) || file.includes(`${resolve(root, 'src/map/states.ts')}`);

  return {
    name: 'korea-story',
    configResolved(config) {
      base = config.base;
    },
    buildStart() {
      story = null;
      for (const dir of ['slides', 'data']) this.addWatchFile(resolve(root, dir));
      load(); // fails the build with file:line messages on any content mistake
    },
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      return `export default ${JSON.stringify(load().catalog)};`;
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        if (ctx.filename.endsWith('slides.html')) return deckPage(html, load());
        if (!ctx.filename.endsWith('index.html')) return html;
        const s = load();
        return fillPage(html, s, { story: () => storyWithMapsHtml(s, base), sources: () => sourcesHtml(s) });
      },
    },
    configureServer(server: ViteDevServer) {
      server.watcher.add([resolve(root, 'slides'), resolve(root, 'data')]);
      const reload = (file: string) => {
        if (!isContent(file)) return;
        story = null;
        try {
          load();
          const mod = server.moduleGraph.getModuleById(RESOLVED);
          if (mod) server.moduleGraph.invalidateModule(mod);
          server.ws.send({ type: 'full-reload' });
        } catch (error) {
          const e = error as Error;
          server.config.logger.error(e.message);
          server.ws.send({ type: 'error', err: { message: e.message, stack: '', id: file, plugin: 'korea-story' } });
        }
      };
      server.watcher.on('change', reload);
      server.watcher.on('add', reload);
      server.watcher.on('unlink', reload);
      server.middlewares.use('/sections.json', (_req, res) => {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify(manifest(load(), base), null, 2));
      });
      server.middlewares.use('/maps', (req, res, next) => {
        const svg = staticMap(/^\/([\w-]+)\.svg$/.exec(new URL(req.url ?? '/', 'http://dev.invalid').pathname)?.[1] ?? '');
        if (!svg) return next();
        res.setHeader('Content-Type', 'image/svg+xml');
        res.end(svg);
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'sections.json', source: `${JSON.stringify(manifest(load(), base), null, 2)}\n` });
      for (const section of load().sections) this.emitFile({ type: 'asset', fileName: staticMapPath(section.id), source: staticMap(section.id)! });
    },
  };
}
