// The executable itself: version (answered without loading the command table), help, unknown commands.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, makeTree, removeTree, runCli } from '../helpers.js';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('feedtool (no command)', () => {
  it.each([['--version'], ['-V'], ['--version', '--help'], ['list', '--version'], ['validate', '-V']])('%s prints the package version and exits 0', async (...args) => {
    const result = await runCli(args);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.each([['--search'], ['--provider'], ['--topic']])('takes -V and --version after %s as its value, not as a request for the version', async (option) => {
    for (const word of ['-V', '--version']) {
      const result = await runCli(['list', 'fixtures/_news', option, word, '--format', 'json']);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual([]);
    }
  });

  it('keeps -V out of each command\'s help', async () => {
    for (const command of ['list', 'show', 'validate', 'rank']) expect((await runCli([command, '--help'])).stdout).not.toContain('--version');
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

  it.each<[string[], string]>([
    [['lsit'], "feedtool: unknown command 'lsit'\n(Did you mean list?) (see --help)\n"],
    [['help', 'lsit'], "feedtool: unknown command 'lsit'\n(Did you mean list?) (see --help)\n"],
    [['list', '--limt', '3'], "feedtool: unknown option '--limt'\n(Did you mean --limit?) (see --help)\n"],
    [['list', '--li\u001bmt'], "feedtool: unknown option '--li\\x1bmt'\n(Did you mean --limit?) (see --help)\n"],
  ])('a mistyped %j gets a "Did you mean" line of its own, what was typed escaped', async (args, stderr) => {
    expect(await runCli(args)).toMatchObject({ code: 2, stdout: '', stderr });
  });

  it.each([[['help']], [['help', 'list']], [['help', 'validate']], [['help', 'help']]])('%j prints help on stdout and exits 0, as --help does', async (args) => {
    const result = await runCli(args);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Usage: feedtool /);
    if (args[1] === 'list') expect(result.stdout).toMatch(/^Usage: feedtool list /);
  });

  it.skipIf(process.platform === 'win32')('a current folder deleted under it is a clear message (exit 2), not an internal error', () => {
    const dir = makeTree({ 'x.md': '' });
    const gone = path.join(dir, 'gone');
    // With --ignore too, whose pattern is read (against the current folder) as the options are.
    const script = 'mkdir "$1" && cd "$1" && rmdir "$1" && shift && exec "$@"';
    for (const extra of [[], ['--ignore', '_drafts']]) {
      const args = [process.execPath, BIN, 'list', path.join(dir, 'x.md'), '--no-cache', ...extra];
      const run = spawnSync('sh', ['-c', script, 'sh', gone, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(run.stderr, extra.join(' ')).toBe('feedtool: the current folder no longer exists (deleted or moved away): cd to another and run again\n');
      expect(run.status, extra.join(' ')).toBe(2);
    }
    removeTree(dir);
  });

  it('no command at all shows the help on stderr and exits 2', async () => {
    const result = await runCli([]);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/^Usage: feedtool /);
  });
});

describe('modules loaded', () => {
  // A resolve hook (registered through NODE_OPTIONS) writes down every module the CLI loads.
  async function modulesLoaded(args: string[], env: Record<string, string | undefined>): Promise<string[]> {
    const dir = makeTree({
      'hooks.mjs': [
        "import { appendFileSync } from 'node:fs';",
        'export async function resolve(specifier, context, next) {',
        '  const resolved = await next(specifier, context);',
        "  appendFileSync(process.env.FEEDTOOL_TEST_TRACE, resolved.url + '\\n');",
        '  return resolved;',
        '}',
      ].join('\n'),
      'register.mjs': "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n",
    });
    try {
      const trace = path.join(dir, 'trace.txt');
      writeFileSync(trace, '');
      const result = await runCli(args, {
        env: { ...env, FEEDTOOL_TEST_TRACE: trace, NODE_OPTIONS: `--import=${pathToFileURL(path.join(dir, 'register.mjs')).href}` },
      });
      expect(result.code).toBe(0);
      return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
    } finally {
      removeTree(dir);
    }
  }

  it('chalk loads only for coloured output, never for JSON', async () => {
    const json = await modulesLoaded(['list', 'fixtures/_news', '--format', 'json', '--no-cache'], {});
    expect(json.some((url) => url.includes('/dist/cli.js'))).toBe(true);
    expect(json.filter((url) => url.includes('/chalk/'))).toEqual([]);
    const coloured = await modulesLoaded(['list', 'fixtures/_news', '--no-cache'], { NO_COLOR: undefined, FORCE_COLOR: '1' });
    expect(coloured.some((url) => url.includes('/chalk/'))).toBe(true);
  });
});

describe('standard input that is a directory', () => {
  // A path given that names no file fails list, rank and validate with 2; show, which names one article, with 1.
  it.each([
    ['list', 2],
    ['show', 1],
    ['validate', 2],
    ['rank', 2],
  ])('%s - < dir says so, as for a path given that names no file, instead of reading it as empty text', (command, code) => {
    const dir = makeTree({});
    const fd = openSync(dir, 'r');
    try {
      const run = spawnSync(process.execPath, [BIN, command, '-', '--format', command === 'validate' ? 'unix' : 'json'], { stdio: [fd, 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
      expect(run.status).toBe(code);
      expect(`${run.stdout}${run.stderr}`).toContain('standard input is a directory: expected the text of an article');
      expect(`${run.stdout}${run.stderr}`).not.toContain('no front matter');
    } finally {
      closeSync(fd);
      removeTree(dir);
    }
  });
});
