// Finds which article records a `show` reference names: by id (file name) or by one of its URLs. Pure.
import path from 'node:path';
import type { Article } from './types.js';
import { urlKey } from './urlkey.js';

/** What a reference can be compared by; `urlKey` is null when the reference is not an http(s) URL. */
export interface ArticleRef {
  text: string;
  ids: string[];
  urlKey: string | null;
}

/** The parts of a record a reference is matched against. */
export type LookupRecord = Pick<Article, 'id' | 'url' | 'originalUrl' | 'webUrl'>;

const ARTICLE_EXTENSION = /\.(md|markdown)$/i;

/** Reads a reference: an id (the file name, with or without its extension) or an http(s) URL. */
export function parseRef(text: string): ArticleRef {
  const key = urlKey(text);
  if (key !== null) return { text, ids: [], urlKey: key };
  // A path names a file, not an id; a backslash separates folders only where the platform says so.
  if (text === '' || text.includes('/') || (path.sep === '\\' && text.includes('\\'))) return { text, ids: [], urlKey: null };
  const ids = [text];
  const withoutExtension = text.replace(ARTICLE_EXTENSION, '');
  if (withoutExtension !== text && withoutExtension !== '') ids.push(withoutExtension);
  return { text, ids, urlKey: null };
}

/** True when the id of a file is one the reference names. */
export function refNamesId(ref: ArticleRef, id: string): boolean {
  return ref.ids.includes(id);
}

/** True when a record is named by the reference, by id or by any of url, originalUrl, webUrl. */
export function recordMatches(ref: ArticleRef, record: LookupRecord): boolean {
  if (refNamesId(ref, record.id)) return true;
  if (ref.urlKey === null) return false;
  return [record.url, record.originalUrl, record.webUrl].some((link) => urlKey(link) === ref.urlKey);
}

/** The records a reference names, in the order given. */
export function findMatches<T extends LookupRecord>(ref: ArticleRef, records: Iterable<T>): T[] {
  const found: T[] = [];
  for (const record of records) if (recordMatches(ref, record)) found.push(record);
  return found;
}

/**
 * Of several records a reference names by id, those whose file name is the reference as written
 * (`show story.md` picks story.md over story.markdown); all of them when none is.
 */
export function preferNamedFile<T extends { path: string }>(ref: ArticleRef, matches: readonly T[]): T[] {
  if (matches.length < 2) return [...matches];
  const named = matches.filter((record) => namesFile(ref, record.path));
  return named.length > 0 ? named : [...matches];
}

/** True when the reference, written with its extension (`story.md`), is the file name of `path`. */
export function namesFile(ref: ArticleRef, path: string): boolean {
  return ARTICLE_EXTENSION.test(ref.text) && path.slice(path.lastIndexOf('/') + 1) === ref.text;
}
