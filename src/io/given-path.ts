// Paths given on the command line, read the way the kernel reads them.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { escapeGlob, hasWildcard, unescapeGlob } from './glob-text.js';

const SEPARATORS = path.sep === '/' ? '/' : /[\\/]/;
const SEPARATORS_AT_START = path.sep === '/' ? /^\// : /^[\\/]/;
const SEPARATORS_AT_START_ALL = path.sep === '/' ? /^\/+/ : /^[\\/]+/;

/**
 * A path given on the command line, as the kernel reads it. Where `site/nl` is a link to
 * `../news`, `site/nl/..` is the folder holding `news`, not `site` as path.resolve (and
 * path.join, and Node's realpathSync) tidy it; the path the kernel means is returned, relative
 * to `cwd` when inside it. An absolute path under the shell's name for the current folder
 * (`"$PWD/news"`, cd'd through a link) is taken relative to the current folder (`news`), so it is
 * shown relative too. Anything else, and a path whose part up to its last `..` does not exist,
 * is returned as given. With `glob`, `given` is a glob pattern and the folder names put in
 * its place are escaped (a folder named `we[ir]d` is no character class).
 */
export function resolveGivenPath(given: string, cwd = process.cwd(), { glob = false }: { glob?: boolean } = {}): string {
  given = relativeToCwd(given, cwd);
  const segments = given.split(SEPARATORS);
  const last = lastDotDotAfterName(segments);
  if (last === -1) return given;
  let head = segments.slice(0, last + 1).join(path.sep);
  if (glob) {
    // A wildcard before `..` names no one folder (the walk refuses it); escapes name literal characters.
    if (hasWildcard(head)) return given;
    head = unescapeGlob(head);
  }
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
  const relative = path.relative(cwd, physical);
  const folder = relative === '' ? '.' : isOutsideFolder(relative) ? physical : relative;
  const rest = segments.slice(last + 1).join(path.sep);
  const written = glob ? escapeGlob(folder) : folder;
  if (rest === '') return written + (/[\\/]$/.test(given) && !written.endsWith(path.sep) ? path.sep : '');
  return folder === '.' ? rest : written.endsWith(path.sep) ? written + rest : written + path.sep + rest;
}

/** True for a relative path that leads out of its folder (`..`, `../x`), or an absolute one; `..x` is inside. */
export function isOutsideFolder(relative: string): boolean {
  return relative === '..' || relative.startsWith(`..${path.sep}`) || (path.sep !== '/' && relative.startsWith('../')) || path.isAbsolute(relative);
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

// An absolute path that starts with the shell's name for the current folder (`"$PWD/news"`), or
// with its real path, rewritten relative to the current folder (`news`; `"$PWD"` is `.`), which
// the kernel reads the same way. No real path is put in its place: in a glob its `[` would be a
// wildcard.
function relativeToCwd(given: string, cwd: string): string {
  if (!path.isAbsolute(given)) return given;
  const pwd = logicalCwd(cwd);
  // The real path too (`"$PWD"` where no link was followed): its `[` is no wildcard either.
  for (const name of [pwd, path.dirname(cwd) === cwd ? null : cwd]) {
    if (name === null || !given.startsWith(name)) continue;
    const rest = given.slice(name.length);
    if (rest === '') return '.';
    // Only whole names: `/x/d[1]` is not below `/x/d`.
    if (!SEPARATORS_AT_START.test(rest)) continue;
    const below = rest.replace(SEPARATORS_AT_START_ALL, '');
    return below === '' ? `.${path.sep}` : below;
  }
  return given;
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
