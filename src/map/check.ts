/**
 * Every id a map state uses must resolve in data/, and the map must keep the editorial rules the text keeps:
 * context is marked as context, Zhang's hypotheticals carry a scenario label, and only trips have a direction.
 * The build fails on any problem (src/build/load.ts adds the line of the state).
 */
import { unknownId } from '../story/errors.ts';
import type { Catalog } from './catalog.ts';
import type { MapState, Panel } from './state.ts';

const NORTH_KOREA = '408';

/** What in a panel draws Zhang's scenario rather than a fact, by name (empty when nothing does). */
export function hypotheticals(panel: Panel): string[] {
  return [
    ...(panel.ring ? [`a ring ("${panel.ring.label}")`] : []),
    ...(panel.countries.some((c) => c.role === 'reconciled') ? ['a reconciled Korea'] : []),
    ...(panel.arrows.some((a) => a.kind === 'balance') ? ['balancing arrows'] : []),
  ];
}

/** Problems with the states, one line each (empty when all is well). */
export function checkStates(states: Readonly<Record<string, MapState>>, catalog: Catalog): string[] {
  const problems: string[] = [];
  const placeIds = Object.keys(catalog.places);
  const allianceIds = Object.keys(catalog.alliances);
  const eventIds = Object.keys(catalog.events);
  const factIds = Object.keys(catalog.facts);
  const waveIds = catalog.nato.map((w) => w.id);
  const need = (state: string, kind: string, id: string, known: string[]): boolean => {
    if (known.includes(id)) return true;
    problems.push(`src/map/states.ts: state "${state}": ${unknownId(kind, id, known)}`);
    return false;
  };
  /** A mark's `context` flag must agree with the record it shows (data/ says what is context). */
  const contextOf = (state: string, what: string, cited: { kind: 'event' | 'fact'; id: string } | null, marked: boolean | undefined): void => {
    const record = cited ? (cited.kind === 'event' ? catalog.events[cited.id] : catalog.facts[cited.id]) : undefined;
    const file = cited?.kind === 'event' ? 'data/timeline.json' : 'data/facts.json';
    if (record?.context && !marked) {
      problems.push(`src/map/states.ts: state "${state}": ${what} shows ${cited!.kind} "${cited!.id}", which ${file} marks as context (not from the op-ed): add \`context: true\` so the map styles it as context`);
    }
    if (marked && !record?.context) {
      problems.push(
        `src/map/states.ts: state "${state}": ${what} is marked \`context: true\` but ${cited ? `${cited.kind} "${cited.id}" is from the op-ed (${file}): remove the flag` : 'cites no event or fact: add the `event` or `fact` it shows'}`,
      );
    }
  };
  for (const [key, state] of Object.entries(states)) {
    const id = state.id;
    if (key !== id) problems.push(`src/map/states.ts: state registered as "${key}" has id "${id}"`);
    if (!state.description.trim()) problems.push(`src/map/states.ts: state "${id}" has no description`);
    if (state.panels.length < 1 || state.panels.length > 2) problems.push(`src/map/states.ts: state "${id}" must have one or two panels`);
    for (const p of state.panels) {
      p.places.forEach((m) => {
        need(id, 'place', m.id, placeIds);
        const what = `the label of place "${m.id}"`;
        if (m.event) need(id, 'event', m.event, eventIds);
        if (m.fact) need(id, 'fact', m.fact, factIds);
        if (m.label && /\d/.test(m.label) && !m.event && !m.fact) {
          problems.push(`src/map/states.ts: state "${id}": ${what} ("${m.label}") states a number or date: cite its source with \`fact\` or \`event\``);
        }
        contextOf(id, what, m.event ? { kind: 'event', id: m.event } : m.fact ? { kind: 'fact', id: m.fact } : null, m.context);
      });
      p.arcs.forEach((a) => {
        need(id, 'place', a.from, placeIds);
        need(id, 'place', a.to, placeIds);
        const what = `the arc "${a.label}"`;
        if (need(id, 'event', a.event, eventIds)) contextOf(id, what, { kind: 'event', id: a.event }, a.context);
        if (a.kind === 'call' && a.directed) {
          problems.push(`src/map/states.ts: state "${id}": ${what} is a call, which has no direction: set \`directed: false\` (a two-way line, no arrowhead)`);
        }
        if (a.kind === 'visit' && !a.directed) {
          problems.push(`src/map/states.ts: state "${id}": ${what} is a visit, a trip with a direction: set \`directed: true\` (from → to)`);
        }
      });
      p.arrows.forEach((a) => {
        need(id, 'place', a.from, placeIds);
        need(id, 'place', a.to, placeIds);
        const what = `the arrow "${a.label || `${a.from}→${a.to}`}"`;
        if (a.event && need(id, 'event', a.event, eventIds)) contextOf(id, what, { kind: 'event', id: a.event }, a.context);
        else if (!a.event && a.context) contextOf(id, what, null, a.context);
      });
      p.alliances.forEach((a) => need(id, 'alliance', a.id, allianceIds));
      p.ring?.around.forEach((place) => need(id, 'place', place, placeIds));
      p.table?.parties.forEach((place) => need(id, 'place', place, placeIds));
      if (p.nato) need(id, 'NATO wave', p.nato.through, waveIds);
      if (p.countries.some((c) => c.id === NORTH_KOREA && c.role === 'ally-us')) {
        problems.push(`src/map/states.ts: state "${id}": North Korea (408) is drawn as a US ally, which no fact or argument here says: draw a reconciled Korea with role 'reconciled' and a scenario label`);
      }
      const drawn = hypotheticals(p);
      if (drawn.length && !/scenario/i.test(p.scenario ?? '')) {
        problems.push(`src/map/states.ts: state "${id}": draws Zhang’s hypothetical (${drawn.join(', ')}) without a scenario label: add \`scenario: 'Zhang’s scenario: …'\``);
      }
    }
  }
  return problems;
}
