// Where cache files live: the cache key of a run, the default location, and one file per option set.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, rmSync, statSync, utimesSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { endsAsSnapshot, snapshotLocation } from './listing-snapshot.js';

/** The cache key of a run: anything that changes results (version, options, taxonomy) goes in. */
export function cacheKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * True when a cache may be kept at `file`: nothing is there yet, or a regular file, and the same
 * at `<file>.listing` and `<file>.validate` (see whyNoCacheAt).
 */
export function usableCacheLocation(file: string): boolean {
  return whyNoCacheAt(file) === null;
}

/** True when a cache file may be kept at `file` itself (validate's `<location>.validate`), its siblings aside. */
export function usableCacheFile(file: string): boolean {
  return whyNoCacheAt(file, [file]) === null;
}

// The longest name a file system takes, and what is added to a cache's name for the files
// written beside it: `.validate`, then the temporary `.<pid>.<8 hex digits>.tmp` (pids have at most 7 digits).
const NAME_MAX = 255;
const LONGEST_SIBLING_SUFFIX = '.validate'.length;
const LONGEST_TEMPORARY_SUFFIX = '.4194304.ffffffff.tmp'.length;

/**
 * Why no cache can be kept at `file` (or at `<file>.listing`, `<file>.validate`), or null when
 * one can: something there that is not a regular file (`/dev/null`, a FIFO, a folder: saving
 * would rename a file over it), a path that cannot be looked at (a symlink loop, a file where a
 * folder should be), or the very file this run writes its output or messages to
 * (`--cache-location /dev/stdout > out.json`: saving would put the cache where the output was).
 */
export function whyNoCacheAt(file: string, places = cacheFilesAt(file)): NoCachePlace | null {
  const room = NAME_MAX - LONGEST_TEMPORARY_SUFFIX - (places.length > 1 ? LONGEST_SIBLING_SUFFIX : 0);
  if (Buffer.byteLength(path.basename(file)) > room) {
    return { place: file, reason: `has a name too long to keep a cache under (at most ${room} bytes, leaving room for the files written beside it)`, ownOutput: false };
  }
  for (const place of places) {
    let found;
    try {
      found = statSync(place, { throwIfNoEntry: false });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ELOOP' ? 'a symbolic link loop' : code === 'ENOTDIR' ? 'a path through a file' : code === 'EACCES' ? 'permission denied' : code ?? 'an error';
      return { place, reason: `cannot be looked at (${why})`, ownOutput: false };
    }
    if (found === undefined) continue;
    if (!found.isFile()) return { place, reason: 'is not a regular file', ownOutput: false };
    if (isOwnOutput(found)) return { place, reason: 'is where this run writes its output or messages', ownOutput: true };
    // Saving renames a file over it, which needs no right to read it: one that cannot be read
    // (another user's file in a shared folder) may not be a cache at all, and is left alone.
    if (!canOpen(place)) return { place, reason: 'cannot be read (permission denied), so it is left alone', ownOutput: false, unreadable: true };
  }
  return null;
}

function canOpen(file: string): boolean {
  try {
    closeSync(openSync(file, 'r'));
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code !== 'EACCES' && code !== 'EPERM';
  }
}

/**
 * A file where no cache can be kept, and why (`ownOutput`: it is this run's stdout or stderr;
 * `unreadable`: a file there that cannot be read).
 */
export interface NoCachePlace {
  place: string;
  reason: string;
  ownOutput: boolean;
  unreadable?: true;
}

// True for the file this process's stdout or stderr goes to.
function isOwnOutput(found: { dev: number; ino: number }): boolean {
  for (const fd of [1, 2]) {
    try {
      const output = fstatSync(fd);
      if (output.isFile() && output.dev === found.dev && output.ino === found.ino) return true;
    } catch {
      // Closed: nothing is written there.
    }
  }
  return false;
}

const OWN_FILE_START = Buffer.from('{"format":"feedtool-');

// True for a file with something in it that feedtool did not write (an article, notes): a
// cache is never saved over it. An empty file (`mktemp`) may be used.
function isForeignFile(file: string, size: number): boolean {
  if (size === 0) return false;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const start = Buffer.alloc(OWN_FILE_START.length);
    const read = readSync(fd, start, 0, start.length, 0);
    // A listing snapshot starts with the listing itself; its trailer, at the end, says whose it is.
    return !start.subarray(0, read).equals(OWN_FILE_START) && !endsAsSnapshot(fd, size);
  } catch {
    // Unreadable: whyNoCacheAt refuses it (saving would rename a file over it, which needs no right to read it).
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Why a cache cannot be kept at a location chosen with --cache-location, or null: a file there
 * (or at `<file>.listing` / `<file>.validate` beside it) that feedtool did not write, unless the
 * name ends in `.cache`, which says the file is a cache (a damaged one is rebuilt).
 */
export function foreignCacheLocation(location: string): string | null {
  if (location.endsWith('.cache')) return null;
  for (const file of cacheFilesAt(location)) {
    try {
      const found = statSync(file, { throwIfNoEntry: false });
      if (found?.isFile() && isForeignFile(file, found.size)) return file;
    } catch {
      // Looked at again where the cache is opened.
    }
  }
  return null;
}

/**
 * The file a cache location names: a symbolic link is followed (to its target, even a missing
 * one), so saving replaces the target and the link stays a link.
 */
export function followCacheLink(location: string): string {
  let current = location;
  for (let hops = 0; hops < 40; hops++) {
    let target: string;
    try {
      if (!lstatSync(current).isSymbolicLink()) return current;
      target = readlinkSync(current);
    } catch {
      return current;
    }
    current = path.resolve(path.dirname(current), target);
  }
  return location;
}

// Every file a cache location stands for: the cache, and the two kept (and renamed into place) beside it.
function cacheFilesAt(location: string): string[] {
  return [location, snapshotLocation(location), validateCacheLocation(location)];
}

/** Where validate keeps its results beside a cache file chosen with --cache-location. */
export function validateCacheLocation(location: string): string {
  return `${location}.validate`;
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
      rmSync(snapshotLocation(file), { force: true });
    } catch {
      // Not ours to delete (permissions, a directory of that name): left alone.
    }
  }
}

/**
 * The default cache file for a set of inputs: under node_modules/.cache when present, else the
 * user cache folder (`$XDG_CACHE_HOME/feedtool`, or `~/.cache/feedtool`). Null when there is
 * none: `XDG_CACHE_HOME` counts only when absolute (the XDG spec ignores a relative one), and a
 * home folder only when it is an absolute path that exists, so an empty or missing `HOME` (a
 * service account's `/nonexistent`) never puts a cache in the current folder or makes a home.
 */
export function defaultCacheLocation(inputs: readonly string[], cwd: string, env: NodeJS.ProcessEnv): string | null {
  const id = cacheKey({ cwd, inputs: inputs.map((input) => path.resolve(cwd, input)) }).slice(0, 16);
  const base = projectCacheFolder(cwd) ?? userCacheFolder(env);
  return base === null ? null : path.join(base, `${id}.cache`);
}

function projectCacheFolder(cwd: string): string | null {
  try {
    return statSync(path.join(cwd, 'node_modules')).isDirectory() ? path.join(cwd, 'node_modules', '.cache', 'feedtool') : null;
  } catch {
    return null;
  }
}

function userCacheFolder(env: NodeJS.ProcessEnv): string | null {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'feedtool');
  let home: string;
  try {
    home = homedir();
  } catch {
    return null;
  }
  if (!path.isAbsolute(home)) return null;
  try {
    return statSync(home).isDirectory() ? path.join(home, '.cache', 'feedtool') : null;
  } catch {
    return null;
  }
}
