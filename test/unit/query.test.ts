// Filtering and sorting article records: every filter of ArticleFilter and every sort key.
import { describe, expect, it } from 'vitest';
import { normaliseArticle, type Mapping } from '../../src/core/normalise.js';
import { compareArticles, compareSortEntries, compileFilter, filtersNothing, queryArticles, sortEntryOf, SORT_KEYS, type ArticleFilter, type SortKey } from '../../src/core/query.js';
import { foldForSearch } from '../../src/core/text.js';
import { Taxonomy } from '../../src/core/taxonomy.js';
import type { Article } from '../../src/core/types.js';

const taxonomy = new Taxonomy([
  { name: 'AI', id: 'ai', parent: null, keywords: [] },
  { name: 'Google AI', id: 'google-ai', parent: 'AI', keywords: [] },
  { name: 'TensorFlow', id: 'tensorflow', parent: 'Google AI', keywords: [] },
  { name: 'Robotics', id: 'robotics', parent: 'AI', keywords: [] },
]);

const make = (id: string, data: Mapping): Article =>
  normaliseArticle({ title: id, ...data }, { id, path: `news/${id}.md`, taxonomy });

// A small set with distinct values and deliberate ties and nulls.
const articles: Article[] = [
  make('a', { title: 'Alpha robots', excerpt: 'Kitchen helpers', publishedDateTime: '2023-10-16T09:00:00Z', provider: { name: 'Example Tech', domain: 'www.example-tech.test' }, topics: ['Robotics'], quality: 80, heat: 10, category: 'news', type: 'article', published: true }),
  make('b', { title: 'beta TensorFlow', excerpt: 'On-device training', publishedDateTime: '2023-09-01T10:00:00Z', provider: { name: 'Framework News', domain: 'news.framework.test' }, topics: ['TensorFlow'], quality: 80, heat: 50, category: 'News', type: 'Release', published: false }),
  make('c', { title: 'Gamma chips', excerpt: null, publishedDateTime: '2022-01-05T00:00:00Z', provider: { name: 'Silicon Wire', domain: 'silicon.test' }, topics: ['AI'], heat: 90, category: 'analysis', type: 'article' }),
  make('d', { title: 'delta undated', excerpt: 'Nothing to see', webUrl: 'https://undated.test/x', topics: ['Quantum'], quality: 20, category: 'news', type: 'article', published: 'no' }),
  make('e', { title: 'Epsilon Google', publishedDateTime: '2023-10-16T09:00:00Z', provider: { name: 'Search Blog' }, topics: ['Google AI'], quality: 95, heat: null, category: 'news', type: 'article' }),
];

const ids = (list: readonly Article[]) => list.map((a) => a.id);
const filtered = (filter: ArticleFilter, tax: Taxonomy | null = taxonomy) => ids(articles.filter(compileFilter(filter, tax)));

describe('filters', () => {
  it.each<[string, ArticleFilter, string[]]>([
    ['no filter keeps all', {}, ['a', 'b', 'c', 'd', 'e']],
    ['topic by name', { topics: ['Robotics'] }, ['a']],
    ['topic case-insensitively', { topics: ['robotics'] }, ['a']],
    ['topic by _id', { topics: ['tensorflow'] }, ['b']],
    ['parent includes descendants (Google AI ⊃ TensorFlow)', { topics: ['Google AI'] }, ['b', 'e']],
    ['root includes every descendant', { topics: ['AI'] }, ['a', 'b', 'c', 'e']],
    ['several topics: any of', { topics: ['Robotics', 'quantum'] }, ['a', 'd']],
    ['unknown topic matches its literal name', { topics: ['QUANTUM'] }, ['d']],
    ['provider by name, case-insensitive', { providers: ['example tech'] }, ['a']],
    ['provider by domain', { providers: ['example-tech.test'] }, ['a']],
    ['provider by domain with www.', { providers: ['www.example-tech.test'] }, ['a']],
    ['provider by parent domain', { providers: ['framework.test'] }, ['b']],
    ['a name without a dot is no parent domain', { providers: ['test'] }, []],
    ['provider domain filled from the URL', { providers: ['undated.test'] }, ['d']],
    ['several providers: any of', { providers: ['silicon.test', 'Search Blog'] }, ['c', 'e']],
    ['category, case-insensitive', { category: 'NEWS' }, ['a', 'b', 'd', 'e']],
    ['type', { type: 'release' }, ['b']],
    ['since (inclusive)', { since: Date.parse('2023-09-01T10:00:00Z') }, ['a', 'b', 'e']],
    ['until (inclusive)', { until: Date.parse('2023-09-01T10:00:00Z') }, ['b', 'c']],
    ['since and until', { since: Date.parse('2022-01-01'), until: Date.parse('2023-10-01') }, ['b', 'c']],
    ['published: not marked false', { published: true }, ['a', 'c', 'e']],
    ['unpublished: marked false', { published: false }, ['b', 'd']],
    ['min quality (inclusive, nulls out)', { minQuality: 80 }, ['a', 'b', 'e']],
    ['min heat (inclusive, nulls out)', { minHeat: 50 }, ['b', 'c']],
    ['negative min heat still drops nulls', { minHeat: -100 }, ['a', 'b', 'c']],
    ['max quality (inclusive, nulls out)', { maxQuality: 80 }, ['a', 'b', 'd']],
    ['max heat (inclusive, nulls out)', { maxHeat: 10 }, ['a']],
    ['min and max heat: a range', { minHeat: 10, maxHeat: 50 }, ['a', 'b']],
    ['min and max quality equal: one value', { minQuality: 80, maxQuality: 80 }, ['a', 'b']],
    ['max heat below every heat', { maxHeat: -1 }, []],
    ['search in title, case-insensitive', { search: 'TENSORFLOW' }, ['b']],
    ['search in excerpt', { search: 'kitchen' }, ['a']],
    ['empty search keeps all', { search: '' }, ['a', 'b', 'c', 'd', 'e']],
    ['filters combine', { topics: ['AI'], category: 'news', minQuality: 90 }, ['e']],
  ])('%s', (_label, filter, expected) => {
    expect(filtered(filter)).toEqual(expected);
  });

  it('an IP address host has no parent domains; an IPv6 host matches only itself', () => {
    const hosts = [
      make('v4a', { webUrl: 'https://192.168.0.1/x', provider: { name: 'P' } }),
      make('v4b', { webUrl: 'https://10.20.0.1/x', provider: { name: 'P' } }),
      make('v6a', { webUrl: 'https://[2001:db8::1]:8080/x', provider: { name: 'P' } }),
      make('v6b', { webUrl: 'https://[2001:db8::2]/x', provider: { name: 'P' } }),
    ];
    const pick = (providers: string[]) => ids(hosts.filter(compileFilter({ providers })));
    expect(pick(['0.1'])).toEqual([]);
    expect(pick(['192.168.0.1'])).toEqual(['v4a']);
    expect(pick(['[2001:db8::2]'])).toEqual(['v6b']);
    expect(pick(['[2001:DB8::1]:8080'])).toEqual(['v6a']);
  });

  it('without a taxonomy a parent does not include its descendants', () => {
    expect(filtered({ topics: ['Google AI'] }, null)).toEqual(['e']);
    expect(filtered({ topics: ['google ai'] }, null)).toEqual(['e']);
  });

  it('names typed with decomposed accents, doubled spaces or entities match as records hold them', () => {
    const typed = [
      make('f', { title: 'F', provider: { name: 'Le Café  Times' }, category: 'Économie  du jour', type: 'Deep  Dive', topics: ['Société'] }),
      make('g', { title: 'G', provider: { name: 'Other' }, category: 'economie', type: 'deep', topics: ['Societe'] }),
    ];
    const pick = (filter: ArticleFilter, tax: Taxonomy | null = null) => ids(typed.filter(compileFilter(filter, tax)));
    expect(pick({ providers: ['le cafe\u0301 times'] })).toEqual(['f']);
    expect(pick({ providers: ['Le Café Times'] })).toEqual(['f']);
    expect(pick({ providers: ['Le Caf&eacute;   Times'] })).toEqual(['f']);
    expect(pick({ category: 'E\u0301conomie du jour' })).toEqual(['f']);
    expect(pick({ category: ' économie  du  jour ' })).toEqual(['f']);
    expect(pick({ type: 'DEEP DIVE' })).toEqual(['f']);
    expect(pick({ topics: ['socie\u0301te\u0301'] })).toEqual(['f']);
    expect(pick({ topics: ['socie\u0301te\u0301'] }, taxonomy)).toEqual(['f']);
  });
});

describe('sorting', () => {
  const sorted = (key: SortKey, reverse = false) => ids([...articles].sort(compareArticles({ key, reverse })));

  it('breaks ties by path in code-unit order; --sort path sorts as people read, and --reverse is its exact reverse', () => {
    const names = ['B', 'a', 'file10', 'file9', '\u00c9a', '_z', 'A'];
    const tied = names.map((id) => make(id, { title: 'Same', publishedDateTime: '2024-01-01T00:00:00Z', quality: 5 }));
    const byPath = ids([...tied].sort(compareArticles({ key: 'path', reverse: false })));
    expect(byPath).toEqual(['_z', 'A', 'a', 'B', '\u00c9a', 'file9', 'file10']);
    for (const key of ['date', 'title', 'quality'] as const) expect(ids([...tied].sort(compareArticles({ key, reverse: false }))), key).toEqual(['A', 'B', '_z', 'a', 'file10', 'file9', '\u00c9a']);
    expect(ids([...tied].sort(compareArticles({ key: 'path', reverse: true })))).toEqual([...byPath].reverse());
  });

  it.each<[SortKey, string[]]>([
    // a and e share a date: the tie breaks by path. d has no date: last.
    ['date', ['a', 'e', 'b', 'c', 'd']],
    ['title', ['a', 'b', 'd', 'e', 'c']],
    // d has no provider name: its domain (undated.test) is used.
    ['provider', ['a', 'b', 'e', 'c', 'd']],
    // a and b tie at 80; c has no quality: last.
    ['quality', ['e', 'a', 'b', 'd', 'c']],
    // d and e have no heat: last, by path.
    ['heat', ['c', 'b', 'a', 'd', 'e']],
    ['path', ['a', 'b', 'c', 'd', 'e']],
  ])('%s', (key, expected) => {
    expect(sorted(key)).toEqual(expected);
  });

  it.each<[SortKey, string[]]>([
    ['date', ['c', 'b', 'a', 'e', 'd']],
    ['title', ['c', 'e', 'd', 'b', 'a']],
    ['quality', ['d', 'a', 'b', 'e', 'c']],
    ['heat', ['a', 'b', 'c', 'd', 'e']],
    ['path', ['e', 'd', 'c', 'b', 'a']],
  ])('%s reversed: nulls still last, ties still by path', (key, expected) => {
    expect(sorted(key, true)).toEqual(expected);
  });

  it('covers every sort key', () => {
    expect([...SORT_KEYS].sort()).toEqual(['date', 'heat', 'path', 'provider', 'quality', 'title']);
  });

  it('sort entries (key and path only, what list keeps) order exactly as the articles do', () => {
    for (const key of SORT_KEYS) {
      for (const reverse of [false, true]) {
        const byEntries = articles
          .map((article) => ({ ...sortEntryOf(article, key), id: article.id }))
          .sort(compareSortEntries({ key, reverse }))
          .map((entry) => entry.id);
        expect(byEntries).toEqual(sorted(key, reverse));
      }
    }
  });

  it('the order does not depend on the input order', () => {
    for (const key of SORT_KEYS) {
      const forward = ids([...articles].sort(compareArticles({ key })));
      const backward = ids([...articles].reverse().sort(compareArticles({ key })));
      expect(backward).toEqual(forward);
    }
  });
});

describe('queryArticles', () => {
  it('filters, sorts and limits', () => {
    expect(ids(queryArticles(articles, { filter: { topics: ['AI'] }, sort: { key: 'quality' }, limit: 2 }, taxonomy))).toEqual(['e', 'a']);
    expect(ids(queryArticles(articles, { filter: {}, sort: { key: 'path', reverse: true }, limit: 0 }, taxonomy))).toEqual([]);
    expect(ids(queryArticles(articles, { filter: {}, sort: { key: 'path' }, limit: 99 }, taxonomy))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(ids(queryArticles(articles, { filter: {}, sort: { key: 'path' } }, taxonomy))).toHaveLength(5);
  });
});

describe('filtersNothing', () => {
  it.each<[ArticleFilter, boolean]>([
    [{}, true],
    [{ topics: [], providers: [], search: '' }, true],
    [{ topics: undefined, since: undefined }, true],
    [{ topics: ['AI'] }, false],
    [{ search: 'x' }, false],
    [{ published: false }, false],
    [{ minQuality: 0 }, false],
    [{ maxHeat: 100 }, false],
    [{ since: 0 }, false],
    // An empty category or type is a filter: it keeps only articles whose category is ''.
    [{ category: '' }, false],
    [{ type: '' }, false],
  ])('%j → %s', (filter, expected) => {
    expect(filtersNothing(filter)).toBe(expected);
    // Whatever it says must hold: a filter that filters nothing keeps every test article.
    if (expected) expect(articles.every(compileFilter(filter, taxonomy))).toBe(true);
  });
});

describe('foldForSearch', () => {
  it.each([
    ['Café Crème', 'cafe creme'],
    ['CAFÉ', 'cafe'],
    ['ﬁnance', 'finance'],
    ['Plain ASCII', 'plain ascii'],
    ['Łódź', 'lodz'],
    ['Øresund', 'oresund'],
    ['Ærø', 'aero'],
    ['Œuvre', 'oeuvre'],
    ['Đorđe', 'dorde'],
    ['Þórr', 'thorr'],
    ['Kırıkkale', 'kirikkale'],
    ['Straße', 'strasse'],
    ['ΟΔΟΣ', 'οδος'],
    ['οδός', 'οδος'],
  ])('%j folds to %j', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });

  it('matches names across a no-break space that normalisation keeps: category, type, provider and topics, with and without a taxonomy', () => {
    const nbsp = normaliseArticle(
      { title: 't', category: 'World\u00a0News', type: 'Long\u202fRead', provider: { name: 'Le\u00a0Monde' }, topics: ['Machine\u00a0Learning'] },
      { id: 'x', path: 'x.md' },
    );
    expect(nbsp.category).toBe('World\u00a0News');
    for (const filter of [{ category: 'World News' }, { category: 'world\u00a0news' }, { type: 'long read' }, { providers: ['Le Monde'] }, { topics: ['Machine Learning'] }] as ArticleFilter[]) {
      expect(compileFilter(filter)(nbsp), JSON.stringify(filter)).toBe(true);
    }
    const taxonomy = new Taxonomy([{ name: 'Machine Learning', id: 'ml', parent: null, keywords: [] }]);
    const withTaxonomy = normaliseArticle({ title: 't', topics: ['Machine\u00a0Learning'] }, { id: 'x', path: 'x.md', taxonomy });
    expect(withTaxonomy.topics).toEqual(['Machine Learning']);
    expect(compileFilter({ topics: ['ml'] }, taxonomy)(nbsp)).toBe(true);
  });

  it('lets --search match across accents, both ways', () => {
    const cafe = normaliseArticle({ title: 'Robots run the Café', excerpt: 'A naïve start' }, { id: 'x', path: 'x.md' });
    for (const search of ['cafe', 'CAFÉ', 'naive', 'naïve']) expect(compileFilter({ search })(cafe), search).toBe(true);
    expect(compileFilter({ search: 'cafes' })(cafe)).toBe(false);
  });

  it('lets straight and curly apostrophes and quotes match, both ways', () => {
    const curly = normaliseArticle({ title: 'The chatbot doesn’t know “why”', excerpt: 'Hinton’s warning' }, { id: 'x', path: 'x.md' });
    const straight = normaliseArticle({ title: "The chatbot doesn't know \"why\"" }, { id: 'y', path: 'y.md' });
    for (const search of ["doesn't", 'doesn’t', 'DOESN‘T', "hinton's", '"why"', '“why”']) {
      expect(compileFilter({ search })(curly), search).toBe(true);
    }
    for (const search of ["doesn't", 'doesn’t', '“why”']) expect(compileFilter({ search })(straight), search).toBe(true);
    expect(compileFilter({ search: 'doesnt' })(curly)).toBe(false);
  });

  it('reads runs of spaces in the query as one, as titles are stored', () => {
    const article = normaliseArticle({ title: 'Naive  Bayes classifiers' }, { id: 'x', path: 'x.md' });
    expect(compileFilter({ search: 'naive   bayes' })(article)).toBe(true);
    expect(compileFilter({ search: 'bayes\t classifiers' })(article)).toBe(true);
    expect(compileFilter({ search: 'naivebayes' })(article)).toBe(false);
    expect(filtersNothing({ search: '   ' })).toBe(true);
  });

  it('keeps spaces at the ends of the query, so a spaced query finds a whole word', () => {
    const word = normaliseArticle({ title: 'Why AI agents stall' }, { id: 'x', path: 'x.md' });
    const inside = normaliseArticle({ title: 'The chair said no' }, { id: 'y', path: 'y.md' });
    expect(compileFilter({ search: ' ai ' })(word)).toBe(true);
    expect(compileFilter({ search: ' ai ' })(inside)).toBe(false);
    expect(compileFilter({ search: 'ai' })(inside)).toBe(true);
  });

  it('reads a double prime or a fullwidth quote as a straight double quote', () => {
    const inches = normaliseArticle({ title: 'A 13″ laptop and a ＂quoted＂ word' }, { id: 'x', path: 'x.md' });
    expect(compileFilter({ search: '13"' })(inches)).toBe(true);
    expect(compileFilter({ search: '"quoted"' })(inches)).toBe(true);
  });

  it('folds case fully: STRASSE finds Straße', () => {
    const street = normaliseArticle({ title: 'Die Straße der Roboter' }, { id: 'x', path: 'x.md' });
    expect(compileFilter({ search: 'STRASSE' })(street)).toBe(true);
    expect(compileFilter({ search: 'straße' })(street)).toBe(true);
    expect(compileFilter({ topics: ['STRASSE'] })(normaliseArticle({ title: 't', topics: ['Straße'] }, { id: 'y', path: 'y.md' }))).toBe(true);
  });
});
