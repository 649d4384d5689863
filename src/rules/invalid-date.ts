// invalid-date: a publishedDateTime that no date reading can make sense of.
import { parseDate } from '../core/dates.js';
import { articleEntries, describeValue, EXAMPLE_DATE, isBlank } from './helpers.js';
import type { DocumentRule } from './types.js';

export const invalidDate: DocumentRule = {
  id: 'invalid-date',
  description: 'publishedDateTime (of the article and of each related article) is a real date and time',
  severity: 'error',
  fixable: false,
  scope: 'document',
  check(document, report) {
    if (!document.fields) return;
    for (const { prefix, data } of articleEntries(document.fields)) {
      const value = data.publishedDateTime;
      if (isBlank(value) || parseDate(value) !== null) continue;
      const path = `${prefix}publishedDateTime`;
      report(document.locate.valueOrNearest(path), `${path}: ${describeValue(value)} is not a date (expected ISO 8601, e.g. ${EXAMPLE_DATE})`);
    }
  },
};
