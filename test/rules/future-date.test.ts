import { doc, testRule, validLines } from './rule-tester.js';

testRule('future-date', {
  valid: [
    { name: 'in the past', source: doc(...validLines()) },
    { name: 'exactly now', source: doc(...validLines({ publishedDateTime: 'publishedDateTime: 2024-01-01T00:00:00Z' })) },
    { name: 'an invalid date is another rule', source: doc(...validLines({ publishedDateTime: 'publishedDateTime: 2999-13-01' })) },
  ],
  invalid: [
    {
      name: 'one second after now',
      source: doc(...validLines({ publishedDateTime: 'publishedDateTime: 2024-01-01T00:00:01Z' })),
      problems: [{ line: 4, column: 20, message: "publishedDateTime: '2024-01-01T00:00:01Z' is in the future (expected a time already past)" }],
    },
    { name: 'relative to the clock given', now: new Date('2020-01-01T00:00:00Z'), source: doc(...validLines()), problems: [{ line: 4, column: 20 }] },
    { name: 'in a related article', source: doc(...validLines({ related: 'related:\n  - title: x\n    publishedDateTime: 2031-05-01' })), problems: [{ line: 14, column: 24 }] },
  ],
});
