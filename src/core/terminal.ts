// Making untrusted text safe to print to a terminal. Kept apart from text.ts so that the CLI's
// error output can use it without loading the text repairs.
import { replaceAllSafely } from './replace.js';

const hex4 = (cp: number): string => cp.toString(16).padStart(4, '0');

// Also the characters that print as nothing and join nothing (zero-width space, word joiner, BOM):
// in a value feedtool does not normalise (an unknown key's, a file name) they would hide.
const TERMINAL_UNSAFE = /[\x00-\x1F\x7F-\x9F\u061C\u200B\u200E\u200F\u2028\u2029\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;
const TERMINAL_UNSAFE_ALL = new RegExp(`\\r\\n|${TERMINAL_UNSAFE.source}`, 'g');

function visibleEscape(c: string): string {
  const cp = c.charCodeAt(0);
  return cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${hex4(cp)}`;
}

// C0, DEL, C1, line separators, bidi controls and zero-width characters are written out as `\x1b` / `\u202e` text; a tab becomes a space;
// with keepNewlines LF is kept and CRLF becomes LF (a lone CR is still escaped); with keepWordBreaks U+200B and U+2060 stay.
/** Makes an untrusted string safe to print to a terminal by showing every control character as text. */
export function sanitizeForTerminal(s: string, opts?: { keepNewlines?: boolean; escapeTabs?: boolean; keepWordBreaks?: boolean }): string {
  if (!TERMINAL_UNSAFE.test(s)) return s;
  const keepNewlines = opts?.keepNewlines === true;
  const keepWordBreaks = opts?.keepWordBreaks === true;
  const tab = opts?.escapeTabs === true ? '\\x09' : ' ';
  return replaceAllSafely(s, TERMINAL_UNSAFE_ALL, (c) => {
    if (c === '\t') return tab;
    // In running text (an article's body) the zero-width space and word joiner mark where Thai,
    // Khmer or Burmese words break: kept there, as they hide no other text.
    if (keepWordBreaks && (c === '\u200b' || c === '\u2060')) return c;
    if (keepNewlines && (c === '\n' || c === '\r\n')) return '\n';
    if (c === '\r\n') return '\\x0d\\x0a';
    return visibleEscape(c);
  });
}

// In a name, characters that look like a space or like nothing: no-break and other Unicode
// spaces, the soft hyphen, fillers and invisible marks, tag characters, interlinear annotation.
const NAME_LOOKALIKE = /[\u00A0\u00AD\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u2000-\u200A\u202F\u205F\u2061-\u2064\u3000\u3164\uFFA0\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;
const COMBINING_MARK = /\p{M}/gu;
const NON_ASCII = /[^\x00-\x7F]/;

function codePointEscape(c: string): string {
  const cp = c.codePointAt(0)!;
  return cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0')}` : cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${hex4(cp)}`;
}

/**
 * Makes a file path safe to print, as sanitizeForTerminal does, and written so that two names
 * never look alike: a tab shows as `\x09`, a no-break space, soft hyphen or other invisible or
 * space-like character as its escape (`\xa0`, `\xad`), and in a name not in Unicode NFC (`e` +
 * U+0301, as macOS writes `é`) each combining mark as its escape (`e\u0301`).
 */
export function sanitizePathForTerminal(path: string): string {
  let shown = sanitizeForTerminal(path, { escapeTabs: true });
  if (!NON_ASCII.test(shown)) return shown;
  shown = shown.replace(NAME_LOOKALIKE, codePointEscape);
  return shown.normalize('NFC') === shown ? shown : shown.replace(COMBINING_MARK, codePointEscape);
}

// What a GitHub Actions runner reads as a workflow command at the start of a line, after the
// whitespace it trims (.NET's, which JavaScript's \s covers).
const COMMAND_START = /^\s*::/u;

/**
 * A path for the start of a line (a report's file, a table's path cell), safe to print as
 * sanitizePathForTerminal makes it; a relative path that would begin a line with `::` is written
 * `./…`, the same file, so no file name starts a GitHub Actions workflow command in a CI log.
 */
export function sanitizeLeadingPath(path: string): string {
  const shown = sanitizePathForTerminal(path);
  return COMMAND_START.test(shown) ? `./${shown}` : shown;
}
