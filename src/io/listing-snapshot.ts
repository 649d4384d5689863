// A listing's output kept whole beside the cache file: the same `list` over the same, unchanged
// files writes it back as it is, without loading, sorting or serialising anything.
//
// File format: the output bytes; a JSON trailer line `{"format":"feedtool-listing","version":3,
// "key":…,"digest":…,"length":…,"edges":…,"checksums":…,"stderr":…,"stderrChecksum":…}`; the
// trailer line's offset as a little-endian float64 (the last 8 bytes). `key` names the request (options, cache key),
// `digest` the walk that gave it (every entry's paths and every file's stamp, in walk order),
// `edges` the output's first and last bytes (base64), `checksums` a CRC-32 per 1 MiB of output
// (checksum.ts), `stderr` what the run printed there, with its CRC-32.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { Writable } from 'node:stream';
import type { FileStamp } from './cache.js';
import { CacheWriter, readExactly, removeAbandoned, removeDamagedCache } from './cache-file.js';
import { ChunkChecksums, crc32 } from './checksum.js';
import { writeChunk, type OutputCopy } from './output.js';
import type { WalkEntry } from './walk.js';
import { changedTooRecently, lastChangeMs } from './stamps.js';

const FORMAT = 'feedtool-listing';
// 2: checksums. 3: the stderr text's checksum.
const VERSION = 3;
/** Listings larger than this are not kept: the disk the snapshot takes is about the output's size. */
export const MAX_SNAPSHOT_BYTES = 128 * 1024 * 1024;
/** The trailer (key, digest, edges, checksums, stderr text) is small; a larger one is damage. */
const MAX_TRAILER_BYTES = 1024 * 1024;
/** The output's first and last bytes, kept in the trailer: a file cut short or overwritten at either end is not served. */
const EDGE = 32;
/** A CRC-32 per this many bytes of output; also the size of the pieces a snapshot is copied in. */
const CHECK_CHUNK = 1 << 20;
const COPY_CHUNK = CHECK_CHUNK;

/** Where the snapshot of a cache file's listings lives. */
export function snapshotLocation(cacheFile: string): string {
  return `${cacheFile}.listing`;
}

/**
 * A digest of a walk: each file's absolute path and stamp, in walk order (the paths as shown
 * follow from those, the inputs and the directory, which the request key holds). The paths and
 * the stamps go into two hashes, so the paths can be hashed while a stat worker is still taking
 * the stamps (in a warm run that records a snapshot). Broken (no digest) by a problem entry or a file that could not be stat-ed: such a walk
 * is never matched.
 */
export class WalkDigest {
  private readonly paths = createHash('sha256');
  private readonly stamps = createHash('sha256');
  private pendingPaths: string[] = [];
  private readonly pendingStamps = new Float64Array(4 * 1024);
  private pendingCount = 0;
  private broken = false;
  /**
   * The latest change among the files (mtime or ctime, see lastChangeMs), epoch milliseconds. A
   * rewrite always moves a file's ctime to the present, whatever it does to the mtime, so a
   * file whose ctime is older than the timestamp granularity cannot be hiding a rewrite.
   */
  newestChangeMs = 0;

  /** Adds the next walk entry with its stamp (null when it could not be stat-ed). */
  add(entry: WalkEntry, stamp: FileStamp | null): void {
    this.addPath(entry);
    if (stamp === null) {
      this.broken = true;
      return;
    }
    this.pendingStamps.set([stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino], this.pendingCount * 4);
    this.newestChangeMs = Math.max(this.newestChangeMs, lastChangeMs(stamp));
    if (++this.pendingCount === 1024) this.drainStamps();
  }

  /** Adds the next walk entry whose stamp comes later, with the others (see addStamps). */
  addPath(entry: WalkEntry): void {
    if (entry.kind === 'problem') {
      this.broken = true;
      return;
    }
    this.pendingPaths.push(entry.absolute);
    if (this.pendingPaths.length === 4096) this.drainPaths();
  }

  /** Adds the stamps of the entries given to addPath, four numbers each (a NaN size: not stat-ed). */
  addStamps(packed: Float64Array): void {
    this.drainStamps();
    for (let at = 0; at < packed.length; at += 4) {
      if (Number.isNaN(packed[at])) this.broken = true;
      else this.newestChangeMs = Math.max(this.newestChangeMs, lastChangeMs({ mtimeMs: packed[at + 1]!, ctimeMs: packed[at + 2]! }));
    }
    this.stamps.update(new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength));
  }

  /** The digest, or null for a broken walk. */
  value(): string | null {
    if (this.broken) return null;
    this.drainPaths();
    this.drainStamps();
    return createHash('sha256').update(this.paths.digest()).update(this.stamps.digest()).digest('hex');
  }

  private drainPaths(): void {
    if (this.pendingPaths.length > 0) this.paths.update(`${this.pendingPaths.join('\0')}\0`);
    this.pendingPaths = [];
  }

  private drainStamps(): void {
    if (this.pendingCount > 0) this.stamps.update(new Uint8Array(this.pendingStamps.buffer, 0, this.pendingCount * 32));
    this.pendingCount = 0;
  }
}

/** An open snapshot made for the request asked about. */
export interface Snapshot {
  fd: number;
  location: string;
  length: number;
  digest: string;
  stderr: string;
  checksums: number[];
}

/** True when a file ends as a listing snapshot does: its last 8 bytes point at a feedtool trailer. */
export function endsAsSnapshot(fd: number, size: number): boolean {
  if (size < 8) return false;
  const trailerAt = readExactly(fd, size - 8, 8).readDoubleLE(0);
  if (!Number.isSafeInteger(trailerAt) || trailerAt < 0 || trailerAt > size - 8) return false;
  const start = Buffer.from(`{"format":"${FORMAT}"`);
  return trailerAt + start.length <= size - 8 && readExactly(fd, trailerAt, start.length).equals(start);
}

/** Opens the snapshot at `location` if it was made for `key`; null when missing, foreign or damaged. */
export function openSnapshot(location: string, key: string): Snapshot | null {
  let fd: number;
  try {
    fd = openSync(location, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    if (!fstatSync(fd).isFile() || size < 8) throw new Error('not a snapshot');
    const trailerAt = readExactly(fd, size - 8, 8).readDoubleLE(0);
    // Bounds first, so a damaged or sparse file never makes it read more than a snapshot can hold.
    if (!Number.isSafeInteger(trailerAt) || trailerAt < 0 || trailerAt > size - 8) throw new Error('not a snapshot');
    if (trailerAt > MAX_SNAPSHOT_BYTES || size - 8 - trailerAt > MAX_TRAILER_BYTES) throw new Error('not a snapshot');
    const trailer = JSON.parse(readExactly(fd, trailerAt, size - 8 - trailerAt).toString('utf8')) as Record<string, unknown>;
    if (trailer.format !== FORMAT || trailer.version !== VERSION || trailer.key !== key || trailer.length !== trailerAt) throw new Error('other');
    if (typeof trailer.digest !== 'string' || typeof trailer.stderr !== 'string') throw new Error('not a snapshot');
    if (trailer.stderrChecksum !== crc32(Buffer.from(trailer.stderr))) throw new Error('damaged');
    const checksums = trailer.checksums;
    if (!Array.isArray(checksums) || checksums.length !== Math.ceil(trailerAt / CHECK_CHUNK) || !checksums.every(isUint32)) throw new Error('not a snapshot');
    if (trailer.edges !== edgesOf(readExactly(fd, 0, Math.min(EDGE, trailerAt)), readExactly(fd, Math.max(0, trailerAt - EDGE), Math.min(EDGE, trailerAt)))) {
      throw new Error('damaged');
    }
    return { fd, location, length: trailerAt, digest: trailer.digest, stderr: trailer.stderr, checksums: checksums as number[] };
  } catch {
    closeSync(fd);
    return null;
  }
}

const isUint32 = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0xffffffff;

function edgesOf(head: Buffer, tail: Buffer): string {
  return `${head.toString('base64')} ${tail.toString('base64')}`;
}

/** Closes a snapshot that was not used. */
export function closeSnapshot(snapshot: Snapshot): void {
  closeSync(snapshot.fd);
}

/**
 * Writes a snapshot's output to `stream` in large chunks, each checked against its checksum
 * before it is written (so no byte that fails its check is ever written). For the process's own
 * stdout, each is read into one of two buffers used in turn (read into again only once the
 * stream is done with it); any other stream may hand a buffer on as it is (a PassThrough does),
 * so it gets a fresh one each time. Returns how many bytes were written: all of them, or, for a
 * snapshot found damaged (a chunk that fails its check, a file cut short), where the damage
 * starts, the snapshot then being removed. Everything before that point is what the listing
 * itself would write, since the snapshot was made for the same request over the same files.
 */
export async function writeSnapshot(snapshot: Snapshot, stream: Writable): Promise<number> {
  const reuse = stream === process.stdout || stream === process.stderr;
  const buffers = [Buffer.allocUnsafeSlow(COPY_CHUNK), Buffer.allocUnsafeSlow(COPY_CHUNK)];
  const released: Array<Promise<void>> = [Promise.resolve(), Promise.resolve()];
  let position = 0;
  try {
    for (let chunk = 0, turn = 0; position < snapshot.length && !stream.destroyed; chunk++, turn ^= 1) {
      await released[turn];
      const size = Math.min(CHECK_CHUNK, snapshot.length - position);
      const buffer = reuse ? buffers[turn]!.subarray(0, size) : Buffer.allocUnsafe(size);
      if (!readFully(snapshot.fd, buffer, position) || crc32(buffer) !== snapshot.checksums[chunk]) {
        await Promise.all(released);
        removeDamagedCache(snapshot.fd, snapshot.location);
        return position;
      }
      released[turn] = writeChunk(stream, buffer, true).then(() => undefined);
      position += size;
    }
    await Promise.all(released);
    return snapshot.length;
  } finally {
    closeSync(snapshot.fd);
  }
}

/** The rest of a listing whose first part came from a damaged snapshot (see writeSnapshot). */
export interface Continuation {
  /** Takes the listing made afresh, whole; drops what was already written and passes on the rest. */
  stream: Writable;
  /**
   * True when the listing made afresh did not begin with exactly the bytes already written (the
   * files changed meanwhile); nothing of it was passed on then. Known once it is all written.
   */
  diverged(): boolean;
}

/**
 * Continues a listing after the first `written` bytes, which came from `snapshot` (whole chunks,
 * each checked). The fresh listing's first `written` bytes are checked against those chunks'
 * checksums rather than trusted: should a file have changed since, nothing more is written.
 */
export function continueAfter(snapshot: Snapshot, written: number, target: Writable): Continuation {
  const skipped = new ChunkChecksums(CHECK_CHUNK);
  let left = written;
  let mismatch = false;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (mismatch) return callback();
      if (left > 0) {
        const take = Math.min(left, chunk.length);
        skipped.add(chunk.subarray(0, take));
        left -= take;
        if (left === 0) {
          const sums = skipped.finish();
          mismatch = sums.some((sum, i) => sum !== snapshot.checksums[i]);
        }
        if (mismatch || take === chunk.length) return callback();
        chunk = chunk.subarray(take);
      }
      target.write(chunk, (error) => callback(error ?? null));
    },
  });
  return { stream, diverged: () => mismatch || left > 0 };
}

/** Fills `buffer` from `fd` at `position`; false when the file ends first (or cannot be read). */
function readFully(fd: number, buffer: Buffer, position: number): boolean {
  try {
    for (let read = 0; read < buffer.length; ) {
      const got = readSync(fd, buffer, read, buffer.length - read, position + read);
      if (got === 0) return false;
      read += got;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Records a listing's output as it is written, into a temporary file that `finish` moves into
 * place (atomically). Never throws: a snapshot that cannot be written is simply not kept.
 */
export class SnapshotRecorder implements OutputCopy {
  private writer: CacheWriter | null;
  private size = 0;
  private head = Buffer.alloc(0);
  private tail = Buffer.alloc(0);
  private readonly checksums = new ChunkChecksums(CHECK_CHUNK);

  private constructor(
    private readonly location: string,
    writer: CacheWriter,
    private readonly maxBytes: number,
  ) {
    this.writer = writer;
  }

  /** Starts recording, or returns null when the file cannot be created. */
  static start(location: string, maxBytes = MAX_SNAPSHOT_BYTES): SnapshotRecorder | null {
    try {
      removeAbandoned(location);
      const writer = new CacheWriter(`${location}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`, Buffer.alloc(0));
      return new SnapshotRecorder(location, writer, maxBytes);
    } catch {
      return null;
    }
  }

  /** Appends output (written at once: the caller may reuse the buffer); past `maxBytes` in all, drops the recording. */
  add(chunk: Buffer | string): void {
    if (this.writer === null) return;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.size += bytes.length;
    if (this.size > this.maxBytes) {
      this.discard();
      return;
    }
    if (this.head.length < EDGE) this.head = Buffer.concat([this.head, bytes.subarray(0, EDGE - this.head.length)]);
    this.tail = Buffer.concat([this.tail, bytes.subarray(Math.max(0, bytes.length - EDGE))]).subarray(-EDGE);
    try {
      this.checksums.add(bytes);
      this.writer.write(bytes);
      this.writer.flush();
    } catch {
      this.discard();
    }
  }

  /**
   * Keeps the recording for the request `key`, the walk `digest` and the stderr text, unless a
   * file had changed within 2 s before its stamp was taken (`stampedAtMs`: a same-size rewrite in
   * the same timestamp tick would go unseen); otherwise, or on any error, drops it.
   */
  finish(key: string, digest: string, newestChangeMs: number, stderr: string, stampedAtMs: number): void {
    const writer = this.writer;
    if (writer === null) return;
    if (changedTooRecently(newestChangeMs, stampedAtMs)) {
      this.discard();
      return;
    }
    try {
      const length = this.size;
      const edges = edgesOf(this.head, this.tail);
      writer.write(Buffer.from(`${JSON.stringify({ format: FORMAT, version: VERSION, key, digest, length, edges, checksums: this.checksums.finish(), stderr, stderrChecksum: crc32(Buffer.from(stderr)) })}\n`));
      writer.finishWithOffset(length, this.location);
      this.writer = null;
    } catch {
      this.discard();
    }
  }

  /** Drops the recording. */
  discard(): void {
    this.writer?.discard();
    this.writer = null;
  }
}
