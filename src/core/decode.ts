// Turns the raw bytes of an article file into text, detecting its encoding.
import { isUtf8 } from 'node:buffer';
import type { SourceEncoding } from './types.js';

// Windows-1252 bytes 0x80–0x9F; the five undefined bytes map to their C1 code point (WHATWG).
// Node 20's TextDecoder('windows-1252') decodes these as Latin-1, so the table is applied here.
export const CP1252_80_9F =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

const utf16le = new TextDecoder('utf-16le', { ignoreBOM: true });
const utf16be = new TextDecoder('utf-16be', { ignoreBOM: true });

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9F]/g, (c) => CP1252_80_9F.charAt(c.charCodeAt(0) - 0x80));
}

// A NUL byte means binary; in UTF-16 (known only by its BOM) a decoded U+0000 does.
/** Decodes file bytes: UTF-16 LE/BE by BOM, else UTF-8 (BOM stripped), else Windows-1252. */
export function decodeBytes(
  bytes: Uint8Array,
): { ok: true; text: string; encoding: SourceEncoding } | { ok: false; reason: 'binary' } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const le = b0 === 0xff;
    const text = (le ? utf16le : utf16be).decode(bytes.subarray(2));
    if (text.includes('\0')) return { ok: false, reason: 'binary' };
    return { ok: true, text, encoding: le ? 'utf-16le' : 'utf-16be' };
  }
  const body = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (body.indexOf(0) !== -1) return { ok: false, reason: 'binary' };
  // isUtf8 validates in native code; Buffer#toString is then a plain copy.
  if (isUtf8(body)) {
    return { ok: true, text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'), encoding: 'utf-8' };
  }
  return { ok: true, text: decodeWindows1252(body), encoding: 'windows-1252' };
}
