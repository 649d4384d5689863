// `feedtool rank`: score, order and optionally fold articles into stories, then print them.
import { DEFAULT_SIMILARITY, groupStories } from '../core/dedupe.js';
import { compileFilter, filtersNothing, type ArticleFilter } from '../core/query.js';
import { countDatedAfter, DEFAULT_HALF_LIFE_MS, DEFAULT_WEIGHTS, MIN_NORMAL, newestPublished, rankStories, type RankedStory, type ScoreWeights } from '../core/rank.js';
import type { ArticleSummary } from '../core/summary.js';
import type { Article } from '../core/types.js';
import { DEFAULT_CSV_FIELDS, summariesCover, type TableOptions } from '../format/articles.js';
import type { ListFormat } from '../format/formats.js';
import { UsageError, type CommandContext } from './context.js';
import { fieldsProblem, RECORD_FIELDS } from '../format/fields.js';
import { writeRecords } from './list.js';
import { recordOf } from '../io/loaded.js';
import { buildFilterAt, nowOption, type RawFilterOptions, type ReadOptions } from './options.js';
import { countText, FEW_RECORDS, NewestRead, plural, readArticleEntries, readingExitCode, readingNotes, resolveTaxonomy, unknownTopicNotes } from './shared.js';
import { RecordStore } from '../io/record-store.js';
import type { Taxonomy } from '../core/taxonomy.js';

/** The flags commander hands over, already parsed by the option parsers in rank-spec.ts. */
export interface RankFlags extends RawFilterOptions, ReadOptions {
  weights?: ScoreWeights;
  halfLife?: number;
  now?: string;
  top?: number;
  explain?: boolean;
  dedupe?: boolean;
  similarity?: number;
  coverageWeight?: number;
  format?: ListFormat;
  json?: boolean;
  fields?: string[];
}

/** Everything `rank` does, as plain data. */
export interface RankRequest {
  filter: ArticleFilter;
  weights: ScoreWeights;
  halfLifeMs: number;
  /** Epoch ms ages are measured to; null: the newest publishedDateTime among the ranked articles. */
  now: number | null;
  /** How many to show; 0 shows all. */
  top: number;
  explain: boolean;
  /** Story folding settings; null when --dedupe is off. */
  dedupe: { similarity: number; coverageWeight: number } | null;
  format: ListFormat;
  fields: string[] | undefined;
}

/** Turns parsed flags into a RankRequest, rejecting combinations that make no sense. */
export function rankRequest(flags: RankFlags, clock: Date): RankRequest {
  if (!flags.dedupe && flags.similarity !== undefined) throw new UsageError('--similarity only applies with --dedupe');
  if (!flags.dedupe && flags.coverageWeight !== undefined) throw new UsageError('--coverage-weight only applies with --dedupe');
  const now = nowOption(flags.now, clock);
  if (flags.fields) {
    const known = ['rank', 'score', 'log2Score', ...RECORD_FIELDS, ...(flags.explain ? ['scoreParts'] : []), ...(flags.dedupe ? ['duplicates'] : [])];
    // A story's providers and coverage bonus are explained only for stories (--dedupe).
    const optional: Record<string, string> = {
      ...(flags.explain ? {} : { scoreParts: '--explain' }),
      ...(flags.dedupe ? {} : { duplicates: '--dedupe', 'scoreParts.providers': '--dedupe', 'scoreParts.coverageBonus': '--dedupe' }),
    };
    const problem = fieldsProblem(flags.fields, known, optional);
    if (problem) throw new UsageError(problem);
  }
  return {
    // `--now 2023-10-17 --since 7d` is the week before that day, not before the clock, and
    // ends there: articles after it are left out, not scored as new.
    filter: buildFilterAt(flags, now, clock),
    weights: { ...(flags.weights ?? DEFAULT_WEIGHTS) },
    halfLifeMs: flags.halfLife ?? DEFAULT_HALF_LIFE_MS,
    now,
    top: flags.top ?? 20,
    explain: flags.explain === true,
    dedupe: flags.dedupe ? { similarity: flags.similarity ?? DEFAULT_SIMILARITY, coverageWeight: flags.coverageWeight ?? 0 } : null,
    format: flags.json ? 'json' : (flags.format ?? 'table'),
    fields: flags.fields,
  };
}


/** A score as short text: three significant digits, written from its log when it is too small for a double to hold well. */
export function scoreText(score: number | null, log2Score: number | null): string {
  if (score === null) return '';
  if (score >= MIN_NORMAL || log2Score === null || !Number.isFinite(log2Score)) return shortNumber(score, 3);
  const log10 = log2Score * Math.log10(2);
  let exponent = Math.floor(log10);
  let mantissa = 10 ** (log10 - exponent);
  if (mantissa >= 9.995) {
    mantissa /= 10;
    exponent += 1;
  }
  // Trailing zeros go, as shortNumber drops them: `3.1e-1234`, `1e-400`.
  return `${mantissa.toFixed(2).replace(/\.?0+$/, '')}e${exponent}`;
}

export interface DuplicateView {
  id: string;
  path: string;
  provider: { name: string | null; domain: string | null };
  publishedDateTime: string | null;
}

export interface ScorePartsView {
  base: number;
  ageHours: number | null;
  decay: number | null;
  /** With --dedupe: distinct providers in the story, and the coverage bonus included in `base`. */
  providers?: number;
  coverageBonus?: number;
}

/** One output record: the representative article (its record, or its summary) with its rank and score. */
export type RankRecord = {
  rank: number;
  score: number | null;
  log2Score: number | null;
  scoreParts?: ScorePartsView;
  duplicates?: DuplicateView[];
} & (Article | ArticleSummary);

/** Fields of a rank record that come from the ranking itself, not from the article. */
const RANK_FIELDS = [
  'rank',
  'score',
  'log2Score',
  'scoreParts',
  'scoreParts.base',
  'scoreParts.ageHours',
  'scoreParts.decay',
  'scoreParts.providers',
  'scoreParts.coverageBonus',
  'duplicates',
];

function duplicateView(article: ArticleSummary): DuplicateView {
  return {
    id: article.id,
    path: article.path,
    provider: { name: article.provider.name, domain: article.provider.domain },
    publishedDateTime: article.publishedDateTime,
  };
}

/** The output record of a ranked story: rank and score fields, then the representative article. */
export function storyRecord(story: Omit<RankedStory, "article"> & { article: Article | ArticleSummary }, request: Pick<RankRequest, 'explain' | 'dedupe'>): RankRecord {
  const { score } = story;
  const record: RankRecord = {
    rank: story.rank,
    score: score.score,
    log2Score: score.log2Score !== null && Number.isFinite(score.log2Score) ? score.log2Score : null,
    ...story.article,
  };
  if (request.explain) {
    record.scoreParts = { base: score.base, ageHours: score.ageHours, decay: score.decay };
    if (request.dedupe) {
      record.scoreParts.providers = story.providers;
      record.scoreParts.coverageBonus = story.coverageBonus;
    }
  }
  if (request.dedupe) record.duplicates = story.duplicates.map(duplicateView);
  return record;
}

type ExtraColumn = NonNullable<TableOptions['leading']>[number];

function column(header: string, text: (record: RankRecord) => string, dropRank?: number): ExtraColumn {
  return { header, text: (record) => text(record as RankRecord), dropRank };
}

function numberText(value: number | null | undefined, digits: number): string {
  return typeof value === 'number' && Number.isFinite(value) ? shortNumber(value, digits) : '';
}

/**
 * A number to `digits` significant digits (`96.2`, `0.000123`), but with all its whole digits
 * under a million (`1314`), in exponent form from a million (`1.23e+10`, `1.8e+308`, never
 * `Infinity`), so a rounded number never reads as another exact one.
 */
function shortNumber(value: number, digits: number): string {
  const whole = Math.sign(value) * Math.round(Math.abs(value));
  // Whole digits are never rounded away (1314.4 is 1314, not 1310) until the number is long.
  if (Math.abs(value) >= 10 ** (digits - 1) && Math.abs(whole) < 1e6) return String(whole);
  const rounded = value.toPrecision(digits);
  return rounded.includes('e') ? rounded.replace(/\.?0+e/, 'e') : String(Number(rounded));
}

type ScoreCell = 'score' | 'log2Score' | 'scoreParts.base' | 'scoreParts.ageHours' | 'scoreParts.decay';

// Scores in a table named by --fields are written as the columns of the default table write them
// (log2Score, which has no column, to four significant digits). A decay too small for a double is
// written from its log, −age / half-life, so BASE × DECAY still reads as SCORE.
function scoreCells(halfLifeMs: number): Readonly<Record<ScoreCell, (record: RankRecord) => string>> {
  const halfLifeHours = halfLifeMs / 3_600_000;
  return {
    score: (r) => scoreText(r.score, r.log2Score),
    log2Score: (r) => numberText(r.log2Score, 4),
    'scoreParts.base': (r) => numberText(r.scoreParts?.base, 4),
    'scoreParts.ageHours': (r) => r.scoreParts?.ageHours?.toFixed(1) ?? '',
    'scoreParts.decay': (r) => {
      const ageHours = r.scoreParts?.ageHours;
      return scoreText(r.scoreParts?.decay ?? null, typeof ageHours === 'number' ? -ageHours / halfLifeHours : null);
    },
  };
}

/** The columns rank adds to the list table; with --fields, none, but the scores named are written as those columns write them. */
export function rankColumns(request: Pick<RankRequest, 'explain' | 'dedupe' | 'fields' | 'halfLifeMs'>): { leading: ExtraColumn[]; trailing: ExtraColumn[]; fieldText?: TableOptions['fieldText'] } {
  const cells = scoreCells(request.halfLifeMs);
  // The table passes each cell the record it was given: a rank record.
  if (request.fields) return { leading: [], trailing: [], fieldText: cells as TableOptions['fieldText'] };
  const leading = [column('RANK', (r) => String(r.rank)), column('SCORE', cells.score)];
  const trailing: ExtraColumn[] = [];
  if (request.dedupe) {
    trailing.push(column('SOURCES', (r) => (r.duplicates && r.duplicates.length > 0 ? `+${r.duplicates.length}` : ''), 2));
  }
  // In a narrow terminal these go after list's own columns (drop ranks 5–8), DECAY first.
  if (request.explain) {
    trailing.push(
      column('BASE', cells['scoreParts.base'], 1),
      column('AGE H', cells['scoreParts.ageHours'], 3),
      column('DECAY', cells['scoreParts.decay'], 4),
    );
  }
  return { leading, trailing };
}

// CSV without --fields: list's columns, with what --dedupe and --explain add to the table and the JSON.
function csvFields(request: RankRequest): string[] {
  const dedupe = request.dedupe ? ['duplicates.path'] : [];
  const explain = request.explain ? ['scoreParts.base', 'scoreParts.ageHours', 'scoreParts.decay'] : [];
  const coverage = request.explain && request.dedupe ? ['scoreParts.providers', 'scoreParts.coverageBonus'] : [];
  // log2Score beside score: a spreadsheet sorting an archive by score alone sees the old articles' 0s (underflow) tie.
  return ['rank', 'score', 'log2Score', ...DEFAULT_CSV_FIELDS, ...dedupe, ...explain, ...coverage];
}

/** Runs `rank` and returns the exit code. */
export async function runRank(inputs: string[], flags: RankFlags, context: CommandContext): Promise<number> {
  const request = rankRequest(flags, context.now);
  const taxonomy = await resolveTaxonomy(inputs, flags, context);
  const store = new RecordStore({ keepsEveryRecord: filtersNothing(request.filter) });
  try {
    return await rankWithStore(inputs, flags, request, taxonomy, store, context);
  } finally {
    store.close();
  }
}

async function rankWithStore(
  inputs: string[],
  flags: RankFlags,
  request: RankRequest,
  taxonomy: Taxonomy | null,
  store: RecordStore,
  context: CommandContext,
): Promise<number> {
  const keep = compileFilter(request.filter, taxonomy);
  // Scoring and folding read only the summaries; full records are parsed for the shown stories,
  // unless the output shows only summary fields (the default table and CSV): then none is made.
  const summariesOnly = summariesCover(request.format, request.fields, RANK_FIELDS);
  const handles = new Map<ArticleSummary, number>();
  const readOptions = {
    ...flags,
    summaryExcerpt: request.filter.search !== undefined,
    recordsOnDemand: !summariesOnly && request.top > 0 && request.top <= FEW_RECORDS,
    summariesOnly,
  };
  const newestRead = new NewestRead(flags, request.now !== null);
  const summary = await readArticleEntries(inputs, readOptions, taxonomy, context, (entry) => {
    if (newestRead.watching) newestRead.see(entry.summary.publishedDateTime);
    if (keep(entry.summary)) handles.set(entry.summary, summariesOnly ? -1 : store.add(entry.json));
  });
  const matched = [...handles.keys()];
  const clock = context.now.getTime();
  const now = request.now ?? newestPublished(matched, clock) ?? clock;
  const groups = request.dedupe ? groupStories(matched, request.dedupe).groups : null;
  const stories = rankStories(matched, groups, {
    weights: request.weights,
    halfLifeMs: request.halfLifeMs,
    now,
    coverageWeight: request.dedupe?.coverageWeight ?? 0,
  });
  const shown = request.top > 0 ? stories.slice(0, request.top) : stories;
  const records = shown.map((story) => storyRecord({ ...story, article: summariesOnly ? story.article : recordOf(store.get(handles.get(story.article)!)) }, request));
  const fields = request.fields ?? (request.format === 'csv' ? csvFields(request) : undefined);
  await writeRecords(records, request.format, fields, context, rankColumns(request));

  const unit = request.dedupe ? 'story' : 'article';
  const units = request.dedupe ? 'stories' : 'articles';
  const notes = [stories.length === 0 ? plural(0, unit, units) : `${plural(shown.length, unit, units)} shown of ${countText(stories.length)}`];
  if (request.dedupe && matched.length > 0) notes.push(`${plural(matched.length, 'article')} folded into ${plural(stories.length, 'story', 'stories')}`);
  notes.push(`now ${new Date(now).toISOString()}`);
  // Dated after the time ages are measured to: no age, so their score is their whole base.
  // Counted as what is ranked: stories with --dedupe, articles without.
  const ahead = request.dedupe ? stories.filter((story) => story.score.time !== null && story.score.time > now).length : countDatedAfter(matched, now);
  if (ahead > 0) notes.push(`${plural(ahead, unit, units)} dated after it scored as new`);
  const undated = stories.filter((story) => story.score.time === null).length;
  if (undated > 0) notes.push(`${plural(undated, `undated ${unit}`, `undated ${units}`)} ranked last`);
  // Scores too small for a double (over about 1,075 half-lives old) are 0 in JSON and CSV: say so, and what spreads them.
  const underflowed = stories.filter((story) => story.score.score === 0 && story.score.base > 0).length;
  const example = request.halfLifeMs < 30 * 24 * 3_600_000 ? ', such as 30d,' : '';
  if (underflowed > 0) notes.push(`${plural(underflowed, unit, units)} too old for the half-life to score above 0 in JSON and CSV (the table writes them from log2Score, which orders them; a longer --half-life${example} spreads an archive's scores)`);
  notes.push(...readingNotes(summary, flags.verbose));
  const window = newestRead.note(matched.length, request.filter.since, context.now) ?? '';
  context.stderr.write(`${unknownTopicNotes(request.filter.topics, taxonomy, matched.length).join('')}${window}${notes.join(', ')}\n`);
  return readingExitCode(summary);
}
