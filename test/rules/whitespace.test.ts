import { describe, expect, it } from 'vitest';
import { whitespaceSpot } from '../../src/rules/whitespace.js';
import { doc, testRule, validLines } from './rule-tester.js';

testRule('whitespace', {
  valid: [
    { name: 'single spaces', source: doc(...validLines()) },
    { name: 'a folded plain scalar', source: doc(...validLines({ excerpt: 'excerpt: one line\n  continues here' })) },
    { name: 'a comma-separated topic list with spaces after the commas', source: doc(...validLines({ topics: 'topics: "AI, Robots"' })) },
    { name: 'an ideographic space', source: doc(...validLines({ title: 'title: "東京\u3000ニュース"' })) },
    { name: 'French no-break spaces, one between words', source: doc(...validLines({ title: 'title: "Prix\u00a0: 10\u202f€ «\u00a0net\u00a0»"' })) },
    { name: 'a thin space in a number', source: doc(...validLines({ excerpt: 'excerpt: "1\u2009000 robots"' })) },
  ],
  invalid: [
    {
      name: 'two spaces inside',
      source: doc(...validLines({ title: 'title: "Robot  learns"' })),
      problems: [{ line: 2, column: 8, message: "title: has leading, trailing or repeated whitespace, tabs or line breaks ('Robot  learns'): expected single spaces between words" }],
    },
    { name: 'leading and trailing', source: doc(...validLines({ excerpt: 'excerpt: " padded "' })), problems: [{ line: 3, column: 10 }] },
    { name: 'a literal block with line breaks', source: doc(...validLines({ excerpt: 'excerpt: |\n  line one\n  line two' })), problems: [{ line: 3, column: 10 }] },
    { name: 'a tab in a related excerpt', source: doc(...validLines({ related: 'related:\n  - title: x\n    excerpt: "a\\tb"' })), problems: [{ line: 14, column: 14, message: /\('a\\tb'\)/ }] },
    { name: 'a padded topic name', source: doc(...validLines({ topics: 'topics:\n  - " AI"' })), problems: [{ line: 11, column: 5, message: /^topics\[0\]:/ }] },
    { name: 'a doubled space in a comma-separated topic list', source: doc(...validLines({ topics: 'topics: "AI,  Deep  Learning"' })), problems: [{ line: 10, column: 9, message: /^topics:/ }] },
    { name: 'a no-break space beside a space', source: doc(...validLines({ title: 'title: "Prix \u00a0: 10"' })), problems: [{ line: 2, column: 8 }] },
    { name: 'a no-break space at the end', source: doc(...validLines({ title: 'title: "Prix\u00a0"' })), problems: [{ line: 2, column: 8 }] },
    {
      name: 'an ideographic space at either end, quoted and written out',
      source: doc(...validLines({ title: 'title: "\u3000東京ニュース\u3000"' })),
      problems: [{ line: 2, column: 8, message: "title: has leading, trailing or repeated whitespace, tabs or line breaks ('\\u3000東京ニュース\\u3000'): expected single spaces between words" }],
    },
    { name: 'an ideographic space at the end only', source: doc(...validLines({ title: 'title: "東京\u3000ニュース\u3000"' })), problems: [{ line: 2, column: 8, message: /\('東京\u3000ニュース\\u3000'\)/ }] },
    {
      name: 'spaces that show once entities are read: quoted as read',
      source: doc(...validLines({ title: 'title: "AI&nbsp;&nbsp;news"' })),
      problems: [{ line: 2, column: 8, message: "title: has leading, trailing or repeated whitespace, tabs or line breaks once its HTML entities are read ('AI\\u00a0\\u00a0news'): expected single spaces between words" }],
    },
    { name: 'a padded category', source: doc(...validLines({ category: 'category: " news"' })), problems: [{ line: 12, column: 11, message: /^category:/ }] },
  ],
});

describe('whitespaceSpot', () => {
  it.each([
    ['  padded', "'  padded'"],
    ['padded ', "'padded '"],
    ['a\nb', "'a\\nb'"],
    ['a\u00a0 b', "'a\\u00a0 b'"],
    [`${'x'.repeat(30)}  ${'y'.repeat(30)}`, `'…${'x'.repeat(20)}  ${'y'.repeat(20)}…'`],
    // A cut never halves an emoji (two UTF-16 code units).
    [`x${'😀'.repeat(15)}y  z`, `'…${'😀'.repeat(10)}y  z'`],
    ['fine words', null],
    ['a\u00a0b', null],
  ])('%j → %j', (text, spot) => {
    expect(whitespaceSpot(text)).toBe(spot);
  });
});
