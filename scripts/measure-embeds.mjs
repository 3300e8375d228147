// `npm run measure-embeds`: builds the site, serves dist/, and measures in the system Chromium how tall each
// /embed/<id>/ really lays out at 320, 600 and 1000 px wide (every step shown), into data/embed-heights.json.
// The plain-iframe snippet and oEmbed take the tallest (src/build/oembed.ts); tests/browser/embed.spec.ts
// fails when the content has outgrown a measure. Re-run after changing slides/, data/ or the embed's styles.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from '@playwright/test';

const WIDTHS = [320, 600, 1000];
const dist = 'dist';
const out = 'data/embed-heights.json';
const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';

if (!process.argv.includes('--no-build')) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };
const server = createServer((req, res) => {
  let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  if (path.endsWith('/')) path += 'index.html';
  const file = join(dist, path);
  if (!existsSync(file) || !statSync(file).isFile()) return res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath: chrome, args: ['--no-sandbox', '--disable-gpu'] });
const sections = {};
try {
  const page = await browser.newPage();
  for (const { id, embed } of JSON.parse(readFileSync(join(dist, 'sections.json'), 'utf8'))) {
    sections[id] = {};
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(origin + embed);
      await page.locator('#map[data-map-state]').waitFor({ state: 'attached' });
      await page.evaluate(() => document.fonts.ready);
      // The page's height as the embed reports it to its host (src/embed/resize.ts), at every step.
      const height = () => page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
      let tallest = await height();
      const next = page.locator('.embed-next');
      while ((await next.isVisible()) && (await next.getAttribute('aria-disabled')) !== 'true') {
        await next.click();
        tallest = Math.max(tallest, await height());
      }
      sections[id][width] = tallest;
    }
    console.log(`${id}: ${WIDTHS.map((w) => `${sections[id][w]} px at ${w}`).join(', ')}`);
  }
} finally {
  await browser.close();
  server.close();
}
writeFileSync(out, `${JSON.stringify({ about: 'Derived: each embed page’s real height (px) by width, measured by npm run measure-embeds. Do not edit.', sections }, null, 2)}\n`);
console.log(`wrote ${out}`);
