import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { storyPlugin } from './src/build/plugin.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * d3-interpolate's bundle makes its colour and transform interpolators at its top level (`var rgb = (function
 * rgbGamma(y) {…})(1)`, `var hsl = hsl(hue)`, …): calls a bundler must keep, and with them all of d3-color (10 KB
 * minified, 3.5 KB gzip) in every page, though the map uses only interpolateZoom. Those calls only make functions,
 * so they are marked pure and dropped with what they would make.
 */
const pureD3Interpolate = (): Plugin => ({
  name: 'pure-d3-interpolate',
  transform(code, id) {
    if (!/[\\/]d3-interpolate[\\/]dist[\\/]d3-interpolate\.mjs$/.test(id)) return null;
    return { code: code.replace(/^(var \w+ = )(?=\(function|\w+\()/gm, '$1/* @__PURE__ */ '), map: null };
  },
});

export default defineConfig({
  // Absolute asset URLs from the site's root; a build for a sub-path sets BASE_PATH (README: Deploy).
  base: process.env.BASE_PATH ?? '/',
  appType: 'mpa',
  plugins: [storyPlugin(root), pureD3Interpolate()],
  build: {
    target: 'es2022',
    // Browsers preload modules themselves (Chrome 66, Firefox 115, Safari 17); one that does not (Safari 16.4) loads
    // them when they are imported, a little later. Vite's polyfill for it costs every page 0.2 KB (gzip), and the
    // embed has little room under its 80 KB.
    //
    // A dynamic import's own imports are not preloaded ahead of it, only its stylesheets: Vite's helper appends a
    // <link rel=modulepreload> per module, synchronously, before the import — measured on the scroll page at 390×844
    // with the CPU slowed 4× (3 loads, 2 December): 40–262 ms in one task for the map's seven modules, 0.3–92 ms per
    // link. The imported module names its imports itself and the browser fetches them together, one round trip later.
    modulePreload: { polyfill: false, resolveDependencies: (_, deps, { hostType }) => (hostType === 'js' ? deps.filter((d) => d.endsWith('.css')) : deps) },
    rolldownOptions: {
      // The cards and embed.js take seconds to make by design; a timing warning on every build is noise.
      checks: { bundlerTimings: false },
      input: {
        index: resolve(root, 'index.html'),
        slides: resolve(root, 'slides.html'),
        // The template of every /embed/<id>/ page (src/build/embed-page.ts), not a page itself.
        embed: resolve(root, 'embed.html'),
      },
    },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
