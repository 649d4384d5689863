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

// In a name, characters that look like a space or like nothing: Unicode's default-ignorable
// characters (soft hyphen, fillers, joiners, variation selectors, tags, invisible operators…),
// every space separator but the space itself, the braille blank and the interlinear annotation
// marks. Kept where they make what shows: a zero width joiner between two pictographs and a
// variation selector right after one (an emoji sequence), a variation selector in a keycap (1️⃣),
// and a zero width joiner or non-joiner after a letter or mark of a script that spells words
// with them (Persian, the Indic scripts, Sinhala), before a letter.
const JOINING_SCRIPT = ['Arabic', 'Syriac', 'Nko', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala'].map((name) => `\\p{Script_Extensions=${name}}`).join('');
const PICTOGRAPH_BEFORE = '(?:\\p{Extended_Pictographic}\\uFE0F?|[\\u{1F3FB}-\\u{1F3FF}])';
const NAME_LOOKALIKE = new RegExp(
  [
    `\\u200D(?!(?<=${PICTOGRAPH_BEFORE}\\u200D)\\p{Extended_Pictographic})(?!(?<=[${JOINING_SCRIPT}]\\u200D)\\p{L})`,
    '[\\uFE0E\\uFE0F](?<!\\p{Extended_Pictographic}[\\uFE0E\\uFE0F])(?<![0-9#*]\\uFE0F(?=\\u20E3))',
    `\\u200C(?!(?<=[${JOINING_SCRIPT}]\\u200C)\\p{L})`,
    '(?![\\u0020\\u200C\\u200D\\uFE0E\\uFE0F])[\\p{Default_Ignorable_Code_Point}\\p{Zs}\\u2800\\uFFF9-\\uFFFB]',
  ].join('|'),
  'gu',
);
const NON_ASCII = /[^\x00-\x7F]/;
// What NFC may compose as one: a character and the marks after it, a run of Hangul jamo (or a
// syllable and the final jamo after it), a mark alone. Split so, a long text is split in one pass.
const COMPOSING_RUN = /[\u1100-\u115F]+[\u1160-\u11A7]*[\u11A8-\u11FF]*|[\uAC00-\uD7A3][\u11A8-\u11FF]+|\P{M}\p{M}*|\p{M}+/gu;

function codePointEscape(c: string): string {
  const cp = c.codePointAt(0)!;
  return cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0')}` : cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${hex4(cp)}`;
}

/**
 * Text not in Unicode NFC with each character NFC would change written as its escape: of a run
 * NFC changes, every code point after the first, and the first too when NFC replaces it
 * (`e\u0301`, Hangul jamo as macOS writes them `ᄒ\u1161\u11ab`, `\u212b` for the Ångström sign).
 */
export function escapeNotNfc(text: string): string {
  if (text.normalize('NFC') === text) return text;
  return text.replace(COMPOSING_RUN, (run) => {
    if (run.normalize('NFC') === run) return run;
    const [first, ...rest] = [...run];
    return (first!.normalize('NFC') === first ? first : codePointEscape(first!)) + rest.map(codePointEscape).join('');
  });
}

/**
 * Makes a file path safe to print where a program reads it back (a unix or github report): as
 * sanitizeForTerminal does, but a tab shows as `\x09`; every other character is the name's own.
 */
export function escapePathControls(path: string): string {
  return sanitizeForTerminal(path, { escapeTabs: true });
}

/**
 * Makes a file path safe to print for people, written so that two names do not look alike: as
 * escapePathControls, and a no-break space, soft hyphen or other invisible or space-like
 * character as its escape (`\xa0`, `\xad`), and in a name not in Unicode NFC each character NFC
 * would change (`e\u0301`, as macOS writes `é`).
 */
export function sanitizePathForTerminal(path: string): string {
  const shown = escapePathControls(path);
  if (!NON_ASCII.test(shown)) return shown;
  return escapeNotNfc(shown.replace(NAME_LOOKALIKE, codePointEscape));
}

// What a GitHub Actions runner reads as a workflow command at the start of a line, after the
// whitespace it trims (.NET's, which JavaScript's \s covers).
const COMMAND_START = /^\s*::/u;

/**
 * A path for the start of a line (a report's file, a table's path cell), safe to print as
 * sanitizePathForTerminal makes it (escapePathControls with `exact`, for a report a program reads
 * the name back from); a relative path that would begin a line with `::` is written `./…`, the
 * same file, so no file name starts a GitHub Actions workflow command in a CI log.
 */
export function sanitizeLeadingPath(path: string, { exact = false }: { exact?: boolean } = {}): string {
  const shown = exact ? escapePathControls(path) : sanitizePathForTerminal(path);
  return COMMAND_START.test(shown) ? `./${shown}` : shown;
}
