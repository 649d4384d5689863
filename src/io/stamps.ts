// File stamps (size, mtime, ctime, inode) that tell the cache whether a file changed.
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FileStamp } from './cache.js';

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
 * Stats files on a worker thread while this thread does something else (reads the cache);
 * resolves to one stamp (or null) per file, in order. Rejects if the worker fails.
 */
export function stampsInWorker(files: readonly string[]): Promise<Array<FileStamp | null>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./stat-worker.js', import.meta.url), { workerData: files });
    worker.once('message', (packed: Float64Array) => {
      const stamps: Array<FileStamp | null> = [];
      for (let i = 0; i < files.length; i++) {
        const size = packed[i * 4]!;
        stamps.push(Number.isNaN(size) ? null : { size, mtimeMs: packed[i * 4 + 1]!, ctimeMs: packed[i * 4 + 2]!, ino: packed[i * 4 + 3]! });
      }
      resolve(stamps);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`stat worker exited with code ${code}`)));
  });
}
