// Reads every file validate is given and checks it, on worker threads for large inputs.
import path from 'node:path';
import { validateDocument, type DocumentOutcome, type FileResult, type FileSource, type ValidateOptions } from '../core/validate.js';
import type { FileFacts } from '../rules/types.js';
import { PoolFeeder } from './pool.js';
import type { FileRef } from './loaded.js';
import { DEFAULT_MAX_FILE_SIZE, readStreamBytes } from './read.js';
import { readSource, type ValidateTask } from './worker-tasks.js';
import { walkInputs, type WalkEntry } from './walk.js';
import type { FileStamp } from './cache.js';
import { stampOf, startWalk, type StampTable } from './stamps.js';
import type { ValidateCache } from './validate-cache.js';

/** The path standard input is reported under. */
const STDIN_PATH = '<stdin>';

export interface ValidateFilesOptions {
  /** --ignore patterns: files and folders the walk leaves out (see ignoreTest). */
  ignore?: readonly string[];
  maxFileSize?: number;
  /** Opens standard input, called only when an input is `-`. */
  stdin?: () => NodeJS.ReadableStream;
  /** Worker threads; undefined chooses by input size and cores. */
  jobs?: number;
  /** Called once per file checked (progress display). */
  onFile?: () => void;
  validate: ValidateOptions;
  /** The cache of per-file outcomes to read and update (validate --cache), if any. */
  cache?: ValidateCache | null;
}

/** Per-file results in walk order, the facts the cross-file rules need, and which rules crashed. */
export interface ValidatedFiles {
  results: FileResult[];
  facts: FileFacts[];
  crashedRules: Set<string>;
  /** How many files were taken from the cache. */
  fromCache: number;
  /** Inputs named on the command line that match nothing (reported as unreadable too): the run exits 2. */
  missingInputs: string[];
  /** True when the files were stat-ed for the cache on a worker thread. */
  statWorker: boolean;
  /** True when the cache could not be written. */
  cacheNotWritten?: boolean;
}

async function readStdinSource(stdin: NodeJS.ReadableStream, maxFileSize: number): Promise<{ source: FileSource; missingInput: boolean }> {
  const read = await readStreamBytes(stdin, maxFileSize);
  if (!read.ok) return { source: { path: STDIN_PATH, fileName: null, failure: { code: read.code, message: read.message } }, missingInput: read.missingInput === true };
  return { source: { path: STDIN_PATH, fileName: null, bytes: read.bytes }, missingInput: false };
}

/**
 * Walks the inputs (`-` is standard input) and checks every file found with the document
 * rules, keeping only each file's problems and its few cross-file facts. Large inputs are
 * checked on worker threads (`jobs`), with results in walk order.
 */
export async function validateFiles(inputs: readonly string[], options: ValidateFilesOptions): Promise<ValidatedFiles> {
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const done: ValidatedFiles = { results: [], facts: [], crashedRules: new Set(), fromCache: 0, missingInputs: [], statWorker: false };
  const cache = options.cache ?? null;
  const record = (outcome: DocumentOutcome): void => {
    options.onFile?.();
    done.results.push(outcome.result);
    if (outcome.facts) done.facts.push(outcome.facts);
    for (const id of outcome.crashed) done.crashedRules.add(id);
  };
  const paths = inputs.filter((input) => input !== '-');
  if (paths.length !== inputs.length) {
    const stdin = await readStdinSource(options.stdin?.() ?? process.stdin, maxFileSize);
    // Standard input redirected from a folder fails the run, as a path given that names no file does.
    if (stdin.missingInput) done.missingInputs.push(STDIN_PATH);
    record(validateDocument(stdin.source, options.validate));
  }
  if (paths.length === 0 && inputs.length > 0) return done;

  const task: ValidateTask = {
    kind: 'validate',
    topics: options.validate.taxonomy ? [...options.validate.taxonomy.topics] : null,
    maxFileSize,
    now: options.validate.now.getTime(),
    settings: [...(options.validate.settings ?? new Map())],
    limits: options.validate.limits,
  };
  // Workers start as soon as the walk has found enough files to need them (or at once with
  // --jobs), so their start-up overlaps the rest of the walk.
  const feeder = new PoolFeeder<DocumentOutcome>(task, options.jobs);
  const entries: Array<{ problem: FileSource } | { cached: DocumentOutcome } | { ref: FileRef; stamp: FileStamp | null }> = [];
  let checked: AsyncIterator<DocumentOutcome> | Iterator<DocumentOutcome> | null = null;
  // With outcomes in the cache, the walk comes first, handing the files to a worker thread that
  // stats them while this one walks on: on a warm run the stat calls are the largest cost. A
  // cold run stats each file as the walk finds it, so the workers get it at once.
  let walked: WalkEntry[] | null = null;
  let stamps: StampTable | null = null;
  let fileIndex = 0;
  try {
    if (cache?.hasEntries) {
      const started = await startWalk(paths, options.jobs, options.ignore);
      walked = started.walked;
      done.statWorker = started.stamper.onWorker;
      stamps = await started.stamper.stamps();
    }
    for (const entry of walked ? releasing(walked) : walkInputs(paths, options.ignore)) {
      if (entry.kind === 'problem') {
        const { path: shown, message } = entry.diagnostic;
        if (entry.diagnostic.missingInput) done.missingInputs.push(shown);
        entries.push({ problem: { path: shown, fileName: path.basename(shown), failure: { code: 'unreadable', message } } });
        continue;
      }
      const ref = { file: entry.absolute, shown: entry.shown };
      const stamp = cache ? (stamps ? stamps.at(fileIndex++) : stampOf(entry.absolute)) : null;
      const cached = cache && stamp ? cache.get(entry.absolute, stamp, entry.shown) : undefined;
      if (cached) {
        entries.push({ cached });
        done.fromCache++;
        continue;
      }
      entries.push({ ref, stamp });
      const pause = feeder.push(ref);
      if (pause) await pause;
    }
    checked = feeder.results((ref) => validateDocument(readSource(ref, maxFileSize), options.validate));
    for (const entry of entries) {
      if ('problem' in entry) {
        record(validateDocument(entry.problem, options.validate));
        continue;
      }
      if ('cached' in entry) {
        record(entry.cached);
        continue;
      }
      const next = await checked.next();
      if (next.done) throw new Error('internal error: fewer results than files');
      if (cache && entry.stamp) cache.set(entry.ref.file, entry.stamp, next.value);
      record(next.value);
    }
    cache?.save();
    if (cache?.notWritten) done.cacheNotWritten = true;
  } finally {
    // Ends the worker threads, also when the walk or a consumer stops early; a cache file begun
    // but not saved is removed.
    cache?.discard();
    await checked?.return?.(undefined);
    await feeder.close();
  }
  return done;
}

/** Yields the entries of a prewalk, dropping each from it once taken, so none outlives its use. */
function* releasing(entries: Array<WalkEntry | null>): Generator<WalkEntry> {
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index]!;
    entries[index] = null;
    yield entry;
  }
}
