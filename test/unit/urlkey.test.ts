// urlKey: which links count as the same story, and its shortcut for plain links agreeing with the URL parser.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsedUrlKey, samePercentEncoding, urlKey } from '../../src/core/urlkey.js';
import { FUZZ_SEED } from '../fuzz/budget.js';
import { describeShared, SHARED_CORPUS } from '../helpers.js';

describe('urlKey', () => {
  it.each([
    ['https://www.example.test/a/b/', 'example.test/a/b'],
    ['http://example.test/a', 'example.test/a'],
    ['https://Example.TEST/A', 'example.test/A'],
    ['https://example.test', 'example.test'],
    ['https://example.test/', 'example.test'],
    ['https://example.test/a#part', 'example.test/a'],
    ['https://example.test:443/a', 'example.test/a'],
    ['https://example.test:8443/a', 'example.test:8443/a'],
    ['http://example.test:80/a', 'example.test/a'],
    // Only the scheme's own default port: TLS on port 80 is another server.
    ['https://example.test:80/a', 'example.test:80/a'],
    ['http://example.test:443/a', 'example.test:443/a'],
    // A user name or password names no other article (and is never kept in a key).
    ['https://user:secret@example.test/a', 'example.test/a'],
    ['https://user@www.example.test/a/', 'example.test/a'],
    ['https://example.test/a?b=2&a=1&utm_source=rss', 'example.test/a?a=1&b=2'],
    // Click identifiers name a visit, not a page; a name that merely starts like one stays.
    ['https://example.test/a?fbclid=IwAR0x&id=5&GCLID=Cj0&msclkid=9&mc_cid=1&mc_eid=2', 'example.test/a?id=5'],
    ['https://example.test/a?gclid_extra=1&igshid=x&yclid=2&twclid=3&dclid=4&gbraid=5&wbraid=6', 'example.test/a?gclid_extra=1'],
    // Sorted by name; a name given twice keeps its values in the order given.
    ['https://example.test/a?tag=b&x=1&tag=a', 'example.test/a?tag=b&tag=a&x=1'],
    ['https://example.test/a?tag=a&tag=b', 'example.test/a?tag=a&tag=b'],
    ['https://example.test/a/../b', 'example.test/b'],
    ['https://example.test/a/%2e%2e/b', 'example.test/b'],
    ['https://example.test./a', 'example.test/a'],
    ['  https://example.test/a  ', 'example.test/a'],
    ['https://example.test/a b', 'example.test/a%20b'],
    ['http://0x7f.1/a', '127.0.0.1/a'],
    ['https://example.test/caf%c3%a9', 'example.test/caf%C3%A9'],
    ['https://example.test/caf%C3%A9', 'example.test/caf%C3%A9'],
    ['https://example.test/caf\u00e9', 'example.test/caf%C3%A9'],
    ['https://example.test/%7Euser', 'example.test/~user'],
    ['https://example.test/%7euser/', 'example.test/~user'],
    ['https://example.test/%41%2d%5F%2E', 'example.test/A-_.'],
    ['https://example.test/a%2fb', 'example.test/a%2Fb'],
    ['https://example.test/a%3Fb%25', 'example.test/a%3Fb%25'],
    ['https://example.test/a?q=caf%c3%a9', 'example.test/a?q=caf%C3%A9'],
    ['https://example.test/100%', 'example.test/100%25'],
    ['https://example.test/100%25', 'example.test/100%25'],
    ['https://example.test/%4%31', 'example.test/%2541'],
    ['https://xn--bcher-kva.example/x', 'xn--bcher-kva.example/x'],
    ['https://xn--zz.example/', null],
    ['ftp://example.test/a', null],
    ['not a link', null],
    ['', null],
    [null, null],
  ])('%j → %j', (link, key) => {
    expect(urlKey(link)).toBe(key);
  });
});

// Links near the edges of the shortcut: each should take it or be left to the parser, never differ.
const edges = fc.constantFrom(
  '', '/', '//', '/a/', '/a//', '/.', '/..', '/a/./b', '/a/../b', '/.well-known/x', '/%2e/', '/%2E%2e/', '/%zz', '/%41', '/%7e', '/%7E', '/%c3%a9', '/%2f', '/%2F', '/%25', '/%',
  '/a\\b', '/a b', '/a"b', '/a<b>', '/a`b', '/a{b}', '/a|b', '/a^b', '/~user', "/it's", '/a;b=c', '/a:b@c', '/a+b',
  '?', '?x', '?utm_medium=x', '#', '#x y', '#\u00e9', '/caf\u00e9', '/\t', '/a\nb', '/\u0000',
);
const hosts = fc.constantFrom(
  'example.test', 'www.example.test', 'Example.Test', 'a.b.c.example', 'example.test.', 'a..b', 'www', 'www.com', '-a.test', 'a-.test',
  'xn--bcher-kva.example', 'xn--zz.example', 'a.xn--zz', '1.2.3.4', '0x7f.1', 'example.0x1', 'a.0xg', '127.1', 'a.1b', 'a.b1',
  'user@a.test', 'a.test:80', 'a.test:8080', '[::1]', 'a_b.test', '\u00e9.test', 'localhost',
);
const links = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.tuple(fc.constantFrom('http://', 'https://', 'HTTP://', 'https:/', 'ftp://', ' https://'), hosts, fc.array(edges, { maxLength: 4 }))
    .map(([scheme, host, parts]) => scheme + host + parts.join('')),
  fc.tuple(fc.webUrl(), fc.string({ maxLength: 6 })).map(([link, tail]) => link + tail),
);

describe('samePercentEncoding', () => {
  it('gives a form that it leaves as it is', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\/a-z%0-9A-F~]{0,16}$/), (path) => {
        const once = samePercentEncoding(path);
        expect(samePercentEncoding(once)).toBe(once);
      }),
      { numRuns: 2000, seed: FUZZ_SEED },
    );
  });
});

describe("urlKey's shortcut for plain links", () => {
  it('gives what the URL parser gives, for any link', () => {
    fc.assert(
      fc.property(links, (link) => {
        expect(urlKey(link)).toBe(parsedUrlKey(link));
      }),
      { numRuns: 3000, seed: FUZZ_SEED },
    );
  });

  describeShared('over the real corpus', () => {
    it('gives what the URL parser gives for every link of every document', () => {
      const files = collect(SHARED_CORPUS);
      const found = files.flatMap((file) => readFileSync(file, 'utf8').match(/https?:\/\/[^\s"'<>]+/g) ?? []);
      expect(found.length).toBeGreaterThan(1000);
      for (const link of found) expect(urlKey(link), link).toBe(parsedUrlKey(link));
    });
  });
});

function collect(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(md|ya?ml)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}
