// What loading a document gives, and the small helpers that read it. Kept apart from
// process-file.ts so that code handling results (the cache, the commands) does not load the parsers.
import { UsageError } from '../commands/process.js';
import { crc32 } from './checksum.js';
import { readAt } from './read.js';
import { summarise, type ArticleSummary } from '../core/summary.js';
import type { Article, Diagnostic } from '../core/types.js';

/** What loading one file gives: an article (summary plus the record as JSON), or why not. */
export type LoadedResult =
  | { kind: 'article'; summary: ArticleSummary; json: RecordJson }
  | { kind: 'not-article'; path: string; reason: string }
  | { kind: 'error'; diagnostic: Diagnostic };

/** A record serialised as JSON: text, its UTF-8 bytes, or bytes made or read only when needed. */
export type RecordJson = string | Buffer | DeferredRecord;

/** A record's JSON kept out of memory until read: left in a file, or not made yet. */
export abstract class DeferredRecord {
  /** The record's JSON bytes. */
  abstract bytes(): Buffer;
}

/** A file that holds records, open for reading, and what to do when one turns out damaged. */
export interface RecordFile {
  fd: number;
  /**
   * Called when a record read from the file is not there or not what was written (its checksum
   * differs): returns the record made again from its source file, or throws.
   */
  damaged(record: FileRecord): Buffer;
}

/** True when bytes read back as a record are the record written: a JSON object with the CRC-32 it had. */
export function recordIntact(bytes: Uint8Array, checksum: number): boolean {
  return bytes[0] === 0x7b && bytes[bytes.length - 1] === 0x7d && crc32(bytes) === checksum;
}

/**
 * A record's JSON left in a file (the cache file, held open for the rest of the run), read only
 * when it is written out or parsed: a warm run never holds the cache's records all at once.
 */
export class FileRecord extends DeferredRecord {
  /** `checksum`: the CRC-32 of the record's bytes; `entry`: which entry of the file's index the record belongs to (-1: none). */
  constructor(
    readonly source: RecordFile,
    readonly offset: number,
    readonly length: number,
    readonly checksum: number,
    readonly entry = -1,
  ) {
    super();
  }

  /** The record's bytes (what source.damaged() gives if the file no longer holds them there). */
  bytes(): Buffer {
    let bytes: Buffer | null;
    try {
      bytes = readAt(this.source.fd, this.offset, this.length);
    } catch {
      bytes = null;
    }
    if (bytes === null || !recordIntact(bytes, this.checksum)) return this.source.damaged(this);
    return bytes;
  }
}

/** A file as found (to open) and as shown (in records and messages). */
export interface FileRef {
  file: string;
  shown: string;
}

/**
 * The record of an article loaded without one (LoadOptions.recordsOnDemand), until the loader
 * puts a SourceRecord in its place; nothing ever reads it.
 */
export const RECORD_NOT_MADE: Buffer = Buffer.alloc(0);

/** A 53-bit digest of a text (two 32-bit FNV-1a hashes): tells a changed summary from the same one. */
export function textDigest(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x0100019d);
  }
  return (a >>> 0) * 0x200000 + (b >>> 11);
}

/**
 * A record not made when its file was loaded (worker threads send none back to a run that shows
 * only a few of many articles), made again from the file when first read, and kept.
 *
 * Everything a run filters, sorts, ranks or groups by is in the article's summary, so a record
 * made from a file whose summary is still the same is exactly what a run reading the file at
 * that moment would show (an edit to the body during the run shows the new body). A file whose
 * summary changed, or that no longer gives an article, stops the run with a UsageError: what is
 * shown must be what was filtered and sorted. Only a digest of the summary is kept, so memory
 * does not hold every summary until the end.
 */
export class SourceRecord extends DeferredRecord {
  private readonly summaryDigest: number;
  private made: Buffer | null = null;

  constructor(
    readonly ref: FileRef,
    summary: ArticleSummary,
    private readonly load: (ref: FileRef) => LoadedResult,
  ) {
    super();
    this.summaryDigest = textDigest(JSON.stringify(summary));
  }

  bytes(): Buffer {
    if (this.made) return this.made;
    const result = this.load(this.ref);
    if (result.kind === 'error') {
      throw new UsageError(`${this.ref.shown} could not be read again to show it: ${result.diagnostic.message}`);
    }
    if (result.kind !== 'article' || textDigest(JSON.stringify(result.summary)) !== this.summaryDigest) {
      throw new UsageError(`${this.ref.shown} changed while feedtool was reading it: run the command again`);
    }
    const json = recordBytes(result.json);
    this.made = typeof json === 'string' ? Buffer.from(json) : json;
    return this.made;
  }
}

/** A record's JSON as text or bytes in memory (reading or making it if need be). */
export function recordBytes(json: RecordJson): string | Buffer {
  return json instanceof DeferredRecord ? json.bytes() : json;
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

/**
 * An article summary that holds only its path, date, quality and heat, for a run that reads
 * nothing else of it (an unfiltered list sorted by one of them); any other field is summarised
 * from the record on first use. Worker threads send just these four fields back for such runs,
 * and the cache keeps them beside each record.
 */
export class SortKeySummary implements ArticleSummary {
  private full: ArticleSummary | undefined;

  constructor(
    readonly path: string,
    readonly publishedDateTime: string | null,
    readonly quality: number | null,
    readonly heat: number | null,
    protected readonly record: RecordJson,
    protected readonly withExcerpt: boolean,
  ) {}

  /** The whole summary, made when a field beyond the four is first read. */
  protected summariseRecord(): ArticleSummary {
    return summarise(recordOf(this.record), this.withExcerpt);
  }

  private get rest(): ArticleSummary {
    this.full ??= this.summariseRecord();
    return this.full;
  }

  get id(): string {
    return this.rest.id;
  }
  get title(): string {
    return this.rest.title;
  }
  get excerpt(): string | null {
    return this.rest.excerpt;
  }
  get category(): string | null {
    return this.rest.category;
  }
  get type(): string | null {
    return this.rest.type;
  }
  get url(): string | null {
    return this.rest.url;
  }
  get provider(): ArticleSummary['provider'] {
    return this.rest.provider;
  }
  get topics(): string[] {
    return this.rest.topics;
  }
  get published(): boolean | null {
    return this.rest.published;
  }

  /** The plain summary, as JSON.stringify should see it. */
  toJSON(): ArticleSummary {
    return { ...this.rest, path: this.path, publishedDateTime: this.publishedDateTime, quality: this.quality, heat: this.heat };
  }
}
