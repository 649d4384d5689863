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

/** Every result of a run, each article's record as text (read as the output would read it). */
async function run(options: LoadOptions): Promise<{ lines: string[]; stats: LoadStats }> {
  const stats: LoadStats = { files: 0, fromCache: 0, workers: 0 };
  const lines: string[] = [];
  for await (const result of loadResults([path.join(tree, 'news')], { ...options, jobs: 0, stats })) {
    lines.push(result.kind === 'article' ? String(recordBytes(result.json)) : JSON.stringify(result));
  }
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
});
