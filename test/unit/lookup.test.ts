import { describe, expect, it } from 'vitest';
import { findMatches, parseRef, preferNamedFile, recordMatches, refNamesId, type LookupRecord } from '../../src/core/lookup.js';

function record(id: string, urls: Partial<Pick<LookupRecord, 'url' | 'originalUrl' | 'webUrl'>> = {}, file = `news/${id}.md`): LookupRecord {
  return { id, path: file, url: null, originalUrl: null, webUrl: null, ...urls };
}

describe('parseRef', () => {
  it.each([
    ['2023-10-16-open-weights', { ids: ['2023-10-16-open-weights'], urlKey: null, extension: null }],
    ['2023-10-16-open-weights.md', { ids: ['2023-10-16-open-weights.md', '2023-10-16-open-weights'], urlKey: null, extension: '.md' }],
    ['notes.MARKDOWN', { ids: ['notes.MARKDOWN', 'notes'], urlKey: null, extension: '.markdown' }],
    ['.md', { ids: ['.md'], urlKey: null, extension: null }],
    ['v1.2-release', { ids: ['v1.2-release'], urlKey: null, extension: null }],
    ['cafe\u0301.md', { ids: ['caf\u00e9.md', 'caf\u00e9'], urlKey: null, extension: '.md' }],
    ['https://www.example.test/a/', { ids: [], urlKey: 'example.test/a', extension: null }],
    ['news/a.md', { ids: [], urlKey: null, extension: null }],
    ['ftp://example.test/a', { ids: [], urlKey: null, extension: null }],
    // A backslash is part of a file name, hence of an id, except on Windows.
    ['a\\story', process.platform === 'win32' ? { ids: [], urlKey: null, extension: null } : { ids: ['a\\story'], urlKey: null, extension: null }],
  ])('reads %j', (text, expected) => {
    expect(parseRef(text)).toEqual({ text, ...expected });
  });
});

describe('recordMatches', () => {
  const article = record('2023-10-10-draft', {
    url: 'https://press.test/drafts/one',
    webUrl: 'https://press.test/drafts/one',
    originalUrl: 'https://feeds.press.test/item?id=7&utm_source=rss',
  });

  it.each([
    ['2023-10-10-draft', true],
    ['2023-10-10-draft.md', true],
    ['2023-10-10', false],
    ['2023-10-10-DRAFT', false],
    ['https://press.test/drafts/one', true],
    ['http://www.press.test/drafts/one/', true],
    ['https://press.test/drafts/one?utm_medium=email&utm_source=x', true],
    ['https://press.test/drafts/one#comments', true],
    ['https://press.test/drafts/two', false],
    ['https://feeds.press.test/item?id=7', true],
    ['https://feeds.press.test/item?id=8', false],
  ])('%j → %s', (ref, expected) => {
    expect(recordMatches(parseRef(ref), article)).toBe(expected);
  });

  it('ignores records without URLs when matching a URL', () => {
    expect(recordMatches(parseRef('https://press.test/'), record('a'))).toBe(false);
  });
});

describe('refNamesId', () => {
  it('compares whole ids only', () => {
    expect(refNamesId(parseRef('about'), 'about', 'a/about.md')).toBe(true);
    expect(refNamesId(parseRef('about'), 'about-us', 'a/about-us.md')).toBe(false);
    expect(refNamesId(parseRef('https://x.test/about'), 'about', 'a/about.md')).toBe(false);
  });

  it.each<[string, string, boolean]>([
    ['s.md', 'tw/s.md', true],
    ['s.md', 'tw/s.MD', true],
    ['s.Md', 'tw/s.md', true],
    ['s.md', 'tw/s.markdown', false],
    ['s.MARKDOWN', 'tw/s.md', false],
    ['s.MARKDOWN', 'tw/s.markdown', true],
    ['s', 'tw/s.markdown', true],
    ['s.md', 'tw/s.md.md', true],
  ])('%s with its extension names %s: %s (the extension in any case, never another one)', (ref, file, named) => {
    const name = file.slice(file.lastIndexOf('/') + 1);
    expect(refNamesId(parseRef(ref), name.slice(0, name.lastIndexOf('.')), file)).toBe(named);
  });

  it('compares ids in one Unicode form: composed é and e + U+0301 are one id', () => {
    expect(refNamesId(parseRef('cafe\u0301'), 'caf\u00e9', 'a/caf\u00e9.md')).toBe(true);
    expect(refNamesId(parseRef('caf\u00e9.md'), 'cafe\u0301', 'a/cafe\u0301.md')).toBe(true);
    expect(refNamesId(parseRef('cafe'), 'caf\u00e9', 'a/caf\u00e9.md')).toBe(false);
  });
});

describe('findMatches', () => {
  it('returns every record the reference names, in order', () => {
    const records = [
      record('b/same', { webUrl: 'https://x.test/1' }),
      record('other', { url: 'http://x.test/1/' }),
      record('third', { url: 'https://x.test/2' }),
    ];
    expect(findMatches(parseRef('https://www.x.test/1'), records).map((r) => r.id)).toEqual(['b/same', 'other']);
    expect(findMatches(parseRef('third'), records).map((r) => r.id)).toEqual(['third']);
    expect(findMatches(parseRef('none'), records)).toEqual([]);
  });
});

describe('preferNamedFile', () => {
  const twins = [{ path: 'news/dup.markdown' }, { path: 'news/dup.md' }, { path: 'archive/dup.md' }];
  it.each<[string, string[]]>([
    ['dup.md', ['news/dup.md', 'archive/dup.md']],
    ['dup.markdown', ['news/dup.markdown']],
    ['dup', ['news/dup.markdown', 'news/dup.md', 'archive/dup.md']],
    ['dup.MD', ['news/dup.markdown', 'news/dup.md', 'archive/dup.md']],
  ])('%s keeps %j', (ref, kept) => {
    expect(preferNamedFile(parseRef(ref), twins).map((record) => record.path)).toEqual(kept);
  });

  it('keeps a single match whatever its name', () => {
    expect(preferNamedFile(parseRef('dup.md'), [{ path: 'news/dup.markdown' }])).toEqual([{ path: 'news/dup.markdown' }]);
  });
});
