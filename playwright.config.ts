import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/** The system Chromium: CHROME_PATH, else Debian's. This project never downloads a browser. */
const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
if (!existsSync(chrome)) {
  console.error(`No Chromium at ${chrome}: install it with "apt-get update && apt-get install -y chromium" or set CHROME_PATH.`);
  process.exit(1);
}

// Ports can be moved (PREVIEW_PORT, HOST_PORT) so two checkouts can run their tests side by side.
const port = Number(process.env.PREVIEW_PORT ?? 4173);
const hostPort = Number(process.env.HOST_PORT ?? 4174);
process.env.EMBED_HOST_ORIGIN ??= `http://127.0.0.1:${hostPort}`;
// The built site under a strict Content-Security-Policy (tests/browser/csp.spec.ts), on a port of its own.
const cspPort = Number(process.env.CSP_PORT ?? 4175);
process.env.CSP_ORIGIN ??= `http://127.0.0.1:${cspPort}`;
// Which build the servers serve (default dist/), so a second build can be tested beside the first.
const dist = process.env.DIST_DIR ?? 'dist';

export default defineConfig({
  testDir: 'tests/browser',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'reports/browser.json' }]] : 'list',
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: chrome,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, channel: undefined } },
    { name: 'phone', use: { ...devices['Pixel 7'], viewport: { width: 390, height: 844 }, channel: undefined } },
  ],
  webServer: [
    {
      // Serves the built site (npm test builds first).
      command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1 --outDir ${dist}`,
      url: `http://127.0.0.1:${port}/`,
      // Never reuse a server already running: it may serve another build.
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // A second origin with host pages that embed the sections (tests/browser/embed.spec.ts).
      command: `node tests/browser/host-server.mjs`,
      url: `http://127.0.0.1:${hostPort}/`,
      env: { HOST_PORT: String(hostPort), EMBED_ORIGIN: `http://127.0.0.1:${port}`, DIST_DIR: dist },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // dist/ served with the recommended security headers, strict CSP included (README: Deploy).
      command: `node tests/browser/csp-server.mjs`,
      url: `http://127.0.0.1:${cspPort}/`,
      env: { CSP_PORT: String(cspPort), DIST_DIR: dist },
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
