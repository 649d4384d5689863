// readFileBytes: files of every size read whole, the size limit exact, nothing but regular files read.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_TEXT_FILE_SIZE, readFileBytes, readStreamBytes } from '../../src/io/read.js';
import { Readable } from 'node:stream';
import { makeTree, removeTree } from '../helpers.js';

let dir = '';
afterEach(() => {
  if (dir) removeTree(dir);
  dir = '';
});

function fileOf(name: string, bytes: Buffer): string {
  dir ||= makeTree({});
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

function patterned(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7 + (i >> 8)) & 0xff;
  return bytes;
}

describe('readFileBytes', () => {
  it.each([
    ['empty', 0],
    ['one byte', 1],
    ['small', 7000],
    ['64 KiB less one', 64 * 1024 - 1],
    ['64 KiB', 64 * 1024],
    ['200 KiB and 3', 200 * 1024 + 3],
  ])('reads a %s file (%i bytes) whole and exactly', (_name, size) => {
    const bytes = patterned(size);
    const read = readFileBytes(fileOf('f.md', bytes));
    expect(read.ok).toBe(true);
    if (read.ok) expect(Buffer.compare(read.bytes, bytes)).toBe(0);
  });

  it('gives each read its own bytes (a later read does not overwrite an earlier one)', () => {
    const first = readFileBytes(fileOf('a.md', Buffer.from('first file')));
    const second = readFileBytes(fileOf('b.md', Buffer.from('SECOND')));
    expect(first.ok && first.bytes.toString()).toBe('first file');
    expect(second.ok && second.bytes.toString()).toBe('SECOND');
  });

  it.each([
    ['a small limit', 100],
    ['a large limit', 100 * 1024],
  ])('accepts a file of exactly the limit and refuses one byte more (%s)', (_name, limit) => {
    expect(readFileBytes(fileOf('at.md', patterned(limit)), limit).ok).toBe(true);
    const over = readFileBytes(fileOf('over.md', patterned(limit + 1)), limit);
    expect(over).toMatchObject({ ok: false, code: 'file-too-large' });
    if (!over.ok) expect(over.message).toMatch(/over the .* limit \(--max-file-size\)/);
  });

  it('gives both sizes in bytes when they round alike', () => {
    const over = readFileBytes(fileOf('over.md', patterned(2049)), 2048);
    expect(over).toEqual({ ok: false, code: 'file-too-large', message: 'file is 2,049 bytes, over the 2 KiB (2,048 bytes) limit (--max-file-size)' });
    // `1 MiB` over a `1024 KiB` limit reads as no more either.
    const units = readFileBytes(fileOf('units.md', patterned(1024 * 1024 + 1)), 1024 * 1024 - 1);
    expect(!units.ok && units.message).toBe('file is 1,048,577 bytes, over the 1024 KiB (1,048,575 bytes) limit (--max-file-size)');
    const far = readFileBytes(fileOf('far.md', patterned(5000)), 2048);
    expect(far).toEqual({ ok: false, code: 'file-too-large', message: 'file is 4.9 KiB, over the 2 KiB limit (--max-file-size)' });
  });

  it('never reads a file over 256 MiB, whatever the limit asked (its text could not be held)', () => {
    // Sparse: no disk space taken, and refused from its size without a byte read.
    const huge = fileOf('huge.md', Buffer.alloc(0));
    truncateSync(huge, MAX_TEXT_FILE_SIZE + 1);
    expect(readFileBytes(huge, 2 ** 40)).toEqual({
      ok: false,
      code: 'file-too-large',
      message: 'file is 268,435,457 bytes, over the 256 MiB (268,435,456 bytes) that any file can have (larger text cannot be processed)',
    });
    truncateSync(huge, 300 * 2 ** 20);
    const refused = readFileBytes(huge, 2 ** 30);
    expect(!refused.ok && refused.message).toBe('file is 300 MiB, over the 256 MiB that any file can have (larger text cannot be processed)');
  });

  it('refuses standard input over the limit, and over 256 MiB whatever the limit', async () => {
    expect(await readStreamBytes(Readable.from([Buffer.alloc(100)]), 99)).toEqual({ ok: false, code: 'file-too-large', message: 'standard input is over the 99 B limit (--max-file-size)' });
    const chunk = Buffer.alloc(64 * 2 ** 20);
    const big = await readStreamBytes(Readable.from([chunk, chunk, chunk, chunk, Buffer.alloc(1)]), 2 ** 40);
    expect(big).toEqual({ ok: false, code: 'file-too-large', message: 'standard input is over the 256 MiB that any file can have (larger text cannot be processed)' });
  });

  // /dev/kmsg answers a read with one short record, which once passed for a small regular file.
  const devices = ['/dev/null', '/dev/zero', '/dev/urandom', '/dev/kmsg'].filter((device) => {
    try {
      accessSync(device, constants.R_OK);
      return true;
    } catch {
      return false;
    }
  });
  it.runIf(devices.length > 0).each(devices)('refuses the character device %s without reading it', (device) => {
    expect(readFileBytes(device)).toEqual({ ok: false, code: 'unreadable', message: 'not a regular file (FIFO, socket or device)' });
  });

  it.runIf(process.platform !== 'win32')('refuses a FIFO without waiting for a writer', () => {
    dir = makeTree({});
    const fifo = path.join(dir, 'pipe.md');
    execFileSync('mkfifo', [fifo]);
    expect(readFileBytes(fifo)).toEqual({ ok: false, code: 'unreadable', message: 'not a regular file (FIFO, socket or device)' });
  });
});
