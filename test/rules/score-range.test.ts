import { doc, testRule, validLines } from './rule-tester.js';

testRule('score-range', {
  valid: [
    { name: 'no scores', source: doc(...validLines()) },
    { name: 'whole numbers', source: doc(...validLines({ quality: 'quality: 87', heat: 'heat: 0' })) },
    { name: '-1 means unknown', source: doc(...validLines({ quality: 'quality: -1', heat: 'heat: -1' })) },
    { name: 'a string is field-type', source: doc(...validLines({ quality: 'quality: "-5"' })) },
    { name: 'NaN and infinity are field-type', source: doc(...validLines({ quality: 'quality: .nan', heat: 'heat: -.inf' })) },
    { name: 'the largest exact whole number', source: doc(...validLines({ heat: 'heat: 9007199254740991' })) },
    { name: 'zero, and a decimal with an exponent', source: doc(...validLines({ quality: 'quality: 0', heat: 'heat: 1e3' })) },
    { name: 'a quoted 010 is a string (field-type)', source: doc(...validLines({ quality: 'quality: "010"' })) },
    { name: 'zeros in times and URLs are no score', source: doc(...validLines({ heat: 'heat: 100', quality: 'quality: 90' }), 'at: 10:05', 'note: -005 is text') },
    { name: 'a leading zero in a float is decimal', source: doc(...validLines({ quality: 'quality: 010.0', heat: 'heat: 01e1' })) },
    { name: 'a float tag makes a leading zero decimal', source: doc(...validLines({ quality: 'quality: !!float 010', heat: 'heat: !!float # ten\n  010' })) },
    {
      name: 'a float tag above blank and comment lines',
      source: doc(...validLines({ quality: 'quality: !!float\n  # c\n\n  010', heat: 'heat: !!float &h # c\n  # d\n  010' })),
    },
    { name: 'an anchor or tag before a decimal score', source: doc(...validLines({ quality: 'quality: &q 70', heat: 'heat: !!int 10' })) },
    { name: 'a date with a leading zero elsewhere is no score', source: doc(...validLines({ heat: 'heat: 7  # 07 was the old value' })) },
  ],
  invalid: [
    {
      name: 'below -1',
      source: doc(...validLines({ quality: 'quality: -2' })),
      problems: [{ line: 12, column: 10, message: 'quality: -2 is out of range: expected a whole number of at least -1 (-1 means unknown)' }],
    },
    {
      name: 'below -1 and written with a leading zero: both said',
      source: doc(...validLines({ quality: 'quality: -010' })),
      problems: [{ line: 12, column: 10, message: 'quality: -10 is out of range: expected a whole number of at least -1 (-1 means unknown); also, -010 has a leading zero, which YAML 1.1 readers such as Jekyll and PyYAML take as octal (-8): expected -10' }],
    },
    { name: 'a fraction', source: doc(...validLines({ heat: 'heat: 12.5' })), problems: [{ line: 12, column: 7, message: 'heat: 12.5 is not a whole number: expected a whole number of at least -1 (-1 means unknown)' }] },
    {
      name: 'too large to be exact',
      source: doc(...validLines({ heat: 'heat: 1.7e308' })),
      problems: [{ line: 12, column: 7, message: 'heat: 1.7e+308 is out of range: too large to be exact (at most 9007199254740991)' }],
    },
    {
      name: 'hexadecimal',
      source: doc(...validLines({ quality: 'quality: 0x1F' })),
      problems: [{ line: 12, column: 10, message: 'quality: 0x1F is hexadecimal: expected a decimal number (31)' }],
    },
    { name: 'octal', source: doc(...validLines({ heat: 'heat: 0o17' })), problems: [{ line: 12, column: 7, message: 'heat: 0o17 is octal: expected a decimal number (15)' }] },
    {
      name: 'a leading zero, which YAML 1.1 reads as octal',
      source: doc(...validLines({ quality: 'quality: 010', heat: 'heat: 0012' })),
      problems: [
        { line: 12, column: 10, message: 'quality: 010 has a leading zero, which YAML 1.1 readers such as Jekyll and PyYAML take as octal (8): expected 10' },
        { line: 13, column: 7, message: 'heat: 0012 has a leading zero, which YAML 1.1 readers such as Jekyll and PyYAML take as octal (10): expected 12' },
      ],
    },
    {
      name: 'a leading zero after a sign, two spaces, a tab or a line break',
      source: doc(...validLines({ quality: 'quality:  +010', heat: 'heat:\t+007', related: 'related:\n  - title: x\n    heat:\n      010' })),
      problems: [
        { line: 12, column: 11, message: 'quality: +010 has a leading zero, which YAML 1.1 readers such as Jekyll and PyYAML take as octal (8): expected 10' },
        { line: 13, column: 7, message: 'heat: +007 has a leading zero, which YAML 1.1 readers such as Jekyll and PyYAML take as octal (7): expected 7' },
        { line: 17, column: 7, message: 'related[0].heat: 010 has a leading zero, which YAML 1.1 readers such as Jekyll and PyYAML take as octal (8): expected 10' },
      ],
    },
    {
      name: 'behind an anchor or a tag',
      source: doc(...validLines({ quality: 'quality: &q 0x10', heat: 'heat: &h !!int 010' })),
      problems: [
        { line: 12, column: 13, message: 'quality: 0x10 is hexadecimal: expected a decimal number (16)' },
        { line: 13, column: 16, message: 'heat: 010 has a leading zero, which YAML 1.1 readers such as Jekyll and PyYAML take as octal (8): expected 10' },
      ],
    },
    {
      name: 'behind an anchor and a comment, the value on the next line',
      source: doc(...validLines({ quality: 'quality: &q # note\n  010', heat: 'heat: # hex\n  0x10' })),
      problems: [
        { line: 13, column: 3, message: 'quality: 010 has a leading zero, which YAML 1.1 readers such as Jekyll and PyYAML take as octal (8): expected 10' },
        { line: 15, column: 3, message: 'heat: 0x10 is hexadecimal: expected a decimal number (16)' },
      ],
    },
    {
      name: 'through an alias, the value where its anchor was set (the last before it)',
      source: doc('meta: &q 0x10', 'more: &h !!int 010', 'float: &f !!float 010', ...validLines({ quality: 'quality: *q', heat: 'heat: *h' }), 'later: &q 5', 'related:\n  - title: x\n    heat: *f'),
      problems: [
        { line: 15, column: 10, message: 'quality: 0x10 is hexadecimal: expected a decimal number (16) (through the alias *q)' },
        { line: 16, column: 7, message: 'heat: 010 has a leading zero, which YAML 1.1 readers such as Jekyll and PyYAML take as octal (8): expected 10 (through the alias *h)' },
      ],
    },
    {
      name: 'a negative leading zero',
      source: doc(...validLines({ heat: 'heat: -01' })),
      problems: [{ line: 12, column: 7, message: 'heat: -01 has a leading zero, which YAML 1.1 readers such as Jekyll and PyYAML take as octal (-1): expected -1' }],
    },
    { name: 'a leading zero that is no octal', source: doc(...validLines({ heat: 'heat: 09' })), problems: [{ line: 12, column: 7, message: 'heat: 09 has a leading zero: expected 9' }] },
    {
      name: 'hexadecimal in a related article',
      source: doc(...validLines({ related: 'related:\n  - title: x\n    heat: 0x10' })),
      problems: [{ line: 14, column: 11, message: 'related[0].heat: 0x10 is hexadecimal: expected a decimal number (16)' }],
    },
    { name: 'in a related article', source: doc(...validLines({ related: 'related:\n  - title: x\n    quality: -3.5' })), problems: [{ line: 14, column: 14, message: /^related\[0\]\.quality/ }] },
  ],
});
