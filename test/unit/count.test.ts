import { describe, expect, it } from 'vitest';
import { groupDigits } from '../../src/core/count.js';

describe('groupDigits', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1,000'],
    [20000, '20,000'],
    [100000, '100,000'],
    [1234567, '1,234,567'],
    [-1234, '-1,234'],
    [268435456, '268,435,456'],
  ])('%d is written %s', (count, text) => {
    expect(groupDigits(count)).toBe(text);
  });

  it('writes every integer as toLocaleString("en") does', () => {
    for (let count = -2100; count <= 2100; count += 7) expect(groupDigits(count)).toBe(count.toLocaleString('en'));
    for (let digits = 1; digits <= 16; digits++) {
      const count = Number('9'.repeat(digits)) > Number.MAX_SAFE_INTEGER ? Number.MAX_SAFE_INTEGER : Number('9'.repeat(digits));
      expect(groupDigits(count)).toBe(count.toLocaleString('en'));
    }
  });

  it('leaves what is not a safe integer to toLocaleString', () => {
    expect(groupDigits(1.5)).toBe('1.5');
    expect(groupDigits(2 ** 60)).toBe((2 ** 60).toLocaleString('en'));
  });
});
