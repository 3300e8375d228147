// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontMeasure as measure } from '../../src/build/font';
import { catalogFrom } from '../../src/map/catalog';
import { frameOf } from '../../src/map/frame';
import { decodeRegion } from '../../src/map/decode';
import type { RegionGeometry } from '../../src/map/geometry';
import { legendHtml, legendOf, legendText } from '../../src/map/legend';
import { render } from '../../src/map/render';
import type { Region } from '../../src/map/state';
import { stateIds, states } from '../../src/map/states';
import { parseFacts } from '../../src/story/facts';

const root = join(__dirname, '../..');
const catalog = catalogFrom(parseFacts((name) => readFileSync(join(root, 'data', `${name}.json`), 'utf8')));
type Topology = Parameters<typeof decodeRegion>[0];
const region = (name: Region): RegionGeometry => decodeRegion(JSON.parse(readFileSync(join(root, 'data', 'geo', `${name}.json`), 'utf8')) as Topology);
const regions = { 'east-asia': region('east-asia'), europe: region('europe') };

/** What the renderer drew, read back from the SVG's own marks and classes: the legend keys a reader needs. */
function drawnKeys(id: string): Set<string> {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.append(svg);
  // The base as vector paths (the print painter's form), so its fills can be read back as elements.
  render(svg, frameOf(states[id], catalog), { catalog, regions, width: 800, height: 600, measure }, { base: 'vector' });
  const keys = new Set<string>();
  const has = (el: Element, c: string) => el.classList.contains(c);
  for (const el of svg.querySelectorAll('path.country')) {
    keys.add(`fill:${[...el.classList].find((c) => c.startsWith('role-'))!.slice(5)}`);
    if (has(el, 'is-context')) keys.add('fill:context');
  }
  for (const el of svg.querySelectorAll('path.alliance')) keys.add(`alliance:${has(el, 'alliance-us') ? 'us' : 'cn'}:${has(el, 'style-fading') ? 'fading' : 'firm'}`);
  for (const el of svg.querySelectorAll('path.arc'))
    keys.add(`arc:${has(el, 'kind-call') ? 'call' : 'visit'}:${el.getAttribute('marker-end') ? 'directed' : 'two-way'}${has(el, 'is-context') ? ':context' : ''}`);
  for (const el of svg.querySelectorAll('path.arrow')) keys.add(has(el, 'arrow-balance') ? 'arrow:balance' : `arrow:offmap${has(el, 'is-context') ? ':context' : ''}`);
  if (svg.querySelector('path.dmz')) keys.add('dmz');
  if (svg.querySelector('polygon.table')) keys.add('table');
  if (svg.querySelector('circle.ring')) keys.add('ring');
  for (const el of svg.querySelectorAll('.places circle.place')) keys.add(has(el, 'place-emphasis') ? 'place:emphasis' : 'place');
  if (svg.querySelector('polygon.table')) keys.add('place:offmap');
  for (const p of frameOf(states[id], catalog).panels) for (const n of p.notes) keys.add(`note:${n.value.kind}`);
  svg.remove();
  return keys;
}

describe('legendOf(state, catalog)', () => {
  it.each(stateIds)('%s: has a legend whose entries are exactly the kinds of mark the map draws', (id) => {
    const entries = legendOf(states[id], catalog);
    expect(entries.length).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.key))).toEqual(drawnKeys(id));
    for (const e of entries) expect(e.meaning.length).toBeGreaterThan(8);
  });

  it('tells a call (two-way, no arrowhead) from a trip (arrowhead) in flurry-dalian', () => {
    const keys = legendOf(states['flurry-dalian'], catalog).map((e) => e.key);
    expect(keys).toEqual(expect.arrayContaining(['arc:visit:directed', 'arc:call:two-way']));
    const call = legendOf(states['flurry-dalian'], catalog).find((e) => e.key === 'arc:call:two-way')!;
    expect(call.swatch).toEqual({ shape: 'line', className: 'arc kind-call is-two-way' });
  });

  it('marks the scenario and the fading alliance in after-reconciliation, and the US side apart from China’s', () => {
    const keys = legendOf(states['after-reconciliation'], catalog).map((e) => e.key);
    expect(keys).toEqual(expect.arrayContaining(['fill:reconciled', 'alliance:cn:fading', 'alliance:us:firm', 'arrow:balance', 'note:scenario']));
  });

  it('renders as HTML whose swatches carry the map’s own classes, and as one sentence', () => {
    const entries = legendOf(states['divided-alliances'], catalog);
    document.body.innerHTML = legendHtml(entries);
    expect([...document.querySelectorAll('li.legend-entry')].map((li) => li.getAttribute('data-legend'))).toEqual(entries.map((e) => e.key));
    expect(document.querySelector('[data-legend="alliance:us:firm"] path')!.getAttribute('class')).toBe('alliance alliance-us style-firm');
    expect(document.querySelector('[data-legend="dmz"] .legend-label')!.textContent).toBe('DMZ');
    expect(document.querySelectorAll('[id]')).toHaveLength(0);
    expect(legendText(entries)).toMatch(/^Key: .*DMZ: the Military Demarcation Line/);
  });
});
