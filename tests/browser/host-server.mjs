// A second origin for the embed tests: host pages that embed the site's sections the ways other
// publications do (pym.js Parent, embed.js, a plain iframe under Datawrapper's resize listener), a page whose
// placeholders come and go after load, and a hostile page. Serves http://127.0.0.1:4174 (HOST_PORT); the embeds come from EMBED_ORIGIN (the preview).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { URL, fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../..');
const port = Number(process.env.HOST_PORT || 4174);
const embedOrigin = process.env.EMBED_ORIGIN || 'http://127.0.0.1:4173';
const dist = process.env.DIST_DIR || join(root, 'dist');

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const sections = () => JSON.parse(readFileSync(join(dist, 'sections.json'), 'utf8'));
/** The plain-iframe snippet exactly as oembed.json gives it, pointed at the test's embed origin. */
const oembedHtml = (s) => {
  const { html } = JSON.parse(readFileSync(join(dist, s.oembed.replace(/^\/[^]*?embed\//, 'embed/')), 'utf8'));
  return html.replace(/src="https?:\/\/[^/"]+/, `src="${embedOrigin}`);
};

const page = (title, body, scripts = []) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><link rel="stylesheet" href="/host.css"></head>
<body><h1>${esc(title)}</h1>
${body}
${scripts.map((src) => `<script src="${esc(src)}"${src.endsWith('embed.js') ? ' async' : ''}></script>`).join('\n')}
</body></html>`;

const pages = {
  '/pym.html': (list) =>
    page('Host: pym.js', list.map((s) => `<div class="slot" id="pym-${esc(s.id)}" data-pym-url="${esc(embedOrigin + s.embed)}" data-title="${esc(s.title)}"></div>`).join('\n'), ['/pym.v1.min.js', '/host-pym.js']),
  '/embedjs.html': (list) =>
    page('Host: embed.js', list.map((s) => `<div class="slot" data-korea-explainer="${esc(s.id)}"></div>`).join('\n'), [`${embedOrigin}/embed.js`]),
  '/plain.html': (list) => page('Host: plain iframe', list.map((s) => `<div class="slot">${oembedHtml(s)}</div>`).join('\n'), ['/datawrapper-listener.js']),
  '/hostile.html': () =>
    page(
      'Host: hostile',
      [
        '<div class="slot" id="good" data-korea-explainer="flurry"></div>',
        '<div class="slot bad" data-korea-explainer="&lt;img src=x onerror=&quot;window.pwned=1&quot;&gt;"></div>',
        '<div class="slot bad" data-korea-explainer="javascript:window.pwned=1"></div>',
        '<div class="slot bad" data-korea-explainer="../../index.html#flurry"></div>',
        '<div class="slot bad" data-korea-explainer="no-such-section"></div>',
        '<div class="slot bad" data-korea-explainer="FLURRY"></div>',
        '<iframe id="evil" src="/evil.html" title="another frame"></iframe>',
      ].join('\n'),
      [`${embedOrigin}/embed.js`],
    ),
  // A page that adds and removes placeholders after load, as CMSs, live blogs and single-page apps do (the test drives it).
  '/dynamic.html': () => page('Host: placeholders added later', '<main id="feed"><p>An article body that fills in later.</p></main>', [`${embedOrigin}/embed.js`]),
  '/evil.html': () => page('Evil frame', '<p>Sends forged height messages.</p>'),
  '/blank.html': () => page('Host: an article', '<p>Where an editor pastes the snippet.</p>'),
};

const files = {
  '/pym.v1.min.js': ['text/javascript', () => readFileSync(join(root, 'node_modules/pym.js/dist/pym.v1.min.js'))],
  '/host-pym.js': ['text/javascript', () => readFileSync(join(here, 'host/host-pym.js'))],
  '/datawrapper-listener.js': ['text/javascript', () => readFileSync(join(here, 'host/datawrapper-listener.js'))],
  '/host.css': ['text/css', () => 'body{margin:0;font:16px/1.5 sans-serif}h1{font-size:1rem;margin:0;padding:8px}.slot{margin:0 0 48px}iframe#evil{width:100%;height:60px;border:0}'],
};

createServer((req, res) => {
  const url = new URL(req.url, `http://127.0.0.1:${port}`);
  try {
    if (files[url.pathname]) {
      const [type, body] = files[url.pathname];
      res.writeHead(200, { 'Content-Type': type });
      return res.end(body());
    }
    if (pages[url.pathname]) {
      const only = url.searchParams.get('ids')?.split(',');
      const list = sections().filter((s) => !only || only.includes(s.id));
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end(pages[url.pathname](list));
    }
    if (url.pathname === '/favicon.ico') return res.writeHead(204).end();
    if (url.pathname === '/') return res.writeHead(200, { 'Content-Type': 'text/plain' }).end('host pages: ' + Object.keys(pages).join(' '));
    res.writeHead(404).end('not found');
  } catch (error) {
    res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
  }
}).listen(port, '127.0.0.1', () => console.log(`host pages on http://127.0.0.1:${port}/, embeds from ${embedOrigin}`));
