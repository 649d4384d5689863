import { idFromPath } from '../../src/core/document.js';
import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { FUZZ_SEED } from '../fuzz/budget.js';
import { dateFromFileName, parseDate, parseDuration, parseTimeArgument, relativeTime } from '../../src/core/dates.js';

describe('parseDate accepts', () => {
  it.each([
    // ISO 8601
    ['2023-10-16', '2023-10-16T00:00:00.000Z'],
    ['2023-10-16T09:00:00Z', '2023-10-16T09:00:00.000Z'],
    ['2023-10-16T09:00Z', '2023-10-16T09:00:00.000Z'],
    ['2023-10-16T09:00:00.5Z', '2023-10-16T09:00:00.500Z'],
    ['2023-10-16T09:00:00.123456789Z', '2023-10-16T09:00:00.123Z'],
    ['2023-10-16T09:00:00,25Z', '2023-10-16T09:00:00.250Z'],
    ['2023-10-16t09:00:00z', '2023-10-16T09:00:00.000Z'],
    // a leap second is the next minute's first second
    ['2016-12-31T23:59:60Z', '2017-01-01T00:00:00.000Z'],
    ['2016-12-31T23:59:60.5Z', '2017-01-01T00:00:00.500Z'],
    ['2017-01-01T05:29:60+05:30', '2017-01-01T00:00:00.000Z'],
    ['0099-12-31T23:59:60Z', '0100-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
    [253402300799999, '9999-12-31T23:59:59.999Z'],
    ['2023-10-16 09:00:00', '2023-10-16T09:00:00.000Z'],
    ['2023-10-16 09:00', '2023-10-16T09:00:00.000Z'],
    ['2023-10-16T09:00:00', '2023-10-16T09:00:00.000Z'],
    ['2023-10-16T09:00:00+05:30', '2023-10-16T03:30:00.000Z'],
    ['2023-10-16T09:00:00+0530', '2023-10-16T03:30:00.000Z'],
    ['2023-10-16T09:00:00-05', '2023-10-16T14:00:00.000Z'],
    ['2023-10-16T09:00-05:00', '2023-10-16T14:00:00.000Z'],
    ['2023-10-16T23:30:00-02:00', '2023-10-17T01:30:00.000Z'],
    ['2023-10-16T00:30:00+01:00', '2023-10-15T23:30:00.000Z'],
    ['2023-10-16T09:00:00.250+00:00', '2023-10-16T09:00:00.250Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2000-02-29', '2000-02-29T00:00:00.000Z'],
    ['2023-12-31T23:59:59.999Z', '2023-12-31T23:59:59.999Z'],
    // YAML 1.1 timestamps
    ['2001-12-14t21:59:43.10-05:00', '2001-12-15T02:59:43.100Z'],
    ['2001-12-14 21:59:43.10 -5', '2001-12-15T02:59:43.100Z'],
    ['2001-12-15 2:59:43.10', '2001-12-15T02:59:43.100Z'],
    ['2001-12-15T02:59:43.1Z', '2001-12-15T02:59:43.100Z'],
    ['2002-12-14', '2002-12-14T00:00:00.000Z'],
    // RFC 2822 / RFC 1123
    ['Mon, 16 Oct 2023 09:00:00 GMT', '2023-10-16T09:00:00.000Z'],
    ['Mon, 16 Oct 2023 09:00:00 +0000', '2023-10-16T09:00:00.000Z'],
    // Comments, which RFC 2822 allows between its parts, are read as spaces.
    ['Mon, 16 Oct 2023 09:00:00 +0000 (UTC)', '2023-10-16T09:00:00.000Z'],
    ['Mon, 16 Oct 2023 09:00:00 (local) +0200', '2023-10-16T07:00:00.000Z'],
    ['Mon, 16 Oct 2023 09:00:00 +0000 (Coordinated (Universal) Time)', '2023-10-16T09:00:00.000Z'],
    // A weekday that does not fit the date (16 Oct 2023 was a Monday) is ignored: the date wins.
    ['Fri, 16 Oct 2023 09:00:00 GMT', '2023-10-16T09:00:00.000Z'],
    ['16 Oct 2023 09:00 +0200', '2023-10-16T07:00:00.000Z'],
    ['16 Oct 2023 09:00:00 -0430', '2023-10-16T13:30:00.000Z'],
    ['Mon,16 Oct 2023 09:00:00 UT', '2023-10-16T09:00:00.000Z'],
    ['Mon 16 Oct 2023 09:00:00 UTC', '2023-10-16T09:00:00.000Z'],
    ['Monday, 16 October 2023 09:00:00 Z', '2023-10-16T09:00:00.000Z'],
    ['16 Oct 2023 09:00:00 EST', '2023-10-16T14:00:00.000Z'],
    ['16 Oct 2023 09:00:00 EDT', '2023-10-16T13:00:00.000Z'],
    ['16 Oct 2023 09:00:00 CST', '2023-10-16T15:00:00.000Z'],
    ['16 Oct 2023 09:00:00 CDT', '2023-10-16T14:00:00.000Z'],
    ['16 Oct 2023 09:00:00 MST', '2023-10-16T16:00:00.000Z'],
    ['16 Oct 2023 09:00:00 MDT', '2023-10-16T15:00:00.000Z'],
    ['16 Oct 2023 09:00:00 PST', '2023-10-16T17:00:00.000Z'],
    ['16 Oct 2023 09:00:00 pdt', '2023-10-16T16:00:00.000Z'],
    ['16 oct 2023 09:00:00', '2023-10-16T09:00:00.000Z'],
    ['1 Sep 2023 9:05 GMT', '2023-09-01T09:05:00.000Z'],
    ['16 Oct 23 09:00 GMT', '2023-10-16T09:00:00.000Z'],
    ['16 Oct 99 09:00 GMT', '1999-10-16T09:00:00.000Z'],
    ['16 Oct 2023', '2023-10-16T00:00:00.000Z'],
    // epoch seconds / milliseconds as strings
    ['1697446800', '2023-10-16T09:00:00.000Z'],
    ['1697446800000', '2023-10-16T09:00:00.000Z'],
    ['1697446800.5', '2023-10-16T09:00:00.500Z'],
    // digits past the millisecond are cut, as in an ISO time, worked out on the digits
    ['1696375800.9999', '2023-10-03T23:30:00.999Z'],
    ['1697446799.9999999', '2023-10-16T08:59:59.999Z'],
    ['1696375800.123', '2023-10-03T23:30:00.123Z'],
    ['1697446800123.7', '2023-10-16T09:00:00.123Z'],
    ['-100000000.0005', '1966-10-31T14:13:19.999Z'],
    // a zone named after an ISO time, as feeds write it
    ['2021-03-11T14:57:00 UTC', '2021-03-11T14:57:00.000Z'],
    ['2021-03-11 14:57:00 GMT', '2021-03-11T14:57:00.000Z'],
    ['2021-03-11T14:57:00utc', '2021-03-11T14:57:00.000Z'],
    ['2021-03-11 09:57 EST', '2021-03-11T14:57:00.000Z'],
    // an 8-digit whole number is a compact date, not seconds after 1970
    ['20231016', '2023-10-16T00:00:00.000Z'],
    // whitespace trimmed
    ['  2023-10-16T09:00:00Z \n', '2023-10-16T09:00:00.000Z'],
  ])('%j → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each([
    [1697446800, '2023-10-16T09:00:00.000Z'],
    [1697446800123, '2023-10-16T09:00:00.123Z'],
    [1696375800.9999, '2023-10-03T23:30:00.999Z'],
    [1696375800.123, '2023-10-03T23:30:00.123Z'],
    [99_999_999_999, '5138-11-16T09:46:39.000Z'],
    [100_000_000_000, '1973-03-03T09:46:40.000Z'],
    [100_000_000, '1973-03-03T09:46:40.000Z'],
    [20231016, '2023-10-16T00:00:00.000Z'],
  ])('number %d → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each([
    [new Date('2023-10-16T09:00:00Z'), '2023-10-16T09:00:00.000Z'],
    [new Date(0), '1970-01-01T00:00:00.000Z'],
  ])('Date %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });
});

describe('parseDate rejects', () => {
  it.each([
    // small whole numbers are years or typos, not seconds after 1970
    ['0'],
    ['2023'],
    [2023],
    [0],
    [-86400],
    ['20231345'],
    ['2023-13-45'],
    ['2023-13-01'],
    ['2023-00-10'],
    ['2023-10-00'],
    ['2023-02-30'],
    ['2023-02-29'],
    ['1900-02-29'],
    ['2023-04-31'],
    ['2023-10-16T25:00:00Z'],
    ['2023-10-16T24:00:00Z'],
    ['2023-10-16T09:60:00Z'],
    ['2023-10-16T09:00:61Z'],
    ['2023-10-16T12:00:60Z'],
    ['2016-12-31T23:58:60Z'],
    ['2016-12-31T23:59:60+02:00'],
    ['0000-01-01T01:00:00+02:00'],
    ['9999-12-31T23:59:59-01:00'],
    [-99999999999],
    [253402300800000],
    ['2023-10-16T09:00:00+25:00'],
    ['2023-10-16T09:00:00+05:60'],
    ['2023-10-16T09:00:00 XYZ'],
    ['2023-10-16T'],
    ['2023-10-16T9'],
    ['2023/10/16'],
    ['16/10/2023'],
    ['20231016T090000Z'],
    ['32 Oct 2023 09:00 GMT'],
    ['30 Feb 2023 09:00 GMT'],
    ['16 Foo 2023 09:00 GMT'],
    ['Foo, 16 Oct 2023 09:00 GMT'],
    ['16 Oct 2023 25:00 GMT'],
    ['16 Oct 2023 09:00 XST'],
    // A comment is no part of the date, and the rest must still be one; unbalanced or very deeply
    // nested parentheses are no comment.
    ['(UTC)'],
    ['Mon, (16 Oct 2023 09:00:00 +0000)'],
    ['16 Oct 2023 09:00:00 +0000 (UTC'],
    [`16 Oct 2023 09:00:00 +0000 ${'('.repeat(10)}x${')'.repeat(10)}`],
    ['2023-10-16T09:00:00Z (UTC)'],
    // a zone name RFC 2822 does not know, or a name and an offset, is no zone
    ['2021-03-11T14:57:00 XYZ'],
    ['2021-03-11T14:57:00 CET'],
    ['2021-03-11T14:57:00Z UTC'],
    // A zone written only in a comment is no zone, and the date is not taken for UTC.
    ['Mon, 16 Oct 2023 09:00:00 (EST)'],
    ['16 Oct 2023 09:00:00 (+0200)'],
    ['16 Oct 2023 (UTC)'],
    ['yesterday'],
    ['not a date'],
    [''],
    ['   '],
    ['1e9'],
  ])('%j', (input) => {
    expect(parseDate(input)).toBeNull();
  });

  it.each([
    [true],
    [false],
    [null],
    [undefined],
    [{}],
    [['2023-10-16']],
    [new Date('nope')],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [1e20],
  ])('%j', (input) => {
    expect(parseDate(input)).toBeNull();
  });
});

describe('dateFromFileName', () => {
  it.each([
    ['2021-03-01-some-slug.md', '2021-03-01T00:00:00.000Z'],
    ['_news/2021-03-01-some-slug.md', '2021-03-01T00:00:00.000Z'],
    // A backslash separates folders only on Windows; elsewhere it is part of the file name.
    ['C:\\news\\2024-02-29-leap.md', process.platform === 'win32' ? '2024-02-29T00:00:00.000Z' : null],
    ['2023-05-06-x\\y.md', process.platform === 'win32' ? null : '2023-05-06T00:00:00.000Z'],
    ['2021-02-29-not-leap.md', null],
    ['2021-13-01-x.md', null],
    ['2021-03-01.md', null],
    ['some-slug-2021-03-01-x.md', null],
    ['2021-03-01-x/slug.md', null],
    ['21-03-01-x.md', null],
    ['', null],
  ])('%j → %s', (input, expected) => {
    expect(dateFromFileName(input)).toBe(expected);
  });
});

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['12h', 43_200_000],
    ['7d', 604_800_000],
    ['2w', 1_209_600_000],
    ['1y', 31_536_000_000],
    ['1d12h', 129_600_000],
    ['1w2d3h4m5s', 788_645_000],
    ['0d', 0],
    [' 7d ', 604_800_000],
    ['', null],
    ['7', null],
    ['d', null],
    ['1.5h', null],
    ['-7d', null],
    ['7D', null],
    ['7 d', null],
    ['7days', null],
    ['1d1d', null],
    ['99999999999999999y', null],
  ])('%j → %s', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });
});

describe('parseTimeArgument', () => {
  const now = new Date('2023-10-16T12:00:00.000Z');
  it.each([
    ['now', '2023-10-16T12:00:00.000Z'],
    ['NOW', '2023-10-16T12:00:00.000Z'],
    ['7d', '2023-10-09T12:00:00.000Z'],
    ['36h', '2023-10-15T00:00:00.000Z'],
    ['2023-01-01', '2023-01-01T00:00:00.000Z'],
    ['Mon, 16 Oct 2023 09:00:00 GMT', '2023-10-16T09:00:00.000Z'],
    ['1697446800', '2023-10-16T09:00:00.000Z'],
    ['junk', null],
    ['100000000d', null],
    ['738000d', '0003-03-20T12:00:00.000Z'],
    ['2023-02-30', null],
    ['', null],
  ])('%j → %s', (input, expected) => {
    expect(parseTimeArgument(input, now)?.toISOString() ?? null).toBe(expected);
  });

  it('returns a new Date for now', () => {
    const result = parseTimeArgument('now', now);
    expect(result).not.toBe(now);
    expect(result?.getTime()).toBe(now.getTime());
  });
});

describe('relativeTime', () => {
  const now = new Date('2023-10-16T12:00:00.000Z');
  it.each([
    ['2023-10-16T12:00:00.000Z', 'just now'],
    ['2023-10-16T11:59:30.000Z', 'just now'],
    ['2023-10-16T12:00:20.000Z', 'just now'],
    ['2023-10-16T11:59:00.000Z', '1 minute ago'],
    ['2023-10-16T11:55:00.000Z', '5 minutes ago'],
    ['2023-10-16T11:00:00.000Z', '1 hour ago'],
    ['2023-10-16T09:00:00.000Z', '3 hours ago'],
    ['2023-10-15T11:00:00.000Z', '1 day ago'],
    ['2023-10-14T13:00:00.000Z', '1 day ago'],
    ['2023-10-14T12:00:00.000Z', '2 days ago'],
    ['2023-10-13T12:00:00.000Z', '3 days ago'],
    ['2023-09-17T12:00:00.000Z', '29 days ago'],
    ['2023-09-16T12:00:00.000Z', '1 month ago'],
    ['2023-08-16T12:00:00.000Z', '2 months ago'],
    // Whole calendar months: 364 days is 11 months, a year is 12 of them, 729 days is 1 year.
    ['2022-11-16T12:00:00.000Z', '11 months ago'],
    ['2022-10-17T12:00:00.000Z', '11 months ago'],
    ['2022-10-16T12:00:01.000Z', '11 months ago'],
    ['2022-10-16T12:00:00.000Z', '1 year ago'],
    ['2021-10-17T12:00:00.000Z', '1 year ago'],
    ['2021-10-16T12:00:00.000Z', '2 years ago'],
    ['2023-03-31T12:00:00.000Z', '6 months ago'],
    ['2024-10-16T11:00:00.000Z', 'in 11 months'],
    ['2024-10-16T12:00:00.000Z', 'in 1 year'],
    ['2023-10-19T11:59:59.000Z', 'in 2 days'],
    ['2019-10-16T12:00:00.000Z', '4 years ago'],
    ['2023-10-16T12:05:00.000Z', 'in 5 minutes'],
    ['2023-10-16T15:00:00.000Z', 'in 3 hours'],
    ['2023-10-17T12:00:00.000Z', 'in 1 day'],
    ['2023-10-18T12:00:00.000Z', 'in 2 days'],
    ['2024-01-16T12:00:00.000Z', 'in 3 months'],
    ['2026-10-16T12:00:00.000Z', 'in 3 years'],
    ['not a date', 'not a date'],
  ])('%s → %j', (iso, expected) => {
    expect(relativeTime(iso, now)).toBe(expected);
  });
});

describe('parseDate keeps years below 100 as written', () => {
  it.each([
    ['0099-12-31', '0099-12-31T00:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['0050-06-15T12:30:00+02:00', '0050-06-15T10:30:00.000Z'],
    ['0000-01-01T03:00:00+02:00', '0000-01-01T01:00:00.000Z'],
    ['0100-03-01', '0100-03-01T00:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });
});

describe('parseDate agrees with the platform on every valid UTC time', () => {
  it('for random dates from year 0 to 9999, with and without fractions and offsets', () => {
    const arb = fc.record({
      year: fc.integer({ min: 0, max: 9999 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
      ms: fc.integer({ min: 0, max: 999 }),
      offset: fc.constantFrom('Z', '+00:00', '+05:30', '-08:00'),
    });
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    fc.assert(
      fc.property(arb, (p) => {
        const text = `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}.${pad(p.ms, 3)}${p.offset}`;
        const leap = (p.year % 4 === 0 && p.year % 100 !== 0) || p.year % 400 === 0;
        const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][p.month - 1]!;
        const parsed = parseDate(text);
        if (p.day > daysInMonth) return parsed === null;
        const platform = new Date(text).toISOString();
        // An offset can carry year 0 back to -000001 or year 9999 on to +010000: outside the range read.
        return parsed === (platform.length === 24 ? platform : null);
      }),
      { numRuns: 3000, seed: FUZZ_SEED },
    );
  });
});

describe('idFromPath', () => {
  it.each([
    ['_news/2023-10-16-story.md', '2023-10-16-story'],
    ['story.markdown', 'story'],
    ['.hidden', '.hidden'],
    ['a/b.c/d', 'd'],
    ['<stdin>', '<stdin>'],
    // A backslash separates folders only on Windows; elsewhere it is part of the name.
    ['a\\story.md', process.platform === 'win32' ? 'story' : 'a\\story'],
  ])('%j → %j', (file, id) => {
    expect(idFromPath(file)).toBe(id);
  });
});
