// Loads every document under the inputs, in walk order: from the cache, on worker threads, or here.
import { statSync } from 'node:fs';
import type { DocumentOptions, DocumentResult } from '../core/document.js';
import { cacheVersion } from '../version.js';
import { RecordCache, type FileStamp } from './cache.js';
import { cacheKey, pruneCacheVariants, usableCacheLocation, variantLocation } from './cache-location.js';
import { PoolFeeder } from './pool.js';
import { unpackLoadBatch } from './worker-tasks.js';
import { RECORD_NOT_MADE, recordOf, SourceRecord, type FileRef, type LoadedResult } from './loaded.js';
import { DEFAULT_MAX_FILE_SIZE, readStreamBytes } from './read.js';
import { stampOf, startWalk, type StampCollector, type StampTable } from './stamps.js';
import { walkInputs, type WalkEntry } from './walk.js';
import { WalkDigest } from './listing-snapshot.js';

export type { LoadedResult } from './loaded.js';

export interface LoadOptions extends DocumentOptions {
  /** --ignore patterns: files and folders the walk leaves out (see ignoreTest). */
  ignore?: readonly string[];
  /** Keep excerpts in summaries (default true; false when no filter searches them). */
  summaryExcerpt?: boolean;
  maxFileSize?: number;
  /** Opens standard input, called only when an input is `-` (opening it changes fd 0: see processContext). */
  stdin?: () => NodeJS.ReadableStream;
  /** Worker threads to use; undefined chooses by input size and cores. */
  jobs?: number;
  /** Cache file to read and update; undefined for no cache. */
  cacheLocation?: string;
  /**
   * True for a default location: each option set then gets its own file beside it (see
   * variantLocation), so switching options back and forth keeps every cache warm.
   */
  cacheVariants?: boolean;
  /**
   * True when the caller reads nothing of a summary but its path, date, quality and heat: cached
   * summaries are then parsed only if read (see CacheReading), and without a cache, worker
   * threads send back only those four fields (see SortKeySummary).
   */
  lazySummaries?: boolean;
  /**
   * True when the caller reads the records of only a few articles (a short ranking, a listing
   * with a small --limit): without a cache, worker threads then make and send no record, and
   * each record read is made again from its file (see SourceRecord). Serialising every record
   * is a third of a worker's time.
   */
  recordsOnDemand?: boolean;
  /**
   * Told when a record of a cache file read record by record is found damaged as it is written
   * out, made again from its file, and the cache file removed (after the run's counts are known).
   */
  onDamagedCacheRecord?: (cacheFile: string) => void;
  /**
   * True when the caller reads only summaries (a listing of summary fields, see summariesCover):
   * no record is made for it, nor read from the cache. Records are still made for files the
   * cache misses, to keep them in the cache.
   */
  summariesOnly?: boolean;
  /** Cache files up to this many bytes are read whole (default READ_WHOLE; tests lower it). */
  cacheReadWhole?: number;
  /** The walk and its stamps, when the caller has done them already (see walkAndStamp). */
  prewalked?: Prewalk;
  /** With a cache: work out the walk's digest (stats.walk), for a listing snapshot. */
  digestWalk?: boolean;
  /** Filled in while loading: how the work was done. */
  stats?: LoadStats;
}

export interface LoadStats {
  files: number;
  fromCache: number;
  workers: number;
  /** The cache file used, if any. */
  cacheFile?: string;
  /** True when the cache file could not be written, so the next run will not find this one's records. */
  cacheNotWritten?: boolean;
  /** True when the files were stat-ed for the cache on a worker thread. */
  statWorker?: boolean;
  /** True when the workers sent no records, and those read are made again (recordsOnDemand). */
  recordsOnDemand?: boolean;
  /** True when the caller used summaries only (summariesOnly): no record was read for it. */
  summariesOnly?: boolean;
  /** With a cache and digestWalk, or a prewalk: what a listing snapshot needs to know of the walk. */
  walk?: WalkSummary;
}

/** The digest of a walk and its stamps (null if any entry was a problem), the newest mtime among its files, and when the stamps began to be taken (epoch ms). */
export interface WalkSummary {
  digest: string | null;
  newestChangeMs: number;
  stampedAtMs: number;
}

/** A walk done ahead of loading, with every file's stamp (in walk order) and its summary. */
export interface Prewalk {
  walked: WalkEntry[];
  stamps: StampTable;
  walk: WalkSummary;
}

/** The cache key and file a load with these options uses; null without a cache. */
export function cacheFileFor(options: LoadOptions): { key: string; file: string } | null {
  if (!options.cacheLocation) return null;
  const topics = options.taxonomy ? [...options.taxonomy.topics] : null;
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const summaryExcerpt = options.summaryExcerpt !== false;
  const key = cacheKey({ version: cacheVersion(), keepBody: Boolean(options.keepBody), summaryExcerpt, maxFileSize, limits: options.limits ?? null, topics });
  const file = options.cacheVariants ? variantLocation(options.cacheLocation, key) : options.cacheLocation;
  // Nor is a snapshot put beside a location that cannot hold a cache.
  return usableCacheLocation(file) ? { key, file } : null;
}

/**
 * Walks the inputs and stamps every file with the walk's digest (see WalkDigest), for a run that
 * may be served whole from a listing snapshot. A large walk is stat-ed on a worker thread and
 * this one together (see StampCollector), as workerCount decides for `jobs`.
 */
export async function walkAndStamp(inputs: readonly string[], ignore: readonly string[] = [], jobs?: number): Promise<Prewalk> {
  const stampedAtMs = Date.now();
  const { walked, stamper } = await startWalk(inputs.filter((input) => input !== '-'), jobs, ignore);
  const digest = new WalkDigest();
  for (const entry of walked) digest.addPath(entry);
  const stamps = await stamper.stamps();
  digest.addStamps(stamps.all);
  return { walked, stamps, walk: { digest: digest.value(), newestChangeMs: digest.newestChangeMs, stampedAtMs } };
}

async function loadStdin(options: LoadOptions): Promise<LoadedResult> {
  const { loadRead } = await import('./process-file.js');
  return loadRead(await readStreamBytes(options.stdin?.() ?? process.stdin, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE), '-', options);
}

/** True when a cache file exists and holds anything: only then is a warm run likely. */
function isWorthReading(cacheFile: string): boolean {
  try {
    return statSync(cacheFile).size > 0;
  } catch {
    return false;
  }
}

/** A file queued for loading, with what the cache needs to keep its result. */
class PendingLoad {
  constructor(
    readonly ref: FileRef | null,
    readonly stamp: FileStamp | null,
  ) {}
}

/**
 * One per file in walk order: its result when known at walk time (a problem, a cache hit), else
 * the pending load. Results go in directly, not wrapped: on a warm run that is one object less
 * per file to keep until the walk ends.
 */
type Slot = LoadedResult | PendingLoad;

const RELEASED: Slot = { kind: 'not-article', path: '', reason: '' };
// Without a cache nothing needs the file's names once it is queued: one shared slot will do.
const LOAD_UNCACHED = new PendingLoad(null, null);

/** Walks the inputs and yields one result per document (article, not an article, or problem), in walk order. */
export async function* loadResults(inputs: readonly string[], options: LoadOptions = {}): AsyncGenerator<LoadedResult> {
  const paths = inputs.filter((input) => input !== '-');
  const fromStdin = paths.length !== inputs.length ? 1 : 0;
  if (fromStdin) {
    if (options.stats) options.stats.files = 1;
    yield await loadStdin(options);
  }
  if (paths.length === 0 && inputs.length > 0) return;

  const topics = options.taxonomy ? [...options.taxonomy.topics] : null;
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const summaryExcerpt = options.summaryExcerpt !== false;
  const stampedAtMs = Date.now();
  const cached = cacheFileFor(options);
  const cacheFile = cached?.file;
  // With a cache to check, the walk comes first, handing the files to a worker thread that stats
  // them while this one walks on and then reads the cache: on a warm run those are the largest costs.
  let walked: WalkEntry[] | null = options.prewalked?.walked ?? null;
  let stamper: StampCollector | null = null;
  if (walked === null && cacheFile && isWorthReading(cacheFile)) ({ walked, stamper } = await startWalk(paths, options.jobs, options.ignore));
  // A run that shows few records reads just those from the cache file, not all of its records.
  const readWhole = options.cacheReadWhole ?? (options.recordsOnDemand || options.summariesOnly ? 0 : undefined);
  const reading = { lazySummaries: options.lazySummaries === true, summaryExcerpt, readWhole };
  const cache = cached ? RecordCache.open(cached.file, cached.key, reading) : null;
  const stamps = options.prewalked?.stamps ?? (stamper ? await stamper.stamps() : null);
  let fileIndex = 0;
  // The walk's digest, for a listing snapshot (see listing-snapshot.ts), unless a prewalk has it.
  const digest = cache && options.digestWalk && !options.prewalked ? new WalkDigest() : null;

  // Workers start as soon as the walk has found enough files to need them, so their start-up
  // overlaps the rest of the walk.
  const slots: Slot[] = [];
  // Without a cache to fill, a run that reads few records gets none from the workers, and one
  // that reads only sort keys gets only those.
  const withoutRecords = (options.recordsOnDemand === true || options.summariesOnly === true) && cache === null;
  const sortKeysOnly = options.lazySummaries === true && cache === null && !withoutRecords;
  const feeder = new PoolFeeder<LoadedResult>(
    { kind: 'load', topics, keepBody: Boolean(options.keepBody), summaryExcerpt, sortKeysOnly, withoutRecords, maxFileSize, limits: options.limits },
    options.jobs,
    (outcome) => unpackLoadBatch(outcome, summaryExcerpt),
  );
  let fromCache = 0;
  let loaded: AsyncIterator<LoadedResult> | Iterator<LoadedResult> | null = null;
  try {
    let pending = 0;
    for (const entry of walked ?? walkInputs(paths, options.ignore)) {
      if (entry.kind === 'problem') {
        digest?.add(entry, null);
        slots.push({ kind: 'error', diagnostic: entry.diagnostic });
        continue;
      }
      const stamp = cache ? (stamps ? stamps.at(fileIndex++) : stampOf(entry.absolute)) : null;
      digest?.add(entry, stamp);
      const hit = cache && stamp ? cache.get(entry.absolute, stamp, entry.shown) : undefined;
      if (hit) {
        slots.push(hit);
        fromCache++;
        continue;
      }
      const ref = { file: entry.absolute, shown: entry.shown };
      slots.push(cache || withoutRecords ? new PendingLoad(ref, stamp) : LOAD_UNCACHED);
      pending++;
      const pause = feeder.push(ref);
      if (pause) await pause;
    }
    if (options.stats) {
      options.stats.files = fromStdin + pending + fromCache;
      options.stats.fromCache = fromCache;
      options.stats.workers = feeder.workers;
      options.stats.cacheFile = cacheFile;
      options.stats.statWorker = stamper?.onWorker ?? false;
      options.stats.recordsOnDemand = withoutRecords && feeder.workers > 0 && !options.summariesOnly;
      options.stats.summariesOnly = options.summariesOnly === true;
      if (digest) options.stats.walk = { digest: digest.value(), newestChangeMs: digest.newestChangeMs, stampedAtMs };
      else if (cache && options.prewalked) options.stats.walk = options.prewalked.walk;
    }
    const fileOptions = { ...options, maxFileSize };
    // The parsers load only when this thread parses, or may have to make records again: not
    // when workers do everything, nor when the cache has it all in a file read whole.
    const parsesHere = ((feeder.workers === 0 || (withoutRecords && !options.summariesOnly)) && pending > 0) || cache?.readsRecordsLate === true;
    const here = parsesHere ? await import('./process-file.js') : null;
    const loadHere = (ref: FileRef): LoadedResult => here!.loadFile(ref, fileOptions);
    // Files loaded here in bulk (no workers) for a run that reads only summaries make no record.
    const bulkOptions = withoutRecords && options.summariesOnly ? { ...fileOptions, withoutRecord: true } : fileOptions;
    loaded = feeder.results((ref) => here!.loadFile(ref, bulkOptions));
    cache?.remakeDamagedRecordsWith(loadHere, options.onDamagedCacheRecord);

    for (let index = 0; index < slots.length; index++) {
      const slot = slots[index]!;
      // Each slot is dropped once used, so memory holds the results, not the results and the slots.
      slots[index] = RELEASED;
      if (!(slot instanceof PendingLoad)) {
        yield slot;
        continue;
      }
      const next = await loaded.next();
      if (next.done) throw new Error('internal error: fewer results than files');
      const result = next.value;
      if (result.kind === 'article' && result.json === RECORD_NOT_MADE) {
        if (options.summariesOnly) {
          yield result;
          continue;
        }
        yield { kind: 'article', summary: result.summary, json: new SourceRecord(slot.ref!, result.summary, loadHere) };
        continue;
      }
      if (cache && slot.ref && slot.stamp && result.kind !== 'error') cache.set(slot.ref.file, slot.stamp, result);
      yield result;
    }
    cache?.save();
    if (options.stats && cache?.notWritten) options.stats.cacheNotWritten = true;
  } finally {
    // Also when the walk or a consumer stops early: workers must never outlive the command, and
    // a cache file begun but not saved is removed.
    cache?.discard();
    await loaded?.return?.(undefined);
    await feeder.close();
  }
  if (cacheFile && options.cacheLocation && options.cacheVariants) pruneCacheVariants(options.cacheLocation, cacheFile);
}

/** Like loadResults, with each article's full record parsed back from its JSON. */
export async function* loadDocuments(inputs: readonly string[], options: LoadOptions = {}): AsyncGenerator<DocumentResult> {
  for await (const result of loadResults(inputs, options)) {
    yield result.kind === 'article' ? { kind: 'article', article: recordOf(result.json) } : result;
  }
}
