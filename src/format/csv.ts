// RFC 4180 CSV: a header row, CRLF line ends, quoting where needed.
import { sanitizeForTerminal } from '../core/text.js';
import { fieldText, getPath } from './fields.js';

/** Quotes one CSV cell when it holds a comma, quote, line break or edge space. */
export function csvCell(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header row of a CSV listing. */
export function csvHeader(fields: readonly string[]): string {
  return fields.map(csvCell).join(',') + '\r\n';
}

// What a spreadsheet takes as the start of a formula (CSV injection: `=HYPERLINK(...)` in a title),
// spaces before it included (a tab in the source is a space by now).
const FORMULA_START = /^\s*[=+\-@]/;

/** Text a spreadsheet would run as a formula, with a `'` in front so it shows as text; other text as it is. */
export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One CSV row for a record; control characters are made visible so no cell can hide a line
 * break, and text that would start a formula gets a `'` in front (numbers stay as they are).
 */
export function csvRow(record: object, fields: readonly string[]): string {
  const row = fields
    .map((field) => {
      const value = getPath(record, field);
      const text = sanitizeForTerminal(fieldText(value));
      return csvCell(typeof value === 'number' ? text : spreadsheetSafe(text));
    })
    .join(',');
  // A row of one empty cell written as nothing would be a blank line, which CSV readers skip.
  return (row === '' ? '""' : row) + '\r\n';
}
