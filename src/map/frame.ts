/**
 * A frame: what the renderer draws. A map state becomes a frame with everything fully present
 * (frameOf); a transition between two frames is a frame whose items carry partial weights
 * (interpolate.ts). Every item has a key that identifies it across states and a weight w in [0, 1]:
 * how present it is (opacity for most, the drawn fraction for arcs and lines).
 */
import type { Catalog } from './catalog.ts';
import { natoMembersThrough } from './describe.ts';
import { namesOf, type CountryName } from './names.ts';
import type { Arc, Arrow, CountryRole, MapState, Panel, PlaceMark, Region } from './state.ts';

export interface Item<T> {
  key: string;
  value: T;
  w: number;
}

/** A camera: what the panel's projection centres on and fits. */
export interface Camera {
  center: [number, number];
  span: [number, number];
}

/** Fractions of the map's width and height: [x, y, width, height]. */
export type RelativeBox = [number, number, number, number];

export type LinePart = { alliance: string; part: 'base' | 'fading' };

/** A line of text the map carries below its drawing: the key to the context style, or a scenario's label. */
export type Note = { kind: 'context' | 'scenario'; text: string };

/** The key to the context style, shown wherever a panel draws context. */
export const CONTEXT_NOTE = '† or dotted: context, not from the op-ed';

export interface FramePanel {
  /** Identifies the panel across frames (its region; two panels of one region are told apart by index). */
  key: string;
  w: number;
  box: RelativeBox;
  camera: Camera;
  /** Geometry to draw: one region at rest, both during a glide between them. */
  regions: Region[];
  /** Country fills by role: one group per role (NATO: one group per accession wave). `context`: from outside the op-ed. */
  fills: Item<{ role: CountryRole; ids: string[]; context?: boolean }>[];
  places: Item<PlaceMark>[];
  arcs: Item<Arc>[];
  lines: Item<LinePart>[];
  arrows: Item<Arrow>[];
  dmz: number;
  rings: Item<{ around: string[]; label: string }>[];
  /** The talks table: its corners (place ids, in order) and its name. */
  table: { corners: Item<string>[]; labels: Item<string>[] };
  /** NATO's year counter (the latest accession shown), or null where NATO is not drawn. */
  year: Item<number>[];
  titles: Item<string>[];
  /**
   * A moment of a transition: the two settled panels it runs between. Labels keep the placement they
   * have there (laid out once per state and size), so they do not hop during a flight.
   */
  ends?: readonly [FramePanel, FramePanel];
  /** The context key and the scenario label, when the panel has context or draws Zhang's scenario. */
  notes: Item<Note>[];
  /** The countries the panel names (src/map/names.ts). */
  names: Item<CountryName>[];
}

export interface Frame {
  panels: FramePanel[];
}

const full = <T>(key: string, value: T): Item<T> => ({ key, value, w: 1 });

const hasContextMark = (p: Panel): boolean => p.places.some((m) => m.context) || p.arcs.some((a) => a.context) || p.arrows.some((a) => a.context);

/** Relative boxes for one or two panels: side by side on a wide map, stacked on a tall one. */
export function panelLayout(count: number, wide: boolean): RelativeBox[] {
  if (count <= 1) return [[0, 0, 1, 1]];
  return wide
    ? [
        [0, 0, 0.5, 1],
        [0.5, 0, 0.5, 1],
      ]
    : [
        [0, 0, 1, 0.5],
        [0, 0.5, 1, 0.5],
      ];
}

/** The state as a frame, everything fully present. `wide`: is the map wider than tall? */
export function frameOf(state: MapState, catalog: Catalog, wide = true): Frame {
  const boxes = panelLayout(state.panels.length, wide);
  const seen = new Map<string, number>();
  return {
    panels: state.panels.map((p, i) => {
      const n = seen.get(p.view.region) ?? 0;
      seen.set(p.view.region, n + 1);
      const fills: FramePanel['fills'] = [];
      let reunified = false;
      if (p.nato) {
        const waves = natoMembersThrough(catalog, p.nato.through, p.nato.showAfterArticle);
        const until = catalog.nato.find((w) => w.id === p.nato!.through)?.date ?? '';
        for (const wave of waves) {
          fills.push(full(`nato:${wave.id}`, { role: wave.afterArticle ? 'nato-after' : 'nato', ids: wave.members, context: wave.context }));
        }
        // Territory that joined with a member's reunification (East Germany, 3 Oct 1990), once the map has reached that date.
        for (const { with: id, event } of waves.flatMap((w) => w.reunified)) {
          const e = catalog.events[event];
          if (e && e.date <= until) {
            fills.push(full(`nato:${e.date.slice(0, 4)}`, { role: 'nato', ids: [id], context: e.context }));
            reunified = true;
          }
        }
      }
      const byRole = new Map<CountryRole, string[]>();
      for (const c of p.countries) byRole.set(c.role, [...(byRole.get(c.role) ?? []), c.id]);
      for (const [role, ids] of byRole) fills.push(full(`role:${role}:${ids.join(',')}`, { role, ids }));
      const year = p.nato ? Number(p.nato.through) : null;
      return {
        key: n ? `${p.view.region}:${n}` : p.view.region,
        w: 1,
        box: boxes[i],
        camera: !wide && p.tall ? { center: p.tall.center, span: p.tall.span } : { center: p.view.center, span: p.view.span },
        regions: [p.view.region],
        fills,
        places: p.places.map((m) => full(`place:${m.id}:${m.label ?? ''}`, m)),
        arcs: p.arcs.map((a) => full(`arc:${a.from}:${a.to}:${a.event}`, a)),
        lines: p.alliances.map((a): Item<LinePart> =>
          a.style === 'fading' ? full(`line:${a.id}:fading`, { alliance: a.id, part: 'fading' }) : full(`line:${a.id}:base`, { alliance: a.id, part: 'base' }),
        ),
        arrows: p.arrows.map((a) => full(`arrow:${a.kind}:${a.from}:${a.to}`, a)),
        dmz: p.dmz ? 1 : 0,
        rings: p.ring ? [full(`ring:${p.ring.around.join(',')}`, p.ring)] : [],
        table: {
          corners: (p.table?.parties ?? []).map((id) => full(`corner:${id}`, id)),
          labels: p.table ? [full(`table:${p.table.label}`, p.table.label)] : [],
        },
        year: year === null ? [] : [full('year', year)],
        titles: p.title ? [full(`title:${p.title}`, p.title)] : [],
        names: namesOf(p, reunified).map((n) => full(`name:${n.ids.join('+')}`, n)),
        notes: [
          ...(p.scenario ? [full(`note:scenario:${p.scenario}`, { kind: 'scenario' as const, text: p.scenario })] : []),
          ...(fills.some((f) => f.value.context) || hasContextMark(p) ? [full('note:context', { kind: 'context' as const, text: CONTEXT_NOTE })] : []),
        ],
      };
    }),
  };
}
