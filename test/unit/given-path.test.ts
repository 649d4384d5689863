// Paths given with `..`: resolved as the kernel resolves them, kept as given where that agrees with path.resolve.
import { realpathSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDotDotAfterName, isOutsideFolder, resolveGivenPath } from '../../src/io/given-path.js';
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

  it('escapes the folder names it puts in a glob, so a folder named we[ir]d is no character class', () => {
    const weird = realpathSync(makeTree({ 'we[ir]d/news/a.md': '', 'site/x.md': '' }));
    try {
      symlinkSync('../we[ir]d/news', path.join(weird, 'site', 'nl'));
      expect(resolveGivenPath('site/nl/../news/*.md', weird, { glob: true })).toBe('we\\[ir\\]d/news/*.md');
      expect(resolveGivenPath('site/nl/../news/a.md', weird)).toBe('we[ir]d/news/a.md');
      expect(resolveGivenPath('site/nl/..', weird, { glob: true })).toBe('we\\[ir\\]d');
      // Outside the current folder the absolute path is escaped whole.
      expect(resolveGivenPath(`${weird}/site/nl/../*.md`, dir, { glob: true })).toBe(`${weird}/we\\[ir\\]d/*.md`);
      // A wildcard before the `..` names no one folder: left as given, for the walk to refuse.
      expect(resolveGivenPath('si*/nl/../news/*.md', weird, { glob: true })).toBe('si*/nl/../news/*.md');
    } finally {
      removeTree(weird);
    }
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

  it('reads the real path typed out literally when $PWD is a link whose name it merely starts with', () => {
    const tree = realpathSync(makeTree({ 'd[1]/news/a.md': '', 'd1/news/b.md': '' }));
    try {
      symlinkSync('d[1]', path.join(tree, 'd'));
      process.env.PWD = path.join(tree, 'd');
      const cwd = path.join(tree, 'd[1]');
      expect(resolveGivenPath(`${tree}/d[1]/news/*.md`, cwd, { glob: true })).toBe(path.join('news', '*.md'));
      expect(resolveGivenPath(`${tree}/d/news/*.md`, cwd, { glob: true })).toBe(path.join('news', '*.md'));
    } finally {
      removeTree(tree);
    }
  });

  it('takes a path under $PWD, when $PWD is a link to the current folder, relative to the current folder', () => {
    const cwd = path.join(dir, 'proj');
    process.env.PWD = path.join(alias, 'proj');
    expect(resolveGivenPath(`${alias}/proj/news/a.md`, cwd)).toBe(path.join('news', 'a.md'));
    expect(resolveGivenPath(`${alias}/proj//news/*.md`, cwd, { glob: true })).toBe(path.join('news', '*.md'));
    expect(resolveGivenPath(`${alias}/proj`, cwd)).toBe('.');
    expect(resolveGivenPath(`${alias}/proj/`, cwd)).toBe('./');
    expect(resolveGivenPath(`${alias}/proj/../proj/news`, cwd)).toBe(path.join('..', 'proj', 'news'));
    // The real path of the current folder is read the same way, whatever $PWD says.
    process.env.PWD = cwd;
    expect(resolveGivenPath(`${cwd}/news/*.md`, cwd, { glob: true })).toBe(path.join('news', '*.md'));
    expect(resolveGivenPath(cwd, cwd)).toBe('.');
    delete process.env.PWD;
    expect(resolveGivenPath(`${cwd}/news`, cwd)).toBe('news');
    expect(resolveGivenPath(`${cwd}2/news`, cwd)).toBe(`${cwd}2/news`);
    process.env.PWD = path.join(alias, 'proj');
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

describe('isOutsideFolder', () => {
  it.each<[string, boolean]>([
    ['..', true],
    ['../a', true],
    ['/abs', true],
    ['a', false],
    ['..dots', false],
    ['..dots/x.md', false],
    ['a/..b', false],
  ])('%s: %s', (relative, expected) => {
    expect(isOutsideFolder(relative)).toBe(expected);
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
