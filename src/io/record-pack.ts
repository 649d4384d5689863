// Record JSON of one worker batch packed into a single buffer, to cross threads in one transfer.
import { escapeJsonControls, holdsJsonUnsafeBytes } from '../format/fields.js';

const ENCODER = new TextEncoder();
const INITIAL_SIZE = 1 << 20;
const MAX_KEPT_SIZE = 8 << 20;

/** Where one record's JSON sits in its batch's buffer. */
export interface PackedJson {
  offset: number;
  length: number;
}

/**
 * Packs record JSON texts one after another as UTF-8, escaping the invisible controls
 * JSON.stringify leaves raw (escapeJsonControls), checked on the bytes. One buffer per batch
 * means one transfer and one allocation instead of one per record.
 */
export class RecordPacker {
  private scratch = new Uint8Array(INITIAL_SIZE);
  private used = 0;

  /** The scratch buffer's current size in bytes (for tests). */
  get capacity(): number {
    return this.scratch.length;
  }

  /** Appends a record's JSON and returns its place. */
  add(json: string): PackedJson {
    const offset = this.used;
    let written = this.encode(json, offset);
    const bytes = Buffer.from(this.scratch.buffer, offset, written);
    if (holdsJsonUnsafeBytes(bytes)) written = this.encode(escapeJsonControls(json), offset);
    this.used = offset + written;
    return { offset, length: written };
  }

  /** The packed bytes so far, in a buffer of their own; the packer starts empty again. */
  take(): ArrayBuffer {
    const packed = this.scratch.slice(0, this.used).buffer;
    this.used = 0;
    // One huge record (a 10 MiB body) must not pin a huge scratch for the rest of the run.
    if (this.scratch.length > MAX_KEPT_SIZE) this.scratch = new Uint8Array(INITIAL_SIZE);
    return packed;
  }

  private encode(json: string, offset: number): number {
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    const needed = offset + json.length * 3;
    if (needed > this.scratch.length) {
      let size = this.scratch.length * 2;
      while (size < needed) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.scratch.subarray(0, offset));
      this.scratch = grown;
    }
    return ENCODER.encodeInto(json, this.scratch.subarray(offset)).written;
  }
}

const batchBuffers = new WeakSet<ArrayBufferLike>();

/** Turns packed places back into buffers over the batch's bytes (views, not copies). */
export function unpackJson(place: PackedJson, bytes: ArrayBuffer): Buffer {
  batchBuffers.add(bytes);
  return Buffer.from(bytes, place.offset, place.length);
}

/** True for a record that is a view of a worker batch's buffer (which holds other records too). */
export function isBatchView(json: Buffer): boolean {
  return batchBuffers.has(json.buffer);
}
