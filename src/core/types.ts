// The normalised article record and the shapes around it. JSON field names are a public contract.

/** One change normalisation made to a value, so nothing is altered silently. */
export interface Fix {
  /** Dotted path of the field, e.g. `title`, `provider.domain`, `related[0].title`. */
  field: string;
  /** What kind of change was made. */
  kind: FixKind;
  /** The value as it was in the source. */
  before: unknown;
}

export type FixKind =
  | 'mojibake'
  | 'html-entity'
  | 'control-character'
  | 'whitespace'
  | 'unicode-nfc'
  | 'date-converted'
  | 'date-invalid'
  | 'date-from-filename'
  | 'url-invalid'
  | 'url-normalised'
  | 'domain-normalised'
  | 'domain-from-url'
  | 'topics-split'
  | 'topics-deduplicated'
  | 'topics-canonical'
  | 'number-converted'
  | 'number-invalid'
  | 'boolean-converted'
  | 'boolean-invalid'
  | 'type-invalid'
  | 'decoded-windows-1252'
  | 'decoded-utf-16';

export interface Provider {
  name: string | null;
  domain: string | null;
  [key: string]: unknown;
}

export interface Image {
  url: string | null;
  width: number | null;
  height: number | null;
  [key: string]: unknown;
}

/** Fields shared by an article and the related articles it lists. */
export interface ArticleFields {
  title: string | null;
  excerpt: string | null;
  category: string | null;
  type: string | null;
  publishedDateTime: string | null;
  originalUrl: string | null;
  webUrl: string | null;
  ampWebUrl: string | null;
  cdnAmpWebUrl: string | null;
  url: string | null;
  provider: Provider;
  topics: string[];
  quality: number | null;
  heat: number | null;
  published: boolean | null;
  images: Image[];
  extra: Record<string, unknown>;
}

export type RelatedArticle = ArticleFields;

/** The normalised record of one article file. */
export interface Article extends ArticleFields {
  id: string;
  path: string;
  title: string;
  related: RelatedArticle[];
  encoding: SourceEncoding;
  fixes: Fix[];
  body?: string;
}

export type SourceEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** A problem tied to a place in a file (1-based line and column; 0 when unknown). */
export interface Diagnostic {
  path: string;
  line: number;
  column: number;
  code: string;
  message: string;
  /** Set when the path is an input named on the command line that matches nothing (missing, a broken link, a glob with no match): the run exits 2. */
  missingInput?: true;
  /** Set when the path holds no file to read (a FIFO, socket, broken link or link loop), as against one that could not be read. */
  notAFile?: true;
  /** Set when the path is a folder found in a walk that could not be read. */
  folder?: true;
}
