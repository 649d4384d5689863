import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/commands/context.js';
import { rankRequest, scoreText, storyRecord } from '../../src/commands/rank.js';
import { halfLifeArgument, similarityArgument, weightsArgument } from '../../src/commands/rank-spec.js';
import {
  baseScore,
  compareScored,
  newestPublished,
  countDatedAfter,
  countOutlets,
  rankStories,
  scoreArticle,
  type RankOptions,
  type ScoringOptions,
} from '../../src/core/rank.js';
import type { Article } from '../../src/core/types.js';

const HOUR = 3_600_000;
const NOW = Date.parse('2024-03-01T12:00:00Z');

function make(path: string, fields: Partial<Article> = {}): Article {
  return {
    id: path,
    path,
    title: `Title of ${path}`,
    excerpt: null,
    category: null,
    type: null,
    publishedDateTime: '2024-03-01T12:00:00.000Z',
    originalUrl: null,
    webUrl: null,
    ampWebUrl: null,
    cdnAmpWebUrl: null,
    url: null,
    provider: { name: null, domain: null },
    topics: [],
    quality: null,
    heat: null,
    published: null,
    images: [],
    extra: {},
    related: [],
    encoding: 'utf-8',
    fixes: [],
    ...fields,
  };
}

const hoursBefore = (hours: number) => new Date(NOW - hours * HOUR).toISOString();
const scoring: ScoringOptions = { weights: { quality: 1, heat: 1 }, halfLifeMs: 24 * HOUR, now: NOW };
const ranking: RankOptions = { ...scoring, coverageWeight: 0 };
const order = (articles: Article[], options: RankOptions = ranking, groups: number[][] | null = null) =>
  rankStories(articles, groups, options).map((story) => story.article.path);

describe('baseScore', () => {
  it.each([
    { quality: 10, heat: 5, weights: { quality: 1, heat: 1 }, base: 15 },
    { quality: 10, heat: 5, weights: { quality: 2, heat: 1 }, base: 25 },
    { quality: 10, heat: 5, weights: { quality: 0, heat: 3 }, base: 15 },
    { quality: -4, heat: 5, weights: { quality: 1, heat: 1 }, base: 5 },
    { quality: null, heat: -1, weights: { quality: 1, heat: 1 }, base: 0 },
    { quality: 7.5, heat: null, weights: { quality: 0.5, heat: 1 }, base: 3.75 },
  ])('quality $quality, heat $heat, weights $weights → $base', ({ quality, heat, weights, base }) => {
    expect(baseScore({ quality, heat }, weights)).toBe(base);
  });
});

describe('scoreArticle', () => {
  it('halves the score every half-life', () => {
    const fresh = scoreArticle(make('a', { quality: 80, heat: 20, publishedDateTime: hoursBefore(0) }), scoring);
    const day = scoreArticle(make('b', { quality: 80, heat: 20, publishedDateTime: hoursBefore(24) }), scoring);
    const twoDays = scoreArticle(make('c', { quality: 80, heat: 20, publishedDateTime: hoursBefore(48) }), scoring);
    expect(fresh).toMatchObject({ base: 100, ageHours: 0, decay: 1, score: 100 });
    expect(day).toMatchObject({ base: 100, ageHours: 24, decay: 0.5, score: 50 });
    expect(twoDays.score).toBe(25);
    expect(twoDays.log2Score).toBeCloseTo(Math.log2(25), 12);
  });

  it('follows --half-life', () => {
    const article = make('a', { quality: 64, publishedDateTime: hoursBefore(24) });
    expect(scoreArticle(article, { ...scoring, halfLifeMs: 12 * HOUR }).score).toBe(16);
    expect(scoreArticle(article, { ...scoring, halfLifeMs: 48 * HOUR }).score).toBeCloseTo(64 / Math.SQRT2, 10);
  });

  it('counts a future date as age 0', () => {
    const score = scoreArticle(make('a', { quality: 30, publishedDateTime: hoursBefore(-72) }), scoring);
    expect(score).toMatchObject({ ageHours: 0, decay: 1, score: 30, log2Score: Math.log2(30) });
  });

  it('keeps an exact log score when the score itself underflows to 0', () => {
    const ancient = scoreArticle(make('a', { quality: 50, publishedDateTime: '2014-03-01T12:00:00Z' }), { ...scoring, halfLifeMs: HOUR });
    expect(ancient.score).toBe(0);
    expect(ancient.decay).toBe(0);
    const hours = (NOW - Date.parse('2014-03-01T12:00:00Z')) / HOUR;
    expect(ancient.log2Score).toBeCloseTo(Math.log2(50) - hours, 6);
  });

  it('gives base 0 a log score of −Infinity and an undated article no score', () => {
    expect(scoreArticle(make('a', { publishedDateTime: hoursBefore(1) }), scoring)).toMatchObject({ score: 0, log2Score: -Infinity });
    expect(scoreArticle(make('b', { quality: 9, publishedDateTime: null }), scoring)).toMatchObject({
      base: 9,
      ageHours: null,
      decay: null,
      score: null,
      log2Score: null,
    });
  });
});

describe('ordering', () => {
  it('orders by score, best first', () => {
    const articles = [
      make('old-great', { quality: 100, publishedDateTime: hoursBefore(48) }), // 25
      make('new-fair', { quality: 30, publishedDateTime: hoursBefore(0) }), // 30
      make('day-good', { quality: 56, publishedDateTime: hoursBefore(24) }), // 28
    ];
    expect(order(articles)).toEqual(['new-fair', 'day-good', 'old-great']);
  });

  it('orders years-old articles exactly even though every score underflows to 0', () => {
    const options = { ...ranking, halfLifeMs: HOUR };
    const articles = [
      make('newer-weak', { quality: 1, publishedDateTime: '2014-01-01T01:00:00Z' }),
      make('older-strong', { quality: 1000, publishedDateTime: '2014-01-01T00:00:00Z' }),
      make('oldest-strong', { quality: 1000, publishedDateTime: '2013-12-31T00:00:00Z' }),
    ];
    const stories = rankStories(articles, null, options);
    expect(stories.every((story) => story.score.score === 0)).toBe(true);
    // log2: 1000 at t vs 1 at t+1h → 9.97 − h versus 0 − (h − 1): the older, stronger one wins.
    expect(stories.map((story) => story.article.path)).toEqual(['older-strong', 'newer-weak', 'oldest-strong']);
  });

  it('breaks ties, even ties reached by different routes, by date, newest first, then by path', () => {
    const articles = [
      make('b', { quality: 10, publishedDateTime: hoursBefore(0) }),
      make('a', { quality: 10, publishedDateTime: hoursBefore(0) }),
      make('double-a-day-ago', { quality: 20, publishedDateTime: hoursBefore(24) }),
    ];
    expect(order(articles)).toEqual(['a', 'b', 'double-a-day-ago']);
  });

  it('orders nearly tied scores the same whatever the input order or file names (ties are transitive)', () => {
    // log2 scores 10, 10 + 6e-12 and 10 + 1.2e-11 an hour apart each: "within 1e-12 relative of each
    // other" tied neighbours but not the ends, and the order followed the input.
    const trio = (names: string[]) => [
      make(names[0]!, { quality: 1024, publishedDateTime: hoursBefore(0) }),
      make(names[1]!, { quality: 1024 * 2 ** (1 / 24 + 6e-12), publishedDateTime: hoursBefore(1) }),
      make(names[2]!, { quality: 1024 * 2 ** (2 / 24 + 1.2e-11), publishedDateTime: hoursBefore(2) }),
    ];
    const orders = new Set<string>();
    for (const names of [['a', 'b', 'c'], ['b', 'a', 'c'], ['a', 'c', 'b'], ['c', 'b', 'a'], ['b', 'c', 'a'], ['c', 'a', 'b']]) {
      const articles = trio(names);
      const byContent = new Map(articles.map((article, i) => [article.path, i]));
      for (const input of [articles, [...articles].reverse(), [articles[1]!, articles[2]!, articles[0]!]]) {
        orders.add(order(input).map((path) => byContent.get(path)).join(','));
      }
    }
    expect(orders.size).toBe(1);
    // And exact ties of the sort tieKey is for still go by date: base 20 a day old against base 10 now.
    expect(order([make('old', { quality: 20, publishedDateTime: hoursBefore(24) }), make('new', { quality: 10, publishedDateTime: hoursBefore(0) })])).toEqual(['new', 'old']);
  });

  it('orders zero scores by date, newest first, then path, after every positive score', () => {
    const articles = [
      make('zero-old', { publishedDateTime: hoursBefore(5) }),
      make('zero-new-b', { publishedDateTime: hoursBefore(1) }),
      make('zero-new-a', { publishedDateTime: hoursBefore(1) }),
      make('tiny', { quality: 1e-300, publishedDateTime: '2000-01-01T00:00:00Z' }),
    ];
    expect(order(articles)).toEqual(['tiny', 'zero-new-a', 'zero-new-b', 'zero-old']);
  });

  it('ranks undated articles last, by base, then path', () => {
    const articles = [
      make('undated-low', { quality: 1, publishedDateTime: null }),
      make('dated-zero', { publishedDateTime: hoursBefore(1000) }),
      make('undated-high-b', { quality: 90, publishedDateTime: null }),
      make('undated-high-a', { quality: 90, publishedDateTime: null }),
    ];
    expect(order(articles)).toEqual(['dated-zero', 'undated-high-a', 'undated-high-b', 'undated-low']);
  });

  it('is a consistent comparator: antisymmetric on every pair', () => {
    const articles = [
      make('a', { quality: 3, publishedDateTime: hoursBefore(2) }),
      make('b', { quality: 0, publishedDateTime: hoursBefore(2) }),
      make('c', { quality: 3, publishedDateTime: null }),
      make('d', { quality: 6, publishedDateTime: hoursBefore(26) }),
    ].map((article) => ({ path: article.path, score: scoreArticle(article, scoring) }));
    for (const x of articles) {
      for (const y of articles) expect(Math.sign(compareScored(x, y)) + Math.sign(compareScored(y, x))).toBe(0);
    }
  });

  it('numbers ranks from 1', () => {
    const stories = rankStories([make('a', { quality: 1 }), make('b', { quality: 2 })], null, ranking);
    expect(stories.map((story) => [story.rank, story.article.path])).toEqual([
      [1, 'b'],
      [2, 'a'],
    ]);
  });
});

describe('newestPublished', () => {
  it('is the newest dated article, or null when none is dated', () => {
    expect(newestPublished([make('a', { publishedDateTime: hoursBefore(3) }), make('b', { publishedDateTime: null }), make('c')])).toBe(NOW);
    expect(newestPublished([make('a', { publishedDateTime: null })])).toBeNull();
  });

  it('ignores dates after the bound (the clock), and counts them', () => {
    const future = make('f', { publishedDateTime: '2099-01-01T00:00:00Z' });
    const articles = [make('a', { publishedDateTime: hoursBefore(3) }), future];
    expect(newestPublished(articles, NOW)).toBe(Date.parse(hoursBefore(3)));
    expect(newestPublished(articles)).toBe(Date.parse('2099-01-01T00:00:00Z'));
    expect(newestPublished([future], NOW)).toBeNull();
    expect(countDatedAfter(articles, NOW)).toBe(1);
    expect(countDatedAfter(articles, Date.parse('2099-01-01T00:00:00Z'))).toBe(0);
  });
});

describe('countOutlets', () => {
  const provider = (name: string | null, domain: string | null): Pick<Article, 'provider'> => ({ provider: { name, domain } });
  it.each([
    ['nothing', [], 0],
    ['providers with neither name nor domain', [provider(null, null), provider('  ', null)], 0],
    ['one domain however written', [provider(null, 'reuters.com'), provider(null, 'www.Reuters.com'), provider(null, 'reuters.com.')], 1],
    ['a name without a domain and the same name with one', [provider('Reuters', 'reuters.com'), provider('REUTERS', null)], 1],
    ['one name with a no-break space and with a space', [provider('Le Monde', null), provider('le\u00a0monde', null)], 1],
    ['a domain under another', [provider('BBC News', 'news.bbc.co.uk'), provider(null, 'bbc.co.uk')], 1],
    ['a domain under another, the parent first', [provider(null, 'bbc.co.uk'), provider(null, 'news.bbc.co.uk'), provider(null, 'sport.bbc.co.uk')], 1],
    ['two subdomains without their parent', [provider(null, 'news.example.test'), provider(null, 'sport.example.test')], 2],
    ['a name linking two domains', [provider('Reuters', 'reuters.com'), provider('Reuters', 'reuters.co.uk')], 1],
    ['a domain that merely ends alike is no subdomain', [provider(null, 'bbc.co.uk'), provider(null, 'notbbc.co.uk')], 2],
    ['a top-level domain alone is no parent', [provider(null, 'reuters.com'), provider(null, 'apnews.com'), provider(null, 'com')], 3],
    ['one article with a name', [provider('Solo', null)], 1],
    ['one article with neither', [provider(' ', ' ')], 0],
    ['an IP address is under no other', [provider(null, '192.168.0.1'), provider(null, '0.1'), provider(null, '[2001:db8::1]'), provider(null, '1]')], 4],
    ['three outlets, two written twice', [provider('Reuters', 'reuters.com'), provider('Reuters', null), provider('REUTERS', 'www.Reuters.com'), provider('BBC', 'news.bbc.co.uk'), provider('BBC', 'bbc.co.uk'), provider('AP', null)], 3],
  ])('%s', (_name, articles, outlets) => {
    expect(countOutlets(articles)).toBe(outlets);
  });

  it('counts the outlets of a story of 20,000 copies (subdomains of 500 outlets, each named)', () => {
    const copies = Array.from({ length: 20_000 }, (_, i) => provider(`Outlet ${i % 500}`, `s${i}.outlet${i % 500}.test`));
    expect(countOutlets(copies)).toBe(500);
  });
});

describe('stories', () => {
  const story = [
    make('copy-old', { quality: 90, publishedDateTime: hoursBefore(48), provider: { name: 'One', domain: 'one.test' } }), // 22.5
    make('copy-new', { quality: 40, publishedDateTime: hoursBefore(0), provider: { name: 'One', domain: 'www.ONE.test' } }), // 40
    make('copy-mid', { quality: 40, publishedDateTime: hoursBefore(24), provider: { name: 'Two', domain: 'two.test' } }), // 20
  ];
  const rival = make('rival', { quality: 45, publishedDateTime: hoursBefore(0), provider: { name: 'Three', domain: null } });

  it('is represented by its best-scored article, the others listed best first', () => {
    const [first, second] = rankStories([...story, rival], [[0, 1, 2], [3]], ranking);
    expect(first!.article.path).toBe('rival');
    expect(second!.article.path).toBe('copy-new');
    expect(second!.duplicates.map((article) => article.path)).toEqual(['copy-old', 'copy-mid']);
    expect(second!.providers).toBe(2);
    expect(second!.score.score).toBe(40);
  });

  it('gains coverageWeight per distinct provider beyond the first', () => {
    const stories = rankStories([...story, rival], [[0, 1, 2], [3]], { ...ranking, coverageWeight: 10 });
    expect(stories[0]!.article.path).toBe('copy-new');
    expect(stories[0]!.coverageBonus).toBe(10);
    expect(stories[0]!.score).toMatchObject({ base: 50, score: 50 });
    expect(stories[1]!.coverageBonus).toBe(0);
  });

  it('caps a coverage bonus at the largest double, never Infinity (null in JSON)', () => {
    const [top] = rankStories([...story, rival], [[0, 1, 2, 3]], { ...ranking, coverageWeight: Number.MAX_VALUE });
    expect(top!.providers).toBe(3);
    expect(top!.coverageBonus).toBe(Number.MAX_VALUE);
    expect(top!.score.base).toBe(Number.MAX_VALUE);
  });
});

describe('bases past the largest double', () => {
  it('are capped for display but ordered by their true size, not tied', () => {
    const huge = { ...ranking, weights: { quality: 1e308, heat: 1e308 } };
    const articles = [
      make('small', { quality: 10, heat: 10, publishedDateTime: hoursBefore(0) }),
      make('large', { quality: 150, heat: 1000, publishedDateTime: hoursBefore(1) }),
      make('middle', { quality: 100, heat: 0, publishedDateTime: hoursBefore(0) }),
    ];
    const order = rankStories(articles, null, huge);
    expect(order.map((story) => story.article.path)).toEqual(['large', 'middle', 'small']);
    for (const story of order) expect(story.score.base).toBe(Number.MAX_VALUE);
    // log2Score is that of the true base: log2(1e308 · 1150) less one half-life's share of an hour.
    expect(order[0]!.score.log2Score).toBeCloseTo(Math.log2(1e308) + Math.log2(1150) - 1 / 24, 9);
    // The score written follows the true base too, so it never contradicts the order: quality 4
    // a day old (2 × 1e308) ranks above quality 1.5 now (1.5 × 1e308).
    const [older, newer] = rankStories(
      [make('newer', { quality: 1.5, heat: 0, publishedDateTime: hoursBefore(0) }), make('older', { quality: 4, heat: 0, publishedDateTime: hoursBefore(24) })],
      null,
      { ...ranking, weights: { quality: 1e308, heat: 1 } },
    );
    expect(older!.article.path).toBe('older');
    // 4e308 halved is 2e308, past the largest double: written capped, not as the capped base halved.
    expect(older!.score.score).toBe(Number.MAX_VALUE);
    expect(older!.score.score!).toBeGreaterThan(newer!.score.score!);
    expect(newer!.score.score).toBe(1.5e308);
    // An absurd coverage weight does not make stories carried by different numbers of outlets tie.
    const widely = rankStories(
      [
        make('a1', { quality: 1, publishedDateTime: hoursBefore(0), provider: { name: 'A', domain: 'a.test' } }),
        make('a2', { quality: 1, publishedDateTime: hoursBefore(0), provider: { name: 'B', domain: 'b.test' } }),
        make('a3', { quality: 1, publishedDateTime: hoursBefore(0), provider: { name: 'C', domain: 'c.test' } }),
        make('b1', { quality: 1, publishedDateTime: hoursBefore(0), provider: { name: 'A', domain: 'a.test' } }),
        make('b2', { quality: 1, publishedDateTime: hoursBefore(0), provider: { name: 'B', domain: 'b.test' } }),
      ],
      [[3, 4], [0, 1, 2]],
      { ...ranking, coverageWeight: 1e308 },
    );
    expect(widely.map((story) => story.article.path[0])).toEqual(['a', 'b']);
    expect(widely[0]!.score.log2Score!).toBeGreaterThan(widely[1]!.score.log2Score!);
    // A base that fits keeps the log of itself.
    const plain = scoreArticle(articles[0]!, scoring);
    expect(plain.log2Score).toBe(Math.log2(20));
  });
});

describe('the rank options object', () => {
  const clock = new Date('2024-03-01T12:00:00Z');

  it('has documented defaults', () => {
    expect(rankRequest({ maxFileSize: 1, taxonomy: false }, clock)).toEqual({
      filter: {},
      weights: { quality: 1, heat: 1 },
      halfLifeMs: 24 * HOUR,
      now: null,
      top: 20,
      explain: false,
      dedupe: null,
      format: 'table',
      fields: undefined,
    });
  });

  it('takes --now, --dedupe settings and --json', () => {
    const request = rankRequest(
      { maxFileSize: 1, taxonomy: false, now: '2023-10-16T09:00:00Z', dedupe: true, coverageWeight: 2, json: true, format: 'csv', provider: ['x'] },
      clock,
    );
    expect(request).toMatchObject({
      now: Date.parse('2023-10-16T09:00:00Z'),
      dedupe: { similarity: 0.85, coverageWeight: 2 },
      format: 'json',
      filter: { providers: ['x'] },
    });
    expect(rankRequest({ maxFileSize: 1, taxonomy: false, now: 'now' }, clock).now).toBe(clock.getTime());
  });

  it('counts a duration in --since or --until back from --now when given, else from the clock', () => {
    const day = 24 * 3600 * 1000;
    const at = Date.parse('2023-10-17T12:00:00Z');
    expect(rankRequest({ maxFileSize: 1, taxonomy: false, now: '2023-10-17T12:00:00Z', since: '7d', until: '1d' }, clock).filter).toMatchObject({ since: at - 7 * day, until: at - day });
    expect(rankRequest({ maxFileSize: 1, taxonomy: false, since: '7d' }, clock).filter).toMatchObject({ since: clock.getTime() - 7 * day });
  });

  it.each([
    [{ similarity: 0.5 }, '--similarity'],
    [{ coverageWeight: 1 }, '--coverage-weight'],
    [{ now: 'someday' }, '--now'],
  ])('rejects %j naming the option', (flags, option) => {
    expect(() => rankRequest({ maxFileSize: 1, taxonomy: false, ...flags }, clock)).toThrow(UsageError);
    expect(() => rankRequest({ maxFileSize: 1, taxonomy: false, ...flags }, clock)).toThrow(option);
  });
});

describe('option parsers', () => {
  it('reads --weights, keeping 1 for a name left out', () => {
    expect(weightsArgument('quality=2,heat=1')).toEqual({ quality: 2, heat: 1 });
    expect(weightsArgument('heat=0.5')).toEqual({ quality: 1, heat: 0.5 });
    expect(weightsArgument(' Quality = 3 ')).toEqual({ quality: 3, heat: 1 });
  });

  it.each(['', 'quality', 'quality=x', 'quality=-1', 'views=2', 'quality=Infinity'])('rejects --weights %j', (text) => {
    expect(() => weightsArgument(text)).toThrow(/name=number/);
  });

  it('rejects a weight given twice, whichever would have won', () => {
    expect(() => weightsArgument('quality=1,quality=2')).toThrow(/quality is given twice/);
    expect(() => weightsArgument('heat=1, HEAT=1')).toThrow(/heat is given twice/);
  });

  it('reads --half-life as a positive duration', () => {
    expect(halfLifeArgument('24h')).toBe(24 * HOUR);
    expect(halfLifeArgument('1d12h')).toBe(36 * HOUR);
    expect(() => halfLifeArgument('0h')).toThrow();
    expect(() => halfLifeArgument('soon')).toThrow();
  });

  it('reads --similarity between 0 and 1', () => {
    expect(similarityArgument('0.9')).toBe(0.9);
    expect(similarityArgument('0')).toBe(0);
    expect(() => similarityArgument('1.5')).toThrow();
    expect(() => similarityArgument('-0.1')).toThrow();
  });
});

describe('records and score text', () => {
  it('writes scores with three significant digits, from the log when they underflow', () => {
    expect(scoreText(123.456, Math.log2(123.456))).toBe('123');
    expect(scoreText(0.000123456, Math.log2(0.000123456))).toBe('0.000123');
    expect(scoreText(0, -3000)).toBe('8.13e-904');
    // Written as shortNumber writes the others, without trailing zeros.
    expect(scoreText(0, Math.log2(3.1) - 1234 * Math.log2(10))).toBe('3.1e-1234');
    expect(scoreText(0, -400 * Math.log2(10))).toBe('1e-400');
    expect(scoreText(0, -Infinity)).toBe('0');
    expect(scoreText(null, null)).toBe('');
  });

  it('never rounds whole digits away under a million; exponent form from a million', () => {
    expect(scoreText(1314, Math.log2(1314))).toBe('1314');
    expect(scoreText(1314.4, Math.log2(1314.4))).toBe('1314');
    expect(scoreText(110, Math.log2(110))).toBe('110');
    expect(scoreText(999.7, Math.log2(999.7))).toBe('1000');
    expect(scoreText(999999.4, Math.log2(999999.4))).toBe('999999');
    expect(scoreText(999999.5, Math.log2(999999.5))).toBe('1e+6');
    expect(scoreText(1e6, Math.log2(1e6))).toBe('1e+6');
    expect(scoreText(1234567, Math.log2(1234567))).toBe('1.23e+6');
    expect(scoreText(96.25, Math.log2(96.25))).toBe('96.3');
    expect(scoreText(12345678901, Math.log2(12345678901))).toBe('1.23e+10');
    expect(scoreText(1e20, Math.log2(1e20))).toBe('1e+20');
    expect(scoreText(1e21, Math.log2(1e21))).toBe('1e+21');
    expect(scoreText(1.2e-7, Math.log2(1.2e-7))).toBe('1.2e-7');
  });

  it('writes a score too small for a double to hold well (subnormal) from its log, not from its few bits', () => {
    // 2^-1073.5 is held as 5e-324, the smallest double: 30% off its true value.
    expect(2 ** -1073.5).toBe(5e-324);
    expect(scoreText(2 ** -1073.5, -1073.5)).toBe('6.99e-324');
    expect(scoreText(2 ** -1066.02, -1066.02)).toBe('1.25e-321');
    expect(scoreText(2.5e-308, Math.log2(2.5e-308))).toBe('2.5e-308');
  });

  it('scores from the log when the decay alone underflows under a huge base, as the table writes it', () => {
    const now = Date.parse('2023-10-01T00:00:00Z');
    const score = scoreArticle({ quality: 100, heat: null, publishedDateTime: '2020-01-01T00:00:00.000Z' }, { weights: { quality: 1e300, heat: 1 }, halfLifeMs: 24 * 3_600_000, now });
    expect(score.decay).toBe(0);
    expect(score.score).toBeGreaterThan(0);
    expect(Math.log2(score.score!)).toBeCloseTo(score.log2Score!, 9);
    expect(scoreText(score.score, score.log2Score)).toBe(scoreText(2 ** score.log2Score!, score.log2Score));
  });

  it('never writes Infinity for a finite score that rounds past the largest double', () => {
    expect(scoreText(1.796e308, Math.log2(1.796e308))).toBe('1.8e+308');
    expect(scoreText(Number.MAX_VALUE, Math.log2(Number.MAX_VALUE))).toBe('1.8e+308');
    expect(scoreText(1.5e300, Math.log2(1.5e300))).toBe('1.5e+300');
  });

  it('puts rank and score first, scoreParts with --explain, duplicates with --dedupe', () => {
    const [top] = rankStories([make('a', { quality: 5 }), make('b', { quality: 1, publishedDateTime: null })], [[0, 1]], ranking);
    const record = storyRecord(top!, { explain: true, dedupe: { similarity: 0.85, coverageWeight: 0 } });
    expect(Object.keys(record).slice(0, 3)).toEqual(['rank', 'score', 'log2Score']);
    expect(record.scoreParts).toEqual({ base: 5, ageHours: 0, decay: 1, providers: 0, coverageBonus: 0 });
    expect(record.duplicates).toEqual([{ id: 'b', path: 'b', provider: { name: null, domain: null }, publishedDateTime: null }]);
    const plain = storyRecord(top!, { explain: false, dedupe: null });
    expect('scoreParts' in plain || 'duplicates' in plain).toBe(false);
  });

  it('writes log2Score as null when the score is 0 by a zero base', () => {
    const [story] = rankStories([make('a')], null, ranking);
    expect(storyRecord(story!, { explain: false, dedupe: null })).toMatchObject({ score: 0, log2Score: null });
  });
});
