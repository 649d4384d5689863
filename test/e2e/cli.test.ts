// The executable itself: version (answered without loading the command table), help, unknown commands.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('feedtool (no command)', () => {
  it.each([['--version'], ['-V'], ['--version', '--help'], ['list', '--version']])('%s prints the package version and exits 0', async (...args) => {
    const result = await runCli(args);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--help lists every command on stdout and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['list', 'show', 'validate', 'rank']) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('an unknown command is a usage error: one line on stderr, exit 2', async () => {
    const result = await runCli(['frobnicate']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/^feedtool: unknown command 'frobnicate'/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
