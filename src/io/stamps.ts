// File stamps (size, mtime, ctime, inode) that tell the cache whether a file changed.
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FileStamp } from './cache.js';
import { MIN_FILES_FOR_WORKERS, workerCount } from './pool.js';
import { walkInputs, type WalkEntry } from './walk.js';

/**
 * A file changed this recently is not trusted by its stamp: a same-size rewrite within the file
 * system's timestamp granularity (up to 2 s on some) would keep size, mtime, ctime and inode.
 * The record cache, listing snapshots and validate's cache all go by it.
 */
export const RACY_WINDOW_MS = 2000;

/** Files sent to the stat worker in one message. */
const CHUNK = 1024;

/** The stamp of one file, or null when it cannot be stat-ed. */
export function stampOf(file: string): FileStamp | null {
  try {
    const info = statSync(file);
    return { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino };
  } catch {
    return null;
  }
}

/**
 * Stats files as a walk finds them. Once enough have come (workerCount's rule: at once with
 * `--jobs` > 0, never with `--jobs 0`), they go in chunks to a worker thread, which stats them
 * while this thread walks on and then reads the cache; otherwise they are stat-ed here at the end.
 */
export class StampCollector {
  private readonly files: string[] = [];
  private worker: Worker | null = null;
  private sent = 0;
  private messages = 0;
  private readonly answers: Float64Array[] = [];
  private failed = false;
  private closed = false;
  private wake: (() => void) | null = null;

  constructor(private readonly jobs: number | undefined) {
    if (jobs !== undefined && jobs > 0) this.start();
  }

  /** Adds the next file of the walk. */
  push(file: string): void {
    this.files.push(file);
    if (this.worker) {
      if (this.files.length - this.sent >= CHUNK) this.send(false);
    } else if (this.jobs === undefined && this.files.length === MIN_FILES_FOR_WORKERS && workerCount(this.files.length, undefined) > 0) {
      this.start();
    }
  }

  /** True when a worker thread did (or was started to do) the stat calls. */
  get onWorker(): boolean {
    return this.worker !== null;
  }

  /** One stamp (or null) per pushed file, in push order. Never rejects: a failed worker's share is stat-ed here. */
  async stamps(): Promise<StampTable> {
    if (this.worker && !this.failed) {
      this.send(true);
      while (this.answers.length < this.messages && !this.failed) await new Promise<void>((resolve) => (this.wake = resolve));
    }
    await this.close();
    // Answers come in the order the chunks were sent; after a failure, the files of the
    // missing ones are stat-ed here.
    const packed = new Float64Array(this.files.length * 4);
    let filled = 0;
    for (const answer of this.answers) {
      packed.set(answer, filled * 4);
      filled += answer.length / 4;
    }
    for (let i = filled; i < this.files.length; i++) {
      const stamp = stampOf(this.files[i]!);
      if (stamp) packed.set([stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino], i * 4);
      else packed[i * 4] = Number.NaN;
    }
    return new StampTable(packed);
  }

  /** Stops the worker, if one was started: it must never outlive the command. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (worker && !this.closed) {
      this.closed = true;
      this.failed = true;
      await worker.terminate();
    }
  }

  private start(): void {
    const worker = new Worker(new URL('./stat-worker.js', import.meta.url));
    this.worker = worker;
    worker.on('message', (packed: Float64Array) => {
      this.answers.push(packed);
      this.wake?.();
    });
    const fail = (): void => {
      this.failed = true;
      this.wake?.();
    };
    worker.once('error', fail);
    worker.once('exit', fail);
    this.send(false);
  }

  // Sends the files not sent yet in chunks of CHUNK; the last, shorter one only when `all`.
  private send(all: boolean): void {
    while (this.files.length - this.sent >= (all ? 1 : CHUNK)) {
      const chunk = this.files.slice(this.sent, this.sent + CHUNK);
      this.worker!.postMessage(chunk);
      this.sent += chunk.length;
      this.messages++;
    }
  }
}

/**
 * Stamps of many files, four numbers each (a NaN size: the file could not be stat-ed). Kept
 * packed, not as one object per file: a warm run over a huge tree would otherwise hold (and the
 * garbage collector copy) one more object per file until the end of the walk.
 */
export class StampTable {
  constructor(private readonly packed: Float64Array) {}

  /** All the stamps, four numbers per file (see above). */
  get all(): Float64Array {
    return this.packed;
  }

  /** The stamp of file `i`, or null when it could not be stat-ed (or `i` is out of range). */
  at(i: number): FileStamp | null {
    const size = this.packed[i * 4];
    if (size === undefined || Number.isNaN(size)) return null;
    return { size, mtimeMs: this.packed[i * 4 + 1]!, ctimeMs: this.packed[i * 4 + 2]!, ino: this.packed[i * 4 + 3]! };
  }
}

/**
 * Walks the inputs and stamps every file, handing them to a worker thread that stats them while
 * the walk goes on (as workerCount decides for `jobs`; never with 0). Returns the collector
 * without waiting for the stamps: its stamps are those of the walk's files, in walk order.
 */
export function startWalk(paths: readonly string[], jobs: number | undefined, ignore: readonly string[] = []): { walked: WalkEntry[]; stamper: StampCollector } | Promise<never> {
  const walked: WalkEntry[] = [];
  const stamper = new StampCollector(jobs);
  try {
    for (const entry of walkInputs(paths, ignore)) {
      walked.push(entry);
      if (entry.kind === 'file') stamper.push(entry.absolute);
    }
  } catch (error) {
    return stamper.close().then(() => Promise.reject(error));
  }
  return { walked, stamper };
}
