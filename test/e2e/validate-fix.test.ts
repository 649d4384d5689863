// `validate --fix` / `--fix-dry-run` run as the built CLI: what is rewritten, what is left, what is never touched.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { article, BIN, describeShared, makeTree, removeTree, runCli, SHARED_CORPUS } from '../helpers.js';

let dir: string;

const url = (name: string) => `"https://news.example.test/${name}"`;
const MESSY = article({ title: '"The  model doesnâ€™t &amp; won\'t"', excerpt: '>-\n  Folded   excerpt\n  &quot;quoted&quot;', webUrl: url('messy') }, 'Body   &amp; kept.\n');
const CLEAN = article({ title: '"Clean title"', webUrl: url('clean') });

beforeEach(() => {
  dir = makeTree({
    'news/messy.md': MESSY,
    'news/clean.md': CLEAN,
    // An error (no date) and a fixable warning in one file: the error stays.
    'news/broken.md': article({ title: 'Broken  title', publishedDateTime: '<omit>', webUrl: url('broken') }),
  });
});
afterEach(() => removeTree(dir));

const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');

/** The JSON listing of the tree, each article's text-repair log left out. */
async function listing(root: string): Promise<unknown[]> {
  const run = await runCli(['list', root, '--format', 'json', '--sort', 'path', '--no-cache']);
  expect(run.code).toBe(0);
  const textKinds = new Set(['mojibake', 'html-entity', 'control-character', 'whitespace', 'unicode-nfc']);
  return (JSON.parse(run.stdout) as Array<{ fixes: Array<{ kind: string }> }>).map((record) => ({
    ...record,
    fixes: record.fixes.filter((fix) => !textKinds.has(fix.kind)),
  }));
}

describe('validate --fix', () => {
  it('rewrites the flagged text fields in place, reports what is left, and lists the same articles', async () => {
    const before = await listing(dir);
    const run = await runCli(['validate', 'news', '--fix', '--format', 'unix'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('feedtool: fixed 6 problems in 2 files');
    // Only the problem no fix can mend is reported.
    expect(run.stdout.trim().split('\n')).toEqual(['news/broken.md:2:1: error required-field publishedDateTime is missing: expected an ISO 8601 date-time, e.g. 2023-10-16T09:00:00Z']);
    expect(read('news/messy.md')).toBe(article({ title: '"The model doesn’t & won\'t"', excerpt: '"Folded excerpt \\"quoted\\""', webUrl: url('messy') }, 'Body   &amp; kept.\n'));
    expect(read('news/broken.md')).toContain('\ntitle: Broken title\n');
    expect(read('news/clean.md')).toBe(CLEAN);
    expect(await listing(dir)).toEqual(before);
    // No temporary file is left behind.
    expect(readdirSync(path.join(dir, 'news')).sort()).toEqual(['broken.md', 'clean.md', 'messy.md']);

    const again = await runCli(['validate', 'news', '--fix', '--format', 'unix'], { cwd: dir });
    expect(again.stderr).toContain('feedtool: nothing to fix');
    expect(again.stdout).toBe(run.stdout);
  });

  it('repairs listed topic names in place, and leaves a comma-separated list with its reason', async () => {
    const tree = makeTree({
      'a.md': article({ topics: '\n  - "AI &amp; ML"\n  - " Vision "\n  - CafÃ©', related: '\n  - title: R\n    topics: "X &amp; Y, Z"\n    webUrl: https://r.test/a' }),
    });
    try {
      const run = await runCli(['validate', 'a.md', '--fix', '--no-taxonomy', '--format', 'unix', '--rule', 'field-type=off'], { cwd: tree });
      expect(readFileSync(path.join(tree, 'a.md'), 'utf8')).toContain('\ntopics:\n  - "AI & ML"\n  - "Vision"\n  - Café\n');
      expect(run.stderr).toContain("feedtool: a.md: related[0].topics left as it is: a comma-separated topic list is not rewritten; write it as a list, or repair it by hand\n");
      expect(run.stdout.trim().split('\n')).toEqual(["a.md:14:13: warning html-entity related[0].topics: 'X &amp; Y, Z' contains HTML entities: expected 'X & Y, Z'"]);
    } finally {
      removeTree(tree);
    }
  });

  it('places cross-file problems (duplicate-url) where the values are after the fix, as a plain run then does', async () => {
    const tree = makeTree({
      // The folded excerpt becomes one line: the URL below it moves up three lines.
      'a/story.md': '---\ntitle: T\nexcerpt: |\n  one &amp;\n  two\n  three\npublishedDateTime: 2023-10-16T09:00:00Z\noriginalUrl: https://a.test/x\nprovider:\n  name: A\n---\n',
      'b/copy.md': '---\ntitle: U\npublishedDateTime: 2023-10-16T09:00:00Z\noriginalUrl: https://a.test/x\nprovider:\n  name: A\n---\n',
    });
    try {
      const unfixed = await runCli(['validate', '.', '--fix-dry-run', '--no-taxonomy', '--format', 'unix', '--rule', 'html-entity=off', '--rule', 'whitespace=off'], { cwd: tree });
      const dry = await runCli(['validate', '.', '--fix-dry-run', '--no-taxonomy', '--format', 'unix'], { cwd: tree });
      const fixed = await runCli(['validate', '.', '--fix', '--no-taxonomy', '--format', 'unix'], { cwd: tree });
      expect(readFileSync(path.join(tree, 'a/story.md'), 'utf8')).toContain('\noriginalUrl: https://a.test/x\n');
      const plain = await runCli(['validate', '.', '--no-taxonomy', '--format', 'unix'], { cwd: tree });
      expect(fixed.stdout).toBe(plain.stdout);
      expect(plain.stdout).toContain('a/story.md:5:14: error duplicate-url');
      // The dry run forecasts the same; with the fixing rules off it changes nothing, so the places are the file's own.
      expect(dry.stdout).toBe(plain.stdout);
      expect(unfixed.stdout).toContain('a/story.md:8:14: error duplicate-url');
    } finally {
      removeTree(tree);
    }
  });

  it('with --verbose, shows each field it rewrote with its old and new value', async () => {
    const run = await runCli(['validate', 'news', '--fix', '--verbose', '--format', 'unix'], { cwd: dir });
    expect(run.stderr).toContain('fixed news/messy.md:\n  title (mojibake, html-entity, whitespace): \'The  model doesnâ€™t &amp; won\'t\' -> \'The model doesn’t & won\'t\'\n');
  });

  it('--fix-dry-run writes nothing, says what it would change, and reports what would be left', async () => {
    const mtime = statSync(path.join(dir, 'news/messy.md')).mtimeMs;
    const run = await runCli(['validate', 'news', '--fix-dry-run', '--format', 'unix'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(read('news/messy.md')).toBe(MESSY);
    expect(statSync(path.join(dir, 'news/messy.md')).mtimeMs).toBe(mtime);
    expect(run.stderr).toContain('would fix news/messy.md:\n');
    expect(run.stderr).toContain('  excerpt (html-entity, whitespace): \'Folded   excerpt &quot;quoted&quot;\' -> \'Folded excerpt "quoted"\'');
    expect(run.stderr).toContain('feedtool: would fix 6 problems in 2 files (nothing written)');
    expect(run.stdout).not.toContain('whitespace');
    expect(run.stdout).toContain('required-field');
  });

  it('refuses --fix with --fix-dry-run as a usage error', async () => {
    const run = await runCli(['validate', 'news', '--fix', '--fix-dry-run'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--fix and --fix-dry-run cannot be used together');
    expect(read('news/messy.md')).toBe(MESSY);
  });

  it('fixes the file a symlink points to, keeping the link, the permission bits and a BOM', async () => {
    const real = path.join(dir, 'elsewhere.md');
    writeFileSync(real, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(article({ title: '"Linked  title"' }))]));
    chmodSync(real, 0o640);
    symlinkSync(real, path.join(dir, 'news', 'link.md'));
    const run = await runCli(['validate', 'news/link.md', '--fix'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(lstatSync(path.join(dir, 'news', 'link.md')).isSymbolicLink()).toBe(true);
    const bytes = readFileSync(real);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(article({ title: '"Linked title"' }));
    expect(statSync(real).mode & 0o777).toBe(0o640);
  });

  it('does not rewrite a file a link in the tree leads to outside the paths given, unless it is named', async () => {
    const outside = path.join(dir, 'outside.md');
    writeFileSync(outside, article({ title: '"Outside  file"' }));
    symlinkSync('../outside.md', path.join(dir, 'news', 'evil.md'));
    for (const args of [['news'], ['news/*.md'], ['./news/']]) {
      const run = await runCli(['validate', ...args, '--fix', '--format', 'unix'], { cwd: dir });
      expect(run.stderr, args[0]).toContain('feedtool: news/evil.md: not fixed: it is reached through a link that leads outside the paths given (to ');
      expect(read('outside.md'), args[0]).toBe(article({ title: '"Outside  file"' }));
      expect(run.stdout, args[0]).toMatch(/^news\/evil\.md:\d+:\d+: warning whitespace/m);
    }
    // The dry run says the same; inside the tree every other file is fixed.
    expect(read('news/messy.md')).not.toBe(MESSY);
    const dry = await runCli(['validate', 'news', '--fix-dry-run'], { cwd: dir });
    expect(dry.stderr).toContain('news/evil.md: not fixed: it is reached through a link that leads outside');
    // A folder given whose name holds `[` is that folder, not a glob, as the walk reads it: a link
    // there to the folder of the files is no way out.
    mkdirSync(path.join(dir, 'sub'));
    symlinkSync('../news', path.join(dir, 'sub', 'n[1]'));
    writeFileSync(path.join(dir, 'news', 'late.md'), article({ title: '"Late  one"', webUrl: url('late') }));
    const bracketed = await runCli(['validate', 'sub/n[1]', '--fix-dry-run'], { cwd: dir });
    expect(bracketed.stderr.match(/leads outside/g)).toEqual(['leads outside']);
    expect(bracketed.stderr).toContain('sub/n[1]/evil.md: not fixed');
    expect(bracketed.stderr).toMatch(/would fix sub\/n\[1\]\/late\.md:/);
    // Named, or with a folder given that holds its target, it is fixed.
    await runCli(['validate', 'news', '.', '--fix'], { cwd: dir });
    expect(read('outside.md')).toBe(article({ title: '"Outside file"' }));
  });

  it('keeps CRLF line ends, and leaves alone (saying why) files it cannot rewrite safely', async () => {
    writeFileSync(path.join(dir, 'news', 'crlf.md'), article({ title: '"Crlf  title"' }).replace(/\n/g, '\r\n'));
    const mixed = article({ title: '"Mixed  ends"' }).replace('\n', '\r\n');
    writeFileSync(path.join(dir, 'news', 'mixed.md'), mixed);
    // Windows-1252 bytes (0x92 is a right quote): not rewritten, since its bytes would change encoding.
    const cp1252 = Buffer.from(article({ title: '"Windows  \x92quote"' }), 'latin1');
    writeFileSync(path.join(dir, 'news', 'cp1252.md'), cp1252);
    const run = await runCli(['validate', 'news', '--fix', '--format', 'unix'], { cwd: dir });
    expect(read('news/crlf.md')).toBe(article({ title: '"Crlf title"' }).replace(/\n/g, '\r\n'));
    expect(read('news/mixed.md')).toBe(mixed);
    expect(readFileSync(path.join(dir, 'news', 'cp1252.md')).equals(cp1252)).toBe(true);
    expect(run.stderr).toContain('feedtool: news/mixed.md: not fixed: its line ends are mixed (CRLF and LF or CR)');
    expect(run.stderr).toContain('feedtool: news/cp1252.md: not fixed: only UTF-8 files are fixed in place; this one reads as windows-1252');
    // Their problems are still reported.
    expect(run.stdout).toMatch(/news\/mixed\.md:2:8: warning whitespace/);
    expect(run.stdout).toMatch(/news\/cp1252\.md:\d+:\d+: warning whitespace/);
  });

  it('leaves a read-only file alone, and says so, dry or not', async () => {
    chmodSync(path.join(dir, 'news', 'messy.md'), 0o444);
    const dry = await runCli(['validate', 'news/messy.md', '--fix-dry-run', '--format', 'unix'], { cwd: dir });
    // The dry run says what the fixes would have been: how a reviewer previews a read-only tree.
    expect(dry.stderr).toContain(
      "feedtool: news/messy.md: not fixed: the file is read-only; its fixes would be:\n  title (mojibake, html-entity, whitespace): 'The  model doesnâ€™t &amp; won't' -> 'The model doesn’t & won't'\n  excerpt (html-entity, whitespace): 'Folded   excerpt &quot;quoted&quot;' -> 'Folded excerpt \"quoted\"'\nfeedtool: nothing would be fixed; 1 file not fixed (see above)\n",
    );
    expect(dry.stdout).toContain('warning mojibake');
    const run = await runCli(['validate', 'news/messy.md', '--fix', '--format', 'unix'], { cwd: dir });
    expect(read('news/messy.md')).toBe(MESSY);
    expect(run.stderr).toContain('feedtool: news/messy.md: not fixed: the file is read-only\nfeedtool: nothing fixed; 1 file not fixed (see above)\n');
    expect(run.stdout).toContain('warning mojibake');
  });

  it('a dry run on a read-only file also names the values --fix would leave, and counts them', async () => {
    writeFileSync(path.join(dir, 'news', 'ro.md'), article({ title: '"s  t"', excerpt: '" "', topics: '"AI, R&amp;D"', webUrl: url('ro') }));
    chmodSync(path.join(dir, 'news', 'ro.md'), 0o444);
    const left = [
      'feedtool: news/ro.md: excerpt left as it is: nothing would be left of it',
      'feedtool: news/ro.md: topics left as it is: a comma-separated topic list is not rewritten; write it as a list, or repair it by hand',
    ];
    const dry = await runCli(['validate', 'news/ro.md', '--fix-dry-run', '--no-taxonomy', '--format', 'unix'], { cwd: dir });
    const forecast = ['feedtool: news/ro.md: not fixed: the file is read-only; its fixes would be:', "  title (whitespace): 's  t' -> 's t'"];
    expect(dry.stderr).toBe([...forecast, ...left, 'feedtool: nothing would be fixed; 1 file not fixed, 2 values left as they are (see above)', ''].join('\n'));
    // --fix itself says the same of what it would have left.
    const run = await runCli(['validate', 'news/ro.md', '--fix', '--no-taxonomy', '--format', 'unix'], { cwd: dir });
    expect(run.stderr).toBe(['feedtool: news/ro.md: not fixed: the file is read-only', ...left, 'feedtool: nothing fixed; 1 file not fixed, 2 values left as they are (see above)', ''].join('\n'));
  });

  it('leaves an immutable file alone (chattr +i), and the dry run says so too', async (context) => {
    const file = path.join(dir, 'news', 'messy.md');
    // Only root can set the flag, on a file system that has it: elsewhere there is nothing to test.
    if (spawnSync('chattr', ['+i', file]).status !== 0) return context.skip();
    try {
      const dry = await runCli(['validate', 'news/messy.md', '--fix-dry-run', '--format', 'unix'], { cwd: dir });
      expect(dry.stderr).toContain('feedtool: news/messy.md: not fixed: the file cannot be changed (immutable: chattr +i?); its fixes would be:\n');
      const run = await runCli(['validate', 'news/messy.md', '--fix', '--format', 'unix'], { cwd: dir });
      expect(run.stderr).toContain('feedtool: news/messy.md: not fixed: the file cannot be changed (immutable: chattr +i?)\n');
      expect(read('news/messy.md')).toBe(MESSY);
    } finally {
      spawnSync('chattr', ['-i', file]);
    }
  });

  it('in a folder that lets files be made but not renamed or removed (chattr +a), says why and names the file it had to leave', async (context) => {
    const news = path.join(dir, 'news');
    if (spawnSync('chattr', ['+a', news]).status !== 0) return context.skip();
    try {
      const run = await runCli(['validate', 'news/messy.md', '--fix', '--format', 'unix'], { cwd: dir });
      expect(run.stderr).toMatch(/^feedtool: news\/messy\.md: not fixed: could not be put in place: operation not permitted \(an immutable or append-only file or folder\?\); the folder does not let feedtool remove its temporary file .*\.feedtool-\d+-[0-9a-f]+\.tmp$/m);
      expect(read('news/messy.md')).toBe(MESSY);
    } finally {
      spawnSync('chattr', ['-a', news]);
    }
  });

  it('says when a fixed file had other hard links, which keep the old text', async () => {
    linkSync(path.join(dir, 'news', 'messy.md'), path.join(dir, 'other-name.md'));
    const dry = await runCli(['validate', 'news/messy.md', '--fix-dry-run', '--format', 'unix'], { cwd: dir });
    expect(dry.stderr).toContain('feedtool: news/messy.md: note: its other hard link would keep the old text (the fixed file is a new file under this name)\n');
    const run = await runCli(['validate', 'news/messy.md', '--fix', '--format', 'unix'], { cwd: dir });
    expect(run.stderr).toContain('feedtool: news/messy.md: note: its other hard link keeps the old text (the fixed file is a new file under this name)\n');
    expect(read('news/messy.md')).not.toBe(MESSY);
    expect(read('other-name.md')).toBe(MESSY);
    const clean = await runCli(['validate', 'news/clean.md', '--fix', '--format', 'unix'], { cwd: dir });
    expect(clean.stderr).not.toContain('hard link');
  });

  it('counts only the hard links it did not fix too', async () => {
    mkdirSync(path.join(dir, 'h', 'a'), { recursive: true });
    mkdirSync(path.join(dir, 'h', 'b'));
    writeFileSync(path.join(dir, 'h', 'a', 'x.md'), MESSY);
    linkSync(path.join(dir, 'h', 'a', 'x.md'), path.join(dir, 'h', 'b', 'x.md'));
    linkSync(path.join(dir, 'h', 'a', 'x.md'), path.join(dir, 'outside.md'));
    for (const [flag, keep] of [['--fix-dry-run', 'would keep'], ['--fix', 'keeps']]) {
      const run = await runCli(['validate', 'h', flag, '--format', 'unix'], { cwd: dir });
      for (const name of ['h/a/x.md', 'h/b/x.md']) expect(run.stderr, flag).toContain(`feedtool: ${name}: note: its other hard link ${keep} the old text`);
    }
    expect(read('h/a/x.md')).not.toBe(MESSY);
    expect(read('h/b/x.md')).toBe(read('h/a/x.md'));
    expect(read('outside.md')).toBe(MESSY);
  });

  it('gives no hard-link note when every name of a file is fixed in the run', async () => {
    mkdirSync(path.join(dir, 'pair'));
    writeFileSync(path.join(dir, 'pair', 'a.md'), MESSY);
    linkSync(path.join(dir, 'pair', 'a.md'), path.join(dir, 'pair', 'b.md'));
    for (const flag of ['--fix-dry-run', '--fix']) {
      const run = await runCli(['validate', 'pair', flag, '--format', 'unix'], { cwd: dir });
      expect(run.stderr, flag).not.toContain('hard link');
      expect(run.stderr, flag).toMatch(/ in 2 files/);
    }
    expect(read('pair/a.md')).not.toBe(MESSY);
    expect(read('pair/b.md')).toBe(read('pair/a.md'));
  });

  it('repairs only fields flagged by rules that are on, naming only those repairs', async () => {
    writeFileSync(path.join(dir, 'news', 'two.md'), article({ title: '"Two  spaces"', excerpt: '"x &amp;  y"' }));
    const run = await runCli(['validate', 'news/two.md', '--fix', '--verbose', '--rule', 'whitespace=off'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(read('news/two.md')).toBe(article({ title: '"Two  spaces"', excerpt: '"x &  y"' }));
    expect(run.stderr).toContain("  excerpt (html-entity): 'x &amp;  y' -> 'x &  y'\n");
  });

  it('always names the values it leaves, and why', async () => {
    writeFileSync(path.join(dir, 'news', 'blank.md'), article({ title: '"Fine"', excerpt: '"  "' }));
    const run = await runCli(['validate', 'news/blank.md', '--fix'], { cwd: dir });
    expect(run.stderr).toContain('feedtool: news/blank.md: excerpt left as it is: nothing would be left of it\nfeedtool: nothing fixed; 1 value left as it is (see above)\n');
  });

  it('leaves standard input alone and still reports its problems', async () => {
    const run = await runCli(['validate', '-', '--fix', '--format', 'unix'], { cwd: dir, input: MESSY });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('<stdin>:2:8: warning mojibake');
    expect(run.stderr).toContain('feedtool: <stdin>: not fixed: standard input is checked, never written (fix the file itself)\nfeedtool: nothing fixed; 1 file not fixed (see above)\n');
    const clean = await runCli(['validate', '-', '--fix', '--format', 'unix'], { cwd: dir, input: CLEAN });
    expect(clean.stderr).toContain('feedtool: nothing to fix');
  });

  it('fixes a file that happens to be named <stdin>, and still leaves standard input alone', async () => {
    writeFileSync(path.join(dir, '<stdin>'), MESSY);
    const run = await runCli(['validate', '-', '<stdin>', '--fix', '--format', 'json'], { cwd: dir, input: MESSY });
    expect(run.stderr).toContain('feedtool: <stdin>: not fixed: standard input is checked, never written');
    expect(run.stderr).toMatch(/feedtool: fixed \d+ problems? in 1 file; 1 file not fixed/);
    expect(read('<stdin>')).not.toBe(MESSY);
    const paths = (JSON.parse(run.stdout) as Array<{ filePath: string }>).map((result) => result.filePath).sort();
    expect(paths).toEqual([path.join(dir, '<stdin>'), '<stdin>']);
  });

  it('writes out invisible characters in old values, so the change can be seen', async () => {
    const run = await runCli(['validate', 'fixtures/validate/bad/text.md', '--fix-dry-run']);
    expect(run.stderr).toContain("  provider.name (control-character): 'Harbour\\u200bWeekly' -> 'HarbourWeekly'\n");
  });

  it('prints old and new values without raw control characters', async () => {
    writeFileSync(path.join(dir, 'news', 'esc.md'), article({ title: '"Bad\\x1b]0;pwned\\x07  title"' }));
    const run = await runCli(['validate', 'news/esc.md', '--fix-dry-run'], { cwd: dir });
    expect(run.stderr).toContain('would fix news/esc.md:');
    expect(run.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });
});

describeShared('validate --fix on a copy of the real corpus', () => {
  it('fixes every text problem it flags and lists exactly the same articles afterwards', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'feedtool-fix-corpus-'));
    try {
      cpSync(path.join(SHARED_CORPUS, 'everyday-ai'), copy, { recursive: true });
      // The shared corpus is read-only, and --fix leaves read-only files alone.
      for (const entry of readdirSync(copy, { withFileTypes: true, recursive: true })) {
        if (entry.isFile()) chmodSync(path.join(entry.parentPath, entry.name), 0o644);
      }
      const before = await listing(copy);
      const run = await runCli(['validate', copy, '--fix', '--format', 'unix', '--no-cache']);
      expect(run.stderr).toMatch(/feedtool: fixed \d+ problems? in \d+ files?/);
      expect(run.stderr).not.toContain('not fixed');
      expect(run.stdout).not.toMatch(/ warning (mojibake|html-entity|control-character|whitespace) /);
      expect(await listing(copy)).toEqual(before);
    } finally {
      removeTree(copy);
    }
  });
});

describe('validate --fix stopped by a signal', () => {
  const FILES = 3000;
  const messy = (i: number) => article({ title: `"Story  ${i} doesnâ€™t stop"`, webUrl: url(`s${i}`) });
  const fixed = (i: number) => article({ title: `"Story ${i} doesn’t stop"`, webUrl: url(`s${i}`) });

  /** Runs --fix over the tree and sends `signal` as soon as it says it is fixing. */
  function fixThenSignal(root: string, signal: NodeJS.Signals): Promise<{ code: number | null; killedBy: NodeJS.Signals | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'validate', 'news', '--fix', '--verbose', '--format', 'unix', '--no-cache'], {
        cwd: root,
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      let sent = false;
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
        if (!sent && stderr.includes(`feedtool: fixing ${FILES.toLocaleString('en')} files`)) {
          sent = true;
          child.kill(signal);
        }
      });
      child.on('error', reject);
      child.on('exit', (code, killedBy) => resolve({ code, killedBy, stdout, stderr }));
    });
  }

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`on ${signal}, finishes the file in hand, leaves the rest untouched, says so and dies of the signal`, async () => {
      const root = mkdtempSync(path.join(tmpdir(), 'feedtool-fix-signal-'));
      try {
        mkdirSync(path.join(root, 'news'));
        for (let i = 0; i < FILES; i++) writeFileSync(path.join(root, 'news', `s${i}.md`), messy(i));
        const run = await fixThenSignal(root, signal);
        // Dying of the signal (not exiting 128 + n) is what stops a shell loop running feedtool.
        expect(run.killedBy).toBe(signal);
        expect(run.code).toBeNull();
        // No report: the run did not finish.
        expect(run.stdout).toBe('');
        const summary = new RegExp(`feedtool: interrupted \\(${signal}\\): fixed ([\\d,]+) problems? in ([\\d,]+) files? before stopping; ([\\d,]+) files? with fixable problems not reached, left untouched\n$`);
        const [, , fixedFiles, notReached] = summary.exec(run.stderr)!.map((count) => Number(count.replaceAll(',', '')));
        expect(fixedFiles! + notReached!).toBe(FILES);
        expect(notReached).toBeGreaterThan(0);
        // Every file is either as it was or wholly fixed, as many as the summary says; no temporary file is left.
        const names = readdirSync(path.join(root, 'news'));
        expect(names.filter((name) => !name.endsWith('.md'))).toEqual([]);
        let done = 0;
        for (let i = 0; i < FILES; i++) {
          const text = readFileSync(path.join(root, 'news', `s${i}.md`), 'utf8');
          if (text === fixed(i)) done++;
          else expect(text).toBe(messy(i));
        }
        expect(done).toBe(fixedFiles);
      } finally {
        removeTree(root);
      }
    });
  }
});
