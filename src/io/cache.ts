// The persistent record cache: results keyed by path, size, mtime, ctime and inode, in one file
// (its format: cache-file.ts). A warm run serves records of unchanged files from it.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import type { SortKey } from '../core/query.js';
import type { ArticleSummary } from '../core/summary.js';
import {
  CacheWriter,
  CHECKSUM_COLUMN,
  COLUMNS,
  headerOf,
  KIND_ARTICLE,
  KIND_NOT_ARTICLE,
  lineAt,
  MAX_RESULT_LINE,
  READ_WHOLE,
  readExactly,
  readIndex,
  removeAbandoned,
  removeDamagedCache,
  WRITE_CHUNK,
  type Sections,
} from './cache-file.js';
import { crc32 } from './checksum.js';
import { DeferredRecord, FileRecord, recordIntact, resultPath, SortKeySummary, type FileRef, type LoadedResult, type RecordJson } from './loaded.js';
import { RecordStore } from './record-store.js';
import { changedTooRecently, lastChangeMs } from './stamps.js';

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

const nullable = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** True for a parsed value shaped like an article summary (a cache line may be damaged). */
function isSummary(value: unknown): value is ArticleSummary {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  const text = (x: unknown): boolean => x === null || typeof x === 'string';
  const number = (x: unknown): boolean => x === null || typeof x === 'number';
  const provider = s.provider as Record<string, unknown> | null;
  return (
    typeof s.id === 'string' && typeof s.path === 'string' && typeof s.title === 'string' && text(s.excerpt) && text(s.category) &&
    text(s.type) && text(s.publishedDateTime) && text(s.url) && number(s.quality) && number(s.heat) &&
    (s.published === null || typeof s.published === 'boolean') && Array.isArray(s.topics) && s.topics.every((t) => typeof t === 'string') &&
    typeof provider === 'object' && provider !== null && text(provider.name) && text(provider.domain)
  );
}

/** Parses entry `index`'s summary line; null when it is damaged. */
function parseSummaryLine(sections: Sections, index: number): ArticleSummary | null {
  try {
    const parsed: unknown = JSON.parse(lineAt(sections, index).toString('utf8'));
    return isSummary(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** The sort keys whose values a CachedSummary holds without parsing (date, quality, heat, path). */
export const SORT_KEYS_WITHOUT_PARSING: readonly SortKey[] = ['date', 'quality', 'heat', 'path'];

/**
 * An article summary read from the cache for a run that reads only its path, date, quality and
 * heat (see SortKeySummary). Any other field is parsed from the cached summary line; the caller
 * asks for eager summaries whenever it filters or sorts on more, so a damaged line is then a
 * cache miss, and here it falls back to summarising the cached record itself.
 */
export class CachedSummary extends SortKeySummary {
  constructor(
    path: string,
    publishedDateTime: string | null,
    quality: number | null,
    heat: number | null,
    private readonly sections: Sections,
    private readonly index: number,
    record: Buffer | FileRecord,
    withExcerpt: boolean,
  ) {
    super(path, publishedDateTime, quality, heat, record, withExcerpt);
  }

  protected override summariseRecord(): ArticleSummary {
    return parseSummaryLine(this.sections, this.index) ?? super.summariseRecord();
  }
}

/** How the run reads what the cache gives. */
export interface CacheReading {
  /**
   * True when the run reads nothing of a summary but its path, date, quality and heat (an
   * unfiltered list sorted by one of them): summaries are then parsed only if ever read.
   * Otherwise each is parsed and checked as it is served, and a damaged one is a cache miss.
   */
  lazySummaries: boolean;
  /** Whether summaries keep the excerpt (part of the cache key too). */
  summaryExcerpt: boolean;
  /** Read files up to this many bytes whole (default READ_WHOLE). */
  readWhole?: number;
}

/**
 * A new entry of the next cache file (a file read in this run): all it needs to write the index,
 * and no more (not the record, nor the summary object: a huge tree's worth of either would not
 * stay flat in memory).
 */
interface Entry extends FileStamp {
  kind: number;
  shown: string;
  date: string | null;
  quality: number | null;
  heat: number | null;
  /** The entry's JSON line: a handle in `lines`. */
  line: number;
  /** Where its record lies in the next cache file, and its CRC-32, if it is an article. */
  record: { offset: number; length: number; checksum: number } | null;
}

/** Results of an earlier run, and the ones of this run to save. */
export class RecordCache {
  private sections: Sections | null = null;
  private readonly previous = new Map<string, number>();
  // The next cache file's entries by file: a new Entry, or (served unchanged from the file read)
  // its index there, so that a warm run keeps no object per file for the cache.
  private readonly current = new Map<string, Entry | number>();
  private changed = false;
  private writer: CacheWriter | null = null;
  private writeFailed = false;
  // The JSON lines of new entries, until save: spilled to a temporary file on huge trees.
  private readonly lines = new RecordStore({ keepsEveryRecord: true });

  /** True when the next cache file could not be written (its folder cannot be made, a full disk). */
  get notWritten(): boolean {
    return this.writeFailed;
  }

  private constructor(
    readonly location: string,
    private readonly key: string,
    private readonly reading: CacheReading,
  ) {}

  /**
   * Opens a cache file; a missing, corrupt or foreign file gives an empty cache, never an error.
   * The file stays open until the process ends: records served from it are read when written out,
   * which can be after this run has replaced the file (the open descriptor still reads the old one).
   */
  static open(location: string, key: string, reading: CacheReading = { lazySummaries: false, summaryExcerpt: true }): RecordCache {
    const cache = new RecordCache(location, key, reading);
    let fd: number;
    try {
      fd = openSync(location, constants.O_RDONLY | constants.O_NONBLOCK);
      if (!fstatSync(fd).isFile()) {
        closeSync(fd);
        return cache;
      }
    } catch {
      return cache;
    }
    try {
      cache.sections = readIndex(fd, location, key, reading.readWhole ?? READ_WHOLE);
      const files = cache.sections?.files ?? [];
      for (let i = 0; i < files.length; i++) cache.previous.set(files[i]!, i);
    } catch {
      cache.sections = null;
      cache.previous.clear();
    }
    // Kept open only while records are to be read from it.
    if (cache.sections === null || cache.sections.records !== null) closeSync(fd);
    return cache;
  }

  /** True when records are read from the cache file as they are written out (a file too large to read whole). */
  get readsRecordsLate(): boolean {
    return this.sections !== null && this.sections.records === null;
  }

  /**
   * Lets a record found damaged only when it is read (in a file read record by record) be made
   * again from its source file with `load`, instead of stopping the run; the cache file is then
   * removed so that the next run rebuilds it. The article made must have exactly the summary
   * the cache holds for it (what the run filtered and sorted by); if not, the run stops as before.
   */
  remakeDamagedRecordsWith(load: (ref: FileRef) => LoadedResult, onRemade?: (location: string) => void): void {
    const sections = this.sections;
    if (sections === null || sections.records !== null) return;
    const recordFile = sections.file;
    const stop = recordFile.damaged;
    recordFile.damaged = (record) => {
      const index = record.entry;
      if (index >= 0 && index < sections.files.length) {
        const file = sections.files[index]!;
        const result = load({ file, shown: sections.shown[index] || file });
        if (result.kind === 'article' && lineAt(sections, index).equals(Buffer.from(JSON.stringify(result.summary)))) {
          removeDamagedCache(recordFile.fd, this.location);
          onRemade?.(this.location);
          return toBytes(result.json);
        }
      }
      return stop(record);
    };
  }

  /** The cached result for a file whose stamp still matches and that is shown under the same path. */
  get(file: string, stamp: FileStamp, shown: string): LoadedResult | undefined {
    const index = this.previous.get(file);
    const sections = this.sections;
    // Not there is no change by itself: what set records then is (a broken file, never kept,
    // must not make every warm run write the cache again).
    if (index === undefined || sections === null) return undefined;
    const row = index * COLUMNS;
    const numbers = sections.numbers;
    if (numbers[row] !== stamp.size || numbers[row + 1] !== stamp.mtimeMs || numbers[row + 2] !== stamp.ctimeMs || numbers[row + 3] !== stamp.ino) {
      this.changed = true;
      return undefined;
    }
    const cachedShown = sections.shown[index] || file;
    if (cachedShown !== shown) {
      this.changed = true;
      return undefined;
    }
    let result: LoadedResult;
    try {
      result = this.resultAt(sections, index, cachedShown);
    } catch {
      this.changed = true;
      return undefined;
    }
    this.current.set(file, index);
    return result;
  }

  private resultAt(sections: Sections, index: number, shown: string): LoadedResult {
    const row = index * COLUMNS;
    const kind = sections.numbers[row + 4];
    if (kind === KIND_ARTICLE) {
      const offset = sections.numbers[row + 7]!;
      const length = sections.numbers[row + 8]!;
      let json: Buffer | FileRecord;
      const checksum = sections.numbers[row + CHECKSUM_COLUMN]!;
      if (sections.records) {
        json = sections.records.subarray(offset - sections.recordsStart, offset - sections.recordsStart + length);
        if (!recordIntact(json, checksum)) throw new Error('corrupt cache entry');
      } else {
        json = new FileRecord(sections.file, offset, length, checksum, index);
      }
      if (this.reading.lazySummaries) {
        const summary = new CachedSummary(shown, sections.dates[index] || null, nullable(sections.numbers[row + 5]!), nullable(sections.numbers[row + 6]!), sections, index, json, this.reading.summaryExcerpt);
        return { kind: 'article', summary, json };
      }
      const summary = parseSummaryLine(sections, index);
      if (summary === null || summary.path !== shown) throw new Error('corrupt cache entry');
      return { kind: 'article', summary, json };
    }
    const result = JSON.parse(lineAt(sections, index).toString('utf8')) as LoadedResult;
    if (result?.kind !== 'not-article' || typeof result.reason !== 'string' || resultPath(result) !== shown) throw new Error('corrupt cache entry');
    return result;
  }

  /**
   * Records this run's result for a file, unless the file was modified too recently to trust its
   * stamp: a same-size rewrite within the file system's timestamp granularity (up to 2 s on some)
   * would keep size, mtime, ctime and inode, so such a file is simply read again next time.
   * Only articles and documents that are not articles are kept; problems are looked at again.
   * An article's record goes to the next cache file at once, not into memory.
   */
  set(file: string, stamp: FileStamp, result: LoadedResult, now = Date.now()): void {
    // Nothing kept is no change: a tree with broken files is not written again on every warm
    // run (an entry dropped shows in the count of entries, see save).
    if (changedTooRecently(lastChangeMs(stamp), now) || result.kind === 'error' || this.writeFailed) return;
    const summary = result.kind === 'article' ? result.summary : null;
    const line = JSON.stringify(summary ?? result);
    // A line the reader would take for damage (a huge title, say): that file is read every time.
    if (line.length > MAX_RESULT_LINE / 3 && Buffer.byteLength(line) > MAX_RESULT_LINE) return;
    let record: Entry['record'] = null;
    if (result.kind === 'article') {
      const writer = this.openWriter();
      if (writer === null) return;
      const bytes = toBytes(result.json);
      try {
        record = { offset: writer.write(bytes), length: bytes.length, checksum: crc32(bytes) };
      } catch {
        this.abandonWriting();
        return;
      }
    }
    this.changed = true;
    this.current.set(file, {
      size: stamp.size,
      mtimeMs: stamp.mtimeMs,
      ctimeMs: stamp.ctimeMs,
      ino: stamp.ino,
      kind: summary ? KIND_ARTICLE : KIND_NOT_ARTICLE,
      // The walk's string when they agree: one string per file, not two, on huge trees.
      shown: resultPath(result) === file ? file : resultPath(result),
      date: summary?.publishedDateTime ?? null,
      quality: summary?.quality ?? null,
      heat: summary?.heat ?? null,
      line: this.lines.add(line),
      record,
    });
  }

  private openWriter(): CacheWriter | null {
    if (this.writer === null && !this.writeFailed) {
      try {
        removeAbandoned(this.location);
        this.writer = new CacheWriter(`${this.location}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`, headerOf(this.key));
      } catch {
        this.writeFailed = true;
      }
    }
    return this.writer;
  }

  private abandonWriting(): void {
    this.writeFailed = true;
    this.writer?.discard();
    this.writer = null;
  }

  /**
   * Writes the cache when anything changed: the records kept from the previous file are copied
   * over in their order there, then the index and trailer go after the records, and the finished
   * file is renamed over the old one (atomically). Never throws: a cache that cannot be written is
   * simply not updated.
   */
  save(): void {
    if (!this.changed && this.current.size === this.previous.size) {
      this.discard();
      return;
    }
    try {
      const writer = this.openWriter();
      if (writer === null) return;
      // Where each record served from the file read now lies in the next one.
      const moved = this.copyPreviousRecords(writer);
      const previous = this.sections;
      const count = this.current.size;
      const files: string[] = [];
      const shown: string[] = [];
      const dates: string[] = [];
      const numbers = new Float64Array(count * COLUMNS);
      let resultsLength = 0;
      let row = 0;
      for (const [file, entry] of this.current) {
        files.push(file);
        if (typeof entry === 'number') {
          // Served unchanged: its row of the file read, with the record's new place.
          shown.push(previous!.shown[entry]!);
          dates.push(previous!.dates[entry]!);
          numbers.set(previous!.numbers.subarray(entry * COLUMNS, entry * COLUMNS + 7), row);
          const at = moved[entry]!;
          numbers.set(Number.isNaN(at) ? [0, 0, 0] : [at, previous!.numbers[entry * COLUMNS + 8]!, previous!.numbers[entry * COLUMNS + CHECKSUM_COLUMN]!], row + 7);
          resultsLength += lineAt(previous!, entry).length + 1;
        } else {
          shown.push(entry.shown === file ? '' : entry.shown);
          dates.push(entry.date ?? '');
          numbers.set([entry.size, entry.mtimeMs, entry.ctimeMs, entry.ino, entry.kind, entry.quality ?? Number.NaN, entry.heat ?? Number.NaN], row);
          numbers.set(entry.record ? [entry.record.offset, entry.record.length, entry.record.checksum] : [0, 0, 0], row + 7);
          resultsLength += this.lines.lengthOf(entry.line) + 1;
        }
        row += COLUMNS;
      }
      const sections = [
        Buffer.from(files.join('\0')),
        Buffer.from(shown.join('\0')),
        Buffer.from(dates.join('\0')),
        Buffer.from(numbers.buffer, numbers.byteOffset, numbers.byteLength),
      ];
      // The results lines are not gathered (on a huge tree they are tens of megabytes): they are
      // gone through twice, once for the checksum the index line opens with, once to write them.
      const { current, lines } = this;
      const resultLines = function* (): Generator<Buffer> {
        for (const entry of current.values()) {
          const line = typeof entry === 'number' ? lineAt(previous!, entry) : lines.get(entry.line);
          yield typeof line === 'string' ? Buffer.from(line) : line;
        }
      };
      let checksum = 0;
      for (const section of sections) checksum = crc32(section, checksum);
      for (const line of resultLines()) checksum = crc32(NEWLINE, crc32(line, checksum));
      const indexStart = writer.write(Buffer.from(`${JSON.stringify({ count, sections: [...sections.map((section) => section.length), resultsLength], checksum })}\n`));
      for (const section of sections) writer.write(section);
      for (const line of resultLines()) {
        writer.write(line);
        writer.write(NEWLINE);
      }
      writer.finishWithOffset(indexStart, this.location);
      this.writer = null;
    } catch {
      this.abandonWriting();
    }
  }

  /** Removes the next cache file if it was started but not saved (a run that stopped early). */
  discard(): void {
    this.writer?.discard();
    this.writer = null;
    this.lines.close();
  }

  // Copies the records served from the file read into the next one, reading it in order and in
  // large runs. Returns, per entry of the file read, where its record now lies (NaN: not copied).
  // A damaged record is not carried over: its entry is dropped, so its file is read again next time.
  private copyPreviousRecords(writer: CacheWriter): Float64Array {
    const sections = this.sections;
    if (sections === null) return new Float64Array(0);
    const numbers = sections.numbers;
    const moved = new Float64Array(sections.files.length).fill(Number.NaN);
    const kept: number[] = [];
    for (const entry of this.current.values()) {
      if (typeof entry === 'number' && numbers[entry * COLUMNS + 4] === KIND_ARTICLE) kept.push(entry);
    }
    const offsetOf = (index: number): number => numbers[index * COLUMNS + 7]!;
    const lengthOf = (index: number): number => numbers[index * COLUMNS + 8]!;
    kept.sort((a, b) => offsetOf(a) - offsetOf(b));
    let i = 0;
    while (i < kept.length) {
      // A run of records that lie back to back in the file read, up to WRITE_CHUNK bytes.
      const start = offsetOf(kept[i]!);
      let end = start + lengthOf(kept[i]!);
      let j = i + 1;
      while (j < kept.length && offsetOf(kept[j]!) === end && end - start < WRITE_CHUNK) {
        end += lengthOf(kept[j]!);
        j++;
      }
      const bytes = sections.records
        ? sections.records.subarray(start - sections.recordsStart, end - sections.recordsStart)
        : readExactly(sections.file.fd, start, end - start);
      const at = writer.write(bytes);
      for (let k = i; k < j; k++) {
        const index = kept[k]!;
        const offset = offsetOf(index) - start;
        // Records read whole were checked when served (resultAt); those read late are checked here.
        const record = bytes.subarray(offset, offset + lengthOf(index));
        if (!sections.records && !recordIntact(record, numbers[index * COLUMNS + CHECKSUM_COLUMN]!)) this.current.delete(sections.files[index]!);
        else moved[index] = at + offset;
      }
      i = j;
    }
    return moved;
  }
}

const NEWLINE = Buffer.from('\n');

function toBytes(json: RecordJson): Buffer {
  if (json instanceof DeferredRecord) return json.bytes();
  return typeof json === 'string' ? Buffer.from(json) : json;
}
