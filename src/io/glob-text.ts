// Glob text: which characters are wildcards, and how a literal path is written inside a pattern.
import path from 'node:path';

// On Windows `\` separates folders, so nothing can be escaped there.
const ESCAPES = path.sep === '/';

/** True when an argument holds a glob character (`* ? [ ] { }`), escaped or not: it may be a pattern. */
export function isGlobPattern(arg: string): boolean {
  return /[*?[\]{}]/.test(arg);
}

/**
 * True when a glob (or one segment of it) holds a wildcard not escaped with a backslash: `*`,
 * `?`, `{`, or a `[` closed by a `]` in the same segment (`a[b` is an ordinary name).
 */
export function hasWildcard(glob: string): boolean {
  for (let at = 0; at < glob.length; at++) {
    const c = glob[at]!;
    if (c === '\\' && ESCAPES) at++;
    else if (c === '*' || c === '?' || c === '{') return true;
    else if (c === '[' && classEnd(glob, at) !== -1) return true;
  }
  return false;
}

/** Where the `]` that closes the `[` at `open` is, or -1 when none does before the segment ends. */
export function classEnd(glob: string, open: number): number {
  const close = glob.indexOf(']', open + 1);
  if (close === -1) return -1;
  const slash = glob.indexOf('/', open + 1);
  return slash !== -1 && slash < close ? -1 : close;
}

/** A literal path written as a glob that matches exactly it: `[`, `*` and the rest escaped (`we\[ir\]d`). */
export function escapeGlob(literal: string): string {
  return ESCAPES ? literal.replace(/[*?[\]{}\\]/g, '\\$&') : literal;
}

/** The literal text a glob without wildcards stands for: its escapes removed. */
export function unescapeGlob(glob: string): string {
  return ESCAPES && glob.includes('\\') ? glob.replace(/\\([^])/g, '$1') : glob;
}

/**
 * The folder a glob starts in: its segments before the first one with a wildcard, unescaped
 * (`we\[ir\]d/news/*.md` → `we[ir]d/news`; `*.md` → `.`).
 */
export function literalPrefix(glob: string): string {
  const segments = glob.split(ESCAPES ? '/' : /[\\/]/);
  const end = segments.findIndex(hasWildcard);
  const literal = (end === -1 ? segments : segments.slice(0, end)).map(unescapeGlob).join('/');
  return literal === '' ? (glob.startsWith('/') ? '/' : '.') : literal;
}
