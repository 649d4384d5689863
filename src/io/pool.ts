// Spreads per-file work over worker threads and hands the results back in input order.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileRef } from './process-file.js';
import type { WorkerTask } from './worker-tasks.js';

const BATCH = 200;
/** Below this many files the start-up of workers costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 1500;

/** How many workers to use for `count` files: `jobs` when set, else one per core, none for small inputs. */
export function workerCount(count: number, jobs: number | undefined): number {
  if (jobs !== undefined) return Math.max(0, Math.min(jobs, 64));
  if (count < MIN_FILES_FOR_WORKERS) return 0;
  return Math.max(0, Math.min(availableParallelism(), 8));
}

/** Runs a task over files on `workers` worker threads; yields one result per file, in the order of `refs`. */
export async function* runInWorkers<Result>(refs: readonly FileRef[], task: WorkerTask, workers: number): AsyncGenerator<Result> {
  const batches: FileRef[][] = [];
  for (let i = 0; i < refs.length; i += BATCH) batches.push(refs.slice(i, i + BATCH));
  const done = new Map<number, Result[]>();
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  let next = 0;
  const threads: Worker[] = [];
  const send = (worker: Worker) => {
    if (next < batches.length) {
      worker.postMessage({ id: next, files: batches[next] });
      next++;
    }
  };
  for (let i = 0; i < Math.min(workers, batches.length); i++) {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: task });
    worker.on('message', (message: { id: number; results: Result[] }) => {
      done.set(message.id, message.results);
      send(worker);
      wake?.();
    });
    worker.on('error', (error) => {
      failure = error;
      wake?.();
    });
    threads.push(worker);
    // Two batches in flight per worker keep it busy while the main thread handles results.
    send(worker);
    send(worker);
  }
  try {
    for (let id = 0; id < batches.length; id++) {
      while (!done.has(id)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
      const results = done.get(id)!;
      done.delete(id);
      yield* results;
    }
  } finally {
    await Promise.all(threads.map((worker) => worker.terminate()));
  }
}
