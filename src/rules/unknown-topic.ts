// unknown-topic: a topic the taxonomy does not know (checked only when a taxonomy is found or given).
import { articleEntries, describeValue } from './helpers.js';
import type { DocumentRule } from './types.js';

// The topics a value holds as records read them, each with the path a problem is placed at: a
// list's items (a number as its text), or the names of text written where the list belongs
// (`topics: AI, ML`, split at commas as records split it), placed at that text.
function topicsOf(value: unknown, path: string): Array<{ name: string; path: string }> {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => (typeof item === 'string' || typeof item === 'number' ? [{ name: String(item), path: `${path}[${index}]` }] : []));
  }
  if (typeof value === 'string') return value.split(',').map((name) => ({ name, path }));
  if (typeof value === 'number') return [{ name: String(value), path }];
  return [];
}

export const unknownTopic: DocumentRule = {
  id: 'unknown-topic',
  description: 'every topic is a name, _id or short name in the topic taxonomy (only when a taxonomy is known)',
  severity: 'warning',
  fixable: false,
  scope: 'document',
  check(document, report) {
    const taxonomy = document.taxonomy;
    if (!document.fields || !taxonomy) return;
    for (const { prefix, data } of articleEntries(document.fields)) {
      for (const { name, path } of topicsOf(data.topics, `${prefix}topics`)) {
        if (name.trim() === '' || taxonomy.find(name)) continue;
        const closest = taxonomy.closestName(name);
        const hint = closest ? ` (did you mean ${describeValue(closest)}?)` : '';
        report(document.locate.valueOrNearest(path), `${path}: ${describeValue(name.trim())} is not in the topic taxonomy${hint}`);
      }
    }
  },
};
