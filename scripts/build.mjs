// `npm run build`: Vite's build, except that a mistake in the content (slides/, data/, the map states) or in
// SITE_URL prints its own report (file:line: what to fix, with the lines around it) and no bundler stack.
import { build } from 'vite';

/** The errors an editor can fix, by name: ContentError(s) (src/story/errors.ts) and SiteUrlError (src/build/site.ts). */
const OURS = new Set(['ContentError', 'ContentErrors', 'SiteUrlError']);
const ours = (error) => [error, ...(Array.isArray(error?.errors) ? error.errors : [])].find((e) => OURS.has(e?.name));

// `npm run build -- --outDir /tmp/dist` builds elsewhere, e.g. to test a second build beside the first (README: Tests).
const at = process.argv.indexOf('--outDir');
const outDir = at > 0 ? process.argv[at + 1] : undefined;

try {
  await build(outDir ? { build: { outDir, emptyOutDir: true } } : {});
} catch (error) {
  const mistake = ours(error);
  if (!mistake) throw error;
  console.error(`\n${mistake.message.trimEnd()}\n`);
  process.exit(1);
}
