// String replacement that survives millions of matches. V8 builds a global replace's matches in
// one internal array, and a string of tens of millions of matches (a 140 MB value of control
// characters) overflows it: the process aborts ("Fatal JavaScript invalid size error"), which no
// try/catch can stop. Text that long is replaced match by match instead.

/** Strings shorter than this cannot hold enough matches to overflow V8's array. */
const SAFE_LENGTH = 8 * 1024 * 1024;
/** Pieces joined into one string at a time, so no array grows past this either. */
const PIECES_PER_JOIN = 1 << 16;

/** `text.replace(pattern, replacement)` for a global regex, safe however many matches the text holds. */
export function replaceAllSafely(text: string, pattern: RegExp, replacement: (match: string, ...groups: string[]) => string): string {
  // Without the g flag, exec would start over at each call, and String.replace replaces once.
  if (!pattern.global) throw new TypeError('replaceAllSafely needs a global pattern');
  if (text.length < SAFE_LENGTH) return text.replace(pattern, replacement as (match: string, ...rest: unknown[]) => string);
  const joined: string[] = [];
  let pieces: string[] = [];
  let last = 0;
  pattern.lastIndex = 0;
  for (let found = pattern.exec(text); found !== null; found = pattern.exec(text)) {
    pieces.push(text.slice(last, found.index), replacement(found[0], ...(found.slice(1) as string[])));
    last = found.index + found[0].length;
    // An empty match moves on by a character (a whole code point under the u flag).
    if (found[0].length === 0) pattern.lastIndex += pattern.unicode && (text.codePointAt(pattern.lastIndex) ?? 0) > 0xffff ? 2 : 1;
    if (pieces.length >= PIECES_PER_JOIN) {
      joined.push(pieces.join(''));
      pieces = [];
    }
  }
  pattern.lastIndex = 0;
  joined.push(pieces.join(''), text.slice(last));
  return joined.join('');
}
