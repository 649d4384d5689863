// `feedtool list`: filter, sort and print article records.
import { compareSortEntries, compileFilter, filtersNothing, sortEntryOf, type ListQuery, type SortEntry, type SortKey } from '../core/query.js';
import {
  formatArticleTable,
  formatCsvHeader,
  formatCsvRow,
  formatRecordJson,
  type RecordView,
} from '../format/articles.js';
import type { ListFormat } from '../format/formats.js';
import { SORT_KEYS_WITHOUT_PARSING } from '../io/cache.js';
import { Output } from '../io/output.js';
import { recordOf } from '../io/loaded.js';
import { RecordStore } from '../io/record-store.js';
import { outputWidth, paletteFor, type CommandContext } from './context.js';
import { buildFilter, type RawFilterOptions, type ReadOptions } from './options.js';
import { FEW_RECORDS, plural, readArticleEntries, readingNotes, resolveTaxonomy } from './shared.js';

export interface ListFlags extends RawFilterOptions, ReadOptions {
  sort: SortKey;
  reverse?: boolean;
  limit?: number;
  format: ListFormat;
  json?: boolean;
  fields?: string[];
  body?: boolean;
}

/** Writes records in a list format to stdout, streaming JSON, NDJSON and CSV record by record. */
export async function writeRecords(
  records: Iterable<RecordView>,
  format: ListFormat,
  fields: string[] | undefined,
  context: CommandContext,
  table?: Omit<Parameters<typeof formatArticleTable>[1], 'width' | 'palette' | 'fields'>,
): Promise<void> {
  if (format === 'json' || format === 'ndjson') {
    await writeJsonLines(mapIterable(records, (record) => formatRecordJson(record, fields)), format, context);
    return;
  }
  const out = new Output(context.stdout);
  if (format === 'csv') {
    await out.write(formatCsvHeader(fields));
    for (const record of records) await out.write(formatCsvRow(record, fields));
  } else {
    // A table needs every row to size its columns.
    const rows = [...records];
    if (rows.length > 0) {
      await out.write(
        formatArticleTable(rows, {
          ...table,
          fields,
          width: outputWidth(context.stdout, context.env),
          palette: paletteFor(context.stdout, context.env),
        }),
      );
    }
  }
  await out.flush();
}

function* mapIterable<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

/** Runs `list` and returns the exit code. */
export async function runList(inputs: string[], flags: ListFlags, context: CommandContext): Promise<number> {
  const format: ListFormat = flags.json ? 'json' : flags.format;
  const query: ListQuery = {
    filter: buildFilter(flags, context.now),
    sort: { key: flags.sort, reverse: flags.reverse },
    limit: flags.limit,
  };
  const taxonomy = await resolveTaxonomy(inputs, flags, context);
  const keep = compileFilter(query.filter, taxonomy);
  // Only summaries stay in memory for sorting; records wait in a store that spills to disk.
  const store = new RecordStore({ keepsEveryRecord: filtersNothing(query.filter) });
  try {
    // Per matching article only its sort key and path stay, not its summary (and, for records
    // made on demand, the file to make it from and a digest of its summary): flat memory on huge trees.
    const matched: Array<SortEntry & { handle: number }> = [];
    // An unfiltered listing by one of these keys reads nothing of a cached summary that needs parsing.
    const lazySummaries = filtersNothing(query.filter) && SORT_KEYS_WITHOUT_PARSING.includes(query.sort.key);
    const recordsOnDemand = query.limit !== undefined && query.limit <= FEW_RECORDS;
    const options = { ...flags, keepBody: flags.body, summaryExcerpt: query.filter.search !== undefined, lazySummaries, recordsOnDemand };
    const summary = await readArticleEntries(inputs, options, taxonomy, context, (entry) => {
      if (keep(entry.summary)) {
        const sortEntry = sortEntryOf(entry.summary, query.sort.key);
        matched.push({ value: sortEntry.value, path: sortEntry.path, handle: store.add(entry.json) });
      }
    });
    matched.sort(compareSortEntries(query.sort));
    const shown = query.limit !== undefined ? matched.slice(0, query.limit) : matched;
    // Records made on demand are all made before any is written: a file found changed then stops
    // the run before it has written half a listing.
    const records = recordsOnDemand ? shown.map((entry) => store.get(entry.handle)) : mapIterable(shown, (entry) => store.get(entry.handle));
    if ((format === 'json' || format === 'ndjson') && !flags.fields?.length) await writeJsonLines(records, format, context);
    else await writeRecords(mapIterable(records, recordOf), format, flags.fields, context);
    const count = shown.length < matched.length ? `${plural(shown.length, 'article')} shown of ${matched.length} matching` : plural(shown.length, 'article');
    context.stderr.write(`${[count, ...readingNotes(summary, flags.verbose)].join(', ')}\n`);
  } finally {
    store.close();
  }
  return 0;
}

/** Writes records already serialised as JSON: one array, or one per line. */
export async function writeJsonLines(lines: Iterable<string | Buffer>, format: 'json' | 'ndjson', context: CommandContext): Promise<void> {
  const out = new Output(context.stdout);
  if (format === 'json') {
    await out.write('[');
    let first = true;
    for (const line of lines) {
      if (!first) await out.write(',\n');
      first = false;
      await out.write(line);
    }
    await out.write(']\n');
  } else {
    for (const line of lines) {
      await out.write(line);
      await out.write('\n');
    }
  }
  await out.flush();
}
