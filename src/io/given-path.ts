// Paths given on the command line, read the way the kernel reads them.
import { realpathSync } from 'node:fs';
import path from 'node:path';

const SEPARATORS = path.sep === '/' ? '/' : /[\\/]/;
const SEPARATORS_AT_START = path.sep === '/' ? /^\// : /^[\\/]/;

/**
 * A path given on the command line, as the kernel reads it. Where `site/nl` is a link to
 * `../news`, `site/nl/..` is the folder holding `news`, not `site` as path.resolve (and
 * path.join, and Node's realpathSync) tidy it; the path the kernel means is returned, relative
 * to `cwd` when inside it. An absolute path under the shell's name for the current folder
 * (`"$PWD/news"`, cd'd through a link) is put under its real path, so it is shown relative too.
 * Anything else, and a path whose part up to its last `..` does not exist, is returned as given.
 */
export function resolveGivenPath(given: string, cwd = process.cwd()): string {
  given = physicalCwdIn(given, cwd);
  const segments = given.split(SEPARATORS);
  const last = lastDotDotAfterName(segments);
  if (last === -1) return given;
  const head = segments.slice(0, last + 1).join(path.sep);
  let physical: string;
  try {
    // The native realpath resolves a segment at a time; path.resolve would tidy `x/..` first.
    physical = realpathSync.native(path.isAbsolute(head) ? head : cwd + path.sep + head);
  } catch {
    return given;
  }
  let textual: string | null;
  try {
    textual = realpathSync.native(path.resolve(cwd, head));
  } catch {
    textual = null;
  }
  if (textual === physical) return given;
  const rest = segments.slice(last + 1).join(path.sep);
  const full = rest === '' ? physical : path.join(physical, rest);
  const relative = path.relative(cwd, full);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  const shown = relative === '' ? '.' : inside ? relative : full;
  const slash = /[\\/]$/.test(given) && !shown.endsWith(path.sep) ? path.sep : '';
  return shown + slash;
}

let logical: { cwd: string; env: string | undefined; pwd: string | null } | null = null;

// The current folder as the shell names it: $PWD, when that is another path to the same folder
// (cd'd through a link; /tmp -> /private/tmp on macOS), else null.
function logicalCwd(cwd: string): string | null {
  const pwd = process.env.PWD;
  if (logical?.cwd === cwd && logical.env === pwd) return logical.pwd;
  let found: string | null = null;
  if (pwd && path.isAbsolute(pwd) && pwd !== cwd) {
    try {
      if (realpathSync.native(pwd) === cwd) found = pwd.length > 1 && pwd.endsWith(path.sep) ? pwd.slice(0, -1) : pwd;
    } catch {
      // A stale $PWD: no other name.
    }
  }
  logical = { cwd, env: pwd, pwd: found };
  return found;
}

// An absolute path that starts with the shell's name for the current folder (`"$PWD/news"`),
// rewritten to start with the current folder's real path, so it is shown relative to it.
function physicalCwdIn(given: string, cwd: string): string {
  if (!path.isAbsolute(given)) return given;
  const pwd = logicalCwd(cwd);
  if (pwd === null || !given.startsWith(pwd)) return given;
  const rest = given.slice(pwd.length);
  if (rest !== '' && !SEPARATORS_AT_START.test(rest)) return given;
  return cwd + rest;
}

/** True when a path has `..` after a folder name (`a/../b`), which only the file system can resolve. */
export function hasDotDotAfterName(given: string): boolean {
  return lastDotDotAfterName(given.split(SEPARATORS)) !== -1;
}

function lastDotDotAfterName(segments: readonly string[]): number {
  let last = -1;
  let named = false;
  segments.forEach((segment, index) => {
    if (segment === '..') {
      if (named) last = index;
    } else if (segment !== '' && segment !== '.') named = true;
  });
  return last;
}
