// `validate --cache`: every change between runs gives exactly the result of a run without the cache.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { article, makeTree, removeTree, runCli } from '../helpers.js';

let dir: string;
let cacheFile: string;

/** Dates every file an hour back: the cache does not trust files modified in the last 2 s. */
function ageFiles(root: string): void {
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.md')) age(path.join(entry.parentPath, entry.name));
  }
}

/** Dates one file an hour back (its ctime still moves: only that file looks changed). */
function age(file: string, hours = 1): void {
  const past = new Date(Date.now() - hours * 3_600_000);
  utimesSync(file, past, past);
}

function tree(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 8; i++) {
    files[`news/2023-01-1${i}-story-${i}.md`] = article({
      title: i === 3 ? '"Two  spaces"' : `"Story ${i}"`,
      publishedDateTime: `2023-01-1${i}T08:00:00Z`,
      webUrl: `"https://news.example.test/story-${i}"`,
      quality: i === 5 ? '"high"' : String(40 + i),
    });
  }
  // The same story filed twice: duplicate-url in both files.
  files['news/2023-01-20-copy-a.md'] = article({ webUrl: '"https://news.example.test/copied"', publishedDateTime: '2023-01-20T08:00:00Z' });
  files['news/2023-01-20-copy-b.md'] = article({ webUrl: '"https://news.example.test/copied"', publishedDateTime: '2023-01-20T09:00:00Z' });
  files['news/broken.md'] = '---\ntitle: [unclosed\n---\n';
  return files;
}

/** Runs validate as JSON without the cache and through it; both must agree. Returns the cached run's stderr. */
async function agrees(args: string[] = []): Promise<{ stdout: string; stderr: string }> {
  const cold = await runCli(['validate', 'news', '--format', 'json', '--no-cache', ...args], { cwd: dir });
  const cached = await runCli(['validate', 'news', '--format', 'json', '--cache-location', cacheFile, '--verbose', ...args], { cwd: dir });
  expect(cached.code).toBe(cold.code);
  expect(cached.stdout).toBe(cold.stdout);
  expect(cold.stdout.length).toBeGreaterThan(100);
  return cached;
}

function fromCache(stderr: string): number {
  const match = /([\d,]+) from the cache/.exec(stderr);
  expect(match, stderr).not.toBeNull();
  return Number(match![1]!.replaceAll(',', ''));
}

beforeEach(() => {
  dir = makeTree(tree());
  ageFiles(dir);
  cacheFile = path.join(dir, 'cache', 'c.cache');
});
afterEach(() => removeTree(dir));

describe('validate --cache', () => {
  it('keeps its results beside the chosen location and serves unchanged files from it', async () => {
    expect(fromCache((await agrees()).stderr)).toBe(0);
    expect(readdirSync(path.dirname(cacheFile))).toEqual(['c.cache.validate']);
    // Every file but the broken one (a parse problem is checked again every run).
    expect(fromCache((await agrees()).stderr)).toBe(10);
  });

  it('edit, touch, add, delete, rename: each gives the uncached result', async () => {
    await agrees();
    const news = path.join(dir, 'news');
    const edited = path.join(news, '2023-01-11-story-1.md');
    expect((await agrees()).stdout).not.toMatch(/story-1\.md","messages":\[\{"ruleId":"whitespace"/);
    writeFileSync(edited, article({ title: '"Edited  now"', webUrl: '"https://news.example.test/story-1"', publishedDateTime: '2023-01-11T08:00:00Z' }));
    age(edited);
    let run = await agrees();
    expect(run.stdout).toMatch(/story-1\.md","messages":\[\{"ruleId":"whitespace"/);
    expect(fromCache(run.stderr)).toBe(9);
    // Touched only: checked again, same result.
    age(path.join(news, '2023-01-12-story-2.md'), 2);
    expect(fromCache((await agrees()).stderr)).toBe(9);
    const added = path.join(news, '2023-01-19-added.md');
    writeFileSync(added, article({ title: '"Added"', webUrl: 'http://insecure.example.test/x', publishedDateTime: '2023-01-19T08:00:00Z' }));
    age(added);
    run = await agrees();
    expect(run.stdout).toContain('insecure-url');
    rmSync(path.join(news, '2023-01-14-story-4.md'));
    run = await agrees();
    expect(run.stdout).not.toContain('story-4');
    renameSync(path.join(news, '2023-01-13-story-3.md'), path.join(news, '2023-02-13-story-3.md'));
    run = await agrees();
    // The renamed file's problems are reported under its new name (and its file-name date now disagrees).
    expect(run.stdout).toContain('2023-02-13-story-3.md');
    expect(run.stdout).not.toContain('2023-01-13-story-3.md');
  });

  it('stats on a worker thread when the cache has outcomes (--jobs forces it), with the same results', async () => {
    const jobs = ['--jobs', '1'];
    const first = await agrees(jobs);
    expect(fromCache(first.stderr)).toBe(0);
    // An empty cache: each file is stat-ed as the walk finds it.
    expect(first.stderr).not.toContain('stat-ed on a worker thread');
    const second = await agrees(jobs);
    expect(fromCache(second.stderr)).toBe(10);
    expect(second.stderr).toContain(', files stat-ed on a worker thread');
    const edited = path.join(dir, 'news', '2023-01-11-story-1.md');
    writeFileSync(edited, article({ title: '"Edited  now"', webUrl: '"https://news.example.test/story-1"', publishedDateTime: '2023-01-11T08:00:00Z' }));
    age(edited);
    rmSync(path.join(dir, 'news', '2023-01-14-story-4.md'));
    const run = await agrees(jobs);
    expect(run.stdout).toMatch(/story-1\.md","messages":\[\{"ruleId":"whitespace"/);
    expect(run.stdout).not.toContain('story-4');
    expect(fromCache(run.stderr)).toBe(8);
  });

  it('cross-file rules run afresh: a duplicate fixed in one file leaves the cached other one clean', async () => {
    let run = await agrees();
    expect(run.stdout.match(/duplicate-url/g)?.length).toBe(2);
    const copy = path.join(dir, 'news', '2023-01-20-copy-b.md');
    writeFileSync(copy, article({ webUrl: '"https://news.example.test/own"', publishedDateTime: '2023-01-20T09:00:00Z' }));
    age(copy);
    run = await agrees();
    expect(run.stdout).not.toContain('duplicate-url');
    expect(fromCache(run.stderr)).toBe(9);
    expect((await agrees(['--no-cross-file'])).stdout).not.toContain('duplicate-url');
  });

  it('a change of rule settings, taxonomy or size limit uses another cache', async () => {
    await agrees();
    for (const args of [['--rule', 'whitespace=off'], ['--rule', 'score-range=error'], ['--max-file-size', '1MiB'], ['--no-taxonomy']]) {
      const run = await agrees(args);
      expect(fromCache(run.stderr), args.join(' ')).toBe(0);
    }
    // And the first one is untouched by them.
    expect(fromCache((await agrees()).stderr)).toBe(10);
  });

  it('a file with a date in the future is checked again every run (the clock decides)', async () => {
    writeFileSync(path.join(dir, 'news', '2023-01-21-later.md'), article({ publishedDateTime: '2999-01-01T00:00:00Z', webUrl: '"https://news.example.test/later"' }));
    ageFiles(dir);
    await agrees();
    const run = await agrees();
    expect(run.stdout).toContain('future-date');
    expect(fromCache(run.stderr)).toBe(10);
  });

  it('a cache written by a run whose clock was ahead is not used', async () => {
    await agrees();
    const file = `${cacheFile}.validate`;
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/"checkedAt":\d+/, `"checkedAt":${Date.now() + 86_400_000}`));
    expect(fromCache((await agrees()).stderr)).toBe(0);
  });

  it.each([
    ['one byte of a line changed', (text: string) => text.replace('"column":8', '"column":9')],
    ['a line cut short', (text: string) => text.replace(/(story-6\.md[^\n]{10})[^\n]*/, '$1')],
    ['a forged line with a matching checksum but another shape', (text: string) => text],
    ['a forged line with a matching checksum and impossible places (-5:1e308)', (text: string) => text],
    ['garbage', () => '\u0000\u0001not a cache'],
    ['empty', () => ''],
    ['another format', (text: string) => text.replace('feedtool-validate-cache', 'feedtool-cache')],
  ])('damage (%s): the uncached result, and the file is rebuilt', async (name, damage) => {
    await agrees();
    const file = `${cacheFile}.validate`;
    let text = damage(readFileSync(file, 'utf8'));
    if (name.startsWith('a forged line')) {
      const { crc32 } = await import('../../src/io/checksum.js');
      const lines = text.split('\n');
      const at = name.includes('impossible') ? lines.findIndex((line) => line.includes('"line":')) : 1;
      const original = lines[at]!.slice(9);
      const body = name.includes('impossible')
        ? original.replace(/"line":\d+/, '"line":-5').replace(/"column":\d+/, '"column":1e308')
        : original.replace('"problems":[', '"problems":[{"ruleId":"x"},');
      expect(body).not.toBe(original);
      lines[at] = `${crc32(Buffer.from(body)).toString(16).padStart(8, '0')} ${body}`;
      text = lines.join('\n');
    }
    writeFileSync(file, text);
    const run = await agrees();
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(fromCache(run.stderr)).toBeLessThan(10);
    expect(fromCache((await agrees()).stderr)).toBe(10);
  });

  it('FEEDTOOL_CACHE=1 turns it on at the default location, one file per option set', async () => {
    const env = { FEEDTOOL_CACHE: '1', XDG_CACHE_HOME: path.join(dir, 'xdg') };
    const run = (args: string[] = []) => runCli(['validate', 'news', '--format', 'json', '--verbose', ...args], { cwd: dir, env });
    const cold = await runCli(['validate', 'news', '--format', 'json', '--no-cache'], { cwd: dir });
    await run();
    const warm = await run();
    expect(warm.stdout).toBe(cold.stdout);
    expect(fromCache(warm.stderr)).toBe(10);
    await run(['--rule', 'whitespace=off']);
    expect(readdirSync(path.join(dir, 'xdg', 'feedtool')).filter((name) => name.endsWith('.cache'))).toHaveLength(2);
    expect(fromCache((await run()).stderr)).toBe(10);
    expect((await run(['--no-cache'])).stderr).not.toMatch(/from the cache/);
  });

  it.each([
    ['TRUE', true],
    [' yes ', true],
    ['on', true],
    ['0', false],
    ['false', false],
    ['', false],
  ])('FEEDTOOL_CACHE=%j turns the cache on: %s', async (value, on) => {
    const env = { FEEDTOOL_CACHE: value, XDG_CACHE_HOME: path.join(dir, 'xdg') };
    await runCli(['validate', 'news', '--format', 'json'], { cwd: dir, env });
    expect(existsSync(path.join(dir, 'xdg', 'feedtool'))).toBe(on);
  });

  it.each([
    ['a symbolic link loop', (root: string) => path.join(root, 'loop')],
    ['a path below a regular file', (root: string) => path.join(root, 'plain-file', 'c.cache')],
    ['/dev/null', () => '/dev/null'],
  ])('a location that cannot hold a cache (%s) means no cache, for validate and list alike', async (_name, location) => {
    symlinkSync('loop', path.join(dir, 'loop'));
    writeFileSync(path.join(dir, 'plain-file'), 'x');
    for (const command of [['validate', 'news', '--format', 'json'], ['list', 'news', '--format', 'json']]) {
      const cold = await runCli([...command, '--no-cache'], { cwd: dir });
      const cached = await runCli([...command, '--cache-location', location(dir)], { cwd: dir });
      expect(cached).toMatchObject({ code: cold.code, stdout: cold.stdout, stderr: cold.stderr });
      expect(cold.stdout.length).toBeGreaterThan(100);
    }
  });

  it('shares a --cache-location with list without either spoiling the other', async () => {
    await agrees();
    const list = () => runCli(['list', 'news', '--format', 'json', '--cache-location', cacheFile, '--verbose'], { cwd: dir });
    await list();
    expect((await list()).stderr).toMatch(/10 from the cache/);
    expect(fromCache((await agrees()).stderr)).toBe(10);
    expect((await list()).stderr).toMatch(/10 from the cache/);
  });
});
