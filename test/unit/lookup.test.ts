import { describe, expect, it } from 'vitest';
import { findMatches, parseRef, preferNamedFile, recordMatches, refNamesId, type LookupRecord } from '../../src/core/lookup.js';

function record(id: string, urls: Partial<Pick<LookupRecord, 'url' | 'originalUrl' | 'webUrl'>> = {}): LookupRecord {
  return { id, url: null, originalUrl: null, webUrl: null, ...urls };
}

describe('parseRef', () => {
  it.each([
    ['2023-10-16-open-weights', { ids: ['2023-10-16-open-weights'], urlKey: null }],
    ['2023-10-16-open-weights.md', { ids: ['2023-10-16-open-weights.md', '2023-10-16-open-weights'], urlKey: null }],
    ['notes.MARKDOWN', { ids: ['notes.MARKDOWN', 'notes'], urlKey: null }],
    ['v1.2-release', { ids: ['v1.2-release'], urlKey: null }],
    ['https://www.example.test/a/', { ids: [], urlKey: 'example.test/a' }],
    ['news/a.md', { ids: [], urlKey: null }],
    ['ftp://example.test/a', { ids: [], urlKey: null }],
    // A backslash is part of a file name, hence of an id, except on Windows.
    ['a\\story', process.platform === 'win32' ? { ids: [], urlKey: null } : { ids: ['a\\story'], urlKey: null }],
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
    expect(refNamesId(parseRef('about'), 'about')).toBe(true);
    expect(refNamesId(parseRef('about'), 'about-us')).toBe(false);
    expect(refNamesId(parseRef('https://x.test/about'), 'about')).toBe(false);
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
