// The `unix` validate format: `path:line:col: severity rule-id message`, one problem per line.
import { sanitizeForTerminal, sanitizeLeadingPath } from '../core/text.js';
import type { FileResult } from '../core/validate.js';

/** Formats one file's problems, one per line; control characters escaped. */
export function formatUnixFile(result: FileResult): string {
  // Exact but for control characters: editors read the name back to open the file.
  const file = sanitizeLeadingPath(result.path, { exact: true });
  let out = '';
  for (const problem of result.problems) {
    out += `${file}:${problem.line}:${problem.column}: ${problem.severity} ${problem.ruleId} ${sanitizeForTerminal(problem.message)}\n`;
  }
  return out;
}

/** Formats one problem per line, for grep and editors' quickfix lists. */
export function formatUnix(results: readonly FileResult[]): string {
  return results.map(formatUnixFile).join('');
}
