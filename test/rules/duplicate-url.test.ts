import { describe, expect, it } from 'vitest';
import { corpusProblemsOf, doc, validLines } from './rule-tester.js';

const withUrl = (url: string, field = 'originalUrl') => doc(...validLines({ originalUrl: null, webUrl: null, [field]: `${field}: "${url}"` }));
const places = (found: ReturnType<typeof corpusProblemsOf>) =>
  Object.fromEntries(Object.entries(found).map(([path, problems]) => [path, problems.map(({ line, column, severity }) => ({ line, column, severity }))]));

describe('duplicate-url', () => {
  it('valid: different stories', () => {
    expect(corpusProblemsOf('duplicate-url', { 'a/x.md': withUrl('https://example.test/a'), 'a/y.md': withUrl('https://example.test/b') })).toEqual({});
  });

  it('valid: a different query parameter is a different story', () => {
    expect(corpusProblemsOf('duplicate-url', { 'x.md': withUrl('https://example.test/a?id=1'), 'y.md': withUrl('https://example.test/a?id=2') })).toEqual({});
  });

  it('invalid: same URL ignoring scheme, www., trailing slash, fragment and utm_*; each file names the other', () => {
    const found = corpusProblemsOf('duplicate-url', {
      'a/x.md': withUrl('https://www.example.test/a'),
      'b/y.md': withUrl('http://example.test/a/?utm_source=feed#top', 'webUrl'),
    });
    expect(places(found)).toEqual({
      'a/x.md': [{ line: 5, column: 14, severity: 'error' }],
      'b/y.md': [{ line: 5, column: 9, severity: 'error' }],
    });
    expect(found['a/x.md']![0]!.message).toBe("originalUrl: this article's URL (example.test/a) is also in b/y.md: expected each article in one file only");
    expect(found['b/y.md']![0]!.message).toMatch(/^webUrl: .* is also in a\/x\.md:/);
  });

  it('invalid: the same path in other percent-encodings (hex case, an escaped unreserved character, a raw letter)', () => {
    const found = corpusProblemsOf('duplicate-url', {
      'upper.md': withUrl('https://e.test/caf%C3%A9/%7Euser'),
      'lower.md': withUrl('https://e.test/caf%c3%a9/~user'),
      'raw.md': withUrl('https://e.test/caf\u00e9/%7euser'),
      'slash.md': withUrl('https://e.test/caf%C3%A9%2F~user'),
    });
    expect(Object.keys(found).sort()).toEqual(['lower.md', 'raw.md', 'upper.md']);
    expect(found['upper.md']![0]!.message).toContain('(e.test/caf%C3%A9/~user) is also in lower.md and raw.md:');
  });

  it('invalid: three copies name the others', () => {
    const found = corpusProblemsOf('duplicate-url', { 'x.md': withUrl('https://e.test/a'), 'y.md': withUrl('https://e.test/a'), 'z.md': withUrl('https://e.test/a') });
    expect(found['x.md']![0]!.message).toMatch(/is also in y\.md and z\.md:/);
    expect(found['y.md']![0]!.message).toMatch(/is also in x\.md and z\.md:/);
    expect(found['z.md']![0]!.message).toMatch(/is also in x\.md and y\.md:/);
  });

  it('invalid: four copies name the three others; six name three and count the rest', () => {
    const copies = (names: string[]) => {
      const found = corpusProblemsOf('duplicate-url', Object.fromEntries(names.map((name) => [name, withUrl('https://e.test/a')])));
      return Object.fromEntries(Object.entries(found).map(([path, problems]) => [path, problems[0]!.message.replace(/^.* is also in (.*): expected.*$/, '$1')]));
    };
    expect(copies(['a.md', 'b.md', 'c.md', 'd.md'])).toEqual({
      'a.md': 'b.md, c.md and d.md',
      'b.md': 'a.md, c.md and d.md',
      'c.md': 'a.md, b.md and d.md',
      'd.md': 'a.md, b.md and c.md',
    });
    const six = copies(['a.md', 'b.md', 'c.md', 'd.md', 'e.md', 'f.md']);
    expect(six['a.md']).toBe('b.md, c.md, d.md and 2 other files');
    expect(six['f.md']).toBe('a.md, b.md, c.md and 2 other files');
    expect(copies(['a.md', 'b.md', 'c.md', 'd.md', 'e.md'])['e.md']).toBe('a.md, b.md, c.md and 1 other file');
    // Long names: as many as fit in 120 characters (the first always), then a count.
    const long = (n: number) => `${String(n).padStart(2, '0')}-${'x'.repeat(50)}.md`;
    expect(copies([long(1), long(2), long(3), long(4)])[long(1)]).toBe(`${long(2)}, ${long(3)} and 1 other file`);
    expect(copies([`${'y'.repeat(200)}.md`, long(1)])[long(1)]).toBe(`${'y'.repeat(200)}.md`);
    // Named in path order, by code point as reports list files, whatever order they were read in.
    expect(copies(['d100.md', 'd10.md', 'd1.md', 'd9.md', 'd2.md'])['d100.md']).toBe('d1.md, d10.md, d2.md and 1 other file');
  });

  it('originalUrl wins over webUrl as the canonical URL', () => {
    const found = corpusProblemsOf('duplicate-url', {
      'x.md': doc(...validLines({ originalUrl: 'originalUrl: https://source.test/1', webUrl: 'webUrl: https://shared.test/' })),
      'y.md': doc(...validLines({ originalUrl: 'originalUrl: https://source.test/2', webUrl: 'webUrl: https://shared.test/' })),
    });
    expect(found).toEqual({});
  });
});
