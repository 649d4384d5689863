// Glob text: wildcards, and literal paths written inside patterns.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeGlob, hasWildcard, isGlobPattern, unescapeGlob } from '../../src/io/glob-text.js';
import { compileGlob } from '../../src/io/walk.js';
import { FUZZ_SEED } from '../fuzz/budget.js';

describe('hasWildcard', () => {
  it.each<[string, boolean]>([
    ['a.md', false],
    ['*.md', true],
    ['a?.md', true],
    ['[ab].md', true],
    ['{a,b}.md', true],
    ['we\\[ir\\]d', false],
    ['a\\*.md', false],
    ['a\\\\*.md', true],
    ['a\\', false],
    ['a[b', false],
    ['a[b]', true],
    ['a[b/c]', false],
    ['a]b}', false],
  ])('%s: %s', (glob, expected) => {
    expect(hasWildcard(glob)).toBe(expected);
  });
});

describe('escapeGlob', () => {
  const name = fc.string({ unit: fc.constantFrom('a', 'b', '.', '/', '*', '?', '[', ']', '{', '}', ',', '!', '\\', '-') });

  it('writes any literal path as a glob that matches exactly it, and nothing like it', () => {
    fc.assert(
      fc.property(name, name, (literal, other) => {
        const glob = escapeGlob(literal);
        expect(hasWildcard(glob)).toBe(false);
        expect(unescapeGlob(glob)).toBe(literal);
        const matcher = compileGlob(glob, { dot: true });
        expect(matcher.test(literal)).toBe(true);
        expect(matcher.test(other)).toBe(other === literal);
      }),
      { numRuns: 2000, seed: FUZZ_SEED },
    );
  });

  it('escapes only what a glob reads specially', () => {
    expect(escapeGlob('we[ir]d/a*b?{c,d}\\e.md')).toBe('we\\[ir\\]d/a\\*b\\?\\{c,d\\}\\\\e.md');
    expect(escapeGlob('/tmp/plain-name')).toBe('/tmp/plain-name');
    expect(isGlobPattern(escapeGlob('we[ir]d'))).toBe(true);
  });
});
