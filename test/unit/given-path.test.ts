// Paths given with `..`: resolved as the kernel resolves them, kept as given where that agrees with path.resolve.
import { realpathSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDotDotAfterName, resolveGivenPath } from '../../src/io/given-path.js';
import { makeTree, removeTree } from '../helpers.js';

describe('resolveGivenPath', () => {
  let dir: string;
  let outside: string;
  beforeAll(() => {
    dir = realpathSync(makeTree({ 'site/a.md': '', 'site/sub/s.md': '', 'news/n.md': '' }));
    outside = realpathSync(makeTree({ 'far/f.md': '' }));
    symlinkSync('../news', path.join(dir, 'site', 'nl'));
    symlinkSync(path.join(outside, 'far'), path.join(dir, 'site', 'away'));
  });
  afterAll(() => {
    removeTree(dir);
    removeTree(outside);
  });

  it.each<[string, string]>([
    // No `..` after a name, or one path.resolve reads the same way: unchanged.
    ['site/a.md', 'site/a.md'],
    ['../x/a.md', '../x/a.md'],
    ['site/sub/../a.md', 'site/sub/../a.md'],
    ['site/nl/n.md', 'site/nl/n.md'],
    // Missing up to the last `..`: unchanged, for the kernel to refuse.
    ['gone/../site/a.md', 'gone/../site/a.md'],
    // Through a link: the folder the kernel reaches, relative when inside the current folder.
    ['site/nl/../site/a.md', 'site/a.md'],
    ['site/nl/..', '.'],
    ['site/nl/../', './'],
    ['site/nl/../site/', 'site/'],
    ['site/nl/../site/*.md', 'site/*.md'],
    ['./site/nl/../news', 'news'],
  ])('%s → %s', (given, expected) => {
    expect(resolveGivenPath(given, dir)).toBe(expected);
  });

  it('gives an absolute path where the kernel lands outside the current folder', () => {
    expect(resolveGivenPath('site/away/../far/f.md', dir)).toBe(path.join(outside, 'far', 'f.md'));
    expect(resolveGivenPath(`${dir}/site/nl/../site/a.md`, outside)).toBe(path.join(dir, 'site', 'a.md'));
  });
});

describe("resolveGivenPath and the shell's name for the current folder", () => {
  let dir: string;
  let alias: string;
  const saved = process.env.PWD;
  beforeAll(() => {
    dir = realpathSync(makeTree({ 'proj/news/a.md': '' }));
    alias = `${dir}-alias`;
    symlinkSync(dir, alias);
  });
  afterAll(() => {
    process.env.PWD = saved;
    removeTree(alias);
    removeTree(dir);
  });

  it('puts a path under $PWD, when $PWD is a link to the current folder, under its real path', () => {
    const cwd = path.join(dir, 'proj');
    process.env.PWD = path.join(alias, 'proj');
    expect(resolveGivenPath(`${alias}/proj/news/a.md`, cwd)).toBe(path.join(cwd, 'news', 'a.md'));
    expect(resolveGivenPath(`${alias}/proj`, cwd)).toBe(cwd);
    // Only whole names: `proj2` is not under `proj`.
    expect(resolveGivenPath(`${alias}/proj2/x.md`, cwd)).toBe(`${alias}/proj2/x.md`);
    expect(resolveGivenPath(`${alias}/other.md`, cwd)).toBe(`${alias}/other.md`);
    // A $PWD that names another folder, or is stale, is no name for this one.
    process.env.PWD = alias;
    expect(resolveGivenPath(`${alias}/proj/news/a.md`, cwd)).toBe(`${alias}/proj/news/a.md`);
    process.env.PWD = `${dir}-gone`;
    expect(resolveGivenPath(`${dir}-gone/news`, cwd)).toBe(`${dir}-gone/news`);
  });
});

describe('hasDotDotAfterName', () => {
  it.each<[string, boolean]>([
    ['a/../b', true],
    ['./a/..', true],
    ['a/b/..', true],
    ['../a', false],
    ['../../a/b', false],
    ['./../a', false],
    ['a/b', false],
    ['..a/b', false],
    ['a/..b', false],
  ])('%s: %s', (given, expected) => {
    expect(hasDotDotAfterName(given)).toBe(expected);
  });
});
