/** Social meta (canonical link, Open Graph, Twitter) for every page, and what each social card shows. */
import { states } from '../map/states.ts';
import { CARD_HEIGHT, CARD_WIDTH, type Card } from './cards.ts';
import { escape, longDate } from './html.ts';
import type { LoadedStory } from './load.ts';
import { cardPath, HEADLINE, ICONS, KICKER, SITE_NAME, type PageInfo } from './site.ts';

export interface PageMeta {
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

/** The link to the tab's icon (site.ts: ICONS), under the site's base path. */
export function iconLinkHtml(base: string, kind: keyof typeof ICONS): string {
  const icon = ICONS[kind];
  const sizes = 'px' in icon ? ` sizes="${icon.px}x${icon.px}"` : '';
  return `<link rel="icon" href="${escape(`${base}${icon.file}`)}" type="${icon.type}"${sizes} />`;
}

/** A site page's head from its data (site.ts): <title>, description and social meta with the site's card. */
export function pageHeadHtml(page: PageInfo, story: LoadedStory, site: string, base: string): string {
  const state = states[story.sections[0].steps[0].state];
  return [
    `<title>${escape(page.title)}</title>`,
    iconLinkHtml(base, 'png'),
    `<meta name="description" content="${escape(page.description)}" />`,
    socialMetaHtml({ title: page.title, description: page.description, url: new URL(page.path, site).href, image: new URL(cardPath(null), site).href, imageAlt: `${page.title}. Map: ${state.caption}`, type: 'website' }),
  ].join('\n    ');
}

/** What a section's card (id) or the site's card (null) shows: its title beside its first map state. */
export function cardSpec(story: LoadedStory, id: string | null): Card {
  const a = story.facts.article;
  const section = id ? story.sections.find((s) => s.id === id) : undefined;
  return {
    kicker: KICKER,
    title: section?.title ?? HEADLINE,
    credit: `Explaining ${a.author}’s op-ed in the ${a.outlet}, ${longDate(a.date)}`,
    site: SITE_NAME,
    state: states[(section ?? story.sections[0]).steps[0].state],
  };
}
