import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// These tests give stamps their own times: the 2-second window is tested as it ships (see test/setup-env.ts).
vi.hoisted(() => {
  process.env.FEEDTOOL_RACY_WINDOW_MS = '2000';
});
import { summarise } from '../../src/core/summary.js';
import type { Article } from '../../src/core/types.js';
import { CachedSummary, RecordCache, type FileStamp } from '../../src/io/cache.js';
import { COLUMNS, MAX_RESULT_LINE } from '../../src/io/cache-file.js';
import { FileRecord, recordOf, type LoadedResult } from '../../src/io/loaded.js';
import { resealCacheIndex } from '../helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'feedtool-cache-unit-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const HOUR_AGO = Date.now() - 3_600_000;

function record(n: number, extra: Partial<Article> = {}): Article {
  return {
    id: `a${n}`,
    path: `/news/a${n}.md`,
    title: `Title ${n} — “quoted”`,
    excerpt: n % 2 ? `Excerpt ${n}` : null,
    category: 'news',
    type: 'article',
    publishedDateTime: n === 2 ? null : `2023-01-0${n + 1}T00:00:00.000Z`,
    originalUrl: null,
    webUrl: `https://example.test/${n}`,
    ampWebUrl: null,
    cdnAmpWebUrl: null,
    url: `https://example.test/${n}`,
    provider: { name: n === 1 ? null : 'Example', domain: 'example.test' },
    topics: n === 0 ? [] : ['AI', `T${n}`],
    quality: n === 1 ? null : n * 10,
    heat: n === 0 ? 0 : null,
    published: n === 3 ? true : null,
    images: [],
    extra: {},
    related: [],
    encoding: 'utf-8',
    fixes: [],
    ...extra,
  };
}

const stampOf = (n: number): FileStamp => ({ size: 100 + n, mtimeMs: HOUR_AGO + n, ctimeMs: HOUR_AGO + n, ino: 1000 + n });

function articleResult(article: Article): LoadedResult {
  return { kind: 'article', summary: summarise(article), json: JSON.stringify(article) };
}

/**
 * Damages the first record of a cache file where only its checksum can tell (`{"id"` becomes
 * `{" d"`: still a JSON object); returns the damaged bytes.
 */
function damageFirstRecord(location: string): Buffer {
  const bytes = readFileSync(location);
  bytes[bytes.indexOf(10) + 3] = 0x20;
  writeFileSync(location, bytes);
  return bytes;
}

function writeCache(location: string, count: number): Article[] {
  const cache = RecordCache.open(location, 'k');
  const articles: Article[] = [];
  for (let n = 0; n < count; n++) {
    const article = record(n);
    articles.push(article);
    cache.set(`/abs/a${n}.md`, stampOf(n), { ...articleResult(article) }, Date.now());
  }
  cache.set('/abs/readme.md', stampOf(99), { kind: 'not-article', path: '/news/readme.md', reason: 'no front matter' }, Date.now());
  cache.save();
  return articles;
}

describe('RecordCache', () => {
  it('gives back what it was given, lazily or not: every summary field and the record bytes', () => {
    const location = path.join(dir, 'c.cache');
    const articles = writeCache(location, 4);
    for (const lazySummaries of [false, true]) {
      const cache = RecordCache.open(location, 'k', { lazySummaries, summaryExcerpt: true });
      articles.forEach((article, n) => {
        const result = cache.get(`/abs/a${n}.md`, stampOf(n), article.path);
        expect(result?.kind).toBe('article');
        if (result?.kind !== 'article') return;
        expect(result.summary instanceof CachedSummary).toBe(lazySummaries);
        expect(JSON.parse(JSON.stringify(result.summary))).toEqual(summarise(article));
        for (const key of Object.keys(summarise(article)) as Array<keyof ReturnType<typeof summarise>>) {
          expect(result.summary[key]).toEqual(summarise(article)[key]);
        }
        expect(recordOf(result.json)).toEqual(article);
      });
      expect(cache.get('/abs/readme.md', stampOf(99), '/news/readme.md')).toEqual({ kind: 'not-article', path: '/news/readme.md', reason: 'no front matter' });
    }
  });

  it('misses on any stamp field, another shown path or an unknown file', () => {
    const location = path.join(dir, 'c.cache');
    const [first] = writeCache(location, 2);
    const cache = RecordCache.open(location, 'k');
    for (const key of ['size', 'mtimeMs', 'ctimeMs', 'ino'] as const) {
      expect(cache.get('/abs/a0.md', { ...stampOf(0), [key]: stampOf(0)[key] + 1 }, first!.path)).toBeUndefined();
    }
    expect(cache.get('/abs/a0.md', stampOf(0), 'news/a0.md')).toBeUndefined();
    expect(cache.get('/abs/other.md', stampOf(0), first!.path)).toBeUndefined();
    const hit = cache.get('/abs/a0.md', stampOf(0), first!.path);
    expect(hit?.kind === 'article' && recordOf(hit.json)).toEqual(first);
    expect(RecordCache.open(location, 'another key').get('/abs/a0.md', stampOf(0), first!.path)).toBeUndefined();
  });

  it('a lazy summary whose cached line is damaged falls back to the record', () => {
    const location = path.join(dir, 'c.cache');
    const articles = writeCache(location, 3);
    const text = readFileSync(location, 'latin1');
    // The last occurrence is in the summary lines, which follow the records.
    const at = text.lastIndexOf('"title":"Title 1');
    // Sealed again: a change the index checksum would miss (a collision) meets the checks behind it.
    writeFileSync(location, resealCacheIndex(Buffer.from(`${text.slice(0, at)}"title":[${text.slice(at + 9)}`, 'latin1')));
    const cache = RecordCache.open(location, 'k', { lazySummaries: true, summaryExcerpt: true });
    const result = cache.get('/abs/a1.md', stampOf(1), articles[1]!.path);
    expect(result?.kind === 'article' && result.summary.title).toBe(articles[1]!.title);
    expect(result?.kind === 'article' && result.summary.topics).toEqual(['AI', 'T1']);
    // Served eagerly, the same damaged entry is a miss.
    const eager = RecordCache.open(location, 'k', { lazySummaries: false, summaryExcerpt: true });
    expect(eager.get('/abs/a1.md', stampOf(1), articles[1]!.path)).toBeUndefined();
    const intact = eager.get('/abs/a2.md', stampOf(2), articles[2]!.path);
    expect(intact?.kind === 'article' && recordOf(intact.json)).toEqual(articles[2]);
  });

  it('large files: records stay in the file until read, and are written back when the cache changes', () => {
    const location = path.join(dir, 'c.cache');
    const articles = writeCache(location, 4);
    const cache = RecordCache.open(location, 'k', { lazySummaries: true, summaryExcerpt: true, readWhole: 0 });
    const results = articles.map((article, n) => cache.get(`/abs/a${n}.md`, stampOf(n), article.path));
    expect(results.every((result) => result?.kind === 'article' && result.json instanceof FileRecord)).toBe(true);
    // A change (a new file) makes save copy the kept records from the old file into the new one.
    cache.set('/abs/new.md', stampOf(7), articleResult(record(7, { path: '/news/new.md' })), Date.now());
    cache.save();
    cache.discard();
    results.forEach((result, n) => expect(result?.kind === 'article' && recordOf(result.json)).toEqual(articles[n]));
    const reopened = RecordCache.open(location, 'k', { lazySummaries: false, summaryExcerpt: true, readWhole: 0 });
    for (const [n, article] of [...articles, record(7, { path: '/news/new.md' })].entries()) {
      const file = n < 4 ? `/abs/a${n}.md` : '/abs/new.md';
      const result = reopened.get(file, stampOf(n < 4 ? n : 7), article.path);
      expect(result?.kind === 'article' && recordOf(result.json)).toEqual(article);
    }
  });

  it('large files: a record found damaged when read stops the run with a clear error and removes the file', () => {
    const location = path.join(dir, 'c.cache');
    const articles = writeCache(location, 2);
    const bytes = damageFirstRecord(location);
    const cache = RecordCache.open(location, 'k', { lazySummaries: false, summaryExcerpt: true, readWhole: 0 });
    const result = cache.get('/abs/a0.md', stampOf(0), articles[0]!.path);
    expect(result?.kind).toBe('article');
    expect(() => result?.kind === 'article' && recordOf(result.json)).toThrow(/cache file .* is damaged .* it has been removed/);
    expect(existsSync(location)).toBe(false);
    // A whole read finds the same damage at once: the entry is a miss.
    writeFileSync(location, bytes);
    expect(RecordCache.open(location, 'k').get('/abs/a0.md', stampOf(0), articles[0]!.path)).toBeUndefined();
    const intact = RecordCache.open(location, 'k').get('/abs/a1.md', stampOf(1), articles[1]!.path);
    expect(intact?.kind === 'article' && recordOf(intact.json)).toEqual(articles[1]);
  });

  it('large files: a record found damaged when read is made again from its file when the run can, and the file removed', () => {
    const location = path.join(dir, 'c.cache');
    const articles = writeCache(location, 2);
    damageFirstRecord(location);
    const loads: string[] = [];
    const remade = (article: Article) => (ref: { file: string; shown: string }): LoadedResult => {
      loads.push(`${ref.file} as ${ref.shown}`);
      return articleResult(article);
    };
    const told: string[] = [];
    const open = (load: (ref: { file: string; shown: string }) => LoadedResult) => {
      const cache = RecordCache.open(location, 'k', { lazySummaries: false, summaryExcerpt: true, readWhole: 0 });
      cache.remakeDamagedRecordsWith(load, (file) => told.push(file));
      expect(cache.readsRecordsLate).toBe(true);
      return articles.map((article, n) => cache.get(`/abs/a${n}.md`, stampOf(n), article.path));
    };
    const damaged = readFileSync(location);
    const served = open(remade(articles[0]!));
    expect(served[1]?.kind === 'article' && recordOf(served[1].json)).toEqual(articles[1]);
    expect(loads).toEqual([]);
    expect(existsSync(location)).toBe(true);
    expect(served[0]?.kind === 'article' && recordOf(served[0].json)).toEqual(articles[0]);
    expect(loads).toEqual(['/abs/a0.md as /news/a0.md']);
    expect(existsSync(location)).toBe(false);
    // The caller is told (for -v), once the record is made again.
    expect(told).toEqual([location]);
    // A file that no longer gives the summary the run sorted by cannot stand in: the run stops.
    for (const other of [record(0, { quality: 99 }), record(0, { title: 'Another title' })]) {
      writeFileSync(location, damaged);
      const changed = open(remade(other));
      expect(() => changed[0]?.kind === 'article' && recordOf(changed[0].json)).toThrow(/cache file .* is damaged .* it has been removed/);
      expect(existsSync(location)).toBe(false);
    }
    writeFileSync(location, damaged);
    const gone = open(() => ({ kind: 'error', diagnostic: { path: '/news/a0.md', line: 0, column: 0, code: 'unreadable', message: 'gone' } }));
    expect(() => gone[0]?.kind === 'article' && recordOf(gone[0].json)).toThrow(/cache file .* is damaged/);
  });

  it('files read whole need no remaking: a damaged record there is a miss, and nothing is loaded again', () => {
    const location = path.join(dir, 'c.cache');
    const articles = writeCache(location, 2);
    damageFirstRecord(location);
    const cache = RecordCache.open(location, 'k');
    let loads = 0;
    cache.remakeDamagedRecordsWith(() => {
      loads++;
      return articleResult(articles[0]!);
    });
    expect(cache.readsRecordsLate).toBe(false);
    expect(cache.get('/abs/a0.md', stampOf(0), articles[0]!.path)).toBeUndefined();
    const second = cache.get('/abs/a1.md', stampOf(1), articles[1]!.path);
    expect(second?.kind === 'article' && recordOf(second.json)).toEqual(articles[1]);
    expect(loads).toBe(0);
  });

  it('large files: a damaged record is made again for the entry it was served to, even where a damaged index points two entries at it', () => {
    const location = path.join(dir, 'c.cache');
    const articles = writeCache(location, 3);
    const bytes = readFileSync(location);
    // The index: its JSON line at the offset in the trailer, then files, shown, dates, numbers.
    const indexStart = bytes.readDoubleLE(bytes.length - 8);
    const lineEnd = bytes.indexOf(10, indexStart);
    const { sections } = JSON.parse(bytes.toString('utf8', indexStart, lineEnd)) as { sections: number[] };
    const numbersAt = lineEnd + 1 + sections[0]! + sections[1]! + sections[2]!;
    const cell = (row: number, column: number) => numbersAt + (row * COLUMNS + column) * 8;
    // Entry 2 now claims entry 0's place (offset and length), and entry 1's length shrinks so
    // that the records still fit their region; the record at that place is then damaged.
    const [lender, borrower] = [0, 2];
    bytes.copy(bytes, cell(borrower, 7), cell(lender, 7), cell(lender, 10));
    bytes.writeDoubleLE(2, cell(1, 8));
    bytes[bytes.readDoubleLE(cell(lender, 7))] = 0x20;
    writeFileSync(location, resealCacheIndex(bytes));
    const cache = RecordCache.open(location, 'k', { lazySummaries: false, summaryExcerpt: true, readWhole: 0 });
    const loads: string[] = [];
    cache.remakeDamagedRecordsWith((ref) => {
      loads.push(ref.file);
      return articleResult(articles[Number(ref.file.slice(6, -3))]!);
    });
    const served = cache.get(`/abs/a${borrower}.md`, stampOf(borrower), articles[borrower]!.path);
    expect(served?.kind === 'article' && recordOf(served.json)).toEqual(articles[borrower]);
    expect(loads).toEqual([`/abs/a${borrower}.md`]);
  });

  it('large files: a damaged record is not carried into the next file', () => {
    const location = path.join(dir, 'c.cache');
    const articles = writeCache(location, 3);
    damageFirstRecord(location);
    const cache = RecordCache.open(location, 'k', { lazySummaries: true, summaryExcerpt: true, readWhole: 0 });
    articles.forEach((article, n) => expect(cache.get(`/abs/a${n}.md`, stampOf(n), article.path)?.kind).toBe('article'));
    cache.set('/abs/new.md', stampOf(7), articleResult(record(7, { path: '/news/new.md' })), Date.now());
    cache.save();
    cache.discard();
    const reopened = RecordCache.open(location, 'k');
    const served = articles.map((article, n) => reopened.get(`/abs/a${n}.md`, stampOf(n), article.path));
    // The first record written was a0's: that entry is gone (read again next time), the rest kept.
    expect(served.map((result) => result?.kind)).toEqual([undefined, 'article', 'article']);
    expect(served[1]?.kind === 'article' && recordOf(served[1].json)).toEqual(articles[1]);
  });

  it.each([['read whole', undefined], ['read record by record', 0]] as const)(
    'a save mixing served, changed, new and vanished entries writes every row right (%s)',
    (_mode, readWhole) => {
      const location = path.join(dir, 'c.cache');
      const articles = writeCache(location, 4);
      const cache = RecordCache.open(location, 'k', { lazySummaries: true, summaryExcerpt: true, readWhole });
      // a0, a2 and the readme are served; a1 changed; a3 is gone; a5 (shown elsewhere) is new.
      expect(cache.get('/abs/a2.md', stampOf(2), articles[2]!.path)?.kind).toBe('article');
      expect(cache.get('/abs/a0.md', stampOf(0), articles[0]!.path)?.kind).toBe('article');
      expect(cache.get('/abs/readme.md', stampOf(99), '/news/readme.md')?.kind).toBe('not-article');
      const changed = record(1, { title: 'Changed', quality: 55, heat: 7, publishedDateTime: '2024-05-06T07:08:09.000Z' });
      const changedStamp = { ...stampOf(1), size: 999 };
      expect(cache.get('/abs/a1.md', changedStamp, changed.path)).toBeUndefined();
      cache.set('/abs/a1.md', changedStamp, articleResult(changed), Date.now());
      const added = record(5, { path: 'elsewhere/a5.md' });
      cache.set('/abs/a5.md', stampOf(5), articleResult(added), Date.now());
      cache.save();
      cache.discard();

      const expected: Array<[string, FileStamp, Article]> = [
        ['/abs/a0.md', stampOf(0), articles[0]!],
        ['/abs/a1.md', changedStamp, changed],
        ['/abs/a2.md', stampOf(2), articles[2]!],
        ['/abs/a5.md', stampOf(5), added],
      ];
      for (const lazySummaries of [true, false]) {
        const reopened = RecordCache.open(location, 'k', { lazySummaries, summaryExcerpt: true, readWhole });
        for (const [file, stamp, article] of expected) {
          const result = reopened.get(file, stamp, article.path);
          expect(result?.kind, file).toBe('article');
          if (result?.kind !== 'article') continue;
          // Date, quality and heat come from the index's table when lazy, from the summary line when not.
          const { publishedDateTime, quality, heat } = result.summary;
          expect({ publishedDateTime, quality, heat }, file).toEqual({ publishedDateTime: article.publishedDateTime, quality: article.quality, heat: article.heat });
          expect(JSON.parse(JSON.stringify(result.summary)), file).toEqual(summarise(article));
          expect(recordOf(result.json), file).toEqual(article);
        }
        expect(reopened.get('/abs/a1.md', stampOf(1), articles[1]!.path)).toBeUndefined();
        expect(reopened.get('/abs/a3.md', stampOf(3), articles[3]!.path)).toBeUndefined();
        expect(reopened.get('/abs/readme.md', stampOf(99), '/news/readme.md')).toEqual({ kind: 'not-article', path: '/news/readme.md', reason: 'no front matter' });
      }
    },
  );

  it.each([
    ['ten million entries, their sections all holes', 10_000_000, (claim: number) => [2 * claim - 1, 0, claim - 1, claim * COLUMNS * 8, claim]],
    ['one entry whose results line is 1.5 GB of holes', 1, () => [1, 0, 0, COLUMNS * 8, 1_500_000_000]],
    // Each larger than the one before: maxRSS is a high-water mark, so a case that read its holes
    // must go beyond what the one before it could have reached.
    ['a thousand entries whose dates are 1.9 GB of holes', 1000, (claim: number) => [2 * claim - 1, 0, 1_900_000_000, claim * COLUMNS * 8, claim]],
  ])('gives up early on a sparse file whose index claims %s (its holes are never read whole)', (_name, claim, sectionsOf) => {
    const location = path.join(dir, 'c.cache');
    writeCache(location, 1);
    const header = readFileSync(location).subarray(0, readFileSync(location).indexOf(10) + 1);
    const sections = sectionsOf(claim);
    const line = Buffer.from(`${JSON.stringify({ count: claim, sections, checksum: 0 })}\n`);
    const sparse = path.join(dir, 'sparse.cache');
    const fd = openSync(sparse, 'w');
    writeSync(fd, Buffer.concat([header, line]));
    // A real first path, so that the check for empty paths is not what stops the read.
    writeSync(fd, Buffer.from('/'), 0, 1, header.length + line.length);
    const trailer = Buffer.alloc(8);
    trailer.writeDoubleLE(header.length);
    writeSync(fd, trailer, 0, 8, header.length + line.length + sections.reduce((a, b) => a + b, 0));
    closeSync(fd);
    expect(statSync(sparse).size).toBeGreaterThan(400_000_000);
    // Read whole, the index would take that much memory: the peak must stay far below it.
    const before = process.resourceUsage().maxRSS;
    const cache = RecordCache.open(sparse, 'k');
    expect(cache.get('/abs/a0.md', stampOf(0), record(0).path)).toBeUndefined();
    expect(process.resourceUsage().maxRSS - before).toBeLessThan(200 * 1024);
  });

  it('keeps no entry whose summary line is longer than a reader accepts; the others are kept', () => {
    const location = path.join(dir, 'c.cache');
    const cache = RecordCache.open(location, 'k');
    const huge = record(1, { title: 'T'.repeat(MAX_RESULT_LINE) });
    cache.set('/abs/a0.md', stampOf(0), articleResult(record(0)), Date.now());
    cache.set('/abs/a1.md', stampOf(1), articleResult(huge), Date.now());
    cache.save();
    const reopened = RecordCache.open(location, 'k');
    expect(reopened.get('/abs/a0.md', stampOf(0), record(0).path)?.kind).toBe('article');
    expect(reopened.get('/abs/a1.md', stampOf(1), huge.path)).toBeUndefined();
  });

  it('round-trips paths with unusual characters and an empty cache', () => {
    const location = path.join(dir, 'c.cache');
    const cache = RecordCache.open(location, 'k');
    const article = record(1, { path: 'news/é\nline.md' });
    cache.set('/abs/é\nline.md', stampOf(1), articleResult(article), Date.now());
    cache.save();
    const reopened = RecordCache.open(location, 'k');
    expect(reopened.get('/abs/é\nline.md', stampOf(1), 'news/é\nline.md')?.kind).toBe('article');

    // A file changed just now is not kept, and nothing kept is nothing to write: no file.
    const emptyLocation = path.join(dir, 'empty.cache');
    const racy = RecordCache.open(emptyLocation, 'k');
    racy.set('/abs/new.md', { ...stampOf(1), mtimeMs: Date.now() }, articleResult(article));
    racy.save();
    expect(existsSync(emptyLocation)).toBe(false);
    // A cache whose every file is gone is written empty.
    const once = RecordCache.open(emptyLocation, 'k');
    once.set('/abs/new.md', stampOf(1), articleResult(article));
    once.save();
    const empty = RecordCache.open(emptyLocation, 'k');
    empty.save();
    expect(readFileSync(emptyLocation, 'latin1')).toMatch(/\{"count":0,"sections":\[0,0,0,0,0\],"checksum":0\}\n[^]{8}$/);
    expect(RecordCache.open(emptyLocation, 'k').get('/abs/new.md', stampOf(1), 'news/é\nline.md')).toBeUndefined();
  });
});
