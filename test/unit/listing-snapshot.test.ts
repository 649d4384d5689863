import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// These tests give stamps their own times: the 2-second window is tested as it ships (see test/setup-env.ts).
vi.hoisted(() => {
  process.env.FEEDTOOL_RACY_WINDOW_MS = '2000';
});
import { continueAfter, openSnapshot, SnapshotRecorder, WalkDigest, writeSnapshot, type Snapshot } from '../../src/io/listing-snapshot.js';
import type { WalkEntry } from '../../src/io/walk.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'feedtool-snapshot-unit-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const HOUR_AGO = Date.now() - 3_600_000;
const file = (name: string): WalkEntry => ({ kind: 'file', path: name, absolute: `/abs/${name}`, shown: name });
const stamp = (n: number) => ({ size: 100 + n, mtimeMs: HOUR_AGO + n, ctimeMs: HOUR_AGO + n, ino: 1000 + n });

function digestOf(entries: Array<[WalkEntry, ReturnType<typeof stamp> | null]>): { value: string | null; newest: number } {
  const digest = new WalkDigest();
  for (const [entry, entryStamp] of entries) digest.add(entry, entryStamp);
  return { value: digest.value(), newest: digest.newestChangeMs };
}

describe('WalkDigest', () => {
  const base: Array<[WalkEntry, ReturnType<typeof stamp> | null]> = Array.from({ length: 5000 }, (_, n) => [file(`n/${n}.md`), stamp(n)]);

  it('is the same for the same walk, and changes with any path, stamp field or order', () => {
    const same = digestOf(base);
    expect(same.value).toMatch(/^[0-9a-f]{64}$/);
    expect(digestOf(base.map(([entry, s]) => [{ ...entry }, s ? { ...s } : null])).value).toBe(same.value);
    expect(same.newest).toBe(HOUR_AGO + 4999);
    const variants: Array<Array<[WalkEntry, ReturnType<typeof stamp> | null]>> = [
      base.map(([entry, s], i) => (i === 17 ? [{ ...entry, absolute: '/abs/other.md' }, s] : [entry, s])),
      base.map(([entry, s], i) => (i === 4321 ? [{ ...entry, absolute: `${entry.kind === 'file' ? entry.absolute : ''}x` }, s] : [entry, s])),
      ...(['size', 'mtimeMs', 'ctimeMs', 'ino'] as const).map((key) => base.map(([entry, s], i): [WalkEntry, ReturnType<typeof stamp> | null] => (i === 4999 ? [entry, { ...s!, [key]: s![key] + 1 }] : [entry, s]))),
      [base[1]!, base[0]!, ...base.slice(2)],
      base.slice(0, -1),
      [...base, [file('n/new.md'), stamp(9)]],
    ];
    const digests = new Set([same.value, ...variants.map((variant) => digestOf(variant).value)]);
    expect(digests.size).toBe(variants.length + 1);
  });

  it('is the same when the paths are added first and the stamps after, packed', () => {
    const split = new WalkDigest();
    for (const [entry] of base) split.addPath(entry);
    split.addStamps(Float64Array.from(base.flatMap(([, s]) => [s!.size, s!.mtimeMs, s!.ctimeMs, s!.ino])));
    expect(split.value()).toBe(digestOf(base).value);
    expect(split.newestChangeMs).toBe(HOUR_AGO + 4999);
    const unstamped = new WalkDigest();
    for (const [entry] of base.slice(0, 2)) unstamped.addPath(entry);
    unstamped.addStamps(Float64Array.from([Number.NaN, 0, 0, 0, 1, 2, 3, 4]));
    expect(unstamped.value()).toBeNull();
  });

  it('has no value for a walk with a problem or a file that could not be stat-ed', () => {
    const problem: WalkEntry = { kind: 'problem', diagnostic: { path: 'x', line: 0, column: 0, code: 'unreadable', message: 'no' } };
    expect(digestOf([...base, [problem, null]]).value).toBeNull();
    expect(digestOf([[file('a.md'), null], ...base]).value).toBeNull();
  });
});

async function served(location: string, key: string): Promise<string | null> {
  const snapshot = openSnapshot(location, key);
  if (snapshot === null) return null;
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeSnapshot(snapshot, sink);
  return Buffer.concat(chunks).toString('utf8');
}

describe('SnapshotRecorder and openSnapshot', () => {
  it('ignore a file whose trailer would be larger than any snapshot holds, without reading it (a sparse 1 GiB file)', () => {
    const location = path.join(dir, 'sparse.listing');
    writeFileSync(location, '');
    truncateSync(location, 1024 * 1024 * 1024);
    const fd = openSync(location, 'r+');
    const pointer = Buffer.alloc(8);
    pointer.writeDoubleLE(0);
    writeSync(fd, pointer, 0, 8, 1024 * 1024 * 1024 - 8);
    closeSync(fd);
    expect(openSnapshot(location, 'key-1')).toBeNull();
  });

  const output = Array.from({ length: 9000 }, (_, i) => `{"n":${i},"t":"naïve ${'x'.repeat(i % 700)}"}`);

  it('keep what was written, chunk after chunk, for the key it was kept under (3 MiB, written back to a PassThrough)', async () => {
    const location = path.join(dir, 'c.cache.listing');
    const recorder = SnapshotRecorder.start(location)!;
    // The caller may reuse its buffer once add returns.
    const reused = Buffer.alloc(1 << 16);
    for (const line of output) {
      const length = reused.write(`${line}\n`);
      recorder.add(reused.subarray(0, length));
      reused.fill(0x3f);
    }
    recorder.add('');
    recorder.finish('key-1', 'digest-1', HOUR_AGO, '9000 articles\n', Date.now());
    expect(openSnapshot(location, 'key-1')).toMatchObject({ digest: 'digest-1', stderr: '9000 articles\n' });
    expect(await served(location, 'key-1')).toBe(`${output.join('\n')}\n`);
    expect(openSnapshot(location, 'key-2')).toBeNull();
    expect(readdirSync(dir)).toEqual(['c.cache.listing']);
  });

  it('keep an empty output too', async () => {
    const location = path.join(dir, 'empty.listing');
    SnapshotRecorder.start(location)!.finish('k', 'd', HOUR_AGO, '0 articles\n', Date.now());
    expect(await served(location, 'k')).toBe('');
  });

  it('keep nothing when a file changed within 2 s before its stamp, past the size limit, or when discarded', () => {
    const location = path.join(dir, 'c.cache.listing');
    // Changed 1.5 s before the stamps were taken, though the run ends long after.
    const racy = SnapshotRecorder.start(location)!;
    racy.add('[1]\n');
    racy.finish('k', 'd', HOUR_AGO - 1500, '1 article\n', HOUR_AGO);
    const large = SnapshotRecorder.start(location, 100)!;
    large.add('x'.repeat(60));
    large.add('x'.repeat(60));
    large.finish('k', 'd', HOUR_AGO, '', Date.now());
    const dropped = SnapshotRecorder.start(location)!;
    dropped.add('[]\n');
    dropped.discard();
    dropped.finish('k', 'd', HOUR_AGO, '', Date.now());
    expect(existsSync(location)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('continueAfter (a listing made afresh after a damaged snapshot)', () => {
  const MIB = 1 << 20;
  const original = Buffer.alloc(2 * MIB + 1000);
  for (let i = 0; i < original.length; i++) original[i] = (i * 7 + (i >> 12)) & 0xff;
  const snapshot = { checksums: [0, 1, 2].map((i) => zlib.crc32(original.subarray(i * MIB, (i + 1) * MIB))) } as unknown as Snapshot;

  async function continueWith(fresh: Buffer, written: number, cuts: number[]): Promise<{ passed: Buffer; diverged: boolean }> {
    const received: Buffer[] = [];
    const target = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        received.push(Buffer.from(chunk));
        callback();
      },
    });
    const continuation = continueAfter(snapshot, written, target);
    let at = 0;
    for (const cut of [...cuts, fresh.length]) {
      const end = Math.min(fresh.length, at + cut);
      await new Promise<void>((resolve) => continuation.stream.write(fresh.subarray(at, end), () => resolve()));
      at = end;
      if (at === fresh.length) break;
    }
    return { passed: Buffer.concat(received), diverged: continuation.diverged() };
  }

  it('passes on exactly what follows the part written, however the writes are cut', async () => {
    for (const written of [MIB, 2 * MIB]) {
      for (const cuts of [[original.length], [1, MIB], [MIB - 1, 2, 5000], [written, 10], [300_000, 300_000, 300_000, 300_000]]) {
        const { passed, diverged } = await continueWith(original, written, cuts);
        expect(diverged, `written ${written}, cuts ${cuts}`).toBe(false);
        expect(passed.equals(original.subarray(written)), `written ${written}, cuts ${cuts}`).toBe(true);
      }
    }
    // A fresh listing that differs only after the part written is passed on as it is.
    const later = Buffer.from(original);
    later[MIB + 5] ^= 1;
    const { passed, diverged } = await continueWith(later, MIB, [4096]);
    expect(diverged).toBe(false);
    expect(passed.equals(later.subarray(MIB))).toBe(true);
  });

  it('passes on nothing when the listing made afresh does not begin with the bytes written (files changed meanwhile)', async () => {
    for (const at of [0, 10, MIB - 1, MIB + 10]) {
      const changed = Buffer.from(original);
      changed[at] ^= 0xff;
      const { passed, diverged } = await continueWith(changed, 2 * MIB, [65536]);
      expect(diverged, `changed at ${at}`).toBe(true);
      expect(passed.length, `changed at ${at}`).toBe(0);
    }
    const shorter = await continueWith(original.subarray(0, MIB + 100), 2 * MIB, [65536]);
    expect(shorter).toEqual({ passed: Buffer.alloc(0), diverged: true });
  });
});
