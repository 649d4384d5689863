// Finds article files below the paths and glob patterns given on the command line.
import { accessSync, constants as fsConstants, lstatSync, opendirSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../core/types.js';
import { hasDotDotAfterName, isOutsideFolder, resolveGivenPath } from './given-path.js';
import { classEnd, escapeGlob, hasWildcard, isGlobPattern, unescapeGlob } from './glob-text.js';

export { isGlobPattern };

export const ARTICLE_EXTENSIONS = ['.md', '.markdown'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/** One thing the walk found: a file to read, or a problem to report. */
export type WalkEntry =
  | { kind: 'file'; path: string; absolute: string; shown: string }
  | { kind: 'problem'; diagnostic: Diagnostic };

/**
 * Entries as the walk's inner steps pass them up, in walk order: a batch at a time, not each
 * entry through every step (a folder, the input, the inputs), which cost more than finding it.
 */
type WalkBatch = WalkEntry[];
/** The most entries a folder's walk holds before passing them on. */
const WALK_BATCH = 256;

/** True when a file name has an article extension (`.md`, `.markdown`, any case). */
export function isArticleFileName(name: string): boolean {
  if (name.endsWith('.md')) return true;
  const lower = name.toLowerCase();
  return ARTICLE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** Shows a path as found: POSIX separators, relative to the current directory when below it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  const shown = relative !== '' && !isOutsideFolder(relative) ? relative : absolute;
  return shown === STDIN_NAME ? FILE_NAMED_DASH : shown.split(path.sep).join('/');
}

// A file named `-` in the current directory, named on the command line (a walk never reads it: it
// is no `.md` file), is shown as `./-`: `-` stands for standard input.
const STDIN_NAME = '-';
const FILE_NAMED_DASH = './-';

/** A compiled glob: `test` says whether a POSIX path matches it. */
export interface GlobMatcher {
  test(path: string): boolean;
  /**
   * Where matching stands after a folder's path (`.` for the glob's own start): '' when no path
   * below it can match, else a text that is the same for two folders exactly when the same
   * relative paths below them match.
   */
  stateAfter(folder: string): string;
}

// Tokens of a brace-free glob. A class holds a one-character regular expression (no backtracking).
type GlobToken =
  | { kind: 'literal'; char: string; lead: boolean }
  | { kind: 'one' }
  | { kind: 'class'; re: RegExp }
  | { kind: 'star' }
  | { kind: 'anything' }
  | { kind: 'segments' };

const MAX_GLOB_ALTERNATIVES = 1024;
// A backslash escapes the character after it, except on Windows, where it separates folders.
const ESCAPES = path.sep === '/';

/**
 * Compiles a glob (`*`, `**`, `?`, `[abc]`, `[!abc]`, `{a,b}`, `\\[` for a literal `[`) for POSIX paths. As in the shell, a
 * name that starts with `.` is matched only by a pattern segment that starts with `.` (`**` does
 * not enter hidden folders), unless `dot` is set (as for --ignore, like a .gitignore). Matching
 * runs the pattern as an automaton over the path, in time proportional to their lengths
 * multiplied: a regular expression with several `*` backtracks exponentially on a long hostile
 * file name. Throws on an unbalanced `{` or an invalid class (`[z-a]`).
 */
export function compileGlob(glob: string, { dot = false }: { dot?: boolean } = {}): GlobMatcher {
  const alternatives = expandBraces(glob).map(tokenizeGlob);
  return {
    test: (file) => alternatives.some((tokens) => runTokens(tokens, file, dot)?.[2 * tokens.length] === 1),
    stateAfter: (folder) => {
      const prefix = folder === '.' ? '' : folder.endsWith('/') ? folder : folder + '/';
      const states = alternatives.map((tokens) => runTokens(tokens, prefix, dot));
      return states.every((state) => state === null) ? '' : states.map((state) => (state ? state.join('') : '-')).join('|');
    },
  };
}

function expandBraces(glob: string): string[] {
  const open = unescapedIndexOf(glob, '{');
  if (open === -1) return [glob];
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  for (let i = open; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\' && ESCAPES) i++;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) {
        close = i;
        break;
      }
    } else if (c === ',' && depth === 1) commas.push(i);
  }
  if (close === -1) throw new Error(`unbalanced { in ${glob}`);
  const bounds = [open, ...commas, close];
  const heads: string[] = [];
  for (let k = 0; k < bounds.length - 1; k++) heads.push(...expandBraces(glob.slice(bounds[k]! + 1, bounds[k + 1])));
  const tails = expandBraces(glob.slice(close + 1));
  const out: string[] = [];
  for (const head of heads) {
    for (const tail of tails) {
      out.push(glob.slice(0, open) + head + tail);
      if (out.length > MAX_GLOB_ALTERNATIVES) throw new Error(`too many { } alternatives in ${glob}`);
    }
  }
  return out;
}

// The first `char` in a glob that no backslash escapes, or -1.
function unescapedIndexOf(glob: string, char: string): number {
  let at = glob.indexOf(char);
  if (!ESCAPES) return at;
  while (at !== -1) {
    let backslashes = 0;
    while (glob[at - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 0) return at;
    at = glob.indexOf(char, at + 1);
  }
  return -1;
}

function tokenizeGlob(glob: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  const literal = (char: string): void => {
    const previous = tokens.at(-1);
    const lead = previous === undefined || previous.kind === 'segments' || (previous.kind === 'literal' && previous.char === '/');
    tokens.push({ kind: 'literal', char, lead });
  };
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '\\' && ESCAPES) {
      if (i + 1 === glob.length) throw new Error('a backslash at the end escapes nothing');
      literal(glob[++i]!);
    } else if (c === '*') {
      // `**` is special only as a whole segment (`a/**/b`, `a/**`); elsewhere (`**.md`, `a**`) it
      // is `*`, as in the shell.
      const atSegmentStart = i === 0 || glob[i - 1] === '/';
      if (glob[i + 1] === '*' && atSegmentStart && (glob[i + 2] === '/' || i + 2 === glob.length)) {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          tokens.push({ kind: 'segments' });
        } else {
          tokens.push({ kind: 'anything' });
        }
      } else if (tokens.at(-1)?.kind !== 'star') {
        tokens.push({ kind: 'star' });
      }
    } else if (c === '?') tokens.push({ kind: 'one' });
    else if (c === '[' && classEnd(glob, i) !== -1) {
      const end = classEnd(glob, i);
      let body = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
      if (body.startsWith('!')) body = '^' + body.slice(1);
      tokens.push({ kind: 'class', re: new RegExp(`^[${body}]$`) });
      i = end;
    } else {
      literal(c);
    }
  }
  return tokens;
}

// Runs the tokens as an automaton over the path: state 2i is "before token i", 2i+1 "inside the
// folder names of a `**/` token i". Every step costs at most the number of states. Returns the
// states reached, or null when none is (no longer path can match either).
function runTokens(tokens: readonly GlobToken[], file: string, dot: boolean): Uint8Array | null {
  const size = 2 * tokens.length + 2;
  let current = new Uint8Array(size);
  let next = new Uint8Array(size);
  const close = (states: Uint8Array): void => {
    // Tokens that can match nothing let the state after them be reached too.
    for (let i = 0; i < tokens.length; i++) {
      const kind = tokens[i]!.kind;
      if (states[2 * i] && (kind === 'star' || kind === 'anything' || kind === 'segments')) states[2 * (i + 1)] = 1;
    }
  };
  current[0] = 1;
  close(current);
  for (let at = 0; at < file.length; at++) {
    const c = file[at]!;
    const slash = c === '/';
    // The `.` that starts a name: only a pattern segment's own leading `.` matches it.
    const hidden = !dot && c === '.' && (at === 0 || file[at - 1] === '/');
    next.fill(0);
    let alive = false;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (current[2 * i + 1]) {
        next[slash ? 2 * i : 2 * i + 1] = 1;
        alive = true;
      }
      if (!current[2 * i]) continue;
      alive = true;
      if (hidden && !(token.kind === 'literal' && token.lead)) continue;
      switch (token.kind) {
        case 'literal':
          if (c === token.char) next[2 * (i + 1)] = 1;
          break;
        case 'one':
          if (!slash) next[2 * (i + 1)] = 1;
          break;
        case 'class':
          if (!slash && token.re.test(c)) next[2 * (i + 1)] = 1;
          break;
        case 'star':
          if (!slash) next[2 * i] = 1;
          break;
        case 'anything':
          next[2 * i] = 1;
          break;
        case 'segments':
          next[slash ? 2 * i : 2 * i + 1] = 1;
          break;
      }
    }
    if (!alive) return null;
    close(next);
    [current, next] = [next, current];
  }
  return current.includes(1) ? current : null;
}

/**
 * A glob as the walk matches it: POSIX separators, no `//`, `./` or `x/..` (the paths it is
 * matched against never hold them). Throws for `..` anywhere after a wildcard (`site?/nl/..`):
 * which folder it names depends on the links each match goes through.
 */
export function normaliseGlob(input: string): string {
  const segments = input.split(path.sep).join('/').split('/');
  const out: string[] = [];
  segments.forEach((segment, index) => {
    if (segment === '' && index > 0 && index < segments.length - 1) return;
    if (segment === '.' && segments.length > 1) return;
    if (segment === '..' && out.some(hasWildcard)) throw new Error('a wildcard before .. names no folder to walk');
    // `/..` is `/`.
    if (segment === '..' && out.length === 1 && out[0] === '') return;
    if (segment === '..' && out.length > 0 && out.at(-1) !== '..' && out.at(-1) !== '') {
      out.pop();
      return;
    }
    out.push(segment);
  });
  return out.length === 1 && out[0] === '' ? '/' : out.join('/');
}

/** The directory part of a glob before its first wildcard segment. */
function globBase(pattern: string): string {
  const segments = pattern.split('/');
  const fixed: string[] = [];
  for (const segment of segments) {
    if (hasWildcard(segment)) break;
    fixed.push(unescapeGlob(segment));
  }
  if (fixed.length === segments.length) fixed.pop();
  const base = fixed.join('/');
  return base === '' ? (pattern.startsWith('/') ? '/' : '.') : base;
}

function problem(file: string, code: string, message: string): WalkEntry {
  return { kind: 'problem', diagnostic: { path: displayPath(file), line: 0, column: 0, code, message } };
}

/** A folder found in a walk that could not be read. */
function folderProblem(dir: string, message: string): WalkEntry {
  return { kind: 'problem', diagnostic: { path: displayPath(dir), line: 0, column: 0, code: 'unreadable', message, folder: true } };
}

/** A problem with something that holds no file to read: a FIFO, a socket, a broken link or a link loop. */
function notAFile(file: string, message: string): WalkEntry {
  return { kind: 'problem', diagnostic: { path: displayPath(file), line: 0, column: 0, code: 'unreadable', message, notAFile: true } };
}

/** A problem with an input named on the command line that matches nothing. */
function missingInput(input: string, message: string, { notAFile, asTyped }: { notAFile?: true; asTyped?: boolean } = {}): WalkEntry {
  const shown = asTyped ? input.split(path.sep).join('/') : displayPath(input);
  return { kind: 'problem', diagnostic: { path: shown, line: 0, column: 0, code: 'unreadable', message, missingInput: true, ...(notAFile ? { notAFile } : {}) } };
}

// False for a file the user may not read (permission denied); true otherwise, even when it has
// vanished (that is reported when it is read).
function canRead(file: string): boolean {
  try {
    accessSync(file, fsConstants.R_OK);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code !== 'EACCES' && code !== 'EPERM';
  }
}

// True when something (a broken link too) is at a path, or may be: one behind a folder that
// cannot be searched is reported as such, not matched as a pattern.
function pathExists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM';
  }
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** True for a file or folder (by its shown path and name) that --ignore leaves out. */
export type IgnoreTest = (shown: string, name: string, isDirectory: boolean) => boolean;

/**
 * An --ignore pattern that names a path, as it is matched: `./`, `//` and `x/..` tidied
 * (`nl/..` through a link as the kernel reads it), `"$PWD/x"` as `x`, and one that names the
 * current folder or starts with `../` made absolute. Throws for a wildcard before `..`.
 */
export function ignorePathPattern(raw: string, cwd = process.cwd()): string {
  const posixCwd = cwd.split(path.sep).join('/');
  const pattern = normaliseGlob(resolveGivenPath(raw, cwd, { glob: true }).split(path.sep).join('/'));
  if (pattern === '' || pattern === '.') return escapeGlob(posixCwd);
  if (pattern === '..' || pattern.startsWith('../')) return path.posix.join(escapeGlob(posixCwd), pattern);
  return pattern;
}

/**
 * The test for `--ignore` patterns: a pattern without `/` matches a file or folder name at any
 * depth (`_drafts`, `draft-*.md`); one with `/` matches the path as shown, relative to the
 * current directory (`_learning/**`, `site/_companies`); an absolute one (or one out of the
 * current directory, `../site/x`, or the current folder itself, `.`) matches the absolute path,
 * wherever it is shown; a trailing `/**` also matches the folder itself, so it is not walked.
 * Null when there are none.
 */
export function ignoreTest(patterns: readonly string[]): IgnoreTest | null {
  if (patterns.length === 0) return null;
  const byName: Array<{ glob: GlobMatcher; folderOnly: boolean }> = [];
  const byPath: Array<{ glob: GlobMatcher; folderOnly: boolean; absolute: boolean; folder: GlobMatcher | null }> = [];
  const cwd = process.cwd().split(path.sep).join('/');
  for (const raw of patterns) {
    const posix = raw.split(path.sep).join('/');
    // `_drafts/` names folders only, as in a .gitignore.
    const folderOnly = posix.endsWith('/');
    let pattern = posix.replace(/\/+$/, '');
    if (pattern === '') continue;
    if (!pattern.includes('/') && pattern !== '.' && pattern !== '..') {
      byName.push({ glob: compileGlob(pattern, { dot: true }), folderOnly });
      continue;
    }
    pattern = ignorePathPattern(pattern);
    const folder = pattern.endsWith('/**') ? compileGlob(pattern.slice(0, -3), { dot: true }) : null;
    byPath.push({ glob: compileGlob(pattern, { dot: true }), folderOnly, absolute: pattern.startsWith('/'), folder });
  }
  const prefix = cwd.endsWith('/') ? cwd : `${cwd}/`;
  return (shown, name, isDirectory) => {
    if (byName.some(({ glob, folderOnly }) => (isDirectory || !folderOnly) && glob.test(name))) return true;
    if (byPath.length === 0) return false;
    const posix = path.sep === '/' ? shown.replace(/\/+$/, '') : shown.split(path.sep).join('/').replace(/\/+$/, '');
    // Paths inside the current directory are shown relative to it.
    const absolutePath = posix.startsWith('/') ? posix : prefix + posix;
    return byPath.some(({ glob, folderOnly, absolute, folder }) => {
      const tested = absolute ? absolutePath : posix;
      return ((isDirectory || !folderOnly) && glob.test(tested)) || (isDirectory && folder !== null && folder.test(tested));
    });
  };
}

interface WalkState {
  /** What --ignore leaves out of walks and globs (never a path named on the command line). */
  ignored: IgnoreTest | null;
  visitedDirectories: Set<string>;
  seenFiles: Set<string>;
  /**
   * Files reached through a symbolic link, by real path, yielded once every input is walked: a
   * file also reached directly (`latest.md -> news/2023-10-16-story.md`) keeps its own name, id
   * and file-name date, whichever comes first in name order.
   */
  linkedFiles: Map<string, WalkEntry>;
  /** The real paths of the folders given on the command line, or walked by a glob given, with each input. */
  walkedRoots: Array<{ root: string; input: string }>;
  /** The real paths of the files given on the command line, with each input. */
  namedFiles: Array<{ file: string; input: string }>;
  /** Every folder walked by a plain input so far, by real path. */
  walkedDirectories: Set<string>;
  /**
   * Folder links that lead into another folder given on the command line (or walked by a glob
   * given, or holding a file given), walked after every input, so that folder's files keep their
   * own names whichever input comes first.
   */
  lateLinks: Array<{ link: string; given: boolean }> | null;
  /** Links met in walks that lead nowhere, FIFOs and folders that cannot be read, by real path: reported once. */
  reportedNotFiles: Set<string>;
}

/** A directory being walked: its entries in name order and how far the walk has got. */
interface DirectoryFrame {
  /** The directory as found (normalised), to build the paths of its entries. */
  dir: string;
  real: string;
  absolute: string;
  /** What goes before an entry's name in its shown path. */
  prefix: string;
  entries: Dirent[];
  next: number;
  /** Names not valid UTF-8, by kind and the name Node gives them (see rawNamesShown): made when first needed. */
  undecodable?: Map<string, Array<string | null>>;
}

/** path.join for a normalised directory and a plain entry name, without path.join's cost. */
function joinName(dir: string, name: string): string {
  if (dir === '.') return name;
  return dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
}

const RENAME_ADVICE = 'rename it (convmv -f latin1 -t utf8 --notest)';
/** Why a file, folder or link whose name is not UTF-8 is skipped: Node sees U+FFFD in its name, and nothing has that name. */
const undecodableName = (kind: 'file' | 'folder' | 'link'): string => `${kind} name is not valid UTF-8 (Latin-1?), so it cannot be opened by name: ${RENAME_ADVICE}`;

// For an entry whose name Node gives with U+FFFD in it: null when its name is really that (a
// file so named, read as any other), else the name to show it by: its bytes, the ones that are
// not UTF-8 as `\xe9`. Entries that Node names alike (`caf\xe9.md`, `caf\xe8.md` and a real
// `caf\ufffd.md`) each take the next of the names read as bytes that Node names so, the real one first.
function undecodableShown(frame: DirectoryFrame, entry: Dirent): string | null {
  frame.undecodable ??= rawNamesShown(frame.dir);
  const names = frame.undecodable.get(undecodableKey(entry, entry.name));
  // Names not readable as bytes (the folder changed): only what cannot be found is reported.
  if (names === undefined || names.length === 0) return pathExists(joinName(frame.dir, entry.name)) ? null : entry.name;
  return names.shift()!;
}

const undecodableKey = (entry: Dirent | Dirent<Buffer>, name: string): string =>
  `${entry.isDirectory() ? 'd' : entry.isFile() ? 'f' : entry.isSymbolicLink() ? 'l' : 'o'}:${name}`;

// The entries of a folder whose names Node gives with U+FFFD in them, by kind and that name:
// null for a name that is really so, first, then the others as shown, in byte order.
function rawNamesShown(dir: string): Map<string, Array<string | null>> {
  const found = new Map<string, Array<string | null>>();
  let raw: Dirent<Buffer>[];
  try {
    raw = readdirSync(dir, { encoding: 'buffer', withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of raw.sort((x, y) => Buffer.compare(x.name, y.name))) {
    const name = entry.name.toString('utf8');
    if (!name.includes('\ufffd')) continue;
    const key = undecodableKey(entry, name);
    const list = found.get(key) ?? [];
    if (Buffer.from(name).equals(entry.name)) list.unshift(null);
    else list.push(bytesShown(entry.name));
    found.set(key, list);
  }
  return found;
}

// Bytes as text: each valid UTF-8 character as itself, any other byte as `\xNN`.
function bytesShown(bytes: Buffer): string {
  let shown = '';
  for (let at = 0; at < bytes.length; ) {
    const lead = bytes[at]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    const text = length > 0 && at + length <= bytes.length ? bytes.toString('utf8', at, at + length) : '';
    if (text !== '' && !text.includes('\ufffd')) {
      shown += text;
      at += length;
    } else {
      shown += `\\x${lead.toString(16).padStart(2, '0')}`;
      at++;
    }
  }
  return shown;
}

// The report of an entry whose name is not UTF-8, shown as `shown`, the first time it is met; null after.
function undecodableReport(frame: DirectoryFrame, shown: string, state: WalkState, kind: 'file' | 'folder' | 'link'): WalkEntry | null {
  // Under a key of its own: a file literally named as it is shown is another file.
  if (!firstReport(state, `\0${joinName(frame.real, shown)}`)) return null;
  const at = joinName(frame.dir, shown);
  return kind === 'folder' ? folderProblem(at, undecodableName(kind)) : problem(at, 'unreadable', undecodableName(kind));
}

/** Why a path given on the command line (or, with `link`, the target of a link given) cannot be looked at. */
export function givenPathError(error: unknown, link: boolean, given = ''): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' && given.includes('\ufffd')) return `no such file or directory (if its name is not valid UTF-8, it cannot be named: ${RENAME_ADVICE})`;
  if (code === 'ELOOP') return 'symbolic link loop';
  if (code === 'EACCES' || code === 'EPERM') return link ? 'symbolic link into a folder that cannot be read (permission denied)' : 'permission denied';
  if (code === 'ENAMETOOLONG') return 'path too long';
  if (code === 'ENOTDIR' && !link) return 'not a directory: a part of this path is a file';
  return link ? 'broken symbolic link' : 'no such file or directory';
}

function directoryError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'cannot read directory: permission denied';
  if (code === 'ENOENT') return 'directory not found (deleted during the walk?)';
  if (code === 'ELOOP') return 'symbolic link loop';
  if (code === 'EMFILE' || code === 'ENFILE') return 'cannot read directory: too many open files';
  if (code === 'ENAMETOOLONG') return 'cannot read directory: path too long';
  return `cannot read directory (${code ?? String(error)})`;
}

// A folder's real path, from the system's realpath as bytes. Node's own realpathSync looks each
// part up again by name, which for a part whose name is not UTF-8 (a link to `d\xe9`) fails, or
// finds a folder really named `d\ufffd`. As text, `d\xe9`, `d\xe8` and `d\ufffd` would be one
// folder: one not UTF-8 is known by its bytes instead, marked so that it is no other folder's
// real path (the folder is read through the path given).
function realFolderPath(dir: string): string {
  const bytes = realpathSync.native(dir, { encoding: 'buffer' });
  const text = bytes.toString('utf8');
  return Buffer.from(text).equals(bytes) ? text : `\0${bytes.toString('latin1')}`;
}

/**
 * Reads a directory for the walk: its frame, a problem, or null when it was already walked.
 * `real` is its real path when already known (a plain folder in a folder whose real path is
 * known): resolving it again costs a look at every ancestor, which made deep chains cubic.
 */
function openDirectory(dir: string, state: WalkState, known?: string, globState?: string): DirectoryFrame | WalkEntry | null {
  let real: string;
  try {
    // A folder swapped for a link between its parent's reading and its own is not noticed (its
    // files may then be listed twice), as with any tree changed during a walk.
    real = known ?? realFolderPath(dir);
  } catch (error) {
    return folderProblem(dir, directoryError(error));
  }
  // A glob walks a folder once for each way of matching below it (`**/current/*.md` walks
  // `current -> 2023` again after `2023`); anything else once. Loops end either way.
  const visit = globState === undefined ? real : `${real}\0${globState}`;
  if (state.visitedDirectories.has(visit)) return null;
  state.visitedDirectories.add(visit);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    return folderProblem(dir, directoryError(error));
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const absolute = path.resolve(dir);
  // Normalised without a trailing separator (but `/` stays `/`), so joinName gives what path.join gives.
  let normal = path.normalize(dir);
  if (normal.length > 1 && normal.endsWith(path.sep)) normal = normal.slice(0, -1);
  return { dir: normal, real, absolute, prefix: shownPrefix(absolute), entries, next: 0 };
}

/**
 * Walks a directory, then the directories its symbolic links lead to: a folder reached both
 * directly and through a link is walked under its own name.
 */
function* walkDirectory(dir: string, state: WalkState, accept: (file: string) => boolean, plain = false, globState?: (folder: string) => string): Generator<WalkBatch> {
  const pending = [dir];
  for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
    if (next !== dir && plain && state.lateLinks && leadsIntoAnotherRoot(next, state)) {
      state.lateLinks.push({ link: next, given: false });
      continue;
    }
    // A folder named on the command line that cannot be read fails the run, as a missing one does.
    yield* walkTree(next, state, accept, pending, plain && next === dir, globState);
  }
}

const TRAILING_SEPARATORS = path.sep === '/' ? /\/+$/ : /[\\/]+$/;

// True for a folder link whose target lies in a folder another input walks (a folder given, or
// the base of a glob given), or holds a file another input names and that is not yet read: the
// link then waits until every input is walked. The folder being walked, which holds it too, is
// settled by walking its links after its own folders. `input` is the link itself when it was
// named on the command line.
function leadsIntoAnotherRoot(link: string, state: WalkState, input: string | null = null): boolean {
  let real: string;
  try {
    real = realpathSync(link);
  } catch {
    return false;
  }
  const inside = real.endsWith(path.sep) ? real : real + path.sep;
  return (
    state.walkedRoots.some(
      // The link leads to a folder given, into one, or to a folder that holds one (`d/up` to `..`).
      ({ root, input: given }) =>
        given !== input && (real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep) || root.startsWith(inside)) && !state.visitedDirectories.has(root),
    ) || state.namedFiles.some(({ file, input: given }) => given !== input && file.startsWith(inside) && !state.seenFiles.has(file))
  );
}

// A folder given on the command line: walked, its folders remembered for the links walked last.
function* walkPlainDirectory(dir: string, state: WalkState): Generator<WalkBatch> {
  yield* walkDirectory(dir, state, () => true, true);
  for (const walked of state.visitedDirectories) state.walkedDirectories.add(walked);
}

/**
 * The real paths of the folders the inputs walk: each folder given, and the folder each glob
 * walks (missing paths left out).
 */
function walkedRootsOf(inputs: readonly string[], globs: readonly boolean[]): Array<{ root: string; input: string }> {
  const roots: Array<{ root: string; input: string }> = [];
  for (const [index, input] of inputs.entries()) {
    try {
      if (statSync(input).isDirectory()) roots.push({ root: realpathSync(input), input });
    } catch {
      // A glob walks the folder before its first wildcard; a missing path walks nothing.
      if (globs[index] && input !== '') {
        try {
          const base = globBase(normaliseGlob(input));
          if (statSync(base).isDirectory()) roots.push({ root: realpathSync(base), input });
        } catch {
          // No folder to walk.
        }
      }
    }
  }
  return roots;
}

/** The real paths of the inputs that are files (not links to them). */
function namedFilesOf(inputs: readonly string[]): Array<{ file: string; input: string }> {
  const files: Array<{ file: string; input: string }> = [];
  for (const input of inputs) {
    try {
      if (input !== '' && lstatSync(input).isFile()) files.push({ file: realpathSync(input), input });
    } catch {
      // Missing: nothing to give way to.
    }
  }
  return files;
}

// A file reached through a link: yielded after the walk unless found directly (WalkState.linkedFiles).
function setLinkedFileAside(link: string, state: WalkState): void {
  const key = fileKey(link);
  if (!state.seenFiles.has(key) && !state.linkedFiles.has(key)) {
    state.linkedFiles.set(key, { kind: 'file', path: link, absolute: path.resolve(link), shown: displayPath(link) });
  }
}

// Depth-first in name order, with an explicit stack: one generator, not one per folder level,
// yielding entries in batches (see WalkBatch). Directories reached through links are added to
// `linkedDirectories`, walked after.
function* walkTree(
  dir: string,
  state: WalkState,
  accept: (file: string) => boolean,
  linkedDirectories: string[],
  givenRoot = false,
  globState?: (folder: string) => string,
): Generator<WalkBatch> {
  let batch: WalkEntry[] = [];
  const stack: DirectoryFrame[] = [];
  const enter = (directory: string, real?: string, matching?: string): WalkEntry | null => {
    const opened = openDirectory(directory, state, real, matching);
    if (opened === null) return null;
    if ('kind' in opened) return opened;
    stack.push(opened);
    return null;
  };
  const failed = enter(dir, undefined, globState?.(dir));
  if (failed?.kind === 'problem' && givenRoot) batch.push({ kind: 'problem', diagnostic: { ...failed.diagnostic, missingInput: true } });
  else if (failed && firstReport(state, fileKey(dir))) batch.push(failed);
  while (stack.length > 0) {
    if (batch.length >= WALK_BATCH) {
      yield batch;
      batch = [];
    }
    const frame = stack[stack.length - 1]!;
    if (frame.next >= frame.entries.length) {
      stack.pop();
      continue;
    }
    const entry = frame.entries[frame.next++]!;
    const name = entry.name;
    const full = joinName(frame.dir, name);
    // Hidden folders, files and links are skipped; a glob's matching decides for itself (`.drafts/*.md`).
    const hidden = name.charCodeAt(0) === 46 /* . */ && globState === undefined;
    if (entry.isDirectory()) {
      if (hidden || SKIPPED_DIRECTORIES.has(name)) continue;
      if (state.ignored?.(frame.prefix + name, name, true)) continue;
      // A glob does not enter a folder below which nothing can match.
      const matching = globState?.(full);
      if (matching === '') continue;
      // A folder entry (not a link) lies where its name says: its real path is its parent's plus its name.
      const real = joinName(frame.real, name);
      const undecodable = name.includes('\ufffd') ? undecodableShown(frame, entry) : null;
      if (undecodable !== null) {
        const reported = undecodableReport(frame, undecodable, state, 'folder');
        if (reported) batch.push(reported);
        continue;
      }
      const problemFound = enter(full, real, matching);
      // A folder that cannot be read is reported once, though a glob may reach it by several paths.
      if (problemFound && firstReport(state, real)) batch.push(problemFound);
    } else if (hidden) {
      // `.draft.md`, macOS's `._story.md`.
      continue;
    } else if (entry.isFile()) {
      // Ignored before the glob sees it: a glob whose every match is ignored matches nothing.
      if (!isArticleFileName(name) || state.ignored?.(frame.prefix + name, name, false) || !accept(full)) continue;
      const undecodable = name.includes('\ufffd') ? undecodableShown(frame, entry) : null;
      if (undecodable !== null) {
        const reported = undecodableReport(frame, undecodable, state, 'file');
        if (reported) batch.push(reported);
        continue;
      }
      // The three paths are often the same string (an absolute input without symlinks): built once then.
      const key = frame.real === frame.dir ? full : joinName(frame.real, name);
      if (state.seenFiles.has(key)) continue;
      state.seenFiles.add(key);
      const shown = frame.prefix + name;
      const absolute = frame.absolute === frame.dir ? full : frame.absolute === frame.real ? key : joinName(frame.absolute, name);
      batch.push({ kind: 'file', path: full, absolute, shown: shown === absolute ? absolute : shown });
    } else if (entry.isSymbolicLink()) {
      if (state.ignored?.(frame.prefix + name, name, false) || state.ignored?.(frame.prefix + name, name, true)) continue;
      const undecodable = name.includes('\ufffd') ? undecodableShown(frame, entry) : null;
      if (undecodable !== null) {
        const reported = undecodableReport(frame, undecodable, state, 'link');
        if (reported) batch.push(reported);
        continue;
      }
      const problemFound = followLink(full, name, state, accept, linkedDirectories, globState);
      if (problemFound && firstReport(state, joinName(frame.real, name))) batch.push(problemFound);
    } else if (isArticleFileName(name) && !state.ignored?.(frame.prefix + name, name, false) && accept(full) && firstReport(state, joinName(frame.real, name))) {
      batch.push(notAFile(full, 'not a regular file (FIFO, socket or device): skipped'));
    }
  }
  if (batch.length > 0) yield batch;
}

// True the first time a broken link, FIFO or unreadable folder (by its real path) is met: one
// reached through its folder and through a link to that folder is reported once.
function firstReport(state: WalkState, real: string): boolean {
  if (state.reportedNotFiles.has(real)) return false;
  state.reportedNotFiles.add(real);
  return true;
}

/** What displayPath puts before a file name for files in a folder: '' for the current directory. */
function shownPrefix(absoluteDir: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, absoluteDir);
  if (relative === '') return '';
  return (isOutsideFolder(relative) ? absoluteDir : relative).split(path.sep).join('/').replace(/\/?$/, '/');
}

/** A file's identity for de-duplication: its real path (its absolute path when it has vanished). */
function fileKey(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    // A file that vanished is reported when it is read.
    return path.resolve(file);
  }
}

function* emitFile(file: string, state: WalkState): Generator<WalkBatch> {
  const key = fileKey(file);
  if (state.seenFiles.has(key)) return;
  state.seenFiles.add(key);
  yield [{ kind: 'file', path: file, absolute: path.resolve(file), shown: displayPath(file) }];
}

// A symbolic link met in a walk: a directory it leads to is queued, a file set aside (see
// WalkState.linkedFiles); returns the problem when it leads nowhere readable.
function followLink(
  link: string,
  name: string,
  state: WalkState,
  accept: (file: string) => boolean,
  linkedDirectories: string[],
  globState?: (folder: string) => string,
): WalkEntry | null {
  let target;
  try {
    target = statSync(link);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!isArticleFileName(name) || !accept(link)) return null;
    if (code === 'EACCES' || code === 'EPERM') return problem(link, 'unreadable', 'symbolic link into a folder that cannot be read (permission denied): skipped');
    return notAFile(link, code === 'ELOOP' ? 'symbolic link loop: skipped' : 'broken symbolic link: skipped');
  }
  if (target.isDirectory()) {
    if (!SKIPPED_DIRECTORIES.has(name) && globState?.(link) !== '') linkedDirectories.push(link);
    return null;
  }
  if (!isArticleFileName(name) || !accept(link)) return null;
  if (!target.isFile()) return notAFile(link, 'symbolic link to something that is not a regular file: skipped');
  setLinkedFileAside(link, state);
  return null;
}

/**
 * Walks files, directories (recursively) and glob patterns in order, yielding each article
 * file once. Skips `node_modules`, `.git`, hidden folders and what `ignore` patterns match (see
 * ignoreTest), never follows a symlink loop and
 * never opens anything that is not a regular file.
 */
export function* walkInputs(inputs: readonly string[], ignore: readonly string[] = []): Generator<WalkEntry> {
  // The same problem found through two inputs (`list news news`) is reported once; a path named
  // on the command line is reported as such, not again where a walk meets it (`list r r/dangling.md`).
  const reported = new Set<string>();
  // `site/nl/../x.md` names what the kernel finds there, not `site/x.md`, when `site/nl` is a link.
  // Whether an input is a pattern is read from the text typed: a folder a link leads to may have `[` in its name.
  const globs = inputs.map(isGlobPattern);
  const resolved = inputs.map((input, index) => {
    if (input === '') return input;
    const literal = resolveGivenPath(input);
    if (!globs[index]) return literal;
    // A path with `[` that exists is that path (the walk looks it up first), not a pattern.
    if (pathExists(literal)) {
      globs[index] = false;
      return literal;
    }
    return resolveGivenPath(input, process.cwd(), { glob: true });
  });
  const named = inputs.length > 1 ? new Set(resolved.filter((input, index) => input !== '' && !globs[index]).map((input) => displayPath(input))) : null;
  for (const batch of walkEach(resolved, inputs, globs, ignoreTest(ignore))) {
    for (const entry of batch) {
      if (entry.kind === 'problem') {
        if (named?.has(entry.diagnostic.path) && !entry.diagnostic.missingInput) continue;
        // A path given that fails the run is never dropped as a repeat of the same problem met in
        // a walk (`list . locked`), or the exit code would depend on the order of the inputs.
        const key = `${entry.diagnostic.path}\0${entry.diagnostic.message}\0${entry.diagnostic.missingInput ? 'given' : ''}`;
        if (reported.has(key)) continue;
        reported.add(key);
      }
      yield entry;
    }
  }
}

// `inputs` as resolved by resolveGivenPath, `typed` as given (for messages that show them so).
function* walkEach(inputs: readonly string[], typed: readonly string[], typedGlobs: readonly boolean[], ignored: IgnoreTest | null): Generator<WalkBatch> {
  const given = inputs.length === 0 ? ['.'] : inputs;
  const globs = inputs.length === 0 ? [false] : typedGlobs;
  const state: WalkState = {
    ignored,
    visitedDirectories: new Set(),
    seenFiles: new Set(),
    linkedFiles: new Map(),
    walkedRoots: given.length > 1 ? walkedRootsOf(given, globs) : [],
    namedFiles: given.length > 1 ? namedFilesOf(given) : [],
    walkedDirectories: new Set(),
    lateLinks: [],
    reportedNotFiles: new Set(),
  };
  // A broken link or FIFO named on the command line is reported as the path given, not again
  // where a walk meets it, under any name (`list d r/dangling.md`, with `d/alias -> ../r`).
  if (given.length > 1) {
    for (const [index, input] of given.entries()) {
      if (input === '' || globs[index]) continue;
      try {
        state.reportedNotFiles.add(joinName(realpathSync(path.dirname(input)), path.basename(input)));
        // So is a file given that cannot be read: a walk that meets it leaves it out.
        if (lstatSync(input).isFile() && !canRead(input)) state.seenFiles.add(realpathSync(input));
        // And a folder given (or the folder a link given leads to) that cannot be read.
        else if (statSync(input).isDirectory()) state.reportedNotFiles.add(realpathSync(input));
      } catch {
        // Its folder is missing: the walk cannot meet it.
      }
    }
  }
  for (const [index, input] of given.entries()) {
    const asTyped = typed[index] ?? input;
    // Directories are remembered per input (to stop symlink loops): a later glob with its own
    // filter must still walk a directory an earlier input walked. Files stay de-duplicated.
    state.visitedDirectories = new Set();
    if (input === '') {
      yield [{ kind: 'problem', diagnostic: { path: '""', line: 0, column: 0, code: 'unreadable', message: 'an empty path names no file (an unset variable?)', missingInput: true } }];
      continue;
    }
    let info;
    let statError: unknown;
    try {
      info = lstatSync(input);
    } catch (error) {
      info = undefined;
      statError = error;
    }
    // `d/alias/`, a link to a folder, is the link `d/alias` as much as `d/alias` is (the trailing
    // slash made lstat follow it).
    if (info?.isDirectory() && TRAILING_SEPARATORS.test(input)) {
      const bare = input.replace(TRAILING_SEPARATORS, '');
      try {
        const link = bare === '' ? null : lstatSync(bare);
        if (link?.isSymbolicLink()) info = link;
      } catch {
        // Gone since: the folder as found.
      }
    }
    if (!info && globs[index]) {
      let pattern: string;
      let matcher: GlobMatcher;
      let below: GlobMatcher;
      try {
        pattern = normaliseGlob(input);
        matcher = compileGlob(pattern);
        // A folder the glob matches is walked whole, as the shell would pass it (`'site/*'`).
        below = compileGlob(`${pattern.replace(/\/+$/, '')}/**`);
      } catch (error) {
        const reason = (error as Error).message;
        yield [missingInput(asTyped, `invalid glob pattern: ${/^(unbalanced|too many|a wildcard|a backslash)/.test(reason) ? reason : 'check its [ ] and { } groups'}`, { asTyped: true })];
        continue;
      }
      const base = globBase(pattern);
      // `gone/../*.md` matches nothing, though tidied as text it names the current folder.
      const baseExists = isDirectory(base) && (!hasDotDotAfterName(input) || isDirectory(globBase(input.split(path.sep).join('/'))));
      if (!baseExists) {
        // `news[` is no pattern, only a name (a `[` without its `]`): it names nothing there.
        yield [missingInput(asTyped, hasWildcard(pattern) ? 'no article files match this pattern' : 'no such file or directory', { asTyped: true })];
        continue;
      }
      // A match counts even when an earlier input already yielded the file.
      let found = false;
      const accept = (file: string): boolean => {
        const posix = path.sep === '/' ? file : file.split(path.sep).join('/');
        const matches = matcher.test(posix) || below.test(posix);
        if (matches) found = true;
        return matches;
      };
      const globState = (folder: string): string => {
        const posix = path.sep === '/' ? folder : folder.split(path.sep).join('/');
        const itself = matcher.stateAfter(posix);
        const whole = below.stateAfter(posix);
        return itself === '' && whole === '' ? '' : `${itself}#${whole}`;
      };
      yield* walkDirectory(base, state, accept, false, globState);
      if (!found) {
        const nothing = hasWildcard(pattern) ? 'no article files match this pattern' : 'no such file or directory';
        yield [missingInput(asTyped, state.ignored && hasWildcard(pattern) ? `${nothing} (or --ignore leaves them all out)` : nothing, { asTyped: true })];
      }
      continue;
    }
    if (!info) {
      // `a.md/` or `a.md/x.md` is shown as typed: the path it resolves to is a file that exists.
      // So is `gone/../a.md`, which tidied would name a file that may exist.
      const throughFile = (statError as NodeJS.ErrnoException)?.code === 'ENOTDIR';
      const shownAsTyped = throughFile || hasDotDotAfterName(asTyped);
      yield [missingInput(shownAsTyped ? asTyped : input, givenPathError(statError, false, input), { asTyped: shownAsTyped })];
      continue;
    }
    if (info.isDirectory()) {
      yield* walkPlainDirectory(input, state);
    } else if (info.isSymbolicLink()) {
      let target;
      try {
        target = statSync(input);
      } catch (error) {
        yield [missingInput(input, givenPathError(error, true))];
        continue;
      }
      // A link named on the command line gives way, as a link met in a walk does, to the folder
      // or file it leads to when that is found directly too, whichever input comes first.
      if (target.isDirectory()) {
        if (state.lateLinks && leadsIntoAnotherRoot(input, state, input)) {
          // Walked last, when its folder may have been walked already: one it cannot read fails the run now.
          try {
            opendirSync(input).closeSync();
          } catch (error) {
            yield [missingInput(input, directoryError(error))];
            continue;
          }
          state.lateLinks.push({ link: input, given: true });
        } else yield* walkPlainDirectory(input, state);
      } else if (target.isFile()) setLinkedFileAside(input, state);
      else yield [missingInput(input, 'not a regular file (FIFO, socket or device)', { notAFile: true })];
    } else if (info.isFile()) {
      // A file given that cannot be read fails the run, as a missing one does.
      if (!canRead(input)) {
        yield [missingInput(input, 'permission denied')];
        continue;
      }
      yield* emitFile(input, state);
    } else {
      yield [missingInput(input, 'not a regular file (FIFO, socket or device)', { notAFile: true })];
    }
  }
  const late = state.lateLinks ?? [];
  state.lateLinks = null;
  state.visitedDirectories = state.walkedDirectories;
  for (const { link, given: named } of late) yield* walkDirectory(link, state, () => true, named);
  for (const [key, entry] of state.linkedFiles) {
    if (state.seenFiles.has(key)) continue;
    state.seenFiles.add(key);
    yield [entry];
  }
}
