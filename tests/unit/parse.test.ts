import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentErrors } from '../../src/story/errors';
import { isInternal, parseSection, parseSections, type KnownIds } from '../../src/story/parse';
import { contentError, thrown } from './content-error';

const known: KnownIds = {
  state: ['flurry-wang-yi', 'flurry-call', 'flurry-dalian', 'lesson'],
  place: ['beijing', 'pyongyang'],
  alliance: ['us-rok', 'prc-dprk'],
  nato: ['1949', '2024'],
  event: ['xi-kim-dalian', 'xi-moon-call'],
  fact: ['usfk-troops'],
};

const FILE = 'slides/99-test.md';

/** A section file from its lines; front matter defaults to a valid id, title and summary. */
function section(body: string[], front: string[] = ['id: test', 'title: A title', 'summary: A summary.']): string {
  return ['---', ...front, '---', '', ...body, ''].join('\n');
}

const notes = ['::: notes', '- A talking point.', ':::'];

/** 1-based line of the first line containing `needle` (fails the test if there is none). */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  expect(index, `"${needle}" should be in the fixture`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

/** The line just after the closing "---" of the front matter. */
const firstBodyLine = (text: string): number => text.split('\n').indexOf('---', 1) + 2;


const parse = (text: string) => parseSection(FILE, text, known);

describe('parseSection on a valid section', () => {
  const text = section(
    [
      '::: step flurry-wang-yi',
      'Wang Yi went to [Pyongyang](place:pyongyang), then Xi met Kim in [Dalian](event:xi-kim-dalian).',
      'More at [the SCMP](https://www.scmp.com/).',
      ':::',
      '',
      '::: step flurry-call',
      'A [call](event:xi-moon-call) under the [1953 treaty](alliance:us-rok).',
      ':::',
      '',
      '::: notes',
      '- Talking point about [Dalian](event:xi-kim-dalian).',
      ':::',
    ],
    ['id: flurry', 'title: A week of Chinese diplomacy', 'summary: Three contacts in a week.'],
  );
  const parsed = parse(text);

  it('reads id, title and summary from the front matter, and the file it came from', () => {
    expect(parsed).toMatchObject({ id: 'flurry', title: 'A week of Chinese diplomacy', summary: 'Three contacts in a week.', file: FILE, context: false });
  });

  it('keeps the steps in order, each with its map state and the line of its "::: step"', () => {
    expect(parsed.steps.map((s) => [s.state, s.line])).toEqual([
      ['flurry-wang-yi', lineOf(text, '::: step flurry-wang-yi')],
      ['flurry-call', lineOf(text, '::: step flurry-call')],
    ]);
  });

  it('renders each step as HTML paragraphs without the container markers', () => {
    expect(parsed.steps[0].html).toMatch(/^<p>Wang Yi went to /);
    expect(parsed.steps[0].html).not.toContain(':::');
    expect(parsed.steps[0].html).not.toContain('<div');
  });

  it('rewrites fact links to their source anchors with class "cite"', () => {
    expect(parsed.steps[0].html).toContain('<a href="#source-place-pyongyang" class="cite">Pyongyang</a>');
    expect(parsed.steps[0].html).toContain('<a href="#source-event-xi-kim-dalian" class="cite">Dalian</a>');
    expect(parsed.steps[1].html).toContain('<a href="#source-alliance-us-rok" class="cite">1953 treaty</a>');
  });

  it('leaves web links as they are, without the cite class', () => {
    expect(parsed.steps[0].html).toContain('<a href="https://www.scmp.com/">the SCMP</a>');
  });

  it('renders the speaker notes as HTML, fact links rewritten', () => {
    expect(parsed.notes).toBe('<ul>\n<li>Talking point about <a href="#source-event-xi-kim-dalian" class="cite">Dalian</a>.</li>\n</ul>');
  });

  it('collects every cited fact once, as "kind:id", in order of first mention', () => {
    expect(parsed.cites).toEqual(['place:pyongyang', 'event:xi-kim-dalian', 'event:xi-moon-call', 'alliance:us-rok']);
  });

  it('reads "context: true" as a section of context beyond the article', () => {
    const s = parse(section(['::: step lesson', 'Words.', ':::', ...notes], ['id: later', 'title: Later', 'summary: After.', 'context: true']));
    expect(s.context).toBe(true);
  });

  it('accepts Windows line endings with the same line numbers', () => {
    const text = section(['::: step lesson', 'Words.', ':::', '', ...notes]);
    const s = parse(text.replaceAll('\n', '\r\n'));
    expect(s.steps[0].line).toBe(lineOf(text, '::: step lesson'));
  });
});

describe('parseSection on broken front matter', () => {
  it('reports front matter that is not YAML at the line of the YAML error', () => {
    const text = section(['::: step lesson', 'Words.', ':::', ...notes], ['id: test', 'title: A title', 'summary: one: two']);
    const e = contentError(() => parse(text));
    expect(e.message).toMatch(new RegExp(`^slides/99-test\\.md:${lineOf(text, 'summary: one: two')}: front matter is not valid YAML \\(.+\\) — write "key: value" lines`));
    expect(e).toMatchObject({ file: FILE, line: lineOf(text, 'summary: one: two') });
  });

  it('reports a file without front matter at line 1, naming the keys it needs', () => {
    const e = contentError(() => parse(['::: step lesson', 'Words.', ':::', ...notes].join('\n')));
    expect(e.message).toBe(`${FILE}:1: no front matter: start the file with "---", then "id:", "title:" and "summary:" lines, then "---"`);
  });

  it('reports a missing title by name, at a line inside the front matter', () => {
    const text = section(['::: step lesson', 'Words.', ':::', ...notes], ['id: test', 'summary: A summary.']);
    const e = contentError(() => parse(text));
    expect(e.problem).toBe('front matter has no "title": add a line "title: …"');
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(lineOf(text, 'summary:') + 1);
  });

  it('reports a missing summary by name', () => {
    const e = contentError(() => parse(section(['::: step lesson', 'Words.', ':::', ...notes], ['id: test', 'title: A title'])));
    expect(e.message).toMatch(/^slides\/99-test\.md:\d+: front matter has no "summary": add a line "summary: …"$/);
  });

  it('reports an empty title at its own line', () => {
    const text = section(['::: step lesson', 'Words.', ':::', ...notes], ['id: test', 'title: ""', 'summary: A summary.']);
    const e = contentError(() => parse(text));
    expect(e.message).toBe(`${FILE}:${lineOf(text, 'title:')}: "title" must be a non-empty line of text`);
  });

  it('reports an id that is not lowercase-hyphenated at its line, saying it becomes the URL', () => {
    const text = section(['::: step lesson', 'Words.', ':::', ...notes], ['id: Flurry Week', 'title: A title', 'summary: A summary.']);
    const e = contentError(() => parse(text));
    expect(e.message).toBe(`${FILE}:${lineOf(text, 'id: Flurry Week')}: id "Flurry Week" must be lowercase words joined by hyphens (it becomes the URL: /#Flurry Week)`);
  });

  it('rejects an id with a trailing hyphen', () => {
    const e = contentError(() => parse(section(['::: step lesson', 'Words.', ':::', ...notes], ['id: flurry-', 'title: T', 'summary: S.'])));
    expect(e.problem).toMatch(/^id "flurry-" must be lowercase words joined by hyphens/);
  });
});

describe('parseSection on broken steps', () => {
  it('reports a section with no step at the first line after the front matter', () => {
    const text = section([...notes]);
    const e = contentError(() => parse(text));
    expect(e.message).toBe(`${FILE}:${firstBodyLine(text)}: section "test" has no step — add a "::: step <state-id>" block with its text`);
  });

  it('reports an unknown map state at the line of its step, with a did-you-mean hint when close', () => {
    const text = section(['::: step lesson', 'Words.', ':::', '', '::: step flury-call', 'More words.', ':::', '', ...notes]);
    const e = contentError(() => parse(text));
    expect(e.message).toBe(`${FILE}:${lineOf(text, '::: step flury-call')}: unknown map state "flury-call" — did you mean "flurry-call"? — states are defined in src/map/states.ts`);
  });

  it('lists the known map states when the unknown one is not close to any', () => {
    const e = contentError(() => parse(section(['::: step something-else-entirely', 'Words.', ':::', ...notes])));
    expect(e.problem).toBe('unknown map state "something-else-entirely" — known: flurry-wang-yi, flurry-call, flurry-dalian, lesson — states are defined in src/map/states.ts');
  });

  it('reports a step without a state id at its line', () => {
    const text = section(['::: step', 'Words.', ':::', ...notes]);
    const e = contentError(() => parse(text));
    expect(e.message).toBe(`${FILE}:${lineOf(text, '::: step')}: step has no map state — write "::: step <state-id>"`);
  });

  it('reports an empty step at its line', () => {
    const text = section(['::: step lesson', 'Words.', ':::', '', '::: step flurry-call', ':::', '', ...notes]);
    const e = contentError(() => parse(text));
    expect(e.message).toBe(`${FILE}:${lineOf(text, '::: step flurry-call')}: this step is empty — write its text before the closing ":::"`);
  });

  it('reports text outside any block at its line', () => {
    const text = section(['::: step lesson', 'Words.', ':::', '', 'A stray paragraph.', '', ...notes]);
    const e = contentError(() => parse(text));
    expect(e.message).toBe(`${FILE}:${lineOf(text, 'A stray paragraph.')}: text outside a "::: step <state-id>" or "::: notes" block — put it inside one (is a closing ":::" missing?)`);
  });

  it('reports a heading before the first step as text outside a block', () => {
    const text = section(['# A heading', '', '::: step lesson', 'Words.', ':::', ...notes]);
    const e = contentError(() => parse(text));
    expect(e.line).toBe(lineOf(text, '# A heading'));
    expect(e.problem).toMatch(/^text outside a "::: step <state-id>" or "::: notes" block/);
  });

  it.each([
    ['an indented block', '    indented words'],
    ['a rule', '***'],
    ['a fenced block', '```'],
  ])('reports %s outside any block at its line, instead of dropping it', (_, line) => {
    const text = section(['::: step lesson', 'Words.', ':::', '', line, ...(line === '```' ? ['code', '```'] : []), '', ...notes]);
    const e = contentError(() => parse(text));
    expect(e.line).toBe(lineOf(text, line));
    expect(e.problem).toMatch(/^text outside a "::: step <state-id>" or "::: notes" block/);
  });

  it('reports a step left open (no closing ":::") at the step, not as missing notes', () => {
    // The notes block that follows is swallowed by the unclosed step; the hint must lead to the missing ":::".
    const text = section(['::: step lesson', 'Words.', '', ...notes]);
    const e = contentError(() => parse(text));
    expect(e.line).toBe(lineOf(text, '::: step lesson'));
    expect(e.problem).toContain('":::"');
  });
});

describe('parseSection on speaker notes', () => {
  it('reports a section without notes, naming the section', () => {
    const text = section(['::: step lesson', 'Words.', ':::']);
    const e = contentError(() => parse(text));
    expect(e.message).toBe(`${FILE}:${firstBodyLine(text)}: section "test" has no speaker notes — add a "::: notes" block with talking points`);
  });

  it('reports a second notes block at its line', () => {
    const text = section(['::: step lesson', 'Words.', ':::', '', ...notes, '', '::: notes', '- Again.', ':::']);
    const e = contentError(() => parse(text));
    expect(e.message).toBe(`${FILE}:${text.split('\n').lastIndexOf('::: notes') + 1}: a second "::: notes" block — keep one notes block per section`);
  });

  it('reports an empty notes block at its line', () => {
    const text = section(['::: step lesson', 'Words.', ':::', '', '::: notes', ':::']);
    const e = contentError(() => parse(text));
    expect(e.message).toBe(`${FILE}:${lineOf(text, '::: notes')}: this notes block is empty — write its text before the closing ":::"`);
  });
});

describe('parseSection on links', () => {
  it.each([
    ['event', 'event:xi-kim-dalain', 'unknown event "xi-kim-dalain" — did you mean "xi-kim-dalian"?'],
    ['place', 'place:atlantis', 'unknown place "atlantis" — known: beijing, pyongyang'],
    ['alliance', 'alliance:us-rk', 'unknown alliance "us-rk" — did you mean "us-rok"?'],
    ['nato', 'nato:2025', 'unknown nato "2025" — did you mean "2024"?'],
    ['fact', 'fact:usfk-troop', 'unknown fact "usfk-troop" — did you mean "usfk-troops"?'],
  ])('reports an unknown %s id in a link, at the line of the link', (_kind, href, what) => {
    const text = section(['::: step lesson', 'Words that', `cite [something](${href}) here.`, ':::', ...notes]);
    const e = contentError(() => parse(text));
    expect(e.message).toBe(`${FILE}:${lineOf(text, href)}: ${what} in link (${href}) — use an id from data/`);
  });

  it('reports the line of the link itself when its paragraph spans several lines', () => {
    const text = section([
      '::: step lesson',
      'A first paragraph.',
      '',
      'A paragraph that runs',
      'over several lines before',
      'it [names Atlantis](place:atlantis), which is not in data/.',
      ':::',
      ...notes,
    ]);
    const e = contentError(() => parse(text));
    expect(e.line).toBe(lineOf(text, '(place:atlantis)'));
    expect(e.line).toBe(12);
  });

  it('finds and names a link with non-ASCII characters as written, not percent-encoded', () => {
    const text = section(['::: step lesson', 'A first line,', 'then [Beijíng](place:beijíng) on the second.', ':::', ...notes]);
    const e = contentError(() => parse(text));
    expect(e.line).toBe(lineOf(text, '(place:beijíng)'));
    expect(e.problem).toContain('unknown place "beijíng"');
  });

  it('reports an unknown id in the speaker notes at its line', () => {
    const text = section(['::: step lesson', 'Words.', ':::', '', '::: notes', '- One point.', '- Another about [a call](event:xi-moon-cal).', ':::']);
    const e = contentError(() => parse(text));
    expect(e.line).toBe(lineOf(text, 'event:xi-moon-cal'));
    expect(e.problem).toMatch(/^unknown event "xi-moon-cal" — did you mean "xi-moon-call"\?/);
  });

  it.each(['foo:bar', 'mailto:someone@example.org', 'ftp://example.org/file'])('rejects the link "%s" as neither a web address nor a fact link', (href) => {
    const text = section(['::: step lesson', 'Words', `with [a link](${href}).`, ':::', ...notes]);
    const e = contentError(() => parse(text));
    expect(e.message).toBe(
      `${FILE}:${lineOf(text, href)}: link "${href}" is neither a web address nor a fact link — use https://… or one of place:<id>, alliance:<id>, nato:<id>, event:<id>, fact:<id>`,
    );
  });

  it.each(['javascript:alert(1)', 'vbscript:msgbox(1)', 'data:text/html,<script>alert(1)</script>'])(
    'rejects the link "%s" with its file and line',
    (href) => {
      expect(() => parse(section(['::: step lesson', `Click [here](${href}).`, ':::', ...notes]))).toThrow(
        /^slides\/99-test\.md:8: link "(javascript|vbscript|data):.*" is neither a web address nor a fact link/,
      );
    },
  );

  it.each(['//evil.example/page', '///evil.example/page', '//evil.example'])(
    'rejects the protocol-relative link "%s" where an internal link is expected, with its file and line',
    (href) => {
      const text = section(['::: step lesson', 'Words', `with [a link](${href}).`, ':::', ...notes]);
      const e = contentError(() => parse(text));
      expect(e.line).toBe(lineOf(text, href));
      expect(e.problem).toMatch(/^link ".*" leads to another site, not to a page of this one — write an internal link with one "\/"/);
    },
  );

  it('isInternal(href) accepts in-site paths and anchors, as a browser resolves them', () => {
    for (const href of ['/', '/slides.html', '/embed/flurry/', '#sources', '/a//b', '/?q=//x']) expect(isInternal(href), href).toBe(true);
    for (const href of ['//x.example', '/\\x.example', '\\\\x.example', '/\t/x.example', 'https://x.example/']) expect(isInternal(href), href).toBe(false);
  });

  it('accepts relative and anchor links', () => {
    const s = parse(section(['::: step lesson', '[Sources](#sources) and [slides](/slides.html).', ':::', ...notes]));
    expect(s.steps[0].html).toBe('<p><a href="#sources">Sources</a> and <a href="/slides.html">slides</a>.</p>');
  });
});

describe('parseSection on raw HTML', () => {
  it('escapes raw HTML in a step instead of passing it through', () => {
    const s = parse(section(['::: step lesson', 'Some <b>bold</b> words <script>alert(1)</script>.', ':::', ...notes]));
    expect(s.steps[0].html).toBe('<p>Some &lt;b&gt;bold&lt;/b&gt; words &lt;script&gt;alert(1)&lt;/script&gt;.</p>');
  });

  it('escapes a raw HTML block in the notes', () => {
    const s = parse(section(['::: step lesson', 'Words.', ':::', '', '::: notes', '<div onclick=x()>hi</div>', ':::']));
    expect(s.notes).not.toContain('<div');
    expect(s.notes).toBe('<p>&lt;div onclick=x()&gt;hi&lt;/div&gt;</p>');
  });
});

describe('parseSections', () => {
  const dir = join(__dirname, '../fixtures/slides-bad');
  const fixtures = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => ({ file: `slides/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
  const fixture = (name: string) => fixtures.find((f) => f.file === `slides/${name}`)!;

  const contentErrors = (fn: () => unknown): ContentErrors => thrown(fn, ContentErrors);

  it('parses valid sections in file-name order', () => {
    const b = { file: 'slides/02-b.md', text: section(['::: step lesson', 'B.', ':::', ...notes], ['id: b', 'title: B', 'summary: B.']) };
    const a = { file: 'slides/01-a.md', text: section(['::: step lesson', 'A.', ':::', ...notes], ['id: a', 'title: A', 'summary: A.']) };
    expect(parseSections([b, a], known).map((s) => [s.id, s.file])).toEqual([
      ['a', 'slides/01-a.md'],
      ['b', 'slides/02-b.md'],
    ]);
  });

  it('reports a duplicate section id at the id line of the second file, naming the first', () => {
    const e = contentErrors(() => parseSections([fixture('02-alpha-again.md'), fixture('01-alpha.md')], known));
    expect(e.errors.map((x) => x.message)).toEqual([
      'slides/02-alpha-again.md:2: section id "alpha" is already used by slides/01-alpha.md — section ids must be unique',
    ]);
  });

  it('reports every mistake in every file together, in file order', () => {
    const e = contentErrors(() => parseSections(fixtures, known));
    const unknownPlace = fixture('04-unknown-place.md').text;
    expect(e.errors.map((x) => x.message)).toEqual([
      'slides/02-alpha-again.md:2: section id "alpha" is already used by slides/01-alpha.md — section ids must be unique',
      'slides/03-unknown-state.md:7: unknown map state "flury-call" — did you mean "flurry-call"? — states are defined in src/map/states.ts',
      `slides/04-unknown-place.md:${lineOf(unknownPlace, 'place:atlantis')}: unknown place "atlantis" — known: beijing, pyongyang in link (place:atlantis) — use an id from data/`,
    ]);
    expect(e.message.split('\n')).toHaveLength(3);
  });

  it('reports an empty slides/ folder', () => {
    const e = contentErrors(() => parseSections([], known));
    expect(e.message).toBe('slides/:1: no sections: add slides/01-<id>.md files');
  });
});
