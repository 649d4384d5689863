import { doc, testRule, validLines } from './rule-tester.js';

testRule('invalid-date', {
  valid: [
    { name: 'ISO 8601 UTC', source: doc(...validLines()) },
    { name: 'an offset', source: doc(...validLines({ publishedDateTime: 'publishedDateTime: "2023-10-16T11:00:00+02:00"' })) },
    { name: 'a date only', source: doc(...validLines({ publishedDateTime: 'publishedDateTime: 2023-10-16' })) },
    { name: 'epoch seconds', source: doc(...validLines({ publishedDateTime: 'publishedDateTime: 1697446800' })) },
    { name: 'a leap second', source: doc(...validLines({ publishedDateTime: 'publishedDateTime: "2016-12-31T23:59:60Z"' })) },
    { name: 'missing is required-field', source: doc(...validLines({ publishedDateTime: null })) },
  ],
  invalid: [
    {
      name: 'month 13',
      source: doc(...validLines({ publishedDateTime: 'publishedDateTime: 2023-13-45' })),
      problems: [{ line: 4, column: 20, message: "publishedDateTime: '2023-13-45' is not a date (expected ISO 8601, e.g. 2023-10-16T09:00:00Z)" }],
    },
    {
      name: 'a zone name feedtool does not read: its offset named',
      source: doc(...validLines({ publishedDateTime: "publishedDateTime: 'Wed, 10 Mar 2021 08:00:00 CET'" })),
      problems: [{ line: 4, column: 20, message: "publishedDateTime: 'Wed, 10 Mar 2021 08:00:00 CET' is not a date (expected ISO 8601, e.g. 2023-10-16T09:00:00Z; the zone CET is not one feedtool reads: write its offset, +01:00)" }],
    },
    { name: 'after an ISO time too, in any case', source: doc(...validLines({ publishedDateTime: 'publishedDateTime: "2021-03-10T08:00:00 jst"' })), problems: [{ line: 4, column: 20, message: /; the zone JST is not one feedtool reads: write its offset, \+09:00\)$/ }] },
    { name: 'no offset named for a date with another fault', source: doc(...validLines({ publishedDateTime: 'publishedDateTime: "2023-02-30 12:00 CET"' })), problems: [{ line: 4, column: 20, message: /e\.g\. 2023-10-16T09:00:00Z\)$/ }] },
    { name: 'an unknown word is no zone to name', source: doc(...validLines({ publishedDateTime: 'publishedDateTime: "2021-03-10 08:00 XYZ"' })), problems: [{ line: 4, column: 20, message: /e\.g\. 2023-10-16T09:00:00Z\)$/ }] },
    {
      name: 'before the year 0000 once in UTC',
      source: doc(...validLines({ publishedDateTime: 'publishedDateTime: "0000-01-01T01:00:00+02:00"' })),
      problems: [{ line: 4, column: 20, message: "publishedDateTime: '0000-01-01T01:00:00+02:00' is outside the years 0000–9999 once in UTC (expected ISO 8601, e.g. 2023-10-16T09:00:00Z)" }],
    },
    {
      name: 'after 9999 once in UTC',
      source: doc(...validLines({ publishedDateTime: 'publishedDateTime: "9999-12-31T23:00:00-05:00"' })),
      problems: [{ line: 4, column: 20, message: /is outside the years 0000–9999 once in UTC/ }],
    },
    {
      name: 'February 29 of 9999 is no date at all',
      source: doc(...validLines({ publishedDateTime: 'publishedDateTime: "9999-02-29T23:00:00-05:00"' })),
      problems: [{ line: 4, column: 20, message: /is not a date/ }],
    },
    { name: 'epoch seconds past the year 9999', source: doc(...validLines({ publishedDateTime: 'publishedDateTime: -99999999999' })), problems: [{ line: 4, column: 20 }] },
    { name: 'quoted words', source: doc(...validLines({ publishedDateTime: "publishedDateTime: 'last Tuesday'" })), problems: [{ line: 4, column: 20 }] },
    { name: 'a list', source: doc(...validLines({ publishedDateTime: 'publishedDateTime: [2023]' })), problems: [{ line: 4, column: 20, message: /^publishedDateTime: a list is not a date/ }] },
    {
      name: 'in a related article',
      source: doc(...validLines({ related: 'related:\n  - title: x\n    publishedDateTime: 2023-02-30T10:00:00Z' })),
      problems: [{ line: 14, column: 24, message: /^related\[0\]\.publishedDateTime: '2023-02-30T10:00:00Z' is not a date/ }],
    },
    {
      name: 'CRLF line ends and a BOM',
      source: `\ufeff${doc(...validLines({ publishedDateTime: 'publishedDateTime: 2023-99-01' })).replace(/\n/g, '\r\n')}`,
      problems: [{ line: 4, column: 20 }],
    },
  ],
});
