/**
 * The site's own words and addresses, in one place: its name, the pages' titles and descriptions (every
 * page's <title>, meta and social card read them here), and its absolute URL from SITE_URL.
 */
export const SITE_NAME = 'A seat at the table';
export const KICKER = 'Explainer · Korean peninsula';
/** The scroll page's and the deck's h1, and the site card's title. */
export const HEADLINE = 'A seat at the table: should China join the Korean peace talks?';

export interface PageInfo {
  /** The page's path under the base ('' for the scroll page). */
  path: string;
  title: string;
  description: string;
}

/** The site's own pages, by their file in the project (index.html, slides.html). */
export const PAGES: Record<string, PageInfo> = {
  'index.html': {
    path: '',
    title: 'A seat at the table: China and the Korean peace talks — an explainer',
    description: 'A scrolling, map-led explainer of Zhang Baohui’s argument (South China Morning Post, 10 May 2018) that China should join the Korean peace talks, and why NATO’s expansion is his warning.',
  },
  'slides.html': {
    path: 'slides.html',
    title: 'A seat at the table: China and the Korean peace talks — slides',
    description: 'The explainer of Zhang Baohui’s argument (South China Morning Post, 10 May 2018) that China should join the Korean peace talks, as a slide deck for presenters, with speaker notes.',
  },
};

/** Where absolute URLs point when SITE_URL is not set: `npm run preview`. */
export const DEFAULT_SITE_URL = 'http://localhost:4173';

/** A SITE_URL that cannot be the site's origin: the build stops and says what to write instead. */
export class SiteUrlError extends Error {
  constructor(value: string, why: string) {
    super(`SITE_URL "${value}" ${why} — set it to the public origin only, e.g. SITE_URL=https://example.org (a sub-path goes in BASE_PATH=/explainers/korea/)`);
    this.name = 'SiteUrlError';
  }
}

/** The origin in SITE_URL, checked; null when it is not set. Throws SiteUrlError when it is malformed. */
export function siteOrigin(env: string | undefined = process.env.SITE_URL): string | null {
  if (env === undefined || env.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(env.trim());
  } catch {
    throw new SiteUrlError(env, 'is not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SiteUrlError(env, `uses ${url.protocol} — only http: and https: sites can be linked`);
  if (url.username || url.password) throw new SiteUrlError(env, 'carries a user name or password');
  if (url.pathname !== '/' || url.search || url.hash || /[?#]/.test(env)) throw new SiteUrlError(env, 'has a path, query or fragment');
  return url.origin;
}

/** What the build says when SITE_URL is not set: absolute links will point at the local preview. */
export const SITE_URL_WARNING = `SITE_URL is not set: canonical links, social card images and oEmbed in dist/ will point at ${DEFAULT_SITE_URL} (fine for npm run preview). For a real site build with SITE_URL=https://your.site npm run build`;

/** The site's absolute URL with its base path, e.g. "https://example.org/explainers/korea/". */
export function siteUrl(base: string, env: string | undefined = process.env.SITE_URL): string {
  return new URL(base.startsWith('/') ? base : '/', siteOrigin(env) ?? DEFAULT_SITE_URL).href;
}

export const embedPath = (id: string): string => `embed/${id}/`;
/**
 * The tab's icon, from src/favicon.svg: as a PNG for the page and the deck, whose addresses follow the reader (see
 * outputs.ts), and as the SVG itself for the embeds, whose address never changes (it is 0.2 KB; the PNG 1.1).
 */
export const ICONS = {
  png: { file: 'favicon.png', type: 'image/png', px: 48 },
  svg: { file: 'favicon.svg', type: 'image/svg+xml' },
} as const;
export const cardPath = (id: string | null): string => (id ? `og/sections/${id}.png` : 'og/site.png');
