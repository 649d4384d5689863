// Option definitions and parsers shared by the reading commands. Light: loads no parsing code.
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { fractionalEpochMs, isDurationShape, parseDuration, parseTimeArgument } from '../core/dates.js';
import { SORT_KEYS, type ArticleFilter, type SortKey } from '../core/query.js';
import { resolveGivenPath } from '../io/given-path.js';
import { DEFAULT_MAX_FILE_SIZE, parseSize } from '../io/read.js';
import { ignorePathPattern, ignoreTest, isArticleFileName } from '../io/walk.js';
import { extraFieldNames, fieldSteps } from '../format/field-path.js';
import { UsageError } from './process.js';

/** Commander parser for a non-negative integer option. */
export function integerArgument(value: string): number {
  if (!/^\s*\+?\d+\s*$/.test(value)) throw new InvalidArgumentError('expected a whole number (0 or more).');
  return Number(value);
}

/** Parses --max-warnings: a whole number, or a negative one (-1) for no limit, as ESLint reads it, so its CI lines work here. */
export function maxWarningsArgument(value: string): number {
  if (/^\s*-\d+\s*$/.test(value)) return Number.POSITIVE_INFINITY;
  try {
    return integerArgument(value);
  } catch {
    throw new InvalidArgumentError('expected a whole number (0 or more), or a negative one (-1) for no limit.');
  }
}

const DECIMAL = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?\s*$/i;

/** True for a finite number written in decimal (`70`, `-1`, `0.5`, `1e3`), as in files. */
export function isDecimal(value: string): boolean {
  return DECIMAL.test(value) && Number.isFinite(Number(value));
}

/**
 * The usage error for a number written as more than zero that a double cannot hold apart from 0
 * (`1e-400`), which would silently act as 0; null for any other number.
 */
export function underflowError(value: string, number: number): InvalidArgumentError | null {
  if (number !== 0 || !/[1-9]/.test(value.replace(/e.*$/i, ''))) return null;
  return new InvalidArgumentError(`${value.trim()} is too small to tell from 0: write 0, or a number at least about 5e-324 from it.`);
}

/** Commander parser for a number option (may be negative or fractional; decimal only, as in files). */
export function numberArgument(value: string): number {
  const number = Number(value);
  if (!DECIMAL.test(value) || !Number.isFinite(number)) throw new InvalidArgumentError('expected a decimal number (70, -1, 0.5).');
  const underflow = underflowError(value, number);
  if (underflow) throw underflow;
  return number;
}

/**
 * Commander parser for --cache-location: an empty path (an unset variable) is no file to keep a
 * cache in, and a Markdown name is an article's (in a folder walked, the cache would be read as one).
 */
export function cacheLocationArgument(value: string): string {
  if (value === '') throw new InvalidArgumentError('expected a file path; an empty one names no file.');
  if (value === '-') throw new InvalidArgumentError("'-' is standard input everywhere else: name a file (./- for one called -).");
  if (isArticleFileName(path.basename(value))) throw new InvalidArgumentError('a name ending in .md or .markdown is an article\'s: choose another, such as feedtool.cache.');
  return resolveGivenPath(value);
}

/** Commander parser for a name to match: an empty one would match everything (an unset variable in a script). */
export function nameArgument(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('expected a value; an empty one would match every article.');
  return value;
}

const MARKS = /\p{M}/gu;

/**
 * Commander parser for --search: as nameArgument, and text that search folds to nothing (only
 * accents, variation selectors, a spacing accent such as `´`) is refused too, since it would
 * match every article. Written apart from foldForSearch, which parsing options does not load;
 * a unit test holds the two to the same answer for every code point.
 */
export function searchArgument(value: string): string {
  nameArgument(value);
  if (value.normalize('NFKD').replace(MARKS, '').trim() === '') {
    throw new InvalidArgumentError('expected text to search for; this holds only accents or other marks, which search ignores, so it would match every article.');
  }
  return value;
}

/** Commander parser for a byte size (`10MiB`, `512k`). */
export function sizeArgument(value: string): number {
  const size = parseSize(value);
  if (size === null && /^\s*\d+\.\d+\s*b?\s*$/i.test(value)) throw new InvalidArgumentError(`a count of bytes is whole: ${value.trim()} is no size (with a unit a fraction is fine: 1.5k is 1536 bytes).`);
  if (size === null) throw new InvalidArgumentError('expected a size such as 10MiB, 512KiB or 1048576.');
  return size;
}

/** Splits a comma-separated list of names, trimmed, empty ones dropped; `\,` is a comma inside a name (`Smith\, Jones`), `\\` a backslash. */
export function splitNames(value: string): string[] {
  const items: string[] = [];
  let item = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    const next = value[i + 1];
    if (char === '\\' && (next === ',' || next === '\\')) {
      item += next;
      i++;
    } else if (char === ',') {
      items.push(item);
      item = '';
    } else item += char;
  }
  items.push(item);
  return items.map((name) => name.trim()).filter((name) => name !== '');
}

/** Commander collector for repeatable options that also accept comma-separated lists (see splitNames). */
export function collectList(value: string, previous: string[] | undefined): string[] {
  const items = splitNames(value);
  if (items.length === 0) throw new InvalidArgumentError('expected one or more names; an empty value would match every article.');
  return [...(previous ?? []), ...items];
}

/** Collects an --ignore pattern, refusing one that is empty or not a valid glob. */
export function ignoreArgument(value: string, previous: string[] | undefined): string[] {
  // `''` (an unset variable) and `/` (`/./`, `/..`) name no file or folder a walk meets: the pattern would leave nothing out.
  const empty = (): never => {
    throw new InvalidArgumentError(value.trim() === '' ? 'expected a glob pattern; an empty one leaves nothing out.' : 'expected a glob pattern; this one names / (the root), which no walk meets, so it leaves nothing out.');
  };
  const posix = value.split(path.sep).join('/');
  if (/^[\s/]*$/.test(posix)) empty();
  try {
    ignoreTest([value]);
    const trimmed = posix.replace(/\/+$/, '');
    if ((trimmed.includes('/') || trimmed === '..') && ignorePathPattern(trimmed) === '/') empty();
  } catch (error) {
    // A current folder deleted under the shell is reported as such (see main).
    if (error instanceof InvalidArgumentError || (error as NodeJS.ErrnoException).syscall === 'uv_cwd') throw error;
    const reason = (error as Error).message;
    throw new InvalidArgumentError(/^(unbalanced|too many|a wildcard|a backslash)/.test(reason) ? `expected a glob pattern: ${reason}.` : 'expected a glob pattern (check its [ ] and { } groups).');
  }
  return [...(previous ?? []), value];
}

/** Options every reading command has; `verbose` says what -v adds for this command. */
export function addReadOptions(command: Command, verbose = 'report files that are not articles, and other details, on stderr'): Command {
  return command
    .addOption(new Option('--max-file-size <size>', 'refuse files larger than this').argParser(sizeArgument).default(DEFAULT_MAX_FILE_SIZE, '10MiB'))
    .option('--taxonomy <dir|file>', 'topic taxonomy to use (default: nearest _data/topics)')
    .option('--no-taxonomy', 'do not look for a topic taxonomy')
    .option('--ignore <glob>', "leave out files and folders that match (repeatable): a name anywhere ('_drafts', 'draft-*.md') or a path ('_learning/**')", ignoreArgument)
    .option('-v, --verbose', verbose);
}

/** The worker-thread option (list, rank, show, validate). */
export function addJobsOption(command: Command): Command {
  return command.option('--jobs <n>', 'worker threads for parsing (default: one per core for 1500+ files; 0 = none; at most 64)', integerArgument);
}

/** Options of the commands that load records through the shared loader (list, rank, show). */
export function addLoadOptions(command: Command): Command {
  return addJobsOption(command)
    .option('--cache', 'reuse records of unchanged files from the cache (FEEDTOOL_CACHE=1 turns it on by default)')
    .option('--no-cache', 'do not read or write the cache')
    .option('--cache-location <file>', 'cache file (implies --cache; default under node_modules/.cache/feedtool, else $XDG_CACHE_HOME/feedtool or ~/.cache/feedtool)', cacheLocationArgument);
}

/** The filter options shared by `list` and `rank`. */
export function addFilterOptions(command: Command): Command {
  return command
    .option('--topic <name>', 'only articles with this topic or one below it (repeatable, or comma-separated; \\, for a comma in a name)', collectList)
    .option('--provider <name|domain>', 'only articles from this provider, by name or domain (repeatable, or comma-separated; \\, for a comma in a name)', collectList)
    .option('--category <name>', 'only articles of this category', nameArgument)
    .option('--type <name>', 'only articles of this type', nameArgument)
    .option('--since <time>', 'only articles published at or after this time (ISO date/time, or 7d, 12h, 2w ago)')
    .option('--until <time>', 'only articles published at or before this time')
    .option('--published', 'only articles not marked published: false')
    .option('--unpublished', 'only articles marked published: false')
    .option('--min-quality <n>', 'only articles with quality of at least n', numberArgument)
    .option('--min-heat <n>', 'only articles with heat of at least n', numberArgument)
    .option('--max-quality <n>', 'only articles with quality of at most n', numberArgument)
    .option('--max-heat <n>', 'only articles with heat of at most n (--max-heat -1: the feeds\' "unknown")', numberArgument)
    .option('--search <text>', 'only articles whose title or excerpt contains this text (ignoring case, accents and curly quotes)', searchArgument);
}

export interface RawFilterOptions {
  topic?: string[];
  provider?: string[];
  category?: string;
  type?: string;
  since?: string;
  until?: string;
  published?: boolean;
  unpublished?: boolean;
  minQuality?: number;
  minHeat?: number;
  maxQuality?: number;
  maxHeat?: number;
  search?: string;
}

const DATE_ONLY = /^\s*(?:\d{4}-\d{1,2}-\d{1,2}|\d{8})\s*$/;
const LAST_MILLISECOND_OF_DAY = 24 * 60 * 60 * 1000 - 1;

// Digits past the millisecond that are not all zero (`…08:00:00.0009Z`), which a Date drops.
const PAST_THE_MILLISECOND = /[.,]\d{3}\d*[1-9]/;

/** The usage error for a time option parseTimeArgument refused: a duration reaching past the year 0000, or else not `expected`. */
export function invalidTime(option: string, value: string, expected: string): UsageError {
  const why = isDurationShape(value) ? 'it reaches back past the year 0000, before any date an article can hold' : `expected ${expected}`;
  return new UsageError(`option '${option} <time>' argument '${value}' is invalid. ${why}. (see --help)`);
}

// A date without a time means the whole day: `--until 2023-10-16` takes that day in (to 23:59:59.999Z).
// Records keep times to the millisecond, so a bound finer than that is rounded inwards:
// `--since …00.0009Z` starts at …00.001Z (…00.000Z is earlier), `--until` drops the rest.
// A year and month (`2023-03`): --since from its first millisecond, --until to its last, in UTC.
const YEAR_MONTH = /^\s*(\d{4})-(0?[1-9]|1[0-2])\s*$/;

function timeOption(name: '--since' | '--until', value: string, now: Date): number {
  const month = YEAR_MONTH.exec(value);
  if (month) {
    const [year, index] = [Number(month[1]), Number(month[2]) - 1];
    // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.
    const start = (y: number, m: number) => new Date(0).setUTCFullYear(y, m, 1);
    return name === '--since' ? start(year, index) : start(year, index + 1) - 1;
  }
  const time = parseTimeArgument(value, now);
  if (time === null) throw invalidTime(name, value, 'an ISO date or time (2023-10-16, 2023-10-16T09:00:00Z), a month (2023-10) or a duration back from now (30m, 12h, 7d, 2w)');
  const epoch = fractionalEpochMs(value);
  if (epoch !== null) return name === '--since' && epoch.finer ? epoch.ms + 1 : epoch.ms;
  if (name === '--since') return PAST_THE_MILLISECOND.test(value) ? time.getTime() + 1 : time.getTime();
  return DATE_ONLY.test(value) ? time.getTime() + LAST_MILLISECOND_OF_DAY : time.getTime();
}

/** Reads --now (list's and rank's): the epoch ms it names, or null when it is not given. */
export function nowOption(value: string | undefined, clock: Date): number | null {
  if (value === undefined) return null;
  const time = parseTimeArgument(value, clock);
  if (time === null) throw invalidTime('--now', value, 'an ISO date or time (2023-10-16, 2023-10-16T09:00:00Z), now, or a duration back from now (30m, 12h, 7d, 2w)');
  return time.getTime();
}

/**
 * The filter of flags whose durations count back from `now` (--now, else the clock): a duration
 * in --since measured back from a --now also ends the window at --now, unless --until says where
 * it ends (`--now 2023-10-17 --since 7d` is the week before that day; later articles are left out).
 */
export function buildFilterAt(options: RawFilterOptions, now: number | null, clock: Date): ArticleFilter {
  const ended = now !== null && options.since !== undefined && options.until === undefined && parseDuration(options.since) !== null;
  return buildFilter(ended ? { ...options, until: new Date(now).toISOString() } : options, now === null ? clock : new Date(now));
}

/** The duration --since or --until gives (`7d`), for a note on what it counted back from; null when neither is one. */
export function filterDuration(options: RawFilterOptions): string | null {
  for (const value of [options.since, options.until]) if (value !== undefined && parseDuration(value) !== null) return value.trim();
  return null;
}

/** Turns parsed filter flags into the plain ArticleFilter, rejecting contradictions. */
export function buildFilter(options: RawFilterOptions, now: Date): ArticleFilter {
  if (options.published && options.unpublished) throw new UsageError('--published and --unpublished cannot be used together');
  const filter: ArticleFilter = {};
  if (options.topic?.length) filter.topics = options.topic;
  if (options.provider?.length) filter.providers = options.provider;
  if (options.category !== undefined) filter.category = options.category;
  if (options.type !== undefined) filter.type = options.type;
  if (options.since !== undefined) filter.since = timeOption('--since', options.since, now);
  if (options.until !== undefined) filter.until = timeOption('--until', options.until, now);
  if (filter.since !== undefined && filter.until !== undefined && filter.since > filter.until) {
    throw new UsageError('--since is later than --until: nothing could match');
  }
  if (options.published) filter.published = true;
  if (options.unpublished) filter.published = false;
  if (options.minQuality !== undefined) filter.minQuality = options.minQuality;
  if (options.minHeat !== undefined) filter.minHeat = options.minHeat;
  if (options.maxQuality !== undefined) filter.maxQuality = options.maxQuality;
  if (options.maxHeat !== undefined) filter.maxHeat = options.maxHeat;
  for (const [score, min, max] of [['quality', filter.minQuality, filter.maxQuality], ['heat', filter.minHeat, filter.maxHeat]] as const) {
    if (min !== undefined && max !== undefined && min > max) throw new UsageError(`--min-${score} is above --max-${score}: nothing could match`);
  }
  if (options.search !== undefined) filter.search = options.search;
  return filter;
}

/** Checks a sort key option. */
export function sortArgument(value: string): SortKey {
  if (!(SORT_KEYS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${SORT_KEYS.join(', ')}.`);
  }
  return value as SortKey;
}

const FIELDS_HELP = 'expected field names separated by commas, e.g. title,provider.domain,publishedDateTime';

// A field as written between commas without the spaces around it, but a space written `\ ` (a
// key that ends in one: `extra.note\ `) kept.
function trimField(text: string): string {
  let end = text.length;
  while (end > 0 && /\s/u.test(text[end - 1]!)) {
    let backslashes = 0;
    for (let i = end - 2; i >= 0 && text[i] === '\\'; i--) backslashes++;
    if (backslashes % 2 === 1) break;
    end--;
  }
  return text.slice(0, end).trimStart();
}

/**
 * Checks a comma-separated field list option. Below the first step a key may hold any printable
 * character; `\.`, `\,`, `\\` and `\ ` write a dot, comma, backslash or a space that is kept
 * inside a step. Fields keep their escapes (fieldSteps reads them).
 */
export function fieldsArgument(value: string): string[] {
  const fields: string[] = [];
  let field = '';
  const close = (): void => {
    const trimmed = trimField(field);
    field = '';
    if (trimmed === '') throw new InvalidArgumentError(`${FIELDS_HELP}; an empty name (two commas in a row, or one at an end) is none.`);
    const [top, ...rest] = fieldSteps(trimmed);
    if (!/^[A-Za-z_$][\w$-]*$/.test(top!) || rest.some((step) => step === '')) {
      // A key of the file's own may hold any printable character, under extra.
      const extra = top !== '' && rest.every((step) => step !== '') ? ` (a key of the file's own is under extra: ${extraFieldNames(trimmed)})` : '';
      throw new InvalidArgumentError(`${FIELDS_HELP}; '${trimmed}' is not one${extra}.`);
    }
    fields.push(trimmed);
  };
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(char)) throw new InvalidArgumentError(`${FIELDS_HELP}; a field name holds no control or invisible characters.`);
    if (char === '\\') {
      const next = value[i + 1];
      if (next !== '.' && next !== ',' && next !== '\\' && next !== ' ') throw new InvalidArgumentError(`${FIELDS_HELP}; a backslash escapes only '.', ',', '\\' or a space (extra.utm\\.source, 'extra.note\\ ').`);
      field += char + next;
      i++;
    } else if (char === ',') close();
    else field += char;
  }
  close();
  // A field named twice is one column, in JSON (one key) and in a table or CSV alike.
  return [...new Set(fields)];
}

export interface ReadOptions {
  maxFileSize: number;
  ignore?: string[];
  taxonomy: string | boolean;
  verbose?: boolean;
  jobs?: number;
  cache?: boolean;
  cacheLocation?: string;
}

/** Refuses `--json` beside a `--format` other than json (`--json --format csv`): which one wins would be a guess. */
export function checkJsonShorthand(command: Command, flags: { json?: boolean; format?: string }): void {
  if (flags.json && command.getOptionValueSource('format') === 'cli' && flags.format !== 'json') {
    throw new UsageError(`--json and --format ${flags.format} cannot be used together`);
  }
}

/** Options a command refuses (another command's, such as rank's --reverse), with what they say instead. */
export const refusedOptions = new WeakMap<Option, string>();

/**
 * Adds a hidden option that a user of the other command would reach for (`rank --limit`, `list
 * --top`): giving it, with a value or without, is a usage error that names the option this
 * command has.
 */
export function refuseOption(command: Command, flags: string, hint: string): Command {
  const option = new Option(flags).hideHelp();
  refusedOptions.set(option, hint);
  command.addOption(option);
  command.on(`option:${option.name()}`, () => {
    throw new UsageError(hint);
  });
  return command;
}
