import { doc, testRule, validLines } from './rule-tester.js';

testRule('required-field', {
  valid: [
    { name: 'a complete article', source: doc(...validLines()) },
    { name: 'originalUrl without webUrl', source: doc(...validLines({ webUrl: null })) },
    { name: 'webUrl without originalUrl', source: doc(...validLines({ originalUrl: null })) },
    { name: 'a taxonomy entry is left alone', source: doc('taxonomy: organization', 'name: Acme') },
    { name: 'a title with an entity that leaves text', source: doc(...validLines({ title: 'title: "&amp; more"' })) },
    { name: 'a title of the wrong type is field-type', source: doc(...validLines({ title: 'title: 42' })) },
    { name: 'a related entry with a title and a URL only', source: doc(...validLines({ related: 'related:\n  - title: Another\n    originalUrl: https://other.test/b' })) },
    { name: 'a complete related entry', source: doc(...validLines({ related: 'related:\n  - title: Another take\n    publishedDateTime: 2023-10-15T08:00:00Z\n    webUrl: https://other.test/b\n    provider:\n      name: Other' })) },
    { name: 'a related list that is no list is field-type', source: doc(...validLines({ related: 'related: none' })) },
  ],
  invalid: [
    { name: 'no title', source: doc(...validLines({ title: null })), problems: [{ line: 2, column: 1, message: "title is missing: expected the article's headline" }] },
    { name: 'an empty title', source: doc(...validLines({ title: 'title: "  "' })), problems: [{ line: 2, column: 8, message: "title is empty: expected the article's headline" }] },
    {
      name: 'a title normalisation empties',
      source: doc(...validLines({ title: 'title: "&nbsp;\\u200b"' })),
      problems: [{ line: 2, column: 8, message: "title is empty once normalised ('&nbsp;\\u200b'): expected the article's headline" }],
    },
    {
      name: 'a provider name normalisation empties',
      source: doc(...validLines({ provider: 'provider:\n  name: "&#8203;"' })),
      problems: [{ line: 8, column: 9, message: "provider.name is empty once normalised ('&#8203;'): expected the publisher's name" }],
    },
    { name: 'a null title', source: doc(...validLines({ title: 'title:' })), problems: [{ line: 2, column: 1, message: /^title is empty/ }] },
    {
      name: 'no publishedDateTime',
      source: doc(...validLines({ publishedDateTime: null })),
      problems: [{ line: 2, column: 1, message: 'publishedDateTime is missing: expected an ISO 8601 date-time, e.g. 2023-10-16T09:00:00Z' }],
    },
    {
      name: 'neither URL',
      source: doc(...validLines({ originalUrl: null, webUrl: null })),
      problems: [{ line: 2, column: 1, message: 'webUrl or originalUrl is required: expected the http(s) address of the article' }],
    },
    { name: 'an empty webUrl and no originalUrl', source: doc(...validLines({ originalUrl: null, webUrl: 'webUrl: ""' })), problems: [{ line: 5, column: 9 }] },
    { name: 'no provider', source: doc(...validLines({ provider: null })), problems: [{ line: 2, column: 1, message: /^provider is missing/ }] },
    {
      name: 'a provider without a name, at the provider key',
      source: doc(...validLines({ provider: 'provider:\n  domain: example.test' })),
      problems: [{ line: 7, column: 1, message: "provider.name is missing: expected the publisher's name" }],
    },
    {
      name: 'a related entry without a title or a URL (its date and provider may be left out)',
      source: doc(...validLines({ related: 'related:\n  - title: ""\n    excerpt: no title, date, link or provider\n  - originalUrl: https://other.test/c\n  - title: Fine\n    webUrl: https://other.test/d' })),
      problems: [
        { line: 13, column: 5, message: 'related[0].webUrl or related[0].originalUrl is required: expected the http(s) address of the article' },
        { line: 13, column: 12, message: "related[0].title is empty: expected the article's headline" },
        { line: 15, column: 5, message: "related[1].title is missing: expected the article's headline" },
      ],
    },
    { name: 'a mapping without any field', source: doc('layout: page'), problems: [2, 2, 2, 2].map((line) => ({ line, column: 1 })) },
    { name: 'empty front matter', source: '---\n---\n', problems: [1, 1, 1, 1].map((line) => ({ line, column: 1 })) },
  ],
});
