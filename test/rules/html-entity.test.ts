import { doc, testRule, validLines } from './rule-tester.js';

testRule('html-entity', {
  valid: [
    { name: 'a bare ampersand', source: doc(...validLines({ title: 'title: "Tom & Jerry"' })) },
    { name: 'no semicolon', source: doc(...validLines({ title: 'title: "AT&T;s &amp"' })) },
  ],
  invalid: [
    {
      name: 'a named entity',
      source: doc(...validLines({ title: 'title: "Tom &amp; Jerry"' })),
      problems: [{ line: 2, column: 8, message: "title: 'Tom &amp; Jerry' contains HTML entities: expected 'Tom & Jerry'" }],
    },
    {
      name: 'an entity escaped twice: expected what --fix writes',
      source: doc(...validLines({ title: 'title: "Tom &amp;amp; Jerry"' })),
      problems: [{ line: 2, column: 8, message: "title: 'Tom &amp;amp; Jerry' contains HTML entities: expected 'Tom & Jerry'" }],
    },
    {
      name: 'a long value with a line break: cut around the entity, the break written \\n',
      source: doc(...validLines({ title: `title: "${'word '.repeat(20)}\\nR&amp;D"` })),
      problems: [{ line: 2, column: 8, message: "title: '…d word word word \\nR&amp;D' contains HTML entities: expected '…d word word word \\nR&D'" }],
    },
    { name: 'a numeric reference', source: doc(...validLines({ excerpt: "excerpt: 'It&#8217;s here'" })), problems: [{ line: 3, column: 10, message: /expected 'It’s here'/ }] },
    {
      name: 'an entity for an invisible character: written out in the message',
      source: doc(...validLines({ title: 'title: "Zero&#8203;width&nbsp;space"' })),
      problems: [{ line: 2, column: 8, message: "title: 'Zero&#8203;width&nbsp;space' contains HTML entities: expected 'Zero\\u200bwidth\\u00a0space'" }],
    },
    {
      name: 'a topic name in a list',
      source: doc(...validLines({ topics: 'topics:\n  - AI\n  - "R&amp;D"' })),
      problems: [{ line: 12, column: 5, message: "topics[1]: 'R&amp;D' contains HTML entities: expected 'R&D'" }],
    },
    {
      name: 'a comma-separated topic list (field-type flags the string too)',
      source: doc(...validLines({ topics: 'topics: "AI, R&amp;D"' })),
      problems: [{ line: 10, column: 9, message: "topics: 'AI, R&amp;D' contains HTML entities: expected 'AI, R&D'" }],
    },
    { name: 'an image caption', source: doc(...validLines({ images: 'images:\n  - url: https://a.test/x.jpg\n    caption: "R&amp;D"' })), problems: [{ line: 14, column: 14 }] },
    {
      name: 'the caption of a single image mapping: named and placed where it is written',
      source: doc(...validLines({ images: 'images:\n  url: https://a.test/x.jpg\n  caption: "R&amp;D"' })),
      problems: [{ line: 14, column: 12, message: "images.caption: 'R&amp;D' contains HTML entities: expected 'R&D'" }],
    },
  ],
});
