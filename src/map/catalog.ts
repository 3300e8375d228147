/** The slice of data/ the map needs at run time: positions, alliance ends, NATO waves, event dates, context flags, and the sources explore mode links. */
import type { Facts, Source } from '../story/types.ts';

/** A record's source as explore mode links it: its title and, where it has one, its address. */
export interface SourceRef {
  title: string;
  url?: string;
}

export interface Catalog {
  places: Record<string, { name: string; lon: number; lat: number; country: string; source?: SourceRef }>;
  alliances: Record<string, { name: string; label: string; between: [string, string]; countries: [string, string]; signed: string }>;
  /** In accession order. `reunified`: territory a member gained later without a new member (East Germany, 1990). */
  nato: { id: string; date: string; members: string[]; names: string[]; afterArticle: boolean; context: boolean; reunified: { name: string; with: string; event: string }[] }[];
  events: Record<string, { date: string; end?: string; label: string; afterArticle: boolean; context: boolean; source?: SourceRef }>;
  facts: Record<string, { context: boolean; text?: string; source?: SourceRef }>;
}

const byId = <T extends { id: string }, U>(records: T[], pick: (r: T) => U): Record<string, U> =>
  Object.fromEntries(records.map((r) => [r.id, pick(r)]));

const ref = ({ title, url }: Source): SourceRef => (url ? { title, url } : { title });

export function catalogFrom(facts: Facts): Catalog {
  return {
    places: byId(facts.places, ({ name, lon, lat, country, source }) => ({ name, lon, lat, country, source: ref(source) })),
    alliances: byId(facts.alliances, ({ name, label, between, countries, signed }) => ({ name, label, between, countries, signed })),
    nato: [...facts.nato]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((w) => ({
        id: w.id,
        date: w.date,
        members: w.members.map((m) => m.id),
        names: w.members.map((m) => m.name),
        afterArticle: w.afterArticle,
        context: w.context,
        reunified: w.members.flatMap((m) => (m.reunified ? [{ name: m.name, ...m.reunified }] : [])),
      })),
    events: byId(facts.timeline, ({ date, end, label, afterArticle, context, source }) => ({ date, end, label, afterArticle, context, source: ref(source) })),
    facts: byId(facts.facts, ({ context, text, source }) => ({ context, text, source: ref(source) })),
  };
}

/**
 * The catalog without the sources and fact texts: what the map needs to draw. The page ships this lean one; explore
 * mode, which links the sources, loads the whole catalog with its own code when the reader first explores.
 */
export function leanCatalog(c: Catalog): Catalog {
  const drop = <T extends { source?: SourceRef; text?: string }>(r: Record<string, T>): Record<string, T> =>
    Object.fromEntries(
      Object.entries(r).map(([id, record]) => {
        const rest = { ...record };
        delete rest.source;
        delete rest.text;
        return [id, rest];
      }),
    );
  return { ...c, places: drop(c.places), events: drop(c.events), facts: drop(c.facts) };
}
