// Reads one file's bytes safely: regular files only, never blocking, never past a size limit.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { groupDigits } from '../core/count.js';

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
/**
 * No file larger than this is read, whatever --max-file-size says: its text, and strings made
 * from it (a record's JSON, escaped), must stay under what V8 can hold in one string (512 MiB
 * of characters), or the run would fail instead of the file.
 */
export const MAX_TEXT_FILE_SIZE = 256 * 1024 * 1024;

export type ReadResult =
  | { ok: true; bytes: Buffer }
  /** missingInput: what was given names no file to read (standard input redirected from a folder). */
  | { ok: false; code: 'unreadable' | 'file-too-large'; message: string; missingInput?: true };

/**
 * Reads a regular file whole, refusing FIFOs, devices and files over maxSize bytes. Synchronous:
 * for many small files a direct read is several times faster than promise-based I/O. The type is
 * checked on the open descriptor before any byte is read (reading a device can have effects).
 * `limitName` says in messages which limit maxSize is.
 */
export function readFileBytes(file: string, maxSize = DEFAULT_MAX_FILE_SIZE, limitName = '(--max-file-size)'): ReadResult {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, code: 'unreadable', message: describeError(error) };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { ok: false, code: 'unreadable', message: 'not a regular file (FIFO, socket or device)' };
    const limit = Math.min(maxSize, MAX_TEXT_FILE_SIZE);
    if (info.size > limit) return tooLarge(info.size, maxSize, limitName);
    // Ask for one byte more than the limit allows, so a file that grew since fstat is still caught.
    const buffer = Buffer.allocUnsafe(Math.min(info.size, limit) + 1);
    let length = 0;
    while (length < buffer.length) {
      const asked = buffer.length - length;
      const bytesRead = readSync(fd, buffer, length, asked, length);
      length += bytesRead;
      // A short read of a regular file, once it has given the size fstat saw, is its end: no
      // further read is needed to confirm it (one system call less per file).
      if (bytesRead === 0 || (bytesRead < asked && length >= info.size)) break;
    }
    if (length > limit) return tooLarge(null, maxSize, limitName);
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { ok: false, code: 'unreadable', message: describeError(error) };
  } finally {
    try {
      closeSync(fd);
    } catch {
      // Nothing useful to do when close fails after a read.
    }
  }
}

/**
 * Why a file of `size` bytes (null: it grew past the limit while read) is refused: over
 * maxSize, or over the ceiling every file has. Sizes that round alike are given in bytes.
 */
function tooLarge(size: number | null, maxSize: number, limitName: string): ReadResult {
  return { ok: false, code: 'file-too-large', message: tooLargeMessage(size, maxSize, limitName) };
}

function tooLargeMessage(size: number | null, maxSize: number, limitName: string, subject = 'file'): string {
  const ceiling = maxSize > MAX_TEXT_FILE_SIZE;
  const limit = ceiling ? MAX_TEXT_FILE_SIZE : maxSize;
  // As people read them: `1 MiB` is no more than `1024 KiB`.
  const alike = size !== null && parseSize(formatBytes(size))! <= parseSize(formatBytes(limit))!;
  const exact = (bytes: number): string => `${groupDigits(bytes)} bytes`;
  const limitShown = alike ? `${formatBytes(limit)} (${exact(limit)})` : formatBytes(limit);
  const over = ceiling ? `${limitShown} that any file can have (larger text cannot be processed)` : `${limitShown} limit ${limitName}`;
  if (size === null) return `${subject} is over the ${over}`;
  return `${subject} is ${alike ? exact(size) : formatBytes(size)}, over the ${over}`;
}

/** Reads `length` bytes at `position` of an open file; null when the file ends before them. */
export function readAt(fd: number, position: number, length: number): Buffer | null {
  const buffer = Buffer.allocUnsafe(length);
  let read = 0;
  while (read < length) {
    const got = readSync(fd, buffer, read, length - read, position + read);
    if (got === 0) return null;
    read += got;
  }
  return buffer;
}

/** Reads standard input (or any stream) whole, up to maxSize bytes, with the same result shape as readFileBytes. */
export async function readStreamBytes(stream: NodeJS.ReadableStream, maxSize = DEFAULT_MAX_FILE_SIZE): Promise<ReadResult> {
  // Node reads a directory on fd 0 (`< /tmp`) as empty text, without an error.
  if (stream === process.stdin && isDirectory(0)) {
    return { ok: false, code: 'unreadable', message: 'standard input is a directory: expected the text of an article (feedtool … - < article.md)', missingInput: true };
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      total += buffer.length;
      if (total > Math.min(maxSize, MAX_TEXT_FILE_SIZE)) {
        return { ok: false, code: 'file-too-large', message: tooLargeMessage(null, maxSize, '(--max-file-size)', 'standard input') };
      }
      chunks.push(buffer);
    }
  } catch (error) {
    return { ok: false, code: 'unreadable', message: `cannot read standard input: ${String((error as Error)?.message ?? error)}` };
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

function isDirectory(fd: number): boolean {
  try {
    return fstatSync(fd).isDirectory();
  } catch {
    return false;
  }
}

/** A short human sentence for a file-system error. */
export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'file not found (deleted while being read?)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'ENAMETOOLONG':
      return 'path too long';
    default:
      return code ? `cannot read file (${code})` : `cannot read file: ${String((error as Error)?.message ?? error)}`;
  }
}

/** Formats a byte count as B, KiB, MiB or GiB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : Number(value.toFixed(1))} ${units[unit]}`;
}

/** Parses a size like `10MiB`, `512k`, `2M` or `1048576` into bytes; null when invalid. */
export function parseSize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(i?b)?\s*$/i.exec(text);
  if (!match) return null;
  const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  // A count of bytes is whole (`1.9` is no size); with a unit, a fraction is rounded down to whole bytes (`1.5k` is 1536).
  if (scale === 1 && !Number.isInteger(Number(match[1]))) return null;
  const bytes = Math.floor(Number(match[1]) * scale);
  return Number.isFinite(bytes) && bytes > 0 ? bytes : null;
}
