// Finds which article records a `show` reference names: by id (file name) or by one of its URLs. Pure.
import path from 'node:path';
import type { Article } from './types.js';
import { toNfc } from './text.js';
import { urlKey } from './urlkey.js';

/** What a reference can be compared by; `urlKey` is null when the reference is not an http(s) URL. */
export interface ArticleRef {
  text: string;
  /** The ids it names, in Unicode NFC: the text, and without its extension when it has one. */
  ids: string[];
  urlKey: string | null;
  /**
   * The article extension the text ends with (`.md`, `.markdown`), in lower case, else null: the
   * id without it names only files with that extension, in any letter case.
   */
  extension: string | null;
}

/** The parts of a record a reference is matched against. */
export type LookupRecord = Pick<Article, 'id' | 'path' | 'url' | 'originalUrl' | 'webUrl'>;

const ARTICLE_EXTENSION = /\.(md|markdown)$/i;

function fileNameOf(filePath: string): string {
  return filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf(path.sep)) + 1);
}

/** Reads a reference: an id (the file name, with or without its extension) or an http(s) URL. */
export function parseRef(text: string): ArticleRef {
  const key = urlKey(text);
  if (key !== null) return { text, ids: [], urlKey: key, extension: null };
  // A path names a file, not an id; a backslash separates folders only where the platform says so.
  if (text === '' || text.includes('/') || (path.sep === '\\' && text.includes('\\'))) return { text, ids: [], urlKey: null, extension: null };
  const extension = ARTICLE_EXTENSION.exec(text);
  const withoutExtension = extension ? text.slice(0, extension.index) : '';
  if (withoutExtension === '') return { text, ids: [toNfc(text)], urlKey: null, extension: null };
  return { text, ids: [toNfc(text), toNfc(withoutExtension)], urlKey: null, extension: extension![0].toLowerCase() };
}

/**
 * True when the file at `filePath`, whose id is `id`, is one the reference names by id: its id
 * is the reference (in either Unicode form), or the reference less its extension when the
 * file's extension is that one in any letter case (`story.MD` names `story.md`, not `story.markdown`).
 */
export function refNamesId(ref: ArticleRef, id: string, filePath: string): boolean {
  if (ref.ids.length === 0) return false;
  const key = toNfc(id);
  if (key === ref.ids[0]) return true;
  if (ref.extension === null || key !== ref.ids[1]) return false;
  const name = fileNameOf(filePath);
  return name.slice(name.lastIndexOf('.')).toLowerCase() === ref.extension;
}

/** True when a record is named by the reference, by id or by any of url, originalUrl, webUrl. */
export function recordMatches(ref: ArticleRef, record: LookupRecord): boolean {
  if (refNamesId(ref, record.id, record.path)) return true;
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

/** True when the reference, written with its extension (`story.md`), is the file name of `filePath` (in either Unicode form). */
export function namesFile(ref: ArticleRef, filePath: string): boolean {
  return ref.extension !== null && toNfc(fileNameOf(filePath)) === ref.ids[0];
}
