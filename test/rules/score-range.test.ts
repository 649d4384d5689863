import { doc, testRule, validLines } from './rule-tester.js';

testRule('score-range', {
  valid: [
    { name: 'no scores', source: doc(...validLines()) },
    { name: 'whole numbers', source: doc(...validLines({ quality: 'quality: 87', heat: 'heat: 0' })) },
    { name: '-1 means unknown', source: doc(...validLines({ quality: 'quality: -1', heat: 'heat: -1' })) },
    { name: 'a string is field-type', source: doc(...validLines({ quality: 'quality: "-5"' })) },
  ],
  invalid: [
    {
      name: 'below -1',
      source: doc(...validLines({ quality: 'quality: -2' })),
      problems: [{ line: 12, column: 10, message: 'quality: -2 is out of range: expected a whole number of at least -1 (-1 means unknown)' }],
    },
    { name: 'a fraction', source: doc(...validLines({ heat: 'heat: 12.5' })), problems: [{ line: 12, column: 7, message: /^heat: 12\.5 is out of range/ }] },
    { name: 'in a related article', source: doc(...validLines({ related: 'related:\n  - title: x\n    quality: -3.5' })), problems: [{ line: 14, column: 14, message: /^related\[0\]\.quality/ }] },
  ],
});
