import { doc, testRule, validLines } from './rule-tester.js';

testRule('mojibake', {
  valid: [
    { name: 'clean text', source: doc(...validLines({ title: 'title: "Café owners don’t sleep"' })) },
    { name: 'real French capitals', source: doc(...validLines({ title: 'title: "LE CAFÉ”"' })) },
  ],
  invalid: [
    {
      name: 'a curly apostrophe read as Windows-1252',
      source: doc(...validLines({ title: 'title: "Open source doesnâ€™t fail"' })),
      problems: [{ line: 2, column: 8, message: "title: 'Open source doesnâ€™t fail' looks like UTF-8 read as Windows-1252: expected 'Open source doesn’t fail'" }],
    },
    { name: 'in an excerpt', source: doc(...validLines({ excerpt: 'excerpt: Caf\u00c3\u00a9 in S\u00c3\u00a3o Paulo' })), problems: [{ line: 3, column: 10, message: /expected 'Café in São Paulo'/ }] },
    { name: 'a provider name', source: doc(...validLines({ provider: 'provider:\n  name: "Le Caf\u00c3\u00a9"\n  domain: example.test' })), problems: [{ line: 8, column: 9, message: /^provider\.name:/ }] },
    { name: 'a related title', source: doc(...validLines({ related: 'related:\n  - title: "donâ€™t"' })), problems: [{ line: 13, column: 12, message: /^related\[0\]\.title:/ }] },
    {
      name: 'mojibake written as HTML entities, whose repair is shown as it reads',
      source: doc(...validLines({ title: 'title: "don&acirc;&#128;&#153;t stop"' })),
      problems: [{ line: 2, column: 8, message: "title: 'don&acirc;&#128;&#153;t stop' looks like UTF-8 read as Windows-1252 once its HTML entities are read: expected 'don’t stop'" }],
    },
    {
      name: 'mojibake an accent written apart completes, named so, with the repair list and --fix make',
      source: doc(...validLines({ title: 'title: "A\\u0303\u00a9 y"' })),
      problems: [
        { line: 2, column: 8, message: "title: 'A\u0303\u00a9 y' looks like UTF-8 read as Windows-1252 once its accents are composed (NFC): expected '\u00e9 y'" },
      ],
    },
    {
      name: 'a long value: both quotes are cut around the damage, so it shows',
      source: doc(...validLines({ title: `title: "${'word '.repeat(20)}Caf\u00c3\u00a9 menu"` })),
      problems: [{ line: 2, column: 8, message: "title: '…d word word word Caf\u00c3\u00a9 menu' looks like UTF-8 read as Windows-1252: expected '…d word word word Caf\u00e9 menu'" }],
    },
  ],
});
