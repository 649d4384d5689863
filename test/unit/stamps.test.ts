// File stamps for the cache and listing snapshots: one per file, in walk order, whoever took them.
import { statSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
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

  it('a working worker and this thread share the files: its answers fill a prefix, this thread the rest, never overlapping', async () => {
    // A stand-in worker that answers each chunk, in order and after a random pause, with a
    // marker size (-7) instead of real stamps, so each stamp shows who took it.
    const script = path.join(tree, 'marking-worker.mjs');
    writeFileSync(
      script,
      `import { parentPort } from 'node:worker_threads';
let chain = Promise.resolve();
parentPort.on('message', (files) => {
  chain = chain.then(() => new Promise((done) => setTimeout(done, Math.random() * 8))).then(() => {
    const packed = new Float64Array(files.length * 4).fill(-7);
    parentPort.postMessage(packed, [packed.buffer]);
  });
});
`,
    );
    const cuts: number[] = [];
    const PAUSES_MS = [0, 1000, 40, 60, 100, 0];
    for (let round = 0; round < PAUSES_MS.length; round++) {
      const collector = new StampCollector(1, pathToFileURL(script));
      files.forEach((file, i) => {
        collector.push(file);
        // Most rounds give the worker some time (none, some of its answers, all) before this
        // thread starts its share, so the two meet at different places.
        if (i === 2100 && PAUSES_MS[round]! > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, PAUSES_MS[round]);
      });
      const stamps = await collector.stamps();
      const cut = files.findIndex((_, i) => stamps.at(i)?.size !== -7);
      cuts.push(cut);
      // Worker-made stamps come only from whole chunks sent (the last 1,024-file boundary at most).
      expect(cut).toBeLessThanOrEqual(Math.floor(files.length / 1024) * 1024);
      files.forEach((file, i) => {
        if (i < cut) expect(stamps.at(i)?.size, file).toBe(-7);
        else expect(stamps.at(i), file).toEqual(stampOf(file));
      });
    }
    // The worker answered in some rounds, and in some its last answer came after this thread had
    // taken part of that chunk (a cut inside a chunk: its answer is trimmed).
    expect(Math.max(...cuts)).toBeGreaterThan(0);
    expect(cuts.some((cut) => cut % 1024 !== 0)).toBe(true);
  });

  it('an empty walk has no stamps', async () => {
    const stamps = await new StampCollector(1).stamps();
    expect(stamps.all).toHaveLength(0);
    expect(stamps.at(0)).toBeNull();
  });
});
