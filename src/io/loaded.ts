// What loading a document gives, and the small helpers that read it. Kept apart from
// process-file.ts so that code handling results (the cache, the commands) does not load the parsers.
import { readAt } from './read.js';
import type { ArticleSummary } from '../core/summary.js';
import type { Article, Diagnostic } from '../core/types.js';

/** What loading one file gives: an article (summary plus the record as JSON), or why not. */
export type LoadedResult =
  | { kind: 'article'; summary: ArticleSummary; json: RecordJson }
  | { kind: 'not-article'; path: string; reason: string }
  | { kind: 'error'; diagnostic: Diagnostic };

/** A record serialised as JSON: text, its UTF-8 bytes, or (from the cache) where they lie in a file. */
export type RecordJson = string | Buffer | FileRecord;

/** A file that holds records, open for reading, and what to do when one turns out damaged. */
export interface RecordFile {
  fd: number;
  /** Called when a record read from the file is not there or not a JSON object; never returns. */
  damaged(): never;
}

/**
 * A record's JSON left in a file (the cache file, held open for the rest of the run), read only
 * when it is written out or parsed: a warm run never holds the cache's records all at once.
 */
export class FileRecord {
  constructor(
    readonly source: RecordFile,
    readonly offset: number,
    readonly length: number,
  ) {}

  /** The record's bytes (source.damaged() if the file no longer holds a JSON object there). */
  bytes(): Buffer {
    let bytes: Buffer | null;
    try {
      bytes = readAt(this.source.fd, this.offset, this.length);
    } catch {
      bytes = null;
    }
    if (bytes === null || bytes[0] !== 0x7b || bytes[this.length - 1] !== 0x7d) this.source.damaged();
    return bytes;
  }
}

/** A record's JSON as text or bytes in memory (reading it from its file if need be). */
export function recordBytes(json: RecordJson): string | Buffer {
  return json instanceof FileRecord ? json.bytes() : json;
}

/** A file as found (to open) and as shown (in records and messages). */
export interface FileRef {
  file: string;
  shown: string;
}

/** Parses a loaded record's JSON back into the record. */
export function recordOf(json: RecordJson): Article {
  const text = recordBytes(json);
  return JSON.parse(typeof text === 'string' ? text : text.toString('utf8')) as Article;
}

/** The path a loaded result is about. */
export function resultPath(result: LoadedResult): string {
  return result.kind === 'article' ? result.summary.path : result.kind === 'error' ? result.diagnostic.path : result.path;
}
