// CRC-32 checks for what feedtool keeps on disk: cache records and listing snapshots. They catch
// bytes changed in the middle of a file (a disk fault, a hand edit), which the shape checks
// (the braces around a record, a snapshot's first and last bytes) cannot.
import { createRequire } from 'node:module';

// zlib is loaded on first use: a run that checks nothing (--version, a run without the cache)
// does not pay the few milliseconds it takes. zlib.crc32 came in Node 20.15; on
// earlier 20.x releases the same CRC is computed in JavaScript (about ten times slower).
const requireBuiltin = createRequire(import.meta.url);
let implementation: ((data: Uint8Array, value?: number) => number) | null = null;

/** The CRC-32 of `data`, continuing from `value` (the CRC-32 of the bytes before it). */
export function crc32(data: Uint8Array, value = 0): number {
  implementation ??= (requireBuiltin('node:zlib') as { crc32?: (data: Uint8Array, value?: number) => number }).crc32 ?? crc32InJs;
  return implementation(data, value);
}

let table: Uint32Array | null = null;

/** The CRC-32 (zlib's: reflected polynomial 0xEDB88320) of `data`, continuing from `value`, in JavaScript. */
export function crc32InJs(data: Uint8Array, value = 0): number {
  if (table === null) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = ~value;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}

/** CRC-32s of consecutive `chunkSize`-byte chunks of bytes added piece by piece (the last chunk may be shorter). */
export class ChunkChecksums {
  readonly values: number[] = [];
  private current = 0;
  private filled = 0;

  constructor(private readonly chunkSize: number) {}

  /** Adds the next bytes. */
  add(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length) {
      const take = Math.min(this.chunkSize - this.filled, bytes.length - at);
      this.current = crc32(bytes.subarray(at, at + take), this.current);
      this.filled += take;
      at += take;
      if (this.filled === this.chunkSize) this.push();
    }
  }

  /** The checksums, the last partial chunk's included. */
  finish(): number[] {
    if (this.filled > 0) this.push();
    return this.values;
  }

  private push(): void {
    this.values.push(this.current);
    this.current = 0;
    this.filled = 0;
  }
}
