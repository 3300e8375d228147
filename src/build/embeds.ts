/**
 * Vite plugin for the embeds and social cards. From one template (embed.html, a build input) it writes
 * /embed/<id>/index.html for every section with that section's prerendered text, plus oembed.json, a
 * 1200×630 social card per section (og/sections/<id>.png, and og/site.png), Open Graph / Twitter meta and
 * canonical links on every page, and the host loader /embed.js. The dev server serves the same URLs.
 * Absolute URLs (canonical, og:image, oEmbed) use SITE_URL (default http://localhost:4173) + the base path.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { build, type Plugin, type Rolldown, type ViteDevServer } from 'vite';
import { states } from '../map/states.ts';
import { iframeSnippet, type EmbedTarget } from '../embed/snippets.ts';
import type { Section } from '../story/types.ts';
import { cardPng, cardSvg, CARD_HEIGHT, CARD_WIDTH, type Card } from './cards.ts';
import { creditHtml, escape, longDate, mapFigureHtml, sectionHtml } from './html.ts';
import { staticMapHtml } from './static-maps.ts';
import { loadStory, type LoadedStory } from './load.ts';

export const SITE_NAME = 'A seat at the table';
const KICKER = 'Explainer · Korean peninsula';
const VIRTUAL = 'virtual:embeds';
const RESOLVED = `\0${VIRTUAL}`;
/** oEmbed's nominal width; the iframe itself is fluid. */
const OEMBED_WIDTH = 600;

/** The site's absolute URL with its base path, e.g. "https://example.org/explainers/korea/". */
export function siteUrl(base: string, env: string | undefined = process.env.SITE_URL): string {
  return new URL(base.startsWith('/') ? base : '/', env || 'http://localhost:4173').href;
}

export const embedPath = (id: string): string => `embed/${id}/`;
export const cardPath = (id: string | null): string => (id ? `og/sections/${id}.png` : 'og/site.png');

const plainText = (html: string): string => html.replace(/<[^>]+>/g, '').replace(/&[a-z#0-9]+;/g, 'x');

/**
 * The embed's height at 600 px wide, estimated from its text (the snippet's starting height, and
 * oEmbed's `height`). Hosts that listen get the exact height from the page itself.
 */
export function embedHeight(section: Section, width = OEMBED_WIDTH): number {
  const inner = width - 24;
  const head = 22 + Math.ceil((section.title.length * 0.55 * 22) / inner) * 27 + 10;
  const map = inner * 0.75 + 30 + 12;
  const perLine = Math.floor((inner - 34) / (17 * 0.47));
  const step = Math.max(
    ...section.steps.map((s) => {
      const paragraphs = Math.max(1, s.html.split('</p>').length - 1);
      return 30 + (Math.ceil(plainText(s.html).length / perLine) + paragraphs * 0.5) * 27.2 + (paragraphs - 1) * 12;
    }),
  );
  const controls = section.steps.length > 1 ? 56 : 0;
  const credit = 20 + 4 * 18.6;
  return Math.ceil(24 + head + map + step + controls + credit);
}

export function embedTarget(story: LoadedStory, index: number, site: string): EmbedTarget {
  const s = story.sections[index];
  return { id: s.id, title: s.title, embedUrl: new URL(embedPath(s.id), site).href, scriptUrl: new URL('embed.js', site).href, height: embedHeight(s) };
}

interface PageMeta {
  title: string;
  description: string;
  url: string;
  image: string;
  imageAlt: string;
  type: 'website' | 'article';
}

/** Canonical link, Open Graph and Twitter card tags. Every value is escaped. */
export function socialMetaHtml(m: PageMeta): string {
  const og = { type: m.type, site_name: SITE_NAME, title: m.title, description: m.description, url: m.url, image: m.image, 'image:type': 'image/png', 'image:width': String(CARD_WIDTH), 'image:height': String(CARD_HEIGHT), 'image:alt': m.imageAlt };
  const twitter = { card: 'summary_large_image', title: m.title, description: m.description, image: m.image, 'image:alt': m.imageAlt };
  return [
    `<link rel="canonical" href="${escape(m.url)}" />`,
    ...Object.entries(og).map(([k, v]) => `<meta property="og:${k}" content="${escape(v)}" />`),
    ...Object.entries(twitter).map(([k, v]) => `<meta name="twitter:${k}" content="${escape(v)}" />`),
  ].join('\n    ');
}

export function oembed(story: LoadedStory, index: number, site: string) {
  const a = story.facts.article;
  const target = embedTarget(story, index, site);
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

/** One section's embed page from the template: head, prerendered text, map figure and credit. */
export function embedPage(template: string, story: LoadedStory, index: number, base: string, site: string): string {
  const s = story.sections[index];
  const first = states[s.steps[0].state];
  const page = new URL(embedPath(s.id), site).href;
  const head = [
    `<title>${escape(s.title)} — ${SITE_NAME}, an explainer</title>`,
    `<meta name="description" content="${escape(s.summary)}" />`,
    `<link rel="alternate" type="application/json+oembed" href="${escape(new URL('oembed.json', page).href)}" title="${escape(s.title)}" />`,
    socialMetaHtml({ title: s.title, description: s.summary, url: page, image: new URL(cardPath(s.id), site).href, imageAlt: `${s.title}. Map: ${first.caption}`, type: 'article' }),
  ].join('\n    ');
  // Fact links point at the sources list, which lives on the scroll page.
  // The section is the page: its title is the page's h1, and its still map shows without JavaScript.
  const section = sectionHtml(story, index, { heading: 1, figure: staticMapHtml(s, base) }).replace(/href="#/g, () => `href="${escape(base)}#`);
  const credit = `<p>Explaining the op-ed by ${creditHtml(story)}. The argument is the author’s; the words, maps and added context are the explainer’s.</p>
<p><a class="embed-home" href="${escape(`${base}#${s.id}`)}">Read the whole explainer: ${escape(SITE_NAME)} <span aria-hidden="true">→</span></a></p>`;
  return template
    .replace('<!--embed:head-->', () => head)
    .replace('<!--embed:section-->', () => section)
    .replace('<!--embed:map-->', () => mapFigureHtml(first.caption))
    .replace('<!--embed:credit-->', () => credit)
    // With JavaScript the page takes its live layout (map beside one step at a time) before its first paint, so
    // nothing shifts when the script runs; without it, or if the script fails to load, the page renders as it is.
    .replace(/<script type="module"(?![^>]*\bblocking=)/, '<script type="module" blocking="render"');
}

/** The text of an element in a page, entities left as they are (they are re-escaped on output). */
const textOf = (html: string, pattern: RegExp): string | null => {
  const m = pattern.exec(html);
  return m ? m[1].replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim() : null;
};
const unescape = (s: string): string => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Builds /embed.js: src/embed/loader.ts as one classic script, with the sections baked in. */
async function buildLoader(root: string, story: LoadedStory): Promise<string> {
  const sections = story.sections.map((s) => ({ id: s.id, title: s.title, height: embedHeight(s) }));
  const output = (await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    define: { __KOREA_SECTIONS__: JSON.stringify(sections) },
    build: {
      write: false,
      copyPublicDir: false,
      target: 'es2018',
      minify: true,
      lib: { entry: resolve(root, 'src/embed/loader.ts'), formats: ['iife'], name: 'koreaExplainerEmbed', fileName: () => 'embed.js' },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const chunk = (Array.isArray(output) ? output[0] : output).output.find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('embed.js: the loader build produced no script');
  return chunk.code;
}

export function embedsPlugin(root: string): Plugin {
  let base = '/';
  let story: LoadedStory | null = null;
  let loader: Promise<string> | null = null;
  const cards = new Map<string, Buffer>();
  const load = (): LoadedStory => (story ??= loadStory(root));
  const reset = (): void => {
    story = null;
    loader = null;
    cards.clear();
  };
  const indexOf = (id: string): number => load().sections.findIndex((s) => s.id === id);

  /** A section's card (id) or the site's (null), drawn once per build or content change. */
  const card = (id: string | null): Buffer => {
    const key = id ?? '';
    const cached = cards.get(key);
    if (cached) return cached;
    const s = load();
    const a = s.facts.article;
    const section = id ? s.sections[indexOf(id)] : null;
    const index = readFileSync(resolve(root, 'index.html'), 'utf8');
    const spec: Card = {
      kicker: KICKER,
      title: section?.title ?? unescape(textOf(index, /<h1[^>]*>([\s\S]*?)<\/h1>/) ?? SITE_NAME),
      credit: `Explaining ${a.author}’s op-ed in the ${a.outlet}, ${longDate(a.date)}`,
      site: SITE_NAME,
      state: states[(section ?? s.sections[0]).steps[0].state],
    };
    const png = cardPng(cardSvg(spec, s.catalog, s.regions(), readFileSync(resolve(root, 'src/styles.css'), 'utf8')));
    cards.set(key, png);
    return png;
  };

  /** Meta for a page other than the embeds (the scroll page, the deck): from its own <title> and description. */
  const pageMeta = (html: string, file: string): string => {
    const site = siteUrl(base);
    const path = file === 'index.html' ? '' : file;
    const title = unescape(textOf(html, /<title>([\s\S]*?)<\/title>/) ?? SITE_NAME);
    const description = unescape(/<meta\s+name="description"\s+content="([^"]*)"/.exec(html)?.[1] ?? '');
    const state = states[load().sections[0].steps[0].state];
    return socialMetaHtml({ title, description, url: new URL(path, site).href, image: new URL(cardPath(null), site).href, imageAlt: `${title}. Map: ${state.caption}`, type: 'website' });
  };

  const serve = async (server: ViteDevServer, path: string, originalUrl: string): Promise<{ type: string; body: string | Buffer } | null> => {
    const site = siteUrl(base);
    if (path === '/embed.js') return { type: 'text/javascript', body: await (loader ??= buildLoader(root, load())) };
    if (path === `/${cardPath(null)}`) return { type: 'image/png', body: card(null) };
    const m = /^\/(?:embed\/([^/]+)\/(index\.html|oembed\.json)?|og\/sections\/([^/]+)\.png)$/.exec(path);
    const id = m?.[1] ?? m?.[3];
    const i = id ? indexOf(id) : -1;
    if (i < 0) return null;
    if (m![3]) return { type: 'image/png', body: card(id!) };
    if (m![2] === 'oembed.json') return { type: 'application/json', body: `${JSON.stringify(oembed(load(), i, site), null, 2)}\n` };
    const html = embedPage(readFileSync(resolve(root, 'embed.html'), 'utf8'), load(), i, base, site);
    return { type: 'text/html', body: await server.transformIndexHtml(originalUrl, html, originalUrl) };
  };

  return {
    name: 'korea-embeds',
    configResolved(config) {
      base = config.base;
    },
    buildStart() {
      reset();
    },
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      // For the share dialog, which builds its URLs from where the page is actually served.
      return `export default ${JSON.stringify(load().sections.map((s) => ({ id: s.id, title: s.title, height: embedHeight(s) })))};`;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        // The embed template gets its meta per section; pages that bring their own are left alone.
        if (html.includes('<!--embed:') || html.includes('property="og:title"')) return html;
        return html.replace('</head>', () => `  ${pageMeta(html, relative(root, ctx.filename).replace(/\\/g, '/'))}\n  </head>`);
      },
    },
    configureServer(server) {
      const content = (file: string): boolean => /[\\/](slides|data)[\\/]/.test(file) || file.endsWith('styles.css') || file.endsWith('index.html');
      const changed = (file: string): void => {
        if (!content(file)) return;
        reset();
        const mod = server.moduleGraph.getModuleById(RESOLVED);
        if (mod) server.moduleGraph.invalidateModule(mod);
      };
      server.watcher.on('change', changed);
      server.watcher.on('add', changed);
      server.watcher.on('unlink', changed);
      server.middlewares.use((req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://dev.invalid');
        const path = base !== '/' && url.pathname.startsWith(base) ? `/${url.pathname.slice(base.length)}` : url.pathname;
        serve(server, path, req.originalUrl ?? req.url ?? '/')
          .then((found) => {
            if (!found) return next();
            res.setHeader('Content-Type', found.type);
            res.end(found.body);
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
        const s = load();
        const site = siteUrl(base);
        s.sections.forEach((section, i) => {
          this.emitFile({ type: 'asset', fileName: `${embedPath(section.id)}index.html`, source: embedPage(String(template.source), s, i, base, site) });
          this.emitFile({ type: 'asset', fileName: `${embedPath(section.id)}oembed.json`, source: `${JSON.stringify(oembed(s, i, site), null, 2)}\n` });
          this.emitFile({ type: 'asset', fileName: cardPath(section.id), source: card(section.id) });
        });
        this.emitFile({ type: 'asset', fileName: cardPath(null), source: card(null) });
        this.emitFile({ type: 'asset', fileName: 'embed.js', source: await buildLoader(root, s) });
      },
    },
  };
}
