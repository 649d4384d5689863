// Output: chunks joined into a reused buffer must reach the stream intact, however slowly it reads.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Output } from '../../src/io/output.js';

/**
 * A stream that takes its time with each chunk. By default it keeps the very chunks it is given,
 * as a PassThrough does; with `copies` it reads each chunk before its write completes and lets go,
 * as a file or pipe does.
 */
function slowSink(delayMs = 1, copies = false): { stream: Writable; chunks: Buffer[] } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, callback) {
      setTimeout(() => {
        chunks.push(copies ? Buffer.from(chunk) : chunk);
        callback();
      }, delayMs);
    },
  });
  return { stream, chunks };
}

async function writeListing(out: Output): Promise<Buffer> {
  const expected: Buffer[] = [];
  const put = async (part: string | Buffer): Promise<void> => {
    await out.write(part);
    expected.push(Buffer.from(part));
  };
  await put('[');
  for (let i = 0; i < 3000; i++) {
    if (i > 0) await put(',\n');
    await put(record(i));
  }
  await put(']\n');
  await out.flush();
  return Buffer.concat(expected);
}

function record(i: number): Buffer {
  return Buffer.from(`{"n":${i},"text":"${'é’x'.repeat(i % 500)}"}`);
}

describe('Output', () => {
  it('writes mixed text and bytes exactly to a stream that keeps the chunks (no buffer is reused under it)', async () => {
    const { stream, chunks } = slowSink();
    const expected = await writeListing(new Output(stream));
    await new Promise<void>((resolve) => stream.end(resolve));
    expect(chunks.length).toBeGreaterThan(5);
    expect(Buffer.concat(chunks).equals(expected)).toBe(true);
  });

  it('reuses its join buffer for a stream that lets go of chunks, and the output is still exact', async () => {
    const { stream, chunks } = slowSink(1, true);
    const seen = new Set<ArrayBufferLike>();
    const write = stream.write.bind(stream);
    stream.write = ((chunk: Buffer, callback: (error?: Error | null) => void) => {
      if (Buffer.isBuffer(chunk)) seen.add(chunk.buffer);
      return write(chunk, callback);
    }) as typeof stream.write;
    const expected = await writeListing(new Output(stream, true));
    await new Promise<void>((resolve) => stream.end(resolve));
    expect(chunks.length).toBeGreaterThan(5);
    expect(Buffer.concat(chunks).equals(expected)).toBe(true);
    // Every flush of bytes went through the same buffer.
    expect(seen.size).toBe(1);
  });

  it('uses a reused buffer only for the process stdout and stderr by default', () => {
    expect((new Output(process.stdout) as unknown as { reuseBuffer: boolean }).reuseBuffer).toBe(true);
    expect((new Output(slowSink().stream) as unknown as { reuseBuffer: boolean }).reuseBuffer).toBe(false);
  });

  it('writes a part larger than its join buffer whole', async () => {
    const { stream, chunks } = slowSink(0);
    const out = new Output(stream);
    const huge = Buffer.alloc(3 * 1024 * 1024, 0x61);
    await out.write('<');
    await out.write(huge);
    await out.write('>');
    await out.flush();
    const all = Buffer.concat(chunks);
    expect(all.length).toBe(huge.length + 2);
    expect(all.subarray(0, 1).toString() + all.subarray(-1).toString()).toBe('<>');
  });

  it('joins text-only output as text', async () => {
    const { stream, chunks } = slowSink(0);
    const out = new Output(stream);
    for (let i = 0; i < 10; i++) await out.write(`line ${i}\n`);
    await out.flush();
    expect(Buffer.concat(chunks).toString()).toBe(Array.from({ length: 10 }, (_, i) => `line ${i}\n`).join(''));
  });

  it('returns (never hangs) when the stream fails or is gone', async () => {
    // Each call must settle: a hang would otherwise show only as the test's own time-out.
    const settles = (promise: Promise<unknown>) => Promise.race([promise.then(() => 'settled'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5000))]);
    let attempts = 0;
    const failing = new Writable({
      write(_chunk, _encoding, callback) {
        attempts++;
        callback(Object.assign(new Error('closed pipe'), { code: 'EPIPE' }));
      },
    });
    failing.on('error', () => undefined);
    const out = new Output(failing);
    expect(await settles(out.write(Buffer.alloc(300 * 1024)))).toBe('settled');
    expect(await settles(out.flush())).toBe('settled');
    expect(await settles(out.write(Buffer.alloc(300 * 1024)))).toBe('settled');
    expect(await settles(out.flush())).toBe('settled');
    expect(attempts).toBeGreaterThan(0);
    let taken = 0;
    const gone = new Writable({ write: (_c, _e, callback) => ((taken += 1), callback()) });
    gone.destroy();
    const later = new Output(gone);
    expect(await settles(later.write(Buffer.alloc(300 * 1024)))).toBe('settled');
    expect(await settles(later.flush())).toBe('settled');
    expect(taken).toBe(0);
  });

  it('hands everything it writes to a copy, which it discards when a write fails or the stream is gone', async () => {
    const copyOf = () => {
      const copy = { chunks: [] as Buffer[], discarded: false, add: (chunk: string | Buffer) => copy.chunks.push(Buffer.from(chunk)), discard: () => (copy.discarded = true) };
      return copy;
    };
    const { stream, chunks } = slowSink(0, true);
    const kept = copyOf();
    const written = await writeListing(new Output(stream, true).copyTo(kept));
    expect(Buffer.concat(chunks)).toEqual(written);
    expect(Buffer.concat(kept.chunks)).toEqual(written);
    expect(kept.discarded).toBe(false);

    let taken = 0;
    const failsLater = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        taken += chunk.length;
        callback(taken > 600 * 1024 ? Object.assign(new Error('closed pipe'), { code: 'EPIPE' }) : null);
      },
    });
    failsLater.on('error', () => undefined);
    const failed = copyOf();
    await writeListing(new Output(failsLater).copyTo(failed));
    expect(failed.discarded).toBe(true);

    const gone = new Writable({ write: (_c, _e, callback) => callback() });
    gone.destroy();
    const lost = copyOf();
    await writeListing(new Output(gone).copyTo(lost));
    expect(lost.discarded).toBe(true);
  });
});
