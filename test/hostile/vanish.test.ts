// A file deleted between the walk and the read: reported in one clean line, the rest carries on.
import { unlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadResults, type LoadedResult } from '../../src/io/load.js';
import { readFileBytes } from '../../src/io/read.js';
import { article, makeTree, removeTree } from '../helpers.js';

let dir = '';
afterEach(() => {
  if (dir) removeTree(dir);
  dir = '';
});

describe('a file that vanishes', () => {
  it('readFileBytes on a path that no longer exists gives a clean message, no exception', () => {
    dir = makeTree({ 'gone.md': article() });
    const file = path.join(dir, 'gone.md');
    unlinkSync(file);
    expect(readFileBytes(file)).toEqual({ ok: false, code: 'unreadable', message: 'file not found (deleted while being read?)' });
  });

  it('loadResults reports a file deleted after the walk and still loads the others', async () => {
    dir = makeTree({ 'a.md': article({ title: 'A' }), 'b.md': article({ title: 'B' }), 'c.md': article({ title: 'C' }) });
    // The walk is complete before the first result is handed over (results come in walk order,
    // read one by one on this thread with jobs: 0), so b.md is deleted after being walked.
    const results: LoadedResult[] = [];
    for await (const result of loadResults([dir], { jobs: 0 })) {
      results.push(result);
      if (results.length === 1) unlinkSync(path.join(dir, 'b.md'));
    }
    expect(results.map((result) => result.kind)).toEqual(['article', 'error', 'article']);
    const problem = results[1]!;
    if (problem.kind !== 'error') throw new Error('expected an error');
    expect(problem.diagnostic.path.endsWith('b.md')).toBe(true);
    expect(problem.diagnostic.message).toBe('file not found (deleted while being read?)');
  });
});
