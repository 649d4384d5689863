// Worker thread: runs its task over batches of files and posts the results back in order.
import { parentPort, workerData } from 'node:worker_threads';
import type { FileRef } from './loaded.js';
import { batchRunner, type WorkerTask } from './worker-tasks.js';

const run = await batchRunner(workerData as WorkerTask);

parentPort!.on('message', (batch: { id: number; files: FileRef[] }) => {
  const outcome = run(batch.files);
  // The packed record bytes are moved to the main thread, not copied.
  parentPort!.postMessage({ id: batch.id, outcome }, outcome.bytes ? [outcome.bytes] : []);
});
