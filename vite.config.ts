import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { storyPlugin } from './src/build/plugin.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  // Relative asset URLs, so dist/ works from any static host and under any sub-path.
  base: process.env.BASE_PATH ?? '/',
  appType: 'mpa',
  plugins: [storyPlugin(root)],
  build: {
    target: 'es2022',
    rolldownOptions: {
      input: {
        index: resolve(root, 'index.html'),
        slides: resolve(root, 'slides.html'),
      },
    },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
