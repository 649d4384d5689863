import { doc, testRule, validLines } from './rule-tester.js';

testRule('field-type', {
  valid: [
    { name: 'a complete article', source: doc(...validLines()) },
    {
      name: 'every typed field right',
      source: doc(
        ...validLines({
          category: 'category: news',
          type: 'type: article',
          quality: 'quality: 87',
          heat: 'heat: -1',
          published: 'published: true',
          images: 'images:\n  - url: "https://cdn.example.test/a.jpg"\n    width: 700\n    height: 467\n    isCached: true',
          related: 'related:\n  - title: "Other"\n    quality: 12.5\n    provider:\n      name: Other',
        }),
      ),
    },
    { name: 'null values count as absent', source: doc(...validLines({ excerpt: 'excerpt:', quality: 'quality: ~' })) },
    {
      name: 'empty text counts as absent, in a number or true/false field too (the record holds null and logs nothing)',
      source: doc(...validLines({ quality: 'quality: ""', heat: "heat: '  '", published: 'published: " "', images: 'images:\n  - url: "https://cdn.example.test/a.jpg"\n    width: ""' })),
    },
    { name: 'unknown keys are not checked', source: doc(...validLines({ secured: 'secured: [1, 2]' })) },
  ],
  invalid: [
    { name: 'quality as a string', source: doc(...validLines({ quality: 'quality: "57"' })), problems: [{ line: 12, column: 10, message: "quality: expected a number, found a string ('57')" }] },
    {
      name: 'NaN and infinity',
      source: doc(...validLines({ quality: 'quality: .nan', heat: 'heat: -.inf' })),
      problems: [
        { line: 12, column: 10, message: 'quality: expected a number, found not a number (NaN)' },
        { line: 13, column: 7, message: 'heat: expected a number, found an infinite number (-Infinity)' },
      ],
    },
    { name: 'published as yes', source: doc(...validLines({ published: 'published: yes' })), problems: [{ line: 12, column: 12, message: "published: expected true or false, found a string ('yes')" }] },
    { name: 'a numeric title', source: doc(...validLines({ title: 'title: 2023' })), problems: [{ line: 2, column: 8, message: 'title: expected text, found a whole number (2023)' }] },
    { name: 'topics as a string', source: doc(...validLines({ topics: 'topics: AI, Robotics' })), problems: [{ line: 10, column: 9, message: "topics: expected a list of topic names, found a string ('AI, Robotics')" }] },
    { name: 'a topic that is a mapping', source: doc(...validLines({ topics: 'topics:\n  - AI\n  - name: Robotics' })), problems: [{ line: 12, column: 5, message: 'topics[1]: expected text, found a mapping' }] },
    {
      name: 'a topic that is null or empty (dropped from the record)',
      source: doc(...validLines({ topics: 'topics:\n  - AI\n  - null\n  - ""\n  -' })),
      problems: [
        // An item with no value at all is placed at its dash.
        { line: 12, column: 5, message: 'topics[1]: expected a topic name, found nothing' },
        { line: 13, column: 5, message: 'topics[2]: expected a topic name, found empty text' },
        { line: 14, column: 3, message: 'topics[3]: expected a topic name, found nothing' },
      ],
    },
    {
      name: 'an image that is null',
      source: doc(...validLines({ images: 'images:\n  - null\n  - url: https://i.test/a.png' })),
      problems: [{ line: 13, column: 5, message: 'images[0]: expected a mapping, found nothing' }],
    },
    { name: 'provider as a string', source: doc(...validLines({ provider: 'provider: Example News' })), problems: [{ line: 7, column: 11, message: /^provider: expected a mapping, found a string/ }] },
    { name: 'a numeric provider domain', source: doc(...validLines({ provider: 'provider:\n  name: X\n  domain: 42' })), problems: [{ line: 9, column: 11 }] },
    {
      name: 'a fractional image width',
      source: doc(...validLines({ images: 'images:\n  - url: "https://cdn.example.test/a.jpg"\n    width: 12.5\n    height: "467"' })),
      problems: [
        { line: 14, column: 12, message: 'images[0].width: expected a whole number, found a number (12.5)' },
        { line: 15, column: 13, message: "images[0].height: expected a whole number, found a string ('467')" },
      ],
    },
    {
      name: 'a topic of spaces alone (dropped from the record)',
      source: doc(...validLines({ topics: 'topics:\n  - AI\n  - "   "' })),
      problems: [{ line: 12, column: 5, message: "topics[1]: expected a topic name, found a string ('   ')" }],
    },
    {
      name: 'a topic of invisible characters or an entity for a space alone (dropped from the record)',
      source: doc(...validLines({ topics: 'topics:\n  - "\\u200b"\n  - "&nbsp;"\n  - AI' })),
      problems: [
        { line: 11, column: 5, message: /^topics\[0\]: expected a topic name, found a string/ },
        { line: 12, column: 5, message: /^topics\[1\]: expected a topic name, found a string \('&nbsp;'\)/ },
      ],
    },
    {
      name: 'an image caption or title that is not text',
      source: doc(...validLines({ images: 'images:\n  - url: "https://cdn.example.test/a.jpg"\n    caption: [a, b]\n    title: 7\n    credit: [free]' })),
      problems: [
        { line: 14, column: 14, message: 'images[0].caption: expected text, found a list' },
        { line: 15, column: 12, message: 'images[0].title: expected text, found a whole number (7)' },
      ],
    },
    { name: 'images as a mapping', source: doc(...validLines({ images: 'images:\n  url: x' })), problems: [{ line: 13, column: 3, message: 'images: expected a list, found a mapping' }] },
    { name: 'related as a string', source: doc(...validLines({ related: 'related: none' })), problems: [{ line: 12, column: 10, message: 'related: expected a list of articles, found a string' }] },
    {
      name: 'inside a related article',
      source: doc(...validLines({ related: 'related:\n  - title: "Other"\n    heat: high\n  - just text' })),
      problems: [
        { line: 14, column: 11, message: "related[0].heat: expected a number, found a string ('high')" },
        { line: 15, column: 5, message: 'related[1]: expected a mapping, found a string' },
      ],
    },
  ],
});
