/** The slice of data/ the map needs at run time: positions, alliance ends, NATO waves, event dates. */
import type { Facts } from '../story/types.ts';

export interface Catalog {
  places: Record<string, { name: string; lon: number; lat: number; country: string }>;
  alliances: Record<string, { name: string; label: string; between: [string, string]; countries: [string, string]; signed: string }>;
  /** In accession order. */
  nato: { id: string; date: string; members: string[]; names: string[]; afterArticle: boolean }[];
  events: Record<string, { date: string; end?: string; label: string; afterArticle: boolean }>;
}

const byId = <T extends { id: string }, U>(records: T[], pick: (r: T) => U): Record<string, U> =>
  Object.fromEntries(records.map((r) => [r.id, pick(r)]));

export function catalogFrom(facts: Facts): Catalog {
  return {
    places: byId(facts.places, ({ name, lon, lat, country }) => ({ name, lon, lat, country })),
    alliances: byId(facts.alliances, ({ name, label, between, countries, signed }) => ({ name, label, between, countries, signed })),
    nato: [...facts.nato]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((w) => ({ id: w.id, date: w.date, members: w.members.map((m) => m.id), names: w.members.map((m) => m.name), afterArticle: w.afterArticle })),
    events: byId(facts.timeline, ({ date, end, label, afterArticle }) => ({ date, end, label, afterArticle })),
  };
}
