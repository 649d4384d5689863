// Buffered writing to stdout/stderr that respects back-pressure, for streaming large listings.
import type { Writable } from 'node:stream';

const FLUSH_AT = 256 * 1024;

/** Collects text and writes it in large chunks, waiting for `drain` when the reader is slow. */
export class Output {
  private pending: Array<string | Buffer> = [];
  private size = 0;

  constructor(private readonly stream: Writable) {}

  /** Queues text or bytes; returns a promise to await when it is time to flush. */
  write(chunk: string | Buffer): Promise<void> | undefined {
    this.pending.push(chunk);
    this.size += chunk.length;
    return this.size >= FLUSH_AT ? this.flush() : undefined;
  }

  /** Writes everything queued and waits until the stream can take more. */
  async flush(): Promise<void> {
    if (this.size === 0) return;
    const parts = this.pending;
    const chunk = parts.every((part) => typeof part === 'string') ? parts.join('') : joinBytes(parts);
    this.pending = [];
    this.size = 0;
    if (this.stream.destroyed) return;
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          this.stream.off('error', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('close', done);
        this.stream.on('error', done);
      });
    }
  }
}

/** Joins text and bytes into one buffer, writing text straight into it (no buffer per string). */
function joinBytes(parts: ReadonlyArray<string | Buffer>): Buffer {
  let length = 0;
  for (const part of parts) length += typeof part === 'string' ? Buffer.byteLength(part) : part.length;
  const joined = Buffer.allocUnsafe(length);
  let offset = 0;
  for (const part of parts) offset += typeof part === 'string' ? joined.write(part, offset) : part.copy(joined, offset);
  return joined;
}
