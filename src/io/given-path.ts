// Paths given on the command line, read the way the kernel reads them.
import { realpathSync } from 'node:fs';
import path from 'node:path';

const SEPARATORS = path.sep === '/' ? '/' : /[\\/]/;

/**
 * A path given with `..` after a folder name, as the kernel reads it: where `site/nl` is a link
 * to `../news`, `site/nl/..` is the folder holding `news`, not `site` as path.resolve (and
 * path.join, and Node's realpathSync) tidy it. Returns the path unchanged when both readings
 * agree (the usual case) or the part up to its last `..` does not exist; otherwise the path
 * the kernel means, relative to `cwd` when inside it.
 */
export function resolveGivenPath(given: string, cwd = process.cwd()): string {
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
