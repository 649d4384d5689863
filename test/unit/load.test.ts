import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadResults, type LoadOptions, type LoadStats } from '../../src/io/load.js';
import { recordBytes } from '../../src/io/loaded.js';
import { article, makeTree, removeTree } from '../helpers.js';

let tree: string;
beforeEach(() => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 6; i++) files[`news/2023-01-0${i + 1}-story-${i}.md`] = article({ title: `"Story ${i} – “quoted”"`, quality: String(i * 10) });
  files['news/readme.md'] = 'no front matter here\n';
  tree = makeTree(files);
  // The cache does not trust files modified in the last 2 s.
  const past = new Date(Date.now() - 3_600_000);
  for (const entry of readdirSync(tree, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) utimesSync(path.join(entry.parentPath, entry.name), past, past);
  }
});
afterEach(() => removeTree(tree));

/**
 * Every result of a run, each article's record as text. By default records are read as each
 * result comes; `afterLoading` reads them once loading is over (and the cache saved), as the
 * output of a sorted listing or a ranking does.
 */
async function run(options: LoadOptions, afterLoading = false): Promise<{ lines: string[]; stats: LoadStats }> {
  const stats: LoadStats = { files: 0, fromCache: 0, workers: 0 };
  const results = [];
  for await (const result of loadResults([path.join(tree, 'news')], { ...options, jobs: 0, stats })) {
    results.push(afterLoading ? result : { kind: 'read', text: result.kind === 'article' ? String(recordBytes(result.json)) : JSON.stringify(result) });
  }
  const lines = results.map((result) => {
    if ('text' in result) return result.text as string;
    return result.kind === 'article' ? String(recordBytes(result.json)) : JSON.stringify(result);
  });
  return { lines, stats };
}

describe('loadResults with a cache file read record by record', () => {
  it('makes a record found damaged at output again from its file, removes the cache, and the next run rebuilds it', async () => {
    const location = path.join(tree, 'c.cache');
    const options: LoadOptions = { cacheLocation: location, cacheReadWhole: 0 };
    const cold = await run({});
    await run(options);
    const warm = await run(options);
    expect(warm.stats.fromCache).toBe(7);
    expect(warm.lines).toEqual(cold.lines);

    // The first record's opening brace, after the header line.
    const bytes = readFileSync(location);
    bytes[bytes.indexOf(10) + 1] = 0x20;
    writeFileSync(location, bytes);
    const damaged = await run(options);
    expect(damaged.stats.fromCache).toBe(7);
    expect(damaged.lines).toEqual(cold.lines);
    expect(existsSync(location)).toBe(false);

    const rebuilt = await run(options);
    expect(rebuilt.stats.fromCache).toBe(0);
    const again = await run(options);
    expect(again.stats.fromCache).toBe(7);
    expect(again.lines).toEqual(cold.lines);
  });

  it('records read after the run saved a new cache file: the damaged one is made again, the new file kept without it', async () => {
    const location = path.join(tree, 'c.cache');
    const options: LoadOptions = { cacheLocation: location, cacheReadWhole: 0 };
    await run(options);
    const bytes = readFileSync(location);
    bytes[bytes.indexOf(10) + 1] = 0x20;
    writeFileSync(location, bytes);
    // A new file: the run saves a new cache file before any record is read.
    writeFileSync(path.join(tree, 'news/2023-02-01-new.md'), article({ title: '"New"' }));
    const past = new Date(Date.now() - 3_600_000);
    utimesSync(path.join(tree, 'news/2023-02-01-new.md'), past, past);
    const cold = await run({});
    const damaged = await run(options, true);
    expect(damaged.stats.fromCache).toBe(7);
    expect(damaged.lines).toEqual(cold.lines);
    expect(existsSync(location)).toBe(true);
    // The new file holds every entry but the damaged one, which is read again next time.
    const next = await run(options, true);
    expect(next.stats.fromCache).toBe(7);
    expect(next.lines).toEqual(cold.lines);
    expect((await run(options, true)).stats.fromCache).toBe(8);
  });
});

describe('loadResults for a run that reads only summaries (summariesOnly)', () => {
  // On this thread (the workers' side is tested end to end: worker.js exists only once built).
  it('makes no record, and the summaries are those of a full load', async () => {
    const { RECORD_NOT_MADE } = await import('../../src/io/loaded.js');
    const full = [];
    for await (const result of loadResults([path.join(tree, 'news')], { jobs: 0 })) full.push(result);
    const only = [];
    for await (const result of loadResults([path.join(tree, 'news')], { jobs: 0, summariesOnly: true })) only.push(result);
    expect(only.map((result) => result.kind)).toEqual(full.map((result) => result.kind));
    const articles = only.filter((result) => result.kind === 'article');
    expect(articles.length).toBe(6);
    for (const [i, result] of only.entries()) {
      if (result.kind !== 'article') continue;
      expect(result.json).toBe(RECORD_NOT_MADE);
      expect(result.summary).toEqual((full[i] as typeof result).summary);
    }
  });
});
