// Steps shared by the commands that read articles (list, show, validate, rank).
import { statSync } from 'node:fs';
import type { ArticleSummary } from '../core/summary.js';
import type { Taxonomy } from '../core/taxonomy.js';
import { groupDigits } from '../core/count.js';
import { sanitizeForTerminal, sanitizePathForTerminal } from '../core/text.js';
import type { Article, Diagnostic } from '../core/types.js';
import { defaultCacheLocation, followCacheLink, foreignCacheLocation, whyNoCacheAt } from '../io/cache-location.js';
import { loadResults, type LoadOptions, type LoadStats, type Prewalk } from '../io/load.js';
import { recordOf, type RecordJson } from '../io/loaded.js';
import { describeError } from '../io/read.js';
import { resolveGivenPath } from '../io/given-path.js';
import { findTaxonomyDir, loadTaxonomy } from '../io/taxonomy.js';
import { displayPath, isArticleFileName } from '../io/walk.js';
import { UsageError, type CommandContext } from './context.js';
import { filterDuration, type RawFilterOptions, type ReadOptions } from './options.js';
import { Progress } from './progress.js';


/** Finds and loads the taxonomy the options ask for; null when there is none or it is turned off. */
export async function resolveTaxonomy(inputs: readonly string[], options: ReadOptions, context: CommandContext): Promise<Taxonomy | null> {
  if (options.taxonomy === false) return null;
  let location: string | null;
  if (typeof options.taxonomy === 'string') {
    if (options.taxonomy === '') throw new UsageError('--taxonomy "": an empty path names no file or folder (an unset variable?)');
    location = resolveGivenPath(options.taxonomy);
    try {
      statSync(location);
    } catch (error) {
      throw new UsageError(`--taxonomy ${options.taxonomy}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : describeError(error)}`);
    }
  } else {
    location = await findTaxonomyDir(inputs);
    if (location === null) return null;
  }
  // A folder found on the way is named as paths are, relative to the current directory when below it.
  const shown = typeof options.taxonomy === 'string' ? location : displayPath(location);
  const { taxonomy, problems } = await loadTaxonomy(location, shown);
  for (const problem of [...problems, ...taxonomy.problems()]) context.stderr.write(`feedtool: taxonomy: ${sanitizeForTerminal(problem)}\n`);
  if (typeof options.taxonomy === 'string' && taxonomy.topics.length === 0) {
    throw new UsageError(`--taxonomy ${options.taxonomy}: no topics found there`);
  }
  // A folder found on the way with nothing usable in it is no taxonomy: with one of no topics,
  // every topic of every article would be unknown.
  if (taxonomy.topics.length === 0) {
    context.stderr.write(`feedtool: taxonomy: no topics in ${sanitizeForTerminal(shown)}: topics are not checked against a taxonomy\n`);
    return null;
  }
  if (options.verbose) context.stderr.write(`feedtool: taxonomy: ${plural(taxonomy.size, 'topic')} from ${sanitizeForTerminal(shown)}\n`);
  return taxonomy;
}

/** Formats a diagnostic as one `path[:line:col]: message` line, safe for a terminal. */
export function formatDiagnosticLine(diagnostic: Diagnostic): string {
  const place = diagnostic.line > 0 ? `:${diagnostic.line}:${diagnostic.column}` : '';
  return `${sanitizePathForTerminal(diagnostic.path)}${place}: ${sanitizeForTerminal(diagnostic.message)}\n`;
}

export interface CorpusSummary {
  articles: Article[];
  problems: number;
  /** Inputs named on the command line that match nothing (a subset of problems): the run exits 2. */
  missingInputs: number;
  /** Folders found in a walk that could not be read (counted apart from files). */
  unreadableFolders: number;
  notArticles: number;
  /** How the loading was done. */
  stats?: LoadStats;
}

// Runs told why their cache place (--cache-location or the default) keeps no cache, and runs
// told their FEEDTOOL_CACHE is neither on nor off (a command may ask twice).
const warnedOfCacheLocation = new WeakSet<CommandContext>();
const warnedOfCacheSetting = new WeakSet<CommandContext>();

/** The cache the options ask for (a chosen file, or the default location with one file per option set), or none. */
export function cacheOptionsFor(
  inputs: readonly string[],
  options: ReadOptions,
  context: CommandContext,
): { cacheLocation?: string; cacheVariants?: boolean } {
  if (options.cache === false) return {};
  if (options.cacheLocation) {
    const location = followCacheLink(options.cacheLocation);
    // The name given was checked as it was parsed; a link may still lead to an article's name.
    if (isArticleFileName(location)) {
      throw new UsageError(`--cache-location: ${sanitizePathForTerminal(displayPath(location))} (where the link given leads) has an article's name: choose another, such as feedtool.cache`);
    }
    const foreign = foreignCacheLocation(location);
    const unusable = foreign === null ? whyNoCacheAt(location) : null;
    if (foreign === null && unusable === null) return { cacheLocation: location };
    if (!warnedOfCacheLocation.has(context)) {
      warnedOfCacheLocation.add(context);
      if (foreign !== null) {
        context.stderr.write(`feedtool: --cache-location: ${sanitizeForTerminal(displayPath(foreign))} is not a feedtool cache file: left alone, and no cache is kept\n`);
      } else if (unusable !== null && (options.verbose || unusable.ownOutput || unusable.unreadable)) {
        // Said always when it is this run's own output or a file it may not read (a mistake), else
        // with --verbose (`/dev/null` may be the way chosen to turn it off).
        context.stderr.write(`feedtool: --cache-location: ${sanitizePathForTerminal(unusable.place)} ${unusable.reason}: no cache is kept\n`);
      }
    }
    return {};
  }
  const setting = context.env.FEEDTOOL_CACHE ?? '';
  const on = options.cache === true || (options.cache === undefined && /^\s*(?:1|true|yes|on)\s*$/i.test(setting));
  // A value that is neither on nor off (`ture`) is said once, not taken silently as off.
  if (options.cache === undefined && !on && !/^\s*(?:0|false|no|off)?\s*$/i.test(setting) && !warnedOfCacheSetting.has(context)) {
    warnedOfCacheSetting.add(context);
    context.stderr.write(`feedtool: FEEDTOOL_CACHE=${sanitizeForTerminal(setting)} is neither on (1, true, yes, on) nor off (0, false, no, off): no cache is kept\n`);
  }
  const location = on ? defaultCacheLocation(inputs, process.cwd(), context.env) : null;
  if (on && location === null && options.verbose) context.stderr.write('feedtool: no cache is kept: no node_modules here, no absolute XDG_CACHE_HOME and no home folder to keep it in\n');
  if (location === null) return {};
  // As for --cache-location: a default place that cannot be looked at is no place for a cache.
  const unusable = whyNoCacheAt(location);
  if (unusable !== null) {
    if (options.verbose && !warnedOfCacheLocation.has(context)) {
      warnedOfCacheLocation.add(context);
      context.stderr.write(`feedtool: no cache is kept: ${sanitizePathForTerminal(unusable.place)} ${unusable.reason}\n`);
    }
    return {};
  }
  return { cacheLocation: location, cacheVariants: true };
}

/**
 * A command that shows at most this many records asks for them on demand (LoadOptions.recordsOnDemand):
 * making a few again costs less than serialising every one on the workers.
 */
export const FEW_RECORDS = 100;

/** An article as the loader hands it over: its summary, and its record as JSON. */
export interface ArticleEntry {
  summary: ArticleSummary;
  json: RecordJson;
}

/** What a command that reads articles asks of the loader, on top of the common reading options. */
export type EntryOptions = ReadOptions & { keepBody?: boolean; summaryExcerpt?: boolean; lazySummaries?: boolean; recordsOnDemand?: boolean; summariesOnly?: boolean };

/** The loader's options for a command's reading options. */
export function loadOptionsFor(inputs: readonly string[], options: EntryOptions, taxonomy: Taxonomy | null, context: CommandContext): LoadOptions {
  return {
    ...cacheOptionsFor(inputs, options, context),
    maxFileSize: options.maxFileSize,
    ignore: options.ignore,
    taxonomy,
    keepBody: options.keepBody,
    summaryExcerpt: options.summaryExcerpt,
    lazySummaries: options.lazySummaries,
    recordsOnDemand: options.recordsOnDemand,
    summariesOnly: options.summariesOnly,
    stdin: () => context.stdin,
    jobs: options.jobs,
    onDamagedCacheRecord: options.verbose ? (cacheFile) => noteDamagedCache(cacheFile, context) : undefined,
  };
}

const warnedOfDamagedCache = new WeakSet<CommandContext>();

// Said with --verbose, once, after the counts: they were made before the damaged record was read.
function noteDamagedCache(cacheFile: string, context: CommandContext): void {
  if (warnedOfDamagedCache.has(context)) return;
  warnedOfDamagedCache.add(context);
  context.stderr.write(`feedtool: a record in the cache ${sanitizeForTerminal(cacheFile)} was damaged: it was made again from its file (counted above as from the cache), and the cache file was removed, so the next run reads every file again\n`);
}

/**
 * Reads every article under the inputs and hands each to `onEntry` (summary plus record JSON);
 * reports unreadable and broken files on stderr as it goes.
 */
export async function readArticleEntries(
  inputs: readonly string[],
  options: EntryOptions & { prewalked?: Prewalk; digestWalk?: boolean },
  taxonomy: Taxonomy | null,
  context: CommandContext,
  onEntry: (entry: ArticleEntry) => void | Promise<void>,
): Promise<CorpusSummary> {
  const stats: LoadStats = { files: 0, fromCache: 0, workers: 0 };
  const summary: CorpusSummary = { articles: [], problems: 0, missingInputs: 0, unreadableFolders: 0, notArticles: 0, stats };
  const results = loadResults(inputs, { ...loadOptionsFor(inputs, options, taxonomy, context), prewalked: options.prewalked, digestWalk: options.digestWalk, stats });
  const progress = new Progress(context, 'file');
  for await (const result of results) {
    progress.tick();
    if (result.kind === 'article') {
      // Awaited only when the callback is asynchronous: an await per article is a microtask each.
      const pending = onEntry(result);
      if (pending) await pending;
    } else if (result.kind === 'error') {
      summary.problems++;
      if (result.diagnostic.missingInput) summary.missingInputs++;
      else if (result.diagnostic.folder) summary.unreadableFolders++;
      progress.done();
      context.stderr.write(`feedtool: ${formatDiagnosticLine(result.diagnostic)}`);
    } else {
      summary.notArticles++;
      if (options.verbose) progress.done();
      if (options.verbose) context.stderr.write(`feedtool: ${sanitizePathForTerminal(result.path)}: not an article (${result.reason})\n`);
    }
  }
  progress.done();
  if (options.verbose) {
    const parts = [`${plural(stats.files, 'file')} read`];
    if (stats.workers > 0) parts.push(`on ${plural(stats.workers, 'worker thread')}`);
    if (stats.cacheFile) {
      const unwritten = stats.cacheNotWritten ? ' (which could not be written: the next run will not find these records)' : '';
      parts.push(`${countText(stats.fromCache)} from the cache ${sanitizeForTerminal(stats.cacheFile)}${unwritten}`);
    }
    if (stats.statWorker) parts.push('files stat-ed on a worker thread');
    if (stats.recordsOnDemand) parts.push('records made again only for the articles shown');
    if (stats.summariesOnly) parts.push('listing made from article summaries alone (it shows summary fields only)');
    context.stderr.write(`feedtool: ${parts.join(', ')}\n`);
  }
  return summary;
}

/** Reads all articles under the inputs as full records; reports broken files on stderr as it goes. */
export async function readArticles(
  inputs: readonly string[],
  options: ReadOptions & { keepBody?: boolean },
  taxonomy: Taxonomy | null,
  context: CommandContext,
  onArticle?: (article: Article) => void | Promise<void>,
): Promise<CorpusSummary> {
  const articles: Article[] = [];
  const summary = await readArticleEntries(inputs, options, taxonomy, context, async (entry) => {
    const article = recordOf(entry.json);
    if (onArticle) await onArticle(article);
    else articles.push(article);
  });
  summary.articles = articles;
  return summary;
}

/** The stderr notes every reading command ends with: files skipped, and (verbose) documents that are not articles. */
export function readingNotes(summary: CorpusSummary, verbose: boolean | undefined): string[] {
  const notes: string[] = [];
  const skipped = summary.problems - summary.missingInputs - summary.unreadableFolders;
  if (summary.missingInputs > 0) notes.push(`${plural(summary.missingInputs, 'path')} given matched nothing`);
  if (skipped > 0) notes.push(`${plural(skipped, 'file')} skipped with problems`);
  if (summary.unreadableFolders > 0) notes.push(`${plural(summary.unreadableFolders, 'folder')} could not be read`);
  if (verbose && summary.notArticles > 0) notes.push(`${plural(summary.notArticles, 'document')} not ${summary.notArticles === 1 ? 'an article' : 'articles'}`);
  return notes;
}

/**
 * Watches the articles read for the newest date, so that a --since duration counted back from
 * the clock that left every article out (an archive, a mirror that lags) can say from when to
 * count instead; does nothing unless the run has such a duration and no --now.
 */
export class NewestRead {
  private newest: number | null = null;
  private readonly duration: string | null;

  constructor(flags: RawFilterOptions, nowGiven: boolean) {
    // With --until too, no --now alone would move the window onto the newest article: no note.
    this.duration = nowGiven || flags.since === undefined || flags.until !== undefined ? null : filterDuration({ since: flags.since });
  }

  /** True when see() has anything to do: read dates only then. */
  get watching(): boolean {
    return this.duration !== null;
  }

  /** Notes one article's date (ISO text, or null when it has none). */
  see(publishedDateTime: string | null): void {
    if (publishedDateTime === null) return;
    const time = Date.parse(publishedDateTime);
    if (!Number.isNaN(time) && (this.newest === null || time > this.newest)) this.newest = time;
  }

  /** The note for a run that matched nothing because every article read is older than the --since window; null otherwise. */
  note(matched: number, since: number | undefined, clock: Date): string | null {
    if (matched > 0 || this.duration === null || since === undefined || this.newest === null || this.newest >= since) return null;
    const newest = new Date(this.newest).toISOString();
    return `feedtool: no article read was published in the ${this.duration} before now (${clock.toISOString()}, the clock); the newest is from ${newest}: --now ${newest} counts --since ${this.duration} back from it\n`;
  }
}

/**
 * Notes for --topic names the taxonomy does not know, so a typo does not pass for "no news": each
 * with the closest name it does know; when the filter matched something (through another topic,
 * or articles using a topic outside the taxonomy), only those that have such a close name.
 */
export function unknownTopicNotes(topics: readonly string[] | undefined, taxonomy: Taxonomy | null, matched: number): string[] {
  if (!taxonomy || !topics) return [];
  const notes: string[] = [];
  for (const topic of topics) {
    if (taxonomy.find(topic) !== undefined) continue;
    const found = taxonomy.hintFor(topic);
    if (matched > 0 && found === null) continue;
    let hint = '';
    if (found && 'keywordOf' in found) {
      const owner = sanitizeForTerminal(found.keywordOf);
      hint = `; it is a keyword of "${owner}", and keywords are not matched: --topic "${owner}" lists that topic`;
    } else if (found) hint = `; did you mean "${sanitizeForTerminal(found.closest)}"?`;
    notes.push(`feedtool: note: topic "${sanitizeForTerminal(topic)}" is not in the taxonomy${hint}\n`);
  }
  return notes;
}

/** The exit code of a reading command that produced its output: 2 when an input named on the command line matched nothing, else 0. */
export function readingExitCode(summary: CorpusSummary): number {
  return summary.missingInputs > 0 ? 2 : 0;
}

/** A count as stderr writes it: with thousands separators (`20,000`). */
export function countText(count: number): string {
  return groupDigits(count);
}

/** "1 article" / "3 articles" / "20,000 articles". */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${countText(count)} ${count === 1 ? word : many}`;
}
