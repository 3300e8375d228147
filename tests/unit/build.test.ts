import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build, type Rolldown } from 'vite';
import { loadStory } from '../../src/build/load.ts';
import { storyPlugin } from '../../src/build/plugin.ts';

const root = join(__dirname, '../..');
let scratch: string | null = null;

/** A copy of the content (slides/, data/) in a scratch folder, with one file changed. */
function contentWith(file: string, change: (text: string) => string): string {
  scratch = mkdtempSync(join(tmpdir(), 'story-'));
  cpSync(join(root, 'slides'), join(scratch, 'slides'), { recursive: true });
  cpSync(join(root, 'data'), join(scratch, 'data'), { recursive: true });
  writeFileSync(join(scratch, 'index.html'), '<!doctype html><html><body><!--story--></body></html>');
  writeFileSync(join(scratch, file), change(readFileSync(join(scratch, file), 'utf8')));
  return scratch;
}

const buildAt = (dir: string) =>
  build({ root: dir, configFile: false, logLevel: 'silent', plugins: [storyPlugin(dir)], build: { write: false } });

afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = null;
});

// Real builds: slower than a unit test, and slower still on a loaded 2-core machine.
describe('the build', { timeout: 30_000 }, () => {
  it('fails on a mistyped map state in slides/, naming the file and line', async () => {
    const dir = contentWith('slides/02-flurry.md', (t) => t.replace('::: step flurry-call', '::: step flury-call'));
    const line = readFileSync(join(dir, 'slides/02-flurry.md'), 'utf8').split('\n').indexOf('::: step flury-call') + 1;
    await expect(buildAt(dir)).rejects.toThrow(`slides/02-flurry.md:${line}: unknown map state "flury-call" — did you mean "flurry-call"?`);
  });

  it('fails on a map state whose place is missing from data/, at the line of that state', () => {
    const dir = contentWith('data/places.json', (t) => JSON.stringify(JSON.parse(t).filter((p: { id: string }) => p.id !== 'tokyo'), null, 2));
    mkdirSync(join(dir, 'src/map'), { recursive: true });
    cpSync(join(root, 'src/map/states.ts'), join(dir, 'src/map/states.ts'));
    const line = readFileSync(join(root, 'src/map/states.ts'), 'utf8').split('\n').findIndex((l) => l.includes("'seat-at-the-table'")) + 1;
    expect(line).toBeGreaterThan(1);
    expect(() => loadStory(dir)).toThrow(`src/map/states.ts:${line}: state "seat-at-the-table": unknown place "tokyo"`);
  });

  it('fails when a map shows a fact that data/ calls context without styling it so, at the line of that state', () => {
    const dir = contentWith('data/timeline.json', (t) => {
      const events = JSON.parse(t) as { id: string; context: boolean }[];
      events.find((e) => e.id === 'xi-moon-call')!.context = true;
      return `${JSON.stringify(events, null, 2)}\n`;
    });
    mkdirSync(join(dir, 'src/map'), { recursive: true });
    cpSync(join(root, 'src/map/states.ts'), join(dir, 'src/map/states.ts'));
    const line = readFileSync(join(root, 'src/map/states.ts'), 'utf8').split('\n').findIndex((l) => l.includes("'flurry-call'")) + 1;
    expect(line).toBeGreaterThan(1);
    expect(() => loadStory(dir)).toThrow(`src/map/states.ts:${line}: state "flurry-call": the arc "4 May: Xi–Moon call" shows event "xi-moon-call", which data/timeline.json marks as context`);
  });

  it('fails on a broken record in data/, naming the file and line', async () => {
    const dir = contentWith('data/places.json', (t) => t.replace('"lat": 38.9122', '"lat": "north"'));
    const line = readFileSync(join(dir, 'data/places.json'), 'utf8').split('\n').findIndex((l) => l.includes('"lat": "north"')) + 1;
    await expect(buildAt(dir)).rejects.toThrow(new RegExp(`data/places\\.json:${line}: .*lat`));
  });

  it('prerenders every step of the real story into index.html and writes sections.json', async () => {
    const output = (await build({ root, logLevel: 'silent', build: { write: false } })) as Rolldown.RolldownOutput;
    const files = new Map(output.output.map((o) => [o.fileName, o]));
    const html = String((files.get('index.html') as Rolldown.OutputAsset).source);
    const sections = JSON.parse(String((files.get('sections.json') as Rolldown.OutputAsset).source)) as { id: string }[];
    const stepCount = readFileSync(join(root, 'slides/02-flurry.md'), 'utf8').match(/^::: step /gm)!.length;
    expect(sections.length).toBeGreaterThanOrEqual(12);
    for (const { id } of sections) expect(html).toMatch(new RegExp(`<section class="section[^"]*" id="${id}"`));
    expect(html.match(/data-section="flurry"/g)).toHaveLength(stepCount);
    expect(html).toContain('Dalian');
    expect(html).not.toContain('<!--story-->');
    // Each section's still map, for readers without JavaScript (issue 6).
    for (const { id } of sections) {
      expect(html).toContain(`<img src="/maps/${id}.svg"`);
      expect(String((files.get(`maps/${id}.svg`) as Rolldown.OutputAsset).source)).toMatch(/^<\?xml[^]*<svg[^>]*viewBox="0 0 \d+ \d+"[^]*<path/);
    }
  }, 60_000);
});
