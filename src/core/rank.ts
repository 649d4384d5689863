// Scoring and ordering for `rank`: base × 2^(−age / half-life), ordered in log space. Pure.
import type { ArticleSummary as Article } from './summary.js';
import { isIpAddress } from './normalise.js';
import { nameKey } from './text.js';

const HOUR_MS = 3_600_000;

export interface ScoreWeights {
  quality: number;
  heat: number;
}

export const DEFAULT_WEIGHTS: Readonly<ScoreWeights> = { quality: 1, heat: 1 };
export const DEFAULT_HALF_LIFE_MS = 24 * HOUR_MS;

export interface ScoringOptions {
  weights: ScoreWeights;
  /** Age at which the score halves, in milliseconds (> 0). */
  halfLifeMs: number;
  /** The time ages are measured to, in epoch milliseconds. */
  now: number;
}

export interface RankOptions extends ScoringOptions {
  /** Added to a story's base for each distinct provider beyond the first (0: off). */
  coverageWeight: number;
}

export interface Score {
  base: number;
  /** Hours from publication to `now`, 0 for future dates; null when undated. */
  ageHours: number | null;
  /** 2^(−age / half-life); null when undated. */
  decay: number | null;
  /** base × decay; may underflow to 0. Null when undated. */
  score: number | null;
  /** log₂ of the score, exact where `score` underflows; −Infinity when base is 0; null when undated. */
  log2Score: number | null;
  /** Publication time in epoch milliseconds; null when undated. */
  time: number | null;
}

export interface RankedStory<T extends Article = Article> {
  /** 1-based position. */
  rank: number;
  /** The best-scored article of the story. */
  article: T;
  /** The story's score: the representative's, with the coverage bonus in its base. */
  score: Score;
  /** The story's other articles, best-scored first. */
  duplicates: T[];
  /** Distinct providers among the story's articles. */
  providers: number;
  /** coverageWeight × (providers − 1), included in `score.base`. */
  coverageBonus: number;
}

function nonNegative(value: number | null): number {
  return value !== null && Number.isFinite(value) && value > 0 ? value : 0;
}

/** The undecayed score: wq·max(quality, 0) + wh·max(heat, 0), missing values counting as 0. */
export function baseScore(article: Pick<Article, 'quality' | 'heat'>, weights: ScoreWeights): number {
  return weights.quality * nonNegative(article.quality) + weights.heat * nonNegative(article.heat);
}

function publicationTime(article: Pick<Article, 'publishedDateTime'>): number | null {
  if (article.publishedDateTime === null) return null;
  const time = Date.parse(article.publishedDateTime);
  return Number.isNaN(time) ? null : time;
}

// log₂(w·v), −Infinity when either is 0: the log of a product that may overflow a double.
function log2Product(weight: number, value: number): number {
  return weight > 0 && value > 0 ? Math.log2(weight) + Math.log2(value) : -Infinity;
}

// log₂(2^a + 2^b), without forming the sum (which may overflow).
function log2Sum(a: number, b: number): number {
  const high = Math.max(a, b);
  return high === -Infinity ? -Infinity : high + Math.log2(1 + 2 ** (Math.min(a, b) - high));
}

/** log₂ of baseScore, exact where the base itself overflows a double (weights or values near 1e308). */
export function log2BaseScore(article: Pick<Article, 'quality' | 'heat'>, weights: ScoreWeights): number {
  return log2Sum(log2Product(weights.quality, nonNegative(article.quality)), log2Product(weights.heat, nonNegative(article.heat)));
}

/** The smallest normal double: below it a number keeps only a few bits. */
export const MIN_NORMAL = 2.2250738585072014e-308;

// `log2Unbounded` is log₂ of the true base, given only when it does not fit a double: the score
// and the order then still follow it, where the capped bases would make ties.
function scoreFromParts(unbounded: number, time: number | null, options: Pick<ScoringOptions, 'halfLifeMs' | 'now'>, log2Unbounded?: number): Score {
  // Huge quality or heat (1e308) must not add up to Infinity, which JSON writes as null ("undated").
  const base = Math.min(unbounded, Number.MAX_VALUE);
  const overflowed = log2Unbounded !== undefined && base > 0;
  const log2Base = overflowed ? log2Unbounded : Math.log2(base);
  if (time === null) return { base, ageHours: null, decay: null, score: null, log2Score: null, time };
  const ageMs = Math.max(0, options.now - time);
  const halfLives = ageMs / options.halfLifeMs;
  const decay = 2 ** -halfLives;
  return {
    base,
    ageHours: ageMs / HOUR_MS,
    decay,
    // Past the largest double the score follows the true base too (capped as it is written),
    // so a listed score never contradicts the order; so it does when the decay alone underflows
    // (a huge base, very old), where base × decay would be 0 though the score is a normal double.
    score: overflowed || (decay < MIN_NORMAL && base > 0) ? Math.min(2 ** (log2Base - halfLives), Number.MAX_VALUE) : base * decay,
    log2Score: base > 0 ? log2Base - halfLives : -Infinity,
    time,
  };
}

/** Scores one article: base × 2^(−age / half-life), age never negative. */
export function scoreArticle(article: Pick<Article, 'quality' | 'heat' | 'publishedDateTime'>, options: ScoringOptions): Score {
  const base = baseScore(article, options.weights);
  return scoreFromParts(base, publicationTime(article), options, Number.isFinite(base) ? undefined : log2BaseScore(article, options.weights));
}

// Log scores equal up to floating-point rounding must tie (base 20 a day old against base 10 now,
// with a one-day half-life). They are compared on a grid, not by "within ε of each other", which
// is not transitive: three scores ε/2 apart would sort by input order. The grid is 2^-40 (about
// 1e-12) times the score's power of two (at least 1), all powers of two so rounding to it is
// exact and never reorders two scores.
function tieKey(x: number): number {
  if (!Number.isFinite(x)) return x;
  const magnitude = Math.abs(x);
  const step = 2 ** (magnitude <= 1 ? -40 : Math.ceil(Math.log2(magnitude)) - 40);
  return Math.round(x / step) * step;
}

/**
 * Orders scored items best first: higher log₂ score (rounded to about 1e-12 of its size, so
 * scores equal up to floating-point rounding tie), then newer, then path A→Z. Undated items
 * come last, by higher base, then path.
 */
export function compareScored(a: { score: Score; path: string }, b: { score: Score; path: string }): number {
  const x = a.score;
  const y = b.score;
  if (x.time === null || y.time === null) {
    if (x.time !== y.time) return x.time === null ? 1 : -1;
    if (x.base !== y.base) return y.base - x.base;
  } else {
    const keyX = tieKey(x.log2Score!);
    const keyY = tieKey(y.log2Score!);
    if (keyX !== keyY) return keyY > keyX ? 1 : -1;
    if (x.time !== y.time) return y.time - x.time;
  }
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * The newest publication time among articles (epoch ms) that is not after `notAfter` (the clock:
 * a mistyped year 2099 must not age every other article to nothing), or null when none is.
 */
export function newestPublished(articles: readonly Pick<Article, 'publishedDateTime'>[], notAfter = Number.POSITIVE_INFINITY): number | null {
  let newest: number | null = null;
  for (const article of articles) {
    const time = publicationTime(article);
    if (time !== null && time <= notAfter && (newest === null || time > newest)) newest = time;
  }
  return newest;
}

/** How many articles are dated after `time`. */
export function countDatedAfter(articles: readonly Pick<Article, 'publishedDateTime'>[], time: number): number {
  let count = 0;
  for (const article of articles) {
    const published = publicationTime(article);
    if (published !== null && published > time) count++;
  }
  return count;
}

/**
 * How many outlets carry these articles, for coverage. Providers are one outlet when they share
 * a domain (lower-cased, without `www.`), when one domain lies under another (`news.bbc.co.uk`
 * and `bbc.co.uk`, as `--provider bbc.co.uk` matches both), or when they share a name (case
 * folded: `{name: Reuters}` without a domain is the `reuters.com` copy's outlet); providers with
 * neither are not counted.
 */
export function countOutlets(articles: readonly Pick<Article, 'provider'>[]): number {
  if (articles.length === 1) return articles[0]!.provider.domain?.trim() || articles[0]!.provider.name?.trim() ? 1 : 0;
  const parent: number[] = [];
  const root = (at: number): number => {
    while (parent[at] !== at) at = parent[at] = parent[parent[at]!]!;
    return at;
  };
  const join = (a: number, b: number): void => {
    parent[root(a)] = root(b);
  };
  const byName = new Map<string, number>();
  const byDomain = new Map<string, number>();
  for (const { provider } of articles) {
    const domain = provider.domain?.trim().toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
    const name = provider.name ? nameKey(provider.name.trim()) : '';
    if (!domain && !name) continue;
    const at = parent.push(parent.length) - 1;
    for (const [key, index] of [[name, byName], [domain, byDomain]] as const) {
      if (!key) continue;
      const seen = index.get(key);
      if (seen === undefined) index.set(key, at);
      else join(at, seen);
    }
  }
  for (const [domain, at] of byDomain) {
    if (isIpAddress(domain)) continue;
    for (let dot = domain.indexOf('.'); dot !== -1; dot = domain.indexOf('.', dot + 1)) {
      const suffix = domain.slice(dot + 1);
      // Only a domain with a dot is a parent, as for isSubdomainOf: `com` is no outlet's parent.
      if (!suffix.includes('.')) break;
      const above = byDomain.get(suffix);
      if (above !== undefined) join(at, above);
    }
  }
  return parent.filter((_, at) => root(at) === at).length;
}

/**
 * Ranks stories, best first. `groups` lists indexes into `articles`, one array per story (null:
 * every article is its own story). A story is represented by its best-scored article; its base
 * gains coverageWeight per distinct provider beyond the first.
 */
export function rankStories<T extends Article>(
  articles: readonly T[],
  groups: readonly (readonly number[])[] | null,
  options: RankOptions,
): RankedStory<T>[] {
  const scored = articles.map((article) => ({ article, path: article.path, score: scoreArticle(article, options) }));
  const members = groups ?? scored.map((_, index) => [index]);
  const stories = members
    .filter((group) => group.length > 0)
    .map((group) => {
      const ordered = group.map((index) => scored[index]!).sort(compareScored);
      const best = ordered[0]!;
      const providers = countOutlets(ordered.map((item) => item.article));
      // Capped like a base: an absurd --coverage-weight must not give Infinity (null in JSON).
      const uncappedBonus = options.coverageWeight * Math.max(0, providers - 1);
      const coverageBonus = Math.min(uncappedBonus, Number.MAX_VALUE);
      const unbounded = baseScore(best.article, options.weights) + coverageBonus;
      const log2Unbounded =
        Number.isFinite(unbounded) && Number.isFinite(uncappedBonus)
          ? undefined
          : log2Sum(log2BaseScore(best.article, options.weights), log2Product(options.coverageWeight, Math.max(0, providers - 1)));
      const score = coverageBonus === 0 ? best.score : scoreFromParts(unbounded, best.score.time, options, log2Unbounded);
      return {
        article: best.article,
        path: best.path,
        score,
        duplicates: ordered.slice(1).map((item) => item.article),
        providers,
        coverageBonus,
      };
    })
    .sort(compareScored);
  return stories.map(({ path: _path, ...story }, index) => ({ rank: index + 1, ...story }));
}
