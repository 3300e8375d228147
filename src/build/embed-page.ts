/** One section's embed page (/embed/<id>/), filled from the embed.html template and the story's data. */
import { states } from '../map/states.ts';
import { creditHtml, escape, mapFigureHtml, sectionHtml } from './html.ts';
import type { LoadedStory } from './load.ts';
import { iconLinkHtml, socialMetaHtml } from './meta.ts';
import { cardPath, embedPath, SITE_NAME } from './site.ts';
import { staticMapHtml } from './static-maps.ts';

/** One section's embed page from the template: head, prerendered text, map figure and credit. */
export function embedPage(template: string, story: LoadedStory, index: number, base: string, site: string): string {
  const s = story.sections[index];
  const first = states[s.steps[0].state];
  const page = new URL(embedPath(s.id), site).href;
  const head = [
    `<title>${escape(s.title)} — ${SITE_NAME}, an explainer</title>`,
    `<meta name="description" content="${escape(s.summary)}" />`,
    iconLinkHtml(base, 'svg'),
    `<link rel="alternate" type="application/json+oembed" href="${escape(new URL('oembed.json', page).href)}" title="${escape(s.title)}" />`,
    socialMetaHtml({ title: s.title, description: s.summary, url: page, image: new URL(cardPath(s.id), site).href, imageAlt: `${s.title}. Map: ${first.caption}`, type: 'article' }),
  ].join('\n    ');
  // Fact links point at the sources list, which lives on the scroll page.
  // The section is the page: its title is the page's h1, and its still map shows without JavaScript.
  const section = sectionHtml(story, index, { heading: 1, figure: staticMapHtml(s, base, story.catalog) }).replace(/href="#/g, () => `href="${escape(base)}#`);
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
