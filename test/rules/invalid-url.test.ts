import { doc, testRule, validLines } from './rule-tester.js';

testRule('invalid-url', {
  valid: [
    { name: 'https links', source: doc(...validLines()) },
    { name: 'http is another rule', source: doc(...validLines({ webUrl: 'webUrl: "http://www.example.test/a"' })) },
    { name: 'an empty ampWebUrl', source: doc(...validLines({ ampWebUrl: 'ampWebUrl: ""' })) },
    { name: 'a non-string is field-type', source: doc(...validLines({ webUrl: 'webUrl: 42' })) },
  ],
  invalid: [
    {
      name: 'no scheme',
      source: doc(...validLines({ webUrl: 'webUrl: "www.example.test/a"' })),
      problems: [{ line: 6, column: 9, message: "webUrl: 'www.example.test/a' is not a web address (expected an absolute http(s) URL, e.g. https://example.com/news/story)" }],
    },
    { name: 'an ftp link', source: doc(...validLines({ originalUrl: 'originalUrl: ftp://example.test/a' })), problems: [{ line: 5, column: 14 }] },
    { name: 'a broken host', source: doc(...validLines({ cdnAmpWebUrl: 'cdnAmpWebUrl: "https://exa mple.test/"' })), problems: [{ line: 12, column: 15 }] },
    {
      name: 'an image URL',
      source: doc(...validLines({ images: 'images:\n  - url: "/assets/a.jpg"\n    width: 10' })),
      problems: [{ line: 13, column: 10, message: /^images\[0\]\.url: '\/assets\/a\.jpg' is not a web address/ }],
    },
    { name: 'a related webUrl', source: doc(...validLines({ related: 'related:\n  - title: x\n    webUrl: "javascript:alert(1)"' })), problems: [{ line: 14, column: 13 }] },
  ],
});
