// `feedtool show`: find one article by path, id or URL and print it for people, as JSON, or raw.
import { lstat, stat } from 'node:fs/promises';
import { decodeDocument, idFromPath, processText, type DocumentResult } from '../core/document.js';
import { namesFile, parseRef, preferNamedFile, recordMatches, refNamesId, type ArticleRef } from '../core/lookup.js';
import type { Taxonomy } from '../core/taxonomy.js';
import { sanitizeForTerminal, sanitizeLeadingPath, sanitizePathForTerminal } from '../core/text.js';
import type { Article } from '../core/types.js';
import { formatArticleJson, formatArticleView, rawFrontMatter } from '../format/show.js';
import { loadDocuments, type LoadStats } from '../io/load.js';
import { Output } from '../io/output.js';
import { readFileBytes, readStreamBytes, type ReadResult } from '../io/read.js';
import { resolveGivenPath } from '../io/given-path.js';
import { displayPath, givenPathError } from '../io/walk.js';
import { outputWidth, paletteFor, UsageError, type CommandContext } from './context.js';
import type { ReadOptions } from './options.js';
import { Progress } from './progress.js';
import { cacheOptionsFor, countText, formatDiagnosticLine, plural, resolveTaxonomy } from './shared.js';

export type ShowFormat = 'text' | 'json';

export interface ShowFlags extends ReadOptions {
  dir?: string[];
  format: ShowFormat;
  json?: boolean;
  raw?: boolean;
}

const EXIT_OK = 0;
const EXIT_NOT_FOUND = 1;

/** A file read for showing: its article (or why not) and its decoded text for --raw. */
interface LoadedFile {
  result: DocumentResult;
  text: string | null;
}

// Decodes and normalises what a read gave, keeping the decoded text for --raw.
function fromRead(read: ReadResult, shown: string, taxonomy: Taxonomy | null): LoadedFile {
  if (!read.ok) {
    return { result: { kind: 'error', diagnostic: { path: shown, line: 0, column: 0, code: read.code, message: read.message } }, text: null };
  }
  const decoded = decodeDocument(read.bytes, shown);
  if (!decoded.ok) return { result: { kind: 'error', diagnostic: decoded.diagnostic }, text: null };
  return { result: processText(decoded.text, shown, decoded.encoding, { taxonomy, keepBody: true }), text: decoded.text };
}

function notReadable(shown: string, why: string): LoadedFile {
  return { result: { kind: 'error', diagnostic: { path: shown, line: 0, column: 0, code: 'unreadable', message: why } }, text: null };
}

function loadFile(file: string, flags: ShowFlags, taxonomy: Taxonomy | null): LoadedFile {
  return fromRead(readFileBytes(file, flags.maxFileSize), displayPath(file), taxonomy);
}

async function loadStdin(flags: ShowFlags, context: CommandContext): Promise<LoadedFile> {
  const read = await readStreamBytes(context.stdin, flags.maxFileSize);
  return fromRead(read, '-', await resolveTaxonomy(['.'], flags, context));
}

type RefKind = { kind: 'file' | 'directory' | 'other' } | { kind: 'missing'; why: string | null };

// What the reference is on disk; for one that cannot be looked at, why (null when nothing has that name).
async function fileKind(ref: string): Promise<RefKind> {
  try {
    const info = await stat(ref);
    return { kind: info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code !== 'ENOENT') return { kind: 'missing', why: givenPathError(error, false, ref) };
    try {
      if ((await lstat(ref)).isSymbolicLink()) return { kind: 'missing', why: givenPathError(error, true) };
    } catch {
      // Nothing by that name.
    }
    return { kind: 'missing', why: null };
  }
}

async function checkDirectories(dirs: readonly string[]): Promise<void> {
  for (const dir of dirs) {
    if (dir === '') throw new UsageError('--dir "": an empty path names no folder (an unset variable?)');
    const found = await fileKind(dir);
    if (found.kind === 'missing') throw new UsageError(`--dir ${dir}: ${found.why ?? 'no such directory'}`);
    const directory = found.kind === 'directory';
    if (!directory) throw new UsageError(`--dir ${dir}: not a directory`);
  }
}

function pathOf(result: Exclude<DocumentResult, { kind: 'article' }>): string {
  return result.kind === 'error' ? result.diagnostic.path : result.path;
}

function reportNotArticle(result: Exclude<DocumentResult, { kind: 'article' }>, context: CommandContext): void {
  if (result.kind === 'error') context.stderr.write(`feedtool: ${formatDiagnosticLine(result.diagnostic)}`);
  else context.stderr.write(`feedtool: ${sanitizePathForTerminal(result.path)}: not an article (${result.reason})\n`);
}

interface SearchOutcome {
  matches: Article[];
  /** Files named like the reference that could not be read as articles. */
  nearMisses: Array<Exclude<DocumentResult, { kind: 'article' }>>;
  /** Files and folders that could not be read at all (permissions, vanished), not broken links or FIFOs. */
  unreadable: number;
  /** Files read but skipped with a problem (too large, front matter that does not parse): any may be the one. */
  broken: number;
}

/**
 * Scans every file under the directories (bodies not kept) and collects what the reference names;
 * other files that are not articles are reported only with --verbose.
 */
async function search(
  wanted: ArticleRef,
  dirs: readonly string[],
  flags: ShowFlags,
  taxonomy: Taxonomy | null,
  context: CommandContext,
): Promise<SearchOutcome> {
  const outcome: SearchOutcome = { matches: [], nearMisses: [], unreadable: 0, broken: 0 };
  const progress = new Progress(context, 'file');
  const stats: LoadStats = { files: 0, fromCache: 0, workers: 0 };
  for await (const result of loadDocuments(dirs, {
    maxFileSize: flags.maxFileSize,
    ignore: flags.ignore,
    taxonomy,
    keepBody: false,
    // As `list` keeps them without --search: one cache serves both (its key holds this).
    summaryExcerpt: false,
    jobs: flags.jobs,
    stats,
    ...cacheOptionsFor(dirs, flags, context),
  })) {
    progress.tick();
    if (result.kind === 'article') {
      if (recordMatches(wanted, result.article)) outcome.matches.push(result.article);
      continue;
    }
    if (result.kind === 'error' && result.diagnostic.code === 'unreadable') {
      if (!result.diagnostic.notAFile) outcome.unreadable++;
    } else if (result.kind === 'error') outcome.broken++;
    if (refNamesId(wanted, idFromPath(pathOf(result)), pathOf(result))) outcome.nearMisses.push(result);
    else if (flags.verbose) {
      progress.done();
      reportNotArticle(result, context);
    }
  }
  progress.done();
  if (flags.verbose) {
    const cache = stats.cacheFile ? `, ${countText(stats.fromCache)} from the cache ${sanitizeForTerminal(stats.cacheFile)}` : '';
    context.stderr.write(`feedtool: ${plural(stats.files, 'file')} searched${cache}\n`);
  }
  return outcome;
}

function rawText(text: string, context: CommandContext): string {
  const raw = rawFrontMatter(text) ?? '';
  const shown = context.stdout.isTTY ? sanitizeForTerminal(raw, { keepNewlines: true }) : raw;
  return /[\r\n]$/.test(shown) ? shown : `${shown}\n`;
}

async function print(file: LoadedFile, flags: ShowFlags, context: CommandContext): Promise<number> {
  if (file.result.kind !== 'article') {
    reportNotArticle(file.result, context);
    // --raw is how a file that does not parse is looked at: its front matter is shown anyway.
    if (flags.raw && file.text !== null && rawFrontMatter(file.text) !== null) {
      const out = new Output(context.stdout);
      await out.write(rawText(file.text, context));
      await out.flush();
    }
    return EXIT_NOT_FOUND;
  }
  const article = file.result.article;
  let text: string;
  if (flags.raw) {
    text = rawText(file.text ?? '', context);
  } else if (flags.format === 'json') {
    text = formatArticleJson(article);
  } else {
    text = formatArticleView(article, {
      width: outputWidth(context.stdout, context.env),
      palette: await paletteFor(context.stdout, context.env),
      now: context.now,
    });
  }
  const out = new Output(context.stdout);
  await out.write(text);
  await out.flush();
  return EXIT_OK;
}

// Files the reference names that are no articles: their problems, and with --raw (one such file)
// its front matter, as for a path.
async function showNearMisses(misses: ReadonlyArray<Exclude<DocumentResult, { kind: 'article' }>>, flags: ShowFlags, taxonomy: Taxonomy | null, context: CommandContext): Promise<number> {
  if (flags.raw && misses.length === 1) {
    const miss = misses[0]!;
    return print(loadFile(pathOf(miss), flags, taxonomy), flags, context);
  }
  for (const miss of misses) reportNotArticle(miss, context);
  return EXIT_NOT_FOUND;
}

// A path to give `show` again: one that begins with `-` is written `./-…`, the same file, which is no option.
function pathToRetype(filePath: string): string {
  const shown = sanitizeLeadingPath(filePath);
  return shown.startsWith('-') ? `./${shown}` : shown;
}

/** Runs `show` and returns the exit code. */
export async function runShow(ref: string, flags: ShowFlags, context: CommandContext): Promise<number> {
  if (flags.json) flags = { ...flags, format: 'json' };
  if (flags.raw && flags.format === 'json') throw new UsageError('--raw and --format json cannot be used together');
  if (ref.trim() === '') throw new UsageError('the article reference is empty: give a path, an id or a URL');
  // Refused also when the ref is a file's path, which does not use --dir, as an empty --taxonomy is.
  if (flags.dir?.includes('')) throw new UsageError('--dir "": an empty path names no folder (an unset variable?)');

  if (ref === '-') return print(await loadStdin(flags, context), flags, context);
  const onDisk = await fileKind(ref);
  if (onDisk.kind === 'file') {
    const file = resolveGivenPath(ref);
    return print(loadFile(file, flags, await resolveTaxonomy([file], flags, context)), flags, context);
  }
  // Never opened: opening a device can have effects, and a FIFO holds no article. Named as a file read is, and as list names it.
  if (onDisk.kind === 'other') return print(notReadable(displayPath(resolveGivenPath(ref)), 'not a regular file (FIFO, socket or device)'), flags, context);
  const wanted = parseRef(ref);
  // A path that cannot be looked at (permission denied, a link loop, a path through a file) and
  // is no id or URL: the reason, not "no such file".
  if (onDisk.kind === 'missing' && onDisk.why !== null && wanted.ids.length === 0 && wanted.urlKey === null) {
    return print(notReadable(ref, onDisk.why), flags, context);
  }
  // A folder named like the id (an article's assets folder beside it) does not hide the article
  // under --dir: the id is looked up there, and only when nothing has it is the folder the mistake.
  const directoryMistake = (): UsageError => new UsageError(`${ref} is a directory: give one article's path, or its id or URL with --dir ${ref}`);
  // Without --dir the folder named is the mistake at once: looking the name up as an id would read all of `.` first.
  const dirGiven = flags.dir !== undefined && flags.dir.length > 0;
  if (onDisk.kind === 'directory' && (!dirGiven || (wanted.ids.length === 0 && wanted.urlKey === null))) throw directoryMistake();
  if (wanted.ids.length === 0 && wanted.urlKey === null) {
    context.stderr.write(`feedtool: ${sanitizePathForTerminal(ref)}: no such file (and not an article id or an http(s) URL)\n`);
    return EXIT_NOT_FOUND;
  }

  const dirs = flags.dir && flags.dir.length > 0 ? flags.dir : ['.'];
  await checkDirectories(dirs);
  const taxonomy = await resolveTaxonomy(dirs, flags, context);
  const found = await search(wanted, dirs, flags, taxonomy, context);
  const { nearMisses, unreadable, broken } = found;
  const matches = preferNamedFile(wanted, found.matches);
  // `show story.md` names that file: when it is the broken one, its twin story.markdown is not shown instead.
  const namedMisses = nearMisses.filter((miss) => namesFile(wanted, pathOf(miss)));
  if (namedMisses.length > 0 && !matches.some((article) => namesFile(wanted, article.path))) {
    return showNearMisses(namedMisses, flags, taxonomy, context);
  }

  if (matches.length === 1) {
    for (const miss of nearMisses) reportNotArticle(miss, context);
    return print(loadFile(matches[0]!.path, flags, taxonomy), flags, context);
  }
  if (matches.length > 1) {
    const paths = matches.map((article) => `  ${pathToRetype(article.path)}\n`).join('');
    context.stderr.write(`feedtool: "${sanitizePathForTerminal(ref)}" matches ${plural(matches.length, 'article')}; show one by its path:\n${paths}`);
    return EXIT_NOT_FOUND;
  }
  if (nearMisses.length > 0) return showNearMisses(nearMisses, flags, taxonomy, context);
  if (onDisk.kind === 'directory') throw directoryMistake();
  // A folder that could not be read, or a file skipped with a problem, may hold it: say so (-v names them).
  const skipped = [
    ...(unreadable > 0 ? [`${plural(unreadable, 'file or folder', 'files or folders')} could not be read`] : []),
    ...(broken > 0 ? [`${plural(broken, 'file')} skipped with a problem`] : []),
  ];
  const hidden = skipped.length > 0 && !flags.verbose ? ` (${skipped.join(', ')}; -v names them)` : '';
  context.stderr.write(`feedtool: no article matches "${sanitizePathForTerminal(ref)}" under ${sanitizePathForTerminal(dirs.join(', '))}${hidden}\n`);
  return EXIT_NOT_FOUND;
}
