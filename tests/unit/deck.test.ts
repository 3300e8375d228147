import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closingHtml, deckHtml, deckPage } from '../../src/build/deck';
import { sourcesHtml } from '../../src/build/html';
import { loadStory } from '../../src/build/load';

const story = loadStory(join(__dirname, '../..'));
const html = deckHtml(story);
const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe('deckHtml(story)', () => {
  it('makes one slide per section, with the section id (the /slides.html#/<id> deep link)', () => {
    expect(count(html, /<section id="/g)).toBe(story.sections.length);
    for (const s of story.sections) expect(html).toContain(`<section id="${s.id}" class="deck-section`);
  });

  it('shows the first step on arrival and makes every later step a fragment, in order, with its state in data-step', () => {
    for (const s of story.sections) {
      const slide = html.slice(html.indexOf(`<section id="${s.id}"`), html.indexOf('</section>', html.indexOf(`<section id="${s.id}"`)));
      const steps = [...slide.matchAll(/<div class="deck-step( fragment" data-fragment-index="(\d+))?" data-step="([^"]+)"/g)];
      expect(steps.map((m) => m[3])).toEqual(s.steps.map((step) => step.state));
      expect(steps.map((m) => m[2] ?? null)).toEqual(s.steps.map((_, i) => (i === 0 ? null : String(i - 1))));
    }
  });

  it('puts each section’s speaker notes in an aside the notes plugin reads, and each step’s map description on its slide', () => {
    expect(count(html, /<aside class="notes">/g)).toBe(story.sections.length);
    for (const s of story.sections) expect(html).toContain(`<aside class="notes">${s.notes}</aside>`);
    expect(count(html, /class="deck-step-map-text visually-hidden">Map: /g)).toBe(story.sections.reduce((n, s) => n + s.steps.length, 0));
  });
});

describe('closingHtml(story)', () => {
  it('lists every source exactly once, over slides of its own', () => {
    const closing = closingHtml(story);
    const ids = [...sourcesHtml(story).matchAll(/<li id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) expect(count(closing, new RegExp(`<li id="${id}"`, 'g')), id).toBe(1);
    expect(closing).toMatch(/^<section id="sources"/);
  });
});

describe('deckPage(html, story)', () => {
  it('fills every placeholder of slides.html', () => {
    const page = deckPage('<!--map--><!--deck--><!--closing--><!--credit--><!--author--><!--first-section-->', story);
    expect(page).not.toMatch(/<!--/);
    expect(page).toContain('id="map"');
    expect(page).toContain(story.facts.article.author);
  });
});
