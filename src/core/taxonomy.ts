// The topic taxonomy: names, ids, parents and keywords, and lookups over it. Pure: no I/O.
import { isMapping } from './normalise.js';
import { foldCase } from './text.js';

export interface Topic {
  name: string;
  id: string | null;
  parent: string | null;
  keywords: string[];
}

/** A loaded topic taxonomy with case-insensitive lookups by name or `_id`. */
export class Taxonomy {
  private readonly byKey = new Map<string, Topic>();
  private readonly children = new Map<string, Topic[]>();

  constructor(readonly topics: readonly Topic[]) {
    for (const topic of topics) {
      this.byKey.set(foldCase(topic.name), topic);
      if (topic.id) {
        const key = foldCase(topic.id);
        if (!this.byKey.has(key)) this.byKey.set(key, topic);
      }
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

  /** The topic named (or with `_id`) `nameOrId`, case-insensitively. */
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
  };
}
