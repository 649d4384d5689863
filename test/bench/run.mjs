#!/usr/bin/env node
// npm run bench: builds article trees with ../shared/bench/make-corpus.mjs, then times feedtool
// against a plain gray-matter script on the same files, in the same run, and prints medians,
// ratios and peak memory.
//
//   npm run bench                 20,000 and 100,000 articles, 3 interleaved rounds
//   npm run bench -- --quick      20,000 articles, 1 round
//   npm run bench -- --runs 5     more rounds
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const makeCorpus = path.resolve(root, '..', 'shared', 'bench', 'make-corpus.mjs');
const bin = path.join(root, 'bin', 'feedtool.js');
const plain = path.join(root, 'test', 'bench', 'plain-gray-matter.mjs');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runsIndex = args.indexOf('--runs');
const runs = runsIndex >= 0 ? Number(args[runsIndex + 1]) : quick ? 1 : 3;
const timeBinary = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p));

if (!existsSync(makeCorpus)) {
  console.error(`bench: ${makeCorpus} not found; the benchmark needs ../shared beside the project`);
  process.exit(2);
}

/** Builds (once) a tree of `count` articles under the system temp directory. */
function tree(count) {
  const dir = path.join(tmpdir(), `feedtool-bench-${count}`);
  const marker = path.join(dir, '.complete');
  if (!existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    const made = spawnSync(process.execPath, [makeCorpus, dir, String(count)], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (made.status !== 0) throw new Error(`make-corpus failed for ${count}`);
    mkdirSync(dir, { recursive: true });
    spawnSync('touch', [marker]);
  }
  return dir;
}

/** Runs a command once; returns wall seconds and peak RSS in MB (when /usr/bin/time exists). */
function measure(command, commandArgs, env = {}) {
  const started = process.hrtime.bigint();
  const full = timeBinary ? [timeBinary, ['-f', '%M', command, ...commandArgs]] : [command, commandArgs];
  const result = spawnSync(full[0], full[1], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stderr = result.stderr.toString();
  const peakKb = timeBinary ? Number(stderr.trim().split('\n').pop()) : NaN;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${path.basename(commandArgs[0] ?? command)} ${commandArgs.slice(1).join(' ')} exited ${result.status}: ${stderr.slice(0, 500)}`);
  }
  return { seconds, peakMb: peakKb / 1024 };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Reads every article file of a tree once and returns the seconds it took. Run before each
 * sample: this machine's kernel reclaims idle page cache within minutes, so without it a run
 * could be timing the disk rather than the program (both sides get the same treatment).
 */
function readTree(dir) {
  const started = process.hrtime.bigint();
  for (const name of readdirSync(dir, { recursive: true })) {
    if (String(name).endsWith('.md')) readFileSync(path.join(dir, String(name)));
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * Runs every case once per round, round after round, and returns each case's median time and
 * memory and its median ratio to the first case of the same round. Interleaving matters here:
 * this machine's speed drifts by tens of percent over minutes, and running all of one command
 * before the next would put that drift into the ratios.
 */
function benchRounds(cases) {
  for (const benchCase of cases) benchCase.before?.();
  const samples = cases.map(() => []);
  for (let round = 0; round < runs; round++) {
    cases.forEach((benchCase, i) => {
      benchCase.beforeEach?.();
      if (benchCase.tree) readTree(benchCase.tree);
      for (const file of benchCase.alsoRead ?? []) if (existsSync(file)) readFileSync(file);
      samples[i].push(measure(node, benchCase.args));
    });
  }
  return cases.map((benchCase, i) => {
    const row = {
      label: benchCase.label,
      seconds: median(samples[i].map((s) => s.seconds)),
      peakMb: median(samples[i].map((s) => s.peakMb)),
      time: median(samples[i].map((s, round) => s.seconds / samples[0][round].seconds)),
      memory: median(samples[i].map((s, round) => s.peakMb / samples[0][round].peakMb)),
      samples: samples[i].map((s) => s.seconds),
      spread: [Math.min(...samples[i].map((s) => s.seconds)), Math.max(...samples[i].map((s) => s.seconds))],
    };
    const ratios = samples[i].map((s, round) => (s.seconds / samples[0][round].seconds).toFixed(3)).join(' ');
    console.error(`  ${row.label}: ${row.seconds.toFixed(3)} s (${row.spread.map((x) => x.toFixed(2)).join('–')}), ${Number.isNaN(row.peakMb) ? '?' : row.peakMb.toFixed(0)} MB; per-round time ratios ${ratios}`);
    return row;
  });
}

const node = process.execPath;
const cacheDir = path.join(tmpdir(), 'feedtool-bench-cache');
const cacheFile = path.join(cacheDir, 'cache.json');
const clearCache = () => rmSync(cacheDir, { recursive: true, force: true });
const cacheArgs = ['--cache', '--cache-location', cacheFile];

console.error(`bench: ${cpus().length} cores (${availableParallelism()} usable), Node ${process.version}, ${runs} round(s)`);
const dir20 = tree(20_000);
const count20 = readdirSync(dir20, { recursive: true }).filter((f) => String(f).endsWith('.md')).length;
console.error(`bench: ${count20} articles in ${dir20}`);

readTree(dir20);
const floor = median(Array.from({ length: runs }, () => readTree(dir20)));
console.error(`  reading every file (the floor): ${floor.toFixed(3)} s`);
const rows = benchRounds([
  { label: 'plain gray-matter script', args: [plain, dir20], tree: dir20 },
  { label: 'feedtool list --format json (cold)', args: [bin, 'list', dir20, '--format', 'json', '--no-cache'], tree: dir20 },
  {
    label: 'feedtool list --format json (warm cache)',
    args: [bin, 'list', dir20, '--format', 'json', ...cacheArgs],
    tree: dir20,
    alsoRead: [cacheFile, `${cacheFile}.listing`],
    before: () => {
      clearCache();
      measure(node, [bin, 'list', dir20, '--format', 'json', ...cacheArgs]);
    },
  },
  { label: 'feedtool validate (cold)', args: [bin, 'validate', dir20, '--format', 'unix'], tree: dir20 },
  {
    label: 'feedtool validate (warm cache)',
    args: [bin, 'validate', dir20, '--format', 'unix', ...cacheArgs],
    tree: dir20,
    alsoRead: [`${cacheFile}.validate`],
    before: () => measure(node, [bin, 'validate', dir20, '--format', 'unix', ...cacheArgs]),
  },
  { label: 'feedtool rank --dedupe (cold)', args: [bin, 'rank', dir20, '--dedupe', '--format', 'json', '--no-cache'], tree: dir20 },
]);
const [nodeStart, version] = benchRounds([
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'feedtool --version', args: [bin, '--version'] },
]);
clearCache();

let big = [];
if (!quick) {
  const dir100 = tree(100_000);
  const cacheArgs100 = ['--cache', '--cache-location', path.join(cacheDir, 'cache100.json')];
  // Apart from cacheDir, which the building row clears before each of its runs.
  const validateCacheDir = path.join(tmpdir(), 'feedtool-bench-validate-cache');
  const validateCacheArgs100 = ['--cache', '--cache-location', path.join(validateCacheDir, 'cache100.json')];
  big = benchRounds([
    { label: '100k: feedtool list --format ndjson', args: [bin, 'list', dir100, '--format', 'ndjson', '--no-cache'], tree: dir100 },
    { label: '100k: feedtool validate', args: [bin, 'validate', dir100, '--format', 'unix'], tree: dir100 },
    // The same listing with the cache on: a run that builds it, then one that reads it.
    { label: '100k: feedtool list --format ndjson --cache (building)', args: [bin, 'list', dir100, '--format', 'ndjson', ...cacheArgs100], tree: dir100, beforeEach: clearCache },
    { label: '100k: feedtool list --format ndjson --cache (warm)', args: [bin, 'list', dir100, '--format', 'ndjson', ...cacheArgs100], tree: dir100 },
    {
      label: '100k: feedtool validate --cache (warm)',
      args: [bin, 'validate', dir100, '--format', 'unix', ...validateCacheArgs100],
      tree: dir100,
      alsoRead: [path.join(validateCacheDir, 'cache100.json.validate')],
      before: () => {
        rmSync(validateCacheDir, { recursive: true, force: true });
        measure(node, [bin, 'validate', dir100, '--format', 'unix', ...validateCacheArgs100]);
      },
    },
  ]);
  clearCache();
  rmSync(validateCacheDir, { recursive: true, force: true });
}

const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '?');
console.log(`\nfeedtool benchmark: ${count20} articles, ${cpus().length} cores, Node ${process.version}, median of ${runs} interleaved rounds\n`);
console.log('| command | time (s) | × plain time | peak memory (MB) | × plain memory |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const row of rows) {
  console.log(`| ${row.label} | ${fmt(row.seconds)} | ${fmt(row.time, 3)} | ${fmt(row.peakMb, 0)} | ${fmt(row.memory, 3)} |`);
}
const listRow = rows[1];
const rankRow = rows[5];
console.log(`\nreading every file (the floor): ${fmt(floor, 3)} s`);
console.log(`rank --dedupe / list: ${fmt(median(rankRow.samples.map((s, round) => s / listRow.samples[round])))}× (median of the per-round ratios)`);
console.log(`start-up: feedtool --version ${fmt(version.seconds, 3)} s vs node -e 0 ${fmt(nodeStart.seconds, 3)} s (${fmt(version.time)}×, median of the per-round ratios)`);
for (const row of big) console.log(`${row.label}: ${fmt(row.seconds)} s, peak ${fmt(row.peakMb, 0)} MB`);
