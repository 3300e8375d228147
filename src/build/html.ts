/** The story as static HTML, prerendered at build: readers without JavaScript get the whole argument. */
import MarkdownIt from 'markdown-it';
import { describe } from '../map/describe.ts';
import { states } from '../map/states.ts';
import { sourceAnchor } from '../story/parse.ts';
import type { Source } from '../story/types.ts';
import type { LoadedStory } from './load.ts';

export const escape = new MarkdownIt().utils.escapeHtml;

export const longDate = (iso: string): string =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "Zhang Baohui, “Title”, South China Morning Post, 10 May 2018" with a link to the article. */
export function creditHtml(story: LoadedStory): string {
  const a = story.facts.article;
  return `<a href="${escape(a.url)}">${escape(a.author)}, “${escape(a.title)}”</a>, <cite>${escape(a.outlet)}</cite>, ${longDate(a.date)}`;
}

function sourceHtml(s: Source): string {
  const title = s.url ? `<a href="${escape(s.url)}">${escape(s.title)}</a>` : escape(s.title);
  const rest = [s.publisher, s.document, s.date].filter(Boolean).map((x) => escape(String(x)));
  return [title, ...rest].join(', ');
}

/** Every fact with its source, each with the anchor that links in the text point at. */
export function sourcesHtml(story: LoadedStory): string {
  const f = story.facts;
  const group = (heading: string, kind: string, items: { id: string; label: string; source: Source }[]) =>
    `<h3>${heading}</h3><ul class="sources-list">${items
      .map((i) => `<li id="${sourceAnchor(kind, i.id)}"><span class="fact-label">${escape(i.label)}</span> — ${sourceHtml(i.source)}</li>`)
      .join('')}</ul>`;
  return [
    group('Events', 'event', f.timeline.map((e) => ({ id: e.id, label: `${e.label} (${e.end ? `${e.date} to ${e.end}` : e.date})`, source: e.source }))),
    group('Facts and quotations', 'fact', f.facts.map((x) => ({ id: x.id, label: x.text, source: x.source }))),
    group('Alliances', 'alliance', f.alliances.map((a) => ({ id: a.id, label: `${a.name} (signed ${a.signed}, in force ${a.inForce})`, source: a.source }))),
    group('NATO accessions', 'nato', f.nato.map((w) => ({ id: w.id, label: `${w.date}: ${w.members.map((m) => m.name).join(', ')}${w.afterArticle ? ' (after the article)' : ''}`, source: w.source }))),
    group('Places', 'place', f.places.map((p) => ({ id: p.id, label: `${p.name} (${p.lat}, ${p.lon})`, source: p.source }))),
    `<h3>Map geometry</h3><ul class="sources-list"><li>Country outlines: Natural Earth (public domain), via the world-atlas package; clipped and simplified by <code>npm run data</code>.</li></ul>`,
  ].join('\n');
}

/**
 * The map's figure, the same in every mode: the SVG the renderer draws into, the message shown if loading
 * fails, a polite live region for state changes, the motion toggle, and last the visible caption with the full
 * text alternative and the key, collapsible (HTML allows a <figcaption> only as the figure's first or last child).
 */
export function mapFigureHtml(caption = 'Map'): string {
  return `<figure class="map" id="map" aria-labelledby="map-caption">
  <svg class="map-svg" role="img" aria-labelledby="map-caption map-description" focusable="false"></svg>
  <p class="map-fallback" role="status">The map could not load. The text tells the whole story.</p>
  <p class="map-live visually-hidden" aria-live="polite"></p>
  <button type="button" class="motion-toggle" aria-pressed="true" hidden>Motion: on</button>
  <figcaption>
    <span class="map-caption" id="map-caption">${escape(caption)}</span>
    <span class="map-description visually-hidden" id="map-description"></span>
    <div class="map-tools"><details class="map-key" open><summary>Key</summary><div class="map-legend" role="region" aria-label="Key to the map" tabindex="0"></div></details></div>
  </figcaption>
</figure>`;
}

/** NATO's accessions as a table: the map's waves as data, for every reader (and all of it without motion). */
export function natoTableHtml(story: LoadedStory): string {
  let total = 0;
  const rows = story.facts.nato
    .map((w) => {
      total += w.members.length;
      const after = w.afterArticle ? ' <span class="after-article">(after this article)</span>' : '';
      return `<tr${w.afterArticle ? ' class="row-after"' : ''}><th scope="row">${w.id}</th><td>${escape(w.members.map((m) => m.name).join(', '))}${after}</td><td>${total}</td></tr>`;
    })
    .join('');
  // Open wherever it is printed; a phone's card folds it (src/modes/scroll.ts), so the card leaves its map in view.
  return `<details class="data-details" open><summary>NATO’s members, wave by wave</summary><table class="data-table nato-table"><caption class="visually-hidden">NATO’s members, wave by wave</caption><thead><tr><th scope="col">Year</th><th scope="col">Joined</th><th scope="col">Members</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

export interface SectionHtmlOptions {
  /**
   * The heading's level: 1 where the section is the whole page (an embed), so the page has its one h1.
   * @defaultValue 2
   */
  heading?: 1 | 2;
  /** Markup placed after the section's heading, before its steps (the still map for readers without JavaScript). */
  figure?: string;
}

export function sectionHtml(story: LoadedStory, index: number, { heading = 2, figure = '' }: SectionHtmlOptions = {}): string {
  const s = story.sections[index];
  const natoStep = s.steps.map((st) => !!states[st.state].panels.some((p) => p.nato)).lastIndexOf(true);
  const steps = s.steps
    .map((step, i) => {
      const state = states[step.state];
      return `<div class="step" data-step="${step.state}" data-section="${s.id}" data-index="${i}">
  <div class="step-body">${step.html}</div>${i === natoStep && s.steps.length > 1 ? `\n  ${natoTableHtml(story)}` : ''}
  <p class="step-map-text visually-hidden">Map: ${escape(describe(state, story.catalog))}</p>
</div>`;
    })
    .join('\n');
  const label = kickerHtml(story, index);
  return `<section class="section${s.context ? ' section-context' : ''}" id="${s.id}" aria-labelledby="${s.id}-title">
<header class="section-head">${label}<h${heading} id="${s.id}-title">${escape(s.title)}</h${heading}></header>${figure ? `\n${figure}` : ''}
${steps}
</section>`;
}


/**
 * Fills a page's <!--name--> placeholders: the ones every page shares (map, credit, author) and the page's
 * own. Replacement is by function, so a "$&" or "$'" in the content is text, never a replacement pattern.
 */
export function fillPage(html: string, story: LoadedStory, own: Record<string, () => string>): string {
  const a = story.facts.article;
  const fills: Record<string, () => string> = {
    map: () => mapFigureHtml(states[story.sections[0].steps[0].state].caption),
    credit: () => creditHtml(story),
    author: () => `${escape(a.author)}: ${escape(a.authorBio)}`,
    ...own,
  };
  return html.replace(/<!--([a-z-]+)-->/g, (comment, name: string) => (fills[name] ? fills[name]() : comment));
}

/** "3 of 12" over a section's title, counting the article's beats only; context sections say so instead. */
export function kickerHtml(story: LoadedStory, index: number): string {
  const beats = story.sections.filter((x) => !x.context);
  const s = story.sections[index];
  return s.context ? '<p class="kicker kicker-context">Context beyond the article</p>' : `<p class="kicker">${beats.indexOf(s) + 1} of ${beats.length}</p>`;
}
