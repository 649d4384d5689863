// future-date: a publishedDateTime later than now.
import { parseDate } from '../core/dates.js';
import { articleEntries, describeValue } from './helpers.js';
import type { DocumentRule } from './types.js';

export const futureDate: DocumentRule = {
  id: 'future-date',
  description: 'publishedDateTime is not later than the current time',
  severity: 'warning',
  fixable: false,
  scope: 'document',
  check(document, report) {
    if (!document.fields) return;
    for (const { prefix, data } of articleEntries(document.fields)) {
      const iso = parseDate(data.publishedDateTime);
      if (iso === null || Date.parse(iso) <= document.now.getTime()) continue;
      const path = `${prefix}publishedDateTime`;
      report(document.locate.valueOrNearest(path), `${path}: ${describeValue(data.publishedDateTime)} is in the future (expected a time already past)`);
    }
  },
};
