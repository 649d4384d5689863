// score-range: quality or heat that is not a whole number of at least -1 (-1 means unknown).
import { articleEntries } from './helpers.js';
import type { DocumentRule } from './types.js';

export const scoreRange: DocumentRule = {
  id: 'score-range',
  description: 'quality and heat are whole numbers of at least -1 (-1 means unknown)',
  severity: 'warning',
  fixable: false,
  scope: 'document',
  check(document, report) {
    if (!document.fields) return;
    for (const { prefix, data } of articleEntries(document.fields)) {
      for (const key of ['quality', 'heat']) {
        const value = data[key];
        if (typeof value !== 'number' || (Number.isInteger(value) && value >= -1)) continue;
        const path = `${prefix}${key}`;
        report(document.locate.valueOrNearest(path), `${path}: ${value} is out of range: expected a whole number of at least -1 (-1 means unknown)`);
      }
    }
  },
};
