/**
 * Every map state of the story, by id. Plain data: ids refer to data/ (places, alliances, NATO waves,
 * events); `checkStates` (src/map/check.ts) fails the build when one does not resolve.
 */
import type { CountryStyle, MapState, Panel, View } from './state.ts';

const NORTH = '408';
const SOUTH = '410';
const CHINA = '156';

/** The views the story uses. */
const views = {
  eastAsia: { region: 'east-asia', center: [124, 37], span: [34, 20] },
  yellowSea: { region: 'east-asia', center: [122, 38.6], span: [15, 7.5] },
  peninsula: { region: 'east-asia', center: [123.5, 38.2], span: [17, 9] },
  dmz: { region: 'east-asia', center: [126.8, 38.3], span: [6, 4.2] },
  wide: { region: 'east-asia', center: [123, 37.5], span: [24, 13] },
  europe: { region: 'europe', center: [18, 52], span: [52, 30] },
  southeast: { region: 'east-asia', center: [114, 22], span: [36, 40] },
} satisfies Record<string, View>;

const roles = (entries: [string, CountryStyle['role']][]): CountryStyle[] => entries.map(([id, role]) => ({ id, role }));

/** A panel with nothing on it but the view; states add what they show. */
const panel = (view: View, extra: Partial<Panel>): Panel => ({
  view,
  countries: [],
  places: [],
  arcs: [],
  alliances: [],
  arrows: [],
  dmz: false,
  ring: null,
  table: null,
  nato: null,
  title: '',
  scenario: null,
  ...extra,
});

const toWashington = { from: 'seoul', to: 'washington', label: 'to Washington', kind: 'offmap' } as const;

const flurryArcs = [
  { from: 'beijing', to: 'pyongyang', kind: 'visit', directed: true, event: 'wang-yi-pyongyang', label: '2–3 May: Wang Yi', short: '2–3 May', order: 1, labelAt: 0.4 },
  // A call has no direction: the op-ed says Xi and Moon "exchanged" calls (Xinhua: at Moon's request).
  { from: 'beijing', to: 'seoul', kind: 'call', directed: false, event: 'xi-moon-call', label: '4 May: Xi–Moon call', short: '4 May', order: 2, labelAt: 0.8 },
  { from: 'pyongyang', to: 'dalian', kind: 'visit', directed: true, event: 'xi-kim-dalian', label: '7–8 May: Kim to Dalian', short: '7–8 May', order: 3, labelAt: 0.3 },
] as const;

const flurry = (count: number, id: string, description: string): MapState => ({
  id,
  progression: true,
  caption: count === 3 ? '2–8 May 2018' : count === 2 ? '2–4 May 2018' : '2–3 May 2018',
  description,
  panels: [
    panel(views.yellowSea, {
      countries: roles([[CHINA, 'party'], [NORTH, 'party'], [SOUTH, 'party']]),
      places: [
        { id: 'beijing', anchor: 'left' },
        { id: 'pyongyang', emphasis: count >= 1, anchor: 'right' },
        { id: 'seoul', anchor: 'right' },
        { id: 'dalian', emphasis: count === 3, anchor: 'below' },
      ],
      arcs: flurryArcs.slice(0, count).map((a) => ({ ...a })),
    }),
  ],
});

const northeastPlaces = [
  { id: 'beijing', anchor: 'left' },
  { id: 'pyongyang', anchor: 'left' },
  { id: 'seoul', anchor: 'right' },
] as const;

const threeParties = { parties: ['pyongyang', 'seoul', 'washington'], label: 'Three-way talks' };
const fourParties = { parties: ['pyongyang', 'seoul', 'washington', 'beijing'], label: 'Four-way talks' };

const list: MapState[] = [
  {
    id: 'seat-at-the-table',
    caption: 'East Asia, May 2018',
    description: 'A map of East Asia: the two Koreas are highlighted beside China, with an arrow pointing across the Pacific to the United States.',
    panels: [
      panel(views.eastAsia, {
        countries: roles([[NORTH, 'focus'], [SOUTH, 'focus'], [CHINA, 'party']]),
        places: [{ id: 'beijing', anchor: 'left' }, { id: 'pyongyang', anchor: 'left' }, { id: 'seoul', anchor: 'right' }, { id: 'tokyo', anchor: 'below' }],
        arrows: [{ ...toWashington, label: 'United States, across the Pacific', short: 'United States' }],
      }),
    ],
  },
  flurry(1, 'flurry-wang-yi', 'An arc from Beijing to Pyongyang marks Wang Yi’s visit of 2–3 May 2018.'),
  flurry(2, 'flurry-call', 'A dashed two-way line between Beijing and Seoul, without an arrowhead, adds the phone call between Xi Jinping and Moon Jae-in on 4 May, after Wang Yi’s visit to Pyongyang.'),
  flurry(3, 'flurry-dalian', 'A third arc runs from Pyongyang to Dalian, where Xi met Kim on 7–8 May: three Chinese contacts with the two Koreas in one week.'),
  {
    id: 'locked-out',
    caption: 'Who is in the process',
    description: 'North Korea, South Korea and the United States are lit and linked as the parties to the peace process; China is greyed out beside them.',
    panels: [
      panel(views.peninsula, {
        countries: roles([[NORTH, 'party'], [SOUTH, 'party'], [CHINA, 'outside']]),
        places: [...northeastPlaces],
        table: { parties: ['pyongyang', 'seoul', 'washington'], label: 'The peace process' },
      }),
    ],
  },
  {
    id: 'divided-alliances',
    caption: 'A divided Korea’s alliances',
    description: 'Two alliance lines: North Korea to China under the 1961 treaty, and South Korea to the United States under the 1953 treaty, either side of the DMZ.',
    panels: [
      panel(views.peninsula, {
        countries: roles([[NORTH, 'ally-cn'], [CHINA, 'ally-cn'], [SOUTH, 'ally-us']]),
        places: [...northeastPlaces],
        alliances: [{ id: 'prc-dprk', style: 'firm' }, { id: 'us-rok', style: 'firm' }],
        dmz: true,
      }),
    ],
  },
  {
    id: 'after-reconciliation',
    progression: true,
    caption: 'After reconciliation: Zhang’s scenario',
    description:
      'Zhang’s scenario, not a fact: the China–North Korea line fades; a reconciled Korea, hatched as hypothetical, keeps US forces, whose alliance line still ends in Seoul; an arrow from Korea points towards China.',
    panels: [
      panel(views.peninsula, {
        countries: roles([[NORTH, 'reconciled'], [SOUTH, 'reconciled'], [CHINA, 'outside']]),
        places: [{ id: 'beijing', anchor: 'left' }, { id: 'pyongyang', anchor: 'left' }, { id: 'seoul', label: 'Seoul · US forces stay', anchor: 'right' }],
        alliances: [{ id: 'prc-dprk', style: 'fading' }, { id: 'us-rok', style: 'firm' }],
        arrows: [{ from: 'seoul', to: 'beijing', label: 'hedging', kind: 'balance' }],
        scenario: 'Zhang’s scenario: a reconciled Korea',
      }),
    ],
  },
  {
    id: 'no-pullout',
    caption: 'The alliance stays',
    description: 'The line between Seoul and Washington holds firm, with US Forces Korea, about 28,500 troops in 2018, marked in the South.',
    panels: [
      panel(views.peninsula, {
        countries: roles([[SOUTH, 'ally-us']]),
        places: [
          { id: 'pyongyang', anchor: 'left' },
          { id: 'seoul', emphasis: true, label: 'Seoul · US Forces Korea, about 28,500', short: 'Seoul · about 28,500 US troops', fact: 'usfk-troops', context: true, anchor: 'below' },
          { id: 'beijing', anchor: 'left' },
        ],
        alliances: [{ id: 'us-rok', style: 'firm' }],
        dmz: true,
      }),
    ],
  },
  {
    id: 'offensive-realism',
    caption: 'A US-led mechanism? Zhang’s scenario',
    description:
      'Zhang’s scenario, not a fact: a dashed ring marks a possible US-led security mechanism around a reconciled Korea, hatched as hypothetical, facing China; the US alliance line still ends in Seoul.',
    panels: [
      panel(views.wide, {
        countries: roles([[NORTH, 'reconciled'], [SOUTH, 'reconciled'], [CHINA, 'outside']]),
        places: [...northeastPlaces],
        alliances: [{ id: 'us-rok', style: 'firm' }],
        ring: { around: ['pyongyang', 'seoul'], label: 'US-led security mechanism?' },
        arrows: [{ from: 'seoul', to: 'beijing', label: 'facing China', kind: 'balance' }],
        scenario: 'Zhang’s scenario: a US-led mechanism',
      }),
    ],
  },
  {
    id: 'nato-cold-war',
    progression: true,
    caption: 'NATO, 1949–1982',
    description: 'Europe, with NATO’s members up to 1982 filled in: the 12 founders of 1949, Greece and Turkey, West Germany (East Germany stays unshaded: it was not in NATO) and Spain.',
    panels: [
      panel(views.europe, {
        places: [{ id: 'brussels', label: 'NATO HQ, Brussels', anchor: 'left' }, { id: 'moscow', anchor: 'right' }],
        nato: { through: '1982', showAfterArticle: false },
        title: 'NATO members by 1982',
      }),
    ],
  },
  {
    id: 'nato-expansion',
    progression: true,
    caption: 'NATO, 1949–2017',
    description:
      'NATO’s members filled in up to 2017, after the Soviet Union collapsed: new members in 1999, 2004, 2009 and 2017 moved its edge east, to Russia’s borders in the Baltic (Norway and Turkey had bordered the Soviet Union since they joined); Germany shaded whole from reunification in 1990; 29 members in May 2018.',
    panels: [
      panel(views.europe, {
        places: [
          { id: 'brussels', label: 'NATO HQ, Brussels', anchor: 'left' },
          { id: 'moscow', anchor: 'right' },
          { id: 'berlin', label: 'Germany reunified, 1990', event: 'german-reunification', context: true, anchor: 'above' },
        ],
        nato: { through: '2017', showAfterArticle: false },
        title: 'NATO members by 2017',
      }),
    ],
  },
  {
    id: 'nato-after-article',
    progression: true,
    caption: 'After this article: 2020–2024',
    description: 'North Macedonia (2020), Finland (2023) and Sweden (2024) are added with a striped pattern, marked as joining after the article ran.',
    panels: [
      panel(views.europe, {
        places: [
          { id: 'brussels', label: 'NATO HQ, Brussels', anchor: 'left' },
          { id: 'moscow', anchor: 'right' },
          { id: 'berlin', label: 'Germany reunified, 1990', event: 'german-reunification', context: true, anchor: 'above' },
        ],
        nato: { through: '2024', showAfterArticle: true },
        title: 'Striped: joined after May 2018',
      }),
    ],
  },
  {
    id: 'panmunjom',
    caption: '27 April 2018, Panmunjom',
    description: 'The DMZ between the two Koreas, with Panmunjom marked where Kim Jong-un and Moon Jae-in signed their declaration.',
    panels: [
      panel(views.dmz, {
        countries: roles([[NORTH, 'focus'], [SOUTH, 'focus']]),
        places: [{ id: 'pyongyang', anchor: 'right' }, { id: 'seoul', anchor: 'right' }, { id: 'panmunjom', emphasis: true, anchor: 'left' }],
        dmz: true,
      }),
    ],
  },
  {
    id: 'three-way',
    caption: 'Option one: three parties',
    description: 'A triangle joins Pyongyang, Seoul and Washington: the three-way format; China sits outside it.',
    panels: [
      panel(views.peninsula, {
        countries: roles([[NORTH, 'party'], [SOUTH, 'party'], [CHINA, 'outside']]),
        places: [...northeastPlaces],
        table: threeParties,
      }),
    ],
  },
  {
    id: 'four-way-option',
    progression: true,
    caption: 'Option two: four parties',
    description: 'The table widens to four sides: Pyongyang, Seoul, Washington and Beijing, the four-way format the declaration also names.',
    panels: [
      panel(views.peninsula, {
        countries: roles([[NORTH, 'party'], [SOUTH, 'party'], [CHINA, 'party']]),
        places: [...northeastPlaces],
        table: fourParties,
      }),
    ],
  },
  {
    id: 'fault-lines',
    caption: 'Where the fault line runs',
    description: 'The DMZ is marked as the line of confrontation, with North Korea on one side and South Korea and its American ally on the other; the three-party triangle straddles it, and China is left outside.',
    panels: [
      panel(views.peninsula, {
        countries: roles([[NORTH, 'party'], [SOUTH, 'ally-us'], [CHINA, 'outside']]),
        places: [...northeastPlaces],
        alliances: [{ id: 'us-rok', style: 'firm' }],
        table: threeParties,
        dmz: true,
      }),
    ],
  },
  {
    id: 'four-party',
    progression: true,
    caption: 'China at the table',
    description: 'China joins: the triangle of Pyongyang, Seoul and Washington becomes a four-sided table with Beijing.',
    panels: [
      panel(views.peninsula, {
        countries: roles([[NORTH, 'party'], [SOUTH, 'party'], [CHINA, 'party']]),
        places: [...northeastPlaces],
        table: fourParties,
        dmz: true,
      }),
    ],
  },
  {
    id: 'lesson',
    caption: 'Two regions, one lesson',
    description: 'Side by side: NATO’s members in Europe up to 2017, next to Moscow; and East Asia with a four-sided table including China.',
    panels: [
      panel(views.europe, {
        places: [{ id: 'moscow', anchor: 'right' }],
        nato: { through: '2017', showAfterArticle: false },
        title: 'Europe: NATO by 2017',
      }),
      panel(views.peninsula, {
        countries: roles([[NORTH, 'party'], [SOUTH, 'party'], [CHINA, 'party']]),
        places: [...northeastPlaces],
        table: fourParties,
        title: 'Korea: a four-way table',
      }),
    ],
  },
  {
    id: 'what-came-next',
    caption: 'Context: 12 June 2018',
    description:
      'Context beyond the article: an arc from Pyongyang to Singapore, where Donald Trump and Kim Jong-un met on 12 June 2018, and an arrow bringing Trump in from the G7 summit in Québec, which he left for Singapore.',
    panels: [
      panel(views.southeast, {
        countries: roles([[NORTH, 'party']]),
        places: [{ id: 'pyongyang', anchor: 'right' }, { id: 'beijing', anchor: 'left' }, { id: 'singapore', emphasis: true, anchor: 'right' }],
        arcs: [{ from: 'pyongyang', to: 'singapore', kind: 'visit', directed: true, event: 'singapore-summit', label: '12 June: Trump–Kim summit', short: '12 June', order: 1, context: true }],
        // Trump flew to Singapore from the G7 summit in Québec, not from Washington: the arrow comes in from there.
        arrows: [{ from: 'la-malbaie', to: 'singapore', label: 'Trump, from the G7 in Québec', short: 'from the G7', kind: 'offmap', inbound: true, event: 'trump-g7-to-singapore', context: true }],
      }),
    ],
  },
];

export const states: Readonly<Record<string, MapState>> = Object.fromEntries(list.map((s) => [s.id, s]));
export const stateIds: readonly string[] = list.map((s) => s.id);
