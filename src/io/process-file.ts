// One file from path to a loaded result: read, parse, normalise, serialise. Runs in workers too.
import { processDocument, type DocumentOptions } from '../core/document.js';
import { summarise, type ArticleSummary } from '../core/summary.js';
import type { Article, Diagnostic } from '../core/types.js';
import { escapeJsonControls } from '../format/fields.js';
import { DEFAULT_MAX_FILE_SIZE, readFileBytes, type ReadResult } from './read.js';

/** What loading one file gives: an article (summary plus the record as JSON), or why not. */
export type LoadedResult =
  | { kind: 'article'; summary: ArticleSummary; json: RecordJson }
  | { kind: 'not-article'; path: string; reason: string }
  | { kind: 'error'; diagnostic: Diagnostic };

/** A record serialised as JSON: text, or (from the cache) its UTF-8 bytes. */
export type RecordJson = string | Buffer;

/** Parses a loaded record's JSON back into the record. */
export function recordOf(json: RecordJson): Article {
  return JSON.parse(typeof json === 'string' ? json : json.toString('utf8')) as Article;
}

/** A file as found (to open) and as shown (in records and messages). */
export interface FileRef {
  file: string;
  shown: string;
}

export interface FileOptions extends DocumentOptions {
  maxFileSize?: number;
  /** Keep the excerpt in the summary (false saves memory when nothing searches it). */
  summaryExcerpt?: boolean;
  /**
   * Leave the record JSON as JSON.stringify gives it, for a caller that escapes it itself
   * (workers do, on the bytes: see RecordPacker).
   */
  rawJson?: boolean;
}

/** Loads one document from bytes into a LoadedResult. */
export function loadBytes(bytes: Uint8Array, shown: string, options: FileOptions): LoadedResult {
  const result = processDocument(bytes, shown, options);
  if (result.kind !== 'article') return result;
  const json = JSON.stringify(result.article);
  return {
    kind: 'article',
    summary: summarise(result.article, options.summaryExcerpt !== false),
    json: options.rawJson ? json : escapeJsonControls(json),
  };
}

/** Loads the outcome of a read: its document, or the read failure as a problem of `shown`. */
export function loadRead(read: ReadResult, shown: string, options: FileOptions): LoadedResult {
  if (!read.ok) return { kind: 'error', diagnostic: { path: shown, line: 0, column: 0, code: read.code, message: read.message } };
  return loadBytes(read.bytes, shown, options);
}

/** Reads and loads one file; never throws. */
export function loadFile(ref: FileRef, options: FileOptions): LoadedResult {
  return loadRead(readFileBytes(ref.file, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE), ref.shown, options);
}

/** The path a loaded result is about. */
export function resultPath(result: LoadedResult): string {
  return result.kind === 'article' ? result.summary.path : result.kind === 'error' ? result.diagnostic.path : result.path;
}
