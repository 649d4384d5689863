import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { article, makeTree, removeTree, runCli } from '../helpers.js';

// Listing snapshots: the whole output of a `list` kept beside its cache file, written back as it
// is by the same request over the same, unchanged files (src/io/listing-snapshot.ts).

let dir: string;
let cacheFile: string;
let snapshot: string;

/** Dates every file an hour back: nothing is kept for files changed in the last 2 s. */
function ageFiles(): void {
  const past = new Date(Date.now() - 3_600_000);
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) utimesSync(path.join(entry.parentPath, entry.name), past, past);
  }
}

beforeEach(() => {
  const files: Record<string, string> = { 'news/readme.md': 'Not an article: no front matter.\n' };
  for (let i = 0; i < 9; i++) {
    files[`news/2023-01-1${i}-story-${i}.md`] = article(
      { title: `"Story ${i} – “quoted”"`, publishedDateTime: `2023-01-1${i}T08:00:00Z`, quality: String(40 + ((i * 5) % 9)), heat: String(i) },
      `Body of story ${i}.\n`,
    );
  }
  dir = makeTree(files);
  ageFiles();
  cacheFile = path.join(dir, 'cache', 'c.cache');
  snapshot = `${cacheFile}.listing`;
});
afterEach(() => removeTree(dir));

const list = (args: string[], cache = true) =>
  runCli(['list', 'news', ...args, ...(cache ? ['--cache-location', cacheFile] : ['--no-cache'])], { cwd: dir });

/** Runs the listing cold and through the cache; both must agree, stdout and stderr. */
async function agrees(args: string[]): Promise<string> {
  const cold = await list(args, false);
  const cached = await list(args);
  expect(cached.code).toBe(0);
  expect(cached.stdout).toBe(cold.stdout);
  expect(cached.stderr).toBe(cold.stderr);
  return cached.stdout;
}

/** True when the last run was served from the snapshot: it does not touch the cache file at all. */
async function servedFromSnapshot(args: string[]): Promise<boolean> {
  rmSync(cacheFile, { force: true });
  await agrees(args);
  return !existsSync(cacheFile);
}

describe('listing snapshots', () => {
  it('are kept and served under a cache location of any name (feedtool knows its own files by their trailer)', async () => {
    cacheFile = path.join(dir, 'cache', 'c.json');
    snapshot = `${cacheFile}.listing`;
    await agrees(['--format', 'json']);
    expect(existsSync(snapshot)).toBe(true);
    expect(await servedFromSnapshot(['--format', 'json'])).toBe(true);
  });

  it('are written by a listing through the cache and written back by the same listing', async () => {
    const first = await agrees(['--format', 'json']);
    expect(existsSync(snapshot)).toBe(true);
    expect(readFileSync(snapshot, 'utf8').startsWith(first)).toBe(true);
    expect(await servedFromSnapshot(['--format', 'json'])).toBe(true);
    expect(JSON.parse(await agrees(['--format', 'json']))).toHaveLength(9);
  });

  it.each([
    ['an edit with the same size', () => writeFileSync(path.join(dir, 'news/2023-01-13-story-3.md'), readFileSync(path.join(dir, 'news/2023-01-13-story-3.md'), 'utf8').replace('Story 3', 'Story 9'))],
    ['an edit that changes the size', () => appendFileSync(path.join(dir, 'news/2023-01-13-story-3.md'), '\nmore\n')],
    ['a touch', () => utimesSync(path.join(dir, 'news/2023-01-13-story-3.md'), new Date(), new Date(Date.now() - 60_000))],
    ['a new file', () => writeFileSync(path.join(dir, 'news/2023-02-01-new.md'), article({ title: '"New"' }))],
    ['a deleted file', () => rmSync(path.join(dir, 'news/2023-01-10-story-0.md'))],
    ['a renamed file', () => renameSync(path.join(dir, 'news/2023-01-11-story-1.md'), path.join(dir, 'news/2023-01-11-renamed.md'))],
    ['a document that becomes an article', () => writeFileSync(path.join(dir, 'news/readme.md'), article({ title: '"Now an article"' }))],
  ])('are not used after %s: the cold result, then a new snapshot', async (_name, change) => {
    await agrees(['--format', 'json']);
    change();
    ageFiles();
    const after = await agrees(['--format', 'json']);
    expect(await servedFromSnapshot(['--format', 'json'])).toBe(true);
    expect(await agrees(['--format', 'json'])).toBe(after);
  });

  it('are kept per request: another format, sort, filter, limit or field list is not served the last one', async () => {
    const requests = [
      ['--format', 'json'],
      ['--format', 'ndjson'],
      ['--format', 'csv'],
      ['--format', 'json', '--sort', 'quality'],
      ['--format', 'json', '--sort', 'quality', '--reverse'],
      ['--format', 'json', '--min-quality', '44'],
      ['--format', 'json', '--limit', '3'],
      ['--format', 'json', '--fields', 'title'],
      ['--format', 'json', '--body'],
    ];
    const outputs = new Set<string>();
    for (const args of requests) outputs.add(await agrees(args));
    expect(outputs.size).toBe(requests.length);
    for (const args of requests) {
      await agrees(args);
      expect(await servedFromSnapshot(args), args.join(' ')).toBe(true);
    }
  });

  it('are kept for a fixed --since, not for one measured from the clock (it could never be used again)', async () => {
    await agrees(['--format', 'json', '--since', '3650d']);
    await agrees(['--format', 'json', '--until', 'now']);
    expect(existsSync(snapshot)).toBe(false);
    await agrees(['--format', 'json', '--since', '2020-01-01']);
    expect(await servedFromSnapshot(['--format', 'json', '--since', '2020-01-01'])).toBe(true);
  });

  it('are not kept for a table, --verbose, standard input, --no-cache, a file with problems, or files changed in the last 2 s', async () => {
    await list([]);
    await list(['--format', 'json', '--verbose']);
    await runCli(['list', '-', '--format', 'json', '--cache-location', cacheFile], { cwd: dir, input: article() });
    await list(['--format', 'json'], false);
    expect(existsSync(snapshot)).toBe(false);
    writeFileSync(path.join(dir, 'news/broken.md'), '---\ntitle: [unclosed\n---\n');
    ageFiles();
    await agrees(['--format', 'json']);
    expect(existsSync(snapshot)).toBe(false);
    rmSync(path.join(dir, 'news/broken.md'));
    writeFileSync(path.join(dir, 'news/2023-03-01-fresh.md'), article({ title: '"Fresh"' }));
    // With the 2-second window as it ships (the tests turn it off, see test/setup-env.ts).
    const racy = { cwd: dir, env: { FEEDTOOL_RACY_WINDOW_MS: '2000' } };
    await runCli(['list', 'news', '--format', 'json', '--cache-location', cacheFile], racy);
    expect(existsSync(snapshot)).toBe(false);
    // A file whose mtime is set back (cp -p, rsync -t, touch -d) changed just now all the same: its ctime says so.
    ageFiles();
    await runCli(['list', 'news', '--format', 'json', '--cache-location', cacheFile], racy);
    expect(existsSync(snapshot)).toBe(false);
  });

  it('are written atomically: a temporary file left by a killed run is removed by the next one that writes a snapshot', async () => {
    await agrees(['--format', 'json']);
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    // A folder named like a dead run's file (planted, or left by something else) is left alone,
    // and neither stops the cleanup nor the new snapshot.
    mkdirSync(`${snapshot}.${gone}.0000.tmp`);
    writeFileSync(`${snapshot}.${gone}.00ff.tmp`, 'x');
    writeFileSync(`${snapshot}.${process.pid}.00ff.tmp`, 'x');
    const before = statSync(snapshot).mtimeMs;
    await agrees(['--format', 'ndjson']);
    expect(readdirSync(path.dirname(snapshot)).sort()).toEqual(['c.cache', 'c.cache.listing', `c.cache.listing.${gone}.0000.tmp`, `c.cache.listing.${process.pid}.00ff.tmp`].sort());
    expect(statSync(snapshot).mtimeMs).not.toBe(before);
    expect(await servedFromSnapshot(['--format', 'ndjson'])).toBe(true);
  });

  it('check large trees (more files than start worker threads): served whole, and a change anywhere is seen', async () => {
    for (let i = 0; i < 2100; i++) writeFileSync(path.join(dir, `news/n${String(i).padStart(4, '0')}.md`), article({ title: `"Item ${i}"` }));
    ageFiles();
    const first = await agrees(['--format', 'ndjson', '--jobs', '2']);
    expect(first.trim().split('\n')).toHaveLength(2109);
    expect(await servedFromSnapshot(['--format', 'ndjson', '--jobs', '2'])).toBe(true);
    writeFileSync(path.join(dir, 'news/n2050.md'), article({ title: '"Item 2050 changed"' }));
    ageFiles();
    expect(await agrees(['--format', 'ndjson', '--jobs', '2'])).toContain('Item 2050 changed');
    expect(await servedFromSnapshot(['--format', 'ndjson', '--jobs', '2'])).toBe(true);
    // The check stats the files on a worker thread from the first on and on the main thread
    // from the last back, until the two meet (or on the main thread alone with --jobs 0): a
    // file only touched is seen wherever it falls, and each way stamps as the other does.
    const touched = [[0, '2'], [1014, '0'], [1015, '2'], [1500, undefined], [2038, '2'], [2099, '1']] as const;
    for (const [index, jobs] of touched) {
      const when = new Date(Date.now() - 7_200_000 - index * 1000);
      utimesSync(path.join(dir, `news/n${String(index).padStart(4, '0')}.md`), when, when);
      const args = ['--format', 'ndjson', ...(jobs === undefined ? [] : ['--jobs', jobs])];
      expect(await servedFromSnapshot(args), `n${index} touched, --jobs ${jobs}`).toBe(false);
    }
    expect(await servedFromSnapshot(['--format', 'ndjson', '--jobs', '0'])).toBe(true);
    expect(await servedFromSnapshot(['--format', 'ndjson'])).toBe(true);
    // Recorded by a warm run whose stat calls ran on the stat worker (a cache file, no snapshot),
    // then checked by the snapshot's own walk: the two must stamp alike.
    rmSync(snapshot);
    await agrees(['--format', 'ndjson', '--jobs', '2']);
    expect(existsSync(cacheFile)).toBe(true);
    rmSync(snapshot);
    await agrees(['--format', 'ndjson', '--jobs', '2']);
    expect(existsSync(snapshot)).toBe(true);
    expect(await servedFromSnapshot(['--format', 'ndjson', '--jobs', '2'])).toBe(true);
  });

  it.each([
    ['cut short', (bytes: Buffer) => bytes.subarray(0, bytes.length - 20)],
    ['its first byte overwritten', (bytes: Buffer) => Buffer.concat([Buffer.from('{'), bytes.subarray(1)])],
    ['its last output byte overwritten', (bytes: Buffer) => {
      const copy = Buffer.from(bytes);
      copy[copy.indexOf('\n{"format":"feedtool-listing"') - 1] = 0x20;
      return copy;
    }],
    ['one byte in the middle changed (only its checksum tells)', (bytes: Buffer) => {
      const copy = Buffer.from(bytes);
      copy[copy.indexOf('Story 4')] = 0x73;
      return copy;
    }],
    ['its stderr notes changed', (bytes: Buffer) => Buffer.from(bytes.toString('latin1').replace('"stderr":"9 articles', '"stderr":"8 articles'), 'latin1')],
    ['another key', (bytes: Buffer) => Buffer.from(bytes.toString('latin1').replace('"key":"', '"key":"0'), 'latin1')],
    ['garbage', () => Buffer.from('not a snapshot at all')],
    ['empty', () => Buffer.alloc(0)],
  ])('that are damaged (%s) are ignored and replaced', async (_name, damage) => {
    await agrees(['--format', 'json']);
    writeFileSync(snapshot, damage(readFileSync(snapshot)));
    await agrees(['--format', 'json']);
    expect(await servedFromSnapshot(['--format', 'json'])).toBe(true);
  });

  it('replay their saved notes on stderr with control characters shown as text (a tampered trailer)', async () => {
    await agrees(['--format', 'json']);
    const bytes = readFileSync(snapshot);
    const text = bytes.toString('latin1');
    // Its checksum made to match: what a forged trailer (or a checksum collision) would look like.
    const notes = '\u001b]0;pwned\u00079 articles\n';
    const forged = text.replace(/"stderr":"[^"]*","stderrChecksum":\d+/, `"stderr":${JSON.stringify(notes)},"stderrChecksum":${zlib.crc32(Buffer.from(notes))}`);
    expect(forged).not.toBe(text);
    writeFileSync(snapshot, Buffer.from(forged, 'latin1'));
    const served = await list(['--format', 'json']);
    expect(served.code).toBe(0);
    expect(served.stderr).toBe('\\x1b]0;pwned\\x079 articles\n');
  });

  it('of several MiB (a checksum per MiB): a byte changed deep inside is caught, and a changed file still means a new listing', async () => {
    const padding = 'x'.repeat(8000);
    for (let i = 0; i < 400; i++) writeFileSync(path.join(dir, `news/n${String(i).padStart(4, '0')}.md`), article({ title: `"Item ${i}"`, notes: `"${padding}"` }));
    ageFiles();
    await agrees(['--format', 'ndjson']);
    const bytes = readFileSync(snapshot);
    expect(bytes.length).toBeGreaterThan(3 * 1024 * 1024);
    expect(await servedFromSnapshot(['--format', 'ndjson'])).toBe(true);
    // A byte deep inside (not near either end, in a chunk past the first) changed.
    const at = bytes.indexOf('"Item 300"');
    expect(at).toBeGreaterThan(2 * 1024 * 1024);
    bytes[at + 1] = 0x69;
    writeFileSync(snapshot, bytes);
    const after = await agrees(['--format', 'ndjson']);
    expect(after).toContain('"Item 300"');
    expect(await servedFromSnapshot(['--format', 'ndjson'])).toBe(true);
    // A changed file: no check needed, the listing is made afresh.
    writeFileSync(path.join(dir, 'news/n0200.md'), article({ title: '"Item 200 changed"' }));
    ageFiles();
    expect(await agrees(['--format', 'ndjson'])).toContain('Item 200 changed');
    expect(await servedFromSnapshot(['--format', 'ndjson'])).toBe(true);
  });
});
