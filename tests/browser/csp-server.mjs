// The built site (dist/, or DIST_DIR) served with the headers the README recommends, strict
// Content-Security-Policy included, so the browser tests prove the site works under them unchanged.
// Serves http://127.0.0.1:4175 (CSP_PORT). No dependencies: node:http and node:fs.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { URL, fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, '../..', process.env.DIST_DIR || 'dist');
const port = Number(process.env.CSP_PORT || 4175);

/** The policy of every page. Embeds may be framed anywhere; the other pages only by the site itself. */
const CSP = "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";
/**
 * The deck's print view (?print-pdf): reveal.js adds two <style> elements sizing the pages, allowed by their
 * hashes rather than by 'unsafe-inline' — a 1280×720 slide, then a phone's 600×1200 one. The CSP test fails if
 * a reveal.js update changes them (then update these and the README).
 */
const DECK_PRINT_STYLES = [
  "'sha256-P7379LHHS1islcyRtolAfypCkVRvG4S6m6qz3c3TUjk='",
  "'sha256-AQ1Rup+sfRMid+jMjYcK8Gnh5UlxtbXLT/YRRbHGtW8='",
  "'sha256-CoUgSTK60gH7jmRq7fWgSZ9YCecAPfGyIO2lFr+83UA='",
  "'sha256-oqjArGhgWg5QsPM4QQv3usQ3E9pxPdr75KLbHYlcWo8='",
];
/**
 * The speaker view (S): reveal.js's notes plugin writes its window (which inherits this policy) with one inline
 * <script>, one <style> and one style attribute, allowed by their hashes. The CSP test fails if they change.
 */
const SPEAKER_SCRIPT = "'sha256-GzCveToXhSIzS3M5eQeRm3McVRB7cYneYKwTkzA3wDk='";
const SPEAKER_STYLES = ["'sha256-FO8+tEZY4XAJsThREbo8dTCiyACqv1VGgxX0NfVfEAs='", "'unsafe-hashes'", "'sha256-ZdHxw9eWtnxUb3mk6tBS+gIiVUPE3pGM470keHPDFlE='"];
const deck = (path) => path === '/slides.html';
const policyFor = (path) =>
  [
    CSP,
    deck(path) ? `script-src 'self' ${SPEAKER_SCRIPT}` : "script-src 'self'",
    ...(deck(path) ? [`style-src 'self' ${[...DECK_PRINT_STYLES, ...SPEAKER_STYLES].join(' ')}`] : []),
    `frame-ancestors ${path.startsWith('/embed/') ? '*' : "'self'"}`,
  ].join('; ');
const headersFor = (path) => ({
  'Content-Security-Policy': policyFor(path),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
});

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a URL path names inside dist/ (a folder means its index.html), or null: nothing outside dist/. */
function fileOf(pathname) {
  let path;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const file = resolve(dist, `.${path}`);
  if (file !== dist && !file.startsWith(dist + sep)) return null;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return path.endsWith('/') ? fileOf(`${pathname}index.html`) : null;
    return stat.isFile() ? file : null;
  } catch {
    return null;
  }
}

createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
  const headers = headersFor(url.pathname);
  const file = fileOf(url.pathname);
  if (!file) {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    return res.end('not found');
  }
  res.writeHead(200, { ...headers, 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
}).listen(port, '127.0.0.1', () => console.log(`${join(dist)} with a strict CSP on http://127.0.0.1:${port}/`));
