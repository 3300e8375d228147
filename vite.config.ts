import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { storyPlugin } from './src/build/plugin.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  // Absolute asset URLs from the site's root; a build for a sub-path sets BASE_PATH (README: Deploy).
  base: process.env.BASE_PATH ?? '/',
  appType: 'mpa',
  plugins: [storyPlugin(root)],
  build: {
    target: 'es2022',
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
