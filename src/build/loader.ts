/** Builds /embed.js: src/embed/loader.ts as one classic script, with the sections' ids, titles and heights baked in. */
import { resolve } from 'node:path';
import { build, type Rolldown } from 'vite';

export interface LoaderSection {
  id: string;
  title: string;
  height: number;
}

export async function buildLoader(root: string, sections: LoaderSection[]): Promise<string> {
  const output = (await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    define: { __KOREA_SECTIONS__: JSON.stringify(sections) },
    build: {
      write: false,
      copyPublicDir: false,
      target: 'es2018',
      minify: true,
      lib: { entry: resolve(root, 'src/embed/loader.ts'), formats: ['iife'], name: 'koreaExplainerEmbed', fileName: () => 'embed.js' },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const chunk = (Array.isArray(output) ? output[0] : output).output.find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('embed.js: the loader build produced no script');
  return chunk.code;
}
