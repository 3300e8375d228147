import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardCss, cardPng, cardSvg, wrap } from '../../src/build/cards';
import { loadRegions } from '../../src/build/load';
import { embedPage } from '../../src/build/embed-page';
import { socialMetaHtml } from '../../src/build/meta';
import { embedHeight, MEASURED_WIDTHS, oembed, readEmbedHeights, UNMEASURED_HEIGHT } from '../../src/build/oembed';
import { siteOrigin, siteUrl, SiteUrlError } from '../../src/build/site';
import { loadStory } from '../../src/build/load';
import { ampEmbedSize, datawrapperHeight, knownSection, progressMessage, pymChildId, readEmbedSize, readProgress } from '../../src/embed/messages';
import { snippets, type EmbedTarget } from '../../src/embed/snippets';
import { states } from '../../src/map/states';

const root = join(__dirname, '../..');
const story = loadStory(root);
const heights = readEmbedHeights(root);
const ids = story.sections.map((s) => s.id);
const TEMPLATE = '<head><!--embed:head--></head><body><!--embed:section--><!--embed:map--><footer><!--embed:credit--></footer></body>';

describe('readEmbedSize(data): the only height message embed.js accepts', () => {
  it('reads the height of a well-formed AMP embed-size message, rounded up', () => {
    expect(readEmbedSize(ampEmbedSize(640))).toBe(640);
    expect(readEmbedSize({ sentinel: 'amp', type: 'embed-size', height: 640.2 })).toBe(641);
  });

  it.each([
    ['a JSON string', JSON.stringify(ampEmbedSize(640))],
    ['a string height', { sentinel: 'amp', type: 'embed-size', height: '640' }],
    ['markup as height', { sentinel: 'amp', type: 'embed-size', height: '<img src=x onerror=alert(1)>' }],
    ['a negative height', { sentinel: 'amp', type: 'embed-size', height: -1 }],
    ['a tiny height', { sentinel: 'amp', type: 'embed-size', height: 3 }],
    ['a huge height', { sentinel: 'amp', type: 'embed-size', height: 1e9 }],
    ['NaN', { sentinel: 'amp', type: 'embed-size', height: Number.NaN }],
    ['Infinity', { sentinel: 'amp', type: 'embed-size', height: Number.POSITIVE_INFINITY }],
    ['another sentinel', { sentinel: 'pym', type: 'embed-size', height: 640 }],
    ['another type', { sentinel: 'amp', type: 'embed-resize', height: 640 }],
    ['an array', [640]],
    ['null', null],
    ['a number', 640],
    ['an object with another prototype', Object.assign(Object.create({ polluted: true }), ampEmbedSize(640))],
    ['a Datawrapper message', datawrapperHeight('flurry', 640)],
  ])('refuses %s', (_, data) => {
    expect(readEmbedSize(data)).toBeNull();
  });
});

describe('knownSection(id, known)', () => {
  it('returns a known id', () => expect(knownSection('flurry', ids)).toBe('flurry'));
  it.each(['no-such-section', 'FLURRY', 'flurry/', '../flurry', 'javascript:alert(1)', '<img src=x>', '', ' flurry', null, 7, ['flurry']])('refuses %j', (id) => {
    expect(knownSection(id, ids)).toBeNull();
  });
});

describe('pymChildId(search): the childId a pym.js Parent put in the URL', () => {
  it('reads the ids pym makes and editors give', () => {
    expect(pymChildId('?initialWidth=600&childId=pym-0&parentTitle=x&parentUrl=https%3A%2F%2Fexample.org')).toBe('pym-0');
    expect(pymChildId('?childId=graphic_1.a:b')).toBe('graphic_1.a:b');
  });
  it.each(['', '?initialWidth=600', '?childId=', '?childId=a(', '?childId=%3Cimg%20src%3Dx%3E', '?childId=a%20b', '?childId=a&childId=b', '?childId=%E0%A4%A', `?childId=${'a'.repeat(101)}`])('refuses %j', (search) => {
    expect(pymChildId(search)).toBeNull();
  });
});

describe('the height messages', () => {
  it('are AMP embed-size and Datawrapper shaped', () => {
    expect(ampEmbedSize(500)).toEqual({ sentinel: 'amp', type: 'embed-size', height: 500 });
    expect(datawrapperHeight('flurry', 500)).toEqual({ 'datawrapper-height': { flurry: 500 } });
  });
});

describe('progress messages (README: Progress events)', () => {
  const detail = { section: 'flurry', step: 'flurry-call', index: 2, total: 3 };

  it('progressMessage() carries the type, section, step, index and total, and nothing else', () => {
    expect(progressMessage('korea-explainer:step', { ...detail, extra: 'x' } as typeof detail)).toEqual({ type: 'korea-explainer:step', ...detail });
  });

  it('readProgress() reads a well-formed step or finish message', () => {
    expect(readProgress({ type: 'korea-explainer:step', ...detail })).toEqual({ type: 'korea-explainer:step', ...detail });
    expect(readProgress({ type: 'korea-explainer:finish', ...detail, index: 3 })).toEqual({ type: 'korea-explainer:finish', ...detail, index: 3 });
  });

  it.each([
    ['an extra key', { type: 'korea-explainer:step', ...detail, email: 'reader@example.org' }],
    ['a missing key', { type: 'korea-explainer:step', section: 'flurry', step: 'flurry-call', index: 2 }],
    ['another type', { type: 'korea-explainer:start', ...detail }],
    ['markup as section', { type: 'korea-explainer:step', ...detail, section: '<img src=x onerror=alert(1)>' }],
    ['markup as step', { type: 'korea-explainer:step', ...detail, step: '"><script>' }],
    ['an index past the total', { type: 'korea-explainer:step', ...detail, index: 4 }],
    ['index 0', { type: 'korea-explainer:step', ...detail, index: 0 }],
    ['a fractional index', { type: 'korea-explainer:step', ...detail, index: 1.5 }],
    ['a string index', { type: 'korea-explainer:step', ...detail, index: '2' }],
    ['a JSON string', JSON.stringify({ type: 'korea-explainer:step', ...detail })],
    ['an object with another prototype', Object.assign(Object.create({ polluted: true }), { type: 'korea-explainer:step', ...detail })],
    ['null', null],
  ])('readProgress() refuses %s', (_, data) => {
    expect(readProgress(data)).toBeNull();
  });
});

describe('snippets', () => {
  const hostile: EmbedTarget = { id: 'flurry', title: 'A "title" </script><img src=x onerror=alert(1)> & more', embedUrl: 'https://example.org/embed/flurry/', scriptUrl: 'https://example.org/embed.js', height: 640 };

  it('script: a placeholder and an async embed.js', () => {
    expect(snippets.script(hostile)).toBe('<div data-korea-explainer="flurry"></div>\n<script src="https://example.org/embed.js" async></script>');
  });

  it('iframe: title escaped as an attribute, a lazy, borderless, full-width frame', () => {
    const html = snippets.iframe(hostile);
    expect(html).toMatch(/^<iframe src="https:\/\/example\.org\/embed\/flurry\/" title="A &quot;title&quot; &lt;\/script&gt;&lt;img [^<>]*" width="100%" height="640" loading="lazy" scrolling="no"/);
    expect(html).not.toContain('<img');
  });

  it('pym: the title as a JavaScript string that cannot end the script element', () => {
    const html = snippets.pym(hostile);
    expect(html).toContain('new pym.Parent("korea-explainer-flurry", "https://example.org/embed/flurry/", { title: ');
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).not.toContain('<img');
  });
});

describe('siteUrl(base, SITE_URL)', () => {
  it('joins SITE_URL and the base path', () => {
    expect(siteUrl('/', undefined)).toBe('http://localhost:4173/');
    expect(siteUrl('/', '')).toBe('http://localhost:4173/');
    expect(siteUrl('/explainers/korea/', 'https://example.org')).toBe('https://example.org/explainers/korea/');
    expect(siteUrl('/x/', 'https://example.org/')).toBe('https://example.org/x/');
    expect(siteUrl('/', 'http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/');
  });

  it('siteOrigin() is null without SITE_URL (the build warns that links will point at localhost)', () => {
    expect(siteOrigin(undefined)).toBeNull();
    expect(siteOrigin('  ')).toBeNull();
  });

  it.each([
    ['example.org', /is not an absolute URL/],
    ['/explainers/korea/', /is not an absolute URL/],
    ['ftp://example.org', /uses ftp: — only http: and https:/],
    ['javascript:alert(1)', /uses javascript:/],
    ['https://example.org/explainers/korea/', /has a path, query or fragment/],
    ['https://example.org/?utm=x', /has a path, query or fragment/],
    ['https://example.org#top', /has a path, query or fragment/],
    ['https://user:secret@example.org', /user name or password/],
  ])('refuses the malformed SITE_URL %j with a clear error', (value, why) => {
    expect(() => siteUrl('/', value)).toThrow(SiteUrlError);
    expect(() => siteUrl('/', value)).toThrow(why);
    expect(() => siteUrl('/', value)).toThrow(/set it to the public origin only, e\.g\. SITE_URL=https:\/\/example\.org/);
  });
});

describe('embedPage(template, story, index, base, site)', () => {
  const i = ids.indexOf('flurry');
  const html = embedPage(TEMPLATE, story, i, '/x/', 'https://example.org/x/');

  it('fills every placeholder', () => expect(html).not.toContain('<!--embed:'));

  it('prerenders the title and every step of the section', () => {
    expect(html).toContain('<h1 id="flurry-title">A week of Chinese diplomacy</h1>');
    for (const step of story.sections[i].steps) expect(html).toContain(`data-step="${step.state}"`);
    expect(html).toContain('Dalian');
  });

  it('credits the article and links back to the section, under the base path', () => {
    expect(html).toContain('Zhang Baohui');
    expect(html).toContain('South China Morning Post');
    expect(html).toContain('href="/x/#flurry"');
  });

  it('points fact links at the sources list on the scroll page', () => {
    expect(html).toMatch(/href="\/x\/#source-event-[a-z-]+"/);
    expect(html).not.toMatch(/href="#/);
  });

  it('carries oEmbed discovery, a canonical link and social meta with absolute URLs', () => {
    expect(html).toContain('<link rel="alternate" type="application/json+oembed" href="https://example.org/x/embed/flurry/oembed.json"');
    expect(html).toContain('<link rel="canonical" href="https://example.org/x/embed/flurry/" />');
    expect(html).toContain('<meta property="og:image" content="https://example.org/x/og/sections/flurry.png" />');
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image" />');
  });
});

describe('oembed(story, index, site)', () => {
  it('is a rich oEmbed response with the iframe, its size, title, author and provider', () => {
    const o = oembed(story, heights, ids.indexOf('panmunjom'), 'https://example.org/');
    expect(o).toMatchObject({ version: '1.0', type: 'rich', title: 'Three at the table, or four?', provider_name: 'A seat at the table', width: 600, thumbnail_width: 1200, thumbnail_height: 630 });
    expect(o.author_name).toBe('After Zhang Baohui, South China Morning Post, 10 May 2018');
    expect(o.html).toBe(`<iframe src="https://example.org/embed/panmunjom/" title="Three at the table, or four? — an explainer" width="100%" height="${o.height}" loading="lazy" scrolling="no" style="border:0;width:100%;max-width:100%"></iframe>`);
    expect(o.thumbnail_url).toBe('https://example.org/og/sections/panmunjom.png');
  });

  it('gives every section the tallest of its heights measured at 320, 600 and 1000 px (data/embed-heights.json)', () => {
    for (const s of story.sections) {
      const measured = heights.sections[s.id];
      expect(measured, `${s.id} is measured: run npm run measure-embeds`).toBeDefined();
      const values = MEASURED_WIDTHS.map((w) => measured[String(w)]);
      for (const v of values) expect(Number.isInteger(v) && v > 200, `${s.id}: ${v}`).toBe(true);
      expect(embedHeight(heights, s.id)).toBe(Math.max(...values));
      expect(oembed(story, heights, ids.indexOf(s.id), 'https://example.org/').height).toBe(Math.max(...values));
    }
    expect(embedHeight({ sections: {} }, 'flurry'), 'an unmeasured section starts tall').toBe(UNMEASURED_HEIGHT);
  });
});

describe('socialMetaHtml(meta)', () => {
  it('escapes every value', () => {
    const html = socialMetaHtml({ title: '"><script>alert(1)</script>', description: 'a & b', url: 'https://example.org/?a=1&b=2', image: 'https://example.org/c.png', imageAlt: '<b>', type: 'website' });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(html).toContain('content="a &amp; b"');
    expect(html).toContain('href="https://example.org/?a=1&amp;b=2"');
  });
});

describe('social cards', () => {
  it('cardCss resolves custom properties, CSS Color 4 rgb() and drops @media', () => {
    const css = cardCss(':root { --ink: #111; --x: red; }\n.a { fill: var(--ink); stroke: rgb(0 158 115 / 0.12); }\n@media (min-width: 1px) { .b { fill: var(--x); } }');
    expect(css).toContain('.a { fill: #111; stroke: rgba(0, 158, 115, 0.12); }');
    expect(css).not.toContain('@media');
    expect(css).not.toContain('var(');
  });

  it('wrap() breaks a title into lines that fit, or gives up past the line limit', () => {
    expect(wrap('A week of Chinese diplomacy', 64, 388, 4)).toEqual(['A week of', 'Chinese', 'diplomacy']);
    expect(wrap('A very long title that cannot possibly fit in so few lines at all', 64, 388, 2)).toBeNull();
  });

  it('draws a 1200×630 PNG with the map of the section’s first state', () => {
    const section = story.sections[ids.indexOf('divided-alliances')];
    const svg = cardSvg({ kicker: 'Explainer', title: section.title, credit: 'Credit line', site: 'A seat at the table', state: states[section.steps[0].state] }, story.catalog, loadRegions(root), readFileSync(join(root, 'src/styles.css'), 'utf8'));
    expect(svg.includes('>peninsula,<'), 'the title, wrapped').toBe(true);
    expect(svg.includes('data-region="east-asia"')).toBe(true);
    expect(svg.includes('var(--'), 'every custom property resolved').toBe(false);
    const png = cardPng(svg);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  });
});
