/**
 * The Vite plugin, the one build pipeline: it loads and validates slides/ and data/ once per content version
 * (src/build/content.ts) and makes every output from that: the prerendered pages (index.html, slides.html, one
 * /embed/<id>/ per section from embed.html), sections.json, still maps, social cards, oEmbed and /embed.js
 * (src/build/outputs.ts), and the virtual modules the pages import. The dev server serves the same URLs.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Plugin, ResolvedConfig, ViteDevServer } from 'vite';
import { escape, fillPage, sectionHtml, sourcesHtml } from './html.ts';
import { deckPage } from './deck.ts';
import { createContent, type Content } from './content.ts';
import { embedPage } from './embed-page.ts';
import type { LoadedStory } from './load.ts';
import { pageHeadHtml } from './meta.ts';
import { unmeasured } from './oembed.ts';
import { leanCatalog } from '../map/catalog.ts';
import { embedList, heightsOf, outputs } from './outputs.ts';
import { contentFailure, contentProblems, contentReport } from './report.ts';
import { embedPath, HEADLINE, PAGES, SITE_URL_WARNING, siteOrigin, siteUrl } from './site.ts';
import { staticMapHtml } from './static-maps.ts';

const CATALOG = 'virtual:catalog';
/** The whole catalog, sources and fact texts included: loaded by explore mode only (src/ui/explore-later.ts). */
const RECORDS = 'virtual:records';
const EMBEDS = 'virtual:embeds';
const resolved = (id: string): string => `\0${id}`;

/** The story's sections, each with its still map for readers without JavaScript (src/build/static-maps.ts). */
export const storyWithMapsHtml = (story: LoadedStory, base: string): string =>
  story.sections.map((section, i) => sectionHtml(story, i, { figure: staticMapHtml(section, base, story.catalog) })).join('\n');

/** The story, or the report of its content mistakes when it has any (other failures are thrown). */
function tryStory(content: Content): { story: LoadedStory } | { report: string } {
  try {
    return { story: content.story() };
  } catch (error) {
    const problems = contentProblems(error);
    if (!problems) throw error;
    return { report: contentReport(content.root, problems) };
  }
}

/** A page that shows the content mistakes in the dev server until they are fixed (Vite's client reloads it then). */
const brokenPage = (report: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Content error</title><script type="module" src="/@vite/client"></script></head>
<body><h1>The content has a mistake</h1><pre>${escape(report)}</pre><p>Fix it and save: this page reloads.</p></body></html>`;

export function storyPlugin(root: string): Plugin {
  const content = createContent(root);
  let config: ResolvedConfig;
  let base = '/';
  let site = '';

  /** The story for a build: a content mistake fails it with its report alone (src/build/report.ts). */
  const story = (): LoadedStory => {
    try {
      return content.story();
    } catch (error) {
      const problems = contentProblems(error);
      throw problems ? contentFailure(root, problems) : error;
    }
  };
  const pageFile = (filename: string): string => relative(root, filename).replace(/\\/g, '/');

  return {
    name: 'korea-story',
    configResolved(resolvedConfig) {
      config = resolvedConfig;
      base = config.base;
      site = siteUrl(base); // throws SiteUrlError on a malformed SITE_URL
      if (config.command === 'build' && !siteOrigin()) config.logger.warn(`\n${SITE_URL_WARNING}\n`);
    },
    buildStart() {
      content.invalidate();
      for (const dir of ['slides', 'data']) this.addWatchFile(resolve(root, dir));
      if (config.command === 'serve') {
        // The dev server starts anyway and shows the mistake on every page until it is fixed.
        const loaded = tryStory(content);
        if ('report' in loaded) config.logger.error(loaded.report);
        return;
      }
      const s = story(); // fails the build with file:line messages on any content mistake
      const missing = unmeasured(s, heightsOf(content));
      if (missing.length) config.logger.warn(`Embed heights not measured for ${missing.join(', ')}: their plain-iframe snippets start tall. Run npm run measure-embeds.`);
    },
    resolveId: (id) => (id === CATALOG || id === RECORDS || id === EMBEDS ? resolved(id) : null),
    load(id) {
      if (id === resolved(CATALOG)) return `export default ${JSON.stringify(leanCatalog(story().catalog))};`;
      if (id === resolved(RECORDS)) return `export default ${JSON.stringify(story().catalog)};`;
      // For the share dialog, which builds its URLs from where the page is actually served.
      if (id === resolved(EMBEDS)) return `export default ${JSON.stringify(embedList(content))};`;
      return null;
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        const file = pageFile(ctx.filename);
        const page = PAGES[file];
        if (!page) return html; // embed.html is filled per section in generateBundle (or by the dev router)
        const s = story();
        const fills = { head: () => pageHeadHtml(page, s, site, base), headline: () => escape(HEADLINE) };
        if (file === 'slides.html') return deckPage(html, s, fills);
        return fillPage(html, s, { ...fills, story: () => storyWithMapsHtml(s, base), sources: () => sourcesHtml(s) });
      },
    },
    configureServer(server: ViteDevServer) {
      server.watcher.add([resolve(root, 'slides'), resolve(root, 'data')]);
      const changed = (file: string): void => {
        if (!content.isContent(file)) return;
        content.invalidate();
        for (const id of [CATALOG, RECORDS, EMBEDS]) {
          const mod = server.moduleGraph.getModuleById(resolved(id));
          if (mod) server.moduleGraph.invalidateModule(mod);
        }
        const loaded = tryStory(content);
        if ('report' in loaded) {
          config.logger.error(loaded.report);
          server.ws.send({ type: 'error', err: { message: loaded.report, stack: '', id: file, plugin: 'korea-story' } });
        } else server.ws.send({ type: 'full-reload' });
      };
      for (const event of ['change', 'add', 'unlink'] as const) server.watcher.on(event, changed);

      server.middlewares.use((req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://dev.invalid');
        if (base !== '/' && !url.pathname.startsWith(base)) return next();
        const path = url.pathname.slice(base.length);
        const isPage = path === '' || path.endsWith('/') || path.endsWith('.html');
        const loaded = tryStory(content);
        if ('report' in loaded) {
          if (!isPage) return next();
          res.statusCode = 500;
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          return res.end(brokenPage(loaded.report));
        }
        const embed = /^embed\/([^/]+)\/(?:index\.html)?$/.exec(path);
        const index = embed ? loaded.story.sections.findIndex((s) => s.id === embed[1]) : -1;
        const found = outputs(content, base, site).get(path);
        if (index < 0 && !found) return next();
        const originalUrl = req.originalUrl ?? req.url ?? '/';
        const body = found
          ? Promise.resolve(found.body())
          : server.transformIndexHtml(originalUrl, embedPage(readFileSync(resolve(root, 'embed.html'), 'utf8'), loaded.story, index, base, site), originalUrl);
        body
          .then((b) => {
            res.setHeader('Content-Type', found?.type ?? 'text/html');
            res.end(b);
          })
          .catch(next);
      });
    },
    generateBundle: {
      order: 'post',
      async handler(_options, bundle) {
        const template = bundle['embed.html'];
        if (!template || template.type !== 'asset') this.error('embed.html is not in the build: list it in build.rolldownOptions.input (vite.config.ts)');
        delete bundle['embed.html'];
        const s = story();
        s.sections.forEach((section, i) => {
          this.emitFile({ type: 'asset', fileName: `${embedPath(section.id)}index.html`, source: embedPage(String(template.source), s, i, base, site) });
        });
        for (const [fileName, output] of outputs(content, base, site)) this.emitFile({ type: 'asset', fileName, source: await output.body() });
      },
    },
  };
}
