/** Every id a map state uses must resolve in data/: the build fails on the first that does not. */
import { unknownId } from '../story/errors.ts';
import type { Catalog } from './catalog.ts';
import type { MapState } from './state.ts';

/** Problems with the states, one line each (empty when all is well). */
export function checkStates(states: Readonly<Record<string, MapState>>, catalog: Catalog): string[] {
  const problems: string[] = [];
  const placeIds = Object.keys(catalog.places);
  const allianceIds = Object.keys(catalog.alliances);
  const eventIds = Object.keys(catalog.events);
  const waveIds = catalog.nato.map((w) => w.id);
  const need = (state: string, kind: string, id: string, known: string[]): void => {
    if (!known.includes(id)) problems.push(`src/map/states.ts: state "${state}": ${unknownId(kind, id, known)}`);
  };
  for (const [key, state] of Object.entries(states)) {
    if (key !== state.id) problems.push(`src/map/states.ts: state registered as "${key}" has id "${state.id}"`);
    if (!state.description.trim()) problems.push(`src/map/states.ts: state "${state.id}" has no description`);
    if (state.panels.length < 1 || state.panels.length > 2) problems.push(`src/map/states.ts: state "${state.id}" must have one or two panels`);
    for (const p of state.panels) {
      p.places.forEach((m) => need(state.id, 'place', m.id, placeIds));
      p.arcs.forEach((a) => {
        need(state.id, 'place', a.from, placeIds);
        need(state.id, 'place', a.to, placeIds);
        need(state.id, 'event', a.event, eventIds);
      });
      p.arrows.forEach((a) => {
        need(state.id, 'place', a.from, placeIds);
        need(state.id, 'place', a.to, placeIds);
      });
      p.alliances.forEach((a) => {
        need(state.id, 'alliance', a.id, allianceIds);
        if (a.reach) need(state.id, 'place', a.reach, placeIds);
      });
      p.ring?.around.forEach((id) => need(state.id, 'place', id, placeIds));
      p.table?.parties.forEach((id) => need(state.id, 'place', id, placeIds));
      if (p.nato) need(state.id, 'NATO wave', p.nato.through, waveIds);
    }
  }
  return problems;
}
