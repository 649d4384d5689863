import { describe, expect, it } from 'vitest';
import { splitCommanderError } from '../../src/cli.js';

describe('splitCommanderError', () => {
  it.each([
    ["error: unknown option '--limt'\n(Did you mean --limit?)\n", "unknown option '--limt'", '\n(Did you mean --limit?)'],
    ["error: unknown option '--x'\n", "unknown option '--x'", undefined],
    ["error: missing required argument 'ref'", "missing required argument 'ref'", undefined],
    // A "Did you mean" inside what was typed is no hint.
    ["error: unknown option '--a\n(Did you mean --b?) c'\n", "unknown option '--a\n(Did you mean --b?) c'", undefined],
  ])('%j', (text, message, hint) => {
    expect(splitCommanderError(text)).toEqual({ message, hint });
  });

  it('reads a message of 200,000 spaces in linear time', () => {
    const spaces = ' '.repeat(200_000);
    expect(splitCommanderError(`error: unknown option '--x${spaces}y'\n${spaces}`).message).toBe(`unknown option '--x${spaces}y'`);
    expect(splitCommanderError(`error: ${'\n'.repeat(100_000)}x ${' \t'.repeat(100_000)}`).message).toBe(`${'\n'.repeat(100_000)}x`);
  });
});
