// `feedtool validate`: check files with the rules, print the problems in a format, return the exit code.
import { realpathSync } from 'node:fs';
import { cacheVersion, feedtoolVersion } from '../version.js';
import {
  countAll,
  effectiveSetting,
  type ProblemCounts,
  mergeResults,
  onlyErrors,
  validateCorpus,
  type FileResult,
  type RuleSetting,
  type ValidateOptions,
} from '../core/validate.js';
import type { FixKind } from '../core/types.js';
import { formatGithubFile, pathRoot } from '../format/validate-github.js';
import { formatJsonResult } from '../format/validate-json.js';
import { sarifPieces } from '../format/validate-sarif.js';
import { formatStylishFile, formatStylishSummary } from '../format/validate-stylish.js';
import { formatUnixFile } from '../format/validate-unix.js';
import type { ValidateFormat } from '../format/validate-formats.js';
import { Output } from '../io/output.js';
import { validateFiles } from '../io/validate-files.js';
import type { FileFixReport, FixRun } from '../io/fix-files.js';
import type { FileFacts } from '../rules/types.js';
import { findRule, RULES } from '../rules/index.js';
import { paletteFor, UsageError, type CommandContext } from './context.js';
import { catchingSignals, Interrupted } from './interrupt.js';
import type { ReadOptions } from './options.js';
import { Progress } from './progress.js';
import { cacheOptionsFor, countText, plural, resolveTaxonomy } from './shared.js';
import type { Taxonomy } from '../core/taxonomy.js';
import { quoteChange, sanitizeForTerminal, sanitizePathForTerminal } from '../core/text.js';
import { cacheKey, pruneCacheVariants, usableCacheFile, usableCacheLocation, validateCacheLocation, variantLocation } from '../io/cache-location.js';
import { DEFAULT_MAX_FILE_SIZE } from '../io/read.js';
import { ValidateCache } from '../io/validate-cache.js';

export interface ValidateFlags extends ReadOptions {
  format?: ValidateFormat;
  quiet?: boolean;
  maxWarnings?: number;
  rule?: string[];
  crossFile: boolean;
  fix?: boolean;
  fixDryRun?: boolean;
}

// A Map, not an object literal: `constructor` or `__proto__` must not pass for a level.
const LEVELS = new Map<string, RuleSetting>([
  ['off', 'off'],
  ['0', 'off'],
  ['warn', 'warning'],
  ['warning', 'warning'],
  ['1', 'warning'],
  ['error', 'error'],
  ['2', 'error'],
]);

/** Reads `--rule id=level` options into per-rule settings; a wrong id or level is a usage error. */
export function parseRuleSettings(options: readonly string[] = []): Map<string, RuleSetting> {
  const settings = new Map<string, RuleSetting>();
  for (const option of options) {
    const match = /^\s*([\w-]+)\s*[=:]\s*(\w+)\s*$/.exec(option);
    if (!match) throw new UsageError(`--rule '${option}': expected id=off|warn|error, e.g. --rule insecure-url=off`);
    const [, id, level] = match as unknown as [string, string, string];
    if (!findRule(id)) throw new UsageError(`--rule '${option}': no rule '${id}' (rules: ${RULES.map((rule) => rule.id).join(', ')})`);
    const setting = LEVELS.get(level.toLowerCase());
    if (!setting) throw new UsageError(`--rule '${option}': level '${level}' is not one of off, warn (or warning), error, or 0, 1, 2, in any case`);
    settings.set(id, setting);
  }
  return settings;
}

/** A format as pieces: text before the files, the text of each file, text after them (streamed in that order). */
interface FormatPieces {
  head: string;
  file(result: FileResult, index: number): string;
  tail(results: readonly FileResult[], counts: ProblemCounts): string;
}

// GITHUB_WORKSPACE as a real path, as process.cwd() is (a self-hosted runner may link its work folder).
function realWorkspace(env: NodeJS.ProcessEnv): string | undefined {
  const workspace = env.GITHUB_WORKSPACE;
  if (!workspace) return undefined;
  try {
    return realpathSync.native(workspace);
  } catch {
    return workspace;
  }
}

async function formatPieces(name: ValidateFormat, context: CommandContext): Promise<FormatPieces> {
  const none = () => '';
  switch (name) {
    case 'stylish': {
      const palette = await paletteFor(context.stdout, context.env);
      return { head: '', file: (result) => formatStylishFile(result, palette), tail: (_, counts) => formatStylishSummary(counts, palette) };
    }
    case 'json':
      return { head: '[', file: (result, index) => (index === 0 ? '' : ',\n') + formatJsonResult(result, process.cwd()), tail: () => ']\n' };
    case 'unix':
      return { head: '', file: formatUnixFile, tail: none };
    case 'github': {
      const cwd = process.cwd();
      const root = pathRoot(cwd, realWorkspace(context.env));
      return { head: '', file: (result) => formatGithubFile(result, cwd, root), tail: none };
    }
    case 'sarif': {
      const cwd = process.cwd();
      const sarif = sarifPieces({ rules: RULES, toolVersion: feedtoolVersion(), cwd, root: pathRoot(cwd, realWorkspace(context.env)) });
      return { head: sarif.head, file: (result) => sarif.file(result), tail: () => sarif.tail() };
    }
  }
}

async function writeReport(results: readonly FileResult[], counts: ProblemCounts, name: ValidateFormat, context: CommandContext): Promise<void> {
  const pieces = await formatPieces(name, context);
  const out = new Output(context.stdout);
  await out.write(pieces.head);
  for (let index = 0; index < results.length; index++) {
    // Awaited only when the output asks for it: one await per file is a microtask per file.
    const full = out.write(pieces.file(results[index]!, index));
    if (full) await full;
  }
  await out.write(pieces.tail(results, counts));
  await out.flush();
}

/**
 * The cache of per-file outcomes the options ask for (see cacheOptionsFor), keyed by feedtool's
 * version and everything a file's outcome depends on besides the file: rule settings, taxonomy,
 * size limit. With a chosen --cache-location FILE it is FILE.validate (FILE itself may hold
 * list's records); at the default location, one variant per option set.
 */
function openCache(
  inputs: readonly string[],
  flags: ValidateFlags,
  settings: ReadonlyMap<string, RuleSetting>,
  taxonomy: Taxonomy | null,
  context: CommandContext,
): { cache: ValidateCache; variantsOf: string | null } | null {
  const { cacheLocation, cacheVariants } = cacheOptionsFor(inputs, flags, context);
  if (!cacheLocation) return null;
  if (!usableCacheLocation(cacheLocation)) return null;
  const key = cacheKey({
    command: 'validate',
    version: cacheVersion(),
    settings: [...settings].sort(),
    topics: taxonomy ? [...taxonomy.topics] : null,
    maxFileSize: flags.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
  });
  const file = cacheVariants ? variantLocation(cacheLocation, key) : validateCacheLocation(cacheLocation);
  if (!usableCacheFile(file)) return null;
  return { cache: ValidateCache.open(file, key, context.now.getTime()), variantsOf: cacheVariants ? cacheLocation : null };
}

/**
 * A value before and after repair as --fix shows them: as the rules' messages quote them (see
 * quoteChange), made safe for a terminal.
 */
export function showChange(before: string, after: string): [string, string] {
  const [old, now] = quoteChange(before, after);
  return [sanitizeForTerminal(old), sanitizeForTerminal(now)];
}

/**
 * Runs --fix (or --fix-dry-run) over the checked files with the fixable rules that are on, and
 * says on stderr what it did: each value rewritten, old and new, when dry or verbose; always,
 * each file it could not fix and each value it left, with why; then a summary line. Returns the
 * results with every file it looked at checked again.
 */
async function fixAndReport(
  results: FileResult[],
  options: { dryRun: boolean; verbose: boolean; maxFileSize?: number; inputs: readonly string[] },
  validate: ValidateOptions,
  context: CommandContext,
): Promise<FixRun> {
  const { fixFiles, fixRoots } = await import('../io/fix-files.js');
  const kinds = new Set(RULES.filter((rule) => rule.fixable && effectiveSetting(rule, validate.settings) !== 'off').map((rule) => rule.id as FixKind));
  const { value: run, caught } = await catchingSignals((signal) => {
    // Said once signals are caught: from here on, Ctrl-C stops the run between two files.
    if (options.verbose) {
      const toFix = results.filter((result) => !result.stdin && result.problems.some((problem) => problem.fixable)).length;
      context.stderr.write(`feedtool: ${options.dryRun ? 'working out the fixes of' : 'fixing'} ${plural(toFix, 'file')} with fixable problems\n`);
    }
    return fixFiles(results, { dryRun: options.dryRun, kinds, maxFileSize: options.maxFileSize, validate, signal, within: fixRoots(options.inputs) });
  });
  const show = (text: string) => sanitizeForTerminal(text);
  const repairLines = (repairs: FileFixReport['fixed']): string[] =>
    repairs.map((repair) => {
      const [before, after] = showChange(repair.before, repair.after);
      const applied = repair.kinds.filter((kind) => kinds.has(kind));
      return `  ${show(repair.field)} (${applied.join(', ')}): ${before} -> ${after}`;
    });
  const lines: string[] = [];
  let problems = 0;
  let files = 0;
  let notFixed = 0;
  let left = 0;
  for (const report of run.reports) {
    if (report.notFixed) {
      const forecast = options.dryRun && report.fixed.length > 0;
      lines.push(`feedtool: ${sanitizePathForTerminal(report.path)}: not fixed: ${show(report.notFixed)}${forecast ? '; its fixes would be:' : ''}`);
      if (forecast) lines.push(...repairLines(report.fixed));
      // What --fix would leave in it too, as for a file it could write.
      for (const field of report.left) lines.push(`feedtool: ${sanitizePathForTerminal(report.path)}: ${show(field.field)} left as it is: ${show(field.reason)}`);
      left += report.left.length;
      notFixed++;
      continue;
    }
    if (report.fixed.length > 0) {
      problems += report.problemsFixed;
      files++;
    }
    if ((options.dryRun || options.verbose) && report.fixed.length > 0) {
      lines.push(`${options.dryRun ? 'would fix' : 'fixed'} ${sanitizePathForTerminal(report.path)}:`);
      lines.push(...repairLines(report.fixed));
    }
    if (report.otherLinks && report.fixed.length > 0) {
      const others = report.otherLinks === 1 ? 'its other hard link' : `its ${report.otherLinks} other hard links`;
      const keep = options.dryRun ? 'would keep' : report.otherLinks === 1 ? 'keeps' : 'keep';
      lines.push(`feedtool: ${sanitizePathForTerminal(report.path)}: note: ${others} ${keep} the old text (the fixed file is a new file under this name)`);
    }
    // Always said: they are why fixable warnings remain.
    for (const field of report.left) lines.push(`feedtool: ${sanitizePathForTerminal(report.path)}: ${show(field.field)} left as it is: ${show(field.reason)}`);
    left += report.left.length;
  }
  const verb = options.dryRun ? 'would fix' : 'fixed';
  const notes = [
    notFixed > 0 ? `${plural(notFixed, 'file')} not fixed` : '',
    left > 0 ? `${plural(left, 'value')} left as ${left === 1 ? 'it is' : 'they are'}` : '',
  ].filter(Boolean);
  const tail = notes.length > 0 ? `; ${notes.join(', ')} (see above)` : '';
  if (caught) {
    const untouched = run.notReached > 0 ? `; ${plural(run.notReached, 'file')} with fixable problems not reached, left untouched` : '';
    lines.push(`feedtool: interrupted (${caught}): ${verb} ${plural(problems, 'problem')} in ${plural(files, 'file')} before stopping${untouched}${tail}`);
    context.stderr.write(`${lines.join('\n')}\n`);
    throw new Interrupted(caught);
  }
  if (files > 0) lines.push(`feedtool: ${verb} ${plural(problems, 'problem')} in ${plural(files, 'file')}${options.dryRun ? ' (nothing written)' : ''}${tail}`);
  else lines.push(tail ? `feedtool: nothing ${options.dryRun ? 'would be fixed' : 'fixed'}${tail}` : 'feedtool: nothing to fix');
  context.stderr.write(`${lines.join('\n')}\n`);
  return run;
}

/** The cross-file facts with those of each file checked again after fixing put in their place. */
function factsAfterFixing(facts: readonly FileFacts[], rechecked: ReadonlyMap<string, FileFacts | null>): FileFacts[] {
  if (rechecked.size === 0) return [...facts];
  const byPath = new Map(facts.map((fact) => [fact.path, fact]));
  for (const [path, fact] of rechecked) {
    if (fact) byPath.set(path, fact);
    else byPath.delete(path);
  }
  return [...byPath.values()];
}

/** Runs `validate` and returns the exit code: 0 no errors, 1 errors (or too many warnings), 2 when a rule crashed. */
export async function runValidate(inputs: string[], flags: ValidateFlags, context: CommandContext): Promise<number> {
  const formatName: ValidateFormat = flags.format ?? (context.env.GITHUB_ACTIONS === 'true' ? 'github' : 'stylish');
  if (flags.fix && flags.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  const settings = parseRuleSettings(flags.rule);
  const taxonomy = await resolveTaxonomy(inputs, flags, context);
  const cache = openCache(inputs, flags, settings, taxonomy, context);
  const progress = new Progress(context, 'file');
  const checked = await validateFiles(inputs, {
    onFile: () => progress.tick(),
    maxFileSize: flags.maxFileSize,
    ignore: flags.ignore,
    jobs: flags.jobs,
    stdin: () => context.stdin,
    validate: { now: context.now, taxonomy, settings },
    cache: cache?.cache,
  });
  progress.done();
  if (cache?.variantsOf) pruneCacheVariants(cache.variantsOf, cache.cache.location);
  let fileResults = checked.results;
  let facts = checked.facts;
  if (flags.fix || flags.fixDryRun) {
    const run = await fixAndReport(fileResults, { dryRun: !flags.fix, verbose: Boolean(flags.verbose), maxFileSize: flags.maxFileSize, inputs }, { now: context.now, taxonomy, settings }, context);
    fileResults = run.results;
    facts = factsAfterFixing(facts, run.facts);
  }
  const corpus = flags.crossFile ? validateCorpus(facts, { settings }) : new Map();
  const results = mergeResults(fileResults, corpus);
  const counts = countAll(results);
  const tooManyWarnings = flags.maxWarnings !== undefined && counts.warnings > flags.maxWarnings;
  const code = checked.crashedRules.size > 0 || checked.missingInputs.length > 0 ? 2 : counts.errors > 0 || tooManyWarnings ? 1 : 0;
  context.resultKnown?.(code);
  const shown = flags.quiet ? onlyErrors(results) : results;
  await writeReport(shown, countAll(shown), formatName, context);
  if (flags.verbose || (formatName === 'stylish' && counts.errors + counts.warnings === 0)) {
    const taxonomyNote = taxonomy ? '' : ', no topic taxonomy (unknown-topic not checked)';
    const statNote = checked.statWorker ? ', files stat-ed on a worker thread' : '';
    const unwritten = checked.cacheNotWritten ? ' (which could not be written: the next run checks these files again)' : '';
    const cacheNote = cache && flags.verbose ? `, ${countText(checked.fromCache)} from the cache ${sanitizeForTerminal(cache.cache.location)}${unwritten}${statNote}` : '';
    // A path given that matched nothing has a result (its unreadable problem) but is no file checked.
    const missing = new Set(checked.missingInputs);
    const files = results.filter((result) => !missing.has(result.path)).length;
    context.stderr.write(`feedtool: ${plural(files, 'file')} checked${cacheNote}, ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}${taxonomyNote}\n`);
  }
  if (tooManyWarnings) {
    context.stderr.write(`feedtool: too many warnings (${countText(counts.warnings)}; --max-warnings allows ${countText(flags.maxWarnings ?? 0)})\n`);
  }
  if (checked.crashedRules.size > 0) {
    context.stderr.write(`feedtool: internal error in rule ${[...checked.crashedRules].join(', ')}; please report it\n`);
    return 2;
  }
  if (checked.missingInputs.length > 0) {
    const paths = checked.missingInputs.map((shown) => sanitizePathForTerminal(shown)).join(', ');
    context.stderr.write(`feedtool: ${checked.missingInputs.length === 1 ? 'a path given matches' : 'paths given match'} nothing: ${paths}\n`);
  }
  return code;
}
