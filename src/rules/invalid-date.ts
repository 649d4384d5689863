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

// Zone names feeds write that feedtool does not read (several are ambiguous, or change with the
// season), with the offset to write instead.
const UNREAD_ZONES: Readonly<Record<string, string>> = {
  CET: '+01:00', CEST: '+02:00', BST: '+01:00', EET: '+02:00', EEST: '+03:00', WET: '+00:00', WEST: '+01:00', MSK: '+03:00',
  JST: '+09:00', KST: '+09:00', HKT: '+08:00', SGT: '+08:00', AEST: '+10:00', AEDT: '+11:00', NZST: '+12:00', NZDT: '+13:00',
};
const ENDS_IN_ZONE = /\d[ \t]*\(?([A-Za-z]{2,5})\)?[ \t]*$/;

// The date written with a zone name feedtool does not read, and the offset it stands for, for the message.
function unreadZone(value: unknown): string {
  if (typeof value !== 'string') return '';
  const found = ENDS_IN_ZONE.exec(value);
  const zone = found?.[1]?.toUpperCase();
  const offset = zone === undefined ? undefined : UNREAD_ZONES[zone];
  if (offset === undefined) return '';
  // Only when the offset would make it a date (`2023-02-30 12:00 CET` has another fault).
  const withOffset = `${value.slice(0, found!.index + 1)} ${offset.replace(':', '')}`;
  return parseDate(withOffset) === null ? '' : `; the zone ${zone} is not one feedtool reads: write its offset, ${offset}`;
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
      report(document.locate.valueOrNearest(path), `${path}: ${describeValue(value)} ${why} (expected ISO 8601, e.g. ${EXAMPLE_DATE}${unreadZone(value)})`);
    }
  },
};
