// One file from path to a loaded result: read, parse, normalise, serialise. Runs in workers too.
import { processDocument, type DocumentOptions } from '../core/document.js';
import { summarise } from '../core/summary.js';
import { escapeJsonControls } from '../format/fields.js';
import { RECORD_NOT_MADE, type FileRef, type LoadedResult } from './loaded.js';
import { DEFAULT_MAX_FILE_SIZE, readFileBytes, type ReadResult } from './read.js';

export type { FileRef, LoadedResult, RecordJson } from './loaded.js';

export interface FileOptions extends DocumentOptions {
  maxFileSize?: number;
  /** Keep the excerpt in the summary (false saves memory when nothing searches it). */
  summaryExcerpt?: boolean;
  /**
   * Leave the record JSON as JSON.stringify gives it, for a caller that escapes it itself
   * (workers do, on the bytes: see RecordPacker).
   */
  rawJson?: boolean;
  /**
   * Make no record JSON (json is RECORD_NOT_MADE): for workers serving a run that makes again
   * the few records it shows (see LoadOptions.recordsOnDemand).
   */
  withoutRecord?: boolean;
}

/** Loads one document from bytes into a LoadedResult. */
export function loadBytes(bytes: Uint8Array, shown: string, options: FileOptions): LoadedResult {
  const result = processDocument(bytes, shown, options);
  if (result.kind !== 'article') return result;
  const summary = summarise(result.article, options.summaryExcerpt !== false);
  if (options.withoutRecord) return { kind: 'article', summary, json: RECORD_NOT_MADE };
  try {
    const json = JSON.stringify(result.article);
    return { kind: 'article', summary, json: options.rawJson ? json : escapeJsonControls(json) };
  } catch (error) {
    // A record whose JSON would be longer than V8's longest string (a huge value, escaped).
    if (!(error instanceof RangeError)) throw error;
    return { kind: 'error', diagnostic: { path: shown, line: 0, column: 0, code: 'file-too-large', message: 'record too large to write as JSON (over 512 MiB of text)' } };
  }
}

/** Loads the outcome of a read: its document, or the read failure as a problem of `shown`. */
export function loadRead(read: ReadResult, shown: string, options: FileOptions): LoadedResult {
  if (!read.ok) {
    return { kind: 'error', diagnostic: { path: shown, line: 0, column: 0, code: read.code, message: read.message, ...(read.missingInput ? { missingInput: true } : {}) } };
  }
  return loadBytes(read.bytes, shown, options);
}

/** Reads and loads one file; never throws. */
export function loadFile(ref: FileRef, options: FileOptions): LoadedResult {
  return loadRead(readFileBytes(ref.file, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE), ref.shown, options);
}
