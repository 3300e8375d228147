// Runs the W3C Nu Html Checker (vnu-jar, the engine behind validator.w3.org) over every HTML page of the build
// (dist/, or DIST_DIR) and fails on any error. Needs Java: on Debian, `apt-get install -y default-jre-headless`.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const dist = process.env.DIST_DIR ?? 'dist';
const pages = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? pages(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : []));

let files;
try {
  files = pages(dist);
} catch {
  console.error(`check-html: no build at ${dist}/ — run "npm run build" first`);
  process.exit(1);
}
if (files.length === 0) {
  console.error(`check-html: no HTML pages in ${dist}/`);
  process.exit(1);
}
const jar = createRequire(import.meta.url)('vnu-jar');
const run = spawnSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (run.error) {
  console.error(`check-html: could not run java (${run.error.message}) — install a Java runtime, e.g. "apt-get install -y default-jre-headless"`);
  process.exit(1);
}
let messages;
try {
  messages = JSON.parse(run.stderr || run.stdout).messages;
} catch {
  console.error(`check-html: unexpected output from the checker:\n${run.stderr}${run.stdout}`);
  process.exit(1);
}
const errors = messages.filter((m) => m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error');
for (const m of errors) {
  const file = relative(process.cwd(), new URL(m.url).pathname);
  console.error(`${file}:${m.lastLine ?? m.firstLine ?? 1}: ${m.message}${m.extract ? `\n    ${m.extract.replace(/\n/g, ' ')}` : ''}`);
}
console.log(`check-html: ${files.length} pages, ${errors.length} errors (Nu Html Checker)`);
process.exit(errors.length || run.status ? 1 : 0);
