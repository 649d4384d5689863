// `feedtool list`: filter, sort and print article records.
import { compareSortEntries, compileFilter, filtersNothing, sortEntryOf, type ArticleFilter, type ListQuery, type SortEntry, type SortKey } from '../core/query.js';
import {
  formatArticleTable,
  formatCsvHeader,
  formatCsvRow,
  formatRecordJson,
  summariesCover,
  type RecordView,
} from '../format/articles.js';
import type { ListFormat } from '../format/formats.js';
import { SORT_KEYS_WITHOUT_PARSING } from '../io/cache.js';
import { Output, type OutputCopy } from '../io/output.js';
import { recordOf, type RecordJson } from '../io/loaded.js';
import { RecordStore } from '../io/record-store.js';
import { outputWidth, paletteFor, UsageError, type CommandContext } from './context.js';
import { fieldsProblem, RECORD_FIELDS } from '../format/fields.js';
import { buildFilterAt, filterDuration, nowOption, type RawFilterOptions, type ReadOptions } from './options.js';
import { FEW_RECORDS, loadOptionsFor, NewestRead, plural, readArticleEntries, countText, readingExitCode, readingNotes, resolveTaxonomy, unknownTopicNotes, type ArticleEntry, type EntryOptions } from './shared.js';
import { cacheKey, pruneCacheVariants } from '../io/cache-location.js';
import { cacheFileFor, walkAndStamp, type Prewalk } from '../io/load.js';
import { closeSnapshot, continueAfter, MAX_SNAPSHOT_BYTES, openSnapshot, SnapshotRecorder, snapshotLocation, writeSnapshot, type Continuation, type Snapshot } from '../io/listing-snapshot.js';
import type { Taxonomy } from '../core/taxonomy.js';
import { sanitizeForTerminal } from '../core/text.js';

export interface ListFlags extends RawFilterOptions, ReadOptions {
  sort: SortKey;
  reverse?: boolean;
  limit?: number;
  format: ListFormat;
  json?: boolean;
  fields?: string[];
  body?: boolean;
  now?: string;
}

/** Writes records in a list format to stdout, streaming JSON, NDJSON and CSV record by record; `copy` gets every chunk too. */
export async function writeRecords(
  records: Iterable<RecordView>,
  format: ListFormat,
  fields: string[] | undefined,
  context: CommandContext,
  table?: Omit<Parameters<typeof formatArticleTable>[1], 'width' | 'palette' | 'fields'>,
  copy?: OutputCopy,
): Promise<void> {
  if (format === 'json' || format === 'ndjson') {
    await writeJsonLines(mapIterable(records, (record) => formatRecordJson(record, fields)), format, context, copy);
    return;
  }
  const out = outputFor(context, copy);
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
          palette: await paletteFor(context.stdout, context.env),
        }),
      );
    }
  }
  await out.flush();
}

function* mapIterable<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

// --now, which only a --since or --until duration counts back from: given without one, it would do nothing.
function listNow(flags: ListFlags, clock: Date): number | null {
  const relative = filterDuration(flags) !== null || [flags.since, flags.until].some((value) => value !== undefined && /^\s*now\s*$/i.test(value));
  if (flags.now !== undefined && !relative) throw new UsageError('--now only applies with a --since or --until duration (7d, 12h) or now: it is what they count from');
  return nowOption(flags.now, clock);
}

/** Runs `list` and returns the exit code. */
export async function runList(inputs: string[], flags: ListFlags, context: CommandContext): Promise<number> {
  const format: ListFormat = flags.json ? 'json' : flags.format;
  if (flags.fields) {
    // rank's own fields are named as rank's: `list --fields score` is a run of the wrong command.
    const ranks: Record<string, string> = { rank: 'feedtool rank', score: 'feedtool rank', log2Score: 'feedtool rank', scoreParts: 'feedtool rank --explain', duplicates: 'feedtool rank --dedupe' };
    const problem = fieldsProblem(flags.fields, flags.body ? [...RECORD_FIELDS, 'body'] : RECORD_FIELDS, flags.body ? ranks : { ...ranks, body: '--body' });
    if (problem) throw new UsageError(problem);
  }
  const query: ListQuery = {
    filter: buildFilterAt(flags, listNow(flags, context.now), context.now),
    sort: { key: flags.sort, reverse: flags.reverse },
    // 0 is no limit, as rank's --top 0 shows all: `--limit "${N:-0}"` in a script means every article.
    limit: flags.limit === 0 ? undefined : flags.limit,
  };
  const taxonomy = await resolveTaxonomy(inputs, flags, context);
  const keep = compileFilter(query.filter, taxonomy);
  // An unfiltered listing by one of these keys reads nothing of a cached summary that needs parsing.
  // A listing of summary fields only (the default table and CSV) is made from the summaries:
  // no record is made, read or parsed.
  const summariesOnly = summariesCover(format, flags.fields);
  const lazySummaries = !summariesOnly && filtersNothing(query.filter) && SORT_KEYS_WITHOUT_PARSING.includes(query.sort.key);
  const recordsOnDemand = !summariesOnly && query.limit !== undefined && query.limit <= FEW_RECORDS;
  const options = { ...flags, keepBody: flags.body, summaryExcerpt: query.filter.search !== undefined, lazySummaries, recordsOnDemand, summariesOnly };
  const request = { query, format, fields: flags.fields ?? null, clockDependent: filterDependsOnClock(flags, query.filter) };
  const snapshot = await openListingSnapshot(inputs, options, taxonomy, request, context);
  let listingContext = context;
  let continuation: Continuation | null = null;
  if (snapshot.found) {
    const written = await writeSnapshot(snapshot.found, context.stdout);
    if (written === snapshot.found.length) {
      // The run's own notes, unless the file was tampered with: cleaned like any text from a file.
      context.stderr.write(sanitizeForTerminal(snapshot.found.stderr, { keepNewlines: true }));
      return 0;
    }
    // Damaged from `written` on (nothing that failed its check was written): the listing is
    // made afresh, and written from that point on.
    continuation = continueAfter(snapshot.found, written, context.stdout);
    listingContext = { ...context, stdout: continuation.stream };
  }
  // Only summaries stay in memory for sorting; records wait in a store that spills to disk.
  const store = new RecordStore({ keepsEveryRecord: filtersNothing(query.filter) });
  let recorder: SnapshotRecorder | null = null;
  let exitCode = 0;
  try {
    // Per matching article only its sort key and path stay, not its summary (and, for records
    // made on demand, the file to make it from and a digest of its summary): flat memory on huge trees.
    const matched: Array<SortEntry & { handle: number; view?: object }> = [];
    // A listing of summary fields keeps, per matching article, what it will write: for a table,
    // the summary itself (a table holds every row anyway); for CSV and JSON, the output line,
    // formatted at once, unless only a few of many articles are shown (then the summary's JSON).
    const linesAtOnce = summariesOnly && format !== 'table' && (query.limit === undefined || query.limit > FEW_RECORDS);
    const stored = (entry: ArticleEntry): RecordJson => {
      if (!summariesOnly) return entry.json;
      if (!linesAtOnce) return JSON.stringify(entry.summary);
      return format === 'csv' ? formatCsvRow(entry.summary, flags.fields) : formatRecordJson(entry.summary, flags.fields);
    };
    const newestRead = new NewestRead(flags, flags.now !== undefined);
    const summary = await readArticleEntries(inputs, { ...options, prewalked: snapshot.prewalked, digestWalk: snapshot.location !== null }, taxonomy, context, (entry) => {
      if (newestRead.watching) newestRead.see(entry.summary.publishedDateTime);
      if (keep(entry.summary)) {
        const sortEntry = sortEntryOf(entry.summary, query.sort.key);
        if (summariesOnly && format === 'table') matched.push({ value: sortEntry.value, path: sortEntry.path, handle: -1, view: entry.summary });
        else matched.push({ value: sortEntry.value, path: sortEntry.path, handle: store.add(stored(entry)) });
      }
    });
    matched.sort(compareSortEntries(query.sort));
    const shown = query.limit !== undefined ? matched.slice(0, query.limit) : matched;
    // Records made on demand are all made before any is written: a file found changed then stops
    // the run before it has written half a listing.
    const lines = recordsOnDemand ? shown.map((entry) => store.get(entry.handle)) : mapIterable(shown, (entry) => store.get(entry.handle));
    const walk = summary.stats?.walk;
    // A listing read without problems from a walk that can be told again is kept (see
    // listing-snapshot.ts), unless its records alone come to more than a snapshot may hold.
    if (snapshot.location && walk?.digest && summary.problems === 0 && recordBytesOf(shown, store) <= MAX_SNAPSHOT_BYTES) {
      recorder = SnapshotRecorder.start(snapshot.location);
    }
    const copy = recorder ?? undefined;
    if (format === 'table' && summariesOnly) await writeRecords(shown.map((entry) => entry.view!), format, flags.fields, listingContext, undefined, copy);
    else if (format === 'csv' && linesAtOnce) await writeCsvLines(lines, flags.fields, listingContext, copy);
    else if ((format === 'json' || format === 'ndjson') && (!flags.fields?.length || linesAtOnce)) await writeJsonLines(lines, format, listingContext, copy);
    else await writeRecords(mapIterable(lines, recordOf), format, flags.fields, listingContext, undefined, copy);
    if (continuation?.diverged()) {
      throw new UsageError('the files changed while the listing was written (its first part came from a damaged listing snapshot, now removed): run again');
    }
    const count = shown.length < matched.length ? `${plural(shown.length, 'article')} shown of ${countText(matched.length)} matching` : plural(shown.length, 'article');
    const window = newestRead.note(matched.length, query.filter.since, context.now) ?? '';
    const notes = `${unknownTopicNotes(query.filter.topics, taxonomy, matched.length).join('')}${window}${[count, ...readingNotes(summary, flags.verbose)].join(', ')}\n`;
    context.stderr.write(notes);
    if (recorder && walk?.digest) recorder.finish(snapshot.key, walk.digest, walk.newestChangeMs, notes, walk.stampedAtMs);
    exitCode = readingExitCode(summary);
  } finally {
    recorder?.discard();
    store.close();
  }
  return exitCode;
}

// What the entries keep in the store comes to (entries kept outside it, a table's rows, count nothing).
function recordBytesOf(entries: ReadonlyArray<{ handle: number }>, store: RecordStore): number {
  let total = 0;
  for (const entry of entries) if (entry.handle >= 0) total += store.lengthOf(entry.handle);
  return total;
}

/** What a listing depends on beyond the files themselves: the request as plain data. */
interface ListingRequest {
  query: ListQuery;
  format: ListFormat;
  fields: string[] | null;
  /** True when the filter depends on the clock (`--since 7d`): no snapshot could ever be used again. */
  clockDependent: boolean;
}

/** True when the filter these flags give depends on the clock (a relative or `now` time, here or in --now). */
function filterDependsOnClock(flags: RawFilterOptions & { now?: string }, filter: ArticleFilter): boolean {
  if (flags.since === undefined && flags.until === undefined) return false;
  try {
    const epoch = new Date(0);
    return JSON.stringify(buildFilterAt(flags, nowOption(flags.now, epoch), epoch)) !== JSON.stringify(filter);
  } catch {
    return true;
  }
}

/**
 * The listing snapshot for this request, when the cache is on: `found` when one exists for the
 * same request and the same walk (every file's paths and stamp unchanged), else where to record
 * one (`location`; none for the table, whose output depends on the terminal, for --verbose,
 * whose notes differ from run to run, and for standard input) and the walk done to check it,
 * which the loader then uses instead of walking again.
 */
async function openListingSnapshot(
  inputs: readonly string[],
  options: EntryOptions,
  taxonomy: Taxonomy | null,
  request: ListingRequest,
  context: CommandContext,
): Promise<{ found: Snapshot | null; location: string | null; key: string; prewalked?: Prewalk }> {
  const none = { found: null, location: null, key: '' };
  if (request.format === 'table' || options.verbose || inputs.includes('-') || request.clockDependent) return none;
  const loadOptions = loadOptionsFor(inputs, options, taxonomy, context);
  const cached = cacheFileFor(loadOptions);
  if (cached === null) return none;
  const location = snapshotLocation(cached.file);
  const key = cacheKey({ cache: cached.key, request, inputs, ignore: options.ignore ?? [], cwd: process.cwd() });
  const existing = openSnapshot(location, key);
  if (existing === null) return { found: null, location, key };
  const prewalked = await walkAndStamp(inputs, options.ignore, options.jobs);
  if (prewalked.walk.digest === existing.digest) {
    // Used: the cache file it belongs to counts as used too (see pruneCacheVariants).
    if (loadOptions.cacheVariants && loadOptions.cacheLocation) pruneCacheVariants(loadOptions.cacheLocation, cached.file);
    return { found: existing, location, key, prewalked };
  }
  closeSnapshot(existing);
  return { found: null, location, key, prewalked };
}

function outputFor(context: CommandContext, copy: OutputCopy | undefined): Output {
  const out = new Output(context.stdout);
  return copy ? out.copyTo(copy) : out;
}

/** Writes CSV rows already formatted, after the header row; `copy` gets every chunk too. */
async function writeCsvLines(rows: Iterable<string | Buffer>, fields: string[] | undefined, context: CommandContext, copy?: OutputCopy): Promise<void> {
  const out = outputFor(context, copy);
  await out.write(formatCsvHeader(fields));
  for (const row of rows) await out.write(row);
  await out.flush();
}

/** Writes records already serialised as JSON: one array, or one per line; `copy` gets every chunk too. */
export async function writeJsonLines(
  lines: Iterable<string | Buffer>,
  format: 'json' | 'ndjson',
  context: CommandContext,
  copy?: OutputCopy,
): Promise<void> {
  const out = outputFor(context, copy);
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
