import { describe, expect, it } from 'vitest';
import { unescapedUrl } from '../../src/rules/url-entity.js';
import { doc, testRule, validLines } from './rule-tester.js';

const withUrl = (url: string) => doc(...validLines({ webUrl: `webUrl: "${url}"` }));

testRule('url-entity', {
  valid: [
    { name: 'a plain query', source: withUrl('https://www.example.test/news/a?x=1&y=2') },
    { name: '"amp" inside a word or a path', source: withUrl('https://www.example.test/camp;ground/amp/a?stamp=1&ramp;=2') },
    { name: 'no URL fields', source: doc(...validLines({ webUrl: null, originalUrl: null })) },
  ],
  invalid: [
    {
      name: 'an escaped ampersand',
      source: withUrl('https://www.example.test/news/a?x=1&amp;y=2'),
      problems: [{ line: 6, column: 9, message: "webUrl: 'https://www.example.test/news/a?x=1&amp;y=2' holds an HTML-escaped &: expected 'https://www.example.test/news/a?x=1&y=2'" }],
    },
    {
      name: 'a lost ampersand (?amp;) and an escaped one',
      source: withUrl('https://www.example.test/a?amp;fs=e&amp;s=cl'),
      problems: [{ line: 6, column: 9, message: /expected 'https:\/\/www\.example\.test\/a\?fs=e&s=cl'$/ }],
    },
    {
      name: 'a long URL: the end of the value is shown, where the query is, and the URL to write whole',
      source: withUrl(`https://www.example.test/${'long-path/'.repeat(12)}story?a=1&amp;b=2`),
      problems: [{ line: 6, column: 9, message: /^webUrl: '…[^']*story\?a=1&amp;b=2' holds an HTML-escaped &: expected 'https:\/\/[^'…]*story\?a=1&b=2'$/ }],
    },
    {
      name: 'a numeric reference in a related image URL',
      source: doc(...validLines({ related: 'related:\n  - title: x\n    images:\n      - url: "https://cdn.example.test/i.jpg?w=1&#38;h=2"' })),
      problems: [{ line: 15, column: 14, message: /^related\[0\]\.images\[0\]\.url: .* expected 'https:\/\/cdn\.example\.test\/i\.jpg\?w=1&h=2'$/ }],
    },
  ],
});

describe('unescapedUrl', () => {
  it.each([
    ['https://a.test/?a=1&amp;b=2', 'https://a.test/?a=1&b=2'],
    ['https://a.test/?a=1&AMP;b=2', 'https://a.test/?a=1&b=2'],
    ['https://a.test/?a=1&#x26;b=2', 'https://a.test/?a=1&b=2'],
    ['https://a.test/?amp;a=1', 'https://a.test/?a=1'],
    ['https://a.test/?a=1&b=2', null],
  ])('%s → %s', (url, fixed) => {
    expect(unescapedUrl(url)).toBe(fixed);
  });
});
