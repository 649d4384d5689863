// What loading a document gives, and the small helpers that read it. Kept apart from
// process-file.ts so that code handling results (the cache, the commands) does not load the parsers.
import type { ArticleSummary } from '../core/summary.js';
import type { Article, Diagnostic } from '../core/types.js';

/** What loading one file gives: an article (summary plus the record as JSON), or why not. */
export type LoadedResult =
  | { kind: 'article'; summary: ArticleSummary; json: RecordJson }
  | { kind: 'not-article'; path: string; reason: string }
  | { kind: 'error'; diagnostic: Diagnostic };

/** A record serialised as JSON: text, or (from the cache) its UTF-8 bytes. */
export type RecordJson = string | Buffer;

/** A file as found (to open) and as shown (in records and messages). */
export interface FileRef {
  file: string;
  shown: string;
}

/** Parses a loaded record's JSON back into the record. */
export function recordOf(json: RecordJson): Article {
  return JSON.parse(typeof json === 'string' ? json : json.toString('utf8')) as Article;
}

/** The path a loaded result is about. */
export function resultPath(result: LoadedResult): string {
  return result.kind === 'article' ? result.summary.path : result.kind === 'error' ? result.diagnostic.path : result.path;
}
