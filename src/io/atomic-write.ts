// Replaces a file's contents atomically: a reader sees the old file or the new one, never a mix.
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';

/** What a file looked like when it was read; it is only replaced if it still does. */
export interface SeenFile {
  size: number;
  mtimeMs: number;
  ino: number;
}

/** The size, mtime and inode of a file, followed through symlinks. */
export function seeFile(file: string): SeenFile {
  const info = statSync(file);
  return { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino };
}

/** Thrown when the file changed after it was read: it is left as it is. */
export class ChangedMeanwhile extends Error {}

/**
 * Writes `bytes` to a new file beside `file` (same folder, same permission bits), flushes it to
 * disk, and renames it over `file`, but only if `file` still looks as `seen` says. On any
 * failure the new file is removed and `file` is untouched. `file` must not be a symlink (pass its
 * real path), or the link itself would be replaced.
 */
export function replaceFileAtomically(file: string, bytes: Uint8Array, seen: SeenFile): void {
  const mode = statSync(file).mode & 0o7777;
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.feedtool-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  // 'wx': a fresh file, never one that exists (nor a symlink planted there).
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fchmodSync(fd, mode);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const now = seeFile(file);
    if (now.size !== seen.size || now.mtimeMs !== seen.mtimeMs || now.ino !== seen.ino) throw new ChangedMeanwhile('the file changed while it was being fixed');
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
