// score-range: quality or heat that is not a whole number from -1 (unknown) to 2^53 - 1.
import { articleEntries } from './helpers.js';
import type { DocumentRule } from './types.js';

export const scoreRange: DocumentRule = {
  id: 'score-range',
  description: 'quality and heat are whole numbers of at least -1 (-1 means unknown), small enough to be exact (at most 2^53 - 1)',
  severity: 'warning',
  fixable: false,
  scope: 'document',
  check(document, report) {
    if (!document.fields) return;
    for (const { prefix, data } of articleEntries(document.fields)) {
      for (const key of ['quality', 'heat']) {
        const value = data[key];
        // NaN and Infinity are field-type's: they are not numbers a score can use at all.
        if (typeof value !== 'number' || !Number.isFinite(value)) continue;
        const path = `${prefix}${key}`;
        if (value > Number.MAX_SAFE_INTEGER) {
          report(document.locate.valueOrNearest(path), `${path}: ${value} is out of range: too large to be exact (at most ${Number.MAX_SAFE_INTEGER})`);
        } else if (!Number.isInteger(value) || value < -1) {
          report(document.locate.valueOrNearest(path), `${path}: ${value} is out of range: expected a whole number of at least -1 (-1 means unknown)`);
        }
      }
    }
  },
};
