// The cache file: its format, reading its index, and writing the next one.
//
// File format (version 6):
//   a JSON header line `{"format":"feedtool-cache","version":6,"key":…,"endian":…}`;
//   the records: each article's record JSON, back to back (written as the run loads them);
//   the index: a JSON line `{"count":N,"sections":[…byte lengths…],"checksum":…}` (the CRC-32
//   of the five sections), then the five sections:
//     files    the N absolute paths, UTF-8, joined by NUL (a path cannot hold one);
//     shown    the N paths as shown, joined by NUL; empty when the same as the file's;
//     dates    the N articles' publishedDateTime, joined by NUL; empty for none;
//     numbers  N rows of 10 float64 (this machine's byte order): size, mtimeMs, ctimeMs, inode,
//              kind (0 article, 1 not an article), quality, heat (NaN for null), and the
//              record's offset, length and CRC-32 in the file;
//     results  per entry one JSON line: an article's summary, or the whole result otherwise;
//   a trailer: the index's offset as a little-endian float64 (the last 8 bytes).
// A warm run reads only the index: the paths and numbers in a few bulk steps, the rest kept as
// bytes. A summary is parsed only when something reads more of it than its path, date, quality
// and heat (an unfiltered `list` never does), and a record is read from the file only when it
// is written out, so memory holds the index, not the records.
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { endianness } from 'node:os';
import path from 'node:path';
import { UsageError } from '../commands/process.js';
import type { RecordFile } from './loaded.js';
import { crc32 } from './checksum.js';
import { readAt } from './read.js';

const FORMAT = 'feedtool-cache';
// 2: records escape invisible controls in their JSON and normalise text to a fixed point; caches
// written before hold records that differ, so they are dropped. 3: hosts ending in a hex label.
// 4: sections. 5: records first, the index after them (the layout above). 6: checksums.
// 10: blank topic text logged as type-invalid, an image value that is no list logged once.
// 11: a URL of spaces alone logged as whitespace; a topic that cleans to nothing logged as type-invalid.
// 12: text where topics belong logged as type-invalid; a blank topic item gets no whitespace fix.
const FORMAT_VERSION = 13;
export const COLUMNS = 10;
/** Where a row of numbers holds its record's CRC-32. */
export const CHECKSUM_COLUMN = 9;
export const KIND_ARTICLE = 0;
export const KIND_NOT_ARTICLE = 1;

/** The index of a cache file, as read: decoded where a lookup needs it, bytes otherwise. */
export interface Sections {
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
export function lineAt(sections: Sections, index: number): Buffer {
  return sections.results.subarray(index === 0 ? 0 : sections.lineEnds[index - 1]! + 1, sections.lineEnds[index]);
}

function joinedList(bytes: Buffer, start: number, end: number, count: number): string[] {
  const list = count === 0 ? [] : bytes.toString('utf8', start, end).split('\0');
  if (list.length !== count) throw new Error('corrupt cache');
  return list;
}

/** Reads `length` bytes at `position`; throws if the file has fewer. */
export function readExactly(fd: number, position: number, length: number): Buffer {
  const bytes = readAt(fd, position, length);
  if (bytes === null) throw new Error('corrupt cache');
  return bytes;
}

export function headerOf(key: string): Buffer {
  return Buffer.from(`${JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, key, endian: endianness() })}\n`);
}

/** The longest results line a cache file may hold: the writer keeps no entry whose line is longer. */
export const MAX_RESULT_LINE = 4 * 1024 * 1024;
const INDEX_READ_CHUNK = 4 * 1024 * 1024;

/**
 * Reads the index in chunks, checking as it goes what a damaged or sparse region breaks first:
 * an empty path, more NULs in a list section than it has entries, a results line longer than
 * MAX_RESULT_LINE. A file that claims gigabytes of index is given up on after a few megabytes,
 * unless those gigabytes are really there. `starts`: the sections' offsets in the index, and
 * where the last one ends.
 */
function readIndexBytes(fd: number, indexStart: number, indexLength: number, starts: readonly number[], count: number): Buffer {
  const bytes = Buffer.allocUnsafeSlow(indexLength);
  const nuls = [0, 0, 0];
  let lineStart = starts[4]!;
  for (let at = 0; at < indexLength; at += INDEX_READ_CHUNK) {
    const end = Math.min(indexLength, at + INDEX_READ_CHUNK);
    let read = at;
    while (read < end) {
      const got = readSync(fd, bytes, read, end - read, indexStart + read);
      if (got === 0) throw new Error('corrupt cache');
      read += got;
    }
    // Each search looks only at the bytes just read (the rest of the buffer is not read yet).
    for (let section = 0; section < 3; section++) {
      const from = Math.max(at, starts[section]!);
      const part = bytes.subarray(from, Math.max(from, Math.min(end, starts[section + 1]!)));
      for (let i = part.indexOf(0); i !== -1; i = part.indexOf(0, i + 1)) {
        const nul = from + i;
        // A path is never empty (the other two lists may hold empty items).
        if (section === 0 && (nul === starts[0] || bytes[nul - 1] === 0)) throw new Error('corrupt cache');
        if (++nuls[section]! > count - 1) throw new Error('corrupt cache');
      }
    }
    const from = Math.max(at, starts[4]!);
    const part = bytes.subarray(from, Math.max(from, end));
    for (let i = part.indexOf(10); i !== -1; i = part.indexOf(10, i + 1)) {
      if (from + i - lineStart > MAX_RESULT_LINE) throw new Error('corrupt cache');
      lineStart = from + i + 1;
    }
    if (end > starts[4]! && end - lineStart > MAX_RESULT_LINE) throw new Error('corrupt cache');
  }
  if (count > 0 && bytes[starts[1]! - 1] === 0) throw new Error('corrupt cache');
  return bytes;
}

/** Reads a cache file's index (not its records); null for another format, key or machine; throws on damage. */
export function readIndex(fd: number, location: string, key: string, readWhole: number): Sections | null {
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
  const index = JSON.parse(window.toString('utf8', 0, lineEnd)) as { count?: unknown; sections?: unknown; checksum?: unknown };
  const count = index.count;
  const lengths = index.sections;
  if (!Number.isSafeInteger(count) || (count as number) < 0 || !Array.isArray(lengths) || lengths.length !== 5) throw new Error('corrupt cache');
  if (!lengths.every((length) => Number.isSafeInteger(length) && length >= 0)) throw new Error('corrupt cache');
  const n = count as number;
  const starts = [lineEnd + 1];
  for (const length of lengths as number[]) starts.push(starts[starts.length - 1]! + length);
  // Every entry has its row of numbers and a results line, and every path but the last its NUL.
  if (starts[5] !== indexLength || lengths[3] !== n * COLUMNS * 8 || lengths[4] < n || (n > 0 && lengths[0] < 2 * n - 1)) throw new Error('corrupt cache');
  const bytes = readIndexBytes(fd, indexStart, indexLength, starts, n);
  if (crc32(bytes.subarray(starts[0])) !== index.checksum) throw new Error('corrupt cache');

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
 * Removes a cache file whose records turn out damaged when read (its index was sound), unless
 * another run has replaced it meanwhile, so that the next run rebuilds it.
 */
export function removeDamagedCache(fd: number, location: string): void {
  try {
    if (fstatSync(fd).ino === statSync(location).ino) rmSync(location, { force: true });
  } catch {
    // Already gone, or not ours to remove.
  }
}

/** Stops the run over a damaged cache file (when its record cannot be made again), removing the file. */
function damagedCache(fd: number, location: string): never {
  removeDamagedCache(fd, location);
  throw new UsageError(`the cache file ${location} is damaged (or was changed while in use); it has been removed: run again, or use --no-cache`);
}

export const WRITE_CHUNK = 1 << 20;
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
export function removeAbandoned(location: string): void {
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
    // Only files this code could have left; anything else (a folder planted in a shared cache
    // folder, a file not ours to remove) is left alone and must not stop the cleanup of the rest.
    try {
      const file = path.join(dir, name);
      if (lstatSync(file).isFile()) rmSync(file, { force: true });
    } catch {
      // Gone meanwhile, or not ours.
    }
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
 * Makes a folder and any missing parents, like `mkdir -p`. Not `mkdirSync(..., { recursive: true })`:
 * Node's loops forever under /proc (`/proc/self/x` gives ENOENT, its parent EEXIST, in turn).
 */
export function makeDirectories(dir: string): void {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    let info;
    try {
      info = statSync(current);
    } catch (error) {
      const parent = path.dirname(current);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === current) throw error;
      missing.push(current);
      current = parent;
      continue;
    }
    if (!info.isDirectory()) throw Object.assign(new Error(`not a directory: ${current}`), { code: 'ENOTDIR' });
    break;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      // Made meanwhile by another run: fine, if it is a folder.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(folder).isDirectory()) throw error;
    }
  }
}

/**
 * The next cache file, written as the run goes: the header, then each newly loaded record as it
 * comes (so records are never all held in memory), and at save the records kept from the
 * previous file, the index and the trailer. A temporary file until save renames it into place.
 */
export class CacheWriter {
  private fd: number;
  private position = 0;
  private pending: Buffer[] = [];
  private pendingSize = 0;

  constructor(
    readonly temporary: string,
    header: Buffer,
  ) {
    makeDirectories(path.dirname(temporary));
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

  /** Ends the file with `offset` as a little-endian float64 (where its index or trailer starts), then finishes it. */
  finishWithOffset(offset: number, location: string): void {
    const trailer = Buffer.alloc(8);
    trailer.writeDoubleLE(offset);
    this.write(trailer);
    this.finish(location);
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
