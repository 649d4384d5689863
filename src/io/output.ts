// Buffered writing to stdout/stderr that respects back-pressure, for streaming large listings.
import type { Writable } from 'node:stream';

const FLUSH_AT = 256 * 1024;
// Chunks are joined into one buffer that is used again once the stream is done with it: a fresh
// buffer per chunk costs a page fault per 4 KiB, about 40 ms per 80 MB written. Only streams known
// to let go of a chunk when its write completes qualify: the process's own stdout and stderr do
// (a file is written synchronously; a pipe or terminal holds the chunk until the write callback),
// while any other Writable may keep it (a PassThrough hands the very buffer on to its reader).
const JOIN_BUFFER_SIZE = 512 * 1024;

/** Collects text and writes it in large chunks, waiting for `drain` when the reader is slow. */
export class Output {
  private pending: Array<string | Buffer> = [];
  private size = 0;
  private spare: Buffer | null = null;

  private copy: OutputCopy | null = null;

  constructor(
    private readonly stream: Writable,
    private readonly reuseBuffer = stream === process.stdout || stream === process.stderr,
  ) {}

  /**
   * Hands every chunk written from now on to `copy` too, before the stream (which may reuse it
   * after); a write that fails, or a stream closed early, discards the copy.
   */
  copyTo(copy: OutputCopy): this {
    this.copy = copy;
    return this;
  }

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
    this.pending = [];
    this.size = 0;
    if (this.stream.destroyed) {
      this.copy?.discard();
      return;
    }
    if (parts.every((part) => typeof part === 'string')) {
      await this.send(parts.join(''), null);
      return;
    }
    const length = byteLengthOf(parts);
    const reusable = this.reuseBuffer && length <= JOIN_BUFFER_SIZE ? (this.spare ?? Buffer.allocUnsafeSlow(JOIN_BUFFER_SIZE)) : null;
    this.spare = null;
    const joined = reusable ?? Buffer.allocUnsafe(length);
    joinInto(parts, joined);
    await this.send(joined.subarray(0, length), reusable);
  }

  // Writes one chunk; resolves when the stream is done with it (and, on back-pressure, drained).
  // `reusable` becomes the spare join buffer again only once the stream no longer holds it.
  private async send(chunk: string | Buffer, reusable: Buffer | null): Promise<void> {
    this.copy?.add(chunk);
    const written = await writeChunk(this.stream, chunk, true);
    if (!written) this.copy?.discard();
    if (written && reusable) this.spare = reusable;
  }
}

/** Where an Output also sends what it writes (see Output.copyTo). */
export interface OutputCopy {
  add(chunk: string | Buffer): void;
  discard(): void;
}

/**
 * Writes one chunk to a stream; resolves once the stream has drained if it asked for a pause and,
 * with `untilWritten`, once it is done with the chunk (so the buffer may be filled again), to true
 * when the write went through. A closed or failed stream resolves it too.
 */
export function writeChunk(stream: Writable, chunk: string | Buffer, untilWritten: boolean): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    let written = !untilWritten;
    let succeeded = false;
    let drained = true;
    const settle = (): void => {
      if (!written || !drained) return;
      stream.off('drain', onDrain);
      stream.off('close', onEnd);
      stream.off('error', onEnd);
      resolve(succeeded);
    };
    const onDrain = (): void => {
      drained = true;
      settle();
    };
    const onEnd = (): void => {
      written = drained = true;
      settle();
    };
    stream.on('drain', onDrain);
    stream.on('close', onEnd);
    stream.on('error', onEnd);
    drained = stream.write(chunk, (error) => {
      succeeded = !error;
      written = true;
      settle();
    });
    settle();
  });
}

function byteLengthOf(parts: ReadonlyArray<string | Buffer>): number {
  let length = 0;
  for (const part of parts) length += typeof part === 'string' ? Buffer.byteLength(part) : part.length;
  return length;
}

/** Writes text and bytes one after another into `target` (no buffer per string). */
function joinInto(parts: ReadonlyArray<string | Buffer>, target: Buffer): void {
  let offset = 0;
  for (const part of parts) {
    if (typeof part === 'string') {
      offset += target.write(part, offset);
    } else {
      target.set(part, offset);
      offset += part.length;
    }
  }
}
