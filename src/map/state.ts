/**
 * A map state: plain data, complete on its own. Nothing in it depends on the state shown before,
 * so a reload, a deep link or a jump lands on the same picture.
 * Ids refer to data/: places (data/places.json), alliances (data/alliances.json),
 * NATO waves (data/nato.json), timeline events (data/timeline.json).
 */

/** Which geometry file a panel draws: built by `npm run data` into data/geo/. */
export type Region = 'east-asia' | 'europe';

/** The camera: the map is rotated to `center` and fitted so that `span` (degrees) fills the panel. */
export interface View {
  region: Region;
  /** [lon, lat] at the centre of the panel. */
  center: [number, number];
  /** [width, height] in degrees of longitude and latitude around the centre that must be visible. */
  span: [number, number];
}

/** How a country is drawn. Each role has a colour and a pattern or label, never colour alone. */
export type CountryRole =
  | 'focus' // the subject of the beat
  | 'party' // a party to the talks or the process shown
  | 'ally-us' // in an alliance with the United States
  | 'ally-cn' // in an alliance with China
  | 'outside' // deliberately outside the picture (China, locked out)
  | 'nato' // a NATO member at the state's date
  | 'nato-after' // joined NATO after the article ran
  | 'reconciled'; // a reconciled Korea in Zhang's scenario: hypothetical, hatched, never an alliance colour

export interface CountryStyle {
  /** world-atlas id, e.g. "408". */
  id: string;
  role: CountryRole;
}

export interface PlaceMark {
  /** Place id. */
  id: string;
  /** Overrides the place's name as label; "" hides the label. */
  label?: string;
  /** A shorter label, drawn where the full one fits nowhere (else the label is left out). */
  short?: string;
  /** Drawn larger, with a ring: the beat's subject. */
  emphasis?: boolean;
  /** Which side of the dot the label sits. */
  anchor?: 'left' | 'right' | 'above' | 'below';
  /** The timeline event (data/timeline.json) or fact (data/facts.json) the label states; a label with a number must cite one. */
  event?: string;
  fact?: string;
  /** The label states context from outside the op-ed: drawn in the context style. Must match the cited record's `context`. */
  context?: boolean;
}

export type ArcKind = 'visit' | 'call';

/** A dated contact between two places, drawn along the great circle. */
export interface Arc {
  from: string;
  to: string;
  kind: ArcKind;
  /**
   * A trip has a direction (from → to, drawn with an arrowhead); a call or a relationship has none (a two-way
   * line, no arrowhead, told as "between"). checkStates: a visit is directed, a call is not.
   */
  directed: boolean;
  /** The event is context from outside the op-ed; must match its `context` in data/timeline.json. */
  context?: boolean;
  /** Timeline event id; its dates label the arc. */
  event: string;
  /** Short label, e.g. "2–3 May: Wang Yi". */
  label: string;
  /** A shorter label, drawn where the full one fits nowhere (else the label is left out). */
  short?: string;
  /** Order of drawing within the state (1 first). */
  order: number;
  /** Where along the arc (0–1) its label sits, so labels of crossing arcs stay apart. Default 0.5. */
  labelAt?: number;
}

export type AllianceStyle = 'firm' | 'fading';

/** An alliance line between the two places of a treaty in data/alliances.json: only what the treaty says. */
export interface AllianceLine {
  /** Alliance id. */
  id: string;
  style: AllianceStyle;
}

/**
 * An arrow: balancing pressure (part of Zhang's scenario) or an "off the map" pointer. An off-map arrow points
 * from `from` towards `to`, which lies off the map; with `inbound` the movement comes the other way, from the
 * off-map `from` into `to` (Trump's flight from Québec to Singapore).
 */
export interface Arrow {
  from: string;
  to: string;
  label: string;
  /** A shorter label, drawn where the full one fits nowhere (else the label is left out). */
  short?: string;
  kind: 'balance' | 'offmap';
  inbound?: boolean;
  /** The timeline event the arrow shows, and whether it is context (must match data/timeline.json). */
  event?: string;
  context?: boolean;
}

/** The talks table: its parties joined as a polygon (3 = triangle, 4 = four-sided table). */
export interface Table {
  parties: string[];
  label: string;
}

export interface Panel {
  view: View;
  /** The camera where the map is taller than wide (a phone), when framing `view` there is not good enough. */
  tall?: Pick<View, 'center' | 'span'>;
  countries: CountryStyle[];
  places: PlaceMark[];
  arcs: Arc[];
  alliances: AllianceLine[];
  arrows: Arrow[];
  /** The Military Demarcation Line / DMZ, from the shared North–South Korea border. */
  dmz: boolean;
  /** A US-led security mechanism drawn as a ring around these places. */
  ring: { around: string[]; label: string } | null;
  table: Table | null;
  /** NATO members filled through this wave id (inclusive); after-article waves shown when asked. */
  nato: { through: string; showAfterArticle: boolean } | null;
  /** Small heading for the panel, e.g. "Europe, 1949–2017". */
  title: string;
  /**
   * The label of a hypothetical picture, shown on the map: e.g. "Zhang’s scenario: a reconciled Korea". Required
   * (checkStates) when the panel draws a hypothetical: a ring, a reconciled Korea or balancing arrows.
   */
  scenario: string | null;
}

export interface MapState {
  id: string;
  /** One or two panels (two: side by side). */
  panels: Panel[];
  /** A short visible caption, e.g. "2–8 May 2018". */
  caption: string;
  /** One or two sentences describing the picture for screen readers and no-JS readers. */
  description: string;
  /**
   * A progression (arcs drawn in order, NATO waves, alliances redrawing, the table widening): in scroll
   * mode the reader's position within the step drives the change from the story's previous state to this one.
   */
  progression?: boolean;
}
