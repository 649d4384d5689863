// Spreads file loading over worker threads and hands the results back in input order.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Topic } from '../core/taxonomy.js';
import { loadFile, type FileOptions, type FileRef, type LoadedResult } from './process-file.js';

export type FileResult = LoadedResult & { size?: number; mtimeMs?: number };

export interface PoolSetup {
  topics: Topic[] | null;
  keepBody: boolean;
  maxFileSize: number;
  limits?: FileOptions['limits'];
}

const BATCH = 200;
/** Below this many files the start-up of workers costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 1500;

/** How many workers to use for `count` files: `jobs` when set, else one per core, none for small inputs. */
export function workerCount(count: number, jobs: number | undefined): number {
  if (jobs !== undefined) return Math.max(0, Math.min(jobs, 64));
  if (count < MIN_FILES_FOR_WORKERS) return 0;
  return Math.max(0, Math.min(availableParallelism(), 8));
}

/** Loads files on the calling thread, in order. */
export function* loadInThread(refs: readonly FileRef[], options: FileOptions): Generator<FileResult> {
  for (const ref of refs) yield loadFile(ref, options);
}

/** Loads files on `workers` worker threads; yields results in the order of `refs`. */
export async function* loadInWorkers(refs: readonly FileRef[], setup: PoolSetup, workers: number): AsyncGenerator<FileResult> {
  const batches: FileRef[][] = [];
  for (let i = 0; i < refs.length; i += BATCH) batches.push(refs.slice(i, i + BATCH));
  const done = new Map<number, FileResult[]>();
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
    const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: setup });
    worker.on('message', (message: { id: number; results: FileResult[] }) => {
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
