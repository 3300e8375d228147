// npm run bench: builds the site, serves it, and measures in the system Chromium —
//   bytes: what each page transfers (gzip), per asset and in all, before and after scrolling the story;
//   frames: requestAnimationFrame intervals, long tasks, map work per frame and transition times while
//           wheel-scrolling the whole story at 1280×800 and 390×844;
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
  console.log('\n## Frames (wheel-scrolling the whole story)');
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    const page = await browser.newPage({ viewport });
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.goto(`${origin}/?bench`, { waitUntil: 'load' });
    await page.waitForSelector('[data-map-state="seat-at-the-table"]');
    await page.evaluate(() => {
      const w = window;
      w.__intervals = [];
      w.__long = [];
      w.__transitions = [];
      let last = 0;
      const tick = (now) => {
        if (last) w.__intervals.push(now - last);
        last = now;
        w.__raf = requestAnimationFrame(tick);
      };
      w.__raf = requestAnimationFrame(tick);
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__long.push(e.duration))).observe({ type: 'longtask', buffered: false });
      // A transition's time: from a step becoming active to the map settling in its state.
      const asked = new Map();
      new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target;
          if (r.attributeName === 'class' && el.classList?.contains('is-active')) asked.set(el.dataset.step, performance.now());
          if (r.attributeName === 'data-map-state') {
            const start = asked.get(el.dataset.mapState);
            if (start !== undefined) w.__transitions.push({ state: el.dataset.mapState, ms: performance.now() - start });
          }
        }
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['class', 'data-map-state'] });
      w.__mapWork.length = 0;
    });
    await page.mouse.move(viewport.width / 2, viewport.height / 2);
    const height = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
    const wheel = viewport.width > 800 ? 120 : 90;
    for (let y = 0; y < height; y += wheel) {
      await page.mouse.wheel(0, wheel);
      await page.waitForTimeout(16);
    }
    await page.waitForTimeout(1500);
    const r = await page.evaluate(() => {
      cancelAnimationFrame(window.__raf);
      return { intervals: window.__intervals, long: window.__long, work: window.__mapWork, transitions: window.__transitions };
    });
    console.log(`${viewport.width}×${viewport.height}: ${r.intervals.length} frames; interval p50 ${ms(quantile(r.intervals, 0.5))}, p95 ${ms(quantile(r.intervals, 0.95))}, p99 ${ms(quantile(r.intervals, 0.99))} (goal p95 ≤ 17 ms)`);
    console.log(`  long tasks (> 50 ms): ${r.long.length}${r.long.length ? `, longest ${ms(Math.max(...r.long))}` : ''} (goal 0)`);
    console.log(`  map work per drawn frame: p50 ${ms(quantile(r.work, 0.5))}, p95 ${ms(quantile(r.work, 0.95))}, max ${ms(Math.max(...r.work))} over ${r.work.length} draws (goal ≤ 8 ms)`);
    const t = r.transitions.map((x) => x.ms);
    const slowest = [...r.transitions].sort((a, b) => b.ms - a.ms)[0];
    console.log(`  step → settled map: ${t.length} transitions, median ${ms(quantile(t, 0.5))}, max ${slowest ? `${ms(slowest.ms)} (${slowest.state})` : '–'}`);
    await page.close();
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
