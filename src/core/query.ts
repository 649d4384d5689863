// Filtering and sorting of article records as plain data: the options object behind `list`.
import type { Taxonomy } from './taxonomy.js';
import { isSubdomainOf, normaliseDomain } from './normalise.js';
import { foldCase, foldForSearch, matchKey, nameKey } from './text.js';

const SPACES = /\s+/g;
import type { ArticleSummary as Article } from './summary.js';

export const SORT_KEYS = ['date', 'title', 'provider', 'quality', 'heat', 'path'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** Every filter of `list` (and `rank`), as plain data. Unset fields do not filter. */
export interface ArticleFilter {
  topics?: string[];
  providers?: string[];
  category?: string;
  type?: string;
  /** Inclusive lower bound on publishedDateTime (epoch ms). */
  since?: number;
  /** Inclusive upper bound on publishedDateTime (epoch ms). */
  until?: number;
  published?: boolean;
  minQuality?: number;
  minHeat?: number;
  /** Inclusive upper bounds; like the lower ones, an article without the score is left out. */
  maxQuality?: number;
  maxHeat?: number;
  search?: string;
}

export interface ArticleSort {
  key: SortKey;
  reverse?: boolean;
}

export interface ListQuery {
  filter: ArticleFilter;
  sort: ArticleSort;
  limit?: number;
}

/** True when a filter lets every article through: it sets nothing that compileFilter tests. */
export function filtersNothing(filter: ArticleFilter): boolean {
  return filterTests(filter, null).length === 0;
}

/** Compiles a filter into a predicate; topic names expand to their taxonomy descendants. */
export function compileFilter(filter: ArticleFilter, taxonomy?: Taxonomy | null): (article: Article) => boolean {
  const tests = filterTests(filter, taxonomy ?? null);
  return (article) => tests.every((test) => test(article));
}

function filterTests(filter: ArticleFilter, taxonomy: Taxonomy | null): Array<(article: Article) => boolean> {
  const tests: Array<(article: Article) => boolean> = [];
  if (filter.topics && filter.topics.length > 0) {
    const wanted = new Set<string>();
    for (const topic of filter.topics) {
      if (taxonomy) for (const name of taxonomy.expand(topic)) wanted.add(name);
      else wanted.add(matchKey(topic));
    }
    tests.push((a) => a.topics.some((t) => wanted.has(nameKey(t))));
  }
  if (filter.providers && filter.providers.length > 0) {
    const names = filter.providers.map(matchKey);
    // As records hold them: lower case, no `www.`, an international domain in Unicode.
    const domains = filter.providers.map((p) => normaliseDomain(p) ?? p.trim().toLowerCase());
    tests.push((a) => {
      const name = a.provider.name === null ? undefined : nameKey(a.provider.name);
      const domain = a.provider.domain?.toLowerCase();
      return names.some((p) => p === name) || domains.some((p) => p === domain || (domain !== undefined && isSubdomainOf(domain, p)));
    });
  }
  if (filter.category !== undefined) {
    const wanted = matchKey(filter.category);
    tests.push((a) => a.category !== null && matchKey(a.category) === wanted);
  }
  if (filter.type !== undefined) {
    const wanted = matchKey(filter.type);
    tests.push((a) => a.type !== null && matchKey(a.type) === wanted);
  }
  if (filter.since !== undefined || filter.until !== undefined) {
    const since = filter.since ?? -Infinity;
    const until = filter.until ?? Infinity;
    tests.push((a) => {
      if (a.publishedDateTime === null) return false;
      const time = Date.parse(a.publishedDateTime);
      return time >= since && time <= until;
    });
  }
  if (filter.published !== undefined) {
    const wanted = filter.published;
    tests.push((a) => (a.published ?? true) === wanted);
  }
  if (filter.minQuality !== undefined) {
    const min = filter.minQuality;
    tests.push((a) => a.quality !== null && a.quality >= min);
  }
  if (filter.minHeat !== undefined) {
    const min = filter.minHeat;
    tests.push((a) => a.heat !== null && a.heat >= min);
  }
  if (filter.maxQuality !== undefined) {
    const max = filter.maxQuality;
    tests.push((a) => a.quality !== null && a.quality <= max);
  }
  if (filter.maxHeat !== undefined) {
    const max = filter.maxHeat;
    tests.push((a) => a.heat !== null && a.heat <= max);
  }
  // Runs of spaces count as one, as in stored text; spaces at the ends stay (`' ai '` is a word).
  const needle = filter.search === undefined ? '' : foldForSearch(filter.search.replace(SPACES, ' '));
  if (needle.trim() !== '') {
    tests.push((a) => foldForSearch(a.title).includes(needle) || (a.excerpt !== null && foldForSearch(a.excerpt).includes(needle)));
  }
  return tests;
}

// Made on first use: building it costs about 10 ms, which a start-up should not pay for a date sort.
let collator: Intl.Collator | undefined;
const collate = (x: string, y: string): number => (collator ??= new Intl.Collator('en', { sensitivity: 'base', numeric: true })).compare(x, y);

// Paths by code units: how ties break, fast (a collator call per tie made a sort of 100,000 tied
// articles five times slower), and how `--sort path` orders what its collator calls equal.
const byCodeUnits = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

type Getter = (article: Article) => number | string | null;

// `text` keys compare by a locale collator (A→Z for people); others compare by code units, which
// for dates is time order: records hold them as toISOString() text with four-digit years.
const GETTERS: Record<SortKey, { get: Getter; descending: boolean; text: boolean }> = {
  date: { get: (a) => a.publishedDateTime, descending: true, text: false },
  title: { get: (a) => a.title, descending: false, text: true },
  provider: { get: (a) => a.provider.name ?? a.provider.domain, descending: false, text: true },
  quality: { get: (a) => a.quality, descending: true, text: false },
  heat: { get: (a) => a.heat, descending: true, text: false },
  path: { get: (a) => a.path, descending: false, text: true },
};

/** What sorting needs of an article: the sort key's value and the path that breaks ties. */
export interface SortEntry {
  value: number | string | null;
  path: string;
}

/** The sort entry of an article for a sort key (small enough to keep for every article of a huge listing). */
export function sortEntryOf(article: Article, key: SortKey): SortEntry {
  return { value: GETTERS[key].get(article), path: article.path };
}

function orderOf(sort: ArticleSort): (x: number | string | null, y: number | string | null, pathX: string, pathY: string) => number {
  const { descending, text } = GETTERS[sort.key];
  const direction = (descending ? -1 : 1) * (sort.reverse ? -1 : 1);
  // Sorting by path, the code-unit order of paths the collator calls equal is reversed too, so
  // `--reverse` is the exact reverse; other keys' ties stay in path order either way.
  const byPath = sort.key === 'path' && direction < 0 ? (x: string, y: string) => byCodeUnits(y, x) : byCodeUnits;
  return (x, y, pathX, pathY) => {
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
      return byPath(pathX, pathY);
    }
    const order = text ? collate(String(x), String(y)) : x < y ? -1 : x > y ? 1 : 0;
    return order !== 0 ? order * direction : byPath(pathX, pathY);
  };
}

/** Compares sort entries the way compareArticles compares their articles. */
export function compareSortEntries(sort: ArticleSort): (a: SortEntry, b: SortEntry) => number {
  const order = orderOf(sort);
  return (a, b) => order(a.value, b.value, a.path, b.path);
}

/**
 * Compares two articles by a sort key: dates and scores highest first, text A→Z; `reverse`
 * flips that. Nulls always sort last and ties break by path, so the order is deterministic.
 */
export function compareArticles(sort: ArticleSort): (a: Article, b: Article) => number {
  const { get } = GETTERS[sort.key];
  const order = orderOf(sort);
  return (a, b) => order(get(a), get(b), a.path, b.path);
}

/** Filters, sorts and limits articles according to a query. */
export function queryArticles<T extends Article>(articles: readonly T[], query: ListQuery, taxonomy?: Taxonomy | null): T[] {
  const keep = compileFilter(query.filter, taxonomy);
  const result = articles.filter(keep).sort(compareArticles(query.sort));
  return query.limit !== undefined ? result.slice(0, query.limit) : result;
}
