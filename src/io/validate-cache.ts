// The cache of `validate`'s per-file outcomes (`validate --cache`): each unchanged file's problems
// and cross-file facts, so that a run checks only the files that changed. The cross-file rules
// always run afresh, over every file's facts.
//
// File format: a JSON header line `{"format":"feedtool-validate-cache","version":1,"key":…,
// "checkedAt":…}`, then one line per file: the CRC-32 of the rest of the line (8 hex digits), a
// space, and the JSON of [file, size, mtimeMs, ctimeMs, inode, outcome]. A line that fails its
// checksum or its shape is a miss; a header that does not match (another format, version or
// option set) means an empty cache. The next file is written as the run goes (a temporary file)
// and renamed into place at the end, atomically.
import { randomBytes } from 'node:crypto';
import type { DocumentOutcome } from '../core/validate.js';
import type { FileStamp } from './cache.js';
import { CacheWriter, removeAbandoned } from './cache-file.js';
import { crc32 } from './checksum.js';
import { readFileBytes } from './read.js';
import { changedTooRecently, lastChangeMs } from './stamps.js';

const FORMAT = 'feedtool-validate-cache';
// 5: field-type checks image captions and titles, and topics of spaces alone.
// 6: field-type reports a topic of invisible characters alone.
// 7: a blank topic item is reported by field-type only.
const VERSION = 8;
/** A cache file larger than this is ignored (and replaced). */
const MAX_CACHE_BYTES = 512 * 1024 * 1024;
/**
 * Outcomes holding one of these are checked again every run: `future-date` depends on the clock
 * (an outcome without it stays right as time goes on: a date already past stays past), and read
 * failures and parse crashes are cheap to meet again and may be passing.
 */
const NOT_KEPT = new Set(['future-date', 'unreadable', 'file-too-large', 'parse-error']);

type Line = [file: string, size: number, mtimeMs: number, ctimeMs: number, ino: number, outcome: DocumentOutcome];

/**
 * The outcomes of an earlier run, and the ones of this run to save. Lines read are kept as views
 * of the file's bytes; lines made in this run go straight to the next cache file (a temporary
 * file until save), so a large tree's worth is never held in memory twice.
 */
export class ValidateCache {
  private readonly previous = new Map<string, Buffer>();
  // Lines of the previous file still right (their files unchanged), to copy into the next one.
  private readonly kept: Buffer[] = [];
  private added = 0;
  private writer: CacheWriter | null = null;
  private writeFailed = false;

  private constructor(
    readonly location: string,
    private readonly key: string,
    private readonly now: number,
  ) {}

  /**
   * Opens a cache file; a missing, foreign, damaged or too large one gives an empty cache. So
   * does one written by a run whose clock was ahead of this one's (see NOT_KEPT).
   */
  static open(location: string, key: string, now: number): ValidateCache {
    const cache = new ValidateCache(location, key, now);
    const read = readFileBytes(location, MAX_CACHE_BYTES);
    if (!read.ok) return cache;
    const bytes = read.bytes;
    const headerEnd = bytes.indexOf(10);
    if (headerEnd === -1) return cache;
    try {
      const header = JSON.parse(bytes.toString('utf8', 0, headerEnd)) as { format?: unknown; version?: unknown; key?: unknown; checkedAt?: unknown };
      if (header.format !== FORMAT || header.version !== VERSION || header.key !== key) return cache;
      if (typeof header.checkedAt !== 'number' || !(header.checkedAt <= now)) return cache;
    } catch {
      return cache;
    }
    for (let start = headerEnd + 1; start < bytes.length; ) {
      let end = bytes.indexOf(10, start);
      if (end === -1) end = bytes.length;
      const line = bytes.subarray(start, end);
      start = end + 1;
      // 8 hex digits, a space, then the JSON.
      if (line.length < 10 || line[8] !== 32) continue;
      const body = line.subarray(9);
      if (Number.parseInt(line.toString('latin1', 0, 8), 16) !== crc32(body)) continue;
      const file = fileOf(body);
      if (file !== null) cache.previous.set(file, body);
    }
    return cache;
  }

  /** True when the cache file gave outcomes to reuse (a warm run is likely). */
  get hasEntries(): boolean {
    return this.previous.size > 0;
  }

  /** The cached outcome of a file whose stamp still matches and that is shown under the same path. */
  get(file: string, stamp: FileStamp, shown: string): DocumentOutcome | undefined {
    const body = this.previous.get(file);
    if (body === undefined) return undefined;
    let line: unknown;
    try {
      line = JSON.parse(body.toString('utf8'));
    } catch {
      line = null;
    }
    if (!isLine(line) || line[0] !== file || line[1] !== stamp.size || line[2] !== stamp.mtimeMs || line[3] !== stamp.ctimeMs || line[4] !== stamp.ino || !isOutcome(line[5], shown)) {
      return undefined;
    }
    this.kept.push(body);
    return line[5];
  }

  /** Keeps this run's outcome for a file, unless it must be checked again every run (see NOT_KEPT, RACY_WINDOW_MS). */
  set(file: string, stamp: FileStamp, outcome: DocumentOutcome): void {
    if (changedTooRecently(lastChangeMs(stamp), this.now) || outcome.crashed.length > 0) return;
    if (outcome.result.problems.some((problem) => NOT_KEPT.has(problem.ruleId))) return;
    const line: Line = [file, stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino, outcome];
    if (this.writeLine(Buffer.from(JSON.stringify(line)))) this.added++;
  }

  /**
   * Finishes the next cache file and moves it into place, unless it would hold just what the
   * previous one holds (no line added, none dropped); never throws.
   */
  save(): void {
    if (this.added === 0 && this.kept.length === this.previous.size && this.previous.size > 0) {
      this.discard();
      return;
    }
    for (const body of this.kept) if (!this.writeLine(body)) return;
    // Nothing to keep at all: an empty cache is still written, so the next run knows its options.
    if (!this.writeLine(null)) return;
    try {
      this.writer!.finish(this.location);
    } catch {
      this.writeFailed = true;
      this.discard();
    }
    this.writer = null;
  }

  /** True when this run's outcomes could not be written (the next run checks those files again). */
  get notWritten(): boolean {
    return this.writeFailed;
  }

  /** Removes the next cache file begun by this run, if any (a run that stops early). */
  discard(): void {
    this.writer?.discard();
    this.writer = null;
  }

  // Appends a line (with its checksum) to the next cache file, opening it on first use; null
  // only opens it. False when the file cannot be written (the cache is then left as it was).
  private writeLine(body: Buffer | null): boolean {
    if (this.writeFailed) return false;
    try {
      if (this.writer === null) {
        removeAbandoned(this.location);
        const header = JSON.stringify({ format: FORMAT, version: VERSION, key: this.key, checkedAt: this.now });
        this.writer = new CacheWriter(`${this.location}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`, Buffer.from(`${header}\n`));
      }
      if (body !== null) {
        this.writer.write(Buffer.from(`${crc32(body).toString(16).padStart(8, '0')} `, 'latin1'));
        this.writer.write(body);
        this.writer.write(NEWLINE);
      }
      return true;
    } catch {
      this.writeFailed = true;
      this.discard();
      return false;
    }
  }
}

const NEWLINE = Buffer.from('\n');

// The file a line's JSON begins with, read without parsing the rest; null when it is not there.
// (get checks it again against the parsed line.)
function fileOf(body: Buffer): string | null {
  if (body[0] !== 0x5b || body[1] !== 0x22) return null;
  const end = body.indexOf('",', 2);
  if (end === -1) return null;
  try {
    const file = JSON.parse(body.toString('utf8', 1, end + 1)) as unknown;
    return typeof file === 'string' ? file : null;
  } catch {
    return null;
  }
}

function isLine(value: unknown): value is Line {
  return (
    Array.isArray(value) &&
    value.length === 6 &&
    typeof value[0] === 'string' &&
    [1, 2, 3, 4].every((i) => typeof value[i] === 'number')
  );
}

// A line or column as a report can show it: a whole number from 1 (a forged `-5` or `1e308` is damage).
function isPlaceNumber(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 1;
}

// An outcome as validateDocument gives it for `shown`, with no crash and problems of the right shape.
function isOutcome(value: unknown, shown: string): value is DocumentOutcome {
  const outcome = value as DocumentOutcome | null;
  if (outcome === null || typeof outcome !== 'object' || !Array.isArray(outcome.crashed) || outcome.crashed.length > 0) return false;
  const result = outcome.result;
  if (result === null || typeof result !== 'object' || result.path !== shown || !Array.isArray(result.problems)) return false;
  const problemsOk = result.problems.every(
    (problem) =>
      problem !== null &&
      typeof problem === 'object' &&
      typeof problem.ruleId === 'string' &&
      (problem.severity === 'error' || problem.severity === 'warning') &&
      typeof problem.message === 'string' &&
      isPlaceNumber(problem.line) &&
      isPlaceNumber(problem.column) &&
      typeof problem.fixable === 'boolean' &&
      typeof problem.fatal === 'boolean',
  );
  if (!problemsOk) return false;
  const facts = outcome.facts;
  if (facts === null) return true;
  return (
    typeof facts === 'object' &&
    facts.path === shown &&
    (facts.id === null || typeof facts.id === 'string') &&
    (facts.urlKey === null || typeof facts.urlKey === 'string') &&
    (facts.urlField === null || typeof facts.urlField === 'string') &&
    facts.urlPlace !== null &&
    typeof facts.urlPlace === 'object' &&
    isPlaceNumber(facts.urlPlace.line) &&
    isPlaceNumber(facts.urlPlace.column)
  );
}
