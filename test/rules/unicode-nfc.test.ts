import { describe, expect, it } from 'vitest';
import { nfcSpot } from '../../src/rules/unicode-nfc.js';
import { doc, testRule, validLines } from './rule-tester.js';

testRule('unicode-nfc', {
  valid: [
    { name: 'composed accents', source: doc(...validLines({ title: 'title: "Café société à Zürich"' })) },
    { name: 'a combining mark with no composed form', source: doc(...validLines({ title: 'title: "q\\u0307 stays"' })) },
    { name: 'Hangul syllables and emoji with modifiers', source: doc(...validLines({ title: 'title: "한국 👍🏽"' })) },
  ],
  invalid: [
    {
      name: 'a letter and its accent apart',
      source: doc(...validLines({ title: 'title: "Cafe\\u0301 society"' })),
      problems: [
        {
          line: 2,
          column: 8,
          message: 'title: is not in Unicode NFC: e\\u0301 (U+0065 U+0301) → é (U+00E9): expected the composed form, as search and sorting compare it',
        },
      ],
    },
    { name: 'the ohm sign for omega, in a related excerpt', source: doc(...validLines({ related: 'related:\n  - title: x\n    excerpt: "10 \\u2126"' })), problems: [{ line: 14, column: 14, message: /→ Ω \(U\+03A9\)/ }] },
    { name: 'a topic name', source: doc(...validLines({ topics: 'topics:\n  - "Ube\\u0308r"' })), problems: [{ line: 11, column: 5, message: /^topics\[0\]: is not in Unicode NFC: e\\u0308 \(U\+0065 U\+0308\)/ }] },
    { name: 'an accent written as an entity', source: doc(...validLines({ title: 'title: "Cafe&#769; talk"' })), problems: [{ line: 2, column: 8, message: /^title: is not in Unicode NFC: e\\u0301 \(U\+0065 U\+0301\) → é/ }] },
  ],
});

describe('nfcSpot', () => {
  it.each([
    ['plain', null],
    ['Cafe\u0301', 'e\\u0301 (U+0065 U+0301) → é (U+00E9)'],
    ['A\u030Angstro\u0308m', 'A\\u030a (U+0041 U+030A) → Å (U+00C5)'],
    ['\u212B', '\u212B (U+212B) → Å (U+00C5)'],
    ['\u1100\u1161', '\u1100\u1161 (U+1100 U+1161) → \uAC00 (U+AC00)'],
    ['10\u2000km', '\\u2000 (U+2000) → \\u2002 (U+2002)'],
  ])('%j → %j', (text, spot) => {
    expect(nfcSpot(text)).toBe(spot);
  });
});
