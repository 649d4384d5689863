import { describe, expect, it } from 'vitest';
import { colourEnabled } from '../../src/commands/context.js';

describe('colourEnabled', () => {
  it.each<[string, Record<string, string>, boolean, boolean]>([
    ['a terminal', {}, true, true],
    ['a pipe', {}, false, false],
    ['NO_COLOR on a terminal', { NO_COLOR: '1' }, true, false],
    ['NO_COLOR empty counts as unset (no-color.org)', { NO_COLOR: '' }, true, true],
    ['TERM=dumb', { TERM: 'dumb' }, true, false],
    ['FORCE_COLOR=1 in a pipe', { FORCE_COLOR: '1' }, false, true],
    ['FORCE_COLOR=3 in a pipe', { FORCE_COLOR: '3' }, false, true],
    ['FORCE_COLOR=true', { FORCE_COLOR: 'true' }, false, true],
    ['FORCE_COLOR empty is on, as Node reads it', { FORCE_COLOR: '' }, false, true],
    ['FORCE_COLOR=0 on a terminal', { FORCE_COLOR: '0' }, true, false],
    ['FORCE_COLOR=false on a terminal', { FORCE_COLOR: 'false' }, true, false],
    ['FORCE_COLOR beats NO_COLOR', { FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
    ['FORCE_COLOR beats TERM=dumb', { FORCE_COLOR: '1', TERM: 'dumb' }, false, true],
  ])('%s', (_name, env, isTTY, expected) => {
    expect(colourEnabled({ isTTY }, env)).toBe(expected);
  });
});
