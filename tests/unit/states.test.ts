import { readFileSync } from 'node:fs';
import { geoArea } from 'd3-geo';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStory } from '../../src/build/load';
import { catalogFrom } from '../../src/map/catalog';
import { checkStates } from '../../src/map/check';
import { natoMembersThrough } from '../../src/map/describe';
import { decodeRegion } from '../../src/map/decode';
import { panelBoxes, projectionFor } from '../../src/map/projection';
import type { MapState, Panel, Region } from '../../src/map/state';
import { stateIds, states } from '../../src/map/states';
import { parseFacts } from '../../src/story/facts';
import { badStates } from '../fixtures/states-bad';

const root = join(__dirname, '../..');
const facts = parseFacts((name) => readFileSync(join(root, 'data', `${name}.json`), 'utf8'));
const catalog = catalogFrom(facts);
const story = loadStory(root);

type Topology = Parameters<typeof decodeRegion>[0];
const region = (name: Region) => decodeRegion(JSON.parse(readFileSync(join(root, 'data', 'geo', `${name}.json`), 'utf8')) as Topology);
const geometry = { 'east-asia': region('east-asia'), europe: region('europe') };
const countryIds = (name: Region) => new Set(geometry[name].countries.map((c) => c.id));

const allStates = Object.values(states);
const clone = (id: string): MapState => structuredClone(states[id]);

describe('the map states in src/map/states.ts', () => {
  it('all resolve against the real data (checkStates finds no problem)', () => {
    expect(checkStates(states, catalog)).toEqual([]);
  });

  it('have one id each: no two states share one (the registry would keep only the last)', () => {
    expect(stateIds.filter((id, i) => stateIds.indexOf(id) !== i)).toEqual([]);
    expect(Object.keys(states)).toEqual([...stateIds]);
  });

  it.each(allStates.map((s) => [s.id, s] as const))('"%s" is complete: caption, description, 1–2 panels with every panel key', (_id, state) => {
    expect(state.caption.trim()).not.toBe('');
    expect(state.description.trim().length).toBeGreaterThan(20);
    expect(state.panels.length).toBeGreaterThanOrEqual(1);
    expect(state.panels.length).toBeLessThanOrEqual(2);
    const keys: (keyof Panel)[] = ['view', 'countries', 'places', 'arcs', 'alliances', 'arrows', 'dmz', 'ring', 'table', 'nato', 'title', 'scenario'];
    for (const panel of state.panels) {
      expect(Object.keys(panel).sort()).toEqual([...keys].sort());
      for (const key of keys) expect(panel[key], key).not.toBeUndefined();
      expect(['east-asia', 'europe']).toContain(panel.view.region);
      expect(panel.view.span.every((d) => d > 0)).toBe(true);
    }
  });

  it('colour only countries that exist in the geometry of their panel', () => {
    const missing = allStates.flatMap((state) =>
      state.panels.flatMap((panel) => {
        const ids = countryIds(panel.view.region);
        return panel.countries.filter((c) => !ids.has(c.id)).map((c) => `${state.id}: ${c.id} not in data/geo/${panel.view.region}.json`);
      }),
    );
    expect(missing).toEqual([]);
  });

  it('give each country at most one role per panel', () => {
    for (const state of allStates)
      for (const panel of state.panels) {
        const ids = panel.countries.map((c) => c.id);
        expect(new Set(ids).size, state.id).toBe(ids.length);
      }
  });

  it('number the arcs of a panel 1, 2, 3… in order', () => {
    for (const state of allStates)
      for (const panel of state.panels) expect(panel.arcs.map((a) => a.order).sort(), state.id).toEqual(panel.arcs.map((_, i) => i + 1));
  });

  it('mark only places that are inside their panel on an 800×600 map', () => {
    const outside = allStates.flatMap((state) => {
      const boxes = panelBoxes(state.panels.length, 800, 600);
      return state.panels.flatMap((panel, i) => {
        const projection = projectionFor(panel.view, boxes[i]);
        const b = boxes[i];
        return panel.places
          .filter((m) => {
            const [x, y] = projection([catalog.places[m.id].lon, catalog.places[m.id].lat])!;
            return x < b.x || x > b.x + b.width || y < b.y || y > b.y + b.height;
          })
          .map((m) => `${state.id}: ${m.id}`);
      });
    });
    expect(outside).toEqual([]);
  });
});

describe('checkStates(states, catalog)', () => {
  const check = (state: MapState) => checkStates({ [state.id]: state }, catalog);

  it('reports an unknown place with the state id and a did-you-mean hint', () => {
    const state = clone('divided-alliances');
    state.panels[0].places[0] = { id: 'pyongyan' };
    expect(check(state)).toEqual(['src/map/states.ts: state "divided-alliances": unknown place "pyongyan" — did you mean "pyongyang"?']);
  });

  it('reports an unknown arc end and an unknown arc event', () => {
    const state = clone('flurry-dalian');
    state.panels[0].arcs[2] = { ...state.panels[0].arcs[2], to: 'dailan', event: 'xi-kim-dalien' };
    expect(check(state)).toEqual([
      'src/map/states.ts: state "flurry-dalian": unknown place "dailan" — did you mean "dalian"?',
      'src/map/states.ts: state "flurry-dalian": unknown event "xi-kim-dalien" — did you mean "xi-kim-dalian"?',
    ]);
  });

  it('reports an unknown alliance', () => {
    const state = clone('after-reconciliation');
    state.panels[0].alliances = [{ id: 'us-japan', style: 'firm' }];
    const problems = check(state);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^src\/map\/states\.ts: state "after-reconciliation": unknown alliance "us-japan" — (did you mean "us-rok"\?|known: prc-dprk, us-rok)$/);
  });

  it('reports an unknown NATO wave, listing the known waves', () => {
    const state = clone('nato-expansion');
    state.panels[0].nato = { through: '2016', showAfterArticle: false };
    expect(check(state)).toEqual([`src/map/states.ts: state "nato-expansion": unknown NATO wave "2016" — did you mean "${['2017', '2009'].find((w) => catalog.nato.some((x) => x.id === w))}"?`]);
  });

  it('reports unknown places in a table, a ring and an arrow', () => {
    const state = clone('offensive-realism');
    state.panels[0].ring = { around: ['pyongyang', 'soul'], label: 'x' };
    state.panels[0].table = { parties: ['washington', 'tokio'], label: 'x' };
    state.panels[0].arrows = [{ from: 'pyongyang', to: 'bejing', label: '', kind: 'balance' }];
    expect(check(state)).toEqual([
      'src/map/states.ts: state "offensive-realism": unknown place "bejing" — did you mean "beijing"?',
      'src/map/states.ts: state "offensive-realism": unknown place "soul" — did you mean "seoul"?',
      'src/map/states.ts: state "offensive-realism": unknown place "tokio" — did you mean "tokyo"?',
    ]);
  });

  it('reports a state registered under another id, one without description and one with three panels', () => {
    const a = clone('lesson');
    const b = { ...clone('panmunjom'), description: '  ' };
    const c = clone('lesson');
    c.id = 'three-panels';
    c.panels.push(c.panels[0]);
    expect(checkStates({ wrong: a, panmunjom: b, 'three-panels': c }, catalog)).toEqual([
      'src/map/states.ts: state registered as "wrong" has id "lesson"',
      'src/map/states.ts: state "panmunjom" has no description',
      'src/map/states.ts: state "three-panels" must have one or two panels',
    ]);
  });
});

describe('checkStates holds the map to the editorial rules (tests/fixtures/states-bad.ts)', () => {
  const check = (state: MapState) => checkStates({ [state.id]: state }, catalog);

  it('fails a label that shows a context fact without the context style', () => {
    expect(check(badStates.contextLabelUnmarked)).toEqual([
      'src/map/states.ts: state "no-pullout": the label of place "seoul" shows fact "usfk-troops", which data/facts.json marks as context (not from the op-ed): add `context: true` so the map styles it as context',
    ]);
  });

  it('fails an arc and an arrow that show context events without the context style', () => {
    expect(check(badStates.contextArcUnmarked)).toEqual([
      'src/map/states.ts: state "what-came-next": the arc "12 June: Trump–Kim summit" shows event "singapore-summit", which data/timeline.json marks as context (not from the op-ed): add `context: true` so the map styles it as context',
    ]);
    expect(check(badStates.contextArrowUnmarked)).toEqual([
      'src/map/states.ts: state "what-came-next": the arrow "Trump, from the G7 in Québec" shows event "trump-g7-to-singapore", which data/timeline.json marks as context (not from the op-ed): add `context: true` so the map styles it as context',
    ]);
  });

  it('fails a mark styled as context whose event is from the op-ed', () => {
    expect(check(badStates.opEdMarkedContext)).toEqual([
      'src/map/states.ts: state "flurry-dalian": the arc "7–8 May: Kim to Dalian" is marked `context: true` but event "xi-kim-dalian" is from the op-ed (data/timeline.json): remove the flag',
    ]);
  });

  it('fails a label with a number and no source', () => {
    expect(check(badStates.numberUnsourced)).toEqual([
      'src/map/states.ts: state "no-pullout": the label of place "seoul" ("Seoul · US Forces Korea, about 28,500") states a number or date: cite its source with `fact` or `event`',
    ]);
  });

  it('fails Zhang’s hypothetical drawn without a scenario label', () => {
    expect(check(badStates.scenarioUnlabelled)).toEqual([
      'src/map/states.ts: state "after-reconciliation": draws Zhang’s hypothetical (a reconciled Korea, balancing arrows) without a scenario label: add `scenario: \'Zhang’s scenario: …\'`',
    ]);
    expect(check(badStates.ringNotScenario)).toEqual([
      'src/map/states.ts: state "offensive-realism": draws Zhang’s hypothetical (a ring ("US-led security mechanism?"), a reconciled Korea, balancing arrows) without a scenario label: add `scenario: \'Zhang’s scenario: …\'`',
    ]);
  });

  it('fails a call given a direction, and a visit without one', () => {
    expect(check(badStates.callDirected)).toEqual([
      'src/map/states.ts: state "flurry-call": the arc "4 May: Xi–Moon call" is a call, which has no direction: set `directed: false` (a two-way line, no arrowhead)',
    ]);
    expect(check(badStates.visitUndirected)).toEqual([
      'src/map/states.ts: state "flurry-wang-yi": the arc "2–3 May: Wang Yi" is a visit, a trip with a direction: set `directed: true` (from → to)',
    ]);
  });

  it('fails North Korea drawn as a US ally', () => {
    expect(check(badStates.northKoreaUsAlly)).toEqual([
      'src/map/states.ts: state "after-reconciliation": North Korea (408) is drawn as a US ally, which no fact or argument here says: draw a reconciled Korea with role \'reconciled\' and a scenario label',
    ]);
  });

  it('finds nothing to fix in the real states: context marked, scenarios labelled, only trips directed', () => {
    for (const state of allStates)
      for (const panel of state.panels) {
        for (const arc of panel.arcs) expect(arc.directed, `${state.id}: ${arc.label}`).toBe(arc.kind === 'visit');
        for (const arc of panel.arcs) expect(!!arc.context, `${state.id}: ${arc.label}`).toBe(catalog.events[arc.event].context);
      }
    expect(states['after-reconciliation'].panels[0].scenario).toMatch(/^Zhang’s scenario/);
    expect(states['offensive-realism'].panels[0].scenario).toMatch(/^Zhang’s scenario/);
  });
});

describe('the story and the states together', () => {
  const steps = story.sections.flatMap((s) => s.steps.map((step) => ({ section: s.id, ...step })));

  it('loads the real story', () => {
    expect(story.sections.length).toBeGreaterThanOrEqual(10);
    expect(steps.length).toBeGreaterThanOrEqual(story.sections.length);
  });

  it('uses every map state in some step', () => {
    const used = new Set(steps.map((s) => s.state));
    expect(stateIds.filter((id) => !used.has(id))).toEqual([]);
  });

  it('uses each map state in one step only, so a state id finds one step', () => {
    const ids = steps.map((s) => s.state);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});

describe('the geometry in data/geo/', () => {
  it('has both Koreas and China in East Asia, and a non-empty DMZ line between the Koreas', () => {
    const ids = countryIds('east-asia');
    for (const id of ['408', '410', '156']) expect(ids.has(id), id).toBe(true);
    const dmz = geometry['east-asia'].dmz;
    expect(dmz.coordinates.length).toBeGreaterThan(0);
    expect(dmz.coordinates.flat().length).toBeGreaterThan(2);
    for (const [lon, lat] of dmz.coordinates.flat()) {
      expect(lon).toBeGreaterThan(124);
      expect(lon).toBeLessThan(130);
      expect(lat).toBeGreaterThan(37);
      expect(lat).toBeLessThan(39.5);
    }
  });

  it('splits Germany into West (280) and East Germany with Berlin (278), of about their 1949–90 areas, with no border drawn between them', () => {
    const ids = countryIds('europe');
    expect(ids.has('276')).toBe(false);
    const km2 = (id: string) => (geoArea(geometry.europe.countries.find((c) => c.id === id)!) * 6371 ** 2) / 1000;
    // West Germany 248,700 km² and the GDR 108,300 km² (with West Berlin in the East piece: today's Länder).
    expect(km2('280')).toBeGreaterThan(240);
    expect(km2('280')).toBeLessThan(252);
    expect(km2('278')).toBeGreaterThan(104);
    expect(km2('278')).toBeLessThan(112);
    const inner = geometry.europe.borders.coordinates.flat().filter(([lon, lat]) => lon > 10.5 && lon < 11.5 && lat > 51.5 && lat < 53);
    expect(inner, 'no border line along the Elbe–Harz stretch of the old inner-German border').toEqual([]);
  });

  it('has no DMZ in Europe', () => {
    expect(geometry.europe.dmz.coordinates).toEqual([]);
  });

  it('has every NATO member in Europe, except the United States and Canada', () => {
    const ids = countryIds('europe');
    const missing = facts.nato.flatMap((w) => w.members).filter((m) => !ids.has(m.id)).map((m) => `${m.id} ${m.name}`);
    expect(missing.sort()).toEqual(['124 Canada', '840 United States']);
  });

  it('has a country for every member a NATO state shades, apart from the two across the Atlantic', () => {
    const ids = countryIds('europe');
    for (const state of allStates)
      for (const panel of state.panels) {
        if (!panel.nato) continue;
        const members = natoMembersThrough(catalog, panel.nato.through, panel.nato.showAfterArticle).flatMap((w) => w.members);
        expect(members.filter((id) => !ids.has(id)).sort(), state.id).toEqual(['124', '840']);
      }
  });

  it('gives each country a unique id (ISO numeric, or a slug where there is none) and a name', () => {
    for (const name of ['east-asia', 'europe'] as const)
      for (const c of geometry[name].countries) {
        expect(c.id).toMatch(/^(\d{3}|[a-z]+(-[a-z]+)*)$/);
        expect(c.properties.name).toBeTruthy();
      }
    for (const name of ['east-asia', 'europe'] as const) expect(countryIds(name).size).toBe(geometry[name].countries.length);
  });
});
