import { describe, it, expect } from 'vitest';
import { FUZZ_SEED } from '../fuzz/budget.js';
import { onlyAmbiguousDamage } from '../fuzz/damage.js';
import fc from 'fast-check';
import {
  CLEAN_TEXT_CLASS,
  decodeEntities,
  displayWidth,
  normaliseText,
  repairMojibake,
  repairText,
  sanitizeForTerminal,
  sanitizeLeadingPath,
  sanitizePathForTerminal,
  escapeNotNfc,
  truncate,
  sliceWhole,
} from '../../src/core/text.js';

// Windows-1252 0x80–0x9F as a WHATWG decoder yields them (undefined bytes keep their C1 code point).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

// The damage under test: UTF-8 bytes read back as Windows-1252.
function asWindows1252(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) {
    out += b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charAt(b - 0x80) : String.fromCharCode(b);
  }
  return out;
}

// The same damage through a Latin-1 decoder (0x80–0x9F become C1 controls).
function asLatin1(s: string): string {
  return Buffer.from(s, 'utf8').toString('latin1');
}

// Correct text in many scripts. It must survive repairMojibake and normaliseText byte for byte.
const CORRECT = [
  'São Paulo',
  'Ærøskøbing',
  'naïve café',
  'Ångström',
  '½ price',
  '©2023 Example Ltd',
  'Zürich — Genève',
  'Straße, Fuß, groß',
  'Ça va? L’État, l’été',
  'Ele é médico; à la carte',
  'crème brûlée à la française',
  'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ',
  '¡Hola! ¿Qué tal?',
  'Wrocław, Kraków, Łódź, się, są',
  'Škoda, međunarodni, Dvořák, Őrség',
  'İstanbul ğ ş ı',
  'Iași, București',
  '日本語のテキスト',
  '中文新闻',
  '한국어 뉴스',
  'こんにちは世界',
  '😀 🎉 👍🏽',
  '👩‍💻 👨‍👩‍👧‍👦 🏳️‍🌈 🇫🇷',
  '❤️ ✔️ 1️⃣',
  '𝐀𝐁𝐂 𝑥 𝔸',
  'Привет, мир! Ёлка в лесу',
  'Київ і Львів',
  'Γειά σου κόσμε, Ω',
  'مرحبا بالعالم',
  'שלום עולם',
  'नमस्ते दुनिया',
  'می\u200Cخواهم',
  'Ελληνικά και русский и English',
  '«café»',
  '« café »',
  '«\u00A0café\u00A0»',
  '“CAFÉ”',
  'CAFÉ’s menu',
  'PELÉ’s goal',
  'CAFÉ—BAR',
  'ÉTÉ…',
  'ÉTÉ… ou pas',
  '„Fuß“',
  '«Il a dit “café”»',
  'le café…»',
  'Nestlé®',
  'Dit que «\u00A0déjà\u00A0»',
  'à 20°C',
  '2×3 = 6',
  'Â l’âge de 3 ans',
  'SÃO PAULO',
  'Filme “A IRMÃ” estreia',
  'A IRMÃ’S story',
  'a MAÇÃ… e o resto',
  '“SIM”, diz a IRMÃ» no fim',
  'IRMÃ—IRMÃO',
  'CAFÉ† notation',
  '“CAFÉ” and “IRMÃ”',
  'IRMÃ› e mais',
  'a letra “Ã” sozinha',
  'Â’r plant yn yr ysgol',
  'Cymru Â’r Byd',
  'chữ “Â” và “Ê”',
  '“HÂLÂ” dedi',
  'HÂLÂ… BEKLİYOR',
  'Turkish: “Hâlâ…” dedi',
  'Hâlâ—” dedi',
];

describe('repairMojibake', () => {
  it.each([
    ['Making sure open source doesnâ€™t fail AI', 'Making sure open source doesn’t fail AI'],
    ['cafÃ©', 'café'],
    ['â€œquotedâ€\u009d', '“quoted”'],
    ['itâ€™s â€” reallyâ€¦', 'it’s — really…'],
    ['Price: â‚¬5', 'Price: €5'],
    ['Â©2023', '©2023'],
    ['1Â\u00A0000', '1\u00A0000'],
    ['SÃ£o Paulo', 'São Paulo'],
    // Windows-1252 punctuation read as Latin-1, then the UTF-8 of that read as Windows-1252: the C1
    // control it became is read back as the punctuation it was, never dropped.
    ['donÂ’t panic', 'don’t panic'],
    ['1990Â–2000', '1990–2000'],
    ['Â“Bom diaÂ”, disse', '“Bom dia”, disse'],
    ['Wait forÂ… it', 'Wait for… it'],
    // The right double quote whose last byte (0x9D, no Windows-1252 character) was dropped or replaced.
    ['â€œQuotedâ€ text and Itâ€™s', '“Quoted” text and It’s'],
    ['He said â€œnoâ€ again', 'He said “no” again'],
    ['endâ€', 'end”'],
    ['â€œnoâ€\ufffd again', '“no” again'],
    // A C1 control the text held before stays for the control-character step; one a repair made is punctuation.
    ['Ã\u0081frica: donÂ’t stop', 'África: don’t stop'],
    // Mixed damage: an accented capital, then punctuation that went through Latin-1 too.
    ['CAFÃ‰Â’S menu', 'CAFÉ’S menu'],
    ['Â“CAFÃ‰Â” opens', '“CAFÉ” opens'],
    ['Â«Ã‰TÃ‰Â…Â»', '«ÉTÉ…»'],
    ['Â« Bonjour Â»', '« Bonjour »'],
    ['â†’ next', '→ next'],
    ['3 Ã— 4', '3 × 4'],
    ['3Ã—4', '3×4'],
    ['ZÃ¼rich', 'Zürich'],
    ['naÃ¯ve', 'naïve'],
    ['WrocÅ‚aw', 'Wrocław'],
    ['siÄ™', 'się'],
    ['piÄ…tek', 'piątek'],
    ['ï»¿Title', '\uFEFFTitle'],
    ['bad: ï¿½', 'bad: \uFFFD'],
    ['eÌ\u0081', 'e\u0301'],
    ['ðŸ˜€', '😀'],
    ['ÐŸÑ€Ð¸Ð²ÐµÑ‚', 'Привет'],
    ['æ—¥æœ¬èªž', '日本語'],
    // double-encoded
    ['doesnÃ¢â‚¬â„¢t', 'doesn’t'],
    ['cafÃƒÂ©', 'café'],
    // decoded as Latin-1 rather than Windows-1252
    ['doesn\u00e2\u0080\u0099t', 'doesn’t'],
  ])('%j → %j', (input, expected) => {
    expect(repairMojibake(input)).toBe(expected);
  });

  it.each(CORRECT.map((s) => [s]))('undoes Windows-1252 and Latin-1 damage of %j', (s) => {
    expect(repairMojibake(asWindows1252(s))).toBe(s);
    expect(repairMojibake(asLatin1(s))).toBe(s);
    expect(repairMojibake(asWindows1252(asWindows1252(s)))).toBe(s);
  });

  it.each(CORRECT.map((s) => [s]))('leaves correct text %j unchanged', (s) => {
    expect(repairMojibake(s)).toBe(s);
  });

  it.each([
    // a lead letter followed by one incomplete or invalid sequence (but `â€`: see the right
    // double quote cut short, above)
    ['Ã'],
    ['â‚'],
    ['à»…'],
    ['\u00E0\u0080\u0080'],
    // valid but unassigned, or private use
    ['×½'],
    ['inouï”»'],
    // ASCII
    ['plain ASCII title'],
    [''],
  ])('leaves %j unchanged', (s) => {
    expect(repairMojibake(s)).toBe(s);
  });
});

describe('decodeEntities', () => {
  it.each([
    ['Tom &amp; Jerry', 'Tom & Jerry'],
    ['&quot;hi&quot; &#39;x&#39; &apos;y&apos;', '"hi" \'x\' \'y\''],
    ['&lt;b&gt;', '<b>'],
    ['a&nbsp;b', 'a\u00A0b'],
    ['wait&hellip;', 'wait…'],
    ['a &mdash; b &ndash; c', 'a — b – c'],
    ['it&rsquo;s &lsquo;q&rsquo; &ldquo;q&rdquo;', 'it’s ‘q’ “q”'],
    ['caf&eacute; &Uuml;ber &ccedil;a', 'café Über ça'],
    ['&copy; &reg; &trade; &euro;', '© ® ™ €'],
    ['&#8217; &#x2019; &#X2019;', '’ ’ ’'],
    ['&#128512;', '😀'],
    ['&amp;amp;', '&amp;'],
    // HTML maps numeric 0x80–0x9F through Windows-1252
    ['&#146;', '’'],
    // NUL, surrogates and values past U+10FFFF become U+FFFD
    ['&#0;', '\uFFFD'],
    ['&#xD800;', '\uFFFD'],
    ['&#x110000;', '\uFFFD'],
    // other control characters decode (normaliseText drops them afterwards)
    ['&#27;', '\u001B'],
    // unknown, malformed or unterminated references stay
    ['&bogus;', '&bogus;'],
    ['&#;', '&#;'],
    ['&#x;', '&#x;'],
    ['&amp', '&amp'],
    ['&copy2023', '&copy2023'],
    ['AT&T', 'AT&T'],
    ['a & b', 'a & b'],
    ['no entity here', 'no entity here'],
  ])('%j → %j', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });
});

describe('normaliseText', () => {
  it.each([
    ['Making sure open source doesnâ€™t fail AI', 'Making sure open source doesn’t fail AI', ['mojibake']],
    ['Tom &amp; Jerry', 'Tom & Jerry', ['html-entity']],
    ['a\u0000b\u0007c\u001Bd\u007Fe\u0085f\u009Bg', 'abcdefg', ['control-character']],
    ['\u202Eevil\u202C \u2066x\u2069', 'evil x', ['control-character']],
    ['zero\u200Bwidth\u2060joined\uFEFF', 'zerowidthjoined', ['control-character']],
    ['half\uD83D pairs\uDE00 alone, a pair \uD83D\uDE00 kept', 'half pairs alone, a pair \uD83D\uDE00 kept', ['control-character']],
    ['  lots   of\t\tspace\n\r\nhere  ', 'lots of space here', ['whitespace']],
    // A single no-break or typographic space between words is kept; a run of any is one space.
    ['a\u00A0\u00A0b\u2003c\u202Fd', 'a b\u2003c\u202Fd', ['whitespace']],
    ['Prix\u00A0: 10\u202F€', 'Prix\u00A0: 10\u202F€', []],
    ['\u00A0edges\u202F', 'edges', ['whitespace']],
    ['a\u00A0 b \u2009c\u2009\u2009d', 'a b c d', ['whitespace']],
    ['line\u2028break', 'line break', ['whitespace']],
    ['cafe\u0301', 'café', ['unicode-nfc']],
    ['A\u030Angstro\u0308m', 'Ångström', ['unicode-nfc']],
    ['&#27;[2J&nbsp; title ', '[2J title', ['html-entity', 'control-character', 'whitespace']],
    ['  caf&eacute;â€™s\u200B  menu', 'café’s menu', ['mojibake', 'html-entity', 'control-character', 'whitespace']],
    ['\u00A0Ã©e\u0301', 'éé', ['mojibake', 'whitespace', 'unicode-nfc']],
    ['', '', []],
    ['plain', 'plain', []],
    ['ideographic\u3000space', 'ideographic\u3000space', []],
    ['東京\u3000\u3000ニュース', '東京\u3000\u3000ニュース', []],
    // At the ends an ideographic space is padding, and goes with any space beside it.
    ['\u3000Lead and trail\u3000', 'Lead and trail', ['whitespace']],
    [' \u3000\u00a0東京\u3000 ', '東京', ['whitespace']],
  ] as const)('%j → %j %j', (input, value, kinds) => {
    expect(normaliseText(input)).toEqual({ value, kinds: [...kinds] });
  });

  it('trims a long run of ideographic spaces in linear time', () => {
    const run = '\u3000'.repeat(200_000);
    expect(normaliseText(`${run}a${run}b${run}`).value).toBe(`a${run}b`);
  });

  it.each(CORRECT.map((s) => [s]))('leaves correct text %j identical with no kinds', (s) => {
    const result = normaliseText(s);
    expect(result.value).toBe(s);
    expect(result.kinds).toEqual([]);
  });

  it('keeps ZWJ and ZWNJ', () => {
    expect(normaliseText('👩\u200D💻 می\u200Cخواهم').value).toBe('👩\u200D💻 می\u200Cخواهم');
  });

  it('returns the same string for clean ASCII', () => {
    const s = 'A perfectly ordinary headline, with punctuation! (2023)';
    expect(normaliseText(s).value).toBe(s);
  });
});

// normaliseText skips the pipeline for text made only of CLEAN_TEXT_CLASS characters and single
// spaces, unless it holds a mojibake pair or something shaped like an entity. These tests prove
// the skip changes nothing: the characters themselves, then the fast path against the full pipeline.
describe('normaliseText fast path', () => {
  const cleanChars: string[] = [];
  for (let cp = 0; cp <= 0xffff; cp++) {
    const c = String.fromCharCode(cp);
    if (CLEAN_TEXT_CLASS.test(c)) cleanChars.push(c);
  }
  // The class less its two large blocks of letters (CJK ideographs, Hangul syllables), for pair checks.
  const smallSet = cleanChars.filter((c) => !/[\u4E00-\u9FFF\uAC00-\uD7A3]/.test(c));

  it('accepts only characters the pipeline leaves alone: no marks, jamo, controls or spaces, NFC-stable', () => {
    expect(cleanChars.length).toBeGreaterThan(30_000);
    for (const c of cleanChars) {
      expect(/[\p{M}\p{Cc}\p{Cf}\p{Z}\u1100-\u11FF]/u.test(c), `U+${c.charCodeAt(0).toString(16)}`).toBe(false);
      expect(c.normalize('NFC')).toBe(c);
      if (c !== '&') expect(repairText(c)).toEqual({ value: c, kinds: [] });
    }
  });

  it('accepts no pair of characters that NFC would compose or reorder', () => {
    const sample = [...smallSet, '一', '龥', '가', '힣', '아', 'か', 'カ'];
    for (const a of sample) {
      for (const b of sample) {
        const pair = a + b;
        if (pair.normalize('NFC') !== pair) throw new Error(`NFC changes U+${a.charCodeAt(0).toString(16)} U+${b.charCodeAt(0).toString(16)}`);
      }
    }
  });

  it.each([
    ['AT&T’s “best” deal — 50 € … ok', []],
    ['R&D at Café Noël: naïve façade, 5 ½ hours', []],
    ['東京の天気は晴れ・ソウル 날씨 맑음', []],
    ['Tom &amp; Jerry’s', ['html-entity']],
    ['doesnâ€™t fail — ever', ['mojibake']],
    ['double  space ’', ['whitespace']],
    [' leading ’', ['whitespace']],
  ] as const)('%j gives what the full pipeline gives', (input, kinds) => {
    expect(normaliseText(input)).toEqual(repairText(input));
    expect(normaliseText(input).kinds).toEqual([...kinds]);
  });

  it('matches the full pipeline on random text near the edge of the fast path', () => {
    const clean = fc.constantFrom(...smallSet, '一', '가', 'か');
    const edge = fc.constantFrom(' ', '  ', '&', '&amp;', '&#39;', '&#x27;', '&amp', '&T;', ';', '#', 'Ã', 'â', '€', '™', '©', '\u0301', '\u00A0', '\u200B', '\t', '\u1161', 'Ω', '\u2126', '👍');
    const text = fc.array(fc.oneof({ weight: 4, arbitrary: clean }, { weight: 1, arbitrary: edge }), { maxLength: 24 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (s) => {
        expect(normaliseText(s)).toEqual(repairText(s));
      }),
      { seed: FUZZ_SEED, numRuns: 3000 },
    );
  });
});

const DANGEROUS = /[\x00-\x1F\x7F-\x9F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

describe('sanitizeForTerminal in running text', () => {
  it('keeps the zero-width space and word joiner that mark word breaks, and still writes out a BOM and controls', () => {
    expect(sanitizeForTerminal('ภาษา\u200Bไทย\u2060x\uFEFF\x1b[2J\n', { keepNewlines: true, keepWordBreaks: true })).toBe('ภาษา\u200Bไทย\u2060x\\ufeff\\x1b[2J\n');
  });
});

describe('sanitizeForTerminal', () => {
  it.each([
    ['clear screen', 'a\x1b[2Jb', 'a\\x1b[2Jb'],
    ['OSC 0 window title', '\x1b]0;pwned\x07', '\\x1b]0;pwned\\x07'],
    ['OSC 8 hyperlink', '\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\', '\\x1b]8;;https://evil.example\\x1b\\click\\x1b]8;;\\x1b\\'],
    ['BEL', 'ding\x07', 'ding\\x07'],
    ['backspace', 'abc\b\b\bxyz', 'abc\\x08\\x08\\x08xyz'],
    ['carriage return', 'safe\rEVIL', 'safe\\x0dEVIL'],
    ['one-char CSI U+009B', 'a\u009B2Jb', 'a\\x9b2Jb'],
    ['other C1', '\u0080\u0085\u009F', '\\x80\\x85\\x9f'],
    ['DEL', 'a\x7fb', 'a\\x7fb'],
    ['NUL', 'a\0b', 'a\\x00b'],
    ['RLO', 'abc\u202Efdp.exe', 'abc\\u202efdp.exe'],
    ['LRE PDF', '\u202Ax\u202C', '\\u202ax\\u202c'],
    ['isolates', '\u2066a\u2067b\u2068c\u2069', '\\u2066a\\u2067b\\u2068c\\u2069'],
    ['LRM RLM ALM', '\u200E\u200F\u061C', '\\u200e\\u200f\\u061c'],
    ['zero-width space, word joiner, BOM', 'a\u200Bb\u2060c\uFEFFd', 'a\\u200bb\\u2060c\\ufeffd'],
    ['ZWJ and ZWNJ stay: emoji and Persian need them', '👩\u200D💻 می\u200Cخواهم', '👩\u200D💻 می\u200Cخواهم'],
    ['line and paragraph separators', 'one\u2028two\u2029three', 'one\\u2028two\\u2029three'],
    ['tab', 'a\tb', 'a b'],
    ['newline', 'a\nb', 'a\\x0ab'],
    ['CRLF', 'a\r\nb', 'a\\x0d\\x0ab'],
    ['clean text', 'Café 日本 😀 — “ok”', 'Café 日本 😀 — “ok”'],
  ])('%s', (_name, input, expected) => {
    const out = sanitizeForTerminal(input);
    expect(out).toBe(expected);
    expect(out).not.toMatch(DANGEROUS);
  });

  it.each([
    ['tab\tx.md', 'tab\\x09x.md'],
    ['tab x.md', 'tab x.md'],
    ['a\x1b[2J\nb.md', 'a\\x1b[2J\\x0ab.md'],
    ['caf\u00e9.md', 'caf\u00e9.md'],
    ['cafe\u0301.md', 'cafe\\u0301.md'],
    ['Vi\u1ec7t.md', 'Vi\u1ec7t.md'],
    ['Vie\u0323\u0302t.md', 'Vie\\u0323\\u0302t.md'],
    ['a\u00a0b.md', 'a\\xa0b.md'],
    ['sh\u00ady.md', 'sh\\xady.md'],
    ['a\u2009b\u3000c\u202fd.md', 'a\\u2009b\\u3000c\\u202fd.md'],
    ['x\u{E0041}\u{E007F}.md', 'x\\u{e0041}\\u{e007f}.md'],
    ['a\ufff9b.md', 'a\\ufff9b.md'],
    ['日本 😀 — “ok”.md', '日本 😀 — “ok”.md'],
    // Only what NFC changes is written out: Hangul as macOS writes it, the Ångström sign, a
    // decomposed name beside a composed one in another folder.
    ['\u1112\u1161\u11ab.md', '\u1112\\u1161\\u11ab.md'],
    ['\u212b.md', '\\u212b.md'],
    ['\u0939\u093f\u0928\u094d\u0926\u0940/cafe\u0301.md', '\u0939\u093f\u0928\u094d\u0926\u0940/cafe\\u0301.md'],
    // Invisible characters in a name: a joiner, a variation selector, a deprecated format character, the braille blank.
    ['a\u200db.md', 'a\\u200db.md'],
    ['cafe\ufe0f.md', 'cafe\\ufe0f.md'],
    ['a\u206ab.md', 'a\\u206ab.md'],
    ['a\u2800b.md', 'a\\u2800b.md'],
    ['a\u1680b.md', 'a\\u1680b.md'],
    // An emoji sequence stays one emoji; a non-joiner between letters stays (Persian spells with it).
    ['\u{1F469}\u200d\u{1F4BB} \u2764\ufe0f.md', '\u{1F469}\u200d\u{1F4BB} \u2764\ufe0f.md'],
    ['\u0646\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645.md', '\u0646\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645.md'],
    ['ab\u200c.md', 'ab\\u200c.md'],
    // Only where they make what shows: not a non-joiner in Latin, a joiner after the last
    // pictograph, a second variation selector; a keycap keeps its selector, Devanagari its non-joiner.
    ['a\u200cb.md', 'a\\u200cb.md'],
    ['\u{1F600}\u200d.md', '\u{1F600}\\u200d.md'],
    ['\u2764\ufe0f\ufe0f.md', '\u2764\ufe0f\\ufe0f.md'],
    ['1\ufe0f\u20e3 list.md', '1\ufe0f\u20e3 list.md'],
    ['\u0915\u094d\u200c\u0937.md', '\u0915\u094d\u200c\u0937.md'],
    // Persian after a vowel mark, Sinhala's joiner, a joiner after an escaped selector.
    ['\u0645\u064e\u200c\u0647.md', '\u0645\u064e\u200c\u0647.md'],
    ['\u0dc1\u0dca\u200d\u0dbb\u0dd3.md', '\u0dc1\u0dca\u200d\u0dbb\u0dd3.md'],
    ['a\ufe0f\u200d\u{1F600}.md', 'a\\ufe0f\\u200d\u{1F600}.md'],
    ['\u2764\ufe0f\u200d\u{1F525}.md', '\u2764\ufe0f\u200d\u{1F525}.md'],
  ])('sanitizePathForTerminal: %j → %j (a tab and a space never look alike in a file name)', (input, expected) => {
    expect(sanitizePathForTerminal(input)).toBe(expected);
  });

  it('escapes what NFC changes in one pass over a long text (no quadratic grapheme segmentation)', () => {
    const long = 'cafe\u0301 '.repeat(50_000);
    const shown = escapeNotNfc(long);
    expect(shown).toBe('cafe\\u0301 '.repeat(50_000));
  });

  it.each([
    ['::stop-commands::tok.md', './::stop-commands::tok.md'],
    ['::error title=x::y/a.md', './::error title=x::y/a.md'],
    // The runner trims leading whitespace before it looks for `::`.
    [' ::error::lead.md', './ ::error::lead.md'],
    // A space-like character in a name is written as its escape, so the line does not begin with `::`.
    ['\u00a0::warning::nbsp.md', '\\xa0::warning::nbsp.md'],
    ['\u3000::warning::ideographic.md', '\\u3000::warning::ideographic.md'],
    ['\u2028::warning::ls.md', '\\u2028::warning::ls.md'],
    // The guard itself, for a path with spaces the runner trims before the command.
    ['\t::warning::tab.md', '\\x09::warning::tab.md'],
    ['  ::warning::spaces.md', './  ::warning::spaces.md'],
    [':one.md', ':one.md'],
    ['news/::x.md', 'news/::x.md'],
    ['/abs/::x.md', '/abs/::x.md'],
    ['tab\t::x.md', 'tab\\x09::x.md'],
  ])('sanitizeLeadingPath: %j → %j (no path that begins a line starts a GitHub Actions command)', (input, expected) => {
    expect(sanitizeLeadingPath(input)).toBe(expected);
    // Elsewhere (inside messages, quoted) a path is written as it is.
    expect(sanitizePathForTerminal(input)).toBe(expected.replace(/^\.\//, ''));
  });

  it.each([
    ['a\nb', 'a\nb'],
    ['a\r\nb', 'a\nb'],
    ['a\rb', 'a\\x0db'],
    ['a\x1b[31mred\nb', 'a\\x1b[31mred\nb'],
  ])('keepNewlines: %j → %j', (input, expected) => {
    expect(sanitizeForTerminal(input, { keepNewlines: true })).toBe(expected);
  });

  it('escapes every dangerous code point', () => {
    let all = '';
    for (let cp = 0; cp <= 0x2069; cp++) if (DANGEROUS.test(String.fromCharCode(cp))) all += String.fromCharCode(cp);
    expect(sanitizeForTerminal(all)).not.toMatch(DANGEROUS);
    expect(sanitizeForTerminal(all, { keepNewlines: true }).replace(/\n/g, '')).not.toMatch(DANGEROUS);
  });

  it('returns clean strings unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const out = sanitizeForTerminal(s);
        expect(out).not.toMatch(DANGEROUS);
        if (!DANGEROUS.test(s)) expect(out).toBe(s);
      }),
      { numRuns: 300, seed: FUZZ_SEED },
    );
  });
});

describe('displayWidth', () => {
  it.each([
    ['', 0],
    ['hello', 5],
    ['café', 4],
    ['cafe\u0301', 4],
    ['日本語', 6],
    ['ｆｕｌｌ', 8],
    ['한국', 4],
    ['😀', 2],
    ['👩‍💻', 2],
    ['👨‍👩‍👧‍👦', 2],
    ['🇫🇷', 2],
    ['❤️', 2],
    ['❤', 1],
    ['1️⃣', 2],
    ['𝐀𝐁', 2],
    ['Привет', 6],
    ['a\u200Bb', 2],
    // Terminals draw a soft hyphen as a hyphen (wcwidth 1): a table that counted it 0 ran wide.
    ['Bundes\u00adverfassungs\u00adgericht', 26],
    ['\u00ad', 1],
  ])('%j is %i columns', (s, width) => {
    expect(displayWidth(s)).toBe(width);
  });
});

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('truncate', () => {
  it.each([
    ['hello world', 20, 'hello world'],
    ['hello world', 11, 'hello world'],
    ['hello world', 10, 'hello wor…'],
    ['hello', 1, '…'],
    ['hello', 0, ''],
    ['hello', -3, ''],
    ['日本語のテキスト', 7, '日本語…'],
    ['日本語のテキスト', 8, '日本語…'],
    ['😀😀😀', 4, '😀…'],
    ['a👩‍💻b', 3, 'a…'],
    ['cafe\u0301 noir', 5, 'cafe\u0301…'],
    ['𝐀𝐁𝐂', 2, '𝐀…'],
  ])('%j at %i → %j', (s, width, expected) => {
    const out = truncate(s, width);
    expect(out).toBe(expected);
    expect(displayWidth(out)).toBeLessThanOrEqual(Math.max(0, width));
  });

  it('never splits a surrogate pair and never exceeds the width', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.integer({ min: 0, max: 20 }), (s, width) => {
        const out = truncate(s, width);
        expect(LONE_SURROGATE.test(out)).toBe(LONE_SURROGATE.test(s));
        expect(displayWidth(out)).toBeLessThanOrEqual(width);
        if (displayWidth(s) <= width) expect(out).toBe(s);
      }),
      { numRuns: 300, seed: FUZZ_SEED },
    );
  });
});

// Realistic correct text: words in many scripts, with the punctuation that can touch a word.
// Left out on purpose, as known ambiguities the repair resolves towards mojibake: a word ending in
// Ã, Â, â, Ä or Å directly followed by a symbol (`IRMÃ™`, `PÅ…`; a capital Ã or Â after a capital,
// before closing punctuation, is read as correct: `IRMÃ”`, see CORRECT), and two lone accented letters each
// glued to symbols on both sides (`à»—é…—`).
const WORDS = [
  'news', 'AI', 'open', 'source', '2023', 'café', 'CAFÉ', 'déjà', 'naïve', 'São', 'Paulo', 'Ærøskøbing',
  'Ångström', 'Straße', 'Fuß', 'JOSÉ', 'ÉTÉ', 'Zürich', 'Wrocław', 'się', 'są', 'fő', 'Škoda',
  'međunarodni', 'cœur', 'Øresund', 'Þingvellir', 'İstanbul', 'Iași', '½', '©2023', '20°C', '€5',
  '日本語', '中文', '東京', '한국어', 'こんにちは', '😀', '👩‍💻', '👨‍👩‍👧‍👦', '🇫🇷', '❤️', '𝐀𝐁', '𝑥²',
  'Привет', 'мир', 'в', 'Київ', 'Γειά', 'σου', 'مرحبا', 'שלום', 'हिन्दी',
];
const BEFORE = ['', '', '', '“', '«', '«\u00A0', '„', '‘', '(', '¿', '¡'];
const AFTER = ['', '', '', '’', '”', '“', '»', '…', '’s', '”»', '…”', '’»', '\u00A0»', '™', '®', '.', ','];
const BETWEEN = [' ', ' ', '\u00A0', ' — ', '—', ' – ', ' / '];

const correctText = fc
  .array(
    fc.tuple(fc.constantFrom(...BEFORE), fc.constantFrom(...WORDS), fc.constantFrom(...AFTER), fc.constantFrom(...BETWEEN)),
    { minLength: 1, maxLength: 8 },
  )
  .map((parts) => parts.map(([b, w, a, sep], i) => (i === 0 ? '' : sep) + b + w + a).join(''));

describe('repairMojibake properties', () => {
  it('leaves correct text unchanged', () => {
    fc.assert(
      fc.property(correctText, (s) => {
        expect(repairMojibake(s)).toBe(s);
      }),
      { numRuns: 300, seed: FUZZ_SEED },
    );
  });

  it('undoes UTF-8 read as Windows-1252, as Latin-1, and twice', () => {
    fc.assert(
      fc.property(correctText, (s) => {
        fc.pre(!onlyAmbiguousDamage(s));
        expect(repairMojibake(asWindows1252(s))).toBe(s);
        expect(repairMojibake(asLatin1(s))).toBe(s);
        expect(repairMojibake(asWindows1252(asWindows1252(s)))).toBe(s);
      }),
      { numRuns: 300, seed: FUZZ_SEED },
    );
  });

  it('leaves text whose lead letters (Â…ô) are followed by no continuation symbol unchanged', () => {
    // Real Latin text is full of the letters that start UTF-8 mojibake (SÃO PAULO, Ângela, côté):
    // without a Windows-1252 continuation symbol after one, nothing is damage.
    const lead = fc.integer({ min: 0xc2, max: 0xf4 }).map((code) => String.fromCharCode(code));
    const plain = fc.stringMatching(/^[A-Za-z0-9 .,'-]{0,8}$/);
    const fragment = fc.oneof(plain, fc.tuple(lead, fc.stringMatching(/^[A-Za-z0-9 .,]?$/)).map(([letter, next]) => letter + next));
    let withLead = 0;
    fc.assert(
      fc.property(fc.array(fragment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')), (s) => {
        if (/[\u00C2-\u00F4]/.test(s)) withLead++;
        expect(repairMojibake(s)).toBe(s);
      }),
      { numRuns: 300, seed: FUZZ_SEED },
    );
    expect(withLead).toBeGreaterThan(100);
  });
});

describe('sliceWhole', () => {
  it.each([
    ['a😀b', 0, 2, 'a😀'],
    ['a😀b', 2, 4, '😀b'],
    ['a😀b', 1, 3, '😀'],
    ['abc', 1, 2, 'b'],
    ['😀', 0, 1, '😀'],
  ])('%j [%i, %i) → %j', (text, start, end, expected) => {
    expect(sliceWhole(text, start, end)).toBe(expected);
  });
});
