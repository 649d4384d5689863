// Formatters for lists of article records: table, JSON, NDJSON and CSV. Each returns strings.
import { sanitizeLeadingPath, sanitizePathForTerminal } from '../core/text.js';
import type { Article } from '../core/types.js';
import { csvHeader, csvRow } from './csv.js';
import { escapeJsonControls, fieldText, getPath, project } from './fields.js';
import type { Palette } from './palette.js';
import { renderTable, type Column } from './table.js';
import type { ListFormat } from './formats.js';

export { LIST_FORMATS, type ListFormat } from './formats.js';

export const DEFAULT_CSV_FIELDS = [
  'id',
  'publishedDateTime',
  'title',
  'provider.name',
  'provider.domain',
  'url',
  'topics',
  'quality',
  'heat',
  'path',
];

/**
 * Fields an article's summary holds with exactly the record's values (see summarise; the
 * excerpt is left out: summaries keep it only for --search).
 */
export const SUMMARY_FIELDS: readonly string[] = [
  'id',
  'path',
  'title',
  'category',
  'type',
  'publishedDateTime',
  'url',
  'provider.name',
  'provider.domain',
  'topics',
  'quality',
  'heat',
  'published',
];

/**
 * True when a listing in `format` with `fields` shows nothing but what summaries hold, so it can
 * be made from them without the records: the default table and CSV, or fields all in
 * SUMMARY_FIELDS or `alsoCovered` (fields a command adds itself, such as rank's score).
 */
export function summariesCover(format: ListFormat, fields: readonly string[] | undefined, alsoCovered: readonly string[] = []): boolean {
  if (fields && fields.length > 0) return fields.every((field) => SUMMARY_FIELDS.includes(field) || alsoCovered.includes(field));
  return format === 'table' || format === 'csv';
}

/** Columns of the default `list` table, keyed by the record field they show. */
const TABLE_COLUMNS: Array<{ field: string; column: Column; text?: (a: Article) => string }> = [
  {
    field: 'publishedDateTime',
    column: { header: 'DATE', min: 10, max: 10, whole: true, colour: (p, t) => p.dim(t) },
    text: (a) => a.publishedDateTime?.slice(0, 10) ?? '',
  },
  { field: 'title', column: { header: 'TITLE', flex: true, min: 16 } },
  {
    field: 'provider',
    column: { header: 'PROVIDER', min: 8, max: 22, colour: (p, t) => p.cyan(t), dropRank: 5 },
    text: (a) => a.provider.name ?? a.provider.domain ?? '',
  },
  { field: 'topics', column: { header: 'TOPICS', min: 6, max: 28, colour: (p, t) => p.magenta(t), dropRank: 6 }, text: (a) => a.topics.join('; ') },
  // As wide as any number is written (`-1.2345678901234567e-300`), and never squeezed (a minimum
  // above the content is the content's width): a number cut short reads as another; the column
  // is left out instead.
  { field: 'quality', column: { header: 'QUALITY', align: 'right', min: 24, max: 24, dropRank: 7 } },
  { field: 'heat', column: { header: 'HEAT', align: 'right', min: 24, max: 24, dropRank: 8 } },
];

/** Extra columns hold numbers, which are useless cut short: they are `whole` (never cut), and this minimum keeps them from giving way before other columns. */
const NUMBERS_KEEP_WIDTH = 1000;

/** Extra values a command adds to each record (rank adds `rank` and `score`). */
export type RecordView = object;

/** A column a command adds to the table (rank's scores); dropRank as in Column (list's own columns go first: 5–8). */
export interface ExtraColumn {
  header: string;
  text: (record: RecordView) => string;
  align?: 'left' | 'right';
  dropRank?: number;
}

export interface TableOptions {
  fields?: readonly string[];
  width: number;
  palette: Palette;
  /** Extra columns put before (`rank`) or after the default ones. */
  leading?: ExtraColumn[];
  trailing?: ExtraColumn[];
  /** How a field named in `fields` is written in a cell, when not as its plain text (rank's scores). */
  fieldText?: Readonly<Record<string, (record: RecordView) => string>>;
}

const FILE_NAME_FIELDS = new Set(['id', 'duplicates.id']);
// Paths may begin a line: see sanitizeLeadingPath.
const PATH_FIELDS = new Set(['path', 'duplicates.path']);

/** Renders records as a table for people, fitted to `width` columns. */
export function formatArticleTable(records: readonly RecordView[], options: TableOptions): string {
  let columns: Column[];
  let cells: Array<(record: RecordView) => string>;
  if (options.fields && options.fields.length > 0) {
    // A column of numbers (quality, heat, score, a number in extra) is right-aligned and, like
    // the default table's, never cut short: a number cut short reads as another.
    columns = options.fields.map((field) => {
      const date = DATE_FIELD.test(field);
      return date || holdsNumbers(records, field)
        ? { header: field.toUpperCase(), align: date ? 'left' : 'right', min: NUMBERS_KEEP_WIDTH, whole: true }
        : { header: field.toUpperCase(), flex: field === 'title', min: 6 };
    });
    cells = options.fields.map((field) => {
      if (Object.hasOwn(options.fieldText ?? {}, field)) return options.fieldText![field]!;
      // A tab in a file name (or the id made from it) shows as \x09, not as the space it
      // becomes in other cells, so two files never look alike.
      if (PATH_FIELDS.has(field)) return (record: RecordView) => sanitizeLeadingPath(fieldText(getPath(record, field)));
      if (FILE_NAME_FIELDS.has(field)) return (record: RecordView) => sanitizePathForTerminal(fieldText(getPath(record, field)));
      return (record: RecordView) => fieldText(getPath(record, field));
    });
  } else {
    columns = TABLE_COLUMNS.map((c) => c.column);
    cells = TABLE_COLUMNS.map((c) => (record: RecordView) =>
      c.text ? c.text(record as unknown as Article) : fieldText(getPath(record, c.field)),
    );
  }
  for (const extra of [...(options.leading ?? [])].reverse()) {
    columns.unshift({ header: extra.header, align: extra.align ?? 'right', min: NUMBERS_KEEP_WIDTH, dropRank: extra.dropRank, whole: true });
    cells.unshift(extra.text);
  }
  for (const extra of options.trailing ?? []) {
    columns.push({ header: extra.header, align: extra.align ?? 'right', min: NUMBERS_KEEP_WIDTH, dropRank: extra.dropRank, whole: true });
    cells.push(extra.text);
  }
  const rows = records.map((record) => cells.map((cell) => cell(record)));
  return renderTable(columns, rows, options.width, options.palette);
}

// A date, like a number, reads as another when cut short.
const DATE_FIELD = /(?:^|\.)publishedDateTime$/;

function holdsNumbers(records: readonly RecordView[], field: string): boolean {
  let found = false;
  for (const record of records) {
    const value = getPath(record, field);
    if (typeof value === 'number') found = true;
    else if (value !== null && value !== undefined) return false;
  }
  return found;
}

/** One record as JSON, projected to `fields` when given; invisible controls are \\u-escaped. */
export function formatRecordJson(record: RecordView, fields?: readonly string[]): string {
  return escapeJsonControls(JSON.stringify(fields && fields.length > 0 ? project(record, fields) : record));
}

/** The CSV header for a listing. */
export function formatCsvHeader(fields?: readonly string[]): string {
  return csvHeader(fields && fields.length > 0 ? fields : DEFAULT_CSV_FIELDS);
}

/** One CSV row for a record. */
export function formatCsvRow(record: RecordView, fields?: readonly string[]): string {
  return csvRow(record, fields && fields.length > 0 ? fields : DEFAULT_CSV_FIELDS);
}
