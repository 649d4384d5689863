import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/commands/progress.js';
import { plural } from '../../src/commands/shared.js';

function fakeStderr(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (text: string) => written.push(text) } as never };
}

describe('Progress', () => {
  it('draws a counter on a terminal once the run is long, throttled, and clears it', () => {
    const { written, stream } = fakeStderr(true);
    let now = 0;
    const progress = new Progress({ stderr: stream, env: {} }, 'files', () => now);
    for (let i = 0; i < 100; i++) progress.tick();
    expect(written).toEqual([]);
    now = 600;
    progress.tick();
    progress.tick();
    expect(written).toEqual(['\r\x1b[Kfeedtool: 101 files read…']);
    now = 750;
    progress.tick();
    expect(written).toHaveLength(2);
    progress.done();
    expect(written.at(-1)).toBe('\r\x1b[K');
  });

  it.each([
    ['not a terminal', false, {}],
    ['CI', true, { CI: 'true' }],
    ['a dumb terminal', true, { TERM: 'dumb' }],
  ])('stays silent when stderr is %s', (_name, isTTY, env) => {
    const { written, stream } = fakeStderr(isTTY);
    let now = 0;
    const progress = new Progress({ stderr: stream, env }, 'files', () => now);
    for (let i = 0; i < 50; i++) {
      now += 100;
      progress.tick();
    }
    progress.done();
    expect(written).toEqual([]);
  });
});

describe('plural', () => {
  it.each([
    [0, 'article', '0 articles'],
    [1, 'article', '1 article'],
    [999, 'file', '999 files'],
    [20000, 'article', '20,000 articles'],
    [1234567, 'problem', '1,234,567 problems'],
  ])('%i %s → %s', (count, word, expected) => {
    expect(plural(count, word)).toBe(expected);
  });

  it('takes an irregular plural', () => {
    expect(plural(3, 'story', 'stories')).toBe('3 stories');
  });
});
