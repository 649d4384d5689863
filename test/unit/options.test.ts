// Option parsing that is plain data: lists of names for --topic and --provider.
import { describe, expect, it } from 'vitest';
import { collectList, splitNames } from '../../src/commands/options.js';

describe('splitNames', () => {
  it.each([
    ['AI', ['AI']],
    ['AI, Robotics ,,', ['AI', 'Robotics']],
    ['Smith\\, Jones & Co', ['Smith, Jones & Co']],
    ['Smith\\, Jones,Law\\, Policy', ['Smith, Jones', 'Law, Policy']],
    ['back\\\\,slash', ['back\\', 'slash']],
    ['a\\b', ['a\\b']],
    ['trailing\\', ['trailing\\']],
    [' , ', []],
  ])('%j → %j', (value, names) => {
    expect(splitNames(value)).toEqual(names);
  });

  it('collectList adds to what came before and refuses a value with no name', () => {
    expect(collectList('b\\, c', ['a'])).toEqual(['a', 'b, c']);
    expect(() => collectList(' , ', undefined)).toThrow(/an empty value would match every article/);
  });
});
