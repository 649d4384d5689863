// The topic taxonomy: names, ids, parents and keywords, and lookups over it. Pure: no I/O.
import { isMapping } from './normalise.js';
import { foldCase } from './text.js';

export interface Topic {
  name: string;
  id: string | null;
  parent: string | null;
  keywords: string[];
  /** The taxonomy's short name for the topic (`ML`), matched like its name when no topic has that name or id. */
  shortname?: string | null;
}

/** A loaded topic taxonomy with case-insensitive lookups by name or `_id`. */
export class Taxonomy {
  private readonly byKey = new Map<string, Topic>();
  private readonly children = new Map<string, Topic[]>();
  private readonly closest = new Map<string, string | undefined>();

  constructor(readonly topics: readonly Topic[]) {
    for (const topic of topics) {
      this.byKey.set(foldCase(topic.name), topic);
      if (topic.id) {
        const key = foldCase(topic.id);
        if (!this.byKey.has(key)) this.byKey.set(key, topic);
      }
    }
    // Short names last: a name or id always wins over another topic's short name.
    for (const topic of topics) {
      if (!topic.shortname) continue;
      const key = foldCase(topic.shortname);
      if (!this.byKey.has(key)) this.byKey.set(key, topic);
    }
    for (const topic of topics) {
      if (!topic.parent) continue;
      const parent = this.find(topic.parent);
      if (!parent || parent === topic) continue;
      const key = foldCase(parent.name);
      const list = this.children.get(key) ?? [];
      list.push(topic);
      this.children.set(key, list);
    }
  }

  /** The topic whose name, `_id` or short name is `nameOrId`, case-insensitively. */
  find(nameOrId: string): Topic | undefined {
    return this.byKey.get(foldCase(nameOrId.trim()));
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
      names.add(foldCase(nameOrId.trim()));
      return names;
    }
    const queue: Topic[] = [start];
    while (queue.length > 0) {
      const topic = queue.pop()!;
      const key = foldCase(topic.name);
      if (names.has(key)) continue;
      names.add(key);
      if (topic.id) names.add(foldCase(topic.id));
      // One by one: spreading a topic's children as arguments overflows the stack past about 100,000.
      for (const child of this.children.get(key) ?? []) queue.push(child);
    }
    return names;
  }

  /** The name of the topic spelled most like `word` (a typo away: by edit distance), if any is close. */
  closestName(word: string): string | undefined {
    const wanted = foldCase(word.trim());
    if (this.closest.has(wanted)) return this.closest.get(wanted);
    const name = this.closestTo(wanted);
    if (this.closest.size < 10_000) this.closest.set(wanted, name);
    return name;
  }

  private closestTo(wanted: string): string | undefined {
    // One edit in a short word, up to three in a long one; none in one or two letters.
    const limit = wanted.length < 3 ? 0 : Math.max(1, Math.min(3, Math.floor(wanted.length / 4)));
    if (limit === 0) return undefined;
    let best: { name: string; distance: number } | undefined;
    for (const [key, topic] of this.byKey) {
      const distance = editDistance(wanted, key, limit);
      if (distance <= limit && (!best || distance < best.distance)) best = { name: topic.name, distance };
    }
    return best?.name;
  }
}

/** Levenshtein distance between two strings, or `limit + 1` once it is known to be over `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < rowBest) rowBest = value;
    }
    if (rowBest > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** Reads one taxonomy entry from a parsed YAML value; null when it is not a topic. */
export function topicFromData(data: unknown): Topic | null {
  if (!isMapping(data) || typeof data.name !== 'string' || data.name.trim() === '') return null;
  const keywords = Array.isArray(data.keywords) ? data.keywords.filter((k): k is string => typeof k === 'string') : [];
  return {
    name: data.name.trim(),
    id: typeof data._id === 'string' ? data._id.trim() : null,
    parent: typeof data.parent === 'string' && data.parent.trim() !== '' ? data.parent.trim() : null,
    keywords,
    shortname: typeof data.shortname === 'string' && data.shortname.trim() !== '' ? data.shortname.trim() : null,
  };
}
