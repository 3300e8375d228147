// npm run bench: builds the site, serves it, and measures in the system Chromium —
//   bytes: what each page transfers (gzip), per asset and in all, before and after scrolling the story;
//   frames: requestAnimationFrame intervals, long tasks and Long Animation Frames while wheel-scrolling the
//           whole story at 390×844 with the CPU slowed 4× (DevTools' Emulation.setCPUThrottlingRate) and at
//           1280×800 at full speed, each beside the same page with its scripts blocked (the floor), same run;
//   lighthouse: scores and metrics for /, /slides.html and an embed (mobile defaults).
// Figures, not verdicts: the README records them with the date. Budgets on bytes are also tests.
import { execSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
if (!existsSync(chrome)) {
  console.error(`No Chromium at ${chrome}: apt-get update && apt-get install -y chromium, or set CHROME_PATH.`);
  process.exit(1);
}
const flags = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const port = Number(process.env.BENCH_PORT ?? 4190);
const origin = `http://127.0.0.1:${port}`;
const only = new Set(process.argv.slice(2)); // e.g. `npm run bench -- frames`
const wants = (part) => only.size === 0 || only.has(part);

if (!process.env.BENCH_NO_BUILD) execSync('npx vite build', { stdio: ['ignore', 'ignore', 'inherit'] });
const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
const stopServer = () => {
  try {
    process.kill(-server.pid);
  } catch {
    /* already gone */
  }
};
process.on('exit', stopServer);
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(origin)).ok) break;
  } catch {
    await new Promise((r) => setTimeout(r, 100));
  }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const quantile = (xs, q) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (x) => `${x.toFixed(1)} ms`;
const sections = JSON.parse(readFileSync('dist/sections.json', 'utf8'));
const embedPath = sections[1] ? new URL(sections[1].embed, origin).pathname : null;

const browser = await chromium.launch({ executablePath: chrome, args: flags });

/** Every same-origin response a page loads, with its gzip size, until `whenDone(page)` resolves. */
async function transfers(path, viewport, whenDone) {
  const page = await browser.newPage({ viewport });
  const seen = new Map();
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (url.origin !== origin) return;
    try {
      const body = await response.body();
      seen.set(url.pathname, gzipSync(body, { level: 9 }).length);
    } catch {
      /* redirects and aborted requests have no body */
    }
  });
  await page.goto(origin + path, { waitUntil: 'load' });
  await page.waitForSelector('[data-map-state]:not([data-map-state=""])', { timeout: 15000 }).catch(() => undefined);
  await page.waitForLoadState('networkidle');
  const before = new Map(seen);
  await whenDone?.(page);
  await page.waitForLoadState('networkidle');
  await page.close();
  return { before, after: seen };
}

const total = (m) => [...m.values()].reduce((a, b) => a + b, 0);
const table = (m) => [...m].sort((a, b) => b[1] - a[1]).map(([p, n]) => `    ${kb(n).padStart(9)}  ${p}`).join('\n');

async function scrollToEnd(page) {
  const steps = await page.locator('[data-step]').count();
  for (let i = 0; i < steps; i++) {
    await page.evaluate((k) => document.querySelectorAll('[data-step]')[k].scrollIntoView({ block: 'center' }), i);
    await page.waitForTimeout(60);
  }
}

if (wants('bytes')) {
  console.log('\n## Bytes (gzip, as transferred by each page)');
  const phone = { width: 390, height: 844 };
  const scroll = await transfers('/', phone, scrollToEnd);
  console.log(`/ before scrolling: ${kb(total(scroll.before))} (budget 100 KB)\n${table(scroll.before)}`);
  const later = new Map([...scroll.after].filter(([p]) => !scroll.before.has(p)));
  console.log(`/ after scrolling to the end: ${kb(total(scroll.after))} (budget 250 KB); loaded on the way:\n${table(later)}`);
  const deck = await transfers('/slides.html', { width: 1280, height: 720 });
  console.log(`/slides.html: ${kb(total(deck.before))}\n${table(deck.before)}`);
  if (embedPath) {
    const embed = await transfers(embedPath, { width: 600, height: 800 });
    console.log(`${embedPath}: ${kb(total(embed.before))} (budget 80 KB)\n${table(embed.before)}`);
  }
}

if (wants('paint')) {
  // Which element is the largest contentful paint, and what shifts: read in the page itself
  // (Lighthouse 12's trace reader cannot name the LCP element on this Chromium).
  console.log('\n## Paint (390×844): the LCP element and layout shifts');
  for (const path of ['/', '/slides.html', ...(embedPath ? [embedPath] : [])]) {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.addInitScript(() => {
      window.__lcp = null;
      window.__shifts = [];
      new PerformanceObserver((list) => {
        const e = list.getEntries().at(-1);
        window.__lcp = e.element ? `${e.element.tagName.toLowerCase()}${e.element.className ? `.${String(e.element.className).split(' ')[0]}` : ''} “${(e.element.textContent || '').trim().slice(0, 30)}”` : e.url || '?';
      }).observe({ type: 'largest-contentful-paint', buffered: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.hadRecentInput) continue;
          const node = e.sources?.[0]?.node;
          window.__shifts.push(`${e.value.toFixed(3)} ${node ? (node.nodeName || '').toLowerCase() + (node.className ? `.${String(node.className).split(' ')[0]}` : '') : '?'}`);
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(origin + path, { waitUntil: 'load' });
    await page.waitForSelector('[data-map-state]:not([data-map-state=""])', { timeout: 15000 }).catch(() => undefined);
    await page.waitForTimeout(1500);
    const r = await page.evaluate(() => ({ lcp: window.__lcp, shifts: window.__shifts }));
    const cls = r.shifts.reduce((a, x) => a + Number(x.split(' ')[0]), 0);
    console.log(`${path}: LCP element ${r.lcp}; CLS ${cls.toFixed(3)}${r.shifts.length ? ` (${r.shifts.join(', ')})` : ''}`);
    await page.close();
  }
}

if (wants('frames')) {
  // Whole frames, not just the map's JavaScript: rAF intervals, long tasks and Long Animation Frames while
  // wheel-scrolling the whole story, each beside a floor measured in the same run — the same page, the same
  // scroll, with the page's own scripts blocked — so a noisy shared machine moves both alike.
  console.log('\n## Frames (wheel-scrolling the whole story; floor = the same page with its scripts blocked)');
  const runs = [
    { name: '390×844, CPU 4× slower (a mid-range phone)', viewport: { width: 390, height: 844 }, throttle: 4, mobile: true },
    { name: '1280×800, full speed', viewport: { width: 1280, height: 800 }, throttle: 1, mobile: false },
  ];
  const measure = async ({ viewport, throttle, mobile }, blocked) => {
    const context = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: mobile ? 3 : 1, reducedMotion: 'no-preference' });
    const page = await context.newPage();
    if (blocked) await page.route('**/*', (route) => (route.request().resourceType() === 'script' ? route.abort() : route.continue()));
    await page.addInitScript(() => {
      const w = window;
      w.__intervals = [];
      w.__long = [];
      w.__loaf = [];
      w.__loadLong = [];
      w.__transitions = [];
      w.__scrolling = false;
      new PerformanceObserver((list) => list.getEntries().forEach((e) => (w.__scrolling ? w.__long : w.__loadLong).push(e.duration))).observe({ type: 'longtask', buffered: true });
      try {
        new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__scrolling && w.__loaf.push(e.duration))).observe({ type: 'long-animation-frame', buffered: false });
      } catch {
        w.__loaf = null; // no Long Animation Frames in this browser
      }
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    if (!blocked) await page.waitForSelector('#map[data-map-state]', { timeout: 30000 }).catch(() => undefined);
    await page.waitForTimeout(1000);
    await page.evaluate(() => {
      const w = window;
      w.__scrolling = true;
      let last = 0;
      const tick = (now) => {
        if (last) w.__intervals.push(now - last);
        last = now;
        w.__raf = requestAnimationFrame(tick);
      };
      w.__raf = requestAnimationFrame(tick);
      // A step change's time: from the map's target changing to the map settling in that state.
      const asked = new Map();
      new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target;
          if (r.attributeName === 'data-map-target') asked.set(el.dataset.mapTarget, performance.now());
          if (r.attributeName === 'data-map-state') {
            const start = asked.get(el.dataset.mapState);
            if (start !== undefined) w.__transitions.push({ state: el.dataset.mapState, ms: performance.now() - start });
          }
        }
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-map-target', 'data-map-state'] });
    });
    await page.mouse.move(viewport.width / 2, viewport.height / 2);
    const height = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
    const wheel = 100;
    for (let y = 0; y < height; y += wheel) {
      await page.mouse.wheel(0, wheel);
      await page.waitForTimeout(16);
    }
    await page.waitForTimeout(1500);
    const r = await page.evaluate(() => {
      cancelAnimationFrame(window.__raf);
      return { intervals: window.__intervals, long: window.__long, loadLong: window.__loadLong, loaf: window.__loaf, transitions: window.__transitions };
    });
    await context.close();
    return r;
  };
  const summary = (r) => ({
    frames: r.intervals.length,
    p50: quantile(r.intervals, 0.5),
    p95: quantile(r.intervals, 0.95),
    over34: r.intervals.length ? (100 * r.intervals.filter((x) => x > 34).length) / r.intervals.length : NaN,
    long: r.long.length,
    longMs: r.long.reduce((a, b) => a + b, 0),
    longMax: r.long.length ? Math.max(...r.long) : 0,
    loadLong: r.loadLong.length,
    loadLongMax: r.loadLong.length ? Math.max(...r.loadLong) : 0,
    loaf: r.loaf === null ? null : r.loaf.length,
  });
  for (const run of runs) {
    const floor = summary(await measure(run, true));
    const raw = await measure(run, false);
    const page = summary(raw);
    const row = (label, s) =>
      `  ${label.padEnd(6)} ${String(s.frames).padStart(5)} frames; p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, ${s.over34.toFixed(1)}% over 34 ms; ` +
      `long tasks while scrolling ${s.long} (${ms(s.longMs)}${s.long ? `, longest ${ms(s.longMax)}` : ''}); at load ${s.loadLong}${s.loadLong ? ` (longest ${ms(s.loadLongMax)})` : ''}` +
      (s.loaf === null ? '' : `; long animation frames ${s.loaf}`);
    console.log(`${run.name}:`);
    console.log(row('page', page));
    console.log(row('floor', floor));
    console.log(
      `  ratio p95 page/floor ${(page.p95 / floor.p95).toFixed(2)} (target ≤ 1.1); frames over 34 ms +${(page.over34 - floor.over34).toFixed(1)} points (target ≤ 1); ` +
        `long tasks ${page.long} (target ${run.throttle > 1 ? '≤ 2, none over 100 ms' : '0'})`,
    );
    const t = raw.transitions.map((x) => x.ms);
    const slowest = [...raw.transitions].sort((a, b) => b.ms - a.ms)[0];
    console.log(`  target → settled map: ${t.length} changes, median ${ms(quantile(t, 0.5))}, max ${slowest ? `${ms(slowest.ms)} (${slowest.state})` : '–'}`);
  }
}

await browser.close();

if (wants('lighthouse')) {
  console.log('\n## Lighthouse (mobile defaults)');
  let lighthouse;
  let launch;
  try {
    lighthouse = (await import('lighthouse')).default;
    ({ launch } = await import('chrome-launcher'));
  } catch {
    console.log('  skipped: lighthouse is not installed (npm ci installs it)');
  }
  if (lighthouse) {
    const chromeInstance = await launch({ chromePath: chrome, chromeFlags: ['--headless=new', ...flags] });
    try {
      for (const path of ['/', '/slides.html', ...(embedPath ? [embedPath] : [])]) {
        const result = await lighthouse(origin + path, { port: chromeInstance.port, output: 'json', logLevel: 'error' });
        const { categories, audits } = result.lhr;
        const score = (c) => Math.round((categories[c]?.score ?? 0) * 100);
        console.log(
          `${path}: performance ${score('performance')}, accessibility ${score('accessibility')}, best practices ${score('best-practices')}, SEO ${score('seo')}; ` +
            `LCP ${audits['largest-contentful-paint'].displayValue}, CLS ${audits['cumulative-layout-shift'].displayValue}, TBT ${audits['total-blocking-time'].displayValue}`,
        );
      }
    } finally {
      await chromeInstance.kill();
    }
  }
}
stopServer();
process.exit(0);
