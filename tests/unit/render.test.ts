// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { geoPath } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { catalogFrom, type Catalog } from '../../src/map/catalog';
import { natoMembersThrough } from '../../src/map/describe';
import { decodeRegion } from '../../src/map/decode';
import type { RegionGeometry } from '../../src/map/geometry';
import { panelBoxes, projectionFor } from '../../src/map/projection';
import { render, type RenderContext } from '../../src/map/render';
import { fontMeasure as measure } from '../../src/build/font';
import { frameOf } from '../../src/map/frame';
import type { Region } from '../../src/map/state';
import { stateIds, states } from '../../src/map/states';
import { parseFacts } from '../../src/story/facts';

const root = join(__dirname, '../..');
const catalog = catalogFrom(parseFacts((name) => readFileSync(join(root, 'data', `${name}.json`), 'utf8')));
type Topology = Parameters<typeof decodeRegion>[0];
const region = (name: Region): RegionGeometry => decodeRegion(JSON.parse(readFileSync(join(root, 'data', 'geo', `${name}.json`), 'utf8')) as Topology);
const regions = { 'east-asia': region('east-asia'), europe: region('europe') };

const WIDTH = 800;
const HEIGHT = 600;
const SVG = 'http://www.w3.org/2000/svg';

function newSvg(): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg') as SVGSVGElement;
  document.body.append(svg);
  return svg;
}

/** Draws with the base as SVG paths (the printed maps' painter): jsdom has no canvas to paint on. */
function draw(id: string, options: Partial<RenderContext> = {}, svg = newSvg()): SVGSVGElement {
  const ctx = { catalog, regions, width: WIDTH, height: HEIGHT, measure, ...options };
  render(svg, frameOf(states[id], ctx.catalog, ctx.width >= ctx.height), ctx, { base: 'vector' });
  return svg;
}

const all = (svg: Element, selector: string) => [...svg.querySelectorAll(selector)];

describe('render(svg, frameOf(state), context)', () => {
  it('sets the viewBox to the given size and draws one g.panel per panel, with its region', () => {
    const svg = draw('divided-alliances');
    expect(svg.getAttribute('viewBox')).toBe('0 0 800 600');
    expect(all(svg, 'g.panel').map((g) => g.getAttribute('data-region'))).toEqual(['east-asia']);
  });

  it('draws the two alliance lines of divided-alliances, each with a path', () => {
    const svg = draw('divided-alliances');
    const lines = all(svg, 'path.alliance');
    expect(lines.map((p) => p.getAttribute('data-alliance'))).toEqual(['prc-dprk', 'us-rok']);
    for (const p of lines) expect(p.getAttribute('d')).toMatch(/^M[\d.-]+,[\d.-]+L/);
    expect(lines.map((p) => p.getAttribute('class'))).toEqual(['alliance alliance-cn style-firm', 'alliance alliance-us style-firm']);
  });

  it('labels both alliance lines with their labels from data/, also the one whose far end is off the map', () => {
    const labels = all(draw('divided-alliances'), 'text.alliance-label').map((t) => t.textContent);
    expect(labels.sort()).toEqual(['1953 treaty', '1961 treaty']);
  });

  it('draws the three arcs of flurry-dalian in order, the phone call as kind-call', () => {
    const arcs = all(draw('flurry-dalian'), 'path.arc');
    expect(arcs.map((a) => a.getAttribute('data-order'))).toEqual(['1', '2', '3']);
    expect(arcs.map((a) => a.getAttribute('class'))).toEqual(['arc kind-visit is-directed', 'arc kind-call is-two-way', 'arc kind-visit is-directed']);
    for (const a of arcs) expect(a.getAttribute('d')).not.toBe('');
  });

  it('gives arrowheads to the trips only: the Xi–Moon call is a two-way line drawn from both ends, with none', () => {
    const arcs = all(draw('flurry-dalian'), 'path.arc');
    expect(arcs.map((a) => a.getAttribute('marker-end'))).toEqual(['url(#arrow-arc)', null, 'url(#arrow-arc)']);
    expect(arcs[1].getAttribute('d')!.match(/M/g)).toHaveLength(2);
  });

  it('styles context as context: italic class and a dagger on the label, and the key on the map', () => {
    const svg = draw('no-pullout');
    const usfk = all(svg, 'text.place-label').find((t) => t.textContent!.includes('US Forces Korea'))!;
    expect(usfk.getAttribute('class')).toContain('is-context');
    expect(usfk.textContent!.endsWith('†')).toBe(true);
    expect(all(svg, 'text.map-note.is-context').map((t) => t.textContent)).toEqual(['† or dotted: context, not from the op-ed']);
    expect(all(draw('divided-alliances'), 'text.map-note')).toHaveLength(0);
    const next = draw('what-came-next');
    expect(all(next, 'path.arc.is-context')).toHaveLength(1);
    expect(all(next, 'path.arrow.is-context')).toHaveLength(1);
  });

  it('brings Trump’s arrow into Singapore from off the map, labelled with the G7 in Québec', () => {
    const svg = draw('what-came-next');
    const arrow = svg.querySelector('path.arrow-offmap')!;
    const points = arrow.getAttribute('d')!.match(/-?[\d.]+,-?[\d.]+/g)!.map((p) => p.split(',').map(Number));
    const singapore = projectionFor(states['what-came-next'].panels[0].view, panelBoxes(1, WIDTH, HEIGHT)[0])([catalog.places.singapore.lon, catalog.places.singapore.lat])!;
    const distance = (p: number[]) => Math.hypot(p[0] - singapore[0], p[1] - singapore[1]);
    // The arrowhead (the path's end) is at Singapore; the start is far away, towards Québec.
    expect(distance(points[points.length - 1])).toBeLessThan(distance(points[0]));
    expect(all(svg, 'text.arrow-label').map((t) => t.textContent)).toEqual(['Trump, from the G7 in Québec†']);
    expect(svg.outerHTML).not.toContain('Washington');
  });

  it('draws a reconciled Korea as Zhang’s scenario: hatched, labelled, never in the US alliance’s colour', () => {
    for (const id of ['after-reconciliation', 'offensive-realism']) {
      const svg = draw(id);
      expect(svg.querySelector('path.role-reconciled')!.getAttribute('data-ids')!.split(' ').sort(), id).toEqual(['408', '410']);
      expect(svg.querySelector('path.country.role-ally-us[data-ids~="408"]'), id).toBeNull();
      expect(all(svg, 'text.map-note.is-scenario').map((t) => t.textContent![0]), id).toEqual(['Z']);
      expect(all(svg, 'path.alliance').map((p) => p.getAttribute('class')).every((c) => !c!.includes('spanning')), id).toBe(true);
    }
    expect(all(draw('offensive-realism'), 'circle.ring.is-scenario')).toHaveLength(1);
  });

  it('shades West Germany alone in NATO before 1990, and the whole of Germany, the East as context, after', () => {
    const ids = (svg: SVGSVGElement) => all(svg, 'path.role-nato').flatMap((p) => p.getAttribute('data-ids')!.split(' '));
    const cold = draw('nato-cold-war');
    expect(ids(cold)).toContain('280');
    expect(ids(cold)).not.toContain('278');
    const later = draw('nato-expansion');
    expect(ids(later)).toEqual(expect.arrayContaining(['280', '278']));
    expect(later.querySelector('path.role-nato.is-context[data-ids="278"]')).not.toBeNull();
    expect(all(later, 'text.place-label').map((t) => t.textContent)).toContain('Germany reunified, 1990†');
  });

  it('draws only the arcs of the beat: one for flurry-wang-yi, two for flurry-call', () => {
    expect(all(draw('flurry-wang-yi'), 'path.arc')).toHaveLength(1);
    expect(all(draw('flurry-call'), 'path.arc')).toHaveLength(2);
  });

  it('draws the four-party table as a polygon with four corners', () => {
    const [table, ...more] = all(draw('four-party'), 'polygon.table');
    expect(more).toHaveLength(0);
    expect(table.getAttribute('data-parties')).toBe('4');
    expect(table.getAttribute('points')!.split(' ')).toHaveLength(4);
  });

  it('draws the three-way table as a polygon with three corners', () => {
    const table = draw('three-way').querySelector('polygon.table')!;
    expect(table.getAttribute('data-parties')).toBe('3');
    expect(table.getAttribute('points')!.split(' ')).toHaveLength(3);
  });

  it('keeps every corner of a table inside the panel, marking Washington as off the map', () => {
    const svg = draw('three-way');
    for (const corner of svg.querySelector('polygon.table')!.getAttribute('points')!.split(' ')) {
      const [x, y] = corner.split(',').map(Number);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(WIDTH);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(HEIGHT);
    }
    expect(all(svg, 'text.place-label').map((t) => t.textContent)).toContain(`Washington (off map)`);
  });

  it('draws the two panels of lesson, Europe then East Asia, with a divider', () => {
    const svg = draw('lesson');
    expect(all(svg, 'g.panel').map((g) => g.getAttribute('data-region'))).toEqual(['europe', 'east-asia']);
    expect(all(svg, 'line.panel-divider')).toHaveLength(1);
    expect(all(svg, 'clipPath')).toHaveLength(2);
  });

  it('draws the DMZ where a state asks for it, and only there', () => {
    for (const id of stateIds) {
      const dmz = all(draw(id), 'path.dmz');
      const wanted = states[id].panels.some((p) => p.dmz);
      expect(dmz.length, id).toBe(wanted ? 1 : 0);
      if (wanted) expect(dmz[0].getAttribute('d'), id).toMatch(/^M/);
    }
  });

  it.each(stateIds.filter((id) => states[id].panels.some((p) => p.nato)))('colours exactly the NATO members through the wave of %s that the map shows', (id) => {
    const state = states[id];
    const svg = draw(id);
    const boxes = panelBoxes(state.panels.length, WIDTH, HEIGHT);
    const index = state.panels.findIndex((p) => p.nato);
    const panel = state.panels[index];
    const path = geoPath(projectionFor(panel.view, boxes[index]));
    const drawn = new Set(regions.europe.countries.filter((c) => path(c)).map((c) => c.id));
    const waves = natoMembersThrough(catalog, panel.nato!.through, panel.nato!.showAfterArticle);
    const until = catalog.nato.find((w) => w.id === panel.nato!.through)!.date;
    // A member's reunified territory (East Germany, 1990) is shaded with NATO once the map reaches that date.
    const reunified = waves.flatMap((w) => w.reunified).filter((r) => catalog.events[r.event].date <= until).map((r) => r.with);
    const expected = (after: boolean) =>
      [...waves.filter((w) => w.afterArticle === after).flatMap((w) => w.members), ...(after ? [] : reunified)].filter((m) => drawn.has(m)).sort();
    const coloured = (role: string) =>
      all(svg, `path.role-${role}`)
        .flatMap((p) => p.getAttribute('data-ids')!.split(' '))
        .filter((m) => drawn.has(m))
        .sort();
    expect(coloured('nato')).toEqual(expected(false));
    expect(coloured('nato-after')).toEqual(expected(true));
    expect(coloured('nato').length + coloured('nato-after').length).toBe(expected(false).length + expected(true).length);
    expect(coloured('nato').length).toBeGreaterThan(10);
  });

  it('colours North Macedonia, Finland and Sweden as joined after the article in nato-after-article', () => {
    const svg = draw('nato-after-article');
    expect(all(svg, 'path.role-nato-after').flatMap((p) => p.getAttribute('data-ids')!.split(' ')).sort()).toEqual(['246', '752', '807']);
    expect(all(draw('nato-expansion'), 'path.role-nato-after')).toHaveLength(0);
  });

  it('gives each state role its class: China outside in locked-out, the Koreas as parties', () => {
    const svg = draw('locked-out');
    const role = (id: string) => svg.querySelector(`path.country[data-ids~="${id}"]`)!.getAttribute('class');
    expect(role('156')).toBe('country role-outside');
    expect(role('408')).toBe('country role-party');
    expect(role('410')).toBe('country role-party');
  });

  it('draws a dot for each marked place that is on the map, emphasised ones with a ring', () => {
    const svg = draw('flurry-dalian');
    expect(all(svg, 'circle.place')).toHaveLength(4);
    // Pyongyang (the beat's first contact) and Dalian (its last) are emphasised.
    expect(all(svg, 'circle.place-emphasis')).toHaveLength(2);
    expect(all(svg, 'circle.place-ring')).toHaveLength(2);
    expect(all(svg, 'text.place-label').map((t) => t.textContent).sort()).toEqual(['Beijing', 'Dalian', 'Pyongyang', 'Seoul']);
  });

  it('uses a mark’s own label over the place name', () => {
    const labels = all(draw('nato-cold-war'), 'text.place-label').map((t) => t.textContent);
    expect(labels).toContain('NATO HQ, Brussels');
  });

  it('draws a ring with its label for offensive-realism', () => {
    const svg = draw('offensive-realism');
    expect(all(svg, 'circle.ring')).toHaveLength(1);
    expect(svg.querySelector('text.ring-label')!.textContent).toBe('US-led security mechanism?');
  });

  it('gives the same picture when called twice on the same element (no hidden state)', () => {
    const svg = newSvg();
    const ctx = { catalog, regions, width: WIDTH, height: HEIGHT, measure };
    render(svg, frameOf(states['lesson'], catalog), ctx, { base: 'vector' });
    const first = svg.outerHTML;
    render(svg, frameOf(states['flurry-dalian'], catalog), ctx, { base: 'vector' });
    render(svg, frameOf(states['lesson'], catalog), ctx, { base: 'vector' });
    expect(svg.outerHTML).toBe(first);
    expect(draw('lesson').outerHTML).toBe(first);
  });

  it('does not change the state it draws', () => {
    const before = JSON.stringify(states['flurry-dalian']);
    draw('flurry-dalian');
    expect(JSON.stringify(states['flurry-dalian'])).toBe(before);
  });

  it('writes place names as text, never as markup', () => {
    const hostile: Catalog = structuredClone(catalog);
    hostile.places.beijing.name = '<b>Beijing</b> & <img src=x onerror=alert(1)>';
    const svg = draw('four-party', { catalog: hostile });
    expect(svg.querySelector('b, img')).toBeNull();
    const label = all(svg, 'text').find((t) => t.textContent!.startsWith('<b>Beijing'));
    expect(label?.textContent).toBe('<b>Beijing</b> & <img src=x onerror=alert(1)>');
    expect(label?.childNodes).toHaveLength(1);
    expect(label?.firstChild?.nodeType).toBe(Node.TEXT_NODE);
  });

  it('draws the overlays without geometry while a region is still loading', () => {
    const svg = draw('divided-alliances', { regions: {} });
    expect(all(svg, 'path.country')).toHaveLength(0);
    expect(all(svg, 'path.alliance')).toHaveLength(2);
  });
});
