// Worker thread: runs its task over batches of files and posts the results back in order.
import { parentPort, workerData } from 'node:worker_threads';
import type { FileRef } from './process-file.js';
import { taskRunner, type WorkerTask } from './worker-tasks.js';

const run = await taskRunner(workerData as WorkerTask);

parentPort!.on('message', (batch: { id: number; files: FileRef[] }) => {
  const results = batch.files.map(run);
  // Record bytes are moved to the main thread, not copied.
  const transfer: ArrayBuffer[] = [];
  for (const result of results) {
    if ('kind' in result && result.kind === 'article' && typeof result.json !== 'string') transfer.push(result.json.buffer as ArrayBuffer);
  }
  parentPort!.postMessage({ id: batch.id, results }, transfer);
});
