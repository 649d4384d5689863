// The per-file tasks a worker thread can run, described as plain data so they cross threads.
import path from 'node:path';
import { Taxonomy, type Topic } from '../core/taxonomy.js';
import type { DocumentOutcome, FileSource, RuleSetting } from '../core/validate.js';
import type { YamlLimits } from '../core/yaml.js';
import type { ArticleSummary } from '../core/summary.js';
import { RECORD_NOT_MADE, SortKeySummary, type FileRef, type LoadedResult } from './loaded.js';
import type { FileOptions } from './process-file.js';
import { RecordPacker, unpackJson, type PackedJson } from './record-pack.js';
import { DEFAULT_MAX_FILE_SIZE, readFileBytes } from './read.js';

export interface LoadTask {
  kind: 'load';
  topics: Topic[] | null;
  keepBody: boolean;
  summaryExcerpt: boolean;
  /**
   * Send back only each article's path, date, quality and heat, not its whole summary: for a run
   * that reads nothing else of it (see SortKeySummary). Half the cloning on both threads.
   */
  sortKeysOnly: boolean;
  /** Send back no record JSON: the run makes again the few records it shows (see SourceRecord). */
  withoutRecords: boolean;
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

/** What a worker posts back for a batch: one result per file and, for loads, the packed record bytes. */
export interface BatchOutcome {
  results: Array<LoadedResult | PackedLoadedResult | DocumentOutcome>;
  bytes?: ArrayBuffer;
}

/** An article's path, date, quality and heat, as a LoadTask with sortKeysOnly sends them. */
type SortKeys = [path: string, publishedDateTime: string | null, quality: number | null, heat: number | null];

/**
 * A loaded result as it crosses threads: an article's JSON is a place in the batch's bytes (none
 * with withoutRecords), and its summary either whole or (sortKeysOnly) its sort keys.
 */
export type PackedLoadedResult =
  | Exclude<LoadedResult, { kind: 'article' }>
  | { kind: 'article'; summary: ArticleSummary; json: PackedJson | null }
  | { kind: 'article'; keys: SortKeys; json: PackedJson };

/** Turns a task description into the function that runs it on a batch of files (loading only the code it needs). */
export async function batchRunner(task: WorkerTask): Promise<(refs: FileRef[]) => BatchOutcome> {
  const taxonomy = task.topics ? new Taxonomy(task.topics) : null;
  if (task.kind === 'load') {
    const options: FileOptions = {
      taxonomy,
      keepBody: task.keepBody,
      summaryExcerpt: task.summaryExcerpt,
      maxFileSize: task.maxFileSize,
      limits: task.limits,
      rawJson: true,
      withoutRecord: task.withoutRecords,
    };
    // Records cross back as UTF-8 bytes, all of a batch in one buffer: one transfer, half the
    // memory of JSON text on the main thread, and off its heap.
    const packer = new RecordPacker();
    const { loadFile } = await import('./process-file.js');
    return (refs) => {
      const results = refs.map((ref): PackedLoadedResult => {
        const result = loadFile(ref, options);
        if (result.kind !== 'article') return result;
        if (task.withoutRecords) return { kind: 'article', summary: result.summary, json: null };
        const json = packer.add(result.json as string);
        if (!task.sortKeysOnly) return { kind: 'article', summary: result.summary, json };
        const { path, publishedDateTime, quality, heat } = result.summary;
        return { kind: 'article', keys: [path, publishedDateTime, quality, heat], json };
      });
      return { results, bytes: packer.take() };
    };
  }
  const { validateDocument } = await import('../core/validate.js');
  const options = { now: new Date(task.now), taxonomy, settings: new Map(task.settings), limits: task.limits };
  const maxFileSize = task.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  return (refs) => ({ results: refs.map((ref) => validateDocument(readSource(ref, maxFileSize), options)) });
}

/**
 * Turns a load batch's outcome back into loaded results, each record a view of the batch's bytes
 * (RECORD_NOT_MADE when none was sent); sort keys become a SortKeySummary (`withExcerpt` says
 * what it summarises if read further).
 */
export function unpackLoadBatch(outcome: BatchOutcome, withExcerpt: boolean): LoadedResult[] {
  const bytes = outcome.bytes ?? new ArrayBuffer(0);
  return (outcome.results as PackedLoadedResult[]).map((result): LoadedResult => {
    if (result.kind !== 'article') return result;
    if ('summary' in result) {
      return { kind: 'article', summary: result.summary, json: result.json === null ? RECORD_NOT_MADE : unpackJson(result.json, bytes) };
    }
    const json = unpackJson(result.json, bytes);
    const [path, publishedDateTime, quality, heat] = result.keys;
    return { kind: 'article', summary: new SortKeySummary(path, publishedDateTime, quality, heat, json, withExcerpt), json };
  });
}
