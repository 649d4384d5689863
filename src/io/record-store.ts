// Holds record JSON until it is written: in memory for ordinary inputs, in a temporary file for huge ones.
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeferredRecord, FileRecord, type RecordJson } from './loaded.js';
import { readAt } from './read.js';
import { isBatchView } from './record-pack.js';

const CHUNK_SIZE = 4 * 1024 * 1024;

/** Records kept in memory before the store moves them to a temporary file. */
export const SPILL_AFTER = 20_000;

/**
 * An append-only store of serialised records. Past `spillAfter` records it writes them to a
 * temporary file and keeps only their offsets, so memory stays flat however many articles a
 * listing holds until it is sorted. The file has no name on disk once open; close() releases it.
 */
export class RecordStore {
  // Per handle: the record in memory, a DeferredRecord (left in its file, or not made yet), or
  // null once it lies in the spill file at offsets[handle].
  private readonly records: Array<string | Buffer | DeferredRecord | null> = [];
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];
  private inMemory = 0;
  private fd: number | null = null;
  private chunk: Buffer | null = null;
  private chunkUsed = 0;
  private size = 0;

  private readonly spillAfter: number;
  private readonly copyBatchViews: boolean;

  /**
   * `keepsEveryRecord`: the caller keeps every record it is given (no filter), so whole worker
   * batches stay alive anyway and their views need no copy.
   */
  constructor(options: { spillAfter?: number; keepsEveryRecord?: boolean } = {}) {
    this.spillAfter = options.spillAfter ?? SPILL_AFTER;
    this.copyBatchViews = options.keepsEveryRecord !== true;
  }

  /** Adds a record and returns its handle. */
  add(json: RecordJson): number {
    const handle = this.records.length;
    this.offsets.push(-1);
    this.lengths.push(0);
    if (json instanceof DeferredRecord) {
      this.records.push(json);
      return handle;
    }
    if (this.fd === null && this.inMemory >= this.spillAfter) this.spill();
    if (this.fd === null) {
      this.records.push(typeof json === 'string' || !this.copyBatchViews || !isBatchView(json) ? json : this.keep(json));
      this.inMemory++;
    } else {
      this.records.push(null);
      this.append(handle, typeof json === 'string' ? Buffer.from(json) : json);
    }
    return handle;
  }

  /**
   * Copies bytes into the store's own chunks. Records from workers are views of their batch's
   * buffer; keeping the views would keep every batch that holds one kept record (a selective
   * filter over a huge tree would hold all of them), while a copy keeps exactly the bytes kept.
   * Records from the cache stay views: the cache file's bytes are held for the whole run anyway.
   */
  private keep(bytes: Buffer): Buffer {
    if (bytes.length > CHUNK_SIZE / 4) return Buffer.from(bytes);
    if (this.chunk === null || this.chunkUsed + bytes.length > this.chunk.length) {
      this.chunk = Buffer.allocUnsafeSlow(CHUNK_SIZE);
      this.chunkUsed = 0;
    }
    const start = this.chunkUsed;
    this.chunkUsed += bytes.copy(this.chunk, start);
    return this.chunk.subarray(start, this.chunkUsed);
  }

  /** The record behind a handle. */
  get(handle: number): string | Buffer {
    const record = this.records[handle];
    if (record instanceof DeferredRecord) return record.bytes();
    if (record !== null && record !== undefined) return record;
    const bytes = readAt(this.fd!, this.offsets[handle]!, this.lengths[handle]!);
    if (bytes === null) throw new Error('temporary record file ended early');
    return bytes;
  }

  /** The length in bytes of the record behind a handle, without reading it. */
  lengthOf(handle: number): number {
    const record = this.records[handle];
    if (record instanceof FileRecord) return record.length;
    if (record instanceof DeferredRecord) return record.bytes().length;
    if (typeof record === 'string') return Buffer.byteLength(record);
    return record ? record.length : this.lengths[handle]!;
  }

  /** True once records live in a temporary file. */
  get spilled(): boolean {
    return this.fd !== null;
  }

  private spill(): void {
    // The file is unlinked as soon as it is open: only the descriptor keeps it, so nothing is
    // left behind even when the process is killed or exits early (a closed pipe).
    const dir = mkdtempSync(path.join(tmpdir(), 'feedtool-'));
    const file = path.join(dir, 'records');
    this.fd = openSync(file, 'w+', 0o600);
    rmSync(dir, { recursive: true, force: true });
    this.records.forEach((record, handle) => {
      if (record === null || record instanceof DeferredRecord) return;
      this.append(handle, typeof record === 'string' ? Buffer.from(record) : record);
      this.records[handle] = null;
    });
    this.inMemory = 0;
    this.chunk = null;
  }

  private append(handle: number, bytes: Buffer): void {
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd!, bytes, written, bytes.length - written, this.size + written);
    this.offsets[handle] = this.size;
    this.lengths[handle] = bytes.length;
    this.size += bytes.length;
  }

  /** Releases the temporary file, if any. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
