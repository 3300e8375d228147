/**
 * README's fidelity checklist, for the words in slides/: opinions attributed, context marked, quotes brief.
 * The map's side (context styled, scenarios labelled, only trips directed) is checkStates, in states.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knownIds, loadStory } from '../../src/build/load';
import { parseSections } from '../../src/story/parse';
import type { Facts, Section } from '../../src/story/types';

const root = join(__dirname, '../..');
const story = loadStory(root);

/** Words that recommend or judge: a sentence using one must say whose view it is. */
const VERDICT = /\b(should|must|ought|wise|mistake|missed|paying|deserves?)\b/i;
const ATTRIBUTED = /\b(Zhang|he|his|him|argues|contends|reasons|writes|says|in (his|Zhang's) (view|reading))\b/i;
/** The longest quotation allowed, in words (check-copy allows 150 quoted words in all). */
const MAX_QUOTE_WORDS = 12;

const text = (html: string): string =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&[a-z]+;|&#\d+;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The fidelity problems of some sections, as `file:line: what to fix`. */
function fidelityProblems(sections: Section[], facts: Facts): string[] {
  const context = new Set([
    ...facts.timeline.filter((e) => e.context).map((e) => `event-${e.id}`),
    ...facts.facts.filter((f) => f.context).map((f) => `fact-${f.id}`),
    ...facts.nato.filter((w) => w.context).map((w) => `nato-${w.id}`),
  ]);
  const problems: string[] = [];
  for (const section of sections)
    for (const step of section.steps) {
      const at = `${section.file}:${step.line}`;
      const words = text(step.html);
      for (const sentence of words.split(/(?<=[.!?])\s+(?=[A-Z(“"])/)) {
        // A question ("Should China have a seat?") asks; it does not judge.
        if (VERDICT.test(sentence) && !sentence.endsWith('?') && !ATTRIBUTED.test(sentence)) problems.push(`${at}: "${sentence}" judges or recommends without saying whose view it is — attribute it to Zhang`);
      }
      const cited = [...step.html.matchAll(/href="#source-([a-z]+-[a-z0-9-]+)"/g)].map((m) => m[1]).filter((id) => context.has(id));
      if (cited.length && !section.context && !/\bcontext\b/i.test(words)) {
        problems.push(`${at}: cites ${cited.join(', ')}, context from outside the op-ed, without saying so — add "(Context, not from the op-ed: …)"`);
      }
      for (const [quote] of words.matchAll(/“[^”]*”|"[^"]*"/g)) {
        const n = quote.split(/\s+/).length;
        if (n > MAX_QUOTE_WORDS) problems.push(`${at}: a quotation of ${n} words — quote at most ${MAX_QUOTE_WORDS} and tell the rest in our own words`);
      }
    }
  return problems;
}

describe('the fidelity checklist', () => {
  it('holds for the real story in slides/', () => {
    expect(fidelityProblems(story.sections, story.facts)).toEqual([]);
  });

  it('catches an unattributed recommendation, unmarked context and a long quote (tests/fixtures/slides-unfaithful)', () => {
    const dir = join(root, 'tests/fixtures/slides-unfaithful');
    const files = readdirSync(dir).map((f) => ({ file: `tests/fixtures/slides-unfaithful/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
    const sections = parseSections(files, knownIds(story));
    expect(fidelityProblems(sections, story.facts)).toEqual([
      'tests/fixtures/slides-unfaithful/01-unfaithful.md:7: "Seoul and Washington should bring China in." judges or recommends without saying whose view it is — attribute it to Zhang',
      'tests/fixtures/slides-unfaithful/01-unfaithful.md:11: cites event-singapore-summit, context from outside the op-ed, without saying so — add "(Context, not from the op-ed: …)"',
      'tests/fixtures/slides-unfaithful/01-unfaithful.md:15: a quotation of 15 words — quote at most 12 and tell the rest in our own words',
    ]);
  });

  it('keeps the sentences this issue corrected out of the story (issue 10)', () => {
    const all = story.sections.flatMap((s) => s.steps.map((st) => text(st.html))).join(' ');
    for (const slip of [
      'reached out to both halves',
      'A single phone call is routine',
      'the world is still paying',
      'already doing the talking',
      'look tidy',
      'live with for decades',
      'left in other hands',
      'US troops should leave',
      'Few South Korean diplomats or security experts, he says, expect',
    ])
      expect(all, slip).not.toContain(slip);
  });
});
