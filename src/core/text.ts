// Text-field repairs (mojibake, HTML entities, control characters, whitespace, NFC) and terminal display helpers.
import { createRequire } from 'node:module';
import { CP1252_80_9F } from './decode.js';
import type { FixKind } from './types.js';
import { replaceAllSafely } from './replace.js';
import { escapeNotNfc } from './terminal.js';

// Code point -> byte for every character a cp1252 or Latin-1 decoder yields for bytes 0x80–0xFF.
const BYTE_OF = new Map<number, number>();
for (let b = 0x80; b <= 0xff; b++) BYTE_OF.set(b, b);
for (let i = 0; i < CP1252_80_9F.length; i++) BYTE_OF.set(CP1252_80_9F.charCodeAt(i), 0x80 + i);

const hex4 = (cp: number): string => cp.toString(16).padStart(4, '0');
const classOf = (cps: Iterable<number>): string => [...cps].map((cp) => `\\u${hex4(cp)}`).join('');

/** A UTF-16 code unit written as a `\\uXXXX` escape (what JSON, YAML and JavaScript read back). */
export const unicodeEscape = (c: string): string => `\\u${hex4(c.charCodeAt(0))}`;

// Characters that print as nothing or as a plain space: in a quoted value they would hide.
const PRINTS_AS_SPACE_OR_NOTHING = /[\t\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u2060\ufeff]|^\u3000+|\u3000+$/g;

/** Text with the characters that print as nothing or as a plain space written out (`\t`, `\u200b`), so a quoted value shows what it holds. */
export function showInvisible(text: string): string {
  // An ideographic space is written out only at an end, where it is padding: between CJK words it is meant.
  return text.replace(PRINTS_AS_SPACE_OR_NOTHING, (c) => (c === '\t' ? '\\t' : c.startsWith('\u3000') ? '\\u3000'.repeat(c.length) : unicodeEscape(c)));
}

// Line breaks as a JavaScript or YAML string writes them, and half a surrogate pair (no
// character: printed, it would be U+FFFD) as its escape.
const BREAK_OR_LONE_SURROGATE = /[\n\v\f\r]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const BREAK_ESCAPES: Record<string, string> = { '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r' };

/** showInvisible, with line breaks written `\n` and half a surrogate pair as its escape (`\ud800`): a value as messages quote it. */
export function showValue(text: string): string {
  return showInvisible(text).replace(BREAK_OR_LONE_SURROGATE, (c) => BREAK_ESCAPES[c] ?? unicodeEscape(c));
}

/**
 * A value before and after a repair, each quoted as showValue writes it: when the two print
 * alike (`Cafe\u0301` and `Café`, `\u2126` and `Ω`), the characters NFC changes are written
 * out; when either is longer than `width`, both are cut to the same window around their first
 * difference, so the change shows.
 */
export function quoteChange(before: string, after: string, width = 80): [string, string] {
  const alike = before !== after && before.normalize('NFC') === after.normalize('NFC');
  // By code point, so a cut never splits a surrogate pair; the window is cut before anything is
  // written out, so a long value costs no more than its window.
  const [old, now] = [Array.from(before), Array.from(after)];
  const shown = (chars: readonly string[], from: number, to: number, isBefore: boolean): string => {
    const text = showValue(chars.slice(from, to).join(''));
    return alike && isBefore ? escapeNotNfc(text) : text;
  };
  if (old.length <= width && now.length <= width) return [`'${shown(old, 0, old.length, true)}'`, `'${shown(now, 0, now.length, false)}'`];
  let same = 0;
  while (same < old.length && old[same] === now[same]) same++;
  const from = Math.max(0, same - 20);
  const to = from + width - 2;
  const window = (chars: readonly string[], isBefore: boolean) => `'${from > 0 ? '…' : ''}${shown(chars, from, to, isBefore)}${to < chars.length ? '…' : ''}'`;
  return [window(old, true), window(now, false)];
}

const MARK = /\p{M}/gu;

/** Text with its combining marks written out (`e\u0301`), so a decomposed letter shows apart from a composed one. */
export function showMarks(text: string): string {
  return text.replace(MARK, (mark) => `\\u${hex4(mark.codePointAt(0)!)}`);
}

// A char whose cp1252/Latin-1 byte is 0x80–0xBF, i.e. a UTF-8 continuation byte.
const CONT_CLASS = `\\u0080-\\u00bf${classOf([...CP1252_80_9F].map((c) => c.charCodeAt(0)).filter((cp) => cp > 0xff))}`;
const LEAD_TEST = /[\u00C2-\u00F4]/;
const RUN_RE = new RegExp(`[\\u00c2-\\u00f4][${CONT_CLASS}]{1,3}`, 'g');
const UNASSIGNED_OR_PRIVATE = /[\p{Cn}\p{Co}]/u;
// U+FEFF and U+FFFD only reach text through mojibake-prone tooling; as run results they are evidence.
const SURE_RESULT = /[\uFEFF\uFFFD]/;
const LETTER = /\p{L}/u;
const AFTER_NAME = new Set('®©™°');
const TYPOGRAPHIC = new Set('’‘”“»«…—–\u00A0');
const EAST_ASIAN = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

// Characters that genuinely follow a letter in correct text (closing quotes, dashes, NBSP...).
// A lead letter followed only by these is ambiguous: `CAFÉ”` is real French, and also the mojibake
// of `CAFɔ`. Such runs are repaired only when the string shows other, clear mojibake.
const AFTER_CAPITAL = new Set('’‘”“»…—–\u00A0´™®©†‡');
// Ä and Å lead Latin Extended-A (ą ę ł ő ś š ž ...), so fewer followers are trusted after them.
const AFTER_A_RING_UMLAUT = new Set('’”®©');
const AFTER_SMALL = new Set('’‘”“»…—–\u00A0´™®©°¹²³†‡›');
// Of those, the ones after which any character may come (`café—€5`).
const OPENS_ANYTHING = new Set('—–\u00A0…');
// And the ones that also sit between two letters in correct text (`JOSÉ’s`, `CAFÉ—BAR`).
const INSIDE_WORD = new Set('’´—–\u00A0');

interface Candidate {
  start: number;
  end: number;
  text: string;
  strong: boolean;
}

// Decodes lead + continuation bytes as one UTF-8 sequence; -1 when overlong, a surrogate or > U+10FFFF.
function decodeSequence(bytes: readonly number[]): number {
  const b0 = bytes[0] ?? 0;
  const b1 = bytes[1] ?? 0;
  const b2 = bytes[2] ?? 0;
  const b3 = bytes[3] ?? 0;
  if (bytes.length === 2) return ((b0 & 0x1f) << 6) | (b1 & 0x3f);
  if (bytes.length === 3) {
    if ((b0 === 0xe0 && b1 < 0xa0) || (b0 === 0xed && b1 > 0x9f)) return -1;
    return ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
  }
  if ((b0 === 0xf0 && b1 < 0x90) || (b0 === 0xf4 && b1 > 0x8f)) return -1;
  return ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
}

// Whether a valid run cannot be correct text, so proves the string holds mojibake: lead Â, Ã or â,
/**
 * True for a CJK or Hangul character whose Windows-1252 damage reads like an accented letter
 * followed by word punctuation (`풑` → `í’‘`): alone in a string it is left as it is, since that
 * reading could be correct text. Documents the one case repair does not undo.
 */
export function isAmbiguousWhenDamaged(char: string): boolean {
  const bytes = Buffer.from(char, 'utf8');
  if (bytes.length !== 3 || !EAST_ASIAN.test(char)) return false;
  const conts = [...bytes.subarray(1)].map((b) => (b < 0xa0 ? CP1252_80_9F.charAt(b - 0x80) : String.fromCharCode(b)));
  const [first, second] = conts as [string, string];
  return (TYPOGRAPHIC.has(first) && TYPOGRAPHIC.has(second)) || AFTER_NAME.has(first) || OPENS_ANYTHING.has(first);
}

// a 4-byte sequence, or a continuation char that does not plausibly follow that letter.
function isStrong(s: string, start: number, lead: number, conts: string, end: number, decoded: string): boolean {
  // `Ã` and `Â` end words in Portuguese, Turkish (`HÂLÂ”`) and Welsh (`Â’r`, a word of its own).
  if (lead === 0xc3 || lead === 0xc2) return !endsCapitalWord(s, start, conts, end);
  if (lead >= 0xf0) return true;
  // `â€…`, `â„¢`, `â‚¬` (general punctuation, letterlike signs, currency) are damage; after a
  // word ending in `â` (Turkish `Hâlâ…”`), a dash or ellipsis and closing punctuation may be correct.
  if (lead === 0xe2) return !(OPENS_ANYTHING.has(conts.charAt(0)) && AFTER_SMALL.has(conts.charAt(1)));
  // A letter followed by two symbols that together spell a CJK or Hangul character is mojibake,
  // unless both are the punctuation that really follows words (`café”»`, `café »`), the first is
  // a sign that follows names (`Café®—`), or the first may be followed by anything (`café ¿qué`).
  const first = conts.charAt(0);
  const bothTypographic = TYPOGRAPHIC.has(first) && TYPOGRAPHIC.has(conts.charAt(1));
  if (lead >= 0xe0 && EAST_ASIAN.test(decoded) && !bothTypographic && !AFTER_NAME.has(first) && !OPENS_ANYTHING.has(first)) {
    return true;
  }
  if (lead >= 0xe0) {
    if (!AFTER_SMALL.has(first)) return true;
    return !OPENS_ANYTHING.has(first) && !AFTER_SMALL.has(conts.charAt(1));
  }
  // A 2-byte run has exactly one continuation char.
  if (!(lead <= 0xc5 ? AFTER_A_RING_UMLAUT : AFTER_CAPITAL).has(conts)) return true;
  const next = s.codePointAt(end);
  return next !== undefined && LETTER.test(String.fromCodePoint(next)) && !INSIDE_WORD.has(conts);
}

// Portuguese writes Ã at the end of capitalised words (`IRMÃ`, `MAÇÃ`), where closing punctuation
// follows: `“IRMÃ”`, `IRMÃ’S`, `IRMÃ…` are as likely correct as the damage of `IRMÔ`.
const CLOSES_CAPITAL_WORD = new Set('’”…»›—–†‡');
// After a word of one letter (`“Ã”`), only what closes a quotation or a sentence: `3 Ã— 4` is `×`.
const CLOSES_LETTER_WORD = new Set('’”…»›');
const UPPER = /\p{Lu}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

// A capital Ã ending a capitalised word (or standing as a word of its own), followed by closing
// punctuation and then no letter (but for the punctuation that sits inside words, `IRMÃ’S`):
// ambiguous, as other capitals are.
function endsCapitalWord(s: string, start: number, conts: string, end: number): boolean {
  const before = start === 0 ? '' : s.charAt(start - 1);
  const closes = UPPER.test(before) ? CLOSES_CAPITAL_WORD : before === '' || !LETTER_OR_DIGIT.test(before) ? CLOSES_LETTER_WORD : null;
  if (closes === null || !closes.has(conts)) return false;
  const next = s.codePointAt(end);
  return next === undefined || !LETTER.test(String.fromCodePoint(next)) || INSIDE_WORD.has(conts);
}

function findCandidates(s: string): Candidate[] {
  const found: Candidate[] = [];
  for (const m of s.matchAll(RUN_RE)) {
    const start = m.index;
    const lead = s.charCodeAt(start);
    const need = lead < 0xe0 ? 1 : lead < 0xf0 ? 2 : 3;
    if (m[0].length - 1 < need) {
      // `â€` cut short: the right double quote `”` (E2 80 9D) whose last byte Windows-1252 has no
      // character for, so many decoders drop it (or write U+FFFD): `â€œQuotedâ€ text`.
      if (m[0] === 'â€') {
        const end = s.charCodeAt(start + 2) === 0xfffd ? start + 3 : start + 2;
        found.push({ start, end, text: '\u201d', strong: true });
      }
      continue;
    }
    const conts = m[0].slice(1, 1 + need);
    const bytes = [lead];
    for (const c of conts) bytes.push(BYTE_OF.get(c.charCodeAt(0)) ?? 0);
    const cp = decodeSequence(bytes);
    if (cp < 0) continue;
    const text = String.fromCodePoint(cp);
    if (UNASSIGNED_OR_PRIVATE.test(text)) continue;
    const end = start + 1 + need;
    found.push({ start, end, text, strong: SURE_RESULT.test(text) || isStrong(s, start, lead, conts, end, text) });
  }
  return found;
}

// Repairs every valid run once the string shows evidence (a strong run, or two runs back to back);
// otherwise leaves it as it is, since each run alone could be correct text.
function repairRound(s: string, second = false): string {
  // In a second round, a C1 control the first made after an accented capital (`CAFÃ‰Â’S` gives
  // `CAFÉ` + U+0092) is punctuation, not the rest of a letter: `É` + U+0092 would read as `ɒ`, a
  // letter of Latin Extended-B or IPA, which no damaged text means.
  const found = second ? findCandidates(s).filter((c) => !(C1.test(s.slice(c.start + 1, c.end)) && /[\u0180-\u02ff]/.test(c.text))) : findCandidates(s);
  let evidence = false;
  for (let i = 0; i < found.length && !evidence; i++) {
    const c = found[i]!;
    evidence = c.strong || (i > 0 && found[i - 1]!.end === c.start);
  }
  if (!evidence) return s;
  let out = '';
  let last = 0;
  for (const c of found) {
    out += s.slice(last, c.start) + c.text;
    last = c.end;
  }
  return out + s.slice(last);
}

/** Repairs UTF-8 text that was decoded as Windows-1252 or Latin-1 (`doesnâ€™t` → `doesn’t`), twice at most. */
export function repairMojibake(s: string): string {
  if (!LEAD_TEST.test(s)) return s;
  const once = repairRound(s);
  if (once === s || !LEAD_TEST.test(once)) return punctuationOfC1(s, once);
  return punctuationOfC1(s, repairRound(once, true));
}

const C1 = /[\u0080-\u009f]/;
const C1_ALL = /[\u0080-\u009f]/g;

// A C1 control a repair made (`Â’` decodes to U+0092) is Windows-1252 punctuation that went through
// Latin-1 on its way: read back as it (`’`), never left to be dropped as a control character. One
// of the five bytes Windows-1252 leaves undefined stays as it is. As many of each C1 control as the
// text held before are left to the control-character step.
function punctuationOfC1(before: string, repaired: string): string {
  if (repaired === before || !C1.test(repaired)) return repaired;
  const held = new Map<string, number>();
  for (const c of before.match(C1_ALL) ?? []) held.set(c, (held.get(c) ?? 0) + 1);
  return repaired.replace(C1_ALL, (c) => {
    const left = held.get(c) ?? 0;
    if (left === 0) return CP1252_80_9F.charAt(c.charCodeAt(0) - 0x80);
    held.set(c, left - 1);
    return c;
  });
}

// Numeric references follow the HTML spec: 0, surrogates and values above U+10FFFF become U+FFFD,
// 0x80–0x9F map through Windows-1252 (`&#146;` → `’`), other control characters are decoded as such
// (normaliseText drops them next). Unknown names and references without `;` stay as written.
/** Decodes HTML entities: all HTML5 named ones and decimal/hex numeric references, `;` required. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return loadEntityDecoder()(s);
}

type EntityDecoder = typeof import('entities/decode').decodeHTMLStrict;
let entityDecoder: EntityDecoder | undefined;

// The entity tables are loaded on the first `&`, not at start-up.
function loadEntityDecoder(): EntityDecoder {
  entityDecoder ??= (createRequire(import.meta.url)('entities/decode') as typeof import('entities/decode')).decodeHTMLStrict;
  return entityDecoder;
}

// C0 except tab/LF/CR (those are whitespace), DEL, C1, bidi embeddings/overrides/isolates, invisible
// zero-width characters. ZWNJ/ZWJ (U+200C/U+200D) stay: emoji sequences and Persian/Indic text need them.
// Also half a surrogate pair alone (from a YAML escape, `"\ud83d"`): no character, and no UTF-8 can carry it.
const CONTROL_RE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u200B\u2060\uFEFF\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// ASCII whitespace, NBSP and the Unicode space separators. The ideographic space U+3000 is left alone
// between words (trimmed only at the ends: trimIdeographicSpaces),
// since CJK text uses it as a full-width character.
/** The characters normalisation folds as whitespace, as a regex class body. */
export const SPACE_CHARS = '\\t\\n\\v\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F';
// Of those, the no-break and typographic spaces: one alone between two words is meant
// (`«\u00A0café\u00A0»`, `10\u202F€`) and kept.
const KEPT_SPACE_CHARS = '\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F';
const SPACE_RUN_RE = new RegExp(`[${SPACE_CHARS}]+`, 'g');
// Once runs are folded, each space at either end is one character.
const EDGE_SPACE_RE = new RegExp(`^[${SPACE_CHARS}]|[${SPACE_CHARS}]$`, 'g');
const KEPT_SPACE = new RegExp(`^[${KEPT_SPACE_CHARS}]$`);
const KEPT_SPACES = new RegExp(`[${KEPT_SPACE_CHARS}]`, 'g');

/** Folds runs of whitespace, tabs and line breaks to one space, keeping a single no-break or typographic space, and trims both ends. */
function foldSpaces(s: string): string {
  return trimIdeographicSpaces(replaceAllSafely(s, SPACE_RUN_RE, (run) => (run.length === 1 && KEPT_SPACE.test(run) ? run : ' ')).replace(EDGE_SPACE_RE, ''));
}

const IDEOGRAPHIC_SPACE = 0x3000;
const KEPT_SPACE_CODES = new Set([0x00a0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f]);

// Ideographic spaces (U+3000) at either end, and any space beside them there, go: inside CJK text
// one is a meant full-width space, at an end it is padding. A loop, not a regex: `[…]+$` is
// quadratic on a long run of spaces that is not at the end.
function trimIdeographicSpaces(s: string): string {
  // Folding left no other space at either end, so only an ideographic one there needs trimming.
  if (s.charCodeAt(0) !== IDEOGRAPHIC_SPACE && s.charCodeAt(s.length - 1) !== IDEOGRAPHIC_SPACE) return s;
  const isEdgeSpace = (code: number): boolean => code === IDEOGRAPHIC_SPACE || code === 0x20 || KEPT_SPACE_CODES.has(code);
  let start = 0;
  let end = s.length;
  while (start < end && isEdgeSpace(s.charCodeAt(start))) start++;
  while (end > start && isEdgeSpace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}
// Printable ASCII without `&`, single spaces, nothing to trim: nothing in the pipeline can change it.
const CLEAN_ASCII = /^(?:[!-%'-~]+(?: [!-%'-~]+)*)?$/;
// The same for everyday text: printable ASCII, Latin-1 letters and signs (not the soft hyphen),
// Latin Extended, spacing modifiers, general punctuation (’ “ ” – — … •), currency signs, ™ and
// №, CJK and kana, Hangul syllables. None is a control, a space to fold, a combining mark or
// changed by NFC, alone or after another: test/unit/text.test.ts checks every one, and every pair
// outside the large CJK and Hangul blocks plus samples of those. So only two things can still
// change such text, which MAY_CHANGE finds: a mojibake lead character followed by a continuation
// character, and something shaped like an entity (`&amp;`, `&#39;`).
const CLEAN_CHARS =
  "!-~\\u00A1-\\u00AC\\u00AE-\\u02FF\\u2010-\\u2027\\u2030-\\u205E\\u20A0-\\u20C0\\u2116\\u2122" +
  '\\u3001-\\u3029\\u3030-\\u303F\\u3041-\\u3096\\u30A1-\\u30FA\\u4E00-\\u9FFF\\uAC00-\\uD7A3';
/** Every character the fast path of normaliseText accepts besides the single space (for tests). */
export const CLEAN_TEXT_CLASS = new RegExp(`[${CLEAN_CHARS}]`);
const CLEAN_TEXT = new RegExp(`^(?:[${CLEAN_CHARS}]+(?: [${CLEAN_CHARS}]+)*)?$`);
const MAY_CHANGE = new RegExp(`[\\u00c2-\\u00f4][${CONT_CLASS}]|&#?[A-Za-z0-9]+;`);
const NON_ASCII = /[^\x00-\x7F]/;

/** Text in Unicode NFC, the one form of names macOS and a user pasting from it treat as one (`café` composed or as e + U+0301); ASCII as it is, without the call. */
export function toNfc(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFC') : text;
}
const NO_FIXES: readonly FixKind[] = Object.freeze([]);

const MAX_TEXT_ROUNDS = 4;

/** Runs the text-field pipeline (mojibake, entities, control chars, whitespace, NFC) and lists what changed. */
export function normaliseText(s: string): { value: string; kinds: readonly FixKind[] } {
  if (CLEAN_ASCII.test(s) || (CLEAN_TEXT.test(s) && !MAY_CHANGE.test(s))) return { value: s, kinds: NO_FIXES };
  return repairText(s);
}

/**
 * normaliseText without its fast paths: every step of the pipeline, on any text, or only the
 * steps of the kinds in `only` (what validate --fix writes when some rules are off).
 */
export function repairText(s: string, only?: ReadonlySet<FixKind>): { value: string; kinds: FixKind[] } {
  const kinds: FixKind[] = [];
  let value = s;
  const step = (kind: FixKind, next: string): void => {
    if (next !== value && (!only || only.has(kind))) {
      if (!kinds.includes(kind)) kinds.push(kind);
      value = next;
    }
  };
  // One repair can reveal another (an entity that decodes to mojibake, `&amp;amp;`), so the
  // steps repeat until nothing changes: normalising the result again changes nothing.
  for (let round = 0; round < MAX_TEXT_ROUNDS; round++) {
    const before = value;
    step('mojibake', repairMojibake(value));
    step('html-entity', decodeEntities(value));
    step('control-character', replaceAllSafely(value, CONTROL_RE, () => ''));
    step('whitespace', foldSpaces(value));
    if (NON_ASCII.test(value)) step('unicode-nfc', value.normalize('NFC'));
    if (value === before || CLEAN_ASCII.test(value)) break;
  }
  return { value, kinds };
}

export { escapeNotNfc, escapePathControls, sanitizeForTerminal, sanitizeLeadingPath, sanitizePathForTerminal } from './terminal.js';

// Intl.Segmenter is avoided: on Node 20 its iteration takes minutes on a 100,000-char string.
const NARROW_ONLY = /^[\x20-\x7E\u00A0-\u02FF]*$/;
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F|\uFE0F\u20E3/u;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\p{Cc}\u1160-\u11FF\uD7B0-\uD7FF]/u;
// Code points that attach to the one before: marks, variation selectors, skin tones, tags, Hangul V/T jamo.
const EXTEND = /[\p{M}\uFE00-\uFE0F\u1160-\u11FF\uD7B0-\uD7FF\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}\u{E0100}-\u{E01EF}]/u;
const ZWJ = 0x200d;

// East Asian Wide and Fullwidth blocks (emoji are handled separately).
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff],
  [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4], [0x17000, 0x18aff],
  [0x1b000, 0x1b2ff], [0x1f200, 0x1f2ff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

const isRegionalIndicator = (cp: number): boolean => cp >= 0x1f1e6 && cp <= 0x1f1ff;
const sizeOf = (cp: number): number => (cp > 0xffff ? 2 : 1);

// The soft hyphen (U+00AD, a format character) takes one column, as glibc's wcwidth and Markus
// Kuhn's reference one give it: terminals draw it as a hyphen.
function codePointWidth(cp: number): number {
  if ((cp >= 0x20 && cp < 0x7f) || (cp >= 0xa0 && cp < 0x300)) return 1;
  if (ZERO_WIDTH.test(String.fromCodePoint(cp))) return 0;
  for (const [lo, hi] of WIDE_RANGES) {
    if (cp < lo) return 1;
    if (cp <= hi) return 2;
  }
  return 1;
}

// Index just past the user-perceived character starting at i: a base with its marks and modifiers,
// a ZWJ sequence or a flag (regional indicator pair). A close, linear approximation of UAX #29.
function clusterEnd(s: string, i: number): number {
  const base = s.codePointAt(i) ?? 0;
  let j = i + sizeOf(base);
  let flagOpen = isRegionalIndicator(base);
  while (j < s.length) {
    const cp = s.codePointAt(j) ?? 0;
    if (cp === ZWJ) {
      j += 1;
      if (j < s.length) j += sizeOf(s.codePointAt(j) ?? 0);
    } else if (flagOpen && isRegionalIndicator(cp)) {
      j += 2;
      flagOpen = false;
    } else if (cp >= 0x300 && EXTEND.test(String.fromCodePoint(cp))) {
      j += sizeOf(cp);
    } else {
      break;
    }
  }
  return j;
}

/** The user-perceived characters of a string, in order (see clusterEnd): linear, unlike Intl.Segmenter on Node 20. */
export function* clusters(s: string): Generator<string> {
  for (let i = 0; i < s.length; ) {
    const j = clusterEnd(s, i);
    yield s.slice(i, j);
    i = j;
  }
}

function clusterWidth(cluster: string): number {
  const cp = cluster.codePointAt(0) ?? 0;
  if (cluster.length === sizeOf(cp)) return EMOJI.test(cluster) ? 2 : codePointWidth(cp);
  if (EMOJI.test(cluster)) return 2;
  let w = 0;
  for (const c of cluster) w += codePointWidth(c.codePointAt(0) ?? 0);
  return w;
}

/** Counts the terminal columns a string takes: wide/fullwidth CJK and emoji 2, combining marks and controls 0. */
export function displayWidth(s: string): number {
  if (NARROW_ONLY.test(s)) return s.length;
  let w = 0;
  for (let i = 0; i < s.length; ) {
    const j = clusterEnd(s, i);
    w += clusterWidth(s.slice(i, j));
    i = j;
  }
  return w;
}

/** s.slice(start, end) with neither end inside a surrogate pair (it widens to take the whole pair). */
export function sliceWhole(s: string, start: number, end = s.length): string {
  const isLow = (i: number): boolean => i > 0 && i < s.length && (s.charCodeAt(i) & 0xfc00) === 0xdc00 && (s.charCodeAt(i - 1) & 0xfc00) === 0xd800;
  return s.slice(isLow(start) ? start - 1 : start, isLow(end) ? end + 1 : end);
}

/** Cuts a string to at most `width` columns, ending in `…` when cut; never splits a character or cluster. */
export function truncate(s: string, width: number): string {
  const max = Math.floor(width);
  if (!(max >= 1)) return '';
  if (NARROW_ONLY.test(s)) return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
  let w = 0;
  let fit = 0;
  for (let i = 0; i < s.length; ) {
    const j = clusterEnd(s, i);
    w += clusterWidth(s.slice(i, j));
    if (w > max) return `${s.slice(0, fit)}…`;
    if (w <= max - 1) fit = j;
    i = j;
  }
  return s;
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Text compared without case: lower case with full case folding (`Straße` and `STRASSE`, `ς` and `Σ` match). */
export function foldCase(text: string): string {
  return ASCII_ONLY.test(text) ? text.toLowerCase() : text.toUpperCase().toLowerCase();
}

/**
 * How names typed by people are compared with names in records (topics, providers, categories):
 * as normalisation writes them (NFC, single spaces, entities and mojibake repaired), any case,
 * any space a plain one.
 */
export function matchKey(text: string): string {
  return nameKey(normaliseText(text.trim()).value);
}

/** A normalised text as names compare: any case, and a no-break or typographic space as a plain one (`Le\u00A0Monde` is `le monde`). */
export function nameKey(text: string): string {
  return foldCase(ASCII_ONLY.test(text) ? text : text.replace(KEPT_SPACES, ' '));
}

/** HTML entities decoded until nothing changes, as normalisation and --fix do (`&amp;amp;` is `&`). */
export function decodeEntitiesFully(text: string): string {
  let current = text;
  for (let round = 0; round < 8; round++) {
    const next = decodeEntities(current);
    if (next === current) return current;
    current = next;
  }
  return current;
}

const MARKS = /\p{M}/gu;
// Typographic apostrophes and quotes read as the straight ones a keyboard types: `doesn’t` and
// `doesn't` match. Replaced before NFKD, which would make ″ two primes.
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u02bc\uff07]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\uff02]/g;

/**
 * Text as --search compares it: lower case, accents and compatibility forms folded (`Café` and
 * `cafe`, `ﬁ` and `fi` match), curly quotes and apostrophes as straight ones.
 */
export function foldForSearch(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  return foldCase(text.replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"').normalize('NFKD').replace(MARKS, '')).replace(UNDECOMPOSED, (c) => UNDECOMPOSED_AS[c]!);
}

// Letters that NFKD does not split into a base letter and a mark (a stroke, a ligature), written
// as people type them without the key: `lodz` finds `Łódź`, `oresund` `Øresund`, `aero` `Æro`.
const UNDECOMPOSED_AS: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ŧ: 't', ƚ: 'l', æ: 'ae', œ: 'oe', þ: 'th', ð: 'd' };
const UNDECOMPOSED = new RegExp(`[${Object.keys(UNDECOMPOSED_AS).join('')}]`, 'g');
