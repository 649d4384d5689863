// Spreads per-file work over worker threads and hands the results back in input order.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileRef } from './loaded.js';
import type { BatchOutcome, WorkerTask } from './worker-tasks.js';

const BATCH = 200;
/** Below this many files the start-up of workers costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 1500;

/** How many workers to use for `count` files: `jobs` when set, else one per core, none for small inputs. */
export function workerCount(count: number, jobs: number | undefined): number {
  if (jobs !== undefined) return Math.max(0, Math.min(jobs, 64));
  if (count < MIN_FILES_FOR_WORKERS) return 0;
  return Math.max(0, Math.min(availableParallelism(), 8));
}

/**
 * Worker threads running one task over files pushed in batches. Files can be pushed while the
 * walk is still going, so the workers start (and load their code) early; results come back in
 * push order.
 */
export class WorkerPool<Result> {
  private readonly threads: Worker[] = [];
  private readonly inFlight = new Map<Worker, number>();
  private readonly batches: FileRef[][] = [];
  private readonly done = new Map<number, Result[]>();
  private current: FileRef[] = [];
  private nextToSend = 0;
  private ended = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private closing = false;

  /** `unpack` turns what a worker posts for a batch into its results (by default, its results as posted). */
  constructor(
    task: WorkerTask,
    workers: number,
    unpack: (outcome: BatchOutcome) => Result[] = (outcome) => outcome.results as Result[],
  ) {
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: task });
      worker.on('message', (message: { id: number; outcome: BatchOutcome }) => {
        this.done.set(message.id, unpack(message.outcome));
        this.inFlight.set(worker, (this.inFlight.get(worker) ?? 1) - 1);
        this.dispatch();
        this.wake?.();
      });
      worker.on('error', (error) => {
        this.failure = error;
        this.wake?.();
      });
      // A worker that stops without an error event (killed, out of memory) must not leave results() waiting.
      worker.on('exit', (code) => {
        if (!this.closing) {
          this.failure ??= new Error(`a worker thread stopped unexpectedly (exit code ${code})`);
          this.wake?.();
        }
      });
      this.threads.push(worker);
      this.inFlight.set(worker, 0);
    }
  }

  /** Queues one file. */
  push(ref: FileRef): void {
    this.current.push(ref);
    if (this.current.length >= BATCH) this.seal();
  }

  /** Says no more files will come. */
  end(): void {
    this.ended = true;
    this.seal();
  }

  private seal(): void {
    if (this.current.length === 0) return;
    this.batches.push(this.current);
    this.current = [];
    this.dispatch();
  }

  // Two batches in flight per worker keep it busy while the main thread handles results.
  private dispatch(): void {
    for (const worker of this.threads) {
      while (this.nextToSend < this.batches.length && (this.inFlight.get(worker) ?? 0) < 2) {
        worker.postMessage({ id: this.nextToSend, files: this.batches[this.nextToSend] });
        this.batches[this.nextToSend] = [];
        this.nextToSend++;
        this.inFlight.set(worker, (this.inFlight.get(worker) ?? 0) + 1);
      }
    }
  }

  /** Yields one result per pushed file, in push order; call after end(). */
  async *results(): AsyncGenerator<Result> {
    if (!this.ended) this.end();
    for (let id = 0; id < this.batches.length; id++) {
      while (!this.done.has(id)) {
        if (this.failure) throw this.failure;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
      }
      const results = this.done.get(id)!;
      this.done.delete(id);
      yield* results;
    }
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.threads.map((worker) => worker.terminate()));
  }
}

/** How many pushed files between two pauses that let the pool's messages in. */
const YIELD_EVERY = 256;

/**
 * Takes files as a walk finds them and hands them to a worker pool, started once enough have
 * come (at once with `jobs` > 0, never with `jobs` 0, as workerCount decides); until then, and
 * for small inputs, it keeps them to be run on this thread. The walk runs on this thread, so
 * awaiting what `push` returns lets finished workers get their next batch while it goes on.
 */
export class PoolFeeder<Result> {
  private pool: WorkerPool<Result> | null = null;
  private readonly here: FileRef[] = [];
  private pushed = 0;
  /** Worker threads started (0 when everything runs on this thread). */
  workers = 0;

  constructor(
    private readonly task: WorkerTask,
    private readonly jobs: number | undefined,
    private readonly unpack?: (outcome: BatchOutcome) => Result[],
  ) {
    if (jobs !== undefined && jobs > 0) this.start(workerCount(0, jobs));
  }

  /** Queues one file; returns a promise to await when it is time to let the workers' messages in. */
  push(ref: FileRef): Promise<void> | undefined {
    this.pushed++;
    if (this.pool) {
      this.pool.push(ref);
      return this.pushed % YIELD_EVERY === 0 ? new Promise<void>((resolve) => setImmediate(resolve)) : undefined;
    }
    this.here.push(ref);
    if (this.jobs === undefined && this.pushed === MIN_FILES_FOR_WORKERS) this.start(workerCount(this.pushed, undefined));
    return undefined;
  }

  /** One result per pushed file, in push order: from the workers, or from `runHere` on this thread. */
  results(runHere: (ref: FileRef) => Result): AsyncIterator<Result> | Iterator<Result> {
    if (this.pool) return this.pool.results();
    const refs = this.here;
    return (function* () {
      for (const ref of refs) yield runHere(ref);
    })();
  }

  /** Stops the workers, if any were started. */
  async close(): Promise<void> {
    await this.pool?.close();
  }

  private start(count: number): void {
    this.workers = count;
    this.pool = new WorkerPool<Result>(this.task, count, this.unpack);
    for (const ref of this.here) this.pool.push(ref);
    this.here.length = 0;
  }
}
