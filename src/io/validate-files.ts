// Reads every file validate is given (bounded concurrency) and checks each as it arrives.
import path from 'node:path';
import { validateDocument, type FileResult, type FileSource, type ValidateOptions } from '../core/validate.js';
import type { FileFacts } from '../rules/types.js';
import { readStream } from './load.js';
import { DEFAULT_MAX_FILE_SIZE, readFileBytes } from './read.js';
import { displayPath, walkInputs } from './walk.js';

/** The path standard input is reported under. */
export const STDIN_PATH = '<stdin>';

export interface ValidateFilesOptions {
  maxFileSize?: number;
  stdin?: NodeJS.ReadableStream;
  concurrency?: number;
  validate: ValidateOptions;
}

/** Per-file results in walk order, the facts the cross-file rules need, and which rules crashed. */
export interface ValidatedFiles {
  results: FileResult[];
  facts: FileFacts[];
  crashedRules: Set<string>;
}

async function readSource(file: string, maxFileSize: number): Promise<FileSource> {
  const shown = displayPath(file);
  const fileName = path.basename(file);
  const read = await readFileBytes(file, maxFileSize);
  if (!read.ok) return { path: shown, fileName, failure: { code: read.code, message: read.message } };
  return { path: shown, fileName, bytes: read.bytes };
}

async function readStdinSource(stdin: NodeJS.ReadableStream, maxFileSize: number): Promise<FileSource> {
  try {
    const bytes = await readStream(stdin, maxFileSize);
    if (bytes === null) {
      return { path: STDIN_PATH, fileName: null, failure: { code: 'file-too-large', message: 'standard input is over the --max-file-size limit' } };
    }
    return { path: STDIN_PATH, fileName: null, bytes };
  } catch (error) {
    return { path: STDIN_PATH, fileName: null, failure: { code: 'unreadable', message: `cannot read standard input: ${String((error as Error)?.message ?? error)}` } };
  }
}

/**
 * Walks the inputs (`-` is standard input) and checks every file found with the document
 * rules, keeping only each file's problems and its few cross-file facts.
 */
export async function validateFiles(inputs: readonly string[], options: ValidateFilesOptions): Promise<ValidatedFiles> {
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const limit = Math.max(1, options.concurrency ?? 32);
  const done: ValidatedFiles = { results: [], facts: [], crashedRules: new Set() };
  const pending: Promise<FileSource>[] = [];
  const check = async (): Promise<void> => {
    const outcome = validateDocument(await pending.shift()!, options.validate);
    done.results.push(outcome.result);
    if (outcome.facts) done.facts.push(outcome.facts);
    for (const id of outcome.crashed) done.crashedRules.add(id);
  };
  const paths = inputs.filter((input) => input !== '-');
  if (paths.length !== inputs.length) pending.push(readStdinSource(options.stdin ?? process.stdin, maxFileSize));
  if (paths.length > 0 || inputs.length === 0) {
    for await (const entry of walkInputs(paths)) {
      if (entry.kind === 'problem') {
        const { path: shown, message } = entry.diagnostic;
        pending.push(Promise.resolve({ path: shown, fileName: path.basename(shown), failure: { code: 'unreadable', message } }));
      } else {
        pending.push(readSource(entry.path, maxFileSize));
      }
      while (pending.length >= limit) await check();
    }
  }
  while (pending.length > 0) await check();
  return done;
}
