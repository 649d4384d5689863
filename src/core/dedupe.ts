// Story grouping: articles with the same canonical URL or near-identical titles are one story. Pure.
import { foldForSearch, sliceWhole } from './text.js';
import { urlKey } from './urlkey.js';

/** Titles whose word sets have at least this Jaccard similarity are the same story by default. */
export const DEFAULT_SIMILARITY = 0.85;

/** What dedupe looks at in each article. */
export interface StoryKeySource {
  url: string | null;
  title: string | null;
}

export interface DedupeOptions {
  /** Jaccard threshold on title word sets, in (0, 1]; 0 turns title matching off. */
  similarity: number;
}

export interface StoryGrouping {
  /** Indexes into the input, one array per story; each ascending, stories ordered by first index. */
  groups: number[][];
  /** Title pairs whose similarity was computed (identical titles and URL matches cost none). */
  comparisons: number;
}

// Floating-point slack so that a similarity of exactly the threshold counts as a match.
const EPSILON = 1e-9;
// What the early give-up in the pair search subtracts from the shared words it asks for, so rounding never drops a pair.
const ROUNDING_SLACK = 1e-6;

class DisjointSets {
  private readonly parent: Int32Array;

  constructor(size: number) {
    this.parent = new Int32Array(size);
    for (let i = 0; i < size; i++) this.parent[i] = i;
  }

  find(item: number): number {
    let root = item;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[item] !== root) {
      const next = this.parent[item]!;
      this.parent[item] = root;
      item = next;
    }
    return root;
  }

  union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA === rootB) return;
    if (rootA < rootB) this.parent[rootB] = rootA;
    else this.parent[rootA] = rootB;
  }
}

const ASCII = /^[\x00-\x7f]*$/;
/** How much of a title is compared: its first this many UTF-16 units (no whole character split). */
export const MAX_TITLE_CHARS = 1000;
// The tags of markup a feed leaves in titles: HTML's text elements by their names (inline ones,
// headings, p, div), so `Vector<Int>` or `3<x and y>2` stay text.
const HTML_TAG = /<\/?(?:a|abbr|b|big|br|cite|code|del|dfn|em|font|h[1-6]|i|img|ins|kbd|mark|q|s|samp|small|span|strike|strong|sub|sup|time|tt|u|var|wbr|p|div)(?:\s[^<>]*)?\/?>/gi;
// Scripts written without spaces between words: Chinese, Japanese, Thai, Lao, Khmer, Burmese.
const UNSPACED_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}';
const UNSPACED = new RegExp(`[${UNSPACED_CLASS}]`, 'u');
const UNSPACED_OR_NOT = new RegExp(`[${UNSPACED_CLASS}]+|[^${UNSPACED_CLASS}]+`, 'gu');

// A run of a script written without spaces stands for its pairs of neighbouring characters (as
// words do in other scripts: `人工智能` → 人工, 工智, 智能; a character alone is itself); a
// run of another script in the same word (`AI技术`: `ai`) stays a word.
function unspacedBigrams(word: string): string[] {
  if (!UNSPACED.test(word)) return [word];
  const out: string[] = [];
  for (const part of word.match(UNSPACED_OR_NOT)!) {
    if (!UNSPACED.test(part)) {
      out.push(part);
      continue;
    }
    const chars = [...part];
    if (chars.length === 1) out.push(part);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/**
 * The distinct words of a title, sorted, for comparison: folded as --search folds text (accents,
 * case and strokes dropped: `Łódź` is `lodz`), apostrophes of every kind vanish inside words (`Alzheimer's` → `alzheimers`), anything else that is not a
 * letter or digit separates words; HTML tags are left out, and a run of a script written without
 * spaces (Chinese, Japanese, Thai…) counts as its pairs of neighbouring characters.
 */
export function titleWords(title: string | null): string[] {
  if (!title) return [];
  // Only a title's first characters: enough for any headline, and a hostile title of millions of
  // characters (each a word, in Chinese) cannot fill the memory.
  const head = title.length > MAX_TITLE_CHARS ? sliceWhole(title, 0, MAX_TITLE_CHARS) : title;
  // Markup a feed left in a title (`<b>Breaking</b>`) is no word of it.
  const text = head.includes('<') ? head.replace(HTML_TAG, ' ') : head;
  let words: string[] | null;
  if (ASCII.test(text)) words = text.toLowerCase().replace(/['`]/g, '').match(/[a-z0-9]+/g);
  else {
    // A spacing acute accent is often typed for an apostrophe (`Alzheimer´s`).
    words = foldForSearch(text.replace(/\u00b4/g, "'")).replace(/['`]/g, '').match(/[\p{L}\p{N}]+/gu);
    if (words !== null && UNSPACED.test(text)) words = words.flatMap(unspacedBigrams);
  }
  if (words === null) return [];
  words.sort();
  let kept = 0;
  for (let i = 0; i < words.length; i++) if (i === 0 || words[i] !== words[i - 1]) words[kept++] = words[i]!;
  words.length = kept;
  return words;
}

/** How many titles may share a word before that word stops being used to find candidate pairs. */
export function commonWordLimit(titleCount: number): number {
  return Math.max(1000, Math.ceil(4 * Math.sqrt(titleCount)));
}

// Of a set of `size` words that must share at least ⌈share·size⌉ words with another, the first
// this many (rarest first) contain the rarest shared one.
function prefixLength(size: number, share: number): number {
  return Math.min(size, size - Math.ceil(share * size - EPSILON) + 1);
}

/**
 * Finds pairs of distinct word sets with Jaccard ≥ similarity without comparing all pairs
 * (prefix filtering, sets taken smallest first: with words ordered rarest first, a set x and a
 * smaller set y with Jaccard ≥ t share a word among the first |x| − ⌈t·|x|⌉ + 1 words of x and
 * the first |y| − ⌈2t/(1+t)·|y|⌉ + 1 of y, so only those are probed and indexed). Words
 * in more than `commonWordLimit` sets are never used to find candidates. Calls `onMatch` for each
 * match not already grouped; returns the number of similarities computed.
 */
function joinSimilarSets(
  sets: readonly string[][],
  similarity: number,
  sameGroup: (a: number, b: number) => boolean,
  onMatch: (a: number, b: number) => void,
): number {
  // Each set as word ids, back to back in `flat` (set i at start[i] to start[i + 1]); later the
  // ids are replaced by rarity ranks.
  const idOf = new Map<string, number>();
  const frequency: number[] = [];
  let total = 0;
  for (const words of sets) total += words.length;
  const start = new Int32Array(sets.length + 1);
  const flat = new Int32Array(total);
  let filled = 0;
  sets.forEach((set, index) => {
    start[index] = filled;
    for (const word of set) {
      let id = idOf.get(word);
      if (id === undefined) {
        id = frequency.length;
        idOf.set(word, id);
        frequency.push(1);
      } else frequency[id]!++;
      flat[filled++] = id;
    }
  });
  start[sets.length] = filled;
  const wordCount = frequency.length;
  // Rarest first; ties in first-seen order (any fixed order keeps prefix filtering exact).
  const byRarity = Array.from({ length: wordCount }, (_, id) => id).sort((a, b) => frequency[a]! - frequency[b]! || a - b);
  const rarityRank = new Int32Array(wordCount);
  byRarity.forEach((id, rank) => (rarityRank[id] = rank));
  const limit = commonWordLimit(sets.length);
  const commonFrom = byRarity.findIndex((id) => frequency[id]! > limit);
  const firstCommonRank = commonFrom === -1 ? wordCount : commonFrom;

  for (let p = 0; p < total; p++) flat[p] = rarityRank[flat[p]!]!;
  for (let index = 0; index < sets.length; index++) flat.subarray(start[index]!, start[index + 1]!).sort();
  const sizeOf = (index: number) => start[index + 1]! - start[index]!;
  // The words two sets share, counted from the first shared one (at `i` in `a`, `j` in `b`)
  // until even sharing every word left could not reach `needed` (a dissimilar pair is given up
  // after a few words, not after all of them).
  const overlapReaching = (a: number, b: number, i: number, j: number, needed: number): number => {
    const endA = start[a + 1]!;
    const endB = start[b + 1]!;
    let shared = 1;
    i++;
    j++;
    while (i < endA && j < endB) {
      if (shared + Math.min(endA - i, endB - j) < needed) return shared;
      const x = flat[i]!;
      const y = flat[j]!;
      if (x === y) {
        shared++;
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
    return shared;
  };
  // Jaccard s/(|x|+|y|−s) ≥ t holds exactly when s ≥ t·(|x|+|y|)/(1+t); a hair less is asked, so
  // giving up early never drops a pair the exact test below would keep.
  const threshold = similarity - EPSILON;
  const sharedNeeded = (sizes: number) => (threshold * sizes) / (1 + threshold) - ROUNDING_SLACK;

  const bySize = sets.map((_, index) => index).sort((a, b) => sizeOf(a) - sizeOf(b) || a - b);
  const postings: Array<number[] | undefined> = new Array(firstCommonRank);
  const lastProbedBy = new Int32Array(sets.length).fill(-1);
  let comparisons = 0;

  for (const current of bySize) {
    const size = sizeOf(current);
    if (size === 0) continue;
    const probeEnd = start[current]! + prefixLength(size, similarity);
    const indexEnd = start[current]! + prefixLength(size, (2 * similarity) / (1 + similarity));
    const minimumSize = similarity * size - EPSILON;
    for (let p = start[current]!; p < probeEnd; p++) {
      const rank = flat[p]!;
      if (rank >= firstCommonRank) break;
      const list = postings[rank];
      if (list === undefined) continue;
      // Each entry is a set and where this word is in it.
      for (let k = 0; k < list.length; k += 2) {
        const other = list[k]!;
        if (lastProbedBy[other] === current) continue;
        lastProbedBy[other] = current;
        const otherSize = sizeOf(other);
        if (otherSize < minimumSize) continue;
        // The first word the two share (rarer words are probed first, and a rarer word in both
        // would be in both prefixes): at best they share it and every word after it in the shorter rest.
        const needed = sharedNeeded(size + otherSize);
        const otherAt = start[other]! + list[k + 1]!;
        if (1 + Math.min(start[current + 1]! - p - 1, start[other + 1]! - otherAt - 1) < needed || sameGroup(current, other)) continue;
        comparisons++;
        const shared = overlapReaching(current, other, p, otherAt, needed);
        if (shared / (size + otherSize - shared) >= threshold) onMatch(current, other);
      }
    }
    for (let p = start[current]!; p < indexEnd; p++) {
      const rank = flat[p]!;
      if (rank >= firstCommonRank) break;
      const list = postings[rank];
      const position = p - start[current]!;
      if (list === undefined) postings[rank] = [current, position];
      else list.push(current, position);
    }
  }
  return comparisons;
}

/**
 * Groups articles into stories (union-find, so matches are transitive): the same canonical URL
 * (by `urlKey`), or title word sets with Jaccard similarity ≥ `options.similarity`.
 */
export function groupStories(items: readonly StoryKeySource[], options: DedupeOptions): StoryGrouping {
  const stories = new DisjointSets(items.length);
  const firstWithUrl = new Map<string, number>();
  const firstWithWords = new Map<string, number>();
  const distinctSets: string[][] = [];
  const itemOfSet: number[] = [];

  items.forEach((item, index) => {
    const key = urlKey(item.url);
    if (key !== null) {
      const first = firstWithUrl.get(key);
      if (first === undefined) firstWithUrl.set(key, index);
      else stories.union(first, index);
    }
    if (options.similarity <= 0) return;
    const words = titleWords(item.title);
    if (words.length === 0) return;
    const wordsKey = words.join(' ');
    const first = firstWithWords.get(wordsKey);
    if (first !== undefined) {
      stories.union(first, index);
      return;
    }
    firstWithWords.set(wordsKey, index);
    distinctSets.push(words);
    itemOfSet.push(index);
  });

  let comparisons = 0;
  if (options.similarity > 0 && options.similarity < 1) {
    comparisons = joinSimilarSets(
      distinctSets,
      options.similarity,
      (a, b) => stories.find(itemOfSet[a]!) === stories.find(itemOfSet[b]!),
      (a, b) => stories.union(itemOfSet[a]!, itemOfSet[b]!),
    );
  }

  const groupOfRoot = new Map<number, number[]>();
  const groups: number[][] = [];
  for (let index = 0; index < items.length; index++) {
    const root = stories.find(index);
    let group = groupOfRoot.get(root);
    if (group === undefined) {
      group = [];
      groupOfRoot.set(root, group);
      groups.push(group);
    }
    group.push(index);
  }
  return { groups, comparisons };
}
