/** slides/*.md → Section: front matter (gray-matter + yaml for positions), steps and notes (markdown-it). */
import matter from 'gray-matter';
import MarkdownIt, { type Token } from 'markdown-it';
import container from 'markdown-it-container';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { ContentError, ContentErrors, unknownId } from './errors.ts';
import type { Section, Step } from './types.ts';

/** Ids a section may refer to, by kind. "state" is a map state; the rest are fact kinds used in links. */
export interface KnownIds {
  state: string[];
  place: string[];
  alliance: string[];
  nato: string[];
  event: string[];
  fact: string[];
}

/** Link schemes that cite a fact in data/: [text](event:xi-kim-dalian). */
export const factKinds = ['place', 'alliance', 'nato', 'event', 'fact'] as const;
export type FactKind = (typeof factKinds)[number];

/** The id of the sources-list entry a fact link points at. */
export const sourceAnchor = (kind: string, id: string): string => `source-${kind}-${id}`;

const sectionId = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function markdown(): InstanceType<typeof MarkdownIt> {
  // html: false — the copy is Markdown only; any raw HTML is shown as text, never injected.
  const md = new MarkdownIt({ html: false, linkify: false, typographer: true });
  md.use(container, 'step', { validate: (params: string) => /^step(\s|$)/.test(params.trim()) });
  md.use(container, 'notes', { validate: (params: string) => params.trim() === 'notes' });
  // Every link is checked by resolveLinks, which rejects all but web, in-page and fact links with file:line.
  md.validateLink = () => true;
  return md;
}
const md = markdown();

interface FrontMatter {
  doc: Document;
  lines: LineCounter;
}

function readFrontMatter(file: string, text: string): { front: FrontMatter | null; body: string; bodyOffset: number } {
  let front: FrontMatter | null = null;
  const parsed = matter(text, {
    engines: {
      // Parsed with `yaml` rather than gray-matter's default so every key keeps its line.
      yaml: (raw: string) => {
        const lines = new LineCounter();
        const doc = parseDocument(raw, { lineCounter: lines, prettyErrors: false });
        const error = doc.errors[0];
        if (error) {
          const line = lines.linePos(error.pos[0]).line;
          throw new ContentError(file, line, `front matter is not valid YAML (${error.message.split('\n')[0]}) — write "key: value" lines between the two "---" lines`);
        }
        front = { doc, lines };
        return {};
      },
    },
  });
  const prefix = text.slice(0, text.length - parsed.content.length);
  return { front, body: parsed.content, bodyOffset: prefix.split('\n').length - 1 };
}

function frontValue(file: string, front: FrontMatter | null, key: string, required: boolean): { value?: string; line: number } {
  if (!front || !isMap(front.doc.contents)) {
    if (!required) return { line: 1 };
    throw new ContentError(file, 1, `no front matter: start the file with "---", then "id:", "title:" and "summary:" lines, then "---"`);
  }
  const pair = front.doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key);
  if (!pair) {
    if (!required) return { line: 1 };
    const end = front.doc.contents.range?.[1] ?? 0;
    throw new ContentError(file, front.lines.linePos(end).line, `front matter has no "${key}": add a line "${key}: …"`);
  }
  const node = pair.value;
  const line = isScalar(node) && node.range ? front.lines.linePos(node.range[0]).line : front.lines.linePos((pair.key as { range?: [number] }).range?.[0] ?? 0).line;
  if (!isScalar(node) || !['string', 'number', 'boolean'].includes(typeof node.value) || String(node.value).trim() === '') {
    throw new ContentError(file, line, `"${key}" must be a non-empty line of text`);
  }
  return { value: String(node.value), line };
}

const HERE = 'https://this-site.invalid';
/**
 * Whether an in-site link ("/…", "#…") stays on this site as a browser reads it: "//host/…", "/\\host/…" and
 * the like are protocol-relative links to another site. Resolved by the URL parser browsers follow.
 */
export function isInternal(href: string): boolean {
  try {
    return new URL(href, `${HERE}/page/`).origin === HERE;
  } catch {
    return false;
  }
}

/** The link targets in an inline token: rewrites fact links to their source anchors, checks every id. */
function resolveLinks(file: string, inline: Token, line: number, known: KnownIds, cites: Set<string>): void {
  for (const child of inline.children ?? []) {
    if (child.type === 'image') {
      throw new ContentError(file, line, `images are not part of the copy — the map shows the pictures; remove the "![…](…)"`);
    }
    if (child.type !== 'link_open') continue;
    // markdown-it percent-encodes the href; the editor wrote it decoded, so look for (and report) that.
    const encoded = String(child.attrGet('href') ?? '');
    let href = encoded;
    try {
      href = decodeURI(encoded);
    } catch {
      // a malformed escape stays as written
    }
    const scheme = /^([a-z]+):(.*)$/.exec(href);
    const sourceLine = line + Math.max(0, inline.content.split('\n').findIndex((l) => l.includes(href)));
    if (scheme && (factKinds as readonly string[]).includes(scheme[1])) {
      const [, kind, id] = scheme as unknown as [string, FactKind, string];
      if (!known[kind].includes(id)) {
        throw new ContentError(file, sourceLine, `${unknownId(kind, id, known[kind])} in link (${href}) — use an id from data/`);
      }
      cites.add(`${kind}:${id}`);
      child.attrSet('href', `#${sourceAnchor(kind, id)}`);
      child.attrJoin('class', 'cite');
    } else if (!/^(https?:\/\/|#|\/)/.test(href)) {
      throw new ContentError(file, sourceLine, `link "${href}" is neither a web address nor a fact link — use https://… or one of ${factKinds.map((k) => `${k}:<id>`).join(', ')}`);
    } else if (/^[#/]/.test(href) && !isInternal(encoded)) {
      throw new ContentError(file, sourceLine, `link "${href}" leads to another site, not to a page of this one — write an internal link with one "/" (e.g. /slides.html) or "#", or another site's address in full (https://…)`);
    }
  }
}

/** Parses one slides/*.md file. `file` is the path shown in errors (slides/01-….md). */
export function parseSection(file: string, text: string, known: KnownIds): Section {
  const { front, body, bodyOffset } = readFrontMatter(file, text);
  const id = frontValue(file, front, 'id', true);
  if (!sectionId.test(id.value!)) {
    throw new ContentError(file, id.line, `id "${id.value}" must be lowercase words joined by hyphens (it becomes the URL: /#${id.value})`);
  }
  const title = frontValue(file, front, 'title', true).value!;
  const summary = frontValue(file, front, 'summary', true).value!;
  const context = frontValue(file, front, 'context', false).value === 'true';

  const env = {};
  const tokens = md.parse(body, env);
  const lineAt = (t: Token): number => bodyOffset + (t.map?.[0] ?? 0) + 1;
  const steps: Step[] = [];
  const cites = new Set<string>();
  let notes: string | null = null;

  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i];
    if (open.type === 'container_step_open' || open.type === 'container_notes_open') {
      const closeType = open.type.replace('_open', '_close');
      let depth = 0;
      let j = i + 1;
      for (; j < tokens.length; j++) {
        if (tokens[j].type === open.type) depth++;
        if (tokens[j].type === closeType && depth-- === 0) break;
      }
      const inner = tokens.slice(i + 1, j);
      const nested = inner.find((t) => t.type.startsWith('container_') && t.type.endsWith('_open'));
      if (nested) {
        throw new ContentError(file, lineAt(open), `this block is not closed: add a line ":::" after its text, before the "::: ${nested.info.trim()}" on line ${lineAt(nested)}`);
      }
      for (const t of inner) if (t.type === 'inline') resolveLinks(file, t, lineAt(t), known, cites);
      if (!inner.some((t) => t.type === 'inline' && t.content.trim())) {
        throw new ContentError(file, lineAt(open), `this ${open.type.includes('step') ? 'step' : 'notes block'} is empty — write its text before the closing ":::"`);
      }
      const html = md.renderer.render(inner, md.options, env).trim();
      if (open.type === 'container_step_open') {
        const state = open.info.trim().replace(/^step\s*/, '');
        if (!state) throw new ContentError(file, lineAt(open), `step has no map state — write "::: step <state-id>"`);
        if (!known.state.includes(state)) throw new ContentError(file, lineAt(open), `${unknownId('map state', state, known.state)} — states are defined in src/map/states.ts`);
        steps.push({ state, html, line: lineAt(open) });
      } else {
        if (notes !== null) throw new ContentError(file, lineAt(open), `a second "::: notes" block — keep one notes block per section`);
        notes = html;
      }
      i = j;
    } else if (open.level === 0 && open.map) {
      // Any block outside a step (a paragraph, an indented code block, a rule, a fence) would be lost.
      throw new ContentError(file, lineAt(open), `text outside a "::: step <state-id>" or "::: notes" block — put it inside one (is a closing ":::" missing?)`);
    }
  }
  if (steps.length === 0) throw new ContentError(file, bodyOffset + 1, `section "${id.value}" has no step — add a "::: step <state-id>" block with its text`);
  if (notes === null) throw new ContentError(file, bodyOffset + 1, `section "${id.value}" has no speaker notes — add a "::: notes" block with talking points`);
  return { id: id.value!, title, summary, file, steps, notes, context, cites: [...cites] };
}

/** Parses every section, in file-name order, and reports all mistakes together. */
export function parseSections(files: { file: string; text: string }[], known: KnownIds): Section[] {
  const errors: ContentError[] = [];
  const sections: Section[] = [];
  const byId = new Map<string, string>();
  for (const { file, text } of [...files].sort((a, b) => a.file.localeCompare(b.file))) {
    try {
      const section = parseSection(file, text, known);
      const other = byId.get(section.id);
      if (other) {
        const line = text.split('\n').findIndex((l) => /^id\s*:/.test(l)) + 1;
        throw new ContentError(file, line, `section id "${section.id}" is already used by ${other} — section ids must be unique`);
      }
      byId.set(section.id, file);
      sections.push(section);
    } catch (e) {
      if (!(e instanceof ContentError)) throw e;
      errors.push(e);
    }
  }
  if (errors.length) throw new ContentErrors(errors);
  if (sections.length === 0) throw new ContentErrors([new ContentError('slides/', 1, 'no sections: add slides/01-<id>.md files')]);
  return sections;
}
