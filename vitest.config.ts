import { defineConfig } from 'vitest/config';

// Unit tests import src/story and src/map directly; they need no Vite plugin.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'reports/unit.json' },
  },
});
