import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { embedsPlugin } from './src/build/embeds.ts';
import { storyPlugin } from './src/build/plugin.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  // Relative asset URLs, so dist/ works from any static host and under any sub-path.
  base: process.env.BASE_PATH ?? '/',
  appType: 'mpa',
  plugins: [storyPlugin(root), embedsPlugin(root)],
  build: {
    target: 'es2022',
    rolldownOptions: {
      input: {
        index: resolve(root, 'index.html'),
        slides: resolve(root, 'slides.html'),
        // The template of every /embed/<id>/ page (src/build/embeds.ts), not a page itself.
        embed: resolve(root, 'embed.html'),
      },
    },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
