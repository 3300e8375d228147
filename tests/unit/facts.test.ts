import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFacts, type DataName } from '../../src/story/facts';
import { contentError } from './content-error';

const root = join(__dirname, '../..');
const real = (name: DataName): string => readFileSync(join(root, 'data', `${name}.json`), 'utf8');
const realJson = <T = any>(name: DataName): T => JSON.parse(real(name));

/** parseFacts with the real data, except `name`, whose text is `text`. */
const parseWith = (name: DataName, text: string) => parseFacts((n) => (n === name ? text : real(n)));

/** The same data re-serialised after `change`, formatted as the real files are (two-space JSON). */
function mutated(name: DataName, change: (data: any) => void): string {
  const data = realJson(name);
  change(data);
  return `${JSON.stringify(data, null, 2)}\n`;
}

const lines = (text: string) => text.split('\n');

/** 1-based line of the `nth` (1-based) line containing `needle`. */
function lineOf(text: string, needle: string, nth = 1): number {
  let seen = 0;
  const index = lines(text).findIndex((l) => l.includes(needle) && ++seen === nth);
  expect(index, `"${needle}" (#${nth}) should be in the text`).toBeGreaterThanOrEqual(0);
  return index + 1;
}

/** 1-based line of the first line containing `needle` at or after the line containing `start`. */
function lineAfter(text: string, start: string, needle: string): number {
  const from = lineOf(text, start) - 1;
  const index = lines(text).findIndex((l, i) => i >= from && l.includes(needle));
  expect(index, `"${needle}" should follow "${start}"`).toBeGreaterThanOrEqual(0);
  return index + 1;
}


const SCHEMA_HINT = ' — fix the record to match src/story/schema.ts';

describe('parseFacts with the real data/', () => {
  const facts = parseFacts(real);

  it('accepts every data file', () => {
    expect(facts.article.author).toBe('Zhang Baohui');
    expect(facts.article.date).toBe('2018-05-10');
    for (const key of ['places', 'alliances', 'nato', 'timeline', 'facts'] as const) expect(facts[key].length, key).toBeGreaterThan(0);
  });

  it('has the places, alliances, events and NATO waves the story names', () => {
    expect(facts.places.map((p) => p.id)).toEqual(expect.arrayContaining(['pyongyang', 'seoul', 'beijing', 'dalian', 'washington', 'panmunjom', 'singapore', 'brussels', 'moscow', 'tokyo']));
    expect(facts.alliances.map((a) => a.id)).toEqual(['prc-dprk', 'us-rok']);
    expect(facts.timeline.map((e) => e.id)).toEqual(expect.arrayContaining(['wang-yi-pyongyang', 'xi-moon-call', 'xi-kim-dalian', 'singapore-summit']));
    expect(facts.nato.map((w) => w.id)).toEqual(expect.arrayContaining(['1949', '1982', '2017', '2020', '2023', '2024']));
  });

  it('counts 29 NATO members when the article ran and 32 by 2024', () => {
    const count = (upTo: string) => facts.nato.filter((w) => w.date <= upTo).reduce((n, w) => n + w.members.length, 0);
    expect(count(facts.article.date)).toBe(29);
    expect(count('2024-12-31')).toBe(32);
  });

  it('gives every place, alliance, wave, event and fact a source with a web address or a document', () => {
    const records = [...facts.places, ...facts.alliances, ...facts.nato, ...facts.timeline, ...facts.facts];
    for (const r of records) expect(r.source.url ?? r.source.document, r.id).toBeTruthy();
  });
});

describe('parseFacts on a mistake in data/', () => {
  it('reports a place whose source has neither url nor document at the line of that source', () => {
    const second = realJson('places')[1].id as string;
    const text = mutated('places', (places) => {
      delete places[1].source.url;
      delete places[1].source.document;
    });
    const e = contentError(() => parseWith('places', text));
    expect(e.message).toBe(
      `data/places.json:${lineAfter(text, `"id": "${second}"`, '"source": {')}: 1.source: a source needs a "url" or a "document" (a citation of a printed or archived text)${SCHEMA_HINT}`,
    );
  });

  it('reports a source url that is not a web address', () => {
    const text = mutated('alliances', (alliances) => {
      alliances[0].source.url = 'ftp://example.org/treaty';
    });
    const e = contentError(() => parseWith('alliances', text));
    expect(e.file).toBe('data/alliances.json');
    expect(e.line).toBe(lineOf(text, 'ftp://example.org/treaty'));
    expect(e.problem).toMatch(/^0\.source\.url: .+ — fix the record to match src\/story\/schema\.ts$/);
  });

  it('reports a misspelt key (one the schema does not know) at its line, instead of dropping it', () => {
    const text = mutated('timeline', (events) => {
      events[1].ends = events[1].end ?? '2018-05-03';
    });
    const e = contentError(() => parseWith('timeline', text));
    expect(e.file).toBe('data/timeline.json');
    expect(e.line).toBe(lineOf(text, '"ends":'));
    expect(e.problem).toMatch(/ends/);
  });

  it('reports a badly written event date at its line', () => {
    const text = mutated('timeline', (events) => {
      events[2].date = '1991-12-1';
    });
    const e = contentError(() => parseWith('timeline', text));
    expect(e.message).toBe(`data/timeline.json:${lineOf(text, '"date": "1991-12-1"')}: 2.date: must be a date written YYYY-MM-DD or YYYY-MM${SCHEMA_HINT}`);
  });

  it('reports an article date that is not YYYY-MM-DD at its line', () => {
    const text = mutated('article', (article) => {
      article.date = '10 May 2018';
    });
    const e = contentError(() => parseWith('article', text));
    expect(e.message).toBe(`data/article.json:${lineOf(text, '"date": "10 May 2018"')}: date: must be a date written YYYY-MM-DD${SCHEMA_HINT}`);
  });

  it('reports a missing required field at the line of its record', () => {
    const third = realJson('places')[2].id as string;
    const text = mutated('places', (places) => {
      delete places[2].name;
    });
    const e = contentError(() => parseWith('places', text));
    expect(e.line).toBe(lineOf(text, `"id": "${third}"`) - 1);
    expect(e.problem).toMatch(/^2\.name: .+ — fix the record to match src\/story\/schema\.ts$/);
  });

  it('reports a place id that is not lowercase-hyphenated, with an example', () => {
    const text = mutated('places', (places) => {
      places[0].id = 'Pyong Yang';
    });
    const e = contentError(() => parseWith('places', text));
    expect(e.message).toBe(`data/places.json:${lineOf(text, '"id": "Pyong Yang"')}: 0.id: must be lowercase words joined by hyphens, e.g. "xi-kim-dalian"${SCHEMA_HINT}`);
  });

  it('reports a duplicate place id at the second record, naming the first', () => {
    const places = realJson('places');
    const first = places[0].id as string;
    const last = places.length - 1;
    const text = mutated('places', (p) => {
      p[last].id = first;
    });
    const e = contentError(() => parseWith('places', text));
    expect(e.message).toBe(`data/places.json:${lineOf(text, `"id": "${first}"`, 2)}: duplicate place id "${first}" (also record 1): ids must be unique`);
  });

  it('reports a duplicate event id', () => {
    const events = realJson('timeline');
    const text = mutated('timeline', (t) => {
      t[3].id = events[1].id;
    });
    const e = contentError(() => parseWith('timeline', text));
    expect(e.message).toBe(`data/timeline.json:${lineOf(text, `"id": "${events[1].id}"`, 2)}: duplicate event id "${events[1].id}" (also record 2): ids must be unique`);
  });

  it('reports an alliance between an unknown place at that line, with a did-you-mean hint', () => {
    const text = mutated('alliances', (alliances) => {
      alliances[1].between[0] = 'washingtn';
    });
    const e = contentError(() => parseWith('alliances', text));
    expect(e.message).toBe(`data/alliances.json:${lineOf(text, '"washingtn"')}: unknown place "washingtn" — did you mean "washington"?`);
  });

  it('reports a NATO wave whose afterArticle flag contradicts its date at the flag', () => {
    const text = mutated('nato', (waves) => {
      waves.find((w: { id: string }) => w.id === '2017').afterArticle = true;
    });
    const e = contentError(() => parseWith('nato', text));
    expect(e.message).toBe(
      `data/nato.json:${lineAfter(text, '"id": "2017"', '"afterArticle"')}: wave "2017" joined on 2017-06-05: afterArticle must be false (the article ran on 2018-05-10)`,
    );
  });

  it('reports a wave that joined after the article but is not flagged so', () => {
    const text = mutated('nato', (waves) => {
      waves.find((w: { id: string }) => w.id === '2023').afterArticle = false;
    });
    const e = contentError(() => parseWith('nato', text));
    expect(e.line).toBe(lineAfter(text, '"id": "2023"', '"afterArticle"'));
    expect(e.problem).toMatch(/^wave "2023" joined on 2023-\d\d-\d\d: afterArticle must be true \(the article ran on 2018-05-10\)$/);
  });

  it('reports a wave after the article that is not marked as context, at its context flag', () => {
    const text = mutated('nato', (waves) => {
      waves.find((w: { id: string }) => w.id === '2020').context = false;
    });
    const e = contentError(() => parseWith('nato', text));
    expect(e.message).toBe(`data/nato.json:${lineAfter(text, '"id": "2020"', '"context"')}: wave "2020" came after the article, so it cannot be from the op-ed: set "context": true`);
  });

  it('reports a reunification that names an unknown event', () => {
    const text = mutated('nato', (waves) => {
      waves.find((w: { id: string }) => w.id === '1955').members[0].reunified.event = 'german-reunificaton';
    });
    const e = contentError(() => parseWith('nato', text));
    expect(e.message).toBe(`data/nato.json:${lineOf(text, '"german-reunificaton"')}: unknown event "german-reunificaton" — did you mean "german-reunification"?`);
  });

  it('reports an event after the article that is not marked as context, at its context flag', () => {
    const text = mutated('timeline', (events) => {
      events.find((e: { id: string }) => e.id === 'singapore-summit').context = false;
    });
    const e = contentError(() => parseWith('timeline', text));
    expect(e.message).toBe(`data/timeline.json:${lineAfter(text, '"id": "singapore-summit"', '"context"')}: event "singapore-summit" came after the article, so it cannot be from the op-ed: set "context": true`);
  });

  it('reports a fact without its context flag, at the record', () => {
    const text = mutated('facts', (facts) => {
      delete facts[0].context;
    });
    const e = contentError(() => parseWith('facts', text));
    expect(e.file).toBe('data/facts.json');
    expect(e.problem).toMatch(/^0\.context: .* — fix the record to match src\/story\/schema\.ts$/);
  });

  it('marks as context what the op-ed does not say: the USFK figure, the armistice signatories, Singapore, reunification', () => {
    const facts = parseFacts(real);
    const context = (list: { id: string; context: boolean }[]) => list.filter((r) => r.context).map((r) => r.id);
    expect(context(facts.facts)).toEqual(['usfk-troops', 'armistice-signatories']);
    expect(context(facts.timeline)).toEqual(expect.arrayContaining(['armistice', 'german-reunification', 'kim-beijing-visit', 'singapore-announced', 'singapore-summit', 'trump-g7-to-singapore']));
    expect(context(facts.timeline)).not.toEqual(expect.arrayContaining(['xi-moon-call']));
    expect(context(facts.nato)).toEqual(['2020', '2023', '2024']);
  });

  it('reports a wave whose id is not the year of its date at the date', () => {
    const text = mutated('nato', (waves) => {
      waves.find((w: { id: string }) => w.id === '1999').date = '2000-03-12';
    });
    const e = contentError(() => parseWith('nato', text));
    expect(e.message).toBe(`data/nato.json:${lineOf(text, '"date": "2000-03-12"')}: wave "1999" has date 2000-03-12: a wave's id is the year of its date`);
  });

  it('reports an event that ends before it starts at its end date', () => {
    const events = realJson('timeline');
    const text = mutated('timeline', (t) => {
      t[0].end = '1950-01-01';
    });
    const e = contentError(() => parseWith('timeline', text));
    expect(e.message).toBe(`data/timeline.json:${lineOf(text, '"end": "1950-01-01"')}: event "${events[0].id}" ends (1950-01-01) before it starts (${events[0].date})`);
  });

  it('reports an event whose afterArticle flag contradicts its date', () => {
    const events = realJson('timeline');
    const i = events.findIndex((e: { afterArticle: boolean }) => e.afterArticle);
    expect(i, 'the timeline has an event after the article').toBeGreaterThanOrEqual(0);
    const text = mutated('timeline', (t) => {
      t[i].afterArticle = false;
    });
    const e = contentError(() => parseWith('timeline', text));
    expect(e.message).toBe(
      `data/timeline.json:${lineAfter(text, `"id": "${events[i].id}"`, '"afterArticle"')}: event "${events[i].id}" on ${events[i].date}: afterArticle must be true (the article ran on 2018-05-10)`,
    );
  });
});

describe('parseFacts on text that is not JSON', () => {
  it('reports a missing comma at the line where it is missing', () => {
    const text = real('places');
    const line = lineOf(text, '"lat":');
    const broken = lines(text)
      .map((l, i) => (i === line - 1 ? l.replace(/,$/, '') : l))
      .join('\n');
    const e = contentError(() => parseWith('places', broken));
    expect(e.message).toMatch(new RegExp(`^data/places\\.json:${line}: not valid JSON: `));
  });

  it('reports an unclosed string at its line', () => {
    const text = real('alliances');
    const line = lineOf(text, '"label":');
    const broken = lines(text)
      .map((l, i) => (i === line - 1 ? l.replace(/",$/, ',') : l))
      .join('\n');
    const e = contentError(() => parseWith('alliances', broken));
    expect(e.file).toBe('data/alliances.json');
    expect(e.problem).toMatch(/^not valid JSON: /);
    expect(e.line).toBeGreaterThanOrEqual(line);
  });

  it('reports a key given twice in one record at its line', () => {
    const text = real('article').replace('"outlet":', '"title": "again",\n  "outlet":');
    const e = contentError(() => parseWith('article', text));
    expect(e.message).toMatch(new RegExp(`^data/article\\.json:${lineOf(text, '"title": "again"')}: not valid JSON: the key "title" appears twice in one record \\(keys must be unique\\)`));
  });

  it('rejects a trailing comma, which JSON does not allow', () => {
    const text = real('places').replace(/\}\s*\]\s*$/, '},\n]\n');
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    const e = contentError(() => parseWith('places', text));
    expect(e.message).toMatch(new RegExp(`^data/places\\.json:${lines(text).length - 2}: not valid JSON`));
  });

  it('reports an empty file as not an array', () => {
    const e = contentError(() => parseWith('places', ''));
    expect(e.message).toMatch(/^data\/places\.json:1: not valid JSON: the file is empty/);
  });
});
