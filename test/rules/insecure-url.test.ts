import { doc, testRule, validLines } from './rule-tester.js';

testRule('insecure-url', {
  valid: [
    { name: 'https links', source: doc(...validLines()) },
    { name: 'an invalid URL is another rule', source: doc(...validLines({ webUrl: 'webUrl: "http//x"' })) },
  ],
  invalid: [
    {
      name: 'an http webUrl',
      source: doc(...validLines({ webUrl: 'webUrl: "http://www.example.test/a"' })),
      problems: [{ line: 6, column: 9, message: "webUrl: 'http://www.example.test/a' uses http: expected an https URL" }],
    },
    { name: 'upper-case scheme', source: doc(...validLines({ originalUrl: 'originalUrl: HTTP://www.example.test/a' })), problems: [{ line: 5, column: 14 }] },
    {
      name: 'image and related links',
      source: doc(...validLines({ images: 'images:\n  - url: http://cdn.example.test/a.jpg', related: 'related:\n  - title: x\n    webUrl: http://other.test/b' })),
      problems: [
        { line: 13, column: 10, message: /^images\[0\]\.url:/ },
        { line: 16, column: 13, message: /^related\[0\]\.webUrl:/ },
      ],
    },
  ],
});
