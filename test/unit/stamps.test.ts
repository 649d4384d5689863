// File stamps for the cache and listing snapshots: one per file, in walk order, whoever took them.
import { statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StampCollector, stampOf } from '../../src/io/stamps.js';
import { makeTree, removeTree } from '../helpers.js';

let tree: string;
let files: string[];
beforeAll(() => {
  const contents: Record<string, string> = {};
  // Sizes that differ from file to file, so a stamp put at the wrong index shows.
  for (let i = 0; i < 2300; i++) contents[`f/${String(i).padStart(4, '0')}.md`] = 'x'.repeat(i);
  tree = makeTree(contents);
  files = Object.keys(contents).map((name) => path.join(tree, name));
  // Missing files among them, in the first chunk, the middle and the tail.
  for (const at of [3, 1100, 2299]) files.splice(at, 0, path.join(tree, `gone-${at}.md`));
});
afterAll(() => removeTree(tree));

describe('StampCollector', () => {
  // Under the test runner the worker's script (built as .js) is not there, so a collector that
  // starts one sees it fail at once: every stamp is then taken on this thread.
  it.each([
    ['never a worker (--jobs 0)', 0],
    ['a worker from the start (--jobs 1), failing', 1],
    ['a worker once enough files are found, failing', undefined],
  ])('%s: one stamp per file in push order, null for a file that cannot be stat-ed', async (_name, jobs) => {
    const collector = new StampCollector(jobs);
    for (const file of files) collector.push(file);
    expect(collector.onWorker).toBe(jobs !== 0);
    const stamps = await collector.stamps();
    expect(stamps.all).toHaveLength(files.length * 4);
    files.forEach((file, i) => {
      const expected = stampOf(file);
      expect(stamps.at(i), file).toEqual(expected);
      if (file.includes('gone-')) expect(expected).toBeNull();
      else expect(expected?.size).toBe(statSync(file).size);
    });
    expect(stamps.at(files.length)).toBeNull();
  });

  it('an empty walk has no stamps', async () => {
    const stamps = await new StampCollector(1).stamps();
    expect(stamps.all).toHaveLength(0);
    expect(stamps.at(0)).toBeNull();
  });
});
