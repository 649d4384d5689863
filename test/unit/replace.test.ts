// replaceAllSafely: the same result as String.replace, also on text long enough to take the safe path.
import { describe, expect, it } from 'vitest';
import { replaceAllSafely } from '../../src/core/replace.js';

describe('replaceAllSafely', () => {
  const control = /[\x80-\x9f]/g;
  const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

  it.each([
    ['short text', 'a\u0085b\u0080\u009f', 'a\\u0085b\\u0080\\u009f'],
    ['no match', 'plain', 'plain'],
    ['empty', '', ''],
  ])('%s: as String.replace', (_name, text, expected) => {
    expect(replaceAllSafely(text, control, escape)).toBe(expected);
  });

  it('text over 8 million characters, one match in eight: match by match, the same result', () => {
    const text = 'abcdefg\u0085'.repeat(1_100_000) + 'tail';
    expect(text.length).toBeGreaterThan(8 * 1024 * 1024);
    const safe = replaceAllSafely(text, control, escape);
    expect(safe).toBe(text.replace(control, escape));
    expect(safe.endsWith('abcdefg\\u0085tail')).toBe(true);
  });

  it('refuses a pattern without the g flag (it would never end), and moves past empty matches', () => {
    expect(() => replaceAllSafely('x'.repeat(9_000_000), /x/, () => '')).toThrow(TypeError);
    const long = `${'ab'.repeat(4_500_000)}😀`;
    expect(replaceAllSafely(long, /(?:)/gu, () => '-')).toBe(long.replace(/(?:)/gu, '-'));
  });

  it('passes the groups to the replacement, and leaves the pattern ready for its next use', () => {
    const escapes = /(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g;
    const text = `${'x\\\\ud800 \\ud800 '.repeat(600_000)}end`;
    expect(text.length).toBeGreaterThan(8 * 1024 * 1024);
    const safe = replaceAllSafely(text, escapes, (_escape, backslashes) => `${backslashes}\\ufffd`);
    expect(safe).toBe(text.replace(escapes, '$1\\ufffd'));
    expect(escapes.lastIndex).toBe(0);
    expect(replaceAllSafely('\\ud800', escapes, () => 'X')).toBe('X');
  });
});
