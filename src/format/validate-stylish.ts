// The `stylish` validate format: problems grouped by file in aligned columns, then a summary line.
import { displayWidth, sanitizeForTerminal, sanitizeLeadingPath } from '../core/text.js';
import { countAll, type FileResult, type ProblemCounts } from '../core/validate.js';
import type { Palette } from './palette.js';

/**
 * Messages are aligned up to this width; a longer one is not padded and does not widen the column
 * (padding every row to one huge message made a report grow with the square of a file's size).
 */
const MAX_ALIGNED_MESSAGE = 100;

function pad(text: string, textWidth: number, width: number): string {
  return textWidth >= width ? text : text + ' '.repeat(width - textWidth);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Formats one file's problems as a block: its path, then aligned `line:col  severity  message  rule-id` rows; '' when clean. */
export function formatStylishFile(result: FileResult, palette: Palette): string {
  if (result.problems.length === 0) return '';
  let placeWidth = 0;
  let messageWidth = 0;
  const rows = result.problems.map((problem) => {
    const place = `${problem.line}:${problem.column}`;
    const message = sanitizeForTerminal(problem.message);
    const width = displayWidth(message);
    placeWidth = Math.max(placeWidth, place.length);
    if (width <= MAX_ALIGNED_MESSAGE) messageWidth = Math.max(messageWidth, width);
    return { place, severity: problem.severity, message, width, ruleId: problem.ruleId };
  });
  let out = `\n${palette.underline(sanitizeLeadingPath(result.path))}\n`;
  for (const row of rows) {
    const severity = row.severity === 'error' ? palette.red('error  ') : palette.yellow('warning');
    out += `  ${palette.dim(pad(row.place, row.place.length, placeWidth))}  ${severity}  ${pad(row.message, row.width, messageWidth)}  ${palette.dim(row.ruleId)}\n`;
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
