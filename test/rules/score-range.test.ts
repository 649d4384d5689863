import { doc, testRule, validLines } from './rule-tester.js';

testRule('score-range', {
  valid: [
    { name: 'no scores', source: doc(...validLines()) },
    { name: 'whole numbers', source: doc(...validLines({ quality: 'quality: 87', heat: 'heat: 0' })) },
    { name: '-1 means unknown', source: doc(...validLines({ quality: 'quality: -1', heat: 'heat: -1' })) },
    { name: 'a string is field-type', source: doc(...validLines({ quality: 'quality: "-5"' })) },
    { name: 'NaN and infinity are field-type', source: doc(...validLines({ quality: 'quality: .nan', heat: 'heat: -.inf' })) },
    { name: 'the largest exact whole number', source: doc(...validLines({ heat: 'heat: 9007199254740991' })) },
  ],
  invalid: [
    {
      name: 'below -1',
      source: doc(...validLines({ quality: 'quality: -2' })),
      problems: [{ line: 12, column: 10, message: 'quality: -2 is out of range: expected a whole number of at least -1 (-1 means unknown)' }],
    },
    { name: 'a fraction', source: doc(...validLines({ heat: 'heat: 12.5' })), problems: [{ line: 12, column: 7, message: /^heat: 12\.5 is out of range/ }] },
    {
      name: 'too large to be exact',
      source: doc(...validLines({ heat: 'heat: 1.7e308' })),
      problems: [{ line: 12, column: 7, message: 'heat: 1.7e+308 is out of range: too large to be exact (at most 9007199254740991)' }],
    },
    { name: 'in a related article', source: doc(...validLines({ related: 'related:\n  - title: x\n    quality: -3.5' })), problems: [{ line: 14, column: 14, message: /^related\[0\]\.quality/ }] },
  ],
});
