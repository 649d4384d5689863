// From a file's bytes to an article record or a located problem. Pure: no I/O.
import path from 'node:path';
import { decodeBytes } from './decode.js';
import { isArticleData, isMapping, normaliseArticle } from './normalise.js';
import { parseDocument } from './parse.js';
import type { Taxonomy } from './taxonomy.js';
import type { Article, Diagnostic, SourceEncoding } from './types.js';
import { DEFAULT_YAML_LIMITS, type YamlLimits } from './yaml.js';

export interface DocumentOptions {
  taxonomy?: Taxonomy | null;
  keepBody?: boolean;
  limits?: YamlLimits;
}

export type DocumentResult =
  | { kind: 'article'; article: Article }
  | { kind: 'not-article'; path: string; reason: string }
  | { kind: 'error'; diagnostic: Diagnostic };

/**
 * The article id of a path: its file name without the extension. The name is the platform's
 * (path.basename): on Linux and macOS a backslash is part of a file name, not a separator.
 */
export function idFromPath(file: string): string {
  const name = path.basename(file);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** Decodes text from bytes, or explains why the bytes are not text. */
export function decodeDocument(
  bytes: Uint8Array,
  path: string,
): { ok: true; text: string; encoding: SourceEncoding } | { ok: false; diagnostic: Diagnostic } {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) {
    return {
      ok: false,
      diagnostic: { path, line: 0, column: 0, code: 'binary-file', message: 'binary file (contains NUL bytes): skipped' },
    };
  }
  return decoded;
}

/** Parses and normalises one document; never throws for any input. */
export function processDocument(bytes: Uint8Array, path: string, options: DocumentOptions = {}): DocumentResult {
  const decoded = decodeDocument(bytes, path);
  if (!decoded.ok) return { kind: 'error', diagnostic: decoded.diagnostic };
  return processText(decoded.text, path, decoded.encoding, options);
}

// Why front matter that parsed is no article's: the one reason that applies.
function notArticleReason(data: unknown): string {
  if (!isMapping(data)) return 'front matter is not a mapping of fields';
  if (Object.hasOwn(data, 'taxonomy')) return 'front matter is a taxonomy entry (it has a taxonomy key)';
  if (data.title === undefined || data.title === null) return 'front matter has no title';
  return 'front matter has a title that is not text';
}

/** Parses and normalises one decoded document; never throws for any input. */
export function processText(
  text: string,
  path: string,
  encoding: SourceEncoding,
  options: DocumentOptions = {},
): DocumentResult {
  try {
    const parsed = parseDocument(text, options.limits ?? DEFAULT_YAML_LIMITS);
    if (!parsed.ok) {
      return {
        kind: 'error',
        diagnostic: { path, line: parsed.line, column: parsed.column, code: parsed.code, message: parsed.message },
      };
    }
    if (!parsed.hasFrontMatter) return { kind: 'not-article', path, reason: 'no front matter' };
    if (!isArticleData(parsed.data)) return { kind: 'not-article', path, reason: notArticleReason(parsed.data) };
    const article = normaliseArticle(parsed.data, {
      id: idFromPath(path),
      path,
      encoding,
      taxonomy: options.taxonomy ?? null,
      body: options.keepBody ? parsed.body : undefined,
    });
    return { kind: 'article', article };
  } catch (error) {
    return {
      kind: 'error',
      diagnostic: {
        path,
        line: 0,
        column: 0,
        code: 'internal-error',
        message: `could not be processed: ${String((error as Error)?.message ?? error)}`,
      },
    };
  }
}
