/** Reads data/*.json, checks each record against its schema and the cross-references, reports file:line. */
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { ContentError, unknownId } from './errors.ts';
import { dataFiles } from './schema.ts';
import type { Facts } from './types.ts';

export type DataName = keyof typeof dataFiles;
export const dataNames = Object.keys(dataFiles) as DataName[];

/** A parsed data file that can tell the line of any path in it. */
interface Located {
  file: string;
  text: string;
  tree: Node;
}

const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

function lineOf(src: Located, path: readonly PropertyKey[]): number {
  // Walk up the path until a node exists (a missing key points at its parent object).
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(src.tree, path.slice(0, n) as (string | number)[]);
    if (node) return lineAt(src.text, node.parent?.type === 'property' ? node.parent.offset : node.offset);
  }
  return 1;
}

/** Strict JSON (no comments, no trailing commas), each syntax error with its line. */
function parseFile(file: string, text: string): Located {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  const first = errors[0];
  if (!text.trim()) throw new ContentError(file, 1, 'not valid JSON: the file is empty — it should hold an array of records (or, for article.json, one object)');
  if (first || !tree) {
    const code = first ? printParseErrorCode(first.error) : 'ValueExpected';
    const offset = first?.offset ?? 0;
    const before = text.slice(0, offset).trimEnd();
    // Errors are found at the next token; a missing or extra comma belongs to the line before it.
    const [at, what] =
      code === 'CommaExpected'
        ? [before.length, 'a comma is missing at the end of this line']
        : before.endsWith(',') && (code === 'ValueExpected' || code === 'PropertyNameExpected')
          ? [before.length, 'a trailing comma, which JSON does not allow — remove it']
          : code === 'UnexpectedEndOfString'
            ? [offset, 'a string is not closed — add the closing quote']
            : [offset, `${code} — check quotes, commas and brackets here`];
    throw new ContentError(file, lineAt(text, at), `not valid JSON: ${what}`);
  }
  const keys = duplicateKey(tree);
  if (keys) throw new ContentError(file, lineAt(text, keys.offset), `not valid JSON: the key "${keys.value}" appears twice in one record (keys must be unique) — keep one`);
  return { file, text, tree };
}

/** The second occurrence of a key within one object, if any (JSON.parse would silently keep the last). */
function duplicateKey(node: Node): Node | undefined {
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const key = property.children?.[0];
      if (key && seen.has(key.value)) return key;
      if (key) seen.add(key.value);
    }
  }
  for (const child of node.children ?? []) {
    const found = duplicateKey(child);
    if (found) return found;
  }
  return undefined;
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
    const result = dataFiles[name].safeParse(getNodeValue(src.tree));
    if (!result.success) {
      const issue = result.error.issues[0];
      // An unknown key (often a misspelt one) is reported at the key itself.
      const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
      throw new ContentError(file, lineOf(src, path), `${describeIssue(issue)} — fix the record to match src/story/schema.ts`);
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
  const eventIds = facts.timeline.map((e) => e.id);
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
    if (w.afterArticle && !w.context) {
      throw new ContentError(at.nato.file, lineOf(at.nato, [i, 'context']), `wave "${w.id}" came after the article, so it cannot be from the op-ed: set "context": true`);
    }
    w.members.forEach((m, j) => {
      const event = m.reunified?.event;
      if (event !== undefined && !eventIds.includes(event)) {
        throw new ContentError(at.nato.file, lineOf(at.nato, [i, 'members', j, 'reunified', 'event']), unknownId('event', event, eventIds));
      }
    });
  });
  facts.timeline.forEach((e, i) => {
    if (e.end !== undefined && e.end < e.date) {
      throw new ContentError(at.timeline.file, lineOf(at.timeline, [i, 'end']), `event "${e.id}" ends (${e.end}) before it starts (${e.date})`);
    }
    const after = e.date > facts.article.date;
    if (after !== e.afterArticle) {
      throw new ContentError(at.timeline.file, lineOf(at.timeline, [i, 'afterArticle']), `event "${e.id}" on ${e.date}: afterArticle must be ${after} (the article ran on ${facts.article.date})`);
    }
    if (e.afterArticle && !e.context) {
      throw new ContentError(at.timeline.file, lineOf(at.timeline, [i, 'context']), `event "${e.id}" came after the article, so it cannot be from the op-ed: set "context": true`);
    }
  });
}
