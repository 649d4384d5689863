import { describe, it, expect } from 'vitest';
import { decodeBytes } from '../../src/core/decode.js';

const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];
const utf16le = (s: string): number[] => [...Buffer.from(s, 'utf16le')];
const utf16be = (s: string): number[] => {
  const le = Buffer.from(s, 'utf16le');
  const out: number[] = [];
  for (let i = 0; i < le.length; i += 2) out.push(le[i + 1]!, le[i]!);
  return out;
};

describe('decodeBytes', () => {
  it.each([
    ['empty', [], '', 'utf-8'],
    ['ASCII', utf8('title: hello\n'), 'title: hello\n', 'utf-8'],
    ['UTF-8 unchanged', utf8('Café 日本 😀 “q” — Привет'), 'Café 日本 😀 “q” — Привет', 'utf-8'],
    ['UTF-8 BOM stripped', [0xef, 0xbb, 0xbf, ...utf8('---\ntitle: é\n')], '---\ntitle: é\n', 'utf-8'],
    ['only the leading BOM is stripped', [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61], '\uFEFFa', 'utf-8'],
    ['UTF-16LE with BOM', [0xff, 0xfe, ...utf16le('Café 😀\n')], 'Café 😀\n', 'utf-16le'],
    ['UTF-16BE with BOM', [0xfe, 0xff, ...utf16be('Café 😀\n')], 'Café 😀\n', 'utf-16be'],
    ['UTF-16LE BOM only', [0xff, 0xfe], '', 'utf-16le'],
    ['cp1252 right quote 0x92', [0x64, 0x6f, 0x6e, 0x92, 0x74], 'don’t', 'windows-1252'],
    ['cp1252 quotes, dashes, euro', [0x93, 0x71, 0x94, 0x20, 0x96, 0x20, 0x97, 0x20, 0x80, 0x35, 0x85], '“q” – — €5…', 'windows-1252'],
    ['Latin-1 letters', [0x63, 0x61, 0x66, 0xe9, 0x20, 0x53, 0xe3, 0x6f, 0x20, 0xc6, 0xf8], 'café São Æø', 'windows-1252'],
    ['cp1252 undefined bytes keep their C1 code point', [0x81, 0x8d, 0x8f, 0x90, 0x9d], '\u0081\u008D\u008F\u0090\u009D', 'windows-1252'],
    ['cp1252 letters 0x8A 0x9A 0x9F', [0x8a, 0x9a, 0x9f, 0x8c, 0x9c], 'ŠšŸŒœ', 'windows-1252'],
    ['truncated UTF-8 sequence', [0x61, 0xe2, 0x80], 'aâ€', 'windows-1252'],
    ['overlong UTF-8', [0xc0, 0xaf], 'À¯', 'windows-1252'],
    ['UTF-8 BOM then invalid UTF-8', [0xef, 0xbb, 0xbf, 0xe9], 'é', 'windows-1252'],
  ] as const)('%s', (_name, bytes, text, encoding) => {
    expect(decodeBytes(Uint8Array.from(bytes))).toEqual({ ok: true, text, encoding });
  });

  it.each([
    ['NUL in ASCII', [0x61, 0x00, 0x62]],
    ['NUL after a UTF-8 BOM', [0xef, 0xbb, 0xbf, 0x00]],
    ['NUL in cp1252', [0x92, 0x00]],
    ['PNG header', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]],
    ['UTF-16LE without BOM', utf16le('abc')],
    ['UTF-16LE text containing U+0000', [0xff, 0xfe, 0x61, 0x00, 0x00, 0x00]],
    ['UTF-32LE BOM', [0xff, 0xfe, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00]],
  ])('%s is binary', (_name, bytes) => {
    expect(decodeBytes(Uint8Array.from(bytes))).toEqual({ ok: false, reason: 'binary' });
  });

  it('decodes a view into a larger buffer by its own range', () => {
    const backing = Uint8Array.from([0x00, 0x63, 0x61, 0x66, 0xe9, 0x00]);
    expect(decodeBytes(backing.subarray(1, 5))).toEqual({ ok: true, text: 'café', encoding: 'windows-1252' });
  });

  it('maps every cp1252 byte the same as the reference table', () => {
    const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
    const bytes = Uint8Array.from({ length: 255 }, (_, i) => i + 1);
    const expected = Array.from(bytes, (b) => (b >= 0x80 && b < 0xa0 ? high.charAt(b - 0x80) : String.fromCharCode(b))).join('');
    expect(decodeBytes(bytes)).toEqual({ ok: true, text: expected, encoding: 'windows-1252' });
  });

  it('handles a large UTF-8 input', () => {
    const text = 'Café — 日本 😀\n'.repeat(200_000);
    const result = decodeBytes(new TextEncoder().encode(text));
    expect(result.ok && result.text === text && result.encoding).toBe('utf-8');
  });
});
