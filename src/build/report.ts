/**
 * Content mistakes as an editor needs them: each `file:line: what to fix` with the lines around it, and no
 * bundler stack after it (scripts/build.mjs prints these errors' messages alone; the dev server shows them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContentError, ContentErrors } from '../story/errors.ts';

/** The content mistakes in `error`, or null if it is some other failure. */
export function contentProblems(error: unknown): ContentError[] | null {
  if (error instanceof ContentErrors) return error.errors;
  if (error instanceof ContentError) return [error];
  return null;
}

/** Two lines either side of `line` in `file`, the line itself marked: what `npm run build` shows under a message. */
export function codeFrame(root: string, file: string, line: number): string {
  const path = join(root, file);
  if (!existsSync(path) || !/\.(md|json|ts)$/.test(file)) return '';
  const lines = readFileSync(path, 'utf8').split('\n');
  if (line < 1 || line > lines.length) return '';
  const from = Math.max(1, line - 2);
  const to = Math.min(lines.length, line + 2);
  const width = String(to).length;
  const rows: string[] = [];
  for (let n = from; n <= to; n++) rows.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${lines[n - 1]}`.trimEnd());
  return rows.join('\n');
}

/** Every mistake with its code frame, one after another. */
export function contentReport(root: string, problems: ContentError[]): string {
  return problems.map((p) => [p.message, codeFrame(root, p.file, p.line)].filter(Boolean).join('\n')).join('\n\n');
}

/**
 * The error a build fails with: the report as its whole message and no stack, so the bundler prints only the
 * report. Keeps the name ContentErrors (scripts/build.mjs knows it) and the individual errors.
 */
export function contentFailure(root: string, problems: ContentError[]): ContentErrors {
  const error = new ContentErrors(problems);
  error.message = `${problems.length === 1 ? 'A mistake' : `${problems.length} mistakes`} in the content:\n\n${contentReport(root, problems)}\n`;
  error.stack = `${error.name}: ${error.message}`;
  return error;
}
