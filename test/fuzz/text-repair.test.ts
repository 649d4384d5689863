// Fuzzing text repair with random correct text built from code points (test/unit/text.test.ts
// uses a word list): Latin, CJK, emoji and math text is never changed, and the same text damaged
// as UTF-8 read as Windows-1252 (or Latin-1, or twice) is repaired back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseText, repairMojibake } from '../../src/core/text.js';
import { onlyAmbiguousDamage } from './damage.js';
import { FUZZ_SEED, RUNS } from './budget.js';

// Windows-1252 0x80–0x9F as a WHATWG decoder yields them (the five undefined bytes stay C1 controls).
const CP1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** The damage under test: the UTF-8 bytes of `s` decoded as Windows-1252. */
function asWindows1252(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) out += byte >= 0x80 && byte < 0xa0 ? CP1252_80_9F.charAt(byte - 0x80) : String.fromCharCode(byte);
  return out;
}

/** The same damage through a Latin-1 decoder (bytes 0x80–0x9F become C1 controls). */
function asLatin1(s: string): string {
  return Buffer.from(s, 'utf8').toString('latin1');
}

const fromRange = (low: number, high: number) => fc.integer({ min: low, max: high }).map((cp) => String.fromCodePoint(cp));
const asciiLetter = fc.oneof(fromRange(0x61, 0x7a), fromRange(0x41, 0x5a));
// Accented Latin letters: Latin-1 (without × and ÷) and Latin Extended-A, all precomposed (NFC).
const accentedLetter = fc.oneof(fromRange(0xc0, 0xd6), fromRange(0xd8, 0xf6), fromRange(0xf8, 0xff), fromRange(0x100, 0x17f));

// A Latin word: ASCII letters with accented ones among them, never two accented letters side by
// side. Two adjacent ones (`Ãš`, `ÄŒ`) are exactly what mojibake looks like, and the repair is
// designed to take them as mojibake (test/unit/text.test.ts lists these known ambiguities).
const latinWord = fc
  .array(fc.tuple(asciiLetter, fc.option(accentedLetter, { nil: '' })), { minLength: 1, maxLength: 6 })
  .chain((pairs) => fc.boolean().map((accentFirst) => pairs.map(([ascii, accent]) => (accentFirst ? accent + ascii : ascii + accent)).join('')));
const cjkWord = fc
  .array(fc.oneof(fromRange(0x4e00, 0x9fff), fromRange(0x3041, 0x3096), fromRange(0x30a1, 0x30fa), fromRange(0xac00, 0xd7a3)), { minLength: 1, maxLength: 6 })
  .map((chars) => chars.join(''));
const emoji = fc.oneof(
  fromRange(0x1f600, 0x1f64f),
  fromRange(0x1f680, 0x1f6c5),
  fc.constantFrom('👩‍💻', '👨‍👩‍👧‍👦', '🇫🇷', '🇯🇵', '❤️', '👍🏽', '🏳️‍🌈', '#️⃣'),
);
const mathToken = fc.oneof(
  fromRange(0x2200, 0x22ff),
  fromRange(0x1d400, 0x1d454),
  fc.constantFrom('±', '×', '÷', 'x²', 'y³', '½', '¼', 'π', 'Σ', '∞', 'ℝ', 'ℕ'),
);
const punctuation = fc.constantFrom('', '', '', '.', ',', '!', '?', ':', ';', ')', '"', "'");

/** Random correct text: tokens of one script each, single spaces between them, in NFC. */
const correctText = fc
  .array(fc.tuple(fc.oneof(latinWord, latinWord, cjkWord, emoji, mathToken), punctuation), { minLength: 1, maxLength: 10 })
  .map((tokens) => tokens.map(([token, mark]) => token + mark).join(' '))
  .filter((text) => text === text.normalize('NFC'));

describe('text repair on random correct text', () => {
  it('never changes correct text', () => {
    fc.assert(
      fc.property(correctText, (text) => {
        expect(repairMojibake(text)).toBe(text);
        expect(normaliseText(text)).toEqual({ value: text, kinds: [] });
      }),
      { numRuns: RUNS.repairUnchanged, seed: FUZZ_SEED },
    );
  });

  it('repairs the same text read as Windows-1252, as Latin-1, and damaged twice', () => {
    fc.assert(
      fc.property(correctText, (text) => {
        fc.pre(!onlyAmbiguousDamage(text));
        const damaged = asWindows1252(text);
        expect(repairMojibake(damaged)).toBe(text);
        const cleaned = normaliseText(damaged);
        expect(cleaned.value).toBe(text);
        expect(cleaned.kinds.includes('mojibake')).toBe(damaged !== text);
        expect(repairMojibake(asLatin1(text))).toBe(text);
        expect(repairMojibake(asWindows1252(damaged))).toBe(text);
      }),
      // Found by this suite at larger FUZZ_SCALE: one CJK character whose mojibake reads like
      // plausible Latin text (`2023å¹´`, `5 å††`, `ë‘®`) and has nothing else around it.
      { numRuns: RUNS.repairDamaged, seed: FUZZ_SEED, examples: [['2023年'], ['5 円'], ['둮']] },
    );
  });
});

describe('normaliseText on messy text', () => {
  // Each of these was found by the normalise fuzz suite: one pass of the pipeline exposes work
  // for the next (entities or NFC or dropped controls produce mojibake, `&amp;amp;`).
  const FOUND = ['A\u0303\u00bd', '&Atilde;&copy;', '\u00c3\u200b\u00a9', '&amp;amp;'];
  const pieces = ['a', ' ', '\u00a0', '\t', 'é', 'e', '\u0301', 'A', '\u0303', 'Ã', '©', '½', '&', 'amp;', '&amp;', '&Atilde;', '&copy;', '\u200b', '\u202e', '\x1b', '’', 'â€™'];

  it('is idempotent: cleaning clean text changes nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 10 }).map((parts) => parts.join('')), (text) => {
        const once = normaliseText(text).value;
        expect(normaliseText(once)).toEqual({ value: once, kinds: [] });
      }),
      { numRuns: RUNS.normaliseTextIdempotent, seed: FUZZ_SEED, examples: FOUND.map((text) => [text] as [string]) },
    );
  });
});
