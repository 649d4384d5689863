// invalid-date: a publishedDateTime that no date reading can make sense of.
import { isLeapYear, parseDate } from '../core/dates.js';
import { articleEntries, describeValue, EXAMPLE_DATE, isBlank } from './helpers.js';
import type { DocumentRule } from './types.js';

const ISO_YEAR = /^(\s*)(\d{4})(-\d{1,2}-\d{1,2}[\sTt].*)$/s;

// A well-formed date or time whose only fault is where its offset takes it (`0000-01-01T01:00+02:00`):
// the same text in an ordinary year (of the same leap-ness) is a date.
function outsideYearRange(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = ISO_YEAR.exec(value);
  if (!match) return false;
  return parseDate(`${match[1]}${isLeapYear(Number(match[2])) ? '2000' : '2001'}${match[3]}`) !== null;
}

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
      const why = outsideYearRange(value) ? 'is outside the years 0000–9999 once in UTC' : 'is not a date';
      report(document.locate.valueOrNearest(path), `${path}: ${describeValue(value)} ${why} (expected ISO 8601, e.g. ${EXAMPLE_DATE})`);
    }
  },
};
