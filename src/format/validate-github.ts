// The `github` validate format: GitHub Actions workflow commands that annotate files in a run.
import { sanitizeForTerminal, sanitizePathForTerminal } from '../core/text.js';
import type { FileResult } from '../core/validate.js';

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
export function formatGithubFile(result: FileResult): string {
  const file = escapeProperty(sanitizePathForTerminal(result.path));
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
export function formatGithub(results: readonly FileResult[]): string {
  return results.map(formatGithubFile).join('');
}
