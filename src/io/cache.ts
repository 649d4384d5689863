// The persistent record cache: results keyed by path, size, mtime, ctime and inode, in one file.
//
// File format (version 4): a JSON header line `{"format":"feedtool-cache","version":4,"key":…,
// "count":N,"sections":[…byte lengths…]}`, then six sections back to back:
//   files    the N absolute paths, UTF-8, joined by NUL (a path cannot hold one);
//   shown    the N paths as shown, joined by NUL; empty when the same as the file's;
//   dates    the N articles' publishedDateTime, joined by NUL; empty for none;
//   numbers  N rows of 8 float64 (this machine's byte order): size, mtimeMs, ctimeMs, inode,
//            kind (0 article, 1 not an article), quality, heat (NaN for null), record length;
//   results  per entry one JSON line: an article's summary, or the whole result otherwise;
//   records  the articles' record JSON, back to back.
// A warm run decodes the paths and numbers in a few bulk steps and keeps the rest as bytes: a
// summary is parsed only when something reads more of it than its path, date, quality and heat
// (an unfiltered `list` never does), and records are written out without being decoded.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { endianness, homedir } from 'node:os';
import path from 'node:path';
import { summarise, type ArticleSummary } from '../core/summary.js';
import type { Article } from '../core/types.js';
import { resultPath, type LoadedResult, type RecordJson } from './loaded.js';

const FORMAT = 'feedtool-cache';
const RACY_WINDOW_MS = 2000;
// 2: records escape invisible controls in their JSON and normalise text to a fixed point; caches
// written before hold records that differ, so they are dropped. 3: hosts ending in a hex label.
// 4: the sectioned layout above.
const FORMAT_VERSION = 4;
const COLUMNS = 8;
const KIND_ARTICLE = 0;
const KIND_NOT_ARTICLE = 1;

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

interface Entry extends FileStamp {
  result: LoadedResult;
  /** Where the result came from in the cache file read (its JSON line is written back as it is), or -1. */
  cachedAt: number;
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
    private readonly record: Buffer,
    private readonly withExcerpt: boolean,
  ) {}

  private get rest(): ArticleSummary {
    this.full ??= parseSummaryLine(this.sections, this.index) ?? summarise(JSON.parse(this.record.toString('utf8')) as Article, this.withExcerpt);
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

/** The sections of a cache file, as read: decoded where a lookup needs them, bytes otherwise. */
interface Sections {
  files: string[];
  shown: string[];
  dates: string[];
  numbers: Float64Array;
  lineEnds: Uint32Array;
  results: Buffer;
  recordStarts: Float64Array;
  records: Buffer;
}

/** The JSON line of entry `index` in the results section. */
function lineAt(sections: Sections, index: number): Buffer {
  return sections.results.subarray(index === 0 ? 0 : sections.lineEnds[index - 1]! + 1, sections.lineEnds[index]);
}

function joinedList(bytes: Buffer, start: number, end: number, count: number): string[] {
  const list = count === 0 ? [] : bytes.toString('utf8', start, end).split('\0');
  if (list.length !== count) throw new Error('corrupt cache');
  return list;
}

/** Splits a cache file into its sections; throws on anything that does not add up. */
function readSections(bytes: Buffer, key: string): Sections | null {
  const headerEnd = bytes.indexOf(10);
  if (headerEnd === -1) return null;
  const header = JSON.parse(bytes.toString('utf8', 0, headerEnd)) as { format?: unknown; version?: unknown; key?: unknown; endian?: unknown; count?: unknown; sections?: unknown };
  if (header.format !== FORMAT || header.version !== FORMAT_VERSION || header.key !== key || header.endian !== endianness()) return null;
  const count = header.count;
  const lengths = header.sections;
  if (!Number.isSafeInteger(count) || (count as number) < 0 || !Array.isArray(lengths) || lengths.length !== 6) throw new Error('corrupt cache');
  if (!lengths.every((length) => Number.isSafeInteger(length) && length >= 0)) throw new Error('corrupt cache');
  const n = count as number;
  const starts = [headerEnd + 1];
  for (const length of lengths as number[]) starts.push(starts[starts.length - 1]! + length);
  if (starts[6] !== bytes.length || lengths[3] !== n * COLUMNS * 8) throw new Error('corrupt cache');

  // Copied out so that the float64 view is aligned.
  const numbers = new Float64Array(n * COLUMNS);
  new Uint8Array(numbers.buffer).set(bytes.subarray(starts[3], starts[4]));
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
  const recordStarts = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const length = numbers[i * COLUMNS + 7]!;
    if (!(length >= 0) || !Number.isSafeInteger(length)) throw new Error('corrupt cache');
    recordStarts[i + 1] = recordStarts[i]! + length;
  }
  if (recordStarts[n] !== lengths[5]) throw new Error('corrupt cache');
  return {
    files: joinedList(bytes, starts[0]!, starts[1]!, n),
    shown: joinedList(bytes, starts[1]!, starts[2]!, n),
    dates: joinedList(bytes, starts[2]!, starts[3]!, n),
    numbers,
    lineEnds,
    results,
    recordStarts,
    records: bytes.subarray(starts[5], starts[6]),
  };
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
}

/** Results of an earlier run, and the ones of this run to save. */
export class RecordCache {
  private sections: Sections | null = null;
  private readonly previous = new Map<string, number>();
  private readonly current = new Map<string, Entry>();
  private changed = false;

  private constructor(
    readonly location: string,
    private readonly key: string,
    private readonly reading: CacheReading,
  ) {}

  /** Opens a cache file; a missing, corrupt or foreign file gives an empty cache, never an error. */
  static open(location: string, key: string, reading: CacheReading = { lazySummaries: false, summaryExcerpt: true }): RecordCache {
    const cache = new RecordCache(location, key, reading);
    let bytes: Buffer;
    try {
      bytes = readFileSync(location);
    } catch {
      return cache;
    }
    try {
      cache.sections = readSections(bytes, key);
      const files = cache.sections?.files ?? [];
      for (let i = 0; i < files.length; i++) cache.previous.set(files[i]!, i);
    } catch {
      cache.sections = null;
      cache.previous.clear();
    }
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
    this.current.set(file, { size: stamp.size, mtimeMs: stamp.mtimeMs, ctimeMs: stamp.ctimeMs, ino: stamp.ino, result, cachedAt: index });
    return result;
  }

  private resultAt(sections: Sections, index: number, shown: string): LoadedResult {
    const row = index * COLUMNS;
    const kind = sections.numbers[row + 4];
    if (kind === KIND_ARTICLE) {
      const json = sections.records.subarray(sections.recordStarts[index], sections.recordStarts[index + 1]);
      if (json[0] !== 0x7b) throw new Error('corrupt cache entry');
      if (this.reading.lazySummaries) {
        const summary = new CachedSummary(shown, sections.dates[index] || null, nullable(sections.numbers[row + 5]!), nullable(sections.numbers[row + 6]!), sections, index, json, this.reading.summaryExcerpt);
        return { kind: 'article', summary, json };
      }
      const summary = parseSummaryLine(sections, index);
      if (summary === null || summary.path !== shown) throw new Error('corrupt cache entry');
      return { kind: 'article', summary, json };
    }
    if (kind !== KIND_NOT_ARTICLE) throw new Error('corrupt cache entry');
    const result = JSON.parse(lineAt(sections, index).toString('utf8')) as LoadedResult;
    if (result?.kind !== 'not-article' || typeof result.reason !== 'string' || resultPath(result) !== shown) throw new Error('corrupt cache entry');
    return result;
  }

  /**
   * Records this run's result for a file, unless the file was modified too recently to trust its
   * stamp: a same-size rewrite within the file system's timestamp granularity (up to 2 s on some)
   * would keep size, mtime, ctime and inode, so such a file is simply read again next time.
   * Only articles and documents that are not articles are kept; problems are looked at again.
   */
  set(file: string, stamp: FileStamp, result: LoadedResult, now = Date.now()): void {
    this.changed = true;
    if (now - stamp.mtimeMs < RACY_WINDOW_MS || result.kind === 'error') return;
    this.current.set(file, { size: stamp.size, mtimeMs: stamp.mtimeMs, ctimeMs: stamp.ctimeMs, ino: stamp.ino, result, cachedAt: -1 });
  }

  private lineOf(entry: Entry, value: unknown): Buffer {
    return entry.cachedAt >= 0 && this.sections ? lineAt(this.sections, entry.cachedAt) : Buffer.from(JSON.stringify(value));
  }

  /** Writes the cache (atomically: a temporary file renamed over the old one) when anything changed. */
  save(): void {
    if (!this.changed && this.current.size === this.previous.size) return;
    const count = this.current.size;
    const files: string[] = [];
    const shown: string[] = [];
    const dates: string[] = [];
    const numbers = new Float64Array(count * COLUMNS);
    const lines: Buffer[] = [];
    const records: Buffer[] = [];
    let row = 0;
    for (const [file, entry] of this.current) {
      const { result } = entry;
      const shownPath = resultPath(result);
      files.push(file);
      shown.push(shownPath === file ? '' : shownPath);
      numbers.set([entry.size, entry.mtimeMs, entry.ctimeMs, entry.ino], row);
      if (result.kind === 'article') {
        const record = toBytes(result.json);
        dates.push(result.summary.publishedDateTime ?? '');
        numbers.set([KIND_ARTICLE, result.summary.quality ?? Number.NaN, result.summary.heat ?? Number.NaN, record.length], row + 4);
        lines.push(this.lineOf(entry, result.summary), NEWLINE);
        records.push(record);
      } else {
        dates.push('');
        numbers.set([KIND_NOT_ARTICLE, Number.NaN, Number.NaN, 0], row + 4);
        lines.push(this.lineOf(entry, result), NEWLINE);
      }
      row += COLUMNS;
    }
    const sections = [
      Buffer.from(files.join('\0')),
      Buffer.from(shown.join('\0')),
      Buffer.from(dates.join('\0')),
      Buffer.from(numbers.buffer, numbers.byteOffset, numbers.byteLength),
      Buffer.concat(lines),
      Buffer.concat(records),
    ];
    const header = JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, key: this.key, endian: endianness(), count, sections: sections.map((section) => section.length) });
    const temporary = `${this.location}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(this.location), { recursive: true });
      writeFileSync(temporary, Buffer.concat([Buffer.from(`${header}\n`), ...sections]));
      renameSync(temporary, this.location);
    } catch {
      rmSync(temporary, { force: true });
    }
  }
}

const NEWLINE = Buffer.from('\n');

function toBytes(json: RecordJson): Buffer {
  return typeof json === 'string' ? Buffer.from(json) : json;
}
