/**
 * The deck (slides.html), prerendered at build from the same story as the scroll page: one slide per
 * section, its first step shown on arrival and each further step a fragment, speaker notes in an aside.
 */
import { describe } from '../map/describe.ts';
import { states } from '../map/states.ts';
import { creditHtml, escape, fillPage, kickerHtml, sourcesHtml } from './html.ts';
import type { LoadedStory } from './load.ts';

/**
 * A drawing surface used only by `?print-pdf`, where each printed page draws its own step's state.
 * Holds what createMap() expects (svg.map-svg, .map-caption, .map-description, the key's .map-legend); hidden on screen.
 */
const printMapHtml = `<figure class="map deck-print-map" aria-hidden="true"><svg class="map-svg" focusable="false"></svg><figcaption><span class="map-caption"></span><span class="map-description visually-hidden"></span><div class="map-legend"></div></figcaption></figure>`;

/** One section's slide: `data-step="<state id>"` on every step, as on the scroll page. */
export function deckSlideHtml(story: LoadedStory, index: number): string {
  const s = story.sections[index];
  const kicker = kickerHtml(story, index);
  const steps = s.steps
    .map((step, i) => {
      // The first step is the slide itself; later steps are fragments, in order.
      const fragment = i === 0 ? '' : ` fragment" data-fragment-index="${i - 1}`;
      return `<div class="deck-step${fragment}" data-step="${step.state}" data-section="${s.id}" data-index="${i}">
  <div class="deck-step-body">${step.html}</div>
  <p class="deck-step-map-text visually-hidden">Map: ${escape(describe(states[step.state], story.catalog))}</p>
</div>`;
    })
    .join('\n');
  return `<section id="${s.id}" class="deck-section${s.context ? ' deck-context' : ''}" aria-labelledby="${s.id}-title" data-state="deck-on-map">
<header class="deck-head">${kicker}<h2 id="${s.id}-title">${escape(s.title)}</h2></header>
<div class="deck-steps">
${steps}
</div>
${printMapHtml}
<aside class="notes">${s.notes}</aside>
</section>`;
}

export function deckHtml(story: LoadedStory): string {
  return story.sections.map((_, i) => deckSlideHtml(story, i)).join('\n');
}

/** Characters of sources a closing slide holds (three columns): groups are packed so no slide overflows. */
const SOURCES_PER_SLIDE = 2600;

/** The closing slides: the credit, then the sources list (html.ts), split by group over as many slides as it needs. */
export function closingHtml(story: LoadedStory): string {
  const slides: string[][] = [[]];
  let used = 0;
  for (const group of sourcesHtml(story).split(/(?=<h3>)/)) {
    const size = group.replace(/<[^>]+>/g, '').length;
    if (used > 0 && used + size > SOURCES_PER_SLIDE) {
      slides.push([]);
      used = 0;
    }
    slides[slides.length - 1].push(group);
    used += size;
  }
  return slides
    .map((groups, i) => {
      const id = i === 0 ? 'sources' : `sources-${i + 1}`;
      const head = i === 0
        ? `<h2 id="${id}-title">Sources</h2>
<p class="deck-credit">The argument: ${creditHtml(story)}. Sections marked “context” go beyond the article. <a href="./#sources">Read as a story</a></p>`
        : `<h2 id="${id}-title">Sources, continued</h2>`;
      return `<section id="${id}" class="deck-cover deck-closing" aria-labelledby="${id}-title"><div class="deck-cover-body">
${head}
<div class="deck-sources">${groups.join('')}</div>
</div></section>`;
    })
    .join('\n');
}

/** Fills slides.html's placeholders: the map layer, the section slides, the credit and the closing slides (and `own`). */
export function deckPage(html: string, story: LoadedStory, own: Record<string, () => string> = {}): string {
  return fillPage(html, story, { ...own, deck: () => deckHtml(story), closing: () => closingHtml(story), 'first-section': () => story.sections[0].id });
}
