#!/usr/bin/env node
/**
 * npm run shots: a contact sheet for review. Serves the built site (dist/; built first if missing) with
 * `vite preview`, and with the system Chromium screenshots every step of the scroll page at 390×844,
 * 375×667, 320×568 and 1280×800 (each step where the page's Previous / Next bring it to be read) and every
 * slide and fragment of the deck at 1280×720, into shots/ (git-ignored), with shots/index.html showing each
 * step's pictures side by side.
 *
 * It relies on the public contract — [data-step] elements, #map[data-map-state] once the map has settled,
 * <html data-reading-line> (mid-screen when absent) — and on the stepper's buttons where the page has them.
 *
 *   npm run build && npm run shots            # or just npm run shots when dist/ is there
 *   SHOTS_PORT=4480 npm run shots             # the preview port (default: a free one)
 *   CHROME_PATH=/path/to/chromium npm run shots
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const out = join(root, 'shots');
const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
const SCROLL_SIZES = [
  { name: 'phone 390×844', dir: 'scroll-390x844', width: 390, height: 844, mobile: true },
  { name: 'phone 375×667', dir: 'scroll-375x667', width: 375, height: 667, mobile: true },
  { name: 'small phone 320×568', dir: 'scroll-320x568', width: 320, height: 568, mobile: true },
  { name: 'desk 1280×800', dir: 'scroll-1280x800', width: 1280, height: 800, mobile: false },
];
const DECK = { name: 'deck 1280×720', dir: 'deck-1280x720', width: 1280, height: 720 };

const freePort = () =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

async function waitForServer(url, child) {
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`vite preview exited (${child.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no answer from ${url}`);
}

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pad = (n) => String(n).padStart(2, '0');

/**
 * Brings step `index` to where the page has it read — by the page's own Previous / Next, as a reader would: on a
 * phone the card whole on screen with the map above it, beside the map on a desk. A page without them: the step
 * 60% through the reading line (the page's own, else mid-screen). True once the map settles there.
 */
async function showStep(page, index, state) {
  const settled = page.locator(`#map[data-map-state="${state}"]`);
  const next = page.locator('.stepper-next');
  if (await next.isVisible()) {
    if (index === 0) {
      await place(page, 1, 0.5);
      await page.locator('.stepper-prev').click();
    } else await next.click();
    return settled.waitFor({ timeout: 5000 }).then(() => true, () => false);
  }
  // The page's reading line first; the other two only where a page does not publish it.
  for (const fallback of [0.5, 0.7, 0.35]) {
    const published = await place(page, index, fallback);
    if (await settled.waitFor({ timeout: 3000 }).then(() => true, () => false)) return true;
    if (published) return false;
  }
  return false;
}

/** Scrolls step `index` 60% through the page's reading line (else `fallbackLine`); true if the page publishes one. */
function place(page, index, fallbackLine) {
  return page.evaluate(
    ([i, fallback]) => {
      const step = document.querySelectorAll('[data-step]')[i];
      const attr = document.documentElement.dataset.readingLine;
      const line = attr === undefined ? fallback : Number(attr);
      const rect = step.getBoundingClientRect();
      window.scrollTo(0, window.scrollY + rect.top + rect.height * 0.6 - innerHeight * line);
      return attr !== undefined;
    },
    [index, fallbackLine],
  );
}

async function scrollShots(browser, base, size) {
  const context = await browser.newContext({ viewport: { width: size.width, height: size.height }, isMobile: size.mobile, hasTouch: size.mobile, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  // The map's code starts after load, in a few tasks; the reading line is published once its tools are up (the
  // Previous / Next the first shot uses): without this wait, the first shot raced the start.
  await page.locator('html[data-reading-line]').waitFor();
  const steps = await page.locator('[data-step]').evaluateAll((els) => els.map((e) => ({ state: e.dataset.step, section: e.dataset.section ?? '' })));
  mkdirSync(join(out, size.dir), { recursive: true });
  const shots = [];
  const seen = new Map();
  for (const [i, step] of steps.entries()) {
    const inSection = seen.get(step.section) ?? 0;
    seen.set(step.section, inSection + 1);
    const settled = await showStep(page, i, step.state);
    // Two frames, so the last draw is painted.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const file = `${size.dir}/${pad(i + 1)}-${step.state}.png`;
    await page.screenshot({ path: join(out, file) });
    shots.push({ ...step, inSection, file, settled });
    process.stdout.write(settled ? '.' : '!');
  }
  await context.close();
  return shots;
}

/** The deck: every slide and fragment, pressing → until nothing changes. */
async function deckShots(browser, base) {
  const context = await browser.newContext({ viewport: { width: DECK.width, height: DECK.height }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(`${base}/slides.html`);
  await page.locator('.reveal.ready').waitFor();
  mkdirSync(join(out, DECK.dir), { recursive: true });
  const shots = [];
  let last = '';
  for (let n = 1; n < 200; n++) {
    const where = await page.evaluate(() => {
      const slide = document.querySelector('.reveal .slides > section.present');
      const shown = [...(slide?.querySelectorAll('[data-step]') ?? [])].filter((s) => !s.classList.contains('fragment') || s.classList.contains('visible'));
      const step = shown[shown.length - 1];
      return { slide: slide?.id ?? '', state: step?.dataset.step ?? '', section: step?.dataset.section ?? '', inSection: Number(step?.dataset.index ?? 0) };
    });
    const key = `${where.slide}|${where.state}|${where.inSection}`;
    if (key === last) break;
    last = key;
    const settled = where.state ? await page.locator(`#map[data-map-state="${where.state}"]`).waitFor({ timeout: 5000 }).then(() => true, () => false) : true;
    await page.waitForTimeout(where.state ? 100 : 400); // reveal.js's slide change, cut under reduced motion
    const file = `${DECK.dir}/${pad(n)}-${where.slide || 'slide'}${where.state ? `-${where.state}` : ''}.png`;
    await page.screenshot({ path: join(out, file) });
    shots.push({ ...where, file, settled });
    process.stdout.write(settled ? '.' : '!');
    await page.keyboard.press('ArrowRight');
  }
  await context.close();
  return shots;
}

function indexHtml(scroll, deck) {
  const columns = [...SCROLL_SIZES.map((s) => s.name), DECK.name];
  const rows = scroll[0].map((step, i) => {
    const cells = scroll.map((shots) => shots[i]);
    const slide = deck.find((d) => d.section === step.section && d.inSection === step.inSection && d.state === step.state);
    return { step, cells: [...cells, slide] };
  });
  const matched = new Set(rows.map((r) => r.cells[r.cells.length - 1]?.file));
  const extra = deck.filter((d) => !matched.has(d.file));
  const img = (shot, name) =>
    shot
      ? `<figure${shot.settled ? '' : ' class="unsettled"'}><a href="${escape(shot.file)}"><img src="${escape(shot.file)}" alt="${escape(`${name}: ${shot.state || shot.slide}`)}" loading="lazy"></a><figcaption>${escape(name)}${shot.settled ? '' : ' — map did not settle'}</figcaption></figure>`
      : `<figure class="none"><figcaption>${escape(name)}: no picture</figcaption></figure>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Contact sheet — every step</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1rem; background: #f4f2ee; color: #1a1a1a; }
section { border-top: 1px solid #ccc; padding: 0.75rem 0; }
h2 { font-size: 1rem; margin: 0 0 0.5rem; } h2 code { background: #fff; padding: 0 0.3em; }
.row { display: flex; gap: 12px; align-items: flex-start; overflow-x: auto; }
figure { margin: 0; flex: none; } figcaption { color: #555; font-size: 12px; }
img { display: block; height: 420px; width: auto; border: 1px solid #bbb; background: #fff; }
.unsettled img { border: 3px solid #c00; } .unsettled figcaption { color: #c00; font-weight: 700; }
</style></head><body>
<h1>Contact sheet</h1>
<p>${rows.length} steps × ${columns.join(', ')}; then the deck's other slides. A red frame: the map did not report the step's state. Click a picture for full size.</p>
${rows
  .map(
    ({ step, cells }, i) => `<section><h2>${i + 1}. section <code>${escape(step.section)}</code>, step ${step.inSection + 1}, state <code>${escape(step.state)}</code></h2>
<div class="row">${cells.map((c, k) => img(c, columns[k])).join('')}</div></section>`,
  )
  .join('\n')}
<section><h2>The deck's other slides</h2><div class="row">${extra.map((d) => img(d, d.slide || 'slide')).join('')}</div></section>
</body></html>
`;
}

async function main() {
  if (!existsSync(join(dist, 'index.html'))) {
    console.log('dist/ is missing: building it first (npm run build).');
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  if (!existsSync(chrome)) throw new Error(`No Chromium at ${chrome}: set CHROME_PATH.`);
  const port = Number(process.env.SHOTS_PORT) || (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: root, stdio: 'ignore', detached: true });
  const stop = () => {
    try {
      process.kill(-server.pid); // the preview server and its children, by their own group id
    } catch {
      // already gone
    }
  };
  process.on('SIGINT', () => (stop(), process.exit(130)));
  try {
    await waitForServer(`${base}/`, server);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const browser = await chromium.launch({ executablePath: chrome, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const scroll = [];
      for (const size of SCROLL_SIZES) {
        process.stdout.write(`${size.name} `);
        scroll.push(await scrollShots(browser, base, size));
        process.stdout.write('\n');
      }
      process.stdout.write(`${DECK.name} `);
      const deck = await deckShots(browser, base);
      process.stdout.write('\n');
      writeFileSync(join(out, 'index.html'), indexHtml(scroll, deck));
      const unsettled = [...scroll.flat(), ...deck].filter((s) => !s.settled).length;
      console.log(`${scroll.flat().length + deck.length} pictures in shots/ — open shots/index.html${unsettled ? ` (${unsettled} where the map did not settle, framed red)` : ''}`);
    } finally {
      await browser.close();
    }
  } finally {
    stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
