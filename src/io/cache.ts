// The persistent record cache: results keyed by path, size, mtime, ctime and inode, in one file.
//
// File format (text, one line each): a JSON header `{"format":"feedtool-cache","key":...}`, then
// per file a JSON meta line `[file, size, mtimeMs, ctimeMs, ino, result]` where result is the
// LoadedResult without its record JSON; for articles the record JSON follows on its own line
// (JSON.stringify never emits a raw line break), so a warm run never re-serialises a record.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { resultPath, type LoadedResult } from './process-file.js';

const FORMAT = 'feedtool-cache';
const RACY_WINDOW_MS = 2000;
// 2: records escape invisible controls in their JSON and normalise text to a fixed point; caches
// written before hold records that differ, so they are dropped. 3: hosts ending in a hex label.
const FORMAT_VERSION = 3;

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

interface Entry extends FileStamp {
  result: LoadedResult;
}

/** The cache key of a run: anything that changes results (version, options, taxonomy) goes in. */
export function cacheKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** Option sets whose caches are kept side by side under one default location. */
export const MAX_CACHE_VARIANTS = 4;

/** The file of one option set's cache under a default location: `<inputs hash>-<key hash>.cache`. */
export function variantLocation(location: string, key: string): string {
  return `${location.replace(/\.cache$/, '')}-${key.slice(0, 12)}.cache`;
}

/**
 * Marks a variant of a default location as just used and removes all but the most recently used
 * MAX_CACHE_VARIANTS of its siblings, so alternating options (`--search`, `--body`) each keep a
 * warm cache without the folder growing with every version or taxonomy change.
 */
export function pruneCacheVariants(location: string, current: string, now = new Date()): void {
  const dir = path.dirname(location);
  const prefix = `${path.basename(location).replace(/\.cache$/, '')}-`;
  try {
    utimesSync(current, now, now);
  } catch {
    // Not written (nothing cacheable): nothing to mark.
  }
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.startsWith(prefix) && name.endsWith('.cache'));
  } catch {
    return;
  }
  const variants: Array<{ file: string; used: number }> = [];
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      variants.push({ file, used: statSync(file).mtimeMs });
    } catch {
      // Removed meanwhile by another run.
    }
  }
  variants.sort((a, b) => b.used - a.used);
  for (const { file } of variants.slice(MAX_CACHE_VARIANTS)) {
    if (file === current) continue;
    try {
      rmSync(file, { force: true });
    } catch {
      // Not ours to delete (permissions, a directory of that name): left alone.
    }
  }
}

/** The default cache file for a set of inputs: under node_modules/.cache when present, else the user cache dir. */
export function defaultCacheLocation(inputs: readonly string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const id = cacheKey({ cwd, inputs: inputs.map((input) => path.resolve(cwd, input)) }).slice(0, 16);
  let base: string;
  try {
    if (statSync(path.join(cwd, 'node_modules')).isDirectory()) base = path.join(cwd, 'node_modules', '.cache', 'feedtool');
    else throw new Error('no node_modules');
  } catch {
    base = path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'feedtool');
  }
  return path.join(base, `${id}.cache`);
}

/** Results of an earlier run, and the ones of this run to save. */
export class RecordCache {
  private readonly previous = new Map<string, Entry>();
  private readonly current = new Map<string, Entry>();
  private changed = false;

  private constructor(
    readonly location: string,
    private readonly key: string,
  ) {}

  /** Opens a cache file; a missing, corrupt or foreign file gives an empty cache, never an error. */
  static open(location: string, key: string): RecordCache {
    const cache = new RecordCache(location, key);
    let bytes: Buffer;
    try {
      bytes = readFileSync(location);
    } catch {
      return cache;
    }
    try {
      cache.parse(bytes);
    } catch {
      cache.previous.clear();
    }
    return cache;
  }

  // Works on the bytes: record lines stay Buffer views of the file, written out without decoding.
  private parse(bytes: Buffer): void {
    let start = 0;
    const nextLine = (): Buffer | null => {
      if (start >= bytes.length) return null;
      let end = bytes.indexOf(10, start);
      if (end === -1) end = bytes.length;
      const line = bytes.subarray(start, end);
      start = end + 1;
      return line;
    };
    const header = JSON.parse(nextLine()?.toString('utf8') ?? '') as { format?: string; version?: number; key?: string };
    if (header.format !== FORMAT || header.version !== FORMAT_VERSION || header.key !== this.key) return;
    for (let line = nextLine(); line !== null; line = nextLine()) {
      if (line.length === 0) continue;
      const [file, size, mtimeMs, ctimeMs, ino, result] = JSON.parse(line.toString('utf8')) as [string, number, number, number, number, LoadedResult];
      if (typeof file !== 'string' || typeof result !== 'object' || result === null) throw new Error('corrupt cache');
      if (result.kind === 'article') {
        const json = nextLine();
        if (json === null || json[0] !== 0x7b) throw new Error('corrupt cache');
        result.json = json;
      }
      this.previous.set(file, { size, mtimeMs, ctimeMs, ino, result });
    }
  }

  /** The cached result for a file whose stamp still matches and that is shown under the same path. */
  get(file: string, stamp: FileStamp, shown: string): LoadedResult | undefined {
    const entry = this.previous.get(file);
    if (!entry || entry.size !== stamp.size || entry.mtimeMs !== stamp.mtimeMs || entry.ctimeMs !== stamp.ctimeMs || entry.ino !== stamp.ino) {
      this.changed = true;
      return undefined;
    }
    const result = entry.result;
    if (resultPath(result) !== shown) {
      this.changed = true;
      return undefined;
    }
    this.current.set(file, entry);
    return result;
  }

  /**
   * Records this run's result for a file, unless the file was modified too recently to trust its
   * stamp: a same-size rewrite within the file system's timestamp granularity (up to 2 s on some)
   * would keep size, mtime, ctime and inode, so such a file is simply read again next time.
   */
  set(file: string, stamp: FileStamp, result: LoadedResult, now = Date.now()): void {
    this.changed = true;
    if (now - stamp.mtimeMs < RACY_WINDOW_MS) return;
    this.current.set(file, { ...stamp, result });
  }

  /** Writes the cache (atomically: a temporary file renamed over the old one) when anything changed. */
  save(): void {
    if (!this.changed && this.current.size === this.previous.size) return;
    const parts: Array<string | Buffer> = [JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, key: this.key }), '\n'];
    for (const [file, entry] of this.current) {
      const { result } = entry;
      if (result.kind === 'article') {
        const { json, ...rest } = result;
        parts.push(JSON.stringify([file, entry.size, entry.mtimeMs, entry.ctimeMs, entry.ino, rest]), '\n', json, '\n');
      } else {
        parts.push(JSON.stringify([file, entry.size, entry.mtimeMs, entry.ctimeMs, entry.ino, result]), '\n');
      }
    }
    const temporary = `${this.location}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(this.location), { recursive: true });
      writeFileSync(temporary, Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part))));
      renameSync(temporary, this.location);
    } catch {
      rmSync(temporary, { force: true });
    }
  }
}
