// Glob text: which characters are wildcards, and how a literal path is written inside a pattern.
import path from 'node:path';

// On Windows `\` separates folders, so nothing can be escaped there.
const ESCAPES = path.sep === '/';
const WILDCARD_CHARACTERS = '*?[]{}';

/** True when an argument holds a glob character (`* ? [ ] { }`), escaped or not: it may be a pattern. */
export function isGlobPattern(arg: string): boolean {
  return /[*?[\]{}]/.test(arg);
}

/** True when a glob (or one segment of it) holds a wildcard not escaped with a backslash. */
export function hasWildcard(glob: string): boolean {
  if (!ESCAPES || !glob.includes('\\')) return isGlobPattern(glob);
  for (let at = 0; at < glob.length; at++) {
    const c = glob[at]!;
    if (c === '\\') at++;
    else if (WILDCARD_CHARACTERS.includes(c)) return true;
  }
  return false;
}

/** A literal path written as a glob that matches exactly it: `[`, `*` and the rest escaped (`we\[ir\]d`). */
export function escapeGlob(literal: string): string {
  return ESCAPES ? literal.replace(/[*?[\]{}\\]/g, '\\$&') : literal;
}

/** The literal text a glob without wildcards stands for: its escapes removed. */
export function unescapeGlob(glob: string): string {
  return ESCAPES && glob.includes('\\') ? glob.replace(/\\([^])/g, '$1') : glob;
}
