// validate --fix: rewrites the repairable text fields of the files validate found them in, atomically.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { decodeBytes } from '../core/decode.js';
import { sanitizePathForTerminal } from '../core/terminal.js';
import { fixDocumentText, type FieldLeft, type Repair } from '../core/fix.js';
import type { FixKind } from '../core/types.js';
import type { FileFacts } from '../rules/types.js';
import { validateDocument, type FileResult, type ValidateOptions } from '../core/validate.js';
import { describeWriteError, NotReplaced, replaceFileAtomically, seeFile, whyNotReplaceable, type SeenFile } from './atomic-write.js';
import { isOutsideFolder, resolveGivenPath } from './given-path.js';
import { isGlobPattern, literalPrefix } from './glob-text.js';
import { DEFAULT_MAX_FILE_SIZE, describeError, readFileBytes } from './read.js';

export interface FixFilesOptions {
  /** Work out the fixes and check them, but write nothing. */
  dryRun: boolean;
  /** The kinds of text repair to make (the fixable rules that are on). */
  kinds: ReadonlySet<FixKind>;
  maxFileSize?: number;
  /** How to check a fixed file again, for the problems left in it. */
  validate: ValidateOptions;
  /** Stops the run between two files once aborted (Ctrl-C): no file is ever left half done. */
  signal?: AbortSignal;
  /**
   * The real paths of the inputs given (a folder, a glob's folder, a file): a file whose real path
   * is none of them nor below one (reached through a link leading out) is not rewritten.
   */
  within?: readonly string[];
}

/** The real paths --fix may write under: each input's (a glob's by the folder it starts in), standard input aside. */
export function fixRoots(inputs: readonly string[]): string[] {
  const roots: string[] = [];
  for (const input of inputs) {
    if (input === '-') continue;
    // As the walk reads it: a path that exists is that path, even with `[` or `*` in its name.
    const asPath = resolveGivenPath(input);
    try {
      roots.push(realpathSync(asPath));
      continue;
    } catch {
      // Not a path that exists: a glob, or nothing.
    }
    if (!isGlobPattern(input)) continue;
    try {
      roots.push(realpathSync(resolveGivenPath(literalPrefix(input))));
    } catch {
      // Nothing there: no file can be below it.
    }
  }
  return roots;
}

function isWithin(real: string, roots: readonly string[]): boolean {
  return roots.some((root) => !isOutsideFolder(path.relative(root, real)));
}

/** What --fix did (or, dry, would do) to one file. */
export interface FileFixReport {
  path: string;
  /** The fields rewritten, with their old and new values. */
  fixed: Repair[];
  /** Repairable fields left as they are, and why. */
  left: FieldLeft[];
  /** Why the file was not rewritten at all, when it was not (in a dry run, `fixed` then says what the fixes would have been). */
  notFixed?: string;
  /** How many problems the fix removed. */
  problemsFixed: number;
  /**
   * The file's other hard links, when it had some: the fixed file is a new one under this name,
   * so the others keep the old text.
   */
  otherLinks?: number;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** What fixFiles did: the results with each file looked at checked again, a report per file touched. */
export interface FixRun {
  results: FileResult[];
  /**
   * The cross-file facts of each file checked again, by path (null: it has none now), so the
   * cross-file rules place their problems where the values are after the fix.
   */
  facts: Map<string, FileFacts | null>;
  reports: FileFixReport[];
  /** Files with fixable problems not looked at because the run was stopped (they are untouched). */
  notReached: number;
}

/**
 * Fixes every file whose result has fixable problems, and returns the results with each fixed
 * file checked again (what is left to report), plus a report per file touched. Files are read
 * afresh, never from validate's copy; one reached twice is fixed once. Each file is done in one
 * synchronous step; between two, the event loop turns (so a signal handler can run) and an
 * aborted `signal` stops the run, leaving the files not reached as they are.
 */
export async function fixFiles(results: readonly FileResult[], options: FixFilesOptions): Promise<FixRun> {
  const done = new Map<string, Uint8Array>();
  const run: FixRun = { results: [], reports: [], facts: new Map(), notReached: 0 };
  const linked: Array<{ report: FileFixReport; seen: SeenFile }> = [];
  for (const result of results) {
    if (!result.problems.some((problem) => problem.fixable)) {
      run.results.push(result);
      continue;
    }
    if (result.stdin) {
      run.results.push(result);
      run.reports.push({ path: result.path, fixed: [], left: [], notFixed: 'standard input is checked, never written (fix the file itself)', problemsFixed: 0 });
      continue;
    }
    if (options.signal) await new Promise((resolve) => setImmediate(resolve));
    if (options.signal?.aborted) {
      run.results.push(result);
      run.notReached++;
      continue;
    }
    const fixed = fixOneFile(result, options, done, run.facts);
    if (fixed.report) run.reports.push(fixed.report);
    if (fixed.report && fixed.linked) linked.push({ report: fixed.report, seen: fixed.linked });
    run.results.push(fixed.result);
  }
  countOtherLinks(linked);
  return run;
}

/**
 * Sets, on each fixed file that had hard links, how many of its names keep the old text: those
 * this run did not fix too (each name fixed becomes a file of its own).
 */
function countOtherLinks(linked: ReadonlyArray<{ report: FileFixReport; seen: SeenFile }>): void {
  const byFile = new Map<string, Array<{ report: FileFixReport; seen: SeenFile }>>();
  for (const entry of linked) {
    const key = `${entry.seen.dev}:${entry.seen.ino}`;
    const names = byFile.get(key);
    if (names) names.push(entry);
    else byFile.set(key, [entry]);
  }
  for (const names of byFile.values()) {
    // Each name replaced drops the count the next one sees: the first saw them all.
    const links = Math.max(...names.map((entry) => entry.seen.nlink));
    const others = links - names.length;
    for (const { report } of names) if (others > 0) report.otherLinks = others;
  }
}

/**
 * Fixes one file (or, dry, works out its fix) and checks it as it is now, or would be. `done`
 * holds the bytes of each real file handled (as now, or as they would be), so a file reached by
 * two paths is fixed once and both are checked alike.
 */
function fixOneFile(
  result: FileResult,
  options: FixFilesOptions,
  done: Map<string, Uint8Array>,
  facts: Map<string, FileFacts | null>,
): { result: FileResult; report: FileFixReport | null; linked?: SeenFile } {
  const notFixed = (reason: string, checked: FileResult) => ({ result: checked, report: { path: result.path, fixed: [], left: [], notFixed: reason, problemsFixed: 0 } });
  // The file as read now is what is reported, also when it changed since validate read it; the
  // last check made is of the file as it is left.
  const check = (bytes: Uint8Array) => {
    const checked = validateDocument({ path: result.path, fileName: path.basename(result.path), bytes }, options.validate);
    facts.set(result.path, checked.facts ?? null);
    return checked.result;
  };
  // A file that can no longer be read (deleted, replaced by a folder or a FIFO, made unreadable
  // since validate read it) is reported as it is now, not with the problems it had.
  const unreadableNow = (message: string, code: 'unreadable' | 'file-too-large' = 'unreadable') => {
    facts.set(result.path, null);
    return notFixed(message, validateDocument({ path: result.path, fileName: path.basename(result.path), failure: { code, message } }, options.validate).result);
  };
  let real: string;
  try {
    real = realpathSync(path.resolve(result.path));
  } catch (error) {
    return unreadableNow(describeError(error));
  }
  if (options.within && !isWithin(real, options.within)) {
    return { result, report: { path: result.path, fixed: [], left: [], notFixed: `it is reached through a link that leads outside the paths given (to ${sanitizePathForTerminal(real)}): not rewritten; name it, or fix it there`, problemsFixed: 0 } };
  }
  const earlier = done.get(real);
  if (earlier) return { result: check(earlier), report: null };
  let seen: SeenFile;
  try {
    seen = seeFile(real);
  } catch (error) {
    return unreadableNow(describeError(error));
  }
  const read = readFileBytes(real, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  if (!read.ok) return unreadableNow(read.message, read.code === 'file-too-large' ? 'file-too-large' : 'unreadable');
  done.set(real, read.bytes);
  const decoded = decodeBytes(read.bytes);
  if (!decoded.ok) return notFixed('binary file', check(read.bytes));
  if (decoded.encoding !== 'utf-8') return notFixed(`only UTF-8 files are fixed in place; this one reads as ${decoded.encoding}`, check(read.bytes));
  const outcome = fixDocumentText(decoded.text, { kinds: options.kinds, limits: options.validate.limits });
  if (outcome.kind === 'refused') return notFixed(outcome.reason, check(read.bytes));
  if (outcome.kind === 'unchanged') {
    const checked = check(read.bytes);
    return outcome.left.length > 0 ? { result: checked, report: { path: result.path, fixed: [], left: outcome.left, problemsFixed: 0 } } : { result: checked, report: null };
  }
  const hasBom = read.bytes.subarray(0, 3).equals(BOM);
  const text = Buffer.from(outcome.text, 'utf8');
  const bytes = hasBom ? Buffer.concat([BOM, text]) : text;
  if (options.dryRun) {
    // A dry run forecasts what --fix would do: it too would leave a file it cannot replace.
    // It says what those fixes would be too: a dry run is how a reviewer previews a shared, read-only tree.
    const refusal = whyNotReplaceable(real, seen);
    if (refusal) return { result: check(read.bytes), report: { path: result.path, fixed: outcome.fixed, left: outcome.left, notFixed: refusal, problemsFixed: 0 } };
  } else {
    try {
      replaceFileAtomically(real, bytes, seen);
    } catch (error) {
      const reason = error instanceof NotReplaced ? error.message : `could not be written: ${describeWriteError(error)}`;
      // Someone else's edit won: what is reported, counted and compared across files is the file
      // as that edit left it, not the text read before it.
      const now = readFileBytes(real, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
      if (!now.ok) {
        // Another name for this file (a link) must not be checked as the text read before.
        done.delete(real);
        return unreadableNow(`${reason}; now ${now.message}`, now.code === 'file-too-large' ? 'file-too-large' : 'unreadable');
      }
      done.set(real, now.bytes);
      // What would have been left in it is said too, as a dry run says it, when the file is still the text read.
      const left = Buffer.from(now.bytes).equals(Buffer.from(read.bytes)) ? outcome.left : [];
      return { result: check(now.bytes), report: { path: result.path, fixed: [], left, notFixed: reason, problemsFixed: 0 } };
    }
  }
  done.set(real, bytes);
  const before = check(read.bytes);
  const checked = check(bytes);
  const fixable = (problems: FileResult['problems']) => problems.filter((problem) => problem.fixable).length;
  return {
    result: checked,
    report: {
      path: result.path,
      fixed: outcome.fixed,
      left: outcome.left,
      problemsFixed: Math.max(0, fixable(before.problems) - fixable(checked.problems)),
    },
    // Every file fixed, not only one with several names now: the last of a file's names to be
    // replaced has just one left by then, and must still count among them.
    linked: seen,
  };
}
