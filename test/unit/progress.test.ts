import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/commands/progress.js';

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
