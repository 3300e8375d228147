/** A map state → its text alternative: the state's own sentence, then what is drawn, from the data. */
import type { Catalog } from './catalog.ts';
import type { MapState, Panel } from './state.ts';

const year = (date: string): string => date.slice(0, 4);
const placeName = (catalog: Catalog, id: string): string => catalog.places[id]?.name ?? id;
/** Ends a sentence with one full stop, even when its last word is an abbreviation ("D.C."). */
const sentence = (text: string): string => (text.endsWith('.') ? text : `${text}.`);
const joinAnd = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** NATO members, in accession order, up to and including a wave. */
export function natoMembersThrough(catalog: Catalog, through: string, includeAfterArticle: boolean) {
  const last = catalog.nato.findIndex((w) => w.id === through);
  return catalog.nato.slice(0, last + 1).filter((w) => includeAfterArticle || !w.afterArticle);
}

function describePanel(panel: Panel, catalog: Catalog): string[] {
  const lines: string[] = [];
  for (const line of panel.alliances) {
    const a = catalog.alliances[line.id];
    const [x, y] = a.between.map((p) => placeName(catalog, p));
    const how = line.style === 'fading' ? 'fading' : line.style === 'spanning' ? `extended to ${placeName(catalog, line.reach ?? '')}` : 'drawn';
    lines.push(`Alliance line ${x}–${y} (${a.label}, signed ${year(a.signed)}): ${how}.`);
  }
  if (panel.arcs.length) {
    const arcs = [...panel.arcs].sort((a, b) => a.order - b.order);
    lines.push(`In date order: ${arcs.map((a) => `${a.label} (${a.kind === 'call' ? 'phone call' : 'visit'}, ${placeName(catalog, a.from)} to ${placeName(catalog, a.to)})`).join('; ')}.`);
  }
  if (panel.table) lines.push(sentence(`${panel.table.label}: ${joinAnd(panel.table.parties.map((p) => placeName(catalog, p)))}`));
  if (panel.nato) {
    const waves = natoMembersThrough(catalog, panel.nato.through, panel.nato.showAfterArticle);
    const count = waves.reduce((n, w) => n + w.members.length, 0);
    const after = waves.filter((w) => w.afterArticle);
    lines.push(`NATO members shaded through ${panel.nato.through}: ${count} countries${after.length ? `, of which ${after.map((w) => `${joinAnd(w.names)} (${w.id})`).join(', ')} joined after the article` : ''}.`);
  }
  return lines;
}

/** The full text alternative of a state, in plain sentences. */
export function describe(state: MapState, catalog: Catalog): string {
  return [state.description, ...state.panels.flatMap((p) => describePanel(p, catalog))].join(' ');
}
