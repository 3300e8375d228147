/** Reads slides/ and data/ from disk, validates everything, and returns the story (Node only). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogFrom, type Catalog } from '../map/catalog.ts';
import { checkStates } from '../map/check.ts';
import { decodeRegion } from '../map/decode.ts';
import type { RegionGeometry } from '../map/geometry.ts';
import type { Region } from '../map/state.ts';
import { states, stateIds } from '../map/states.ts';
import { ContentError, ContentErrors } from '../story/errors.ts';
import { parseFacts } from '../story/facts.ts';
import { parseSections, type KnownIds } from '../story/parse.ts';
import type { Story } from '../story/types.ts';

export interface LoadedStory extends Story {
  catalog: Catalog;
  /** Both regions' geometry for drawing at build time (static maps, cards): decoded on first use, then kept. */
  regions(): Record<Region, RegionGeometry>;
}

/** Both regions' geometry, decoded from data/geo (built by `npm run data`); a file missing, malformed or without the derived shapes stops the build, saying to run npm run data. */
export function loadRegions(root: string): Record<Region, RegionGeometry> {
  const read = (name: Region) => {
    const file = `data/geo/${name}.json`;
    try {
      return decodeRegion(JSON.parse(readFileSync(join(root, file), 'utf8')));
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      throw new ContentError(file, 1, /npm run data/.test(problem) ? problem : `${problem}: rebuild it with npm run data`);
    }
  };
  return { 'east-asia': read('east-asia'), europe: read('europe') };
}

export function knownIds(story: Pick<Story, 'facts'>): KnownIds {
  const { facts } = story;
  return {
    state: [...stateIds],
    place: facts.places.map((p) => p.id),
    alliance: facts.alliances.map((a) => a.id),
    nato: facts.nato.map((w) => w.id),
    event: facts.timeline.map((e) => e.id),
    fact: facts.facts.map((f) => f.id),
  };
}

/** Loads and validates the whole story from `root` (the project folder). Throws ContentError(s). */
export function loadStory(root: string): LoadedStory {
  const facts = parseFacts((name) => readFileSync(join(root, 'data', `${name}.json`), 'utf8'));
  const catalog = catalogFrom(facts);
  const problems = checkStates(states, catalog);
  const duplicate = stateIds.find((id, i) => stateIds.indexOf(id) !== i);
  if (duplicate) problems.push(`src/map/states.ts: state "${duplicate}": its id is used by two states — ids must be unique`);
  if (problems.length) {
    // Each problem names its state; point at the line where that state's id is written.
    const path = join(root, 'src/map/states.ts');
    const source = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : [];
    const lineOf = (problem: string): number => {
      const id = /state (?:registered as )?"([^"]+)"/.exec(problem)?.[1];
      return (id ? source.findIndex((l) => l.includes(`'${id}'`)) : -1) + 1 || 1;
    };
    throw new ContentErrors(problems.map((p) => new ContentError('src/map/states.ts', lineOf(p), p.slice(p.indexOf(':') + 2))));
  }
  const files = readdirSync(join(root, 'slides'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => ({ file: `slides/${f}`, text: readFileSync(join(root, 'slides', f), 'utf8') }));
  const sections = parseSections(files, knownIds({ facts }));
  let regions: Record<Region, RegionGeometry> | undefined;
  return { sections, facts, catalog, regions: () => (regions ??= loadRegions(root)) };
}
