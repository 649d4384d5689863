import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_SEED } from '../fuzz/budget.js';
import { commonWordLimit, DEFAULT_SIMILARITY, groupStories, MAX_TITLE_CHARS, titleWords, type StoryKeySource } from '../../src/core/dedupe.js';

const byTitle = (...titles: string[]): StoryKeySource[] => titles.map((title, i) => ({ title, url: `https://site${i}.test/story` }));
const groups = (items: StoryKeySource[], similarity = DEFAULT_SIMILARITY) => groupStories(items, { similarity }).groups;

function jaccard(a: string[], b: string[]): number {
  const shared = a.filter((word) => b.includes(word)).length;
  return a.length + b.length === 0 ? 1 : shared / (a.length + b.length - shared);
}

// Every pair compared: the reference the indexed grouping must agree with.
function groupsByAllPairs(items: StoryKeySource[], similarity: number): number[][] {
  const label = items.map((_, i) => i);
  const relabel = (from: number, to: number) => label.forEach((value, i) => value === from && (label[i] = to));
  const words = items.map((item) => titleWords(item.title));
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const similar = similarity > 0 && words[i]!.length > 0 && words[j]!.length > 0 && jaccard(words[i]!, words[j]!) >= similarity - 1e-9;
      if (similar && label[i] !== label[j]) relabel(Math.max(label[i]!, label[j]!), Math.min(label[i]!, label[j]!));
    }
  }
  const found = new Map<number, number[]>();
  label.forEach((value, i) => found.set(value, [...(found.get(value) ?? []), i]));
  return [...found.values()];
}

describe('titleWords', () => {
  it.each([
    ['Open-Weights Models GAIN ground', ['gain', 'ground', 'models', 'open', 'weights']],
    ['Alzheimer’s drugs: a “new” hope', ['a', 'alzheimers', 'drugs', 'hope', 'new']],
    ["Alzheimer's drugs — a new hope!", ['a', 'alzheimers', 'drugs', 'hope', 'new']],
    ['Café naïve café', ['cafe', 'naive']],
    ['GPT-4 & GPT‑4', ['4', 'gpt']],
    ['  … — ', []],
    // Folded as --search folds: strokes and ligatures, and every apostrophe (U+02BC too).
    ['Łódź mayor: Øresund plan', ['lodz', 'mayor', 'oresund', 'plan']],
    ['Alzheimerʼs drugs', ['alzheimers', 'drugs']],
    // A spacing acute typed for an apostrophe.
    ['Alzheimer´s drugs', ['alzheimers', 'drugs']],
    // Markup a feed left in a title is no word; text that merely holds < is kept.
    ['<b>Breaking</b> robots win <a href="x">chess</a> cup', ['breaking', 'chess', 'cup', 'robots', 'win']],
    ['a < b and c > d', ['a', 'and', 'b', 'c', 'd']],
    // Only HTML's inline elements are tags: generics and comparisons are words.
    ['Why Vector<Int> beats List<String>', ['beats', 'int', 'list', 'string', 'vector', 'why']],
    ['Is 3<x and y>2 true', ['2', '3', 'and', 'is', 'true', 'x', 'y']],
    ['<STRONG class="x">Big</STRONG> news<br/>', ['big', 'news']],
    ['<h1>Robots win</h1>', ['robots', 'win']],
    // Scripts written without spaces: pairs of neighbouring characters; other runs stay words.
    ['人工智能', ['人工', '工智', '智能']],
    ['AI技术 突破', ['ai', '技术', '突破']],
    ['人', ['人']],
    ['ปัญญาประดิษฐ์', [...new Set(((s: string) => [...s].slice(0, -1).map((c, i) => c + [...s][i + 1]))('ปญญาประดษฐ'))].sort()],
  ])('%j → %j', (title, words) => {
    expect(titleWords(title)).toEqual(words);
  });
});

describe('groupStories', () => {
  it('folds one URL written in different forms', () => {
    const items = [
      { title: 'First headline', url: 'https://www.desk.test/news/story.html' },
      { title: 'Entirely different words', url: 'http://desk.test/news/story.html/?utm_source=feed&utm_medium=rss' },
      { title: 'Third wording here', url: 'https://DESK.test/news/story.html#comments' },
      { title: 'Another story', url: 'https://desk.test/news/other.html' },
    ];
    expect(groups(items)).toEqual([[0, 1, 2], [3]]);
  });

  it('folds near-identical titles: case, punctuation, apostrophes, one added word', () => {
    const items = byTitle(
      'Harbour city pilots driverless ferries on its busiest commuter route',
      'Harbour City pilots driverless ferries on its busiest commuter route!',
      'Harbour city pilots driverless ferries on its busiest commuter route - report',
      'Lab’s robot arm learns to fold laundry',
      "Lab's robot arm learns to fold laundry",
    );
    expect(groups(items)).toEqual([[0, 1, 2], [3, 4]]);
  });

  it('compares only the first 1,000 characters of a title, so a hostile one cannot fill the memory', () => {
    const long = '人'.repeat(10) + '工'.repeat(3_000_000);
    const words = titleWords(long);
    expect(words.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    expect(titleWords(`${'word '.repeat(300)}tail`)).not.toContain('tail');
    // A character of two code units at the cut is not split.
    expect(titleWords(`${'a'.repeat(999)}😀 b`)).toEqual(['a'.repeat(999)]);
  });

  it('folds a title with markup left in it, a spacing acute for an apostrophe, and Chinese titles one character apart', () => {
    const items = byTitle(
      '<b>Breaking</b> robots win chess cup',
      'Breaking robots win chess cup',
      'Alzheimer´s drug trial shows early promise in older patients',
      'Alzheimer’s drug trial shows early promise in older patients',
      '人工智能在医疗领域取得新的重大突破并引发广泛讨论和关注',
      '人工智能在医疗领域取得新的重大突破并引发广泛讨论和关注！',
      '人工智能在医疗领域取得新的重大突破并引起广泛讨论和关注',
      '量子计算机首次实现商业应用',
      '人工智能在教育领域取得新的重大突破并引起广泛讨论和关注',
    );
    // One character changed in 28 leaves 24 of 28 distinct pairs of neighbours shared, as one word
    // changed in a long English title would: folded; two words changed (21 of 31) are not, but at 0.65.
    expect(jaccard(titleWords(items[4]!.title), titleWords(items[6]!.title))).toBeCloseTo(24 / 28, 6);
    expect(jaccard(titleWords(items[4]!.title), titleWords(items[8]!.title))).toBeCloseTo(21 / 31, 6);
    expect(groups(items)).toEqual([[0, 1], [2, 3], [4, 5, 6], [7], [8]]);
    expect(groups(items, 0.65)).toEqual([[0, 1], [2, 3], [4, 5, 6, 8], [7]]);
  });

  it('keeps unrelated articles on the same topic apart', () => {
    const items = byTitle(
      'Northwind Analytics earns cloud machine learning partner badge in retail AI',
      'Bluefin Data earns cloud machine learning partner badge in retail AI',
      'Cloud machine learning partner badges: what they mean for buyers',
      'Retail AI spending rises as cloud machine learning matures',
    );
    expect(jaccard(titleWords(items[0]!.title), titleWords(items[1]!.title))).toBeCloseTo(9 / 13, 6);
    expect(groups(items)).toEqual([[0], [1], [2], [3]]);
  });

  it('applies the threshold: a similarity of exactly t folds at t but not above', () => {
    const items = byTitle('one two three four five', 'one two three four six'); // 4/6
    expect(groups(items, 2 / 3)).toEqual([[0, 1]]);
    expect(groups(items, 0.7)).toEqual([[0], [1]]);
  });

  it('treats similarity 1 as identical word sets only and 0 as URL matching only', () => {
    const items = byTitle('Same words here', 'here words same', 'Same words here too');
    expect(groups(items, 1)).toEqual([[0, 1], [2]]);
    expect(groups(items, 0)).toEqual([[0], [1], [2]]);
  });

  it('is transitive: a chain of matches is one story', () => {
    const items = [
      { title: 'Alpha beta gamma delta epsilon zeta eta theta', url: 'https://a.test/1' },
      { title: 'Alpha beta gamma delta epsilon zeta eta theta iota', url: 'https://b.test/2' },
      { title: 'Unrelated wording entirely', url: 'https://b.test/2?utm_campaign=x' },
    ];
    expect(groups(items)).toEqual([[0, 1, 2]]);
  });

  it('never folds articles with no title words and no URL', () => {
    expect(groups([{ title: '—', url: null }, { title: '…', url: null }, { title: null, url: null }])).toEqual([[0], [1], [2]]);
  });

  it('agrees with comparing every pair (random titles, random thresholds)', () => {
    const word = fc.constantFrom('ai', 'model', 'robot', 'chip', 'cloud', 'news', 'data', 'lab', 'city', 'open', 'new', 'the', 'x1', 'x2');
    fc.assert(
      fc.property(
        fc.array(fc.array(word, { minLength: 0, maxLength: 7 }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (titles, similarity) => {
          const items = titles.map((words, i) => ({ title: words.join(' '), url: `https://s.test/${i}` }));
          expect(groups(items, similarity)).toEqual(groupsByAllPairs(items, similarity));
        },
      ),
      { numRuns: 300, seed: FUZZ_SEED },
    );
  });
  it('agrees with comparing every pair on long, near-identical titles at thresholds met exactly', () => {
    // Titles made by changing a few words of a few bases: many pairs sit right at the threshold,
    // where giving up a comparison early or skipping a candidate by position must not lose one.
    const vocabulary = Array.from({ length: 60 }, (_, i) => `w${i}`);
    const base = fc.uniqueArray(fc.constantFrom(...vocabulary), { minLength: 5, maxLength: 40 });
    const edit = fc.array(fc.tuple(fc.nat(), fc.constantFrom(...vocabulary), fc.constantFrom('swap', 'drop', 'add')), { maxLength: 4 });
    fc.assert(
      fc.property(
        fc.array(base, { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), edit), { minLength: 1, maxLength: 30 }),
        fc.constantFrom(0.5, 2 / 3, 0.75, 0.8, DEFAULT_SIMILARITY, 0.9, 0.95, 0.3),
        (bases, copies, similarity) => {
          const titles = copies.map(([which, edits]) => {
            const words = [...bases[which % bases.length]!];
            for (const [at, word, kind] of edits) {
              if (kind === 'swap') words[at % words.length] = word;
              else if (kind === 'drop' && words.length > 1) words.splice(at % words.length, 1);
              else words.push(word);
            }
            return words.join(' ');
          });
          const items = titles.map((title, i) => ({ title, url: `https://s.test/${i}` }));
          expect(groups(items, similarity)).toEqual(groupsByAllPairs(items, similarity));
        },
      ),
      { numRuns: 400, seed: FUZZ_SEED },
    );
  });
});

describe('candidate generation', () => {
  function syntheticTitles(count: number, seed: number): string[] {
    let state = seed;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
    return Array.from({ length: count }, () => Array.from({ length: 8 }, () => `w${next() % 5000}`).join(' '));
  }

  it('compares far fewer than n²/2 pairs for 2,000 distinct titles', () => {
    const titles = syntheticTitles(2000, 7);
    const result = groupStories(byTitle(...titles), { similarity: DEFAULT_SIMILARITY });
    expect(result.groups).toHaveLength(2000);
    expect(result.comparisons).toBeLessThan((2000 * 1999) / 2 / 100);
  });

  it('stays below n²/2 even at a loose threshold', () => {
    const result = groupStories(byTitle(...syntheticTitles(2000, 11)), { similarity: 0.3 });
    expect(result.comparisons).toBeLessThan((2000 * 1999) / 2 / 10);
  });

  it('does not use words found in more than commonWordLimit titles to find candidates', () => {
    const titles = Array.from({ length: 5000 }, (_, i) => `ai news roundup the latest on ${i}`);
    expect(commonWordLimit(titles.length)).toBeLessThan(titles.length);
    const result = groupStories(byTitle(...titles), { similarity: 0.5 });
    expect(result.comparisons).toBeLessThan(titles.length * 10);
  });

  it('folds near-identical titles among many without comparing them all', () => {
    const base = 'Regional grid operator adopts forecasting model to balance wind and solar supply across the network';
    const titles = [...Array.from({ length: 500 }, (_, i) => `${base} (${i})`), ...syntheticTitles(1500, 3)];
    const result = groupStories(byTitle(...titles), { similarity: DEFAULT_SIMILARITY });
    expect(result.groups[0]).toHaveLength(500);
    expect(result.groups).toHaveLength(1501);
    expect(result.comparisons).toBeLessThan(20_000);
  });
});
