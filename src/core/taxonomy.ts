// The topic taxonomy: names, ids, parents and keywords, and lookups over it. Pure: no I/O.
import { isMapping } from './normalise.js';
import { matchKey, normaliseText, showInvisible } from './text.js';

export interface Topic {
  name: string;
  id: string | null;
  parent: string | null;
  keywords: string[];
  /** The taxonomy's short name for the topic (`ML`), matched like its name when no topic has that name or id. */
  shortname?: string;
}

/** A loaded topic taxonomy with case-insensitive lookups by name, `_id` or short name. */
export class Taxonomy {
  private readonly byKey = new Map<string, Topic>();
  private readonly children = new Map<string, Topic[]>();
  // Hints already worked out: an internal memo, invisible in what the taxonomy answers.
  private readonly closest = new Map<string, string | undefined>();
  private keysByLength: Map<number, Array<[string, Topic]>> | null = null;
  private keywordOwners: Map<string, string | null> | null = null;

  // The topics in use: of two with one name (case and spaces aside), the later one, whole (its
  // parent, id and keywords), as problems() says.
  private readonly live: readonly Topic[];

  constructor(readonly topics: readonly Topic[]) {
    const owner = new Map<string, Topic>();
    for (const topic of topics) owner.set(keyOf(topic.name), topic);
    this.live = owner.size === topics.length ? topics : topics.filter((topic) => owner.get(keyOf(topic.name)) === topic);
    for (const topic of this.live) this.byKey.set(keyOf(topic.name), topic);
    const names = new Set(this.byKey.keys());
    // Then ids, and short names last: a name always wins over another topic's id, and a name or
    // id over another's short name; of two topics with one id (or short name), the later, as for names.
    for (const topic of this.live) {
      if (topic.id && !names.has(keyOf(topic.id))) this.byKey.set(keyOf(topic.id), topic);
    }
    const namesAndIds = new Set(this.byKey.keys());
    for (const topic of this.live) {
      if (topic.shortname && !namesAndIds.has(keyOf(topic.shortname))) this.byKey.set(keyOf(topic.shortname), topic);
    }
    for (const topic of this.live) {
      if (!topic.parent) continue;
      const parent = this.find(topic.parent);
      if (!parent || parent === topic) continue;
      const key = keyOf(parent.name);
      const list = this.children.get(key) ?? [];
      list.push(topic);
      this.children.set(key, list);
    }
  }

  /**
   * What in the taxonomy cannot mean what it says, one sentence each: two topics of one name
   * (case aside: the later is the one found), a parent that is no topic, a topic that is its
   * own parent or its own ancestor (a cycle, named once). Names are quoted with invisible
   * characters written out, so two that print alike look apart.
   */
  problems(): string[] {
    const found: string[] = [];
    const byName = new Map<string, Topic>();
    for (const topic of this.topics) {
      const key = keyOf(topic.name);
      const earlier = byName.get(key);
      if (earlier) found.push(`topics '${showInvisible(earlier.name)}' and '${showInvisible(topic.name)}' have one name (case and spaces aside): only the later one is used`);
      byName.set(key, topic);
    }
    for (const field of ['id', 'shortname'] as const) {
      const owners = new Map<string, Topic>();
      for (const topic of this.live) {
        const value = topic[field];
        if (!value) continue;
        const earlier = owners.get(keyOf(value));
        const label = field === 'id' ? '_id' : 'shortname';
        if (earlier) {
          // A name wins over any _id, and a name or _id over any short name: then it names neither.
          const owner = this.find(value);
          const names = owner === topic ? 'the later one' : `'${showInvisible(owner?.name ?? topic.name)}', whose name (or _id) it is`;
          found.push(`topics '${showInvisible(earlier.name)}' and '${showInvisible(topic.name)}' have one ${label} '${showInvisible(value)}': it names ${names}`);
        }
        owners.set(keyOf(value), topic);
      }
    }
    // Topics whose line of parents has been followed to its end (a root, or a cycle already named).
    const settled = new Set<Topic>();
    for (const topic of this.live) {
      if (!topic.parent) continue;
      const parent = this.find(topic.parent);
      if (!parent) found.push(`topic '${showInvisible(topic.name)}': its parent '${showInvisible(topic.parent)}' is no topic in the taxonomy`);
      else if (parent === topic) found.push(`topic '${showInvisible(topic.name)}' is its own parent`);
      if (settled.has(topic)) continue;
      // Up the parents from here: a cycle shows as a topic met twice on the way.
      const path: Topic[] = [];
      const onPath = new Set<Topic>();
      let next: Topic | undefined = topic;
      while (next && !settled.has(next)) {
        if (onPath.has(next)) {
          const cycle = path.slice(path.indexOf(next));
          if (cycle.length > 1) {
            const named = cycle.slice(0, CYCLE_NAMES).map((member) => `'${showInvisible(member.name)}'`).join(', ');
            const more = cycle.length > CYCLE_NAMES ? ` and ${cycle.length - CYCLE_NAMES} more` : '';
            found.push(`topics ${named}${more} are each other's ancestors (their parents make a cycle)`);
          }
          break;
        }
        onPath.add(next);
        path.push(next);
        next = next.parent ? this.find(next.parent) : undefined;
      }
      for (const member of path) settled.add(member);
    }
    return found;
  }

  /** How many topics are in use: of two with one name, only the later counts. */
  get size(): number {
    return this.live.length;
  }

  /** The topic whose name, `_id` or short name is `nameOrId`, case-insensitively. */
  find(nameOrId: string): Topic | undefined {
    return this.byKey.get(keyOf(nameOrId));
  }

  /** The taxonomy's spelling of a topic name, or undefined when the topic is unknown. */
  canonicalName(nameOrId: string): string | undefined {
    return this.find(nameOrId)?.name;
  }

  /** Lower-case names of a topic and all its descendants (just the name itself when unknown). */
  expand(nameOrId: string): Set<string> {
    const start = this.find(nameOrId);
    const names = new Set<string>();
    if (!start) {
      names.add(keyOf(nameOrId));
      return names;
    }
    const queue: Topic[] = [start];
    while (queue.length > 0) {
      const topic = queue.pop()!;
      const key = keyOf(topic.name);
      if (names.has(key)) continue;
      // Names only: records hold a topic by its name (an id or short name is read as the name), and
      // another topic may be named as this one's id.
      names.add(key);
      // One by one: spreading a topic's children as arguments overflows the stack past about 100,000.
      for (const child of this.children.get(key) ?? []) queue.push(child);
    }
    return names;
  }

  /**
   * What to say of a name the taxonomy does not know: the topic it is a keyword of, else the
   * topic it is a typo of, else nothing.
   */
  hintFor(word: string): { keywordOf: string } | { closest: string } | null {
    const owner = this.keywordOf(word);
    if (owner !== undefined) return { keywordOf: owner };
    const closest = this.closestName(word);
    return closest === undefined ? null : { closest };
  }

  /**
   * The name of the one topic that lists `word` among its keywords (case and spaces aside), for
   * the hint that keywords are not matched; none when no topic, or more than one, lists it.
   */
  keywordOf(word: string): string | undefined {
    if (this.keywordOwners === null) {
      this.keywordOwners = new Map();
      for (const topic of this.live) {
        for (const keyword of topic.keywords) {
          const key = keyOf(keyword);
          const owner = this.keywordOwners.get(key);
          this.keywordOwners.set(key, owner === undefined || owner === topic.name ? topic.name : null);
        }
      }
    }
    return this.keywordOwners.get(keyOf(word)) ?? undefined;
  }

  /**
   * The name of the topic spelled most like `word` (a typo away: by edit distance), if one is
   * closest; none when two topics are equally close, or when the taxonomy is too large for hints.
   */
  closestName(word: string): string | undefined {
    const wanted = keyOf(word);
    if (this.closest.has(wanted)) return this.closest.get(wanted);
    const name = this.closestTo(wanted);
    if (this.closest.size < MAX_REMEMBERED_HINTS) this.closest.set(wanted, name);
    return name;
  }

  private closestTo(wanted: string): string | undefined {
    // One edit in a short word, up to three in a long one; none in one or two letters.
    const limit = wanted.length < 3 ? 0 : Math.max(1, Math.min(3, Math.floor(wanted.length / 4)));
    if (limit === 0 || this.byKey.size > MAX_KEYS_FOR_HINTS) return undefined;
    this.keysByLength ??= groupByLength(this.byKey);
    const wantedLetters = letterCounts(wanted);
    let best: Topic | undefined;
    let bestDistance = limit + 1;
    let tied = false;
    for (let length = wanted.length - limit; length <= wanted.length + limit; length++) {
      for (const [key, topic] of this.keysByLength.get(length) ?? []) {
        // Most keys hold more letters the word lacks than the edits allowed: ruled out without the table.
        if (lettersRuleOut(wantedLetters, key, bestDistance)) continue;
        const distance = editDistance(wanted, key, bestDistance);
        if (distance < bestDistance) {
          best = topic;
          bestDistance = distance;
          tied = false;
        } else if (distance === bestDistance && best !== undefined && topic.name !== best.name) {
          tied = true;
        }
      }
    }
    return tied ? undefined : best?.name;
  }
}

// Hints cost an edit distance per key for each unknown topic: past this many names, ids and short
// names, a run full of unknown topics would spend seconds on them, so none are given.
const MAX_KEYS_FOR_HINTS = 500;
const MAX_REMEMBERED_HINTS = 10_000;

function groupByLength(byKey: ReadonlyMap<string, Topic>): Map<number, Array<[string, Topic]>> {
  const groups = new Map<number, Array<[string, Topic]>>();
  for (const entry of byKey) {
    const group = groups.get(entry[0].length);
    if (group) group.push(entry);
    else groups.set(entry[0].length, [entry]);
  }
  return groups;
}

const LETTER_BUCKETS = 64;

// How many times each code unit occurs, by its low six bits (code units sharing them share a count).
function letterCounts(text: string): Uint8Array {
  const counts = new Uint8Array(LETTER_BUCKETS);
  for (let i = 0; i < text.length; i++) {
    const bucket = text.charCodeAt(i) & (LETTER_BUCKETS - 1);
    if (counts[bucket]! < 255) counts[bucket]!++;
  }
  return counts;
}

const spareCounts = new Uint8Array(LETTER_BUCKETS);

/**
 * True when `key` has more than `limit` letters that `counts` (another text's letterCounts) has
 * no match for: each edit adds, removes or replaces one letter, so the two texts are then more
 * than `limit` edits apart. (Letters sharing a count, and counts capped at 255, only let more through.)
 */
export function lettersRuleOut(counts: Uint8Array, key: string, limit: number): boolean {
  spareCounts.set(counts);
  let unmatched = 0;
  for (let i = 0; i < key.length; i++) {
    const bucket = key.charCodeAt(i) & (LETTER_BUCKETS - 1);
    if (spareCounts[bucket]! > 0) spareCounts[bucket]!--;
    else if (++unmatched > limit) return true;
  }
  return false;
}

/**
 * Levenshtein distance between two strings, or `limit + 1` once it is known to be over `limit`;
 * only the cells within `limit` of the diagonal are worked out.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  const band = Math.min(limit, Math.max(a.length, n));
  const over = band + 1;
  if (rows[0]!.length <= n + 1) rows = [new Int32Array(2 * n + 2), new Int32Array(2 * n + 2)];
  let [previous, current] = rows as [Int32Array, Int32Array];
  for (let j = 0; j <= n; j++) previous[j] = j <= band ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - band);
    const to = Math.min(n, i + band);
    current[0] = i <= band ? i : over;
    if (from > 1) current[from - 1] = over;
    let rowBest = from > 1 ? over : current[0]!;
    const letter = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (letter === b.charCodeAt(j - 1) ? 0 : 1), over);
      current[j] = value;
      if (value < rowBest) rowBest = value;
    }
    // The next row reads one cell past this row's band: it must read as out of reach.
    if (to < n) current[to + 1] = over;
    if (rowBest > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[n]!, limit + 1);
}

// Two rows kept between calls, grown as needed: a hint compares one word with hundreds of keys.
let rows: [Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64)];

// A name as lookups compare it: cleaned as article topics are, without case.
const keyOf = matchKey;
// A cycle is named by this many of its topics at most.
const CYCLE_NAMES = 5;

// Names as article topics are read: NFC, single spaces, entities and mojibake repaired, and a
// number (`_id: 2024`) as its text, as a number in an article's topics is. A name typed on one
// system (decomposed accents, a doubled space) then still matches the same topic.
function cleanName(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const cleaned = normaliseText(value).value;
  return cleaned === '' ? null : cleaned;
}

/**
 * Reads one taxonomy entry from a parsed YAML value; null when it is not a topic. An `_id`,
 * `shortname` or `parent` that is neither text nor a number (a list, a mapping) is ignored, and
 * `notes`, when given, says so.
 */
export function topicFromData(data: unknown, notes?: string[]): Topic | null {
  if (!isMapping(data)) return null;
  const name = cleanName(data.name);
  if (name === null) return null;
  const keywords = Array.isArray(data.keywords) ? data.keywords.filter((k): k is string => typeof k === 'string') : [];
  const field = (key: '_id' | 'shortname' | 'parent'): string | null => {
    const value = cleanName(data[key]);
    if (value === null && data[key] !== undefined && data[key] !== null && typeof data[key] !== 'string') {
      notes?.push(`topic '${showInvisible(name)}': its ${key} is ${Array.isArray(data[key]) ? 'a list' : `a ${typeof data[key] === 'object' ? 'mapping' : typeof data[key]}`}, not a name: ignored`);
    }
    return value;
  };
  const shortname = field('shortname');
  return {
    name,
    id: field('_id'),
    parent: field('parent'),
    keywords,
    ...(shortname !== null ? { shortname } : {}),
  };
}
