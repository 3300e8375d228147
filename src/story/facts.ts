/** Reads data/*.json, checks each record against its schema and the cross-references, reports file:line. */
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ContentError, unknownId } from './errors.ts';
import { dataFiles } from './schema.ts';
import type { Facts } from './types.ts';

export type DataName = keyof typeof dataFiles;
export const dataNames = Object.keys(dataFiles) as DataName[];

/** A parsed data file that can tell the line of any path in it. */
interface Located {
  file: string;
  doc: Document;
  lines: LineCounter;
}

function lineOf(src: Located, path: readonly PropertyKey[]): number {
  // Walk up the path until a node with a position is found (a missing key points at its parent).
  for (let n = path.length; n >= 0; n--) {
    const node = src.doc.getIn(path.slice(0, n) as (string | number)[], true);
    if (isNode(node) && node.range) return src.lines.linePos(node.range[0]).line;
  }
  return 1;
}

function parseFile(file: string, text: string): Located {
  const lines = new LineCounter();
  // JSON is YAML 1.2: the yaml parser keeps positions, so every error can name its line.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    throw new ContentError(file, lines.linePos(first.pos[0]).line, `not valid JSON: ${first.message.split('\n')[0]}`);
  }
  return { file, doc, lines };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/**
 * Parses and validates the data files. `read(name)` returns the text of data/<name>.json.
 * Throws a ContentError for the first mistake, located by file and line.
 */
export function parseFacts(read: (name: DataName) => string): Facts {
  const located = {} as Record<DataName, Located>;
  const parsed = {} as Record<DataName, unknown>;
  for (const name of dataNames) {
    const file = `data/${name}.json`;
    const src = parseFile(file, read(name));
    const result = dataFiles[name].safeParse(src.doc.toJS());
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new ContentError(file, lineOf(src, issue.path), `${describeIssue(issue)} — fix the record to match src/story/schema.ts`);
    }
    located[name] = src;
    parsed[name] = result.data;
  }
  const facts = parsed as unknown as Facts;
  checkReferences(facts, located);
  return facts;
}

function checkUnique(records: { id: string }[], src: Located, kind: string): void {
  const seen = new Map<string, number>();
  records.forEach((r, i) => {
    const earlier = seen.get(r.id);
    if (earlier !== undefined) {
      throw new ContentError(src.file, lineOf(src, [i, 'id']), `duplicate ${kind} id "${r.id}" (also record ${earlier + 1}): ids must be unique`);
    }
    seen.set(r.id, i);
  });
}

function checkReferences(facts: Facts, at: Record<DataName, Located>): void {
  checkUnique(facts.places, at.places, 'place');
  checkUnique(facts.alliances, at.alliances, 'alliance');
  checkUnique(facts.nato, at.nato, 'NATO wave');
  checkUnique(facts.timeline, at.timeline, 'event');
  checkUnique(facts.facts, at.facts, 'fact');
  const placeIds = facts.places.map((p) => p.id);
  facts.alliances.forEach((a, i) =>
    a.between.forEach((p, j) => {
      if (!placeIds.includes(p)) throw new ContentError(at.alliances.file, lineOf(at.alliances, [i, 'between', j]), unknownId('place', p, placeIds));
    }),
  );
  facts.nato.forEach((w, i) => {
    if (!w.date.startsWith(w.id)) {
      throw new ContentError(at.nato.file, lineOf(at.nato, [i, 'date']), `wave "${w.id}" has date ${w.date}: a wave's id is the year of its date`);
    }
    const after = w.date > facts.article.date;
    if (after !== w.afterArticle) {
      throw new ContentError(at.nato.file, lineOf(at.nato, [i, 'afterArticle']), `wave "${w.id}" joined on ${w.date}: afterArticle must be ${after} (the article ran on ${facts.article.date})`);
    }
  });
  facts.timeline.forEach((e, i) => {
    if (e.end !== undefined && e.end < e.date) {
      throw new ContentError(at.timeline.file, lineOf(at.timeline, [i, 'end']), `event "${e.id}" ends (${e.end}) before it starts (${e.date})`);
    }
    const after = e.date > facts.article.date;
    if (after !== e.afterArticle) {
      throw new ContentError(at.timeline.file, lineOf(at.timeline, [i, 'afterArticle']), `event "${e.id}" on ${e.date}: afterArticle must be ${after} (the article ran on ${facts.article.date})`);
    }
  });
}
