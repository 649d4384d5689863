import { describe, expect, it } from 'vitest';
import { siteOf } from '../../src/rules/url-site-mismatch.js';
import { doc, testRule, validLines } from './rule-tester.js';

const urls = (web: string, original: string) => validLines({ webUrl: `webUrl: "${web}"`, originalUrl: `originalUrl: "${original}"` });

testRule('url-site-mismatch', {
  valid: [
    { name: 'the same URL', source: doc(...validLines()) },
    { name: 'another page of one site, www. and scheme aside', source: doc(...urls('http://example.test/b', 'https://www.example.test/a')) },
    { name: 'subdomains of one site', source: doc(...urls('https://edition.cnn.test/x', 'https://www.cnn.test/x')) },
    { name: 'two subdomains of one site', source: doc(...urls('https://uk.reuters.test/x', 'https://us.reuters.test/x')) },
    { name: 'one site under a country second level', source: doc(...urls('https://news.bbc.co.uk/x', 'https://www.bbc.co.uk/x')) },
    { name: 'only one of them', source: doc(...validLines({ webUrl: null })) },
    // A short site name under a country's top level is a site, not a second level like co.uk.
    { name: 'a short name under a country domain, and its subdomain', source: doc(...urls('https://www.abc.es/x', 'https://news.abc.es/x')) },
    { name: 'orf.at and wien.orf.at', source: doc(...urls('https://orf.at/x', 'https://wien.orf.at/x')) },
    { name: 'rai.it and rainews.rai.it', source: doc(...urls('https://www.rai.it/x', 'https://www.rainews.rai.it/x')) },
    // A site that is a country's second level itself, with and without www.
    { name: 'www.gov.uk and gov.uk', source: doc(...urls('https://www.gov.uk/news/a', 'https://gov.uk/news/a')) },
    { name: 'one that is no URL (invalid-url reports it)', source: doc(...urls('nowhere', 'https://example.test/a')) },
    { name: 'an amp copy is not compared', source: doc(...validLines({ ampWebUrl: 'ampWebUrl: "https://www-example-test.cdn.ampproject.org/c/a"' })) },
  ],
  invalid: [
    {
      name: 'two sites',
      source: doc(...urls('https://www.techrepublic.test/article/x', 'https://www.businessinsider.test/y')),
      problems: [{ line: 6, column: 9, message: "webUrl: its site (techrepublic.test) is not originalUrl's (businessinsider.test): expected both to address one article, on one site" }],
    },
    { name: 'two countries of one name are two sites', source: doc(...urls('https://www.bbc.co.uk/x', 'https://www.bbc.com/x')), problems: [{ line: 6, column: 9, message: /its site \(bbc\.co\.uk\) is not originalUrl's \(bbc\.com\)/ }] },
    {
      name: 'in a related entry',
      source: doc(...validLines({ related: 'related:\n  - title: R\n    webUrl: "https://a.test/r"\n    originalUrl: "https://b.test/r"' })),
      problems: [{ line: 14, column: 13, message: /^related\[0\]\.webUrl: its site \(a\.test\)/ }],
    },
  ],
});

describe('siteOf', () => {
  it.each([
    ['example.test', 'example.test'],
    ['news.example.test', 'example.test'],
    ['a.b.c.example.com', 'example.com'],
    ['www.bbc.co.uk', 'bbc.co.uk'],
    ['abc.net.au', 'abc.net.au'],
    ['news.abc.net.au', 'abc.net.au'],
    ['news.abc.es', 'abc.es'],
    ['wien.orf.at', 'orf.at'],
    ['www.bbc.com.au', 'bbc.com.au'],
    ['co.uk', 'co.uk'],
    ['economie.gouv.fr', 'economie.gouv.fr'],
    ['health.govt.nz', 'health.govt.nz'],
    ['localhost', 'localhost'],
    ['192.168.0.1', '192.168.0.1'],
    ['[2001:db8::1]', '[2001:db8::1]'],
  ])('%s → %s', (host, site) => {
    expect(siteOf(host)).toBe(site);
  });
});
