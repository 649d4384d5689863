import { appendFileSync, chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CACHE_VARIANTS, pruneCacheVariants } from '../../src/io/cache-location.js';
import { spawn, spawnSync } from 'node:child_process';
import { article, BIN, makeTree, removeTree, resealCacheIndex, runCli, otherUserPrefix } from '../helpers.js';

let dir: string;
let cacheFile: string;

function tree(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 12; i++) {
    files[`news/2023-01-${String(i + 10).padStart(2, '0')}-story-${i}.md`] = article({
      title: `"Story number ${i}"`,
      publishedDateTime: `2023-01-${String(i + 10).padStart(2, '0')}T08:00:00Z`,
      quality: String(40 + i),
      topics: i % 2 ? '\n  - Robots' : '\n  - AI',
    });
  }
  files['news/broken.md'] = '---\ntitle: [unclosed\n---\n';
  files['_data/topics/ai.yaml'] = 'name: AI\n_id: ai\n';
  files['_data/topics/robots.yaml'] = 'name: Robots\n_id: robots\nparent: AI\n';
  return files;
}

/** Runs list as JSON twice, cold (no cache) and through the cache, and returns both outputs. */
async function coldAndCached(args: string[] = []): Promise<{ cold: string; cached: string; cachedStderr: string }> {
  const cold = await runCli(['list', 'news', '--format', 'json', '--no-cache', ...args], { cwd: dir });
  const cached = await runCli(['list', 'news', '--format', 'json', '--cache-location', cacheFile, ...args], { cwd: dir });
  expect(cold.code).toBe(0);
  expect(cached.code).toBe(0);
  return { cold: cold.stdout, cached: cached.stdout, cachedStderr: cached.stderr };
}

/**
 * After the cache was damaged: the next run gives exactly the cold output, and the run after it
 * is served whole from the rebuilt cache. Returns the first run's stderr.
 */
async function expectRecovered(): Promise<string> {
  const after = await coldAndCached(['--verbose']);
  expect(after.cached).toBe(after.cold);
  const again = await coldAndCached(['--verbose']);
  expect(again.cached).toBe(again.cold);
  expect(again.cachedStderr).toMatch(/12 from the cache/);
  return after.cachedStderr;
}

/** Where section `index` (0 files, 1 shown, 2 dates, 3 numbers, 4 results) of a cache file's index starts. */
function sectionStart(bytes: Buffer, index: number): number {
  const indexStart = bytes.readDoubleLE(bytes.length - 8);
  const lineEnd = bytes.indexOf(10, indexStart);
  const header = JSON.parse(bytes.toString('utf8', indexStart, lineEnd)) as { sections: number[] };
  return lineEnd + 1 + header.sections.slice(0, index).reduce((sum, length) => sum + length, 0);
}

/** Where a cache file's records start: after its header line. */
function recordsStart(bytes: Buffer): number {
  return bytes.indexOf(10) + 1;
}

/** A tree of `count` articles `n/0000.md`, `n/0001.md`…, titled "Item <n>", dated an hour back. */
function numberedTree(count: number): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) files[`n/${String(i).padStart(4, '0')}.md`] = article({ title: `"Item ${i}"` });
  const big = makeTree(files);
  ageFiles(big);
  return big;
}

/** Dates every file an hour back: the cache does not trust files modified in the last 2 s. */
function ageFiles(root: string): void {
  const past = new Date(Date.now() - 3_600_000);
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) utimesSync(path.join(entry.parentPath, entry.name), past, past);
  }
}

beforeEach(() => {
  dir = makeTree(tree());
  ageFiles(dir);
  cacheFile = path.join(dir, 'cache', 'feedtool.cache');
});

afterEach(() => removeTree(dir));

describe('the record cache never serves a stale result', () => {
  it('writes a cache file on the first run and gives the cold result on the next', async () => {
    const first = await coldAndCached();
    expect(existsSync(cacheFile)).toBe(true);
    expect(first.cached).toBe(first.cold);
    const second = await coldAndCached(['--verbose']);
    expect(second.cached).toBe(second.cold);
    // Every article came from the cache; the broken file is never cached, so it is read again.
    expect(second.cachedStderr).toContain('13 files read, 12 from the cache');
    expect(JSON.parse(second.cached)).toHaveLength(12);
    expect(second.cachedStderr).toContain('broken.md');
  });

  it.each([
    ['an edit with the same size', (file: string) => writeFileSync(file, readFileSync(file, 'utf8').replace('Story number 3', 'Story Number 3'))],
    ['an edit that changes the size', (file: string) => appendFileSync(file, '\nmore body\n')],
    ['a touch', (file: string) => utimesSync(file, new Date(), new Date(Date.now() + 5000))],
  ])('after %s', async (_name, change) => {
    await coldAndCached();
    change(path.join(dir, 'news/2023-01-13-story-3.md'));
    const after = await coldAndCached(['--verbose']);
    expect(after.cached).toBe(after.cold);
    expect(after.cachedStderr).toContain('13 files read, 11 from the cache');
    if (_name.startsWith('an edit with')) expect(after.cached).toContain('Story Number 3');
  });

  it('after a file is added, deleted or renamed', async () => {
    await coldAndCached();
    writeFileSync(path.join(dir, 'news/2023-02-01-new.md'), article({ title: '"A new story"' }));
    rmSync(path.join(dir, 'news/2023-01-10-story-0.md'));
    renameSync(path.join(dir, 'news/2023-01-11-story-1.md'), path.join(dir, 'news/2023-01-11-renamed.md'));
    const after = await coldAndCached();
    expect(after.cached).toBe(after.cold);
    const records = JSON.parse(after.cached) as Array<{ id: string; title: string }>;
    expect(records.map((r) => r.id)).toContain('2023-01-11-renamed');
    expect(records.map((r) => r.id)).not.toContain('2023-01-10-story-0');
    expect(records.map((r) => r.title)).toContain('A new story');
  });

  it('with the files stat-ed on a worker thread (--jobs 2): every kind of change at once', async () => {
    await coldAndCached(['--jobs', '2']);
    writeFileSync(path.join(dir, 'news/2023-01-13-story-3.md'), readFileSync(path.join(dir, 'news/2023-01-13-story-3.md'), 'utf8').replace('Story number 3', 'Story Number 3'));
    appendFileSync(path.join(dir, 'news/2023-01-14-story-4.md'), '\nmore body\n');
    utimesSync(path.join(dir, 'news/2023-01-15-story-5.md'), new Date(), new Date(Date.now() + 5000));
    writeFileSync(path.join(dir, 'news/2023-02-01-new.md'), article({ title: '"A new story"' }));
    rmSync(path.join(dir, 'news/2023-01-10-story-0.md'));
    renameSync(path.join(dir, 'news/2023-01-11-story-1.md'), path.join(dir, 'news/2023-01-11-renamed.md'));
    const after = await coldAndCached(['--jobs', '2', '--verbose']);
    expect(after.cached).toBe(after.cold);
    expect(after.cached).toContain('Story Number 3');
    // 13 files: 7 untouched articles from the cache; 3 changed, 1 new, 1 renamed and the broken one read again.
    expect(after.cachedStderr).toMatch(/13 files read, on 2 worker threads, 7 from the cache/);
    const again = await coldAndCached(['--jobs', '2', '--verbose']);
    expect(again.cached).toBe(again.cold);
  });

  it.skipIf(!existsSync('/proc/self'))('is off, at once, when its folder cannot be made under /proc (Node\'s recursive mkdir loops there)', async () => {
    const cold = await runCli(['list', 'news', '--format', 'json', '--no-cache'], { cwd: dir });
    for (const env of [{}, { XDG_CACHE_HOME: '/proc/self/no-such-folder', FEEDTOOL_CACHE: '1' }]) {
      const args = Object.keys(env).length === 0 ? ['--cache-location', '/proc/self/no-such-folder/cache.bin'] : [];
      const run = await runCli(['list', 'news', '--format', 'json', '--verbose', ...args], { cwd: dir, env, timeoutMs: 20_000 });
      expect(run.code, JSON.stringify(env)).toBe(0);
      expect(run.stdout).toBe(cold.stdout);
      expect(run.stderr).toMatch(/0 from the cache \S+ \(which could not be written: the next run will not find these records\)/);
      const check = await runCli(['validate', 'news', '--cache', '--verbose', ...args], { cwd: dir, env, timeoutMs: 20_000 });
      expect(check.code, JSON.stringify(env)).toBe(1);
      expect(check.stderr).toMatch(/0 from the cache \S+ \(which could not be written: the next run checks these files again\)/);
    }
  });

  it.each([
    ['a FIFO', (location: string) => spawnSync('mkfifo', [location]), ''],
    ['a folder', (location: string) => mkdirSync(location), ''],
    // The files kept beside the cache are renamed into place as well.
    ['a FIFO where its listing snapshot goes', (location: string) => spawnSync('mkfifo', [`${location}.listing`]), '.listing'],
    ['a FIFO where validate keeps its results', (location: string) => spawnSync('mkfifo', [`${location}.validate`]), '.validate'],
  ])('is off when --cache-location names %s (nothing replaced, nothing written beside it)', async (_kind, make, suffix) => {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    make(cacheFile);
    const before = readdirSync(path.dirname(cacheFile)).sort();
    const { cold, cached } = await coldAndCached();
    expect(cached).toBe(cold);
    await coldAndCached();
    await runCli(['validate', 'news', '--format', 'json', '--cache-location', cacheFile], { cwd: dir });
    // --verbose says the cache was turned off, and why; without it, nothing is said (`/dev/null` may be how it is turned off).
    const verbose = await runCli(['list', 'news', '--format', 'json', '--verbose', '--cache-location', cacheFile], { cwd: dir });
    expect(verbose.stderr).toContain(`feedtool: --cache-location: cache/feedtool.cache${suffix} is not a regular file: no cache is kept\n`);
    const quiet = await runCli(['list', 'news', '--format', 'json', '--cache-location', cacheFile], { cwd: dir });
    expect(quiet.stderr).not.toContain('--cache-location');
    expect(readdirSync(path.dirname(cacheFile)).sort()).toEqual(before);
    expect(readdirSync(path.dirname(cacheFile), { withFileTypes: true }).find((entry) => entry.name === path.basename(cacheFile) + suffix)?.isFile()).toBe(false);
  });

  it('after the broken file is fixed', async () => {
    await coldAndCached();
    writeFileSync(path.join(dir, 'news/broken.md'), article({ title: '"Fixed now"' }));
    const after = await coldAndCached();
    expect(after.cached).toBe(after.cold);
    expect(after.cached).toContain('Fixed now');
  });

  it.each([
    ['--body', ['--body']],
    ['--no-taxonomy', ['--no-taxonomy']],
  ])('when an option that changes records changes (%s)', async (_name, args) => {
    await coldAndCached();
    const after = await coldAndCached(args);
    expect(after.cached).toBe(after.cold);
  });

  it('when the taxonomy changes', async () => {
    await coldAndCached();
    writeFileSync(path.join(dir, '_data/topics/robots.yaml'), 'name: Robotics\n_id: robots\nparent: AI\n');
    const after = await coldAndCached(['--topic', 'robots']);
    expect(after.cached).toBe(after.cold);
    expect(after.cached).toContain('"Robotics"');
  });

  it.each([
    ['garbage', 'not a cache at all\n\u0000\u0001'],
    ['a truncated file', '{"format":"feedtool-cache","version":1,"key":"x"}\n["/a",1,2,3,4,{"kind":"article"'],
    ['a foreign JSON file', '{"hello":"world"}\n'],
    ['an empty file', ''],
  ])('ignores and rebuilds a corrupt cache file (%s)', async (_name, content) => {
    await coldAndCached();
    writeFileSync(cacheFile, content);
    const after = await coldAndCached();
    expect(after.cached).toBe(after.cold);
    expect(after.cachedStderr).not.toMatch(/internal error|at .*\.js/);
    expect(readFileSync(cacheFile, 'utf8').startsWith('{"format":"feedtool-cache"')).toBe(true);
  });

  it.each([
    ['cut short', (bytes: Buffer) => bytes.subarray(0, bytes.length - 40)],
    ['with bytes appended', (bytes: Buffer) => Buffer.concat([bytes, Buffer.from('{"x":1}\n')])],
    ['with its trailer pointing past the end', (bytes: Buffer) => {
      const copy = Buffer.from(bytes);
      copy.writeDoubleLE(copy.length, copy.length - 8);
      return copy;
    }],
    ['with a record reaching into the index', (bytes: Buffer) => {
      const copy = Buffer.from(bytes);
      // The first row's record length (column 8 of 10), sealed again: the bounds check catches it.
      copy.writeDoubleLE(copy.length, sectionStart(copy, 3) + 8 * 8);
      return resealCacheIndex(copy);
    }],

  ])('ignores a cache file %s', async (_name, damage: (bytes: Buffer) => Buffer) => {
    await coldAndCached();
    writeFileSync(cacheFile, damage(readFileSync(cacheFile)));
    expect(await expectRecovered()).not.toMatch(/internal error|at .*\.js/);
  });

  it('reads a file again when its record in the cache is damaged', async () => {
    await coldAndCached();
    const bytes = readFileSync(cacheFile);
    bytes[recordsStart(bytes)] = 0x20;
    writeFileSync(cacheFile, bytes);
    expect(await expectRecovered()).toMatch(/11 from the cache/);
  });

  it('with --limit (few records shown, read one by one): a damaged record is made again from its file', async () => {
    await coldAndCached();
    const bytes = readFileSync(cacheFile);
    // Every record damaged where only its checksum can tell (the index, after them, untouched).
    const indexStart = bytes.readDoubleLE(bytes.length - 8);
    let damaged = 0;
    for (let at = bytes.indexOf('Story number', recordsStart(bytes)); at !== -1 && at < indexStart; at = bytes.indexOf('Story number', at + 1)) {
      bytes[at] = 0x73;
      damaged++;
    }
    expect(damaged).toBe(12);
    for (const format of ['json', 'csv', 'table']) {
      writeFileSync(cacheFile, bytes);
      const args = ['list', 'news', '--format', format, '--limit', '3'];
      const cold = await runCli([...args, '--no-cache'], { cwd: dir });
      const cached = await runCli([...args, '--cache-location', cacheFile, '--verbose'], { cwd: dir });
      expect(cold.stdout).toMatch(/Story/);
      expect(cached).toMatchObject({ code: cold.code, stdout: cold.stdout });
      expect(cached.stdout).not.toMatch(/story number/);
      // Every file served from the index: the damage was found only when the few records shown
      // were read (a cache read whole finds it at once, and reads those files again).
      expect(cached.stderr).toMatch(/12 from the cache/);
      // -v says, once, after those counts, that a record was made again and the cache removed
      // (the default table and CSV show summary fields alone: they read no record, so find no damage).
      const note = /\nfeedtool: a record in the cache \S+ was damaged: it was made again from its file \(counted above as from the cache\), and the cache file was removed, so the next run reads every file again\n/;
      if (format !== 'json') expect(cached.stderr).not.toMatch(note);
      else expect(cached.stderr.match(new RegExp(note.source, 'g')), format).toHaveLength(1);
    }
    // The damaged cache file was removed; the next run rebuilds it and the one after serves it.
    expect(await expectRecovered()).not.toMatch(/internal error|at .*\.js/);
  });

  it('works without zlib.crc32 (Node 20 before 20.15): the same cache, checked in JavaScript', async () => {
    const preload = path.join(dir, 'no-crc32.cjs');
    writeFileSync(preload, "require('node:zlib').crc32 = undefined;\n");
    const run = (extra: string[] = []) =>
      spawnSync(process.execPath, ['--require', preload, BIN, 'list', 'news', '--format', 'json', '--cache-location', cacheFile, ...extra], { cwd: dir, encoding: 'utf8' });
    const cold = await runCli(['list', 'news', '--format', 'json', '--no-cache'], { cwd: dir });
    expect(run().stdout).toBe(cold.stdout);
    // The cache written without zlib, read without it (--verbose: no snapshot).
    const warm = run(['--verbose']);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.stderr).toMatch(/12 from the cache/);
    // Read with zlib (this tree has a broken file, so no listing snapshot is involved).
    const withZlib = await runCli(['list', 'news', '--format', 'json', '--verbose', '--cache-location', cacheFile], { cwd: dir });
    expect(withZlib.stdout).toBe(cold.stdout);
    expect(withZlib.stderr).toMatch(/12 from the cache/);
  });

  it('reads a file again when one byte inside its record changed (braces intact: the checksum tells)', async () => {
    await coldAndCached();
    const bytes = readFileSync(cacheFile);
    const at = bytes.indexOf('Story number', recordsStart(bytes));
    bytes[at] = 0x73;
    writeFileSync(cacheFile, bytes);
    const after = await coldAndCached(['--verbose']);
    expect(after.cached).toBe(after.cold);
    expect(after.cached).not.toMatch(/story number/);
    expect(after.cachedStderr).toMatch(/11 from the cache/);
    // The same for text and csv, which parse the records they are served.
    for (const format of ['csv', 'table']) {
      writeFileSync(cacheFile, bytes);
      const cold = await runCli(['list', 'news', '--format', format, '--no-cache'], { cwd: dir });
      const cached = await runCli(['list', 'news', '--format', format, '--cache-location', cacheFile], { cwd: dir });
      expect(cached.code).toBe(0);
      expect(cached.stdout).toBe(cold.stdout);
    }
  });

  it('ignores its whole index when one byte of it changed, even where the change still reads as a summary', async () => {
    await coldAndCached();
    const bytes = readFileSync(cacheFile);
    // The first summary's topic AI becomes AX: valid JSON, a valid summary, a wrong answer to --topic AI.
    const at = bytes.indexOf('"topics":["AI"]', sectionStart(bytes, 4)) + 12;
    bytes[at] = 0x58;
    writeFileSync(cacheFile, bytes);
    const after = await coldAndCached(['--topic', 'AI', '--verbose']);
    expect(after.cached).toBe(after.cold);
    expect(after.cachedStderr).toMatch(/ 0 from the cache/);
  });

  it('ignores an index whose records add up to more than the file holds (no output multiplied)', async () => {
    await coldAndCached();
    const bytes = readFileSync(cacheFile);
    const numbers = sectionStart(bytes, 3);
    const region = bytes.readDoubleLE(bytes.length - 8) - recordsStart(bytes);
    // Every row points at the whole records region, which starts with `{` and ends with `}`.
    for (let row = numbers; row < sectionStart(bytes, 4); row += 10 * 8) {
      if (bytes.readDoubleLE(row + 4 * 8) !== 0) continue;
      bytes.writeDoubleLE(recordsStart(bytes), row + 7 * 8);
      bytes.writeDoubleLE(region, row + 8 * 8);
    }
    // Sealed again, so that the bounds check, not the index checksum, is what is tested.
    writeFileSync(cacheFile, resealCacheIndex(bytes));
    const after = await coldAndCached(['--verbose']);
    expect(after.cached).toBe(after.cold);
    expect(after.cachedStderr).toMatch(/ 0 from the cache/);
  });

  it('Ctrl-C stops a run building the cache at once; the next run removes the temporary files of killed runs', async () => {
    const big = numberedTree(4000);
    const cacheDir = path.join(big, 'cache');
    mkdirSync(cacheDir);
    // A file left by a run whose process is gone, and one by a live process (this one).
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(path.join(cacheDir, `c.cache.${gone}.00ff.tmp`), 'x');
    writeFileSync(path.join(cacheDir, `c.cache.${process.pid}.00ff.tmp`), 'x');
    try {
      const child = spawn(process.execPath, [BIN, 'list', 'n', '--format', 'ndjson', '--jobs', '0', '--cache-location', path.join(cacheDir, 'c.cache')], { cwd: big, stdio: 'ignore' });
      let exited = false;
      const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, signal) => {
          exited = true;
          resolve({ code, signal });
        }),
      );
      const temporary = () => readdirSync(cacheDir).filter((name) => name.startsWith(`c.cache.${child.pid}.`));
      // The temporary file lives as long as the run builds the cache (4,000 files on one thread).
      while (temporary().length === 0 && !exited) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(temporary()).toHaveLength(1);
      child.kill('SIGINT');
      expect(await ended).toEqual({ code: null, signal: 'SIGINT' });
      const next = await runCli(['list', 'n', '--format', 'ndjson', '--cache-location', path.join(cacheDir, 'c.cache')], { cwd: big, timeoutMs: 30_000 });
      expect(next.code).toBe(0);
      expect(readdirSync(cacheDir).sort()).toEqual([`c.cache`, `c.cache.${process.pid}.00ff.tmp`, 'c.cache.listing']);
    } finally {
      removeTree(big);
    }
  });

  it('leaves no temporary file when a closed stderr ends the run while it builds the cache', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`n/${String(i).padStart(4, '0')}.md`] = i % 4 === 3 ? '---\ntitle: [broken\n---\n' : article({ title: `"Item ${i}"` });
    const big = makeTree(files);
    ageFiles(big);
    const cacheDir = path.join(big, 'cache');
    try {
      // Workers: the run waits for them, so the failed write to stderr ends it while it loads.
      const child = spawn(process.execPath, [BIN, 'list', 'n', '--format', 'ndjson', '--jobs', '2', '--cache-location', path.join(cacheDir, 'c.cache')], { cwd: big, stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr!.destroy();
      const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
      expect(code).toBe(0);
      // Nothing half-written left (the run usually ends before saving; if not, it saved whole).
      expect(existsSync(cacheDir) ? readdirSync(cacheDir).filter((name) => name.endsWith('.tmp')) : []).toEqual([]);
    } finally {
      removeTree(big);
    }
  });

  it('reads a file again when its entry in the stamp table no longer matches', async () => {
    await coldAndCached();
    const bytes = readFileSync(cacheFile);
    // The first row's size: one file's stamp damaged, the other eleven still served.
    bytes.writeDoubleLE(1, sectionStart(bytes, 3));
    writeFileSync(cacheFile, resealCacheIndex(bytes));
    const after = await coldAndCached(['--verbose']);
    expect(after.cached).toBe(after.cold);
    expect(after.cachedStderr).toMatch(/11 from the cache/);
  });

  it.each([
    ['broken JSON', (line: string) => line.replace('"title":"', '"title":\u0001"')],
    ['a field of the wrong type', (line: string) => line.replace(/"topics":\[[^\]]*\]/, '"topics":7')],
  ])('never trusts a damaged summary line (%s): filters, sorts and rank give the cold result', async (_name, damage: (line: string) => string) => {
    await coldAndCached();
    const bytes = readFileSync(cacheFile);
    const start = sectionStart(bytes, 4);
    const end = bytes.indexOf(10, start);
    const line = bytes.toString('utf8', start, end);
    const damaged = damage(line);
    expect(damaged).not.toBe(line);
    writeFileSync(cacheFile, resealCacheIndex(Buffer.concat([bytes.subarray(0, start), Buffer.from(damaged.padEnd(line.length).slice(0, line.length)), bytes.subarray(end)])));
    // An unfiltered list by date never reads the line; every other reading must not be fooled by it.
    for (const args of [[], ['--sort', 'title'], ['--topic', 'AI'], ['--search', 'number']]) {
      const after = await coldAndCached(args);
      expect(after.cached).toBe(after.cold);
      expect(after.cachedStderr).not.toMatch(/internal error/);
    }
    const cold = await runCli(['rank', 'news', '--format', 'json', '--no-cache'], { cwd: dir });
    const warm = await runCli(['rank', 'news', '--format', 'json', '--cache-location', cacheFile], { cwd: dir });
    expect(warm.code).toBe(0);
    expect(warm.stdout).toBe(cold.stdout);
  });

  it('serves every summary field that filters, sorts and ranks read, as a cold run does', async () => {
    await coldAndCached();
    for (const args of [['--sort', 'title'], ['--sort', 'provider', '--reverse'], ['--topic', 'Robots'], ['--search', 'number 1'], ['--provider', 'example.test', '--limit', '3']]) {
      const after = await coldAndCached(args);
      expect(after.cached).toBe(after.cold);
    }
    const rank = (extra: string[]) => runCli(['rank', 'news', '--dedupe', '--explain', '--format', 'json', ...extra], { cwd: dir });
    const cold = await rank(['--no-cache']);
    await rank(['--cache-location', cacheFile]);
    const warm = await rank(['--cache-location', cacheFile, '--verbose']);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.stderr).toMatch(/12 from the cache/);
  });

});

describe('--cache-location never damages a file feedtool did not write', () => {
  it('an article name is refused, and any file with something else in it is left alone: no cache, and a note saying so', async () => {
    const articleFile = path.join(dir, 'news', '2023-01-10-story-0.md');
    const before = readFileSync(articleFile, 'utf8');
    const cold = await runCli(['list', 'news', '--format', 'json', '--no-cache'], { cwd: dir });
    // A Markdown name is an article's: given by mistake, or a new one in a folder walked (which
    // would then read the cache as an article), it is a usage error.
    for (const location of ['news/2023-01-10-story-0.md', 'news/new-cache.md', 'c.MARKDOWN']) {
      const refused = await runCli(['list', 'news', '--format', 'json', '--cache-location', location], { cwd: dir });
      expect(refused.code, location).toBe(2);
      expect(refused.stderr, location).toContain("a name ending in .md or .markdown is an article's: choose another, such as feedtool.cache.");
    }
    expect(existsSync(path.join(dir, 'news', 'new-cache.md'))).toBe(false);
    // So is a link that leads to such a name.
    symlinkSync('news/linked-cache.md', path.join(dir, 'my.cache'));
    for (const command of ['list', 'validate']) {
      const linked = await runCli([command, 'news', '--format', 'json', '--cache-location', 'my.cache'], { cwd: dir });
      expect(linked.code, command).toBe(2);
      expect(linked.stderr, command).toBe("feedtool: --cache-location: news/linked-cache.md (where the link given leads) has an article's name: choose another, such as feedtool.cache\n");
    }
    expect(existsSync(path.join(dir, 'news', 'linked-cache.md'))).toBe(false);
    writeFileSync(path.join(dir, 'notes.txt'), 'my notes\n');
    for (const command of ['list', 'validate', 'rank']) {
      const run = await runCli([command, 'news', '--format', 'json', '--cache-location', 'notes.txt'], { cwd: dir });
      expect(run.stderr, command).toContain('feedtool: --cache-location: notes.txt is not a feedtool cache file: left alone, and no cache is kept\n');
      expect(run.stderr.match(/not a feedtool cache file/g), command).toHaveLength(1);
      if (command === 'list') expect(run.stdout).toBe(cold.stdout);
    }
    expect(readFileSync(articleFile, 'utf8')).toBe(before);
    expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('my notes\n');
    // So is a file beside the location where validate would keep its results.
    writeFileSync(path.join(dir, 'notes.validate'), 'my notes\n');
    const beside = await runCli(['validate', 'news', '--cache-location', 'notes'], { cwd: dir });
    expect(beside.stderr).toContain('feedtool: --cache-location: notes.validate is not a feedtool cache file');
    expect(readFileSync(path.join(dir, 'notes.validate'), 'utf8')).toBe('my notes\n');
    // Its own files under any name are used: the cache, the listing snapshot (which starts with
    // the listing and says whose it is at its end) and validate's results.
    for (let round = 0; round < 3; round++) {
      for (const command of ['list', 'validate']) {
        const own = await runCli([command, 'news', '--format', 'json', '--cache-location', 'own.json'], { cwd: dir });
        expect(own.stderr, `${command} ${round}`).not.toContain('not a feedtool cache');
        if (command === 'list') expect(own.stdout).toBe(cold.stdout);
      }
    }
    expect(readdirSync(dir).filter((name) => name.startsWith('own.json'))).toEqual(expect.arrayContaining(['own.json', 'own.json.validate']));
    // An empty file (made by mktemp) is used.
    writeFileSync(path.join(dir, 'empty.cache'), '');
    const empty = await runCli(['list', 'news', '--format', 'json', '--cache-location', 'empty.cache'], { cwd: dir });
    expect(empty.stderr).not.toContain('not a feedtool cache');
    expect(readFileSync(path.join(dir, 'empty.cache'), 'utf8')).toMatch(/^\{"format":"feedtool-cache"/);
  });

  it('a symbolic link is followed: the cache is saved where it leads (even where nothing is yet), and the link stays a link', async () => {
    mkdirSync(path.join(dir, 'shared'));
    symlinkSync('shared/feed.cache', path.join(dir, 'link.cache'));
    const first = await coldAndCached(['--cache-location', 'link.cache']);
    expect(first.cached).toBe(first.cold);
    expect(lstatSync(path.join(dir, 'link.cache')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'shared', 'feed.cache'), 'utf8')).toMatch(/^\{"format":"feedtool-cache"/);
    // A change makes the next run save the cache again: through the link, not over it.
    writeFileSync(path.join(dir, 'news', 'added.md'), article({ title: '"Added"' }));
    const again = await runCli(['list', 'news', '--format', 'json', '--cache-location', 'link.cache'], { cwd: dir });
    expect(JSON.parse(again.stdout).map((record: { title: string }) => record.title)).toContain('Added');
    expect(lstatSync(path.join(dir, 'link.cache')).isSymbolicLink()).toBe(true);
    const validate = await runCli(['validate', 'news', '--cache-location', 'link.cache'], { cwd: dir });
    expect(validate.code).toBe(1);
    expect(existsSync(path.join(dir, 'shared', 'feed.cache.validate'))).toBe(true);
    expect(existsSync(path.join(dir, 'link.cache.validate'))).toBe(false);
  });
});

describe('worker threads', () => {
  it('give exactly the in-thread result, in the same order', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 450; i++) {
      files[`d${i % 7}/2022-03-${String((i % 28) + 1).padStart(2, '0')}-a${i}.md`] = article({
        title: `"Article ${i} &amp; friends"`,
        publishedDateTime: i % 11 === 0 ? '<omit>' : `2022-03-${String((i % 28) + 1).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:00Z`,
        quality: String(i % 100),
        heat: i % 3 ? String(i % 50) : '"-1"',
      });
    }
    files['d0/bad.md'] = '---js\nthrow 1\n---\n';
    const big = makeTree(files);
    try {
      const inThread = await runCli(['list', '.', '--format', 'ndjson', '--sort', 'path', '--jobs', '0'], { cwd: big });
      const workers = await runCli(['list', '.', '--format', 'ndjson', '--sort', 'path', '--jobs', '2'], { cwd: big });
      expect(workers.code).toBe(0);
      expect(workers.stdout).toBe(inThread.stdout);
      expect(workers.stderr).toBe(inThread.stderr);
      const verbose = await runCli(['list', '.', '--format', 'ndjson', '--jobs', '2', '--verbose'], { cwd: big });
      expect(verbose.stderr).toContain('451 files read, on 2 worker threads');
      expect(workers.stdout.trim().split('\n')).toHaveLength(450);
      // Sorts by date, quality and heat get only sort keys back from the workers; others whole summaries.
      for (const extra of [[], ['--sort', 'quality', '--reverse'], ['--sort', 'heat'], ['--sort', 'title'], ['--topic', 'AI', '--limit', '101']]) {
        const here = await runCli(['list', '.', '--format', 'json', '--jobs', '0', ...extra], { cwd: big });
        const there = await runCli(['list', '.', '--format', 'json', '--jobs', '2', ...extra], { cwd: big });
        expect(there.stdout, extra.join(' ')).toBe(here.stdout);
        expect(there.code).toBe(0);
      }
      // A short ranking or a small --limit gets no records from the workers: the few shown are
      // made again from their files, and come out exactly the same. A listing of summary fields
      // only (the default table and CSV) makes no records at all.
      const onDemand = 'records made again only for the articles shown';
      const summariesOnly = 'listing made from article summaries alone';
      const taxonomy = path.resolve('fixtures/_data/topics');
      for (const [args, expected] of [
        [['rank', '.', '--format', 'json', '--explain'], onDemand],
        [['rank', '.', '--dedupe', '--similarity', '0.5', '--format', 'json', '--top', '100'], onDemand],
        [['rank', '.', '--format', 'json', '--top', '101'], null],
        [['rank', '.', '--format', 'csv', '--top', '0'], summariesOnly],
        [['rank', '.', '--format', 'csv', '--top', '0', '--fields', 'rank,title,excerpt'], null],
        [['list', '.', '--format', 'json', '--limit', '100', '--body'], onDemand],
        [['list', '.', '--sort', 'title', '--limit', '7', '--fields', 'title,excerpt,path'], onDemand],
        [['list', '.', '--sort', 'title', '--limit', '7'], summariesOnly],
        [['list', '.', '--format', 'ndjson', '--limit', '101'], null],
        [['list', '.', '--topic', 'AI', '--search', 'friends', '--format', 'csv', '--limit', '5', '--fields', 'id,excerpt,path,url'], onDemand],
        [['list', '.', '--topic', 'AI', '--search', 'friends', '--format', 'csv', '--limit', '5'], summariesOnly],
        [['list', '.', '--sort', 'heat', '--format', 'csv'], summariesOnly],
        [['list', '.', '--format', 'json', '--fields', 'title,provider.name,topics'], summariesOnly],
        [['list', '.', '--format', 'json', '--fields', 'title,provider'], null],
        [['rank', '.', '--taxonomy', taxonomy, '--topic', 'AI', '--search', '1', '--top', '9', '--format', 'json'], onDemand],
      ] as const) {
        const here = await runCli([...args, '--jobs', '0', '--verbose'], { cwd: big });
        const there = await runCli([...args, '--jobs', '2', '--verbose'], { cwd: big });
        const label = args.join(' ');
        expect(there.code, label).toBe(0);
        expect(there.stdout, label).toBe(here.stdout);
        expect(here.stdout.length, label).toBeGreaterThan(200);
        expect(here.stderr, label).not.toContain(onDemand);
        for (const note of [onDemand, summariesOnly]) {
          if (note === expected) expect(there.stderr, label).toContain(note);
          else if (note === onDemand) expect(there.stderr, label).not.toContain(note);
        }
        if (expected === summariesOnly) expect(here.stderr, label).toContain(summariesOnly);
        else expect(there.stderr, label).not.toContain(summariesOnly);
      }
    } finally {
      removeTree(big);
    }
  });

  it('stat files for the cache in chunks: changes anywhere in a large tree are seen', async () => {
    const big = numberedTree(2100);
    const location = path.join(big, 'c.cache');
    try {
      // No --jobs: the stat worker starts once the walk has found enough files.
      const run = (extra: string[]) => runCli(['list', 'n', '--format', 'ndjson', '--sort', 'path', '--verbose', ...extra], { cwd: big, timeoutMs: 30_000 });
      await run(['--cache-location', location]);
      for (const i of [0, 1023, 1024, 1500, 2047, 2048, 2099]) {
        writeFileSync(path.join(big, `n/${String(i).padStart(4, '0')}.md`), article({ title: `"Changed item ${i}!"` }));
      }
      rmSync(path.join(big, 'n/1025.md'));
      const cold = await run(['--no-cache']);
      const warm = await run(['--cache-location', location]);
      expect(warm.stdout).toBe(cold.stdout);
      expect(warm.stdout).toContain('Changed item 2048!');
      expect(warm.stdout).not.toContain('"Item 1025"');
      expect(warm.stderr).toMatch(/2,099 files read, 2,092 from the cache .*, files stat-ed on a worker thread/);
    } finally {
      removeTree(big);
    }
  });

  it('give validate exactly the in-thread result, and the process ends', async () => {
    const args = ['validate', 'fixtures/validate', '--format', 'json'];
    const inThread = await runCli([...args, '--jobs', '0']);
    const workers = await runCli([...args, '--jobs', '2'], { timeoutMs: 15_000 });
    expect(workers.code).toBe(inThread.code);
    expect(workers.code).toBe(1);
    expect(workers.stdout).toBe(inThread.stdout);
    expect(JSON.parse(workers.stdout).length).toBeGreaterThan(10);
  });
});

describe('the default location without a usable home', () => {
  it.each([
    ['an empty HOME', { HOME: '', XDG_CACHE_HOME: undefined }],
    ['a relative XDG_CACHE_HOME and an empty HOME', { HOME: '', XDG_CACHE_HOME: 'rel' }],
    ['a HOME that does not exist', { HOME: '/nonexistent-feedtool-home', XDG_CACHE_HOME: undefined }],
  ])('%s: no cache, nothing made in the current folder or for the home', async (_name, env) => {
    const cold = await runCli(['list', 'news', '--format', 'json', '--no-cache'], { cwd: dir });
    const before = readdirSync(dir).sort();
    const run = await runCli(['list', 'news', '--format', 'json', '--cache', '--verbose'], { cwd: dir, env });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(cold.stdout);
    expect(run.stderr).toContain('feedtool: no cache is kept: no node_modules here, no absolute XDG_CACHE_HOME and no home folder to keep it in\n');
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(existsSync('/nonexistent-feedtool-home')).toBe(false);
  });
});

describe('FEEDTOOL_CACHE', () => {
  it('a value neither on nor off leaves the cache off with one note; off values are silent', async () => {
    const cold = await runCli(['list', 'news', '--format', 'json', '--no-cache'], { cwd: dir });
    const typo = await runCli(['list', 'news', '--format', 'json'], { cwd: dir, env: { FEEDTOOL_CACHE: 'ture', XDG_CACHE_HOME: path.join(dir, 'xdg') } });
    expect(typo.stdout).toBe(cold.stdout);
    expect(typo.stderr.match(/FEEDTOOL_CACHE/g)).toHaveLength(1);
    expect(typo.stderr).toContain('feedtool: FEEDTOOL_CACHE=ture is neither on (1, true, yes, on) nor off (0, false, no, off): no cache is kept\n');
    expect(existsSync(path.join(dir, 'xdg'))).toBe(false);
    for (const off of ['0', 'false', 'No', 'OFF', ' ', '']) {
      const quiet = await runCli(['list', 'news', '--format', 'json'], { cwd: dir, env: { FEEDTOOL_CACHE: off, XDG_CACHE_HOME: path.join(dir, 'xdg') } });
      expect(quiet.stderr, off).not.toMatch(/FEEDTOOL_CACHE/);
    }
    // --no-cache and --cache say what is wanted: no note.
    const flagged = await runCli(['list', 'news', '--format', 'json', '--no-cache'], { cwd: dir, env: { FEEDTOOL_CACHE: 'ture' } });
    expect(flagged.stderr).not.toMatch(/FEEDTOOL_CACHE/);
    expect(existsSync(path.join(dir, 'xdg'))).toBe(false);
  });
});

describe('a default location that cannot be looked at', () => {
  it('keeps no cache, and -v says why', async () => {
    const cold = await runCli(['list', 'news', '--format', 'json', '--no-cache'], { cwd: dir });
    // XDG_CACHE_HOME is a file: the cache's place is a path through a file.
    const notAFolder = path.join(dir, 'not-a-folder');
    writeFileSync(notAFolder, 'x');
    try {
      const run = await runCli(['list', 'news', '--format', 'json', '--cache', '-v'], { cwd: dir, env: { XDG_CACHE_HOME: notAFolder } });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(cold.stdout);
      expect(run.stderr).toMatch(/(^|\n)feedtool: no cache is kept: .*not-a-folder\/feedtool\/[0-9a-f-]+\.cache cannot be looked at \(a path through a file\)\n/);
      expect(run.stderr).not.toMatch(/from the cache/);
      const quiet = await runCli(['list', 'news', '--format', 'json', '--cache'], { cwd: dir, env: { XDG_CACHE_HOME: notAFolder } });
      expect(quiet.stderr).not.toMatch(/cache/i);
    } finally {
      rmSync(notAFolder);
    }
  });
});

describe('cache names that cannot hold a cache', () => {
  it('a name too long to leave room for the files written beside it keeps no cache, and -v says so for list and validate', async () => {
    const cold = await runCli(['list', 'news', '--format', 'json', '--no-cache'], { cwd: dir });
    const longest = `${'a'.repeat(219)}.cache`;
    const tooLong = `${'b'.repeat(220)}.cache`;
    for (const command of ['list', 'validate']) {
      const refused = await runCli([command, 'news', '--format', 'json', '--cache-location', tooLong, '-v'], { cwd: dir });
      expect(refused.stderr, command).toContain(`feedtool: --cache-location: ${tooLong} has a name too long to keep a cache under (at most 225 bytes, leaving room for the files written beside it): no cache is kept\n`);
      if (command === 'list') expect(refused.stdout).toBe(cold.stdout);
      // The longest name allowed keeps its cache, its listing and validate's results.
      await runCli([command, 'news', '--format', 'json', '--cache-location', longest], { cwd: dir });
      const warm = await runCli([command, 'news', '--format', 'json', '--cache-location', longest, '-v'], { cwd: dir });
      expect(warm.stderr, command).not.toContain('could not be written');
      expect(warm.stderr, command).toMatch(/from the cache|listing served/);
    }
    expect(readdirSync(dir).filter((name) => name.startsWith('b'))).toEqual([]);
    expect(readdirSync(dir).filter((name) => name.startsWith('a'))).toEqual(expect.arrayContaining([longest, `${longest}.validate`]));
  });

  // Root reads any file, so this needs another user to run as (see otherUserPrefix).
  const runAs = otherUserPrefix();
  it.skipIf(runAs === null)('a file there that cannot be read (not ours to judge) is left alone, with a note, under any name', () => {
    const shared = makeTree({ 'news/a.md': article() });
    try {
      chmodSync(shared, 0o777);
      for (const name of ['notes.txt', 'c.cache.listing', 'v.validate']) {
        writeFileSync(path.join(shared, name), 'private notes\n', { mode: 0o600 });
        if (runAs!.length === 0) chmodSync(path.join(shared, name), 0o200);
      }
      const run = (args: string[]) => spawnSync(runAs![0] ?? process.execPath, [...runAs!.slice(1), ...(runAs!.length ? [process.execPath] : []), BIN, ...args], { cwd: shared, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FEEDTOOL_RACY_WINDOW_MS: '0' } });
      for (const [command, location, place] of [['list', 'notes.txt', 'notes.txt'], ['list', 'c.cache', 'c.cache.listing'], ['validate', 'v', 'v.validate']] as const) {
        const result = run([command, 'news', '--format', 'json', '--cache-location', location]);
        expect(result.stderr, location).toContain(`feedtool: --cache-location: ${place} cannot be read (permission denied), so it is left alone: no cache is kept\n`);
      }
      for (const name of ['notes.txt', 'c.cache.listing', 'v.validate']) {
        chmodSync(path.join(shared, name), 0o644);
        expect(readFileSync(path.join(shared, name), 'utf8'), name).toBe('private notes\n');
      }
    } finally {
      removeTree(shared);
    }
  });
});

describe('a warm run with nothing new', () => {
  it('leaves the cache file as it is, also with broken files (never cached) in the tree, and list and show share it', async () => {
    // The tree has news/broken.md.
    const args = ['list', 'news', '--format', 'csv', '--cache-location', cacheFile];
    await runCli(args, { cwd: dir });
    const written = statSync(cacheFile);
    await runCli(args, { cwd: dir });
    const show = await runCli(['show', '2023-01-10-story-0', '--dir', 'news', '--cache-location', cacheFile], { cwd: dir });
    expect(show.code).toBe(0);
    const after = statSync(cacheFile);
    expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);
    expect((await runCli([...args, '--verbose'], { cwd: dir })).stderr).toMatch(/ files read, \d+ from the cache /);
  });
});

describe('a cache location that is this run\'s own output', () => {
  it.each(['/dev/stdout', '/dev/stderr', '/proc/self/fd/1'])('--cache-location %s redirected to a file: the output stays, no cache is kept', (location) => {
    const out = path.join(dir, 'out.json');
    const err = path.join(dir, 'err.txt');
    // The shell makes the file (empty) before feedtool starts: an empty file may hold a cache, but not this one.
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" list news --format json --cache-location ${location} > out.json 2> err.txt`], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const cold = spawnSync(process.execPath, [BIN, 'list', 'news', '--format', 'json', '--no-cache'], { cwd: dir, encoding: 'utf8' });
    expect(readFileSync(out, 'utf8')).toBe(cold.stdout);
    expect(readFileSync(err, 'utf8')).toMatch(/^feedtool: --cache-location: .* is where this run writes its output or messages: no cache is kept\n/);
    expect(readdirSync(dir).filter((name) => name.includes('.listing') || name.includes('.validate'))).toEqual([]);
  });
});

describe('the cache and files modified just now', () => {
  it('reads a file modified within the last 2 s again rather than trust its stamp', async () => {
    const fresh = makeTree({ 'news/2023-01-01-fresh.md': article({ title: '"Fresh"' }) });
    const location = path.join(fresh, 'cache', 'c.cache');
    try {
      const args = ['list', 'news', '--format', 'json', '--cache-location', location, '--verbose'];
      const racy = { cwd: fresh, env: { FEEDTOOL_RACY_WINDOW_MS: '2000' } };
      await runCli(args, racy);
      // Same size, same second: only a re-read can see this change.
      writeFileSync(path.join(fresh, 'news/2023-01-01-fresh.md'), article({ title: '"Frish"' }));
      const second = await runCli(args, racy);
      expect(second.stdout).toContain('"Frish"');
      expect(second.stderr).toContain('1 file read, 0 from the cache');
    } finally {
      removeTree(fresh);
    }
  });

  it('does not keep a file whose mtime was set back just now (cp -p, rsync -t, touch -d): its ctime says it changed', async () => {
    const fresh = makeTree({ 'news/2023-01-01-fresh.md': article({ title: '"Fresh"' }) });
    const location = path.join(fresh, 'cache', 'c.cache');
    const racy = { cwd: fresh, env: { FEEDTOOL_RACY_WINDOW_MS: '2000' } };
    try {
      ageFiles(fresh);
      const args = ['list', 'news', '--format', 'json', '--cache-location', location, '--verbose'];
      await runCli(args, racy);
      expect((await runCli(args, racy)).stderr).toContain('1 file read, 0 from the cache');
      // With the window off, the same file is kept and served.
      await runCli(args, { cwd: fresh });
      expect((await runCli(args, { cwd: fresh })).stderr).toContain('1 file read, 1 from the cache');
    } finally {
      removeTree(fresh);
    }
  });
});

describe('the default cache location keeps one file per option set', () => {
  it('alternating --search and plain runs are both served from the cache', async () => {
    mkdirSync(path.join(dir, 'node_modules'));
    const run = (extra: string[]) => runCli(['list', 'news', '--format', 'json', '--cache', '--verbose', ...extra], { cwd: dir });
    const plainCold = await run([]);
    const searchCold = await run(['--search', 'number']);
    expect(plainCold.stderr).toContain('13 files read, 0 from the cache');
    expect(searchCold.stderr).toContain('13 files read, 0 from the cache');
    const plainWarm = await run([]);
    const searchWarm = await run(['--search', 'number']);
    expect(plainWarm.stderr).toContain('13 files read, 12 from the cache');
    expect(searchWarm.stderr).toContain('13 files read, 12 from the cache');
    expect(plainWarm.stdout).toBe(plainCold.stdout);
    expect(searchWarm.stdout).toBe(searchCold.stdout);
    const files = readdirSync(path.join(dir, 'node_modules', '.cache', 'feedtool'));
    expect(files.filter((name) => name.endsWith('.cache'))).toHaveLength(2);
  });
});

describe('pruneCacheVariants', () => {
  it('keeps the current variant and the most recently used others, up to the limit', () => {
    const folder = path.join(dir, 'variants');
    mkdirSync(folder);
    const base = path.join(folder, 'abc.cache');
    const names = ['abc-1.cache', 'abc-2.cache', 'abc-3.cache', 'abc-4.cache', 'abc-5.cache', 'abc-6.cache'];
    names.forEach((name, index) => {
      writeFileSync(path.join(folder, name), 'x');
      writeFileSync(path.join(folder, `${name}.listing`), 'x');
      const when = new Date(Date.now() - (index + 1) * 60_000);
      utimesSync(path.join(folder, name), when, when);
    });
    writeFileSync(path.join(folder, 'other-1.cache'), 'x');
    writeFileSync(path.join(folder, 'abc.notes'), 'x');
    // The oldest one is the variant in use now: it is marked used and kept.
    pruneCacheVariants(base, path.join(folder, 'abc-6.cache'));
    // Each removed variant's listing snapshot goes with it.
    const kept = ['abc-1.cache', 'abc-2.cache', 'abc-3.cache', 'abc-6.cache'];
    expect(readdirSync(folder).sort()).toEqual([...kept.flatMap((name) => [name, `${name}.listing`]), 'abc.notes', 'other-1.cache'].sort());
    expect(MAX_CACHE_VARIANTS).toBe(4);
  });

  it('leaves alone an old variant it cannot delete, without throwing', () => {
    const folder = path.join(dir, 'stuck');
    mkdirSync(folder);
    const base = path.join(folder, 'abc.cache');
    // The oldest "variant" is a directory: rmSync refuses it (EISDIR).
    mkdirSync(path.join(folder, 'abc-0.cache'));
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(path.join(folder, 'abc-0.cache'), old, old);
    for (const n of [1, 2, 3, 4]) writeFileSync(path.join(folder, `abc-${n}.cache`), 'x');
    expect(() => pruneCacheVariants(base, path.join(folder, 'abc-4.cache'))).not.toThrow();
    expect(readdirSync(folder).sort()).toEqual(['abc-0.cache', 'abc-1.cache', 'abc-2.cache', 'abc-3.cache', 'abc-4.cache']);
  });
});

describe('the cache key names the build', () => {
  it('a bundled build keys its caches by version and a digest of its sources, so another build never reads them', async () => {
    const version = await import(path.join(path.dirname(BIN), '..', 'dist', 'version.js'));
    const pkg = JSON.parse(readFileSync(path.join(path.dirname(BIN), '..', 'package.json'), 'utf8')) as { version: string };
    expect(version.buildId()).toMatch(/^[0-9a-f]{16}$/);
    expect(version.cacheVersion()).toBe(`${pkg.version}+${version.buildId()}`);
  });
});
