import { doc, testRule, validLines } from './rule-tester.js';

testRule('control-character', {
  valid: [
    { name: 'plain text', source: doc(...validLines()) },
    { name: 'emoji joiners stay', source: doc(...validLines({ title: 'title: "Family 👨\u200d👩\u200d👧"' })) },
    { name: 'a surrogate pair written as two escapes is one emoji', source: doc(...validLines({ title: 'title: "Smile \\ud83d\\ude00"' })) },
  ],
  invalid: [
    {
      name: 'an escape sequence',
      source: doc(...validLines({ title: 'title: "Hi \\e[2J there"' })),
      problems: [{ line: 2, column: 8, message: 'title: contains control or invisible characters (U+001B): expected printable text only' }],
    },
    {
      name: 'written as an HTML entity: named once decoded',
      source: doc(...validLines({ title: 'title: "a&#8203;b"' })),
      problems: [{ line: 2, column: 8, message: 'title: contains control or invisible characters (U+200B, written as HTML entities): expected printable text only' }],
    },
    { name: 'a bidi override', source: doc(...validLines({ excerpt: 'excerpt: "abc\u202edef"' })), problems: [{ line: 3, column: 10, message: /U\+202E/ }] },
    {
      name: 'more than three kinds: three named, then …',
      source: doc(...validLines({ title: 'title: "a\\e b\\a c\\u200b d\\u202e e"' })),
      problems: [{ line: 2, column: 8, message: 'title: contains control or invisible characters (U+001B, U+0007, U+200B, …): expected printable text only' }],
    },
    {
      name: 'half a surrogate pair alone (a YAML escape): no character at all',
      source: doc(...validLines({ title: 'title: "Lone \\ud83d half"' })),
      problems: [{ line: 2, column: 8, message: 'title: contains control or invisible characters (U+D83D): expected printable text only' }],
    },
    { name: 'a low surrogate alone', source: doc(...validLines({ excerpt: 'excerpt: "x\\udc00y"' })), problems: [{ line: 3, column: 10, message: /U\+DC00/ }] },
    { name: 'a zero-width space in a provider name', source: doc(...validLines({ provider: 'provider:\n  name: "Exa\u200bmple"\n  domain: example.test' })), problems: [{ line: 8, column: 9 }] },
  ],
});
