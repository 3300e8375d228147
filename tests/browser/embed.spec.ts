import { expect, test, type Frame, type Locator, type Page } from '@playwright/test';
import { baseOf, stepsOf, watchConsole } from './helpers';

/** The second origin (tests/browser/host-server.mjs): host pages that embed the site's sections. */
const HOST = process.env.EMBED_HOST_ORIGIN ?? 'http://127.0.0.1:4174';
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WIDTHS = [320, 600, 1000];

interface Manifest {
  id: string;
  title: string;
  url: string;
  embed: string;
  oembed: string;
}

/** Each section's id and the state its first step shows, from the scroll page. */
async function firstStates(page: Page): Promise<Map<string, string>> {
  await page.goto('/');
  const first = new Map<string, string>();
  for (const s of await stepsOf(page)) if (!first.has(s.section)) first.set(s.section, s.state);
  return first;
}

async function frameOf(iframe: Locator): Promise<Frame> {
  const frame = await (await iframe.elementHandle())!.contentFrame();
  expect(frame, 'iframe has a frame').not.toBeNull();
  return frame!;
}

/** The iframe's inner size against its page's content: equal heights, no inner scrolling. */
async function fit(iframe: Locator, frame: Frame) {
  const box = await iframe.evaluate((f: HTMLIFrameElement) => ({ width: f.clientWidth, height: f.clientHeight }));
  const inner = await frame.evaluate(() => ({
    content: Math.ceil(document.documentElement.getBoundingClientRect().height),
    scrolls: document.documentElement.scrollHeight > document.documentElement.clientHeight || document.documentElement.scrollWidth > document.documentElement.clientWidth,
  }));
  return { width: box.width, heightMatches: box.height === inner.content, scrolls: inner.scrolls, height: box.height, content: inner.content };
}

async function expectFits(iframe: Locator, width: number, label: string): Promise<void> {
  const frame = await frameOf(iframe);
  await expect
    .poll(async () => {
      const f = await fit(iframe, frame);
      return { width: f.width, heightMatches: f.heightMatches, scrolls: f.scrolls };
    }, { message: `${label}: iframe as tall as its content, no inner scroll`, timeout: 10_000 })
    .toEqual({ width, heightMatches: true, scrolls: false });
}

test.describe('embedded on another origin', () => {
  test.skip(({ isMobile }) => isMobile, 'widths are set explicitly; the desktop project covers them');

  for (const way of ['pym', 'embedjs', 'plain'] as const) {
    const name = { pym: "pym.js's Parent", embedjs: 'embed.js', plain: 'a plain iframe (host with a Datawrapper-style listener)' }[way];
    test(`every section embedded with ${name} is exactly as tall as its content at 320, 600 and 1000 px, with its map drawn`, async ({ page }) => {
      test.setTimeout(180_000);
      const consoleWatch = watchConsole(page);
      const first = await firstStates(page);
      await page.setViewportSize({ width: WIDTHS[0], height: 900 });
      await page.goto(`${HOST}/${way}.html`);
      const frames = page.locator('iframe');
      await expect(frames).toHaveCount(first.size);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        let i = 0;
        for (const [id, state] of first) {
          const iframe = frames.nth(i++);
          await iframe.scrollIntoViewIfNeeded();
          await expect(iframe).toHaveAttribute('src', new RegExp(`/embed/${id}/`));
          expect(await iframe.getAttribute('title'), `${id} iframe title`).toBeTruthy();
          const frame = await frameOf(iframe);
          await expect(frame.locator('#map'), `${id} at ${width}px: map drawn`).toHaveAttribute('data-map-state', state);
          await expect.poll(async () => (await baseOf(frame.locator('#map'))).colours, `${id} at ${width}px: base painted`).toBeGreaterThan(2);
          await expectFits(iframe, width, `${id} at ${width}px via ${way}`);
        }
      }
      consoleWatch.expectNone();
    });
  }

  test('steps play through Previous and Next (mouse and keyboard), and the height stays exact', async ({ page }) => {
    const consoleWatch = watchConsole(page);
    await page.setViewportSize({ width: 600, height: 900 });
    await page.goto(`${HOST}/pym.html?ids=flurry`);
    const iframe = page.locator('iframe');
    const frame = await frameOf(iframe);
    const [prev, next, count, map] = [frame.getByRole('button', { name: 'Previous' }), frame.getByRole('button', { name: 'Next' }), frame.locator('.embed-count'), frame.locator('#map')];
    await expect(map).toHaveAttribute('data-map-state', 'flurry-wang-yi');
    await expect(count).toHaveText('Step 1 of 3');
    await expect(prev).toHaveAttribute('aria-disabled', 'true');
    await expectFits(iframe, 600, 'step 1');

    await next.click();
    await expect(map).toHaveAttribute('data-map-state', 'flurry-call');
    await expect(count).toHaveText('Step 2 of 3');
    await expect(frame.locator('.step.is-active')).toHaveAttribute('data-step', 'flurry-call');
    await expect(frame.locator('.step[data-step="flurry-wang-yi"]')).toBeHidden();
    await expectFits(iframe, 600, 'step 2');

    await next.focus();
    await page.keyboard.press('Enter');
    await expect(map).toHaveAttribute('data-map-state', 'flurry-dalian');
    await expect(next).toHaveAttribute('aria-disabled', 'true');
    await page.keyboard.press('Enter'); // past the end: nothing happens
    await expect(count).toHaveText('Step 3 of 3');

    await page.keyboard.press('Shift+Tab');
    await expect(prev).toBeFocused();
    await page.keyboard.press('Space');
    await expect(map).toHaveAttribute('data-map-state', 'flurry-call');
    await expectFits(iframe, 600, 'back to step 2');
    consoleWatch.expectNone();
  });

  test('Play advances the steps only when asked, and is not offered under reduced motion', async ({ page }) => {
    await page.clock.install();
    await page.goto(`${HOST}/embedjs.html?ids=flurry`);
    const frame = await frameOf(page.locator('iframe'));
    const map = frame.locator('#map');
    await expect(map).toHaveAttribute('data-map-state', 'flurry-wang-yi');
    await page.clock.runFor(60_000);
    await expect(map, 'nothing moves on its own').toHaveAttribute('data-map-state', 'flurry-wang-yi');
    await frame.getByRole('button', { name: 'Play' }).click();
    await expect(frame.getByRole('button', { name: 'Pause' })).toBeVisible();
    await page.clock.runFor(20_000);
    await expect(map).toHaveAttribute('data-map-state', 'flurry-call');
    await page.clock.runFor(20_000);
    await expect(map).toHaveAttribute('data-map-state', 'flurry-dalian');
    await expect(frame.getByRole('button', { name: 'Play' }), 'stops at the last step').toBeVisible();

    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/embed/flurry/');
    await expect(page.locator('#map')).toHaveAttribute('data-map-state', 'flurry-wang-yi');
    await expect(page.getByRole('button', { name: 'Next' })).toBeVisible();
    await expect(page.locator('.embed-play')).toBeHidden();
  });

  test('the copied snippet, pasted into a page on another origin, shows the section at the right height', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/');
    await page.getByRole('button', { name: 'Embed this section: Three at the table, or four?' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Copy code' }).click();
    const snippet = await page.evaluate(() => navigator.clipboard.readText());
    expect(snippet).toContain('data-korea-explainer="panmunjom"');

    await page.setViewportSize({ width: 1000, height: 900 });
    await page.goto(`${HOST}/blank.html`);
    // As a CMS inserts pasted HTML: parsed as a fragment, so its script runs.
    await page.evaluate((html) => document.body.replaceChildren(document.createRange().createContextualFragment(html)), snippet);
    const iframe = page.locator('[data-korea-explainer="panmunjom"] iframe');
    await expect(iframe).toHaveAttribute('loading', 'lazy');
    await expect(iframe).toHaveAttribute('title', /Three at the table, or four\?/);
    const frame = await frameOf(iframe);
    await expect(frame.locator('#map')).toHaveAttribute('data-map-state', 'panmunjom');
    await expectFits(iframe, 1000, 'pasted snippet');
    await frame.getByRole('button', { name: 'Next' }).click();
    await expect(frame.locator('#map')).not.toHaveAttribute('data-map-state', 'panmunjom');
    await expectFits(iframe, 1000, 'pasted snippet, step 2');
  });
});

test.describe('embed.js on pages that change after load (CMS, live blog, single-page app)', () => {
  test.skip(({ isMobile }) => isMobile, 'one run is enough');

  test('mounts placeholders added at any time and at any depth, sizes them, and forgets the removed ones', async ({ page, baseURL }) => {
    const consoleWatch = watchConsole(page);
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.goto(`${HOST}/dynamic.html`);
    await page.waitForLoadState('load');
    await expect(page.locator('iframe')).toHaveCount(0);
    // After load: a placeholder appended, one nested deep in an added subtree, one whose attribute is set later.
    await page.evaluate(() => {
      const feed = document.querySelector('#feed')!;
      feed.insertAdjacentHTML('beforeend', '<div class="slot" id="a" data-korea-explainer="flurry"></div>');
      feed.insertAdjacentHTML('beforeend', '<section class="post"><div><div><div class="slot" id="b" data-korea-explainer="panmunjom"></div></div></div></section>');
      const later = Object.assign(document.createElement('div'), { id: 'c', className: 'slot' });
      feed.append(later);
      setTimeout(() => later.setAttribute('data-korea-explainer', 'lesson'), 50);
    });
    for (const [slot, id] of [['#a', 'flurry'], ['#b', 'panmunjom'], ['#c', 'lesson']]) {
      const iframe = page.locator(`${slot} iframe`);
      await expect(iframe).toHaveAttribute('src', `${baseURL}/embed/${id}/`);
      await iframe.scrollIntoViewIfNeeded();
      await expectFits(iframe, 1000, `${id}, added after load`);
    }

    // A placeholder that is removed: its iframe is not kept alive by embed.js (garbage-collected like any node).
    await page.evaluate(() => document.querySelector('#feed')!.insertAdjacentHTML('beforeend', '<div class="slot" id="d" data-korea-explainer="four-party"></div>'));
    await page.locator('#d iframe').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector<HTMLIFrameElement>('#d iframe')?.style.height.endsWith('px'));
    await page.evaluate(() => {
      const iframe = document.querySelector('#d iframe')!;
      (window as any).removed = new WeakRef(iframe);
      document.querySelector('#d')!.remove();
    });
    await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
    const cdp = await page.context().newCDPSession(page);
    await expect
      .poll(async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        return page.evaluate(() => (window as any).removed.deref() === undefined);
      }, { message: 'the removed iframe is collected', timeout: 10_000 })
      .toBe(true);

    // A placeholder moved elsewhere in the page: its iframe reloads there and is sized again.
    await page.evaluate(() => document.querySelector('#feed')!.prepend(document.querySelector('#b')!));
    await page.locator('#b iframe').scrollIntoViewIfNeeded();
    await expectFits(page.locator('#b iframe'), 1000, 'panmunjom, moved');
    consoleWatch.expectNone();
  });

  test('KoreaExplainer.mount(root) mounts placeholders where the page cannot be watched: a shadow root', async ({ page }) => {
    await page.setViewportSize({ width: 600, height: 900 });
    await page.goto(`${HOST}/dynamic.html`);
    await page.waitForFunction(() => typeof (window as any).KoreaExplainer?.mount === 'function');
    await page.evaluate(() => {
      const host = document.createElement('div');
      host.id = 'app';
      document.querySelector('#feed')!.append(host);
      const shadow = host.attachShadow({ mode: 'open' });
      shadow.innerHTML = '<div data-korea-explainer="flurry"></div>';
      (window as any).KoreaExplainer.mount(shadow);
    });
    const iframe = page.locator('#app iframe'); // Playwright pierces open shadow roots
    await expect(iframe).toHaveAttribute('src', /\/embed\/flurry\/$/);
    await expectFits(iframe, 600, 'in a shadow root');
  });
});

test.describe('progress events for publishers\' analytics', () => {
  test.skip(({ isMobile }) => isMobile, 'one run is enough');

  test('an embed on another origin posts each step once and the finish once, with only section, step, index and total; embed.js re-dispatches them', async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as any;
      w.posted = [];
      w.events = [];
      addEventListener('message', (e) => typeof e.data?.type === 'string' && e.data.type.startsWith('korea-explainer:') && w.posted.push(e.data));
      for (const type of ['korea-explainer:step', 'korea-explainer:finish']) {
        addEventListener(type, (e) => {
          const { iframe, ...rest } = (e as CustomEvent).detail;
          w.events.push({ type, ...rest, keys: Object.keys((e as CustomEvent).detail).sort(), fromOurIframe: iframe === document.querySelector('iframe') });
        });
      }
    });
    await page.setViewportSize({ width: 600, height: 900 });
    await page.goto(`${HOST}/embedjs.html?ids=flurry`);
    const frame = await frameOf(page.locator('iframe'));
    const [prev, next, map] = [frame.getByRole('button', { name: 'Previous' }), frame.getByRole('button', { name: 'Next' }), frame.locator('#map')];
    await expect(map).toHaveAttribute('data-map-state', 'flurry-wang-yi');
    await next.click();
    await expect(map).toHaveAttribute('data-map-state', 'flurry-call');
    await prev.click();
    await expect(map).toHaveAttribute('data-map-state', 'flurry-wang-yi');
    await next.click();
    await next.click();
    await expect(map).toHaveAttribute('data-map-state', 'flurry-dalian');
    await prev.click();
    await next.click();
    await page.waitForTimeout(300);

    const step = (n: number, state: string) => ({ section: 'flurry', step: state, index: n, total: 3 });
    const expected = [
      { type: 'korea-explainer:step', ...step(1, 'flurry-wang-yi') },
      { type: 'korea-explainer:step', ...step(2, 'flurry-call') },
      { type: 'korea-explainer:step', ...step(3, 'flurry-dalian') },
      { type: 'korea-explainer:finish', ...step(3, 'flurry-dalian') },
    ];
    const posted = await page.evaluate(() => (window as any).posted);
    expect(posted, 'postMessage to the host: once per step, then finish; these five keys only').toEqual(expected);
    for (const m of posted) expect(Object.keys(m).sort()).toEqual(['index', 'section', 'step', 'total', 'type']);
    const events = await page.evaluate(() => (window as any).events);
    expect(events).toEqual(expected.map((e) => ({ ...e, keys: ['iframe', 'index', 'section', 'step', 'total'], fromOurIframe: true })));
  });

  test('embed.js ignores forged progress messages from the host\'s own window and other frames', async ({ page }) => {
    await page.addInitScript(() => {
      (window as any).events = 0;
      addEventListener('korea-explainer:step', () => (window as any).events++);
    });
    await page.goto(`${HOST}/hostile.html`);
    const frame = await frameOf(page.locator('#good iframe'));
    await expect(frame.locator('#map')).toHaveAttribute('data-map-state', 'flurry-wang-yi');
    await expect.poll(() => page.evaluate(() => (window as any).events)).toBe(1);
    const forged = { type: 'korea-explainer:step', section: 'flurry', step: 'flurry-call', index: 2, total: 3 };
    await page.evaluate((m) => window.postMessage(m, '*'), forged);
    await (await frameOf(page.locator('#evil'))).evaluate((m) => window.parent.postMessage(m, '*'), forged);
    // From the embed itself, but with an extra key or odd values: refused too.
    await frame.evaluate((m) => {
      for (const bad of [{ ...m, email: 'reader@example.org' }, { ...m, index: 9 }, { ...m, section: '<img src=x>' }, JSON.stringify(m)]) window.parent.postMessage(bad, '*');
    }, forged);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as any).events)).toBe(1);
  });
});

test.describe('hostile input', () => {
  test.skip(({ isMobile }) => isMobile, 'one run is enough');

  test('hostile URL parameters change nothing and run nothing (the embed in an iframe, where pym reads them)', async ({ page, baseURL }) => {
    const consoleWatch = watchConsole(page);
    await page.addInitScript(() => {
      (window as any).pwned = false;
      (window as any).messages = [];
      addEventListener('message', (e) => (window as any).messages.push(e.data));
    });
    await page.goto(`${HOST}/blank.html`);
    const markup = '<img src=x onerror="window.pwned=true">';
    const cases: [string, boolean][] = [
      [`childId=${encodeURIComponent(markup)}&parentUrl=${encodeURIComponent('javascript:window.pwned=true')}&parentTitle=${encodeURIComponent('<script>window.pwned=true</script>')}&initialWidth=${encodeURIComponent(markup)}`, false],
      ['childId=a(', false], // pym would build a broken RegExp from it
      ['childId=ok&parentUrl=%E0%A4%A', false], // pym's decodeURIComponent would throw
      ['childId=x&childId=y&step=99&id=..%2F..%2Findex.html', false],
      ['childId=pym-0&initialWidth=600&parentUrl=https%3A%2F%2Fexample.org%2Farticle', true], // a real pym Parent's URL
    ];
    for (const [search, pym] of cases) {
      await page.evaluate((src) => {
        (window as any).messages = [];
        document.querySelector('#t')?.remove();
        const f = Object.assign(document.createElement('iframe'), { id: 't', src, title: 'embed' });
        document.body.append(f);
      }, `${baseURL}/embed/flurry/?${search}#${encodeURIComponent(markup)}`);
      const frame = await frameOf(page.locator('#t'));
      await expect(frame.locator('#map'), search).toHaveAttribute('data-map-state', 'flurry-wang-yi');
      await expect(frame.locator('.embed-count')).toHaveText('Step 1 of 3');
      expect(await frame.locator('img, script:not([src])').count(), search).toBe(0);
      expect(await frame.evaluate(() => (window as any).pwned ?? false)).toBe(false);
      await expect.poll(() => page.evaluate(() => (window as any).messages.some((m: any) => m?.sentinel === 'amp')), search).toBe(true);
      const pymMessages = await page.evaluate(() => (window as any).messages.filter((m: unknown) => typeof m === 'string' && m.startsWith('pym')));
      if (pym) expect(pymMessages.some((m: string) => /^pymxPYMxpym-0xPYMxheightxPYMx\d+$/.test(m)), search).toBe(true);
      else expect(pymMessages, search).toEqual([]);
    }
    expect(await page.evaluate(() => (window as any).pwned)).toBe(false);
    const unknown = await page.request.get(`${baseURL}/embed/${encodeURIComponent(markup)}/`);
    expect(unknown.status()).toBe(404);
    consoleWatch.expectNone();
  });

  test('embed.js ignores placeholders with unknown or hostile ids, and height messages from other windows, origins or of the wrong shape', async ({ page, baseURL }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(() => ((window as any).pwned = false));
    await page.setViewportSize({ width: 600, height: 900 });
    await page.goto(`${HOST}/hostile.html`);
    const good = page.locator('#good iframe');
    await expect(good).toHaveAttribute('src', `${baseURL}/embed/flurry/`);
    await expect(page.locator('.bad iframe')).toHaveCount(0);
    const frame = await frameOf(good);
    await expect(frame.locator('#map')).toHaveAttribute('data-map-state', 'flurry-wang-yi');
    await expectFits(good, 600, 'before');
    const height = await good.evaluate((f) => f.style.height);

    const forged = { sentinel: 'amp', type: 'embed-size', height: 77 };
    // The host's own window, and another frame on the host's origin, send a well-formed message.
    await page.evaluate((m) => window.postMessage(m, '*'), forged);
    await (await frameOf(page.locator('#evil'))).evaluate((m) => window.parent.postMessage(m, '*'), forged);
    // The embed's own window sends messages of the wrong shape.
    await frame.evaluate(() => {
      const bad: unknown[] = [
        JSON.stringify({ sentinel: 'amp', type: 'embed-size', height: 77 }),
        { sentinel: 'amp', type: 'embed-size', height: '77px' },
        { sentinel: 'amp', type: 'embed-size', height: '<img src=x onerror="window.pwned=true">' },
        { sentinel: 'amp', type: 'embed-size', height: -5 },
        { sentinel: 'amp', type: 'embed-size', height: 1e9 },
        { sentinel: 'amp', type: 'embed-size', height: Number.NaN },
        { sentinel: 'amp', type: 'embed-size' },
        { sentinel: 'amp', type: 'embed-resize', height: 77 },
        [77],
        null,
        77,
      ];
      for (const m of bad) window.parent.postMessage(m, '*');
    });
    await page.waitForTimeout(300);
    expect(await good.evaluate((f) => f.style.height)).toBe(height);
    await expectFits(good, 600, 'after forged messages');

    // And messages into the embed: pym-shaped with markup, and junk.
    await good.evaluate((f: HTMLIFrameElement) => {
      const w = f.contentWindow!;
      for (const m of ['pymxPYMxgoodxPYMxwidthxPYMx<img src=x onerror="window.pwned=true">', 'pymxPYMxundefinedxPYMxheightxPYMx1', { type: 'step', index: 2 }, '<script>window.pwned=true</script>']) w.postMessage(m, '*');
    });
    await page.waitForTimeout(300);
    await expect(frame.locator('#map')).toHaveAttribute('data-map-state', 'flurry-wang-yi');
    expect(await frame.locator('img').count()).toBe(0);
    expect(await frame.evaluate(() => (window as any).pwned ?? false)).toBe(false);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as any).pwned)).toBe(false);
    expect(errors).toEqual([]);
  });
});

/** Width and height of a PNG from its IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** A site URL (absolute, from SITE_URL) as a path on the server under test. */
const local = (url: string): string => new URL(url).pathname;

test.describe('oEmbed and social cards', () => {
  test.skip(({ isMobile }) => isMobile, 'one run is enough');

  test('every oembed.json is valid rich oEmbed, discovered from its embed page, and its card loads as a 1200×630 PNG', async ({ page, request }) => {
    const sections = (await (await request.get('/sections.json')).json()) as Manifest[];
    for (const s of sections) {
      const response = await request.get(s.oembed);
      expect(response.ok(), s.oembed).toBe(true);
      expect(response.headers()['content-type']).toMatch(/^application\/json/);
      const o = await response.json();
      expect(o).toMatchObject({ version: '1.0', type: 'rich', title: s.title, provider_name: expect.any(String), author_name: expect.stringContaining('Zhang Baohui') });
      for (const k of ['width', 'height', 'thumbnail_width', 'thumbnail_height']) expect(Number.isInteger(o[k]) && o[k] > 0, `${s.id} ${k}`).toBe(true);
      expect(o.html).toMatch(new RegExp(`^<iframe src="https?://[^"]+${s.embed}" title="[^"<]+" [^<]*></iframe>$`));
      expect(o.html).toContain(`height="${o.height}"`);
      expect(o.html).not.toMatch(/<script/i);
      const thumbnail = await request.get(local(o.thumbnail_url));
      expect(pngSize(await thumbnail.body())).toEqual({ width: 1200, height: 630 });

      await page.goto(s.embed);
      const discovery = page.locator('link[rel="alternate"][type="application/json+oembed"]');
      expect(local((await discovery.getAttribute('href'))!)).toBe(s.oembed);
      expect(local((await page.locator('link[rel="canonical"]').getAttribute('href'))!)).toBe(s.embed);
      await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', s.title);
      await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
      expect(local((await page.locator('meta[property="og:image"]').getAttribute('content'))!)).toBe(local(o.thumbnail_url));
      await expect(page.locator('a.embed-home')).toHaveAttribute('href', s.url);
    }
  });

  test('the scroll page and the deck carry a canonical link, Open Graph and Twitter cards with an image that loads', async ({ page, request }) => {
    for (const path of ['/', '/slides.html']) {
      const response = await page.goto(path);
      if (path !== '/' && response?.status() === 404) continue; // the deck is built by another issue
      expect(local((await page.locator('link[rel="canonical"]').getAttribute('href'))!)).toBe(path);
      for (const p of ['og:title', 'og:description', 'og:image', 'og:url']) await expect(page.locator(`meta[property="${p}"]`), `${path} ${p}`).toHaveAttribute('content', /.+/);
      await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
      const image = (await page.locator('meta[property="og:image"]').getAttribute('content'))!;
      expect(pngSize(await (await request.get(local(image))).body())).toEqual({ width: 1200, height: 630 });
    }
  });
});

test.describe('the embed page itself', () => {
  test('reads without JavaScript: title, every step, the credit and a link back', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/embed/flurry/');
    await expect(page.locator('h1')).toHaveText('A week of Chinese diplomacy');
    await expect(page.locator('.step')).toHaveCount(3);
    for (const step of await page.locator('.step-body').all()) await expect(step).toBeVisible();
    await expect(page.locator('.embed-credit')).toContainText('Zhang Baohui');
    await expect(page.locator('.embed-credit')).toContainText('South China Morning Post');
    await expect(page.locator('a.embed-home')).toHaveAttribute('href', '/#flurry');
    await expect(page.locator('.embed-controls')).toBeHidden();
    await context.close();
  });

  test('no section is ever taller than its plain-iframe snippet and oEmbed height, at 320, 600 and 1000 px, at any step', async ({ page, request }) => {
    test.skip(test.info().project.name !== 'desktop', 'widths are set explicitly');
    test.setTimeout(180_000);
    const sections = (await (await request.get('/sections.json')).json()) as Manifest[];
    // Every oEmbed read first: the walk below leaves the request's socket idle past the server's keep-alive, and a
    // reused socket the server has just closed fails the read (ECONNRESET, seen once in CI).
    const oembeds = await Promise.all(sections.map(async (s) => (await request.get(s.oembed)).json() as Promise<{ html: string; height: number }>));
    for (const [i, s] of sections.entries()) {
      const o = oembeds[i];
      expect(o.html, s.id).toContain(`height="${o.height}"`);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(s.embed);
        await expect(page.locator('#map')).toHaveAttribute('data-map-state', /.+/);
        await page.evaluate(() => document.fonts.ready);
        const next = page.locator('.embed-next');
        for (let step = 1; ; step++) {
          const real = await page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
          expect(real, `${s.id} at ${width}px, step ${step}: ${real}px of content in a ${o.height}px snippet — run npm run measure-embeds`).toBeLessThanOrEqual(o.height);
          if (!(await next.isVisible()) || (await next.getAttribute('aria-disabled')) === 'true') break;
          await next.click();
        }
      }
    }
  });

  test('nothing overflows sideways from 280 to 1200 px', async ({ page, request }) => {
    test.skip(test.info().project.name !== 'desktop', 'widths are set explicitly');
    const sections = (await (await request.get('/sections.json')).json()) as Manifest[];
    for (const width of [280, 1200]) {
      await page.setViewportSize({ width, height: 800 });
      for (const s of sections) {
        await page.goto(s.embed);
        await expect(page.locator('#map')).toHaveAttribute('data-map-state', /.+/);
        const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(over, `${s.id} at ${width}px`).toBeLessThanOrEqual(0);
      }
    }
  });
});

test.describe('"Embed this section" on the scroll page', () => {
  test('opens an accessible dialog with the snippet in each variant, copies it, and closes back to its button', async ({ page, context, baseURL }) => {
    const site = escapeRegExp(baseURL!);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const consoleWatch = watchConsole(page);
    await page.goto('/');
    const sections = await page.locator('section.section').count();
    await expect(page.locator('.share-open')).toHaveCount(sections);
    const opener = page.getByRole('button', { name: 'Embed this section: A week of Chinese diplomacy' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Embed “A week of Chinese diplomacy”' });
    await expect(dialog).toBeVisible();
    const code = dialog.getByRole('textbox', { name: 'Embed code' });
    await expect(code).toBeFocused();
    await expect(code).toHaveValue(new RegExp(`^<div data-korea-explainer="flurry"></div>\n<script src="${site}/embed\\.js" async></script>$`));

    await dialog.getByRole('button', { name: 'Copy code' }).click();
    await expect(dialog.getByRole('status')).toHaveText('Copied to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await code.inputValue());

    await dialog.getByRole('radio', { name: 'Plain iframe' }).check();
    const { height } = await (await page.request.get('/embed/flurry/oembed.json')).json();
    await expect(code).toHaveValue(new RegExp(`^<iframe src="${site}/embed/flurry/" title="A week of Chinese diplomacy — an explainer" width="100%" height="${height}" loading="lazy"`));
    await dialog.getByRole('radio', { name: 'pym.js' }).check();
    await expect(code).toHaveValue(new RegExp(`new pym\\.Parent\\("korea-explainer-flurry", "${site}/embed/flurry/"`));
    await dialog.getByRole('button', { name: 'Copy code' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('pym.Parent');
    await expect(dialog.getByRole('link', { name: 'Preview the embed' })).toHaveAttribute('href', `${baseURL}/embed/flurry/`);

    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
    consoleWatch.expectNone();
  });
});
