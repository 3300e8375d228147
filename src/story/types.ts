/** Facts (data/*.json) and the story (slides/*.md) as plain data. Imports nothing of the DOM. */

import type { Alliance, Article, Fact, NatoWave, Place, TimelineEvent } from './schema.ts';

export type { Alliance, Article, Fact, NatoWave, Place, Source, TimelineEvent } from './schema.ts';

export interface Facts {
  article: Article;
  places: Place[];
  alliances: Alliance[];
  nato: NatoWave[];
  timeline: TimelineEvent[];
  facts: Fact[];
}

/** One scroll step / slide fragment: the words and the map state they show. */
export interface Step {
  /** Map state id. */
  state: string;
  /** Rendered HTML of the step's text (from Markdown in slides/). */
  html: string;
  /** 1-based line in the source file, for error messages. */
  line: number;
}

export interface Section {
  id: string;
  title: string;
  summary: string;
  /** Source file, relative to the project root (slides/01-….md). */
  file: string;
  steps: Step[];
  /** Speaker notes as HTML. */
  notes: string;
  /** True for a section of context beyond the article (labelled as such). */
  context: boolean;
  /** Fact references made in the text, as "kind:id" (e.g. "event:xi-kim-dalian"). */
  cites: string[];
}

export interface Story {
  sections: Section[];
  facts: Facts;
}
