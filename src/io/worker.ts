// Worker thread: loads batches of files and posts the results back in the order given.
import { parentPort, workerData } from 'node:worker_threads';
import { Taxonomy, type Topic } from '../core/taxonomy.js';
import { loadFile, type FileOptions, type FileRef } from './process-file.js';

interface WorkerSetup {
  topics: Topic[] | null;
  keepBody: boolean;
  maxFileSize: number;
  limits?: FileOptions['limits'];
}

const setup = workerData as WorkerSetup;
const options: FileOptions = {
  taxonomy: setup.topics ? new Taxonomy(setup.topics) : null,
  keepBody: setup.keepBody,
  maxFileSize: setup.maxFileSize,
  limits: setup.limits,
};

parentPort!.on('message', (batch: { id: number; files: FileRef[] }) => {
  const results = batch.files.map((ref) => loadFile(ref, options));
  parentPort!.postMessage({ id: batch.id, results });
});
