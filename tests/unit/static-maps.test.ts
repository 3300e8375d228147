import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegions } from '../../src/build/load.ts';
import { loadStory } from '../../src/build/load.ts';
import { keyState, STATIC_MAP_HEIGHT, STATIC_MAP_WIDTH, staticMapHtml, staticMapSvg, svgCss } from '../../src/build/static-maps.ts';

const root = join(__dirname, '../..');
const story = loadStory(root);
const css = readFileSync(join(root, 'src/styles.css'), 'utf8');

describe('the still map of a section (for readers without JavaScript)', () => {
  const nato = story.sections.find((s) => s.id === 'nato-parallel')!;

  it('shows the section’s last step, its whole argument', () => {
    expect(keyState(nato).id).toBe(nato.steps[nato.steps.length - 1].state);
  });

  it('is a standalone SVG drawn by the page’s renderer, with its styles and a title inside', () => {
    const svg = staticMapSvg(keyState(nato), story.catalog, loadRegions(root), css);
    expect(svg).toMatch(/^<\?xml /);
    expect(svg).toContain(`width="${STATIC_MAP_WIDTH}" height="${STATIC_MAP_HEIGHT}"`);
    expect(svg).toContain('<title>');
    expect(svg).toContain('.role-nato{');
    expect(svg).toMatch(/class="country[^"]*role-nato/);
    expect(svg).not.toMatch(/<script|@media/);
    // Laid out with Source Sans 3's widths: it asks for that font first.
    expect(svg).toContain(".label{font-family:'Source Sans 3',var(--font);}");
  });

  it('is linked inside <noscript>, lazily, with its size and the state’s sentence as alt text, all escaped', () => {
    const html = staticMapHtml(nato, '/x/', story.catalog);
    expect(html).toMatch(/^<noscript><figure class="map-static">/);
    expect(html).toContain('<img src="/x/maps/nato-parallel.svg"');
    expect(html).toContain(`width="${STATIC_MAP_WIDTH}" height="${STATIC_MAP_HEIGHT}" loading="lazy"`);
    expect(html).toContain(`alt="Map: ${keyState(nato).description.slice(0, 30)}`);
    expect(html).not.toMatch(/alt="[^"]*[<>][^"]*"/);
  });

  it('carries the state’s key under the picture, as HTML: the NATO members and those that joined after the article', () => {
    const html = staticMapHtml(nato, '/x/', story.catalog);
    expect(html).toMatch(/<figcaption>[^<]*<div class="map-legend"><ul class="legend-list">/);
    expect(html).toContain('data-legend="fill:nato"');
    expect(html).toContain('data-legend="fill:nato-after"');
  });

  it('keeps the page’s CSS minus comments and @media blocks', () => {
    expect(svgCss('/* a */ .a { fill: red; }\n@media (x) { .b { fill: blue; } } .c { stroke: var(--ink); }')).toBe('.a{fill:red;}.c{stroke:var(--ink);}');
  });
});
