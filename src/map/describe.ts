/** A map state → its text alternative: the state's own sentence, then what is drawn, from the data. */
import type { Catalog } from './catalog.ts';
import type { Arc, MapState, Panel } from './state.ts';

const year = (date: string): string => date.slice(0, 4);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** "1990-10-03" → "3 October 1990". */
const longDate = (date: string): string => `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${year(date)}`;
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
    const how = line.style === 'fading' ? 'fading' : 'drawn';
    lines.push(`Alliance line ${x}–${y} (${a.label}, signed ${year(a.signed)}): ${how}.`);
  }
  if (panel.arcs.length) {
    const arcs = [...panel.arcs].sort((a, b) => a.order - b.order);
    // Direction is data: a trip runs from one place to another; a call is between two, whoever placed it.
    const way = (a: Arc): string =>
      a.directed ? `from ${placeName(catalog, a.from)} to ${placeName(catalog, a.to)}` : `between ${placeName(catalog, a.from)} and ${placeName(catalog, a.to)}`;
    lines.push(`In date order: ${arcs.map((a) => `${a.label} (${a.kind === 'call' ? 'phone call' : 'visit'}, ${way(a)}${a.context ? ', context' : ''})`).join('; ')}.`);
  }
  for (const a of panel.arrows.filter((x) => x.inbound)) {
    lines.push(sentence(`An arrow comes in from ${placeName(catalog, a.from)}, off the map, to ${placeName(catalog, a.to)}: ${a.label}`));
  }
  if (panel.table) lines.push(sentence(`${panel.table.label}: ${joinAnd(panel.table.parties.map((p) => placeName(catalog, p)))}`));
  if (panel.nato) {
    const waves = natoMembersThrough(catalog, panel.nato.through, panel.nato.showAfterArticle);
    const count = waves.reduce((n, w) => n + w.members.length, 0);
    const after = waves.filter((w) => w.afterArticle);
    lines.push(`NATO members shaded through ${panel.nato.through}: ${count} countries${after.length ? `, of which ${after.map((w) => `${joinAnd(w.names)} (${w.id})`).join(', ')} joined after the article` : ''}.`);
    const until = catalog.nato.find((w) => w.id === panel.nato!.through)?.date ?? '';
    for (const w of waves)
      w.reunified.forEach(({ name, event }) => {
        const e = catalog.events[event];
        if (e && e.date > until) lines.push(`${name} alone is shaded (it joined in ${w.id}); the rest of Germany came into NATO only with reunification on ${longDate(e.date)}.`);
        else if (e) lines.push(`${name} is shaded from ${w.id}, and the whole of Germany from reunification on ${longDate(e.date)} (context).`);
      });
  }
  const context = [
    ...panel.places.filter((m) => m.context).map((m) => m.label ?? placeName(catalog, m.id)),
    ...panel.arrows.filter((a) => a.context).map((a) => a.label),
  ];
  if (context.length) lines.push(sentence(`Marked as context, not from the op-ed: ${joinAnd(context)}`));
  if (panel.scenario) lines.push(sentence(`Labelled on the map as hypothetical: ${panel.scenario}`));
  return lines;
}

/** The full text alternative of a state, in plain sentences. */
export function describe(state: MapState, catalog: Catalog): string {
  return [state.description, ...state.panels.flatMap((p) => describePanel(p, catalog))].join(' ');
}
