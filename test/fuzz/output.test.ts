// Fuzzing the output formats: for any record, the table, CSV, show view and diagnostic lines hold
// no control character but the palette's own colour codes, and JSON parses back to the record.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paletteFor } from '../../src/commands/context.js';
import { formatDiagnosticLine } from '../../src/commands/shared.js';
import { normaliseArticle } from '../../src/core/normalise.js';
import { displayWidth, sanitizeForTerminal } from '../../src/core/text.js';
import type { Article, Diagnostic, SourceEncoding } from '../../src/core/types.js';
import { DEFAULT_CSV_FIELDS, formatArticleTable, formatCsvHeader, formatCsvRow, formatRecordJson } from '../../src/format/articles.js';
import { fieldText, getPath } from '../../src/format/fields.js';
import { spreadsheetSafe } from '../../src/format/csv.js';
import { plainPalette, type Palette } from '../../src/format/palette.js';
import { formatArticleJson, formatArticleView } from '../../src/format/show.js';
import { FUZZ_SEED, RUNS } from './budget.js';
import { FIX_KINDS, frontMatterOf, mapping, messyText } from './records.js';

// Anything a terminal acts on: C0 except LF, DEL, C1, bidi embeddings, overrides, isolates and marks.
const TERMINAL_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
// What JSON.stringify leaves raw that a terminal or editor acts on (it escapes C0 itself).
const JSON_RAW_CONTROL = /[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
// The SGR codes the palette (chalk, level 1) emits; a record's own escape codes must never survive.
const PALETTE_SGR = /\x1b\[(?:1|2|4|22|24|31|32|33|35|36|39)m/g;
const colourPalette: Palette = await paletteFor({ isTTY: true }, { FORCE_COLOR: '1' });
const NOW = new Date('2024-01-01T00:00:00Z');

/** The characters of `text` a terminal would act on, after the palette's own codes are removed. */
function controlsIn(text: string): string[] {
  const found = text.replace(PALETTE_SGR, '').match(new RegExp(TERMINAL_CONTROL.source, 'gu')) ?? [];
  return [...new Set(found)].map((c) => `U+${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

// Strings of every kind, hostile ones included: raw records are not cleaned by normalisation.
const anyText = fc.oneof(messyText, fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }));
const jsonNumber = fc.oneof(fc.integer({ min: -1, max: 100 }), fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x)));
const jsonValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    jsonNumber,
    anyText,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.array(fc.tuple(anyText, tie('value')), { maxLength: 3 }).map(mapping),
  ),
})).value;
const orNull = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const iso = fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString());

const relatedRecord = fc
  .record({
    title: orNull(anyText),
    excerpt: orNull(anyText),
    category: orNull(anyText),
    type: orNull(anyText),
    publishedDateTime: orNull(iso),
    originalUrl: orNull(anyText),
    webUrl: orNull(anyText),
    ampWebUrl: orNull(anyText),
    cdnAmpWebUrl: orNull(anyText),
    provider: fc.record({ name: orNull(anyText), domain: orNull(anyText) }),
    topics: fc.array(anyText, { maxLength: 4 }),
    quality: orNull(jsonNumber),
    heat: orNull(jsonNumber),
    published: orNull(fc.boolean()),
    images: fc.array(fc.record({ url: orNull(anyText), width: orNull(jsonNumber), height: orNull(jsonNumber), caption: anyText }), { maxLength: 2 }),
    extra: fc.array(fc.tuple(anyText, jsonValue), { maxLength: 3 }).map(mapping),
  })
  .map((fields) => ({ ...fields, url: fields.originalUrl ?? fields.webUrl }));

/** Any record of the declared shape, with any strings in it: as a cache or an old version might hold. */
const rawRecord: fc.Arbitrary<Article> = fc
  .tuple(
    relatedRecord,
    fc.record({
      id: anyText,
      path: anyText,
      title: anyText,
      related: fc.array(relatedRecord, { maxLength: 2 }),
      encoding: fc.constantFrom<SourceEncoding>('utf-8', 'windows-1252', 'utf-16le', 'utf-16be'),
      fixes: fc.array(fc.record({ field: anyText, kind: fc.constantFrom(...FIX_KINDS), before: jsonValue }), { maxLength: 4 }),
    }),
    fc.option(anyText, { nil: undefined }),
  )
  .map(([fields, own, body]) => {
    const record: Article = { ...fields, ...own };
    if (body !== undefined) record.body = body;
    return record;
  });

/** A record as feedtool makes it: any front matter, normalised. */
const normalisedRecord: fc.Arbitrary<Article> = fc
  .tuple(frontMatterOf({ jsonSafe: true }), fc.constantFrom('2023-01-02-fuzz', 'fuzz\x1b[2J', 'fuzz\u202e'), fc.option(anyText, { nil: undefined }))
  .map(([data, id, body]) => normaliseArticle(data, { id, path: `news/${id}.md`, encoding: 'utf-8', body }));

const anyRecord = fc.oneof(rawRecord, normalisedRecord);
const width = fc.integer({ min: 1, max: 220 });
const palette = fc.constantFrom(plainPalette, colourPalette);

/** Splits one CSV row (CRLF already removed) into its cells, undoing RFC 4180 quoting. */
function parseCsvRow(row: string): string[] {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (row[i] === '"') {
      let cell = '';
      i++;
      for (;;) {
        const quote = row.indexOf('"', i);
        if (quote === -1) throw new Error(`unterminated quote in ${JSON.stringify(row)}`);
        cell += row.slice(i, quote);
        if (row[quote + 1] === '"') {
          cell += '"';
          i = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      cells.push(cell);
    } else {
      const comma = row.indexOf(',', i);
      cells.push(row.slice(i, comma === -1 ? row.length : comma));
      i = comma === -1 ? row.length : comma;
    }
    if (i >= row.length) return cells;
    if (row[i] !== ',') throw new Error(`junk after a quoted cell in ${JSON.stringify(row)}`);
    i++;
  }
}

/** The record as its JSON must read back: `fixes[].before` keeps source values verbatim, and JSON prints NaN and infinities as null, -0 as 0. */
function asJsonReadsBack(record: Article): unknown {
  const documented = (value: unknown): unknown => {
    if (typeof value === 'number') return Number.isFinite(value) ? (value === 0 ? 0 : value) : null;
    if (Array.isArray(value)) return value.map(documented);
    if (value !== null && typeof value === 'object') {
      return mapping(Object.keys(value).map((key) => [key, documented((value as Record<string, unknown>)[key])] as const));
    }
    return value;
  };
  return { ...record, fixes: record.fixes.map((fix) => ({ ...fix, before: documented(fix.before) })) };
}

describe('output formats for any record', () => {
  it('table: no control characters, one line per record, no line wider than the terminal', () => {
    fc.assert(
      fc.property(fc.array(anyRecord, { minLength: 1, maxLength: 4 }), width, palette, (records, columns, colours) => {
        const table = formatArticleTable(records, { width: columns, palette: colours });
        expect(controlsIn(table)).toEqual([]);
        const lines = table.replace(PALETTE_SGR, '').replace(/\n$/, '').split('\n');
        expect(lines).toHaveLength(records.length + 1);
        for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(Math.max(columns, 20));
      }),
      { numRuns: RUNS.outputTable, seed: FUZZ_SEED },
    );
  });

  it('csv: no control characters, one CRLF-ended line per record, every cell reads back', () => {
    fc.assert(
      fc.property(anyRecord, fc.constantFrom(DEFAULT_CSV_FIELDS, ['title', 'extra', 'fixes', 'images', 'related', 'body']), (record, fields) => {
        const header = formatCsvHeader(fields);
        const row = formatCsvRow(record, fields);
        expect(header.endsWith('\r\n') && row.endsWith('\r\n')).toBe(true);
        const line = row.slice(0, -2);
        expect(line).not.toMatch(/[\r\n]/);
        expect(controlsIn(line)).toEqual([]);
        const cells = parseCsvRow(line);
        // Text that would start a spreadsheet formula has a ' in front; numbers never do.
        expect(cells).toEqual(
          fields.map((field) => {
            const value = getPath(record, field);
            const text = sanitizeForTerminal(fieldText(value));
            return typeof value === 'number' ? text : spreadsheetSafe(text);
          }),
        );
      }),
      { numRuns: RUNS.outputCsv, seed: FUZZ_SEED },
    );
  });

  it('show view: no control characters but line feeds and the palette codes', () => {
    fc.assert(
      fc.property(anyRecord, width, palette, (record, columns, colours) => {
        const view = formatArticleView(record, { width: columns, palette: colours, now: NOW });
        expect(controlsIn(view)).toEqual([]);
      }),
      { numRuns: RUNS.outputShow, seed: FUZZ_SEED },
    );
  });

  it('json: list and show JSON parse back to the record and hold no raw invisible controls', () => {
    fc.assert(
      fc.property(anyRecord, (record) => {
        const line = formatRecordJson(record);
        const pretty = formatArticleJson(record);
        for (const json of [line, pretty]) {
          expect(json).not.toMatch(JSON_RAW_CONTROL);
          expect(controlsIn(json.replace(/\n$/, ''))).toEqual([]);
          expect(JSON.parse(json)).toEqual(asJsonReadsBack(record));
        }
        expect(line).not.toContain('\n');
      }),
      { numRuns: RUNS.outputJson, seed: FUZZ_SEED },
    );
  });

  it('a diagnostic is always one safe line', () => {
    const diagnostic: fc.Arbitrary<Diagnostic> = fc.record({
      path: anyText,
      line: fc.nat(100),
      column: fc.nat(100),
      code: fc.constantFrom('parse-error', 'unreadable'),
      message: anyText,
    });
    fc.assert(
      fc.property(diagnostic, (d) => {
        const line = formatDiagnosticLine(d);
        expect(line.endsWith('\n')).toBe(true);
        expect(line.slice(0, -1)).not.toContain('\n');
        expect(controlsIn(line.slice(0, -1))).toEqual([]);
      }),
      { numRuns: RUNS.outputDiagnostic, seed: FUZZ_SEED },
    );
  });
});
