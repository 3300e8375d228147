/**
 * A map state → its legend: one entry for each kind of mark the picture draws, read from the same frame the
 * renderer draws (frameOf), so the key can never list a mark the map lacks or miss one it has. Each entry carries
 * the map's own classes, so its swatch is drawn by the map's stylesheet in the map's visual form.
 */
import type { Catalog } from './catalog.ts';
import { frameOf, type Frame } from './frame.ts';
import type { CountryRole, MapState } from './state.ts';

/** How an entry's swatch is drawn: a shape carrying the map's classes for that mark. */
export type Swatch =
  | { shape: 'area'; className: string; hatch?: 'outside' | 'after' | 'scenario' }
  | { shape: 'line'; className: string; head?: string }
  | { shape: 'dot'; className: string; ring?: boolean }
  | { shape: 'polygon'; className: string }
  | { shape: 'ring'; className: string }
  | { shape: 'text'; className: string; text: string };

export interface LegendEntry {
  /** Identifies the kind of mark: `fill:<role>`, `alliance:<side>:<style>`, `arc:<kind>[:context]`… */
  key: string;
  swatch: Swatch;
  label: string;
  /** One line: what the mark means. */
  meaning: string;
}

const ROLES: Record<CountryRole, { label: string; meaning: string; hatch?: 'outside' | 'after' | 'scenario' }> = {
  focus: { label: 'Subject', meaning: 'the countries this picture is about' },
  party: { label: 'Party', meaning: 'a party to the process or talks shown' },
  'ally-us': { label: 'US ally', meaning: 'in an alliance with the United States' },
  'ally-cn': { label: 'China’s ally', meaning: 'in an alliance with China' },
  outside: { label: 'Left out', meaning: 'outside the process shown (hatched grey)', hatch: 'outside' },
  nato: { label: 'NATO member', meaning: 'a member by the year shown' },
  'nato-after': { label: 'Joined later', meaning: 'joined NATO after the article ran (hatched)', hatch: 'after' },
  reconciled: { label: 'Reconciled Korea', meaning: 'Zhang’s scenario, not a fact (hatched, dashed edge)', hatch: 'scenario' },
};

/** Keeps the first entry of each key, in the order the marks are met. */
function unique(entries: LegendEntry[]): LegendEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(e.key) && seen.add(e.key));
}

/** The legend of a frame: every kind of mark its panels carry (fully present or not). */
export function legendOfFrame(frame: Frame, catalog: Catalog): LegendEntry[] {
  const out: LegendEntry[] = [];
  const panels = frame.panels;
  for (const p of panels)
    for (const { value: f } of p.fills) {
      const role = ROLES[f.role];
      out.push({ key: `fill:${f.role}`, swatch: { shape: 'area', className: `country role-${f.role}`, hatch: role.hatch }, label: role.label, meaning: role.meaning });
    }
  for (const p of panels)
    for (const { value: f } of p.fills)
      if (f.context) out.push({ key: 'fill:context', swatch: { shape: 'area', className: 'country is-context' }, label: 'Dotted edge', meaning: 'shaded for context, not from the op-ed' });
  for (const p of panels)
    for (const { value: line } of p.lines) {
      const a = catalog.alliances[line.alliance];
      const side = a.countries.includes('840') ? 'us' : 'cn';
      const style = line.part === 'fading' ? 'fading' : 'firm';
      const whose = side === 'us' ? 'with the United States' : 'with China';
      out.push({
        key: `alliance:${side}:${style}`,
        swatch: { shape: 'line', className: `alliance alliance-${side} style-${style}` },
        label: style === 'fading' ? `Alliance ${whose}, fading` : `Alliance ${whose}`,
        meaning: style === 'fading' ? 'a treaty that loses its weight in this picture' : 'a defence treaty, drawn between its two capitals',
      });
    }
  for (const p of panels)
    for (const { value: arc } of p.arcs) {
      const ctx = arc.context ? ' is-context' : '';
      out.push(
        arc.directed
          ? { key: `arc:${arc.kind}:directed${arc.context ? ':context' : ''}`, swatch: { shape: 'line', className: `arc kind-${arc.kind} is-directed${ctx}`, head: 'arrow-arc' }, label: 'Trip', meaning: `a visit, from where it set out to where it went (arrowhead)${arc.context ? '; dotted: context' : ''}` }
          : { key: `arc:${arc.kind}:two-way${arc.context ? ':context' : ''}`, swatch: { shape: 'line', className: `arc kind-${arc.kind} is-two-way${ctx}` }, label: 'Phone call', meaning: `two-way, dashed, no arrowhead: a call between two leaders${arc.context ? '; dotted: context' : ''}` },
      );
    }
  for (const p of panels)
    for (const { value: arrow } of p.arrows) {
      const marks = `${arrow.kind === 'balance' ? ' is-scenario' : ''}${arrow.context ? ' is-context' : ''}`;
      out.push(
        arrow.kind === 'balance'
          ? { key: 'arrow:balance', swatch: { shape: 'line', className: `arrow arrow-balance${marks}`, head: 'arrow-balance' }, label: 'Balancing', meaning: 'pressure aimed at China, in Zhang’s scenario' }
          : { key: `arrow:offmap${arrow.context ? ':context' : ''}`, swatch: { shape: 'line', className: `arrow arrow-offmap${marks}`, head: 'arrow-offmap' }, label: arrow.inbound ? 'From off the map' : 'Off the map', meaning: arrow.inbound ? 'a journey arriving from beyond the edge' : 'towards a place beyond the edge' },
      );
    }
  for (const p of panels) if (p.dmz > 0) out.push({ key: 'dmz', swatch: { shape: 'line', className: 'dmz' }, label: 'DMZ', meaning: 'the Military Demarcation Line between North and South' });
  for (const p of panels)
    for (const { value: label } of p.table.labels) out.push({ key: 'table', swatch: { shape: 'polygon', className: 'table' }, label: 'Talks table', meaning: `${label}: a corner at each party` });
  for (const p of panels)
    for (const { value: ring } of p.rings) out.push({ key: 'ring', swatch: { shape: 'ring', className: 'ring is-scenario' }, label: 'Ring', meaning: `${ring.label.replace(/\?$/, '')}, in Zhang’s scenario` });
  for (const p of panels)
    for (const { value: m } of p.places)
      out.push(m.emphasis ? { key: 'place:emphasis', swatch: { shape: 'dot', className: 'place place-emphasis', ring: true }, label: 'Ringed place', meaning: 'the place this step is about' } : { key: 'place', swatch: { shape: 'dot', className: 'place' }, label: 'Place', meaning: 'a city or site named in the story' });
  for (const p of panels)
    if (p.table.corners.length) out.push({ key: 'place:offmap', swatch: { shape: 'dot', className: 'place place-offmap' }, label: 'Open dot', meaning: 'a party off the map, set on its edge' });
  for (const p of panels)
    for (const { value: n } of p.notes)
      out.push(
        n.kind === 'scenario'
          ? { key: 'note:scenario', swatch: { shape: 'text', className: 'legend-mark is-scenario', text: 'Z' }, label: 'Zhang’s scenario', meaning: 'purple, hatched or dashed: his hypothesis, not a fact' }
          : { key: 'note:context', swatch: { shape: 'text', className: 'legend-mark is-context', text: '†' }, label: 'Context', meaning: '† or dotted: from outside the op-ed' },
      );
  return unique(out);
}

/** The legend of a state, from the frame the renderer draws for it. */
export const legendOf = (state: MapState, catalog: Catalog): LegendEntry[] => legendOfFrame(frameOf(state, catalog), catalog);

/** The legend as one sentence for the text alternative. */
export const legendText = (entries: LegendEntry[]): string => `Key: ${entries.map((e) => `${e.label}: ${e.meaning}`).join('; ')}.`;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Hatching drawn as lines (no pattern ids: a page holds many legends, and ids must be unique). */
const hatchLines = (kind: string): string =>
  `<path class="legend-hatch legend-hatch-${kind}" d="${[-12, -4, 4, 12, 20, 28].map((x) => `M${x},18L${x + 18},0`).join('')}"/>`;

function swatchSvg(s: Swatch): string {
  const inner = (() => {
    switch (s.shape) {
      case 'area':
        return s.hatch
          ? `<rect class="hatch-${s.hatch}-bg" x="1" y="1" width="30" height="16"/>${hatchLines(s.hatch)}<rect class="${s.className} legend-edge" x="1" y="1" width="30" height="16"/>`
          : `<rect class="${s.className}" x="1" y="1" width="30" height="16"/>`;
      case 'line':
        return `<path class="${s.className}" d="M3,9H${s.head ? 24 : 29}"/>${s.head ? `<path class="legend-head ${s.head}" d="M22,4L31,9L22,14z"/>` : ''}`;
      case 'dot':
        return `<circle class="${s.className}" cx="16" cy="9" r="${s.ring ? 4 : 3.5}"/>${s.ring ? '<circle class="place-ring" cx="16" cy="9" r="7.5"/>' : ''}`;
      case 'polygon':
        return `<polygon class="${s.className}" points="4,15 16,2 28,15"/>`;
      case 'ring':
        return `<ellipse class="${s.className}" cx="16" cy="9" rx="13" ry="7"/>`;
      case 'text':
        return `<text class="${s.className}" x="16" y="14" text-anchor="middle" font-size="14">${esc(s.text)}</text>`;
    }
  })();
  return `<svg class="legend-swatch" viewBox="0 0 32 18" width="32" height="18" aria-hidden="true" focusable="false">${inner}</svg>`;
}

/** The legend as HTML: a list of swatches with their label and meaning, the same in every mode and in the still maps. */
export function legendHtml(entries: LegendEntry[]): string {
  return `<ul class="legend-list">${entries
    .map((e) => `<li class="legend-entry" data-legend="${esc(e.key)}">${swatchSvg(e.swatch)}<span class="legend-text"><span class="legend-label">${esc(e.label)}</span> <span class="legend-meaning">${esc(e.meaning)}</span></span></li>`)
    .join('')}</ul>`;
}
