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

/** One CSV row for a record; control characters are made visible so no cell can hide a line break. */
export function csvRow(record: object, fields: readonly string[]): string {
  return fields.map((field) => csvCell(sanitizeForTerminal(fieldText(getPath(record, field))))).join(',') + '\r\n';
}
