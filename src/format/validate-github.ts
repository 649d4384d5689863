// The `github` validate format: GitHub Actions workflow commands that annotate files in a run.
import path from 'node:path';
import { escapePathControls, sanitizeForTerminal } from '../core/text.js';
import type { FileResult } from '../core/validate.js';

/**
 * The folder GitHub resolves an annotation's or a code-scanning result's relative path from: the
 * workspace (`GITHUB_WORKSPACE`, the checkout, as a real path like `cwd`) when set, absolute,
 * and holding `cwd`; else `cwd`.
 */
export function pathRoot(cwd: string, workspace: string | undefined): string {
  if (!workspace || !path.isAbsolute(workspace)) return cwd;
  return isOutside(path.relative(workspace, cwd)) ? cwd : path.resolve(workspace);
}

// True for a relative path that leads out of its folder (`..`, `../x`; not `..data`).
function isOutside(relative: string): boolean {
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

/**
 * A shown path (relative to `cwd`, or absolute) made relative to `root` with `/` separators, or
 * null when the file lies outside `root`.
 */
export function pathFromRoot(shown: string, cwd: string, root: string): string | null {
  if (root === cwd && !path.isAbsolute(shown)) return shown;
  const relative = path.relative(root, path.resolve(cwd, shown));
  if (relative === '' || isOutside(relative)) return null;
  return relative.split(path.sep).join('/');
}

/** Escapes a workflow command's message: `%`, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value: as data, plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Formats one file's problems as `::error`/`::warning` commands. Standard input has no file to
 * annotate: its problems are annotations of the run (no `file`, `line` or `col`), with the
 * place in the message.
 */
export function formatGithubFile(result: FileResult, cwd = process.cwd(), root = cwd): string {
  // Relative to the workspace, which GitHub reads it from, also when validate runs in a subfolder.
  // CR and LF are percent-escaped (GitHub decodes them to the file's own name) before any other
  // control character is written out.
  const file = escapePathControls(escapeProperty(pathFromRoot(result.path, cwd, root) ?? path.resolve(cwd, result.path)));
  let out = '';
  for (const problem of result.problems) {
    const title = `title=${escapeProperty(problem.ruleId)}`;
    if (result.stdin) {
      out += `::${problem.severity} ${title}::${escapeData(`standard input:${problem.line}:${problem.column}: ${sanitizeForTerminal(problem.message)}`)}\n`;
      continue;
    }
    const properties = `file=${file},line=${problem.line},col=${problem.column},${title}`;
    out += `::${problem.severity} ${properties}::${escapeData(sanitizeForTerminal(problem.message))}\n`;
  }
  return out;
}

/** Formats one workflow command per problem. */
export function formatGithub(results: readonly FileResult[], cwd = process.cwd(), root = cwd): string {
  return results.map((result) => formatGithubFile(result, cwd, root)).join('');
}
