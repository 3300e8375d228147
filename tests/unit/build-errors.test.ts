import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createServer } from 'vite';

const root = join(__dirname, '../..');
let project: string;

/** A copy of the project whose slides/ are tests/fixtures/slides-bad: three mistakes in three files. */
beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'broken-'));
  for (const f of ['index.html', 'slides.html', 'embed.html', 'vite.config.ts', 'src', 'data']) cpSync(join(root, f), join(project, f), { recursive: true });
  cpSync(join(root, 'tests/fixtures/slides-bad'), join(project, 'slides'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'));
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

const MISTAKES = [
  'slides/02-alpha-again.md:2: section id "alpha" is already used by slides/01-alpha.md',
  'slides/03-unknown-state.md:7: unknown map state "flury-call" — did you mean "flurry-call"?',
  'slides/04-unknown-place.md:10: unknown place "atlantis"',
];
const STACK = /^\s+at /m;

// Real builds and a real dev server: slow on a loaded 2-core machine.
describe('content mistakes', { timeout: 60_000 }, () => {
  it('npm run build prints each as file:line: what to fix, with the lines around it, and no stack trace', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: project, encoding: 'utf8', env: { ...process.env, SITE_URL: '' } });
    expect(run.status).toBe(1);
    for (const m of MISTAKES) expect(run.stderr).toContain(m);
    expect(run.stderr).toMatch(/^> 7 \| ::: step flury-call$/m);
    expect(run.stderr).not.toMatch(STACK);
    expect(run.stderr).not.toContain('[plugin');
    expect(run.stdout + run.stderr, 'and, without SITE_URL, says where absolute links will point').toContain('SITE_URL is not set: canonical links, social card images and oEmbed in dist/ will point at http://localhost:4173');
  });

  it('npm run build with a malformed SITE_URL stops with what to write instead, and no stack trace', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: project, encoding: 'utf8', env: { ...process.env, SITE_URL: 'example.org/korea' } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('SITE_URL "example.org/korea" is not an absolute URL — set it to the public origin only, e.g. SITE_URL=https://example.org');
    expect(run.stderr).not.toMatch(STACK);
  });

  it('the dev server starts anyway, logs them without a stack trace, and shows them on the page', async () => {
    const logs: string[] = [];
    const logger = createLogger('info');
    for (const level of ['info', 'warn', 'error'] as const) logger[level] = (msg: string) => void logs.push(msg);
    const server = await createServer({ root: project, configFile: join(project, 'vite.config.ts'), customLogger: logger, server: { port: 5573, strictPort: false, host: '127.0.0.1' } });
    try {
      await server.listen();
      const response = await fetch(new URL('/', server.resolvedUrls!.local[0]));
      const page = await response.text();
      expect(response.status).toBe(500);
      expect(page).toContain('slides/03-unknown-state.md:7: unknown map state &quot;flury-call&quot;');
      expect(page).not.toMatch(STACK);
      const log = logs.join('\n');
      for (const m of MISTAKES) expect(log).toContain(m);
      expect(log).not.toMatch(STACK);
    } finally {
      await server.close();
    }
  });
});
