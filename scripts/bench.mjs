// npm run bench: builds the site, serves it, and measures in the system Chromium —
//   bytes: what each page transfers (gzip), per asset and in all, before and after scrolling the story;
//   frames: long tasks and Long Animation Frames at load (as the Long Tasks API reports them: few of the tasks in
//           which no script ran, so the load part compares load with the floor), then requestAnimationFrame
//           intervals, long tasks and Long Animation Frames while wheel-scrolling the whole story, at 390×844 with the CPU slowed 4×
//           (DevTools' Emulation.setCPUThrottlingRate) and at 1280×800 at full speed, each beside the same page
//           with its scripts blocked (the floor), same run — FRAMES_RUNS times (default 3), summed up as medians;
//   load: a DevTools trace of the page's main thread while the phone (390×844, CPU 4×) loads `/`, cold and warm, every
//         task over 50 ms with its script and rendering time, beside the floor — LOAD_RUNS times (default 5);
//   lighthouse: scores and metrics for /, /slides.html and an embed (mobile defaults), median of LIGHTHOUSE_RUNS (3).
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
/** Runs' figures as their median with `unit`, and their range in brackets when they differ: "8.2% (6.3–8.7)". */
const figure = (xs, unit = '', show = String) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${show(s[Math.floor((s.length - 1) / 2)])}${unit}${s.length > 1 && s[0] !== s.at(-1) ? ` (${show(s[0])}–${show(s.at(-1))})` : ''}`;
};
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
/** The budget (tests/browser/budgets.spec.ts holds the same figures as tests) and whether the page keeps it. */
const budget = (n, limit) => `(budget ${limit} KB: ${n <= limit * 1024 ? 'kept' : 'OVER'})`;
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
  console.log(`/ before scrolling: ${kb(total(scroll.before))} ${budget(total(scroll.before), 100)}\n${table(scroll.before)}`);
  const later = new Map([...scroll.after].filter(([p]) => !scroll.before.has(p)));
  console.log(`/ after scrolling to the end: ${kb(total(scroll.after))} ${budget(total(scroll.after), 250)}; loaded on the way:\n${table(later)}`);
  const deck = await transfers('/slides.html', { width: 1280, height: 720 });
  console.log(`/slides.html: ${kb(total(deck.before))}\n${table(deck.before)}`);
  if (embedPath) {
    const embed = await transfers(embedPath, { width: 600, height: 800 });
    console.log(`${embedPath}: ${kb(total(embed.before))} ${budget(total(embed.before), 80)}\n${table(embed.before)}`);
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

/**
 * A page in a new browser context, for the frames and load parts: its scripts blocked for the floor, and `run`, a
 * bare DevTools evaluation — Playwright's page.evaluate or waitForSelector would inject Playwright's scripts into the
 * page at their first use (measured: 50–200 ms tasks on the 4×-slowed CPU, counted as the page's).
 */
async function openPage({ viewport, mobile }, blocked) {
  const context = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: mobile ? 3 : 1, reducedMotion: 'no-preference' });
  const page = await context.newPage();
  if (blocked) await page.route('**/*', (route) => (route.request().resourceType() === 'script' ? route.abort() : route.continue()));
  const cdp = await context.newCDPSession(page);
  const run = async (fn) => (await cdp.send('Runtime.evaluate', { expression: `(${fn})()`, returnByValue: true })).result.value;
  return { context, page, cdp, run };
}

/** Loads `/` and waits for the first map picture (up to 30 s; not for the floor, which has none). */
async function loadStory(page, run, blocked) {
  await page.goto(`${origin}/`, { waitUntil: 'load' });
  for (let t = 0; !blocked && t < 150 && !(await run(() => !!document.querySelector('#map[data-map-state]'))); t++) await page.waitForTimeout(200);
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
  const measure = async (size, blocked) => {
    const { viewport } = size;
    const { context, page, cdp, run } = await openPage(size, blocked);
    await page.addInitScript(() => {
      const w = window;
      w.__intervals = [];
      w.__long = [];
      w.__loadLong = [];
      w.__loaf = [];
      w.__loadLoaf = [];
      w.__transitions = [];
      w.__scrolling = false;
      w.__mapAt = null;
      new PerformanceObserver((list) => list.getEntries().forEach((e) => (w.__scrolling ? w.__long : w.__loadLong).push(e.duration))).observe({ type: 'longtask', buffered: true });
      if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
        // A frame's scripts, longest first: what kept it long (script file, function, what called it).
        const scripts = (e) =>
          [...e.scripts].sort((a, b) => b.duration - a.duration).slice(0, 3).map((s) => `${Math.round(s.duration)} ms ${s.invokerType} ${s.invoker || ''} ${s.sourceURL || ''}${s.sourceFunctionName ? ` ${s.sourceFunctionName}()` : ''}`.split(location.origin).join('').replace(/\s+/g, ' ').trim());
        new PerformanceObserver((list) =>
          list.getEntries().forEach((e) => (w.__scrolling ? w.__loaf : w.__loadLoaf).push({ duration: e.duration, blocking: e.blockingDuration, render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0, scripts: scripts(e) })),
        ).observe({ type: 'long-animation-frame', buffered: true });
      } else {
        w.__loaf = w.__loadLoaf = null; // no Long Animation Frames in this browser
      }
      // When the first map picture settled (the contract's data-map-state), from navigation start.
      new MutationObserver((records, observer) => {
        if (records.some((r) => r.target.dataset?.mapState)) {
          w.__mapAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-map-state'] });
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: size.throttle });
    // Until the scroll ends, the page is asked nothing through Playwright (openPage's `run` instead).
    await loadStory(page, run, blocked);
    await page.waitForTimeout(1000);
    await run(() => {
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
    const height = await run(() => document.documentElement.scrollHeight - innerHeight);
    const began = Date.now();
    await page.mouse.move(viewport.width / 2, viewport.height / 2);
    const wheel = 100;
    for (let y = 0; y < height; y += wheel) {
      await page.mouse.wheel(0, wheel);
      await page.waitForTimeout(16);
    }
    // The pace the wheel's steps came at (px/s): each waits for the page to take it, so a busy page is scrolled slower.
    const pace = height / ((Date.now() - began) / 1000);
    await page.waitForTimeout(1500);
    const r = await page.evaluate(() => {
      cancelAnimationFrame(window.__raf);
      const w = window;
      return { intervals: w.__intervals, long: w.__long, loadLong: w.__loadLong, loaf: w.__loaf, loadLoaf: w.__loadLoaf, transitions: w.__transitions, mapAt: w.__mapAt };
    });
    await context.close();
    return { ...r, pace };
  };
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  /** Long tasks: how many, their time, the longest, and the time over 50 ms (what blocks input: TBT's measure). */
  const tasks = (xs) => `${xs.length}${xs.length ? ` (${ms(sum(xs))}, longest ${ms(Math.max(...xs))}, blocking ${ms(sum(xs.map((x) => x - 50)))})` : ''}`;
  /** Long Animation Frames: how many, the longest, their blocking time and time spent on style, layout and paint. */
  const frames = (xs) =>
    xs === null ? 'not available in this browser' : `${xs.length}${xs.length ? ` (longest ${ms(Math.max(...xs.map((f) => f.duration)))}, blocking ${ms(sum(xs.map((f) => f.blocking)))}, rendering ${ms(sum(xs.map((f) => f.render)))})` : ''}`;
  const summary = (r) => ({
    frames: r.intervals.length,
    p50: quantile(r.intervals, 0.5),
    p95: quantile(r.intervals, 0.95),
    over34: r.intervals.length ? (100 * r.intervals.filter((x) => x > 34).length) / r.intervals.length : NaN,
    // Frames that missed at least one vsync (60 Hz): p95 is two frames once more than 5% of them do.
    over18: r.intervals.length ? (100 * r.intervals.filter((x) => x > 18.4).length) / r.intervals.length : NaN,
    long: r.long,
    loadLong: r.loadLong,
  });
  // One run of a shared 2-core machine moves a lot (the same build's phone: 4–10% of frames over 18.4 ms from run to
  // run): each size is measured FRAMES_RUNS times (default 3), page and floor side by side each time, and summed up
  // as the median, with the range.
  const times = Math.max(1, Number(process.env.FRAMES_RUNS ?? 3));
  const fixed = (digits) => (x) => x.toFixed(digits);
  for (const run of runs) {
    console.log(`${run.name}:`);
    const pairs = [];
    for (let k = 1; k <= times; k++) {
      const rawFloor = await measure(run, true);
      const floor = summary(rawFloor);
      const raw = await measure(run, false);
      const page = summary(raw);
      pairs.push({ page, floor, raw });
      const row = (label, s, r) =>
        `  ${label.padEnd(6)} at load: long tasks ${tasks(s.loadLong)}; long animation frames ${frames(r.loadLoaf)}\n` +
        `  ${''.padEnd(6)} scrolling: ${s.frames} frames, p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, ${s.over18.toFixed(1)}% over 18.4 ms, ${s.over34.toFixed(1)}% over 34 ms; long tasks ${tasks(s.long)}; long animation frames ${frames(r.loaf)}`;
      console.log(` run ${k} of ${times}:`);
      console.log(row('page', page, raw));
      console.log(row('floor', floor, rawFloor));
      console.log(
        `  ratio p95 page/floor ${(page.p95 / floor.p95).toFixed(2)} (target ≤ 1.1); frames over 34 ms +${(page.over34 - floor.over34).toFixed(1)} points (target ≤ 1); ` +
          `long tasks while scrolling ${page.long.length} (target ${run.throttle > 1 ? '≤ 2, none over 100 ms' : '0'}); at load ${page.loadLong.length}, floor ${floor.loadLong.length} (the Long Tasks API's count: the load part compares them)`,
      );
      console.log(`  first map settled ${raw.mapAt === null ? 'never' : `${ms(raw.mapAt)} after navigation`}; scrolled at ${Math.round(raw.pace)} px/s (floor ${Math.round(rawFloor.pace)})`);
      // What the longest frames at load were doing, by script (Long Animation Frames' attribution).
      for (const f of [...(raw.loadLoaf ?? [])].sort((a, b) => b.duration - a.duration).slice(0, 3))
        console.log(`    load frame ${ms(f.duration)} (rendering ${ms(f.render)}): ${f.scripts.join('; ') || 'no script'}`);
      const t = raw.transitions.map((x) => x.ms);
      const slowest = [...raw.transitions].sort((a, b) => b.ms - a.ms)[0];
      console.log(`  target → settled map: ${t.length} changes, median ${ms(quantile(t, 0.5))}, max ${slowest ? `${ms(slowest.ms)} (${slowest.state})` : '–'}`);
    }
    const of = (f) => pairs.map(f);
    console.log(
      ` median of ${times} (range): ratio p95 page/floor ${figure(of((x) => x.page.p95 / x.floor.p95), '', fixed(2))}; frames over 18.4 ms ${figure(of((x) => x.page.over18), '%', fixed(1))} ` +
        `(floor ${figure(of((x) => x.floor.over18), '%', fixed(1))}); over 34 ms +${figure(of((x) => x.page.over34 - x.floor.over34), '', fixed(1))} points; ` +
        `long tasks while scrolling ${figure(of((x) => x.page.long.length))}, longest ${figure(of((x) => Math.max(0, ...x.page.long)), ' ms')}; ` +
        `at load ${figure(of((x) => x.page.loadLong.length))} (floor ${figure(of((x) => x.floor.loadLong.length))}); ` +
        `target → settled, median ${figure(of((x) => quantile(x.raw.transitions.map((t) => t.ms), 0.5)), ' ms', fixed(0))}`,
    );
  }
}

if (wants('load')) {
  // The load on a mid-range phone, read from a DevTools trace: every task of the page's main thread, with script or
  // without. The Long Tasks API (the frames part's "at load") reports few of the tasks in which no script ran — the
  // browser's own layout and paint of the story, which the floor is made of — so it cannot compare a page with its
  // floor. Each load is traced twice: cold (a new browser context: a new renderer, its font and text caches empty, the
  // first reader's case) and warm (a second load in the same context with the HTTP cache off: the same downloads, the
  // renderer's caches filled, as on a phone whose browser has run before).
  console.log('\n## Load (390×844, CPU 4× slower; DevTools trace of the page\'s main thread, times from its HTML\'s first parse; floor = the same page with its scripts blocked)');
  const SCRIPT = /^(FunctionCall|EvaluateScript|v8\.evaluateModule|v8\.compileModule|TimerFire|FireAnimationFrame|FireIdleCallback|EventDispatch|RunMicrotasks|v8\.run)$/;
  const RENDER = /^(UpdateLayoutTree|Layout|PrePaint|Paint|Layerize|Commit|HitTest)$/;
  const traced = async (blocked, warm) => {
    const { context, page, cdp, run } = await openPage({ viewport: { width: 390, height: 844 }, mobile: true }, blocked);
    if (warm) {
      await page.goto(`${origin}/?warm-up`, { waitUntil: 'load' });
      await page.waitForTimeout(2000);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const events = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline', transferMode: 'ReportEvents' });
    await loadStory(page, run, blocked);
    await page.waitForTimeout(1500);
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    await context.close();
    // The page's main thread: the one that parsed its HTML. Times are from when its parsing began.
    const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url?.startsWith(`${origin}/`) && !e.args.beginData.url.includes('warm-up'));
    const start = parse?.ts ?? 0;
    const main = events.filter((e) => e.ph === 'X' && e.tid === parse?.tid && e.pid === parse?.pid && e.ts >= start - 5e5);
    const within = (t) => main.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
    const time = (kids, re) => kids.filter((k) => re.test(k.name) && !kids.some((o) => o !== k && re.test(o.name) && o.ts <= k.ts && o.ts + o.dur >= k.ts + k.dur)).reduce((a, k) => a + k.dur / 1000, 0);
    return main
      .filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.dur > 50e3)
      .map((t) => {
        const kids = within(t);
        // The navigation's own messages (the new document, before its HTML) come first in both: not the page's.
        const navigation = kids.some((k) => k.name.startsWith('Receive mojo message') && k.dur > 0.8 * t.dur);
        return { at: (t.ts - start) / 1000, ms: t.dur / 1000, script: time(kids, SCRIPT), render: time(kids, RENDER), navigation };
      })
      .filter((t) => !t.navigation);
  };
  // Compared by blocking time (each task's time over 50 ms, as total blocking time counts it), not by count: the
  // browser lays the same story out in one task or in several, as its parser yields (a floor's one 327 ms task, a
  // page's three of 60–100 ms), and several short ones block input less.
  const times = Math.max(1, Number(process.env.LOAD_RUNS ?? 5));
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  const line = (ts) =>
    `${ts.length} over 50 ms, blocking ${ms(sum(ts.map((t) => t.ms - 50)))}` +
    (ts.length ? `: ${ts.map((t) => `${Math.round(t.ms)} ms at ${Math.round(t.at)} ms (script ${Math.round(t.script)}, style/layout/paint ${Math.round(t.render)})`).join(', ')}` : '');
  for (const warm of [false, true]) {
    console.log(`${warm ? 'warm (second load, HTTP cache off)' : 'cold (a new browser context)'}:`);
    const pairs = [];
    for (let k = 1; k <= times; k++) {
      const floor = await traced(true, warm);
      const page = await traced(false, warm);
      pairs.push({ page, floor });
      console.log(`  run ${k}: page ${line(page)}\n         floor ${line(floor)}`);
    }
    const of = (f) => pairs.map(f);
    console.log(
      ` median of ${times} (range): tasks over 50 ms ${figure(of((x) => x.page.length))} (floor ${figure(of((x) => x.floor.length))}); ` +
        `blocking ${figure(of((x) => Math.round(sum(x.page.map((t) => t.ms - 50)))), ' ms')} (floor ${figure(of((x) => Math.round(sum(x.floor.map((t) => t.ms - 50)))), ' ms')}); ` +
        `tasks whose script ran over 50 ms ${figure(of((x) => x.page.filter((t) => t.script > 50).length))} (target: none, and no more blocking than the floor's)`,
    );
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
      // Scores move from run to run on a shared machine: each figure is the median of LIGHTHOUSE_RUNS runs, with the range.
      const times = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
      console.log(`median of ${times} run(s) per page, range in brackets; targets of issue #12: performance ≥ 98, TBT ≤ 100 ms, the rest 100`);
      for (const path of ['/', '/slides.html', ...(embedPath ? [embedPath] : [])]) {
        const lhrs = [];
        for (let i = 0; i < times; i++) lhrs.push((await lighthouse(origin + path, { port: chromeInstance.port, output: 'json', logLevel: 'error' })).lhr);
        const score = (c) => figure(lhrs.map((l) => Math.round((l.categories[c]?.score ?? 0) * 100)));
        const metric = (a, unit, digits = 0) => figure(lhrs.map((l) => Number((l.audits[a].numericValue / (unit === ' s' ? 1000 : 1)).toFixed(digits))), unit);
        console.log(
          `${path}: performance ${score('performance')}, accessibility ${score('accessibility')}, best practices ${score('best-practices')}, SEO ${score('seo')}; ` +
            `TBT ${metric('total-blocking-time', ' ms')}, LCP ${metric('largest-contentful-paint', ' s', 1)}, CLS ${metric('cumulative-layout-shift', '', 3)}`,
        );
      }
    } finally {
      await chromeInstance.kill();
    }
  }
}
stopServer();
process.exit(0);
