import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe as group, expect, it } from 'vitest';
import { catalogFrom } from '../../src/map/catalog';
import { describe, natoMembersThrough } from '../../src/map/describe';
import type { MapState } from '../../src/map/state';
import { states } from '../../src/map/states';
import { parseFacts } from '../../src/story/facts';

const root = join(__dirname, '../..');
const facts = parseFacts((name) => readFileSync(join(root, 'data', `${name}.json`), 'utf8'));
const catalog = catalogFrom(facts);
const text = (id: string) => describe(states[id], catalog);

group('describe(state, catalog)', () => {
  it('starts with the state’s own description', () => {
    for (const state of Object.values(states)) expect(describe(state, catalog).startsWith(state.description), state.id).toBe(true);
  });

  it('for divided-alliances, names both alliances with their places, labels and years from data/', () => {
    const t = text('divided-alliances');
    for (const a of facts.alliances) {
      const [x, y] = a.between.map((id) => catalog.places[id].name);
      expect(t).toContain(`Alliance line ${x}–${y} (${a.label}, signed ${a.signed.slice(0, 4)}): drawn.`);
    }
    expect(t).toContain('Beijing–Pyongyang (1961 treaty, signed 1961)');
    expect(t).toContain('Seoul (1953 treaty, signed 1953)');
  });

  it('for after-reconciliation, says which line fades, that the US line still ends in Seoul, and that it is Zhang’s scenario', () => {
    const t = text('after-reconciliation');
    expect(t).toMatch(/Alliance line Beijing–Pyongyang \(1961 treaty, signed 1961\): fading\./);
    expect(t).toMatch(/–Seoul \(1953 treaty, signed 1953\): drawn\./);
    expect(t).not.toMatch(/extended to Pyongyang/);
    expect(t).toContain('Labelled on the map as hypothetical: Zhang’s scenario: a reconciled Korea.');
  });

  it('for no-pullout, names the US Forces Korea label as context', () => {
    expect(text('no-pullout')).toContain('Marked as context, not from the op-ed: Seoul · US Forces Korea, about 28,500.');
  });

  it('for the NATO maps, says West Germany alone is shaded before 1990 and the whole of Germany after', () => {
    expect(text('nato-cold-war')).toContain('West Germany alone is shaded (it joined in 1955); the rest of Germany came into NATO only with reunification on 3 October 1990.');
    expect(text('nato-expansion')).toContain('West Germany is shaded from 1955, and the whole of Germany from reunification on 3 October 1990 (context).');
  });

  it('for what-came-next, brings Trump in from Québec, not from Washington', () => {
    const t = text('what-came-next');
    expect(t).toContain('An arrow comes in from La Malbaie, Québec, off the map, to Singapore: Trump, from the G7 in Québec.');
    expect(t).not.toMatch(/Washington/);
  });

  it('for nato-after-article, names North Macedonia, Finland and Sweden as joining after the article, of 32', () => {
    const t = text('nato-after-article');
    expect(t).toContain('NATO members shaded through 2024: 32 countries, of which North Macedonia (2020), Finland (2023), Sweden (2024) joined after the article.');
  });

  it('for the NATO states before the article, counts the members and names no later wave', () => {
    expect(text('nato-cold-war')).toContain('NATO members shaded through 1982: 16 countries.');
    expect(text('nato-expansion')).toContain('NATO members shaded through 2017: 29 countries.');
    expect(text('nato-expansion')).not.toMatch(/after the article/);
  });

  it('for flurry-dalian, lists the three contacts in date order and calls the call a "phone call"', () => {
    const t = text('flurry-dalian');
    expect(t).toContain(
      'In date order: 2–3 May: Wang Yi (visit, from Beijing to Pyongyang); 4 May: Xi–Moon call (phone call, between Beijing and Seoul); 7–8 May: Kim to Dalian (visit, from Pyongyang to Dalian).',
    );
    const arcs = states['flurry-dalian'].panels[0].arcs;
    const byDate = [...arcs].sort((a, b) => catalog.events[a.event].date.localeCompare(catalog.events[b.event].date));
    const positions = byDate.map((a) => t.indexOf(a.label));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('lists arcs by their order, not by the order they are written in the state', () => {
    const state: MapState = structuredClone(states['flurry-dalian']);
    state.panels[0].arcs.reverse();
    expect(describe(state, catalog)).toBe(text('flurry-dalian'));
  });

  it('names the parties of a table with "and" before the last', () => {
    expect(text('four-party')).toMatch(/Four-way talks: Pyongyang, Seoul, Washington(, D\.C\.)? and Beijing\./);
    expect(text('three-way')).toMatch(/Three-way talks: Pyongyang, Seoul and Washington(, D\.C)?\./);
  });

  it('describes both panels of a two-panel state', () => {
    const t = text('lesson');
    expect(t).toContain('NATO members shaded through 2017: 29 countries.');
    expect(t).toMatch(/Four-way talks: Pyongyang, Seoul, .* and Beijing\./);
  });

  it('ends every sentence with a single full stop (no "D.C..")', () => {
    for (const state of Object.values(states)) expect(describe(state, catalog), state.id).not.toMatch(/\.\./);
  });

  it('is plain text, without markup', () => {
    for (const state of Object.values(states)) expect(describe(state, catalog), state.id).not.toMatch(/[<>]/);
  });
});

group('natoMembersThrough(catalog, wave, includeAfterArticle)', () => {
  it('returns the waves up to and including the given one, in accession order', () => {
    expect(natoMembersThrough(catalog, '1955', false).map((w) => w.id)).toEqual(['1949', '1952', '1955']);
  });

  it('leaves out the waves after the article unless asked', () => {
    expect(natoMembersThrough(catalog, '2024', false).map((w) => w.id)).not.toContain('2020');
    expect(natoMembersThrough(catalog, '2024', true).map((w) => w.id).slice(-3)).toEqual(['2020', '2023', '2024']);
  });
});
