// unknown-topic: a topic the taxonomy does not know (checked only when a taxonomy is found or given).
import { articleEntries, describeValue } from './helpers.js';
import type { DocumentRule } from './types.js';

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
      if (!Array.isArray(data.topics)) continue;
      data.topics.forEach((topic, index) => {
        if (typeof topic !== 'string' || topic.trim() === '' || taxonomy.find(topic)) return;
        const path = `${prefix}topics[${index}]`;
        const closest = taxonomy.closestName(topic);
        const hint = closest ? ` (did you mean ${describeValue(closest)}?)` : '';
        report(document.locate.valueOrNearest(path), `${path}: ${describeValue(topic)} is not in the topic taxonomy${hint}`);
      });
    }
  },
};
