import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/commands/process.js';
import { loadFile } from '../../src/io/process-file.js';
import { RecordStore } from '../../src/io/record-store.js';
import { summarise } from '../../src/core/summary.js';
import { RECORD_NOT_MADE, recordBytes, recordOf, SortKeySummary, SourceRecord, textDigest, type LoadedResult } from '../../src/io/loaded.js';
import { batchRunner, unpackLoadBatch, type LoadTask } from '../../src/io/worker-tasks.js';
import { article, makeTree, removeTree } from '../helpers.js';

const tree = makeTree({
  'a.md': article({ title: '"First ’one’"', excerpt: '"An excerpt"', quality: '7', heat: '-1', topics: '[AI, Robots]' }),
  'b.md': article({ title: 'Second', publishedDateTime: '2021-02-03T04:05:06+02:00' }),
  'notes.md': '---\nname: not an article\n---\n',
  'broken.md': '---\ntitle: [unclosed\n---\n',
});
afterAll(() => removeTree(tree));

const refs = ['a.md', 'b.md', 'notes.md', 'broken.md'].map((name) => ({ file: path.join(tree, name), shown: name }));

function task(sortKeysOnly: boolean, summaryExcerpt = true, withoutRecords = false): LoadTask {
  return { kind: 'load', topics: null, keepBody: false, summaryExcerpt, sortKeysOnly, withoutRecords, maxFileSize: 1 << 20 };
}

// What the main thread gets: the outcome as it crosses threads (structured clone), unpacked.
async function load(sortKeysOnly: boolean, summaryExcerpt = true, withoutRecords = false): Promise<{ posted: unknown[]; bytes?: ArrayBuffer; results: LoadedResult[] }> {
  const run = await batchRunner(task(sortKeysOnly, summaryExcerpt, withoutRecords));
  const outcome = structuredClone(run(refs));
  return { posted: outcome.results, bytes: outcome.bytes, results: unpackLoadBatch(outcome, summaryExcerpt) };
}

describe('load batches', () => {
  it('send whole summaries by default, and records as places in one buffer', async () => {
    const { posted, results } = await load(false);
    expect(posted[0]).toMatchObject({ kind: 'article', summary: { path: 'a.md', title: 'First ’one’' }, json: { offset: 0 } });
    expect(results.map((result) => result.kind)).toEqual(['article', 'article', 'not-article', 'error']);
    const first = results[0] as Extract<LoadedResult, { kind: 'article' }>;
    expect(first.summary).toEqual(summarise(recordOf(first.json)));
  });

  it('with sortKeysOnly send just path, date, quality and heat, and read the rest from the record when asked', async () => {
    const { posted, results } = await load(true);
    expect(posted[0]).toEqual({ kind: 'article', keys: ['a.md', expect.any(String), 7, -1], json: expect.any(Object) });
    expect(posted[1]).toEqual({ kind: 'article', keys: ['b.md', '2021-02-03T02:05:06.000Z', null, null], json: expect.any(Object) });
    const { results: whole } = await load(false);
    expect(results.map((result) => result.kind)).toEqual(whole.map((result) => result.kind));
    expect(results.slice(2)).toEqual(whole.slice(2));
    for (let i = 0; i < 2; i++) {
      const lazy = results[i] as Extract<LoadedResult, { kind: 'article' }>;
      const full = whole[i] as Extract<LoadedResult, { kind: 'article' }>;
      expect(lazy.summary).toBeInstanceOf(SortKeySummary);
      expect(Buffer.from(recordBytes(lazy.json))).toEqual(Buffer.from(recordBytes(full.json)));
      expect([lazy.summary.path, lazy.summary.publishedDateTime, lazy.summary.quality, lazy.summary.heat]).toEqual([
        full.summary.path,
        full.summary.publishedDateTime,
        full.summary.quality,
        full.summary.heat,
      ]);
      // Any other field comes from the record, so reading one gives what the whole summary holds.
      for (const key of Object.keys(full.summary) as Array<keyof typeof full.summary>) {
        expect(lazy.summary[key], key).toEqual(full.summary[key]);
      }
      expect(JSON.parse(JSON.stringify(lazy.summary))).toEqual(full.summary);
    }
  });

  it('with withoutRecords send whole summaries and no record bytes, each record RECORD_NOT_MADE', async () => {
    const { posted, bytes, results } = await load(false, true, true);
    const { results: whole } = await load(false);
    expect(posted[0]).toEqual({ kind: 'article', summary: expect.objectContaining({ path: 'a.md' }), json: null });
    expect(bytes?.byteLength).toBe(0);
    expect(results.slice(2)).toEqual(whole.slice(2));
    for (let i = 0; i < 2; i++) {
      const bare = results[i] as Extract<LoadedResult, { kind: 'article' }>;
      const full = whole[i] as Extract<LoadedResult, { kind: 'article' }>;
      expect(bare.json).toBe(RECORD_NOT_MADE);
      expect(bare.summary).toEqual(full.summary);
    }
  });

  it('keep the excerpt out of a lazy summary when the run does not want excerpts', async () => {
    const { results } = await load(true, false);
    const first = results[0] as Extract<LoadedResult, { kind: 'article' }>;
    expect(first.summary.title).toBe('First ’one’');
    expect(first.summary.excerpt).toBeNull();
  });
});

describe('SourceRecord', () => {
  const options = { summaryExcerpt: true };

  it('makes the record again from its file: the same bytes as the first load, in a store too', () => {
    const ref = refs[0]!;
    const first = loadFile(ref, options) as Extract<LoadedResult, { kind: 'article' }>;
    let loads = 0;
    const record = new SourceRecord(ref, first.summary, (again) => {
      loads++;
      return loadFile(again, options);
    });
    expect(loads).toBe(0);
    expect(record.bytes().toString('utf8')).toBe(first.json);
    expect(recordOf(record)).toEqual(JSON.parse(first.json as string));
    const store = new RecordStore();
    const handle = store.add(record);
    expect(String(store.get(handle))).toBe(first.json);
    expect(store.lengthOf(handle)).toBe(Buffer.byteLength(first.json as string));
    // Made once, then kept.
    expect(loads).toBe(1);
  });

  it('refuses a file that no longer gives the article summarised: edited, gone, or no longer an article', () => {
    const tree2 = makeTree({ 'c.md': article({ title: 'Before' }) });
    try {
      const ref = { file: path.join(tree2, 'c.md'), shown: 'c.md' };
      const first = loadFile(ref, options) as Extract<LoadedResult, { kind: 'article' }>;
      const changed = (): unknown => new SourceRecord(ref, first.summary, (again) => loadFile(again, options)).bytes();
      writeFileSync(ref.file, article({ title: 'After' }));
      expect(changed).toThrow(UsageError);
      expect(changed).toThrow('c.md changed while feedtool was reading it: run the command again');
      writeFileSync(ref.file, '---\nname: not an article\n---\n');
      expect(changed).toThrow('c.md changed while feedtool was reading it');
      rmSync(ref.file);
      expect(changed).toThrow(UsageError);
      expect(changed).toThrow(/^c\.md could not be read again to show it: /);
      writeFileSync(ref.file, article({ title: 'Before' }));
      expect(changed()).toEqual(Buffer.from(first.json as string));
    } finally {
      removeTree(tree2);
    }
  });

  it('accepts a file changed only outside its summary: the record is the file as it is now', () => {
    const tree3 = makeTree({ 'd.md': article({ title: 'Same', note: 'first' }, 'Body one') });
    try {
      const ref = { file: path.join(tree3, 'd.md'), shown: 'd.md' };
      const withBody = { ...options, keepBody: true };
      const first = loadFile(ref, withBody) as Extract<LoadedResult, { kind: 'article' }>;
      writeFileSync(ref.file, article({ title: 'Same', note: 'second' }, 'Body two'));
      const now = recordOf(new SourceRecord(ref, first.summary, (again) => loadFile(again, withBody)));
      expect(now.body).toBe('Body two');
      expect(now.extra).toEqual({ note: 'second' });
    } finally {
      removeTree(tree3);
    }
  });
});

describe('textDigest', () => {
  it('gives the same number for the same text and different ones for 20,000 near-identical texts', () => {
    expect(textDigest('{"title":"a"}')).toBe(textDigest('{"title":"a"}'));
    const texts = Array.from({ length: 20_000 }, (_, i) => `{"path":"n/${i}.md","quality":${i % 100},"title":"Item ${i >> 1}"}`);
    texts.push('', 'a', 'b', 'ab', 'ba', '\u0000', '\u0000\u0000');
    const digests = new Set(texts.map(textDigest));
    expect(digests.size).toBe(texts.length);
    for (const digest of digests) expect(Number.isSafeInteger(digest) && digest >= 0).toBe(true);
  });
});
