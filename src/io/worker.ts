// Worker thread: runs its task over batches of files and posts the results back in order.
import { parentPort, workerData } from 'node:worker_threads';
import type { FileRef } from './process-file.js';
import { taskRunner, type WorkerTask } from './worker-tasks.js';

const run = await taskRunner(workerData as WorkerTask);

parentPort!.on('message', (batch: { id: number; files: FileRef[] }) => {
  parentPort!.postMessage({ id: batch.id, results: batch.files.map(run) });
});
