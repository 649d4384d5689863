// The persistent record cache: results keyed by path, size, mtime, ctime and inode, in one file.
//
// File format (version 5):
//   a JSON header line `{"format":"feedtool-cache","version":5,"key":…,"endian":…}`;
//   the records: each article's record JSON, back to back (written as the run loads them);
//   the index: a JSON line `{"count":N,"sections":[…byte lengths…]}`, then five sections:
//     files    the N absolute paths, UTF-8, joined by NUL (a path cannot hold one);
//     shown    the N paths as shown, joined by NUL; empty when the same as the file's;
//     dates    the N articles' publishedDateTime, joined by NUL; empty for none;
//     numbers  N rows of 9 float64 (this machine's byte order): size, mtimeMs, ctimeMs, inode,
//              kind (0 article, 1 not an article), quality, heat (NaN for null), and the
//              record's offset and length in the file;
//     results  per entry one JSON line: an article's summary, or the whole result otherwise;
//   a trailer: the index's offset as a little-endian float64 (the last 8 bytes).
// A warm run reads only the index: the paths and numbers in a few bulk steps, the rest kept as
// bytes. A summary is parsed only when something reads more of it than its path, date, quality
// and heat (an unfiltered `list` never does), and a record is read from the file only when it
// is written out, so memory holds the index, not the records.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import { endianness, homedir } from 'node:os';
import path from 'node:path';
import { summarise, type ArticleSummary } from '../core/summary.js';
import type { Article } from '../core/types.js';
import { UsageError } from '../commands/process.js';
import { FileRecord, recordOf, resultPath, type LoadedResult, type RecordFile, type RecordJson } from './loaded.js';
import { RecordStore } from './record-store.js';

const FORMAT = 'feedtool-cache';
const RACY_WINDOW_MS = 2000;
// 2: records escape invisible controls in their JSON and normalise text to a fixed point; caches
// written before hold records that differ, so they are dropped. 3: hosts ending in a hex label.
// 4: sections. 5: records first, the index after them (the layout above).
const FORMAT_VERSION = 5;
const COLUMNS = 9;
const KIND_ARTICLE = 0;
const KIND_NOT_ARTICLE = 1;

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}


/** The cache key of a run: anything that changes results (version, options, taxonomy) goes in. */
export function cacheKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** Option sets whose caches are kept side by side under one default location. */
export const MAX_CACHE_VARIANTS = 4;

/** The file of one option set's cache under a default location: `<inputs hash>-<key hash>.cache`. */
export function variantLocation(location: string, key: string): string {
  return `${location.replace(/\.cache$/, '')}-${key.slice(0, 12)}.cache`;
}

/**
 * Marks a variant of a default location as just used and removes all but the most recently used
 * MAX_CACHE_VARIANTS of its siblings, so alternating options (`--search`, `--body`) each keep a
 * warm cache without the folder growing with every version or taxonomy change.
 */
export function pruneCacheVariants(location: string, current: string, now = new Date()): void {
  const dir = path.dirname(location);
  const prefix = `${path.basename(location).replace(/\.cache$/, '')}-`;
  try {
    utimesSync(current, now, now);
  } catch {
    // Not written (nothing cacheable): nothing to mark.
  }
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.startsWith(prefix) && name.endsWith('.cache'));
  } catch {
    return;
  }
  const variants: Array<{ file: string; used: number }> = [];
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      variants.push({ file, used: statSync(file).mtimeMs });
    } catch {
      // Removed meanwhile by another run.
    }
  }
  variants.sort((a, b) => b.used - a.used);
  for (const { file } of variants.slice(MAX_CACHE_VARIANTS)) {
    if (file === current) continue;
    try {
      rmSync(file, { force: true });
    } catch {
      // Not ours to delete (permissions, a directory of that name): left alone.
    }
  }
}

/** The default cache file for a set of inputs: under node_modules/.cache when present, else the user cache dir. */
export function defaultCacheLocation(inputs: readonly string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const id = cacheKey({ cwd, inputs: inputs.map((input) => path.resolve(cwd, input)) }).slice(0, 16);
  let base: string;
  try {
    if (statSync(path.join(cwd, 'node_modules')).isDirectory()) base = path.join(cwd, 'node_modules', '.cache', 'feedtool');
    else throw new Error('no node_modules');
  } catch {
    base = path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'feedtool');
  }
  return path.join(base, `${id}.cache`);
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

/**
 * An article summary read from the cache, for runs that read only its path, date, quality and
 * heat (which come with it); any other field is parsed from the cached line on first use. The
 * caller asks for eager summaries whenever it filters or sorts on more, so a damaged line is
 * then a cache miss; here, it falls back to summarising the cached record itself.
 */
export class CachedSummary implements ArticleSummary {
  private full: ArticleSummary | undefined;

  constructor(
    readonly path: string,
    readonly publishedDateTime: string | null,
    readonly quality: number | null,
    readonly heat: number | null,
    private readonly sections: Sections,
    private readonly index: number,
    private readonly record: Buffer | FileRecord,
    private readonly withExcerpt: boolean,
  ) {}

  private get rest(): ArticleSummary {
    this.full ??= parseSummaryLine(this.sections, this.index) ?? summarise(recordOf(this.record), this.withExcerpt);
    return this.full;
  }

  get id(): string {
    return this.rest.id;
  }
  get title(): string {
    return this.rest.title;
  }
  get excerpt(): string | null {
    return this.rest.excerpt;
  }
  get category(): string | null {
    return this.rest.category;
  }
  get type(): string | null {
    return this.rest.type;
  }
  get url(): string | null {
    return this.rest.url;
  }
  get provider(): ArticleSummary['provider'] {
    return this.rest.provider;
  }
  get topics(): string[] {
    return this.rest.topics;
  }
  get published(): boolean | null {
    return this.rest.published;
  }

  /** The plain summary, as JSON.stringify should see it. */
  toJSON(): ArticleSummary {
    return { ...this.rest, path: this.path, publishedDateTime: this.publishedDateTime, quality: this.quality, heat: this.heat };
  }
}

/** The index of a cache file, as read: decoded where a lookup needs it, bytes otherwise. */
interface Sections {
  /** The cache file, held open: records are read from it when needed (see FileRecord). */
  file: RecordFile;
  files: string[];
  shown: string[];
  dates: string[];
  numbers: Float64Array;
  lineEnds: Uint32Array;
  results: Buffer;
  /** The records, when read whole (a file of at most READ_WHOLE bytes); else null. */
  records: Buffer | null;
  /** Where the records start in the file. */
  recordsStart: number;
}

/**
 * Cache files up to this size are read whole: one read is faster than one per record. Larger
 * ones (about 30,000 articles and up) are read record by record as they are written out, so
 * memory holds the index, not hundreds of megabytes of records.
 */
export const READ_WHOLE = 128 * 1024 * 1024;

/** The JSON line of entry `index` in the results section. */
function lineAt(sections: Sections, index: number): Buffer {
  return sections.results.subarray(index === 0 ? 0 : sections.lineEnds[index - 1]! + 1, sections.lineEnds[index]);
}

function joinedList(bytes: Buffer, start: number, end: number, count: number): string[] {
  const list = count === 0 ? [] : bytes.toString('utf8', start, end).split('\0');
  if (list.length !== count) throw new Error('corrupt cache');
  return list;
}

/** Reads `length` bytes at `position`; throws if the file has fewer. */
function readExactly(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let read = 0;
  while (read < length) {
    const got = readSync(fd, buffer, read, length - read, position + read);
    if (got === 0) throw new Error('corrupt cache');
    read += got;
  }
  return buffer;
}

function headerOf(key: string): Buffer {
  return Buffer.from(`${JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, key, endian: endianness() })}\n`);
}

/** Reads a cache file's index (not its records); null for another format, key or machine; throws on damage. */
function readIndex(fd: number, location: string, key: string, readWhole: number): Sections | null {
  const size = fstatSync(fd).size;
  const expected = headerOf(key);
  if (size < expected.length + 8) return null;
  if (!readExactly(fd, 0, expected.length).equals(expected)) return null;
  const indexStart = readExactly(fd, size - 8, 8).readDoubleLE(0);
  if (!Number.isSafeInteger(indexStart) || indexStart < expected.length || indexStart > size - 8) throw new Error('corrupt cache');
  // The index line first, from a small window: a damaged trailer or index line is caught
  // before anything the size of the file is read.
  const indexLength = size - 8 - indexStart;
  const window = readExactly(fd, indexStart, Math.min(indexLength, INDEX_LINE_WINDOW));
  const lineEnd = window.indexOf(10);
  if (lineEnd === -1) throw new Error('corrupt cache');
  const index = JSON.parse(window.toString('utf8', 0, lineEnd)) as { count?: unknown; sections?: unknown };
  const count = index.count;
  const lengths = index.sections;
  if (!Number.isSafeInteger(count) || (count as number) < 0 || !Array.isArray(lengths) || lengths.length !== 5) throw new Error('corrupt cache');
  if (!lengths.every((length) => Number.isSafeInteger(length) && length >= 0)) throw new Error('corrupt cache');
  const n = count as number;
  const starts = [lineEnd + 1];
  for (const length of lengths as number[]) starts.push(starts[starts.length - 1]! + length);
  // Every entry has its row of numbers and a results line, and every path but the last its NUL.
  if (starts[5] !== indexLength || lengths[3] !== n * COLUMNS * 8 || lengths[4] < n || (n > 0 && lengths[0] < 2 * n - 1)) throw new Error('corrupt cache');
  const bytes = readExactly(fd, indexStart, indexLength);

  // Copied out so that the float64 view is aligned.
  const numbers = new Float64Array(n * COLUMNS);
  new Uint8Array(numbers.buffer).set(bytes.subarray(starts[3], starts[4]));
  // Each record must lie among the records, and together they may not come to more than the
  // records region: a damaged index cannot make a run write the same bytes over and over.
  let recordBytes = 0;
  for (let row = 0; row < numbers.length; row += COLUMNS) {
    const offset = numbers[row + 7]!;
    const length = numbers[row + 8]!;
    const kind = numbers[row + 4];
    if (kind === KIND_ARTICLE) {
      if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < expected.length || length < 2 || offset + length > indexStart) {
        throw new Error('corrupt cache');
      }
      recordBytes += length;
    } else if (kind !== KIND_NOT_ARTICLE) {
      throw new Error('corrupt cache');
    }
  }
  if (recordBytes > indexStart - expected.length) throw new Error('corrupt cache');
  const results = bytes.subarray(starts[4], starts[5]);
  const lineEnds = new Uint32Array(n);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const end = results.indexOf(10, at);
    if (end === -1) throw new Error('corrupt cache');
    lineEnds[i] = end;
    at = end + 1;
  }
  if (at !== results.length) throw new Error('corrupt cache');
  return {
    file: { fd, damaged: () => damagedCache(fd, location) },
    records: size <= readWhole ? readExactly(fd, expected.length, indexStart - expected.length) : null,
    recordsStart: expected.length,
    files: joinedList(bytes, starts[0]!, starts[1]!, n),
    shown: joinedList(bytes, starts[1]!, starts[2]!, n),
    dates: joinedList(bytes, starts[2]!, starts[3]!, n),
    numbers,
    lineEnds,
    results,
  };
}

/**
 * Stops the run over a cache file whose records turn out damaged when read (its index was
 * sound): removes the file, unless another run has replaced it meanwhile, so the next run
 * rebuilds it.
 */
function damagedCache(fd: number, location: string): never {
  try {
    if (fstatSync(fd).ino === statSync(location).ino) rmSync(location, { force: true });
  } catch {
    // Already gone, or not ours to remove.
  }
  throw new UsageError(`the cache file ${location} is damaged (or was changed while in use); it has been removed: run again, or use --no-cache`);
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

/** Where an entry's record lies: in the cache file read, or in the one being written. */
type RecordPlace = { from: 'previous' | 'next'; offset: number; length: number } | null;

/**
 * One entry of the next cache file: all it needs to write the index, and no more (not the
 * record, nor the summary object: a huge tree's worth of either would not stay flat in memory).
 */
interface Entry extends FileStamp {
  file: string;
  kind: number;
  shown: string;
  date: string | null;
  quality: number | null;
  heat: number | null;
  /** Where the entry came from in the cache file read (its JSON line is copied as it is), or -1. */
  cachedAt: number;
  /** The entry's JSON line, when it did not come from the cache file read: a handle in `lines`. */
  line: number;
  record: RecordPlace;
}

const WRITE_CHUNK = 1 << 20;
const INDEX_LINE_WINDOW = 4096;

// Temporary cache files this process is writing: removed if it exits before saving them (an
// exit on a closed pipe). A run killed by a signal (Ctrl-C) cannot clean up: signal handlers
// would only run once the synchronous loading is done, so Ctrl-C would no longer stop it at
// once. Its file is removed instead by the next run that writes the cache (removeAbandoned).
const unsaved = new Set<string>();
let exitHooked = false;

function removeUnsaved(): void {
  for (const file of unsaved) rmSync(file, { force: true });
  unsaved.clear();
}

function trackUnsaved(file: string): void {
  if (!exitHooked) {
    exitHooked = true;
    process.on('exit', removeUnsaved);
  }
  unsaved.add(file);
}

function untrackUnsaved(file: string): void {
  unsaved.delete(file);
}

/** Removes temporary files left beside a cache file by runs that were killed (their process is gone). */
function removeAbandoned(location: string): void {
  const dir = path.dirname(location);
  const base = path.basename(location);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(`${base}.`) || !name.endsWith('.tmp')) continue;
    const pid = Number(/^\.(\d+)\.(?:[0-9a-f]+\.)?tmp$/.exec(name.slice(base.length))?.[1]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid || isRunning(pid)) continue;
    rmSync(path.join(dir, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The next cache file, written as the run goes: the header, then each newly loaded record as it
 * comes (so records are never all held in memory), and at save the records kept from the
 * previous file, the index and the trailer. A temporary file until save renames it into place.
 */
class CacheWriter {
  private fd: number;
  private position = 0;
  private pending: Buffer[] = [];
  private pendingSize = 0;

  constructor(
    readonly temporary: string,
    header: Buffer,
  ) {
    mkdirSync(path.dirname(temporary), { recursive: true });
    // 'wx': a fresh file, never one that exists (nor a symlink planted there).
    this.fd = openSync(temporary, 'wx', 0o644);
    trackUnsaved(temporary);
    this.write(header);
  }

  /** Appends bytes; returns where they start. */
  write(bytes: Buffer): number {
    const at = this.position + this.pendingSize;
    this.pending.push(bytes);
    this.pendingSize += bytes.length;
    if (this.pendingSize >= WRITE_CHUNK) this.flush();
    return at;
  }

  flush(): void {
    if (this.pendingSize === 0) return;
    const bytes = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingSize);
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written, this.position + written);
    this.position += bytes.length;
    this.pending = [];
    this.pendingSize = 0;
  }

  /** Flushes, closes and moves the file into place (atomically: rename over the old one). */
  finish(location: string): void {
    this.flush();
    this.close();
    renameSync(this.temporary, location);
    untrackUnsaved(this.temporary);
  }

  /** Closes and removes the temporary file. */
  discard(): void {
    this.close();
    rmSync(this.temporary, { force: true });
    untrackUnsaved(this.temporary);
  }

  // Closes once: a second close could hit a descriptor another part of the process reopened.
  private close(): void {
    if (this.fd < 0) return;
    const fd = this.fd;
    this.fd = -1;
    closeSync(fd);
  }
}

/** Results of an earlier run, and the ones of this run to save. */
export class RecordCache {
  private sections: Sections | null = null;
  private readonly previous = new Map<string, number>();
  private readonly current = new Map<string, Entry>();
  private changed = false;
  private writer: CacheWriter | null = null;
  private writeFailed = false;
  // The JSON lines of new entries, until save: spilled to a temporary file on huge trees.
  private readonly lines = new RecordStore({ keepsEveryRecord: true });

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

  /** The cached result for a file whose stamp still matches and that is shown under the same path. */
  get(file: string, stamp: FileStamp, shown: string): LoadedResult | undefined {
    const index = this.previous.get(file);
    const sections = this.sections;
    if (index === undefined || sections === null) {
      this.changed = true;
      return undefined;
    }
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
    const article = result.kind === 'article';
    this.current.set(file, {
      file,
      size: stamp.size,
      mtimeMs: stamp.mtimeMs,
      ctimeMs: stamp.ctimeMs,
      ino: stamp.ino,
      kind: article ? KIND_ARTICLE : KIND_NOT_ARTICLE,
      shown: cachedShown,
      date: article ? sections.dates[index] || null : null,
      quality: article ? nullable(numbers[row + 5]!) : null,
      heat: article ? nullable(numbers[row + 6]!) : null,
      cachedAt: index,
      line: -1,
      record: article ? { from: 'previous', offset: numbers[row + 7]!, length: numbers[row + 8]! } : null,
    });
    return result;
  }

  private resultAt(sections: Sections, index: number, shown: string): LoadedResult {
    const row = index * COLUMNS;
    const kind = sections.numbers[row + 4];
    if (kind === KIND_ARTICLE) {
      const offset = sections.numbers[row + 7]!;
      const length = sections.numbers[row + 8]!;
      let json: Buffer | FileRecord;
      if (sections.records) {
        json = sections.records.subarray(offset - sections.recordsStart, offset - sections.recordsStart + length);
        if (json[0] !== 0x7b || json[length - 1] !== 0x7d) throw new Error('corrupt cache entry');
      } else {
        json = new FileRecord(sections.file, offset, length);
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
    this.changed = true;
    if (now - stamp.mtimeMs < RACY_WINDOW_MS || result.kind === 'error' || this.writeFailed) return;
    let record: RecordPlace = null;
    if (result.kind === 'article') {
      const writer = this.openWriter();
      if (writer === null) return;
      const bytes = toBytes(result.json);
      try {
        record = { from: 'next', offset: writer.write(bytes), length: bytes.length };
      } catch {
        this.abandonWriting();
        return;
      }
    }
    const summary = result.kind === 'article' ? result.summary : null;
    this.current.set(file, {
      file,
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
      cachedAt: -1,
      line: this.lines.add(JSON.stringify(summary ?? result)),
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
      this.copyPreviousRecords(writer);
      const count = this.current.size;
      const files: string[] = [];
      const shown: string[] = [];
      const dates: string[] = [];
      const numbers = new Float64Array(count * COLUMNS);
      let resultsLength = 0;
      let row = 0;
      for (const [file, entry] of this.current) {
        files.push(file);
        shown.push(entry.shown === file ? '' : entry.shown);
        dates.push(entry.date ?? '');
        numbers.set([entry.size, entry.mtimeMs, entry.ctimeMs, entry.ino, entry.kind, entry.quality ?? Number.NaN, entry.heat ?? Number.NaN], row);
        numbers.set(entry.record ? [entry.record.offset, entry.record.length] : [0, 0], row + 7);
        resultsLength += (entry.line >= 0 ? this.lines.lengthOf(entry.line) : lineAt(this.sections!, entry.cachedAt).length) + 1;
        row += COLUMNS;
      }
      const sections = [
        Buffer.from(files.join('\0')),
        Buffer.from(shown.join('\0')),
        Buffer.from(dates.join('\0')),
        Buffer.from(numbers.buffer, numbers.byteOffset, numbers.byteLength),
      ];
      const indexStart = writer.write(Buffer.from(`${JSON.stringify({ count, sections: [...sections.map((section) => section.length), resultsLength] })}\n`));
      for (const section of sections) writer.write(section);
      // The results lines are streamed, not gathered: on a huge tree they are tens of megabytes.
      for (const entry of this.current.values()) {
        const line = entry.line >= 0 ? this.lines.get(entry.line) : lineAt(this.sections!, entry.cachedAt);
        writer.write(typeof line === 'string' ? Buffer.from(line) : line);
        writer.write(NEWLINE);
      }
      const trailer = Buffer.alloc(8);
      trailer.writeDoubleLE(indexStart);
      writer.write(trailer);
      writer.finish(this.location);
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

  // Copies the records served from the previous file into the next one, reading it in order and
  // in large runs, and points their entries at the new places.
  private copyPreviousRecords(writer: CacheWriter): void {
    const sections = this.sections;
    if (sections === null) return;
    const kept = [...this.current.values()].filter((entry) => entry.record?.from === 'previous');
    kept.sort((a, b) => a.record!.offset - b.record!.offset);
    let i = 0;
    while (i < kept.length) {
      // A run of records that lie back to back in the previous file, up to WRITE_CHUNK bytes.
      const start = kept[i]!.record!.offset;
      let end = start + kept[i]!.record!.length;
      let j = i + 1;
      while (j < kept.length && kept[j]!.record!.offset === end && end - start < WRITE_CHUNK) {
        end += kept[j]!.record!.length;
        j++;
      }
      const bytes = sections.records
        ? sections.records.subarray(start - sections.recordsStart, end - sections.recordsStart)
        : readExactly(sections.file.fd, start, end - start);
      const at = writer.write(bytes);
      for (let k = i; k < j; k++) {
        const entry = kept[k]!;
        const { offset, length } = entry.record!;
        entry.record = { from: 'next', offset: at + (offset - start), length };
        // A damaged record is not carried into the next file: its file is read again next time.
        if (bytes[offset - start] !== 0x7b || bytes[offset - start + length - 1] !== 0x7d) this.current.delete(entry.file);
      }
      i = j;
    }
  }
}

const NEWLINE = Buffer.from('\n');

function toBytes(json: RecordJson): Buffer {
  if (json instanceof FileRecord) return json.bytes();
  return typeof json === 'string' ? Buffer.from(json) : json;
}
