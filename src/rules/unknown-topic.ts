// unknown-topic: a topic the taxonomy does not know (checked only when a taxonomy is found or given).
import { articleEntries, describeValue } from './helpers.js';
import type { DocumentRule } from './types.js';

// Reports each topic a value holds, as records read them, that the taxonomy does not know: a
// list's items (a number or true/false as its text), or the names of text written where the list belongs
// (`topics: AI, ML`, split at commas as records split it), placed at that text. Paths are made
// only for what is reported: most topics are known.
function checkTopics(value: unknown, check: (name: string, index: number | null) => void): void {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item = value[index];
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') check(String(item), index);
    }
  } else if (typeof value === 'string') {
    for (const name of value.split(',')) check(name, null);
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    check(String(value), null);
  }
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
      if (data.topics === undefined || data.topics === null) continue;
      checkTopics(data.topics, (name, index) => {
        if (name.trim() === '' || taxonomy.find(name)) return;
        const path = index === null ? `${prefix}topics` : `${prefix}topics[${index}]`;
        const found = taxonomy.hintFor(name);
        let hint = '';
        if (found && 'keywordOf' in found) hint = ` (it is a keyword of ${describeValue(found.keywordOf)}, and keywords do not stand for their topic: expected ${describeValue(found.keywordOf)})`;
        else if (found) hint = ` (did you mean ${describeValue(found.closest)}?)`;
        report(document.locate.valueOrNearest(path), `${path}: ${describeValue(name.trim())} is not in the topic taxonomy${hint}`);
      });
    }
  },
};
