import { spawnSync } from 'node:child_process';
import { closeSync, constants, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Progress, writesToPipe } from '../../src/commands/progress.js';
import { makeTree, removeTree } from '../helpers.js';
import { plural } from '../../src/commands/shared.js';

function fakeStderr(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (text: string) => written.push(text) } as never };
}

describe('Progress', () => {
  it('draws a counter on a terminal once the run is long, throttled, and clears it', () => {
    const { written, stream } = fakeStderr(true);
    let now = 0;
    const progress = new Progress({ stderr: stream, env: {} }, 'file', () => now);
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
    const progress = new Progress({ stderr: stream, env }, 'file', () => now);
    for (let i = 0; i < 50; i++) {
      now += 100;
      progress.tick();
    }
    progress.done();
    expect(written).toEqual([]);
  });
});

describe('Progress beside a pipe', () => {
  it('says 1 file, not 1 files', () => {
    const { written, stream } = fakeStderr(true);
    let now = 0;
    const progress = new Progress({ stderr: stream, env: {} }, 'file', () => now);
    now = 600;
    progress.tick();
    expect(written).toEqual(['\r\x1b[Kfeedtool: 1 file read…']);
    now = 800;
    progress.tick();
    expect(written.at(-1)).toBe('\r\x1b[Kfeedtool: 2 files read…');
  });

  it('stays silent when stdout is a pipe (a pager may share the terminal), draws when it is a file', () => {
    const dir = makeTree({});
    const fifo = path.join(dir, 'fifo');
    spawnSync('mkfifo', [fifo]);
    // Read and write: opening a FIFO so does not wait for the other end (Linux).
    const pipeFd = openSync(fifo, constants.O_RDWR);
    const file = path.join(dir, 'out.json');
    writeFileSync(file, '');
    const fileFd = openSync(file, 'w');
    try {
      expect(writesToPipe({ fd: pipeFd })).toBe(true);
      expect(writesToPipe({ fd: fileFd })).toBe(false);
      expect(writesToPipe({})).toBe(false);
      for (const [fd, draws] of [[pipeFd, false], [fileFd, true]] as const) {
        const { written, stream } = fakeStderr(true);
        let now = 0;
        const progress = new Progress({ stderr: stream, stdout: { fd }, env: {} }, 'file', () => now);
        now = 1000;
        progress.tick();
        expect(written.length > 0, String(draws)).toBe(draws);
      }
    } finally {
      closeSync(pipeFd);
      closeSync(fileFd);
      removeTree(dir);
    }
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
