// File stamps (size, mtime, ctime, inode) that tell the cache whether a file changed.
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FileStamp } from './cache.js';
import { MIN_FILES_FOR_WORKERS, workerCount } from './pool.js';
import { walkInputs, type WalkEntry } from './walk.js';

/**
 * A file changed this recently (see lastChangeMs) is not trusted by its stamp: a same-size
 * rewrite within the file system's timestamp granularity (up to 2 s on some) would keep size,
 * mtime, ctime and inode. The record cache, listing snapshots and validate's cache all go by it.
 * FEEDTOOL_RACY_WINDOW_MS sets another window in milliseconds (0 trusts every stamp: for the
 * tests, which cannot date a file's ctime back, or a pipeline that lists files it has just written
 * and never rewrites them within the window).
 */
export const RACY_WINDOW_MS = racyWindow(process.env.FEEDTOOL_RACY_WINDOW_MS);

function racyWindow(value: string | undefined): number {
  if (value === undefined || !/^\s*\d{1,9}\s*$/.test(value)) return 2000;
  return Number(value);
}

/**
 * When a file last changed, as far as its stamp tells: the later of its mtime and ctime. The
 * mtime alone can be set back (`cp -p`, `rsync -t`, `tar x`, `touch -d`) by a rewrite made just
 * now; the ctime cannot, and moves with every rewrite.
 */
export function lastChangeMs(stamp: Pick<FileStamp, 'mtimeMs' | 'ctimeMs'>): number {
  return Math.max(stamp.mtimeMs, stamp.ctimeMs);
}

/**
 * True when a change at `changedMs` is too recent at `nowMs` to trust the stamp (see
 * RACY_WINDOW_MS). A window of 0 trusts everything, also a change a fraction of a millisecond
 * after a clock read in whole milliseconds.
 */
export function changedTooRecently(changedMs: number, nowMs: number): boolean {
  return RACY_WINDOW_MS > 0 && nowMs - changedMs < RACY_WINDOW_MS;
}

/** Files sent to the stat worker in one message. */
const CHUNK = 1024;
/** Files stat-ed here between two looks at the worker's answers. */
const STEAL = 256;

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
 * while this thread walks on (and reads the cache), then takes its share from the end (see
 * stamps); otherwise they are all stat-ed here at the end.
 */
export class StampCollector {
  private readonly files: string[] = [];
  private worker: Worker | null = null;
  private sent = 0;
  private readonly answers: Float64Array[] = [];
  /** How many files the answers so far cover, from the first. */
  private answered = 0;
  private failed = false;
  private closed = false;

  /** `workerScript` is the stat worker's module (another only in tests). */
  constructor(
    private readonly jobs: number | undefined,
    private readonly workerScript: URL = new URL('./stat-worker.js', import.meta.url),
  ) {
    if (jobs !== undefined && jobs > 0) this.start();
  }

  /** Adds the next file of the walk. */
  push(file: string): void {
    this.files.push(file);
    if (this.worker) {
      if (this.files.length - this.sent >= CHUNK) this.send();
    } else if (this.jobs === undefined && this.files.length === MIN_FILES_FOR_WORKERS && workerCount(this.files.length, undefined) > 0) {
      this.start();
    }
  }

  /** True when a worker thread did (or was started to do) the stat calls. */
  get onWorker(): boolean {
    return this.worker !== null;
  }

  /**
   * One stamp (or null) per pushed file, in push order. While the worker stats the chunks sent
   * from the first on, this thread stats from the last file back, a slice at a time, until the
   * two meet. Never rejects: a failed worker's share is stat-ed here.
   */
  async stamps(): Promise<StampTable> {
    const packed = new Float64Array(this.files.length * 4);
    // Files from `end` on are stat-ed here.
    let end = this.files.length;
    if (this.worker) {
      while (!this.failed && this.answered < end) {
        const from = Math.max(this.answered, end - STEAL);
        this.stampHere(packed, from, end);
        end = from;
        // Lets the worker's answers in.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    await this.close();
    // Answers come in the order the chunks were sent; after a failure, the files of the
    // missing ones are stat-ed here.
    let filled = 0;
    for (const answer of this.answers) {
      if (filled >= end) break;
      const count = Math.min(answer.length / 4, end - filled);
      packed.set(answer.subarray(0, count * 4), filled * 4);
      filled += count;
    }
    this.stampHere(packed, filled, end);
    return new StampTable(packed);
  }

  private stampHere(packed: Float64Array, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const stamp = stampOf(this.files[i]!);
      if (stamp) {
        packed[i * 4] = stamp.size;
        packed[i * 4 + 1] = stamp.mtimeMs;
        packed[i * 4 + 2] = stamp.ctimeMs;
        packed[i * 4 + 3] = stamp.ino;
      } else packed[i * 4] = Number.NaN;
    }
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
    const worker = new Worker(this.workerScript);
    this.worker = worker;
    worker.on('message', (packed: Float64Array) => {
      this.answers.push(packed);
      this.answered += packed.length / 4;
    });
    const fail = (): void => {
      this.failed = true;
    };
    worker.once('error', fail);
    worker.once('exit', fail);
    this.send();
  }

  // Sends the files not sent yet in whole chunks of CHUNK; the rest are stat-ed here.
  private send(): void {
    while (this.files.length - this.sent >= CHUNK) {
      const chunk = this.files.slice(this.sent, this.sent + CHUNK);
      this.worker!.postMessage(chunk);
      this.sent += chunk.length;
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
