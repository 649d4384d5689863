// The per-file tasks a worker thread can run, described as plain data so they cross threads.
import path from 'node:path';
import { Taxonomy, type Topic } from '../core/taxonomy.js';
import type { DocumentOutcome, FileSource, RuleSetting } from '../core/validate.js';
import type { YamlLimits } from '../core/yaml.js';
import { loadFile, type FileOptions, type FileRef, type LoadedResult } from './process-file.js';
import { DEFAULT_MAX_FILE_SIZE, readFileBytes } from './read.js';

export interface LoadTask {
  kind: 'load';
  topics: Topic[] | null;
  keepBody: boolean;
  summaryExcerpt: boolean;
  maxFileSize: number;
  limits?: YamlLimits;
}

export interface ValidateTask {
  kind: 'validate';
  topics: Topic[] | null;
  maxFileSize: number;
  /** The validation clock, epoch milliseconds. */
  now: number;
  settings: Array<[string, RuleSetting]>;
  limits?: YamlLimits;
}

export type WorkerTask = LoadTask | ValidateTask;

/** Reads a file for validate: its bytes, or why they could not be read. */
export function readSource(ref: FileRef, maxFileSize: number): FileSource {
  const fileName = path.basename(ref.file);
  const read = readFileBytes(ref.file, maxFileSize);
  if (!read.ok) return { path: ref.shown, fileName, failure: { code: read.code, message: read.message } };
  return { path: ref.shown, fileName, bytes: read.bytes };
}

/** Turns a task description into the function that runs it on one file (loading only the code it needs). */
export async function taskRunner(task: WorkerTask): Promise<(ref: FileRef) => LoadedResult | DocumentOutcome> {
  const taxonomy = task.topics ? new Taxonomy(task.topics) : null;
  if (task.kind === 'load') {
    // Records cross back as UTF-8 bytes, each in a buffer of its own (Buffer.from may share an
    // 8 KiB pool slab, all of it copied): half the memory of JSON text on the main thread, and off its heap.
    const options: FileOptions = {
      taxonomy,
      keepBody: task.keepBody,
      summaryExcerpt: task.summaryExcerpt,
      maxFileSize: task.maxFileSize,
      limits: task.limits,
      jsonAsBytes: true,
    };
    return (ref) => loadFile(ref, options);
  }
  const { validateDocument } = await import('../core/validate.js');
  const options = { now: new Date(task.now), taxonomy, settings: new Map(task.settings), limits: task.limits };
  const maxFileSize = task.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  return (ref) => validateDocument(readSource(ref, maxFileSize), options);
}
