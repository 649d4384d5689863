// The shape of a validate rule and of what it is given to check.
import type { Place, Locator } from '../core/locate.js';
import type { Mapping } from '../core/normalise.js';
import type { ParseResult } from '../core/parse.js';
import type { Taxonomy } from '../core/taxonomy.js';
import type { Fix, SourceEncoding } from '../core/types.js';

export type Severity = 'error' | 'warning';

/** What every rule declares about itself. */
export interface RuleMeta {
  id: string;
  description: string;
  severity: Severity;
  /** Whether normalisation knows how to repair what the rule finds. */
  fixable: boolean;
  /** A fatal finding means the file could not be checked any further. */
  fatal?: boolean;
}

/** One file, as far as it could be read, decoded and parsed; later stages are null (or empty) when an earlier one failed. */
export interface CheckedDocument {
  /** The path as shown to the user. */
  path: string;
  /** The file's base name; null for standard input. */
  fileName: string | null;
  readFailure: { code: 'unreadable' | 'file-too-large'; message: string } | null;
  binary: boolean;
  encoding: SourceEncoding | null;
  parsed: ParseResult | null;
  /** The front-matter mapping, when the document is not a taxonomy entry. */
  fields: Mapping | null;
  /** The text fixes normalisation would make to `fields` (see textFixes); empty without fields. */
  textFixes: readonly Fix[];
  /** The document's URLs, filled on first use by documentUrls (helpers.ts). */
  urls?: readonly UrlField[];
  locate: Locator;
  now: Date;
  taxonomy: Taxonomy | null;
}

/** One URL a document holds: its field path, its value, and that value as normaliseUrl reads it. */
export interface UrlField {
  path: string;
  value: unknown;
  /** The normalised http(s) URL of a string value; null for anything else, or a value that is not one. */
  url: string | null;
}

export type ReportProblem = (place: Place, message: string) => void;

/** A rule that looks at one document at a time. */
export interface DocumentRule extends RuleMeta {
  scope: 'document';
  check(document: CheckedDocument, report: ReportProblem): void;
}

/** The few facts about one file that cross-file rules compare. */
export interface FileFacts {
  path: string;
  /** The file name without extension; null for standard input. */
  id: string | null;
  /** Comparison key of the canonical URL (see urlKey), the field holding it, and where its value is written. */
  urlKey: string | null;
  urlField: string | null;
  urlPlace: Place;
}

export type ReportFileProblem = (path: string, place: Place, message: string) => void;

/** A rule that compares facts across all files checked. */
export interface CorpusRule extends RuleMeta {
  scope: 'corpus';
  check(files: readonly FileFacts[], report: ReportFileProblem): void;
}

export type Rule = DocumentRule | CorpusRule;
