// The validate engine: runs the rules over one document, then over the facts of all documents. Pure: no I/O.
import { decodeBytes } from './decode.js';
import { idFromPath } from './document.js';
import { SlotPlaces, type FastValue } from './fastyaml.js';
import { createLocator, emptyLocator, type Place } from './locate.js';
import { isArticleData, isMapping, normaliseUrl, textFixes } from './normalise.js';
import { parseDocument, type ParseResult } from './parse.js';
import type { Taxonomy } from './taxonomy.js';
import { urlKey } from './urlkey.js';
import { DEFAULT_YAML_LIMITS, type YamlLimits } from './yaml.js';
import { RULES } from '../rules/index.js';
import type { CheckedDocument, CorpusRule, DocumentRule, FileFacts, Rule, Severity } from '../rules/types.js';

export type { Severity } from '../rules/types.js';
export type RuleSetting = Severity | 'off';

/** One problem found in one file. */
export interface Problem {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  fixable: boolean;
  fatal: boolean;
}

/** Every problem of one file. */
export interface FileResult {
  path: string;
  problems: Problem[];
  /** Set when the document came from standard input, not a file (whatever its path reads). */
  stdin?: true;
}

/** A file to check: its bytes, or why they could not be read. */
export type FileSource =
  | { path: string; fileName: string | null; bytes: Uint8Array }
  | { path: string; fileName: string | null; failure: { code: 'unreadable' | 'file-too-large'; message: string } };

export interface ValidateOptions {
  now: Date;
  taxonomy?: Taxonomy | null;
  /** Per-rule overrides of the default severity; `off` turns a rule off. */
  settings?: ReadonlyMap<string, RuleSetting>;
  limits?: YamlLimits;
}

/** What checking one file gives: its problems, and the facts kept for the cross-file rules. */
export interface DocumentOutcome {
  result: FileResult;
  facts: FileFacts | null;
  /** Rules that threw on this file (a bug, reported as a problem too). */
  crashed: string[];
}

/** The severity a rule runs with under the settings, or `off`. */
export function effectiveSetting(rule: Rule, settings: ReadonlyMap<string, RuleSetting> | undefined): RuleSetting {
  return settings?.get(rule.id) ?? rule.severity;
}

function problemOf(rule: Rule, severity: Severity, place: Place, message: string): Problem {
  return {
    ruleId: rule.id,
    severity,
    message,
    line: place.line,
    column: place.column,
    fixable: rule.fixable,
    fatal: rule.fatal === true,
  };
}

/** Reads bytes as far as they go: decoding, front matter, the text fixes normalisation would make, and a locator for its fields. */
export function checkedDocument(source: FileSource, options: ValidateOptions): CheckedDocument {
  const document: CheckedDocument = {
    path: source.path,
    fileName: source.fileName,
    readFailure: null,
    binary: false,
    encoding: null,
    parsed: null,
    fields: null,
    textFixes: [],
    locate: emptyLocator,
    now: options.now,
    taxonomy: options.taxonomy ?? null,
  };
  if ('failure' in source) {
    document.readFailure = source.failure;
    return document;
  }
  const decoded = decodeBytes(source.bytes);
  if (!decoded.ok) {
    document.binary = true;
    return document;
  }
  document.encoding = decoded.encoding;
  const limits = options.limits ?? DEFAULT_YAML_LIMITS;
  const parsed: ParseResult = parseDocument(decoded.text, limits, true);
  document.parsed = parsed;
  if (!parsed.ok || !parsed.hasFrontMatter) return document;
  // frontMatter starts right after the opening `---`, so its line 0 is the fence line.
  const slotPlaces = parsed.valueSlots ? new SlotPlaces(parsed.data as FastValue, parsed.valueSlots) : null;
  document.locate = createLocator(parsed.frontMatter, parsed.frontMatterLine, limits.maxDepth, slotPlaces);
  if (!isMapping(parsed.data) || Object.hasOwn(parsed.data, 'taxonomy')) return document;
  document.fields = parsed.data;
  document.textFixes = textFixes(parsed.data);
  return document;
}

// Only articles take part in the cross-file rules: a page (`layout: page`, no title) shares its
// name or link with an article without making either ambiguous to `show` or `list`.
function factsOf(document: CheckedDocument): FileFacts | null {
  const fields = document.fields;
  if (!fields || !isArticleData(fields)) return null;
  let key: string | null = null;
  let keyField: string | null = null;
  let place: Place = { line: 1, column: 1 };
  for (const field of ['originalUrl', 'webUrl']) {
    const value = fields[field];
    const url = typeof value === 'string' ? normaliseUrl(value) : null;
    if (url) {
      key = urlKey(url);
      keyField = field;
      place = document.locate.valueOrNearest(field);
      break;
    }
  }
  return {
    path: document.path,
    id: document.fileName === null ? null : idFromPath(document.fileName),
    urlKey: key,
    urlField: keyField,
    urlPlace: place,
  };
}

function describeCrash(error: unknown): string {
  return String((error as Error)?.message ?? error).slice(0, 200);
}

/** Checks one file with every document rule that is on; never throws. */
export function validateDocument(source: FileSource, options: ValidateOptions): DocumentOutcome {
  const problems: Problem[] = [];
  const crashed: string[] = [];
  let document: CheckedDocument;
  try {
    document = checkedDocument(source, options);
  } catch (error) {
    problems.push({
      ruleId: 'parse-error',
      severity: 'error',
      message: `the file could not be processed: ${describeCrash(error)}`,
      line: 1,
      column: 1,
      fixable: false,
      fatal: true,
    });
    return { result: resultOf(source, problems), facts: null, crashed: ['parse-error'] };
  }
  for (const rule of RULES) {
    if (rule.scope !== 'document') continue;
    const setting = effectiveSetting(rule, options.settings);
    if (setting === 'off') continue;
    try {
      (rule as DocumentRule).check(document, (place, message) => problems.push(problemOf(rule, setting, place, message)));
    } catch (error) {
      crashed.push(rule.id);
      problems.push(problemOf(rule, 'error', { line: 1, column: 1 }, `internal error in rule ${rule.id}: ${describeCrash(error)}`));
    }
  }
  problems.sort(compareProblems);
  return { result: resultOf(source, problems), facts: factsOf(document), crashed };
}

// A source with no file name is standard input: its result says so, so no file named `<stdin>`
// can be taken for it.
function resultOf(source: FileSource, problems: Problem[]): FileResult {
  return source.fileName === null ? { path: source.path, problems, stdin: true } : { path: source.path, problems };
}

/** Runs the cross-file rules over the facts of every file; returns the problems by path. */
export function validateCorpus(files: readonly FileFacts[], options: Pick<ValidateOptions, 'settings'>): Map<string, Problem[]> {
  const found = new Map<string, Problem[]>();
  for (const rule of RULES) {
    if (rule.scope !== 'corpus') continue;
    const setting = effectiveSetting(rule, options.settings);
    if (setting === 'off') continue;
    (rule as CorpusRule).check(files, (path, place, message) => {
      const list = found.get(path) ?? [];
      list.push(problemOf(rule, setting, place, message));
      found.set(path, list);
    });
  }
  return found;
}

/** Orders problems by line, column, then rule id. */
export function compareProblems(a: Problem, b: Problem): number {
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/** Orders paths by code point, so output does not depend on locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Adds the cross-file problems to their files and sorts files by path and problems by place. */
export function mergeResults(results: readonly FileResult[], corpus: ReadonlyMap<string, Problem[]>): FileResult[] {
  const merged = results.map((result) => {
    const extra = corpus.get(result.path);
    if (!extra) return result;
    const problems = [...result.problems, ...extra];
    return { ...result, problems: problems.length > 1 ? problems.sort(compareProblems) : problems };
  });
  return merged.sort((a, b) => comparePaths(a.path, b.path));
}

/** Keeps only errors (for --quiet). */
export function onlyErrors(results: readonly FileResult[]): FileResult[] {
  return results.map((result) => ({ ...result, problems: result.problems.filter((problem) => problem.severity === 'error') }));
}

export interface ProblemCounts {
  errors: number;
  warnings: number;
  fixableErrors: number;
  fixableWarnings: number;
  fatalErrors: number;
}

/** Counts of nothing: every count zero. */
export function emptyCounts(): ProblemCounts {
  return { errors: 0, warnings: 0, fixableErrors: 0, fixableWarnings: 0, fatalErrors: 0 };
}

/** Counts problems by severity, fixability and fatality (adding to `counts` when given). */
export function countProblems(problems: readonly Problem[], counts: ProblemCounts = emptyCounts()): ProblemCounts {
  for (const problem of problems) {
    if (problem.severity === 'error') {
      counts.errors++;
      if (problem.fixable) counts.fixableErrors++;
      if (problem.fatal) counts.fatalErrors++;
    } else {
      counts.warnings++;
      if (problem.fixable) counts.fixableWarnings++;
    }
  }
  return counts;
}

/** Counts the problems of many files. */
export function countAll(results: readonly FileResult[]): ProblemCounts {
  const counts = emptyCounts();
  for (const result of results) countProblems(result.problems, counts);
  return counts;
}
