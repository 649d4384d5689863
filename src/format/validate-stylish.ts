// The `stylish` validate format: problems grouped by file in aligned columns, then a summary line.
import { displayWidth, sanitizeForTerminal } from '../core/text.js';
import { countAll, type FileResult, type ProblemCounts } from '../core/validate.js';
import type { Palette } from './palette.js';

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Formats one file's problems as a block: its path, then aligned `line:col  severity  message  rule-id` rows; '' when clean. */
export function formatStylishFile(result: FileResult, palette: Palette): string {
  if (result.problems.length === 0) return '';
  const rows = result.problems.map((problem) => ({
    place: `${problem.line}:${problem.column}`,
    severity: problem.severity,
    message: sanitizeForTerminal(problem.message),
    ruleId: problem.ruleId,
  }));
  const placeWidth = Math.max(...rows.map((row) => row.place.length));
  const messageWidth = Math.max(...rows.map((row) => displayWidth(row.message)));
  let out = `\n${palette.underline(sanitizeForTerminal(result.path))}\n`;
  for (const row of rows) {
    const severity = row.severity === 'error' ? palette.red(pad('error', 7)) : palette.yellow(pad('warning', 7));
    out += `  ${palette.dim(pad(row.place, placeWidth))}  ${severity}  ${pad(row.message, messageWidth)}  ${palette.dim(row.ruleId)}\n`;
  }
  return out;
}

/** The closing line "✖ N problems (E errors, W warnings)"; '' when there is no problem. */
export function formatStylishSummary(counts: ProblemCounts, palette: Palette): string {
  const total = counts.errors + counts.warnings;
  if (total === 0) return '';
  const summary = `✖ ${plural(total, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')})`;
  const colour = counts.errors > 0 ? palette.red : palette.yellow;
  return `\n${palette.bold(colour(summary))}\n`;
}

/** Formats results for people: one block per file with problems, and "✖ N problems (E errors, W warnings)". */
export function formatStylish(results: readonly FileResult[], palette: Palette): string {
  return results.map((result) => formatStylishFile(result, palette)).join('') + formatStylishSummary(countAll(results), palette);
}
