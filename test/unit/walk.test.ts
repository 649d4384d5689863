// Finding article files: glob patterns, skipped folders, links, special files, order and de-duplication.
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayPath, compileGlob, isArticleFileName, isGlobPattern, normaliseGlob, walkInputs, type WalkEntry } from '../../src/io/walk.js';
import { makeTree, removeTree } from '../helpers.js';
import { FUZZ_SEED } from '../fuzz/budget.js';

describe('compileGlob', () => {
  it.each<[string, string, boolean]>([
    ['*.md', 'a.md', true],
    ['*.md', 'dir/a.md', false],
    ['*.md', 'a.markdown', false],
    ['news/*.md', 'news/a.md', true],
    ['news/*.md', 'news/deep/a.md', false],
    ['**/*.md', 'a.md', true],
    ['**/*.md', 'x/y/z/a.md', true],
    ['news/**/*.md', 'news/a.md', true],
    ['news/**/*.md', 'news/2023/10/a.md', true],
    ['news/**/*.md', 'other/a.md', false],
    ['news/**', 'news/x/y.md', true],
    ['a?.md', 'ab.md', true],
    ['a?.md', 'a/.md', false],
    ['a?.md', 'abc.md', false],
    ['[ab]*.md', 'b1.md', true],
    ['[ab]*.md', 'c1.md', false],
    ['[!ab]*.md', 'c1.md', true],
    ['[!ab]*.md', 'a1.md', false],
    ['*.{md,markdown}', 'x.markdown', true],
    ['*.{md,markdown}', 'x.md', true],
    ['*.{md,markdown}', 'x.txt', false],
    ['2023-10-1?-*.md', '2023-10-16-x.md', true],
    ['a.md', 'aXmd', false],
    ['a+b(c).md', 'a+b(c).md', true],
    ['a+b(c).md', 'aab(c).md', false],
    ['[unclosed.md', '[unclosed.md', true],
    // A `]` in a later segment closes nothing: the `[` is an ordinary character, as in the shell.
    ['a[b/c]d.md', 'a[b/c]d.md', true],
    ['a[b/c]d.md', 'abd.md', false],
    // `**` is any path only as a whole segment; elsewhere it is `*`, as in the shell.
    ['**.md', 'b.md', true],
    ['**.md', 'a/b.md', false],
    ['news/a**', 'news/ab/c.md', false],
    ['news/**x/*.md', 'news/a/x/b.md', false],
    ['news/**x/*.md', 'news/ax/b.md', true],
    // A backslash makes the next character an ordinary one.
    ['we\\[ir\\]d/*.md', 'we[ir]d/a.md', true],
    ['we\\[ir\\]d/*.md', 'wed/a.md', false],
    ['we\\[ir\\]d/*.md', 'weid/a.md', false],
    ['a\\*.md', 'a*.md', true],
    ['a\\*.md', 'ab.md', false],
    ['\\{a,b\\}.md', '{a,b}.md', true],
    ['\\{a,b\\}.md', 'a.md', false],
    ['{x\\,y,z}.md', 'x,y.md', true],
    ['{x\\,y,z}.md', 'y.md', false],
    ['a\\\\b.md', 'a\\b.md', true],
  ])('%s matches %s: %s', (glob, file, expected) => {
    expect(compileGlob(glob).test(file)).toBe(expected);
  });

  // The obvious definition: the glob as a regular expression (which backtracks exponentially).
  // The shell's reading, brace alternatives first: `**` is any path only as a whole segment.
  function referenceAlternatives(glob: string): string[] {
    const open = glob.indexOf('{');
    if (open === -1) return [glob];
    let depth = 0;
    const cuts = [open];
    let close = -1;
    for (let i = open; i < glob.length && close === -1; i++) {
      if (glob[i] === '{') depth++;
      else if (glob[i] === '}' && --depth === 0) close = i;
      else if (glob[i] === ',' && depth === 1) cuts.push(i);
    }
    cuts.push(close);
    const heads = cuts.slice(1).flatMap((cut, k) => referenceAlternatives(glob.slice(cuts[k]! + 1, cut)));
    return heads.flatMap((head) => referenceAlternatives(glob.slice(0, open) + head + glob.slice(close + 1)));
  }

  // A wildcard never matches the `.` that starts a name (`(?!\.)` at each segment's start).
  function referenceRegExp(glob: string): RegExp {
    const name = '(?!\\.)[^/]*';
    const alternatives = referenceAlternatives(glob).map((alternative) => {
      let out = '';
      for (let i = 0; i < alternative.length; i++) {
        const c = alternative[i]!;
        const segmentStart = i === 0 || alternative[i - 1] === '/';
        const wholeSegment = segmentStart && (alternative[i + 2] === '/' || i + 2 === alternative.length);
        if (c === '*' && alternative[i + 1] === '*' && wholeSegment) {
          i++;
          if (alternative[i + 1] === '/') {
            i++;
            out += `(?:${name}/)*`;
          } else out += `(?:${name}(?:/${name})*)`;
          continue;
        }
        if (segmentStart && c !== '.') out += '(?!\\.)';
        if (c === '*') out += '[^/]*';
        else if (c === '?') out += '[^/]';
        else if (c === '[' && alternative.indexOf(']', i + 1) !== -1) {
          const end = alternative.indexOf(']', i + 1);
          const body = alternative.slice(i + 1, end);
          out += `(?!/)[${body.startsWith('!') ? '^' + body.slice(1) : body}]`;
          i = end;
        } else out += c.replace(/[.+^$()|\\[\]{}]/g, '\\$&');
      }
      return out;
    });
    return new RegExp(`^(?:${alternatives.join('|')})$`);
  }

  it('agrees with the regular-expression definition on random globs and paths', () => {
    const globPiece = fc.constantFrom('a', 'b', '.', '/', '*', '**', '**/', '?', '[ab]', '[!a]', '{a,b}', '{a,{b,.md}}', 'md');
    const pathPiece = fc.constantFrom('a', 'b', 'c', '.', '/', 'md', 'ab');
    let matched = 0;
    fc.assert(
      fc.property(fc.array(globPiece, { maxLength: 7 }), fc.array(pathPiece, { maxLength: 9 }), (globParts, pathParts) => {
        const glob = globParts.join('');
        const file = pathParts.join('');
        const expected = referenceRegExp(glob).test(file);
        if (expected) matched++;
        expect(compileGlob(glob).test(file), `${glob} on ${file}`).toBe(expected);
      }),
      { numRuns: 3000, seed: FUZZ_SEED },
    );
    expect(matched).toBeGreaterThan(100);
  });

  it('matches many stars against a long name at once (a regular expression would backtrack for hours)', () => {
    const name = `${'a'.repeat(250)}.md`;
    expect(compileGlob('*a*a*a*a*a*a*a*a*a*a*ab').test(name)).toBe(false);
    expect(compileGlob('*a*a*a*a*a*a*a*a*a*a*.md').test(name)).toBe(true);
    expect(compileGlob('**/*a*a*a*a*a*a*b/**').test(`x/${name}/y`)).toBe(false);
  });

  it('refuses an unbalanced { and an invalid class', () => {
    expect(() => compileGlob('{a,b')).toThrow();
    expect(() => compileGlob('[z-a]')).toThrow();
  });

  it.each<[string, boolean]>([
    ['news/*.md', true],
    ['news/a?.md', true],
    ['news/{a,b}.md', true],
    ['news/[ab].md', true],
    ['news/a.md', false],
    ['.', false],
  ])('isGlobPattern(%j) is %s', (arg, expected) => {
    expect(isGlobPattern(arg)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ['a.md', true],
    ['A.MD', true],
    ['a.markdown', true],
    ['a.mdx', false],
    ['a.txt', false],
    ['md', false],
  ])('isArticleFileName(%j) is %s', (name, expected) => {
    expect(isArticleFileName(name)).toBe(expected);
  });

  it('displayPath is relative below the cwd and POSIX, absolute elsewhere', () => {
    expect(displayPath('/base/news/a.md', '/base')).toBe('news/a.md');
    expect(displayPath('news/./a.md', '/base')).toBe('news/a.md');
    expect(displayPath('/elsewhere/a.md', '/base')).toBe('/elsewhere/a.md');
  });
});

describe('walkInputs on a temporary tree', () => {
  let dir = '';
  const cwd = process.cwd();
  const article = '---\ntitle: x\n---\n';

  beforeAll(() => {
    dir = makeTree({
      'b/one.md': article,
      'b/two.markdown': article,
      'b/notes.txt': 'not an article',
      'a/deep/er/three.md': article,
      'a/Z.md': article,
      '.hidden/secret.md': article,
      'node_modules/pkg/readme.md': article,
      '.git/info.md': article,
      'a/node_modules/x.md': article,
      'x.md/inside.md': article,
      'top.md': article,
      'b/.draft.md': article,
      'b/._one.md': Buffer.from([0, 5, 0, 7]),
    });
    symlinkSync('one.md', path.join(dir, 'b', '.link.md'));
    mkdirSync(path.join(dir, 'loop'));
    symlinkSync('..', path.join(dir, 'loop', 'up'));
    symlinkSync(path.join(dir, 'loop'), path.join(dir, 'loop', 'self'));
    symlinkSync('missing.md', path.join(dir, 'dangling.md'));
    symlinkSync('b/one.md', path.join(dir, 'alias.md'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.md')]);
    process.chdir(dir);
  });

  afterAll(() => {
    process.chdir(cwd);
    removeTree(dir);
  });

  async function walk(inputs: string[], ignore: string[] = []): Promise<{ files: string[]; problems: string[]; entries: WalkEntry[] }> {
    const entries: WalkEntry[] = [];
    for await (const entry of walkInputs(inputs, ignore)) entries.push(entry);
    return {
      entries,
      files: entries.flatMap((e) => (e.kind === 'file' ? [e.path.split(path.sep).join('/')] : [])),
      problems: entries.flatMap((e) => (e.kind === 'problem' ? [`${e.diagnostic.path}: ${e.diagnostic.message}`] : [])),
    };
  }

  it('walks recursively in a deterministic (sorted) order, skipping hidden dirs, node_modules and .git', async () => {
    const { files } = await walk(['.']);
    // alias.md links to b/one.md and sorts first, but the file is listed once, under its own name.
    expect(files).toEqual(['a/Z.md', 'a/deep/er/three.md', 'b/one.md', 'b/two.markdown', 'top.md', 'x.md/inside.md']);
  });

  it('reports the FIFO and the dangling symlink, without hanging', async () => {
    const { problems } = await walk(['.']);
    expect(problems).toHaveLength(2);
    expect(problems.find((p) => p.startsWith('dangling.md'))).toMatch(/broken symbolic link/);
    expect(problems.find((p) => p.startsWith('pipe.md'))).toMatch(/not a regular file/);
  });

  it('leaves out the FIFO and the dangling symlink that --ignore names, unreported', async () => {
    for (const ignore of [['pipe.md', 'dangling.md'], ['*.md']]) {
      const { problems } = await walk(['.'], ignore);
      expect(problems, ignore.join()).toEqual([]);
    }
  });

  it('the symlink loop terminates and the alias of b/one.md is not yielded twice', async () => {
    const { files } = await walk(['.']);
    expect(files.filter((f) => f === 'b/one.md' || f === 'alias.md')).toEqual(['b/one.md']);
    expect(files.filter((f) => f.includes('loop'))).toEqual([]);
  });

  it('a directory named x.md is walked, not read', async () => {
    const { files, problems } = await walk(['x.md']);
    expect(files).toEqual(['x.md/inside.md']);
    expect(problems).toEqual([]);
  });

  it('the same file given twice (or through a link) is yielded once', async () => {
    const { files } = await walk(['b/one.md', './b/one.md', path.join(dir, 'b', 'one.md'), 'alias.md', 'b']);
    expect(files).toEqual(['b/one.md', 'b/two.markdown']);
  });

  it('a link named on the command line, or met in one input, gives way to the real file or folder in another, in any order', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'feedtool-walk-order-'));
    try {
      mkdirSync(path.join(root, 'real'));
      mkdirSync(path.join(root, 'r1'));
      writeFileSync(path.join(root, 'real', '2023-10-16-story.md'), '---\ntitle: x\n---\n');
      symlinkSync(path.join(root, 'real', '2023-10-16-story.md'), path.join(root, 'latest.md'));
      symlinkSync(path.join(root, 'real'), path.join(root, 'r1', 'alias'));
      const files = (inputs: string[]) => [...walkInputs(inputs.map((input) => path.join(root, input)))].flatMap((e) => (e.kind === 'file' ? [path.relative(root, e.path).split(path.sep).join('/')] : []));
      for (const inputs of [
        ['real', 'latest.md'],
        ['latest.md', 'real'],
        ['latest.md', 'real/2023-10-16-story.md'],
        ['r1', 'real'],
        ['real', 'r1'],
        ['r1/alias', 'real'],
        // A folder whose link leads to a file given, or into a folder a glob walks.
        ['r1', 'real/2023-10-16-story.md'],
        ['real/2023-10-16-story.md', 'r1'],
        ['r1', 'real/*.md'],
        ['real/*.md', 'r1'],
      ]) {
        expect(files(inputs), inputs.join(' ')).toEqual(['real/2023-10-16-story.md']);
      }
      // What only the link reaches is still read, under the link, whichever input comes first.
      writeFileSync(path.join(root, 'real', 'other.markdown'), '---\ntitle: y\n---\n');
      for (const inputs of [['r1', 'real/2023-10-16-story.md'], ['r1', 'real/*.md']]) {
        expect(files(inputs).sort(), inputs.join(' ')).toEqual(['r1/alias/other.markdown', 'real/2023-10-16-story.md']);
      }
      rmSync(path.join(root, 'real', 'other.markdown'));
      // A dangling link reached through the folder and through a link to it is reported once.
      symlinkSync('nowhere.md', path.join(root, 'real', 'dangling.md'));
      const problems = (inputs: string[]) => [...walkInputs(inputs.map((input) => path.join(root, input)))].flatMap((e) => (e.kind === 'problem' ? [e.diagnostic.message] : []));
      for (const inputs of [['r1', 'real'], ['real', 'r1'], ['r1/**/*.md', 'real'], ['real', 'r1/**/*.md']]) {
        expect(problems(inputs), inputs.join(' ')).toEqual(['broken symbolic link: skipped']);
      }
      rmSync(path.join(root, 'real', 'dangling.md'));
      // A glob matches the paths it walks in the order of the inputs; a file named through a link keeps its name.
      expect(files(['r1/**/*.md', 'real'])).toEqual(['r1/alias/2023-10-16-story.md']);
      expect(files(['real', 'r1/**/*.md'])).toEqual(['real/2023-10-16-story.md']);
      expect(files(['r1/alias/2023-10-16-story.md', 'real'])).toEqual(['r1/alias/2023-10-16-story.md']);
      // Alone, a link is read under its own name.
      expect(files(['latest.md'])).toEqual(['latest.md']);
      expect(files(['r1'])).toEqual(['r1/alias/2023-10-16-story.md']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a link to a folder that holds a folder given, or a link given with a trailing slash, gives way too', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'feedtool-walk-up-'));
    try {
      mkdirSync(path.join(root, 'top', 'real'), { recursive: true });
      mkdirSync(path.join(root, 'd'));
      writeFileSync(path.join(root, 'top', 'real', 'x.md'), '---\ntitle: x\n---\n');
      writeFileSync(path.join(root, 'top', 'y.md'), '---\ntitle: y\n---\n');
      // d/g leads to top, which holds top/real; d/up leads to the root, which holds everything.
      symlinkSync(path.join(root, 'top'), path.join(root, 'd', 'g'));
      const files = (inputs: string[]) =>
        [...walkInputs(inputs.map((input) => path.join(root, input)))].flatMap((e) => (e.kind === 'file' ? [path.relative(root, e.path).split(path.sep).join('/')] : [])).sort();
      for (const inputs of [['d', 'top/real'], ['top/real', 'd']]) {
        expect(files(inputs), inputs.join(' ')).toEqual(['d/g/y.md', 'top/real/x.md']);
      }
      symlinkSync('..', path.join(root, 'd', 'up'));
      expect(files(['d', 'top/real'])).toEqual(['d/g/y.md', 'top/real/x.md']);
      rmSync(path.join(root, 'd', 'up'));
      for (const inputs of [['d/g', 'top'], ['d/g/', 'top'], ['top', 'd/g/']]) {
        expect(files(inputs), inputs.join(' ')).toEqual(['top/real/x.md', 'top/y.md']);
      }
      expect(files(['d/g/'])).toEqual(['d/g/real/x.md', 'd/g/y.md']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a file or folder reached only through a link is still walked, under the link', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'feedtool-walk-outside-'));
    const inside = mkdtempSync(path.join(tmpdir(), 'feedtool-walk-inside-'));
    try {
      mkdirSync(path.join(outside, 'folder'));
      writeFileSync(path.join(outside, 'folder', 'far.md'), '---\ntitle: x\n---\n');
      writeFileSync(path.join(outside, 'lone.md'), '---\ntitle: x\n---\n');
      mkdirSync(path.join(inside, 'real'));
      writeFileSync(path.join(inside, 'real', 'near.md'), '---\ntitle: x\n---\n');
      symlinkSync(path.join(outside, 'folder'), path.join(inside, 'a-far'));
      symlinkSync(path.join(outside, 'lone.md'), path.join(inside, 'b-lone.md'));
      // Sorts before the folder it leads to: the folder is still walked under its own name.
      symlinkSync('real', path.join(inside, 'a-near'));
      const entries = [...walkInputs([inside])].flatMap((e) => (e.kind === 'file' ? [path.relative(inside, e.path).split(path.sep).join('/')] : []));
      expect(entries.sort()).toEqual(['a-far/far.md', 'b-lone.md', 'real/near.md']);
    } finally {
      rmSync(outside, { recursive: true, force: true });
      rmSync(inside, { recursive: true, force: true });
    }
  });

  it.each<[string, string[], string[]]>([
    ['a folder name anywhere', ['deep'], ['a/Z.md', 'b/one.md', 'b/two.markdown', 'top.md', 'x.md/inside.md']],
    ['a file-name pattern anywhere', ['*.markdown', 'Z.md'], ['a/deep/er/three.md', 'b/one.md', 'top.md', 'x.md/inside.md']],
    ['a path with /**: the folder and all below it', ['a/**'], ['b/one.md', 'b/two.markdown', 'top.md', 'x.md/inside.md']],
    ['a path to one folder', ['a/deep'], ['a/Z.md', 'b/one.md', 'b/two.markdown', 'top.md', 'x.md/inside.md']],
    // alias.md, a link into b, is a name of its own: ignore it too to leave b out wholly.
    ['a path with ./ and a trailing slash', ['./b/'], ['a/Z.md', 'a/deep/er/three.md', 'top.md', 'x.md/inside.md', 'alias.md']],
    ['a pattern that matches nothing', ['nothing/**'], ['a/Z.md', 'a/deep/er/three.md', 'b/one.md', 'b/two.markdown', 'top.md', 'x.md/inside.md']],
  ])('--ignore %s', async (_name, ignore, expected) => {
    expect((await walk(['.'], ignore)).files).toEqual(expected);
  });

  it('--ignore paths are normalised (site//x, site/./x), a trailing / names folders only, and ../ paths match', async () => {
    const all = (await walk(['.'])).files;
    expect((await walk(['.'], ['a//deep'])).files).toEqual((await walk(['.'], ['a/deep'])).files);
    expect((await walk(['.'], ['./a/./deep'])).files).toEqual((await walk(['.'], ['a/deep'])).files);
    // `./deep` holds a `/`: it names `deep` in the current folder only, where `deep` names any.
    expect((await walk(['.'], ['./deep'])).files).toEqual(all);
    expect((await walk(['.'], ['deep'])).files).not.toContain('a/deep/er/three.md');
    expect((await walk(['.'], ['./top.md'])).files).not.toContain('top.md');
    expect((await walk(['.'], ['a/deep'])).files).not.toEqual(all);
    expect((await walk(['.'], ['top.md/'])).files).toEqual(all);
    expect((await walk(['.'], ['x.md/'])).files).not.toContain('x.md/inside.md');
    process.chdir(path.join(dir, 'a'));
    try {
      const outside = await walk(['../b'], ['../b/one.md']);
      expect(outside.files.map((file) => path.basename(file))).toEqual(['two.markdown']);
    } finally {
      process.chdir(dir);
    }
  });

  it('--ignore leaves out a link that matches, and never a path named on the command line', async () => {
    expect((await walk(['.'], ['b'])).files).toEqual(['a/Z.md', 'a/deep/er/three.md', 'top.md', 'x.md/inside.md', 'alias.md']);
    expect((await walk(['.'], ['b', 'alias.md'])).files).not.toContain('alias.md');
    expect((await walk(['b/one.md', 'a'], ['one.md', 'a'])).files).toEqual(['b/one.md', 'a/Z.md', 'a/deep/er/three.md']);
    expect((await walk(['**/*.md'], ['a/**'])).files).toEqual(['b/one.md', 'top.md', 'x.md/inside.md']);
    // A glob whose every match is ignored, by folder or by name, matches nothing, alike.
    for (const ignore of ['deep', 'three.md']) {
      expect((await walk(['a/d*/**/*.md'], [ignore])).problems).toEqual(['a/d*/**/*.md: no article files match this pattern (or --ignore leaves them all out)']);
    }
  });

  it('an explicit hidden folder is walked when asked for', async () => {
    expect((await walk(['.hidden'])).files).toEqual(['.hidden/secret.md']);
  });

  it('hidden files are skipped, as in the shell: read when named, or by a glob whose last segment starts with .', async () => {
    for (const input of ['.', 'b', 'b/*.md', 'b/*', '**/*.md', 'b/?draft.md', 'b/[.]draft.md']) {
      const { files, problems } = await walk([input]);
      expect(files.filter((file) => path.basename(file).startsWith('.')), input).toEqual([]);
      expect(problems.filter((problem) => problem.includes('/.')), input).toEqual([]);
    }
    expect((await walk(['b/.draft.md'])).files).toEqual(['b/.draft.md']);
    // The walk reads no file: `._one.md`, macOS's binary shadow of `one.md`, is refused when read.
    expect((await walk(['b/.*.md'])).files).toEqual(['b/._one.md', 'b/.draft.md', 'b/.link.md']);
    expect((await walk(['**/.draft.md'])).files).toEqual(['b/.draft.md']);
    expect((await walk(['b/.d*'])).files).toEqual(['b/.draft.md']);
  });

  it('a glob enters a hidden folder only through a pattern segment that starts with .', async () => {
    expect((await walk(['.h*/*.md'])).files).toEqual(['.hidden/secret.md']);
    expect((await walk(['.*/*.md'])).files).toEqual(['.hidden/secret.md']);
    expect((await walk(['{.hidden,b}/*.md'])).files).toEqual(['.hidden/secret.md', 'b/one.md']);
    for (const input of ['**/secret.md', '*/secret.md', '?hidden/*.md']) {
      expect((await walk([input])).problems, input).toEqual([`${input}: no article files match this pattern`]);
    }
  });

  it('globs select files by pattern', async () => {
    expect((await walk(['**/*.md'])).files).toEqual(['a/Z.md', 'a/deep/er/three.md', 'b/one.md', 'top.md', 'x.md/inside.md']);
    // Only the link matches: the file is read under the link's name.
    expect((await walk(['alias*.md'])).files).toEqual(['alias.md']);
    expect((await walk(['b/**/*.md'])).files).toEqual(['b/one.md']);
    expect((await walk(['a/**/*.md'])).files).toEqual(['a/Z.md', 'a/deep/er/three.md']);
    expect((await walk(['b/*.{md,markdown}'])).files).toEqual(['b/one.md', 'b/two.markdown']);
  });

  it('two globs over the same folder each find their files', async () => {
    const { files, problems } = await walk(['b/o*.md', 'b/t*.markdown']);
    expect(files).toEqual(['b/one.md', 'b/two.markdown']);
    expect(problems).toEqual([]);
  });

  it('a glob whose matches were already listed is not "no match"', async () => {
    const { files, problems } = await walk(['b', 'b/*.md']);
    expect(files).toEqual(['b/one.md', 'b/two.markdown']);
    expect(problems).toEqual([]);
  });

  it('a problem found through two inputs is reported once', async () => {
    const { problems } = await walk(['.', '.']);
    expect(problems).toHaveLength(2);
  });

  it('a glob with no match and a missing path are reported', async () => {
    const { files, problems } = await walk(['nothing/*.md', 'missing-file.md']);
    expect(files).toEqual([]);
    expect(problems).toEqual(['nothing/*.md: no article files match this pattern', 'missing-file.md: no such file or directory']);
  });

  it('a FIFO named directly is reported, not opened, and fails the run as a path that matched nothing', async () => {
    const { files, problems, entries } = await walk(['pipe.md']);
    expect(files).toEqual([]);
    expect(problems[0]).toMatch(/^pipe\.md: not a regular file/);
    expect(entries[0]!.kind === 'problem' && entries[0]!.diagnostic.missingInput).toBe(true);
  });

  it('a path named on the command line and met by a walk too is reported once, as the path given, in any order', async () => {
    for (const inputs of [['.', 'dangling.md'], ['dangling.md', '.'], ['pipe.md', '.'], ['.', 'pipe.md']]) {
      const { entries } = await walk(inputs);
      const named = entries.flatMap((e) => (e.kind === 'problem' && e.diagnostic.path === inputs.find((i) => i !== '.') ? [e.diagnostic] : []));
      expect(named, inputs.join(' ')).toHaveLength(1);
      expect(named[0]!.missingInput, inputs.join(' ')).toBe(true);
    }
  });

  it('a missing path with a [ but no wildcard is "no such file or directory", one with a wildcard matches nothing', async () => {
    const { problems } = await walk(['gone[', 'b/gone[', 'gone*', 'b/x[ab].md']);
    expect(problems).toEqual(['gone[: no such file or directory', 'b/gone[: no such file or directory', 'gone*: no article files match this pattern', 'b/x[ab].md: no article files match this pattern']);
  });

  it('a path through a file is "not a directory", shown as typed', async () => {
    const { problems, entries } = await walk(['top.md/', 'top.md/x.md', 'top.md/../top.md']);
    expect(problems).toEqual([
      'top.md/: not a directory: a part of this path is a file',
      'top.md/x.md: not a directory: a part of this path is a file',
      'top.md/../top.md: not a directory: a part of this path is a file',
    ]);
    expect(entries.every((e) => e.kind === 'problem' && e.diagnostic.missingInput)).toBe(true);
  });
});

describe('globs through linked folders', () => {
  it('a glob matches the paths it walks, links included: a folder is walked again under a link where the glob matches differently', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'feedtool-walk-glob-link-'));
    const cwd = process.cwd();
    try {
      mkdirSync(path.join(root, 'site', '2023'), { recursive: true });
      writeFileSync(path.join(root, 'site', '2023', 'x.md'), '---\ntitle: x\n---\n');
      symlinkSync('2023', path.join(root, 'site', 'current'));
      process.chdir(root);
      const files = (inputs: string[]) => [...walkInputs(inputs)].map((e) => (e.kind === 'file' ? e.shown : `problem ${e.diagnostic.path}: ${e.diagnostic.message}`));
      expect(files(['*/current/*.md'])).toEqual(['site/current/x.md']);
      expect(files(['site/current/*.md'])).toEqual(['site/current/x.md']);
      expect(files(['site/*/x.md'])).toEqual(['site/2023/x.md']);
      expect(files(['{site/current,nothing}/*.md'])).toEqual(['site/current/x.md']);
      // `**` walks site/2023 under its own name first, then again under the link.
      expect(files(['**/current/*.md'])).toEqual(['site/current/x.md']);
      expect(files(['**/*.md'])).toEqual(['site/2023/x.md']);
      // A folder the glob matches is walked whole, as the shell would pass it.
      expect(files(['site/*'])).toEqual(['site/2023/x.md']);
      expect(files(['s*/cur*'])).toEqual(['site/current/x.md']);
      expect(files(['site/2*/'])).toEqual(['site/2023/x.md']);
      // Two folders linking to each other: each link is followed once, the walk ends, every file once.
      mkdirSync(path.join(root, 'p', 'a'), { recursive: true });
      mkdirSync(path.join(root, 'p', 'b'));
      writeFileSync(path.join(root, 'p', 'a', 'one.md'), '---\ntitle: 1\n---\n');
      writeFileSync(path.join(root, 'p', 'b', 'two.md'), '---\ntitle: 2\n---\n');
      symlinkSync('../b', path.join(root, 'p', 'a', 'tob'));
      symlinkSync('../a', path.join(root, 'p', 'b', 'toa'));
      symlinkSync('..', path.join(root, 'p', 'a', 'up'));
      expect(files(['p/**/*.md'])).toEqual(['p/a/one.md', 'p/b/two.md']);
      expect(files(['p/**/toa/*.md'])).toEqual(['p/b/toa/one.md']);
      expect(files(['p/**/tob/*.md'])).toEqual(['p/a/tob/two.md']);
      // A link to a folder that holds it is walked again only where the glob matches differently
      // below it, so the walk ends; each file is read once.
      expect(files(['p/**/up/**/*.md'])).toEqual(['p/a/up/a/one.md', 'p/a/up/b/two.md']);
      expect(files(['p/**/*.md', 'p/a/up/**/*.md'])).toEqual(['p/a/one.md', 'p/b/two.md']);
      // A match behind two links, however wide the glob (a wider glob never matches less).
      mkdirSync(path.join(root, 'q', 'a'), { recursive: true });
      mkdirSync(path.join(root, 'q', 'b'));
      mkdirSync(path.join(root, 'q', 'c'));
      writeFileSync(path.join(root, 'q', 'c', 'x.md'), '---\ntitle: x\n---\n');
      symlinkSync('../b', path.join(root, 'q', 'a', 'l'));
      symlinkSync('../c', path.join(root, 'q', 'b', 'l'));
      for (const glob of ['q/*/l/l/*.md', 'q/*/*/*/*.md', 'q/a/*/*/*.md', 'q/**/l/l/*.md']) expect(files([glob]), glob).toEqual(['q/a/l/l/x.md']);
      expect(files(['p/**/tob/toa/*.md'])).toEqual(['p/a/tob/toa/one.md']);
      // Doubled slashes and ./ in a glob, as "$DIR/**/*.md" with DIR=q/ gives; a glob that fails is shown as typed.
      expect(files(['q//c/*.md', './q/./c/*.md', 'q/b/../c/*.md'])).toEqual(['q/c/x.md']);
      expect(files(['q//nothing/*.md'])).toEqual(['problem q//nothing/*.md: no article files match this pattern']);
      expect(files(['*/../q/*.md'])).toEqual(['problem */../q/*.md: invalid glob pattern: a wildcard before .. names no folder to walk']);
      // A broken link named on the command line is reported once, as given, when another input reaches it through a link.
      symlinkSync('nowhere.md', path.join(root, 'q', 'c', 'dangling.md'));
      for (const inputs of [['q/a', 'q/c/dangling.md'], ['q/c/dangling.md', 'q/a']]) {
        expect(files(inputs).filter((line) => line.startsWith('problem')), inputs.join(' ')).toEqual(['problem q/c/dangling.md: broken symbolic link']);
      }
    } finally {
      process.chdir(cwd);
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('normaliseGlob', () => {
  it.each<[string, string]>([
    ['a//b/*.md', 'a/b/*.md'],
    ['a/./b/*.md', 'a/b/*.md'],
    ['./a/*.md', 'a/*.md'],
    ['.//a/b/*.md', 'a/b/*.md'],
    ['a/b/../b/*.md', 'a/b/*.md'],
    ['a/**//*.md', 'a/**/*.md'],
    ['../r1//a/*/*.md', '../r1/a/*/*.md'],
    ['../../x/*.md', '../../x/*.md'],
    ['/abs//a/*.md', '/abs/a/*.md'],
    ['*.md', '*.md'],
    ['/.', '/'],
    ['/..', '/'],
    ['/../x/*.md', '/x/*.md'],
  ])('%s -> %s', (glob, expected) => {
    expect(normaliseGlob(glob)).toBe(expected);
  });

  it('refuses .. anywhere after a wildcard: which folder it names depends on the links each match goes through', () => {
    expect(() => normaliseGlob('*/../a/*.md')).toThrow(/wildcard before \.\./);
    expect(() => normaliseGlob('si*/nl/../news/a.md')).toThrow(/wildcard before \.\./);
    expect(() => normaliseGlob('a/{b,c}/d/e/../../x.md')).toThrow(/wildcard before \.\./);
  });

  it('a [ without its ] in the same segment is no wildcard', () => {
    expect(normaliseGlob('a[b/x/../y.md')).toBe('a[b/y.md');
  });

  it('an escaped wildcard is no wildcard', () => {
    expect(normaliseGlob('we\\[ir\\]d/sub/../*.md')).toBe('we\\[ir\\]d/*.md');
  });
});

describe('stateAfter', () => {
  it.each<[string, string, boolean]>([
    ['*/current/*.md', 'site', true],
    ['*/current/*.md', 'site/2023', false],
    ['*/current/*.md', 'site/current', true],
    ['*/current/*.md', 'site/current/deeper', false],
    ['**/current/*.md', 'a/b/c', true],
    ['site/*.md', 'site', true],
    ['site/*.md', 'other', false],
    ['{a,b}/x/*.md', 'b/x', true],
    ['{a,b}/x/*.md', 'c', false],
    ['a/**', 'a/b/c', true],
    ['x.md', 'x.md', false],
  ])('%s below %s: %s', (glob, folder, expected) => {
    expect(compileGlob(glob).stateAfter(folder) !== '').toBe(expected);
  });

  it('agrees with matching: a folder below which a random path matches is never ruled out', () => {
    const segments = ['a', 'b', 'ab', 'x.md', 'current'];
    const globs = ['*/current/*.md', '**/*.md', 'a/*/b/*.md', '{a,b}/**/x.md', 'a?/*.md', '[ab]/current/**/*.md', '**/a/**/x.md'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 3000; round++) {
      const depth = 1 + random(5);
      const parts = Array.from({ length: depth }, () => segments[random(segments.length)]!);
      const file = parts.join('/');
      for (const glob of globs) {
        const matcher = compileGlob(glob);
        if (!matcher.test(file)) continue;
        for (let cut = 1; cut < parts.length; cut++) expect(matcher.stateAfter(parts.slice(0, cut).join('/')), `${glob} ${file}`).not.toBe('');
      }
    }
  });
});

describe('walkInputs on a deep chain of folders', () => {
  it('yields every file once, under its own path, and stops at a link back to the top', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'feedtool-chain-'));
    try {
      const expected: string[] = [];
      let folder = path.join(dir, 'top');
      mkdirSync(folder);
      for (let level = 0; level < 300; level++) {
        folder = path.join(folder, 'd');
        mkdirSync(folder);
        if (level % 50 === 0) {
          writeFileSync(path.join(folder, 'a.md'), `---\ntitle: level ${level}\n---\n`);
          expected.push(path.join(folder, 'a.md'));
        }
      }
      // A link at the bottom back to the top: the top's real path was already walked.
      symlinkSync(path.join(dir, 'top'), path.join(folder, 'back'));
      const entries = [...walkInputs([path.join(dir, 'top')])];
      const files = entries.filter((entry): entry is Extract<WalkEntry, { kind: 'file' }> => entry.kind === 'file');
      expect(entries.filter((entry) => entry.kind === 'problem')).toEqual([]);
      expect(files.map((file) => file.path).sort()).toEqual(expected.sort());
      for (const file of files) expect(file.absolute).toBe(path.resolve(file.path));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('walkInputs names each file the way displayPath would', () => {
  it.each([
    ['a relative folder', (dir: string) => path.relative(process.cwd(), dir)],
    ['an absolute folder', (dir: string) => dir],
    ['a glob', (dir: string) => `${path.relative(process.cwd(), dir)}/**/*.{md,markdown}`],
  ])('for %s', (_name, input) => {
    const dir = makeTree({ 'a/x.md': '---\ntitle: x\n---\n', 'a/b/y.md': '---\ntitle: y\n---\n', 'z.markdown': '---\ntitle: z\n---\n' });
    try {
      const files = [...walkInputs([input(dir)])].filter((entry): entry is Extract<WalkEntry, { kind: 'file' }> => entry.kind === 'file');
      expect(files).toHaveLength(3);
      for (const file of files) {
        expect(file.shown).toBe(displayPath(file.path));
        expect(file.absolute).toBe(path.resolve(file.path));
      }
    } finally {
      removeTree(dir);
    }
  });

  it.each(['./', './/', 'sub/', './sub/./', 'sub/../sub'])('gives each file the path path.join would for the input %j', (input) => {
    const dir = makeTree({ 'x.md': '---\ntitle: x\n---\n', 'sub/y.md': '---\ntitle: y\n---\n', 'sub/deep/z.md': '---\ntitle: z\n---\n' });
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      const files = [...walkInputs([input])].filter((entry): entry is Extract<WalkEntry, { kind: 'file' }> => entry.kind === 'file');
      const expected = input.includes('sub')
        ? [path.join(input, 'deep', 'z.md'), path.join(input, 'y.md')]
        : [path.join(input, 'sub', 'deep', 'z.md'), path.join(input, 'sub', 'y.md'), path.join(input, 'x.md')];
      expect(files.map((file) => file.path)).toEqual(expected);
    } finally {
      process.chdir(cwd);
      removeTree(dir);
    }
  });

  it('for the current directory itself', () => {
    const dir = makeTree({ 'x.md': '---\ntitle: x\n---\n', 'sub/y.md': '---\ntitle: y\n---\n' });
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      const files = [...walkInputs(['.'])].filter((entry): entry is Extract<WalkEntry, { kind: 'file' }> => entry.kind === 'file');
      expect(files.map((file) => file.shown)).toEqual(['sub/y.md', 'x.md']);
      for (const file of files) expect(file.shown).toBe(displayPath(file.path));
    } finally {
      process.chdir(cwd);
      removeTree(dir);
    }
  });
});
