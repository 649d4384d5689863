// Replaces a file's contents atomically: a reader sees the old file or the new one, never a mix.
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fchmodSync, fchownSync, fstatSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { FileStamp } from './cache.js';

/** What a file looked like when it was read (its stamp, as the caches use, and ownership); it is only replaced if it still does. */
export interface SeenFile extends FileStamp {
  mode: number;
  uid: number;
  gid: number;
  /** How many names (hard links) the file has: a replaced file keeps only the one replaced. */
  nlink: number;
  /** The device it is on (with `ino`, which file it is, whatever its name). */
  dev: number;
}

/** The stamp and ownership of a file, followed through symlinks. */
export function seeFile(file: string): SeenFile {
  const { size, mtimeMs, ctimeMs, ino, mode, uid, gid, nlink, dev } = statSync(file);
  return { size, mtimeMs, ctimeMs, ino, mode, uid, gid, nlink, dev };
}

const WRITE_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted (an immutable or append-only file or folder?)',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  ENAMETOOLONG: 'path too long',
};

/** Why a write failed, in words: the system's error, named. */
export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code && Object.hasOwn(WRITE_ERRORS, code)) return WRITE_ERRORS[code]!;
  return code ? `system error ${code}` : String((error as Error)?.message ?? error);
}

/** Thrown when the file cannot be replaced as it is (changed since read, read-only, owner not keepable): it is left untouched. */
export class NotReplaced extends Error {}

const sameStamp = (a: FileStamp, b: FileStamp): boolean =>
  a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;

/**
 * Why `file` (as `seen`) cannot be replaced by this process, or null if it can: it is read-only
 * (no write permission for its owner), immutable or on a read-only file system, its folder
 * cannot be written to, or a new file could not
 * be given its owner and group (only root, or its owner when in its group, can). What
 * replaceFileAtomically checks first, and what a dry run asks.
 */
export function whyNotReplaceable(file: string, seen: SeenFile): string | null {
  if ((seen.mode & 0o200) === 0) return 'the file is read-only';
  // What the mode bits do not show, even to root: an immutable file, a read-only file system.
  try {
    accessSync(file, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPERM') return 'the file cannot be changed (immutable: chattr +i?)';
    if (code === 'EROFS') return 'it is on a read-only file system';
  }
  try {
    accessSync(path.dirname(file), constants.W_OK | constants.X_OK);
  } catch {
    return 'its folder cannot be written to';
  }
  const uid = process.geteuid?.();
  if (uid === undefined || uid === 0) return null;
  const inGroup = seen.gid === process.getegid?.() || (process.getgroups?.() ?? []).includes(seen.gid);
  if (seen.uid !== uid || !inGroup) return 'its owner and group could not be kept (run as its owner, in its group)';
  return null;
}

/**
 * Writes `bytes` to a new file beside `file` (same folder, permission bits, owner and group),
 * flushes it to disk, and renames it over `file`, but only if `file` still looks as `seen` says.
 * A file whyNotReplaceable refuses is left as it is. On any failure the new file is
 * removed and `file` is untouched. `file` must not be a symlink (pass its real path), or the
 * link itself would be replaced.
 */
export function replaceFileAtomically(file: string, bytes: Uint8Array, seen: SeenFile): void {
  const refusal = whyNotReplaceable(file, seen);
  if (refusal) throw new NotReplaced(refusal);
  // Short, so a long file name still leaves room for it.
  const temporary = path.join(path.dirname(file), `.feedtool-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  // 'wx': a fresh file, never one that exists (nor a symlink planted there).
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      const made = fstatSync(fd);
      if (made.uid !== seen.uid || made.gid !== seen.gid) {
        try {
          fchownSync(fd, seen.uid, seen.gid);
        } catch {
          throw new NotReplaced('its owner and group could not be kept (run as its owner)');
        }
      }
      // After the owner: changing it may clear set-id bits.
      fchmodSync(fd, seen.mode & 0o7777);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (!sameStamp(seeFile(file), seen)) throw new NotReplaced('the file changed while it was being fixed');
    renameSync(temporary, file);
  } catch (error) {
    removeTemporary(temporary, error);
    throw error;
  }
}

// Removes the new file after a failure. Should that fail too (a folder that lets files be made
// but not removed or renamed, as `chattr +a` does), the failure reported is still the first one,
// naming the file left behind.
function removeTemporary(temporary: string, cause: unknown): void {
  try {
    unlinkSync(temporary);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    const reason = cause instanceof NotReplaced ? cause.message : `could not be put in place: ${describeWriteError(cause)}`;
    throw new NotReplaced(`${reason}; the folder does not let feedtool remove its temporary file ${temporary}`);
  }
}
