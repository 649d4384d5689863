import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ChunkChecksums, crc32, crc32InJs } from '../../src/io/checksum.js';

/** A deterministic pseudo-random generator (xorshift), so that a failure can be replayed. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

describe('checksums', () => {
  it('crc32 is zlib\'s, continued across pieces', () => {
    const bytes = Buffer.from('The quick brown fox jumps over the lazy dog');
    expect(crc32(bytes)).toBe(0x414fa339);
    expect(crc32(bytes.subarray(10), crc32(bytes.subarray(0, 10)))).toBe(zlib.crc32(bytes));
  });

  it('the JavaScript CRC-32 (for Node before 20.15) gives zlib\'s, also continued', () => {
    const next = random(11);
    for (let round = 0; round < 100; round++) {
      const bytes = Buffer.from(Array.from({ length: Math.floor(next() * 300) }, () => Math.floor(next() * 256)));
      const cut = Math.floor(next() * (bytes.length + 1));
      expect(crc32InJs(bytes)).toBe(zlib.crc32(bytes));
      expect(crc32InJs(bytes.subarray(cut), crc32InJs(bytes.subarray(0, cut)))).toBe(zlib.crc32(bytes));
    }
  });

  it('ChunkChecksums gives one CRC-32 per chunk however the bytes arrive', () => {
    const next = random(7);
    for (let round = 0; round < 200; round++) {
      const chunkSize = 1 + Math.floor(next() * 64);
      const bytes = Buffer.from(Array.from({ length: Math.floor(next() * 400) }, () => Math.floor(next() * 256)));
      const sums = new ChunkChecksums(chunkSize);
      for (let at = 0; at < bytes.length; ) {
        const size = Math.min(bytes.length - at, Math.floor(next() * 3 * chunkSize));
        sums.add(bytes.subarray(at, at + size));
        at += size;
      }
      const values = sums.finish();
      const expected: number[] = [];
      for (let at = 0; at < bytes.length; at += chunkSize) expected.push(zlib.crc32(bytes.subarray(at, at + chunkSize)));
      expect(values).toEqual(expected);
    }
  });
});
