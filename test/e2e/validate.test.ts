import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/core/decode.js';
import { article, describeShared, FIXTURES, makeTree, removeTree, ROOT, runCli, SHARED_CORPUS } from '../helpers.js';

const VALIDATE_FIXTURES = path.join(FIXTURES, 'validate');

interface EslintResult {
  filePath: string;
  messages: { ruleId: string; severity: 1 | 2; message: string; line: number; column: number; fatal?: boolean }[];
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return markdownFiles(full);
    return /\.(md|markdown)$/.test(name) ? [full] : [];
  });
}

/** The `<!-- expect: L:C severity rule-id -->` lines a fixture carries. */
function expectationsOf(file: string): string[] {
  const bytes = readFileSync(file);
  const decoded = decodeBytes(bytes);
  const text = decoded.ok ? decoded.text : bytes.toString('latin1');
  return [...text.matchAll(/<!-- expect: (\d+:\d+ (?:error|warning) [a-z0-9-]+) -->/g)].map((match) => match[1]!).sort();
}

function reported(result: EslintResult): string[] {
  return result.messages.map((m) => `${m.line}:${m.column} ${m.severity === 2 ? 'error' : 'warning'} ${m.ruleId}`).sort();
}

async function validateJson(args: string[], options: Parameters<typeof runCli>[1] = {}): Promise<{ code: number | null; results: EslintResult[]; stderr: string }> {
  const run = await runCli(['validate', ...args, '--format', 'json'], options);
  return { code: run.code, results: JSON.parse(run.stdout) as EslintResult[], stderr: run.stderr };
}

const trees: string[] = [];
afterAll(() => trees.forEach(removeTree));
function tree(files: Record<string, string | Buffer>): string {
  const dir = makeTree(files);
  trees.push(dir);
  return dir;
}

describe('feedtool validate over fixtures/validate', () => {
  it('reports exactly the problems each fixture expects, and nothing in the clean ones', async () => {
    const { code, results } = await validateJson(['fixtures/validate']);
    expect(code).toBe(1);
    const byPath = new Map(results.map((result) => [result.filePath, result]));
    const files = markdownFiles(VALIDATE_FIXTURES);
    expect(results).toHaveLength(files.length);
    for (const file of files) {
      const result = byPath.get(file);
      expect(result, file).toBeDefined();
      expect(reported(result!), path.relative(ROOT, file)).toEqual(expectationsOf(file));
    }
    const clean = results.filter((result) => result.filePath.includes(`${path.sep}clean${path.sep}`));
    expect(clean.length).toBeGreaterThan(0);
    for (const result of clean) expect(result.messages).toEqual([]);
  });

  it('sorts results by path and fills the ESLint counts', async () => {
    const { results } = await validateJson(['fixtures/validate/dup', 'fixtures/validate/bad']);
    const paths = results.map((result) => result.filePath);
    expect(paths).toEqual([...paths].sort());
    const text = results.find((result) => result.filePath.endsWith('text.md'))!;
    expect(text).toMatchObject({ errorCount: 0, warningCount: 4, fixableWarningCount: 4, fatalErrorCount: 0 });
    const unsafe = results.find((result) => result.filePath.endsWith('unsafe-js.md'))!;
    expect(unsafe).toMatchObject({ errorCount: 1, fatalErrorCount: 1 });
    expect(unsafe.messages[0]!.fatal).toBe(true);
  });

  it('writes the message the issue specifies for an invalid date', async () => {
    const { results } = await validateJson(['fixtures/validate/bad/invalid-date.md']);
    expect(results[0]!.messages[0]!.message).toBe("publishedDateTime: '2023-13-45' is not a date (expected ISO 8601, e.g. 2023-10-16T09:00:00Z)");
  });
});

describe('feedtool validate exit codes', () => {
  it('exits 0 on clean files, with a note on stderr and nothing on stdout', async () => {
    const run = await runCli(['validate', 'fixtures/validate/clean']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('feedtool: 2 files checked, 0 errors, 0 warnings\n');
  });

  it('exits 0 with warnings only, and 1 when they exceed --max-warnings', async () => {
    const file = 'fixtures/validate/bad/scores.md';
    expect((await runCli(['validate', file])).code).toBe(0);
    expect((await runCli(['validate', file, '--max-warnings', '2'])).code).toBe(0);
    const over = await runCli(['validate', file, '--max-warnings', '1']);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('too many warnings (2; --max-warnings allows 1)');
    // A negative number is no limit, as ESLint reads it, also after another value.
    expect((await runCli(['validate', file, '--max-warnings', '-1'])).code).toBe(0);
    expect((await runCli(['validate', file, '--max-warnings', '-2'])).code).toBe(0);
    expect((await runCli(['validate', file, '--max-warnings', '1', '--max-warnings', '-1'])).code).toBe(0);
    const fraction = await runCli(['validate', file, '--max-warnings', '1.5']);
    expect(fraction.code).toBe(2);
    expect(fraction.stderr).toMatch(/expected a whole number \(0 or more\), or a negative one \(-1\) for no limit/);
  });

  it('exits 1 when errors are found', async () => {
    expect((await runCli(['validate', 'fixtures/validate/bad/invalid-date.md'])).code).toBe(1);
  });

  it('exits 2 on usage errors, without a stack trace', async () => {
    for (const args of [
      ['--rule', 'no-such-rule=off'],
      ['--rule', 'mojibake=loud'],
      ['--rule', 'mojibake'],
      ['--rule', 'required-field=__proto__'],
      ['--rule', 'required-field=constructor'],
      ['--rule', 'required-field=toString'],
      ['--format', 'xml'],
      ['--max-warnings', 'many'],
    ]) {
      const run = await runCli(['validate', 'fixtures/validate/clean', ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect((await runCli(['validate', '--rule', 'nope=off'])).stderr).toContain("no rule 'nope'");
    // The numeric levels the README accepts are named too.
    expect((await runCli(['validate', 'fixtures/validate/clean', '--rule', 'whitespace=3'])).stderr).toBe(
      "feedtool: --rule 'whitespace=3': level '3' is not one of off, warn (or warning), error, or 0, 1, 2, in any case\n",
    );
  });

  it('a missing path exits 2 and is named on stderr, also when the report leaves it out', async () => {
    for (const args of [['--quiet', '--rule', 'unreadable=warn'], ['--rule', 'unreadable=off']]) {
      const run = await runCli(['validate', 'fixtures/validate/nowhere.md', 'no/such', 'fixtures/validate/clean', '--format', 'unix', ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).not.toContain('nowhere');
      expect(run.stderr).toContain('feedtool: paths given match nothing: fixtures/validate/nowhere.md, no/such\n');
    }
  });

  it('a path that matched nothing is not counted as a file checked', async () => {
    const alone = await runCli(['validate', 'no/such.md', '--rule', 'unreadable=off', '--quiet']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/^feedtool: 0 files checked, 0 errors, 0 warnings/);
    const beside = await runCli(['validate', 'no/such.md', 'fixtures/validate/clean', '--rule', 'unreadable=off', '--no-taxonomy']);
    const clean = await runCli(['validate', 'fixtures/validate/clean', '--no-taxonomy']);
    expect(beside.stderr.split('\n')[0]).toBe(clean.stderr.split('\n')[0]);
  });

  it('reports a missing path as unreadable, still checks the others, and exits 2', async () => {
    const { code, results } = await validateJson(['fixtures/validate/nowhere.md', 'fixtures/validate/clean']);
    expect(code).toBe(2);
    const missing = results.find((result) => result.filePath.endsWith('nowhere.md'))!;
    expect(missing.messages.map((m) => m.ruleId)).toEqual(['unreadable']);
    expect(results).toHaveLength(3);
  });
});

describe('--ignore, on every command', () => {
  const site = makeTree({
    '_news/2023-01-02-story.md': article({ title: '"A story"' }),
    '_companies/acme.md': '---\nname: Acme\n---\n',
    '_learning/books/a-book.md': '---\ntitle: A book\n---\n',
    '_news/draft-one.md': article({ title: '"A draft"', webUrl: '"https://news.example.test/draft"' }),
  });
  afterAll(() => removeTree(site));

  it('validate leaves out what is ignored, and a site root then passes', async () => {
    const all = await runCli(['validate', '.', '--format', 'unix', '--no-taxonomy'], { cwd: site });
    expect(all.code).toBe(1);
    expect(all.stdout).toContain('_companies/acme.md:');
    const some = await runCli(['validate', '.', '--format', 'unix', '--no-taxonomy', '--ignore', '_companies', '--ignore', '_learning/**'], { cwd: site });
    expect(some.stdout).toBe('');
    expect(some.code).toBe(0);
  });

  it('list, rank and show leave it out too', async () => {
    const listed = await runCli(['list', '.', '--format', 'csv', '--fields', 'path', '--ignore', 'draft-*.md', '--ignore', '_learning/**'], { cwd: site });
    expect(listed.stdout).toBe('path\r\n_news/2023-01-02-story.md\r\n');
    const ranked = await runCli(['rank', '.', '--format', 'ndjson', '--fields', 'id', '--ignore', '_news'], { cwd: site });
    expect(ranked.stdout).toBe('{"id":"a-book"}\n');
    const shown = await runCli(['show', 'draft-one', '--dir', site, '--ignore', 'draft-*.md']);
    expect(shown.code).toBe(1);
    expect(shown.stderr).toContain('no article matches "draft-one"');
  });

  it('an invalid pattern is a usage error', async () => {
    const run = await runCli(['list', '.', '--ignore', '{a,b'], { cwd: site });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--ignore <glob>.*expected a glob pattern/);
  });
});

describe('feedtool validate options', () => {
  it('--quiet shows errors only', async () => {
    const { results } = await validateJson(['fixtures/validate/bad/urls.md', '--quiet']);
    expect(reported(results[0]!)).toEqual(['10:10 error invalid-url', '4:14 error invalid-url']);
    expect(results[0]!.warningCount).toBe(0);
  });

  it('--quiet still counts warnings for --max-warnings', async () => {
    expect((await runCli(['validate', 'fixtures/validate/bad/scores.md', '--quiet', '--max-warnings', '0'])).code).toBe(1);
  });

  it('--rule turns rules off and changes severities (repeatable)', async () => {
    const { code, results } = await validateJson(['fixtures/validate/bad/urls.md', '--rule', 'invalid-url=off', '--rule', 'insecure-url=error']);
    expect(code).toBe(1);
    expect(reported(results[0]!)).toEqual(['5:9 error insecure-url']);
    const warned = await validateJson(['fixtures/validate/bad/invalid-date.md', '--rule', 'invalid-date=warn']);
    expect(warned.code).toBe(0);
    expect(warned.results[0]!.warningCount).toBe(2);
  });

  it('--no-cross-file skips duplicate-url and duplicate-id', async () => {
    const { code, results } = await validateJson(['fixtures/validate/dup', '--no-cross-file']);
    expect(code).toBe(0);
    expect(results.flatMap((result) => result.messages)).toEqual([]);
  });

  it('warns of ids that differ only in case, with exit 0; --no-cross-file skips it', async () => {
    const story = readFileSync(path.join(VALIDATE_FIXTURES, 'dup', 'a', 'same-story.md'), 'utf8');
    const dir = tree({ 'a/Same-Story.md': story, 'b/same-story.md': story.replace('https://', 'https://other.') });
    const run = await runCli(['validate', dir, '--format', 'unix', '--no-taxonomy', '--rule', 'url-date-mismatch=off', '--rule', 'filename-date-mismatch=off']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean).map((line) => line.slice(dir.length + 1))).toEqual([
      "a/Same-Story.md:1:1: warning id-case-conflict the id 'Same-Story' (the file name) differs only in case from 'same-story' in " +
        `${path.join(dir, 'b/same-story.md')}: on a case-insensitive file system (macOS, Windows), or in a URL made from the id, they are one page; expected ids that differ in more than case`,
      "b/same-story.md:1:1: warning id-case-conflict the id 'same-story' (the file name) differs only in case from 'Same-Story' in " +
        `${path.join(dir, 'a/Same-Story.md')}: on a case-insensitive file system (macOS, Windows), or in a URL made from the id, they are one page; expected ids that differ in more than case`,
    ]);
    const alone = await runCli(['validate', dir, '--format', 'unix', '--no-cross-file', '--rule', 'url-date-mismatch=off', '--rule', 'filename-date-mismatch=off']);
    expect(alone.stdout).not.toContain('id-case-conflict');
  });

  it('--no-taxonomy skips unknown-topic; --taxonomy points at one', async () => {
    const file = 'fixtures/validate/bad/unknown-topic.md';
    expect(reported((await validateJson([file, '--no-taxonomy'])).results[0]!)).toEqual([]);
    const dir = tree({ 'a.md': readFileSync(path.join(ROOT, file)) });
    expect(reported((await validateJson([path.join(dir, 'a.md')])).results[0]!)).toEqual([]);
    const given = await validateJson([path.join(dir, 'a.md'), '--taxonomy', 'fixtures/validate/_data/topics']);
    expect(reported(given.results[0]!)).toEqual(['10:5 warning unknown-topic']);
  });

  it('treats a _data/topics folder with no usable topic as no taxonomy, saying so, as --taxonomy refuses it', async () => {
    const file = 'fixtures/validate/bad/unknown-topic.md';
    const dir = tree({ '_data/topics/t.yaml': 'name: [oops\n', 'n/a.md': readFileSync(path.join(ROOT, file)) });
    const found = await validateJson([path.join(dir, 'n')]);
    expect(found.code).toBe(0);
    expect(reported(found.results[0]!)).toEqual([]);
    expect(found.stderr).toContain(`feedtool: taxonomy: ${path.join(dir, '_data/topics/t.yaml')}:2:1: deficient indentation\n`);
    expect(found.stderr).toContain(`feedtool: taxonomy: no topics in ${path.join(dir, '_data/topics')}: topics are not checked against a taxonomy\n`);
    const given = await runCli(['validate', path.join(dir, 'n'), '--taxonomy', path.join(dir, '_data/topics')]);
    expect(given.code).toBe(2);
    expect(given.stderr).toContain('no topics found there');
  });

  it('matches a taxonomy name written with decomposed accents or doubled spaces to the topic as read', async () => {
    const dir = tree({
      '_data/topics/a.yaml': 'name: "Cafe\\u0301 Tech"\n',
      '_data/topics/b.yaml': 'name: "Spaced  Topic "\n',
      'n/1.md': article({ topics: '["café tech", "Spaced Topic"]' }),
    });
    const checked = await validateJson([path.join(dir, 'n')]);
    expect(checked.results[0]!.messages.filter((m) => m.ruleId === 'unknown-topic')).toEqual([]);
    const listed = await runCli(['list', path.join(dir, 'n'), '--format', 'ndjson', '--fields', 'topics']);
    expect(JSON.parse(listed.stdout)).toEqual({ topics: ['Café Tech', 'Spaced Topic'] });
  });

  it('--max-file-size refuses large files as file-too-large', async () => {
    const { code, results } = await validateJson(['fixtures/validate/clean/2023-10-16-well-formed.md', '--max-file-size', '100']);
    expect(code).toBe(1);
    expect(reported(results[0]!)).toEqual(['1:1 error file-too-large']);
  });

  it('reads one document from standard input with -', async () => {
    const { code, results } = await validateJson(['-'], { input: article({ publishedDateTime: '2023-13-45' }) });
    expect(code).toBe(1);
    expect(results[0]!.filePath).toBe('<stdin>');
    expect(reported(results[0]!)).toEqual(['3:20 error invalid-date']);
  });

  it('checks every Markdown file given, articles or not', async () => {
    const dir = tree({ 'notes.markdown': 'Just notes.\n', 'page.md': '---\nlayout: page\n---\n' });
    const { results } = await validateJson([dir]);
    expect(results.map((result) => reported(result)[0])).toEqual(['1:1 error no-front-matter', '2:1 error required-field']);
  });
});

describe('feedtool validate formats', () => {
  it('stylish groups by file and ends with the summary line', async () => {
    const run = await runCli(['validate', 'fixtures/validate/bad/scores.md', 'fixtures/validate/bad/invalid-date.md']);
    expect(run.stdout).toContain('\nfixtures/validate/bad/invalid-date.md\n  3:20   error    publishedDateTime:');
    expect(run.stdout.indexOf('invalid-date.md')).toBeLessThan(run.stdout.indexOf('scores.md'));
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('✖ 4 problems (2 errors, 2 warnings)');
  });

  it('stylish colours only when asked, and never passes control characters through', async () => {
    const dir = tree({ 'evil\x1b[2J.md': article({ title: '"Hi \\e]0;owned\\a there"', webUrl: '"http://x.test/\\e[31m"' }) });
    const plain = await runCli(['validate', dir]);
    expect(plain.stdout).not.toContain('\x1b');
    expect(plain.stdout).toContain('\\x1b');
    const coloured = await runCli(['validate', dir], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(coloured.stdout).toContain('\x1b[33mwarning\x1b[39m');
    expect(coloured.stdout.replace(/\x1b\[\d+m/g, '')).not.toContain('\x1b');
  });

  it('a file name with a tab and one with a space there never look alike, in any report or note', async () => {
    const doc = '---\ntitle: "x  y"\n---\n';
    const dir = tree({ 'tab\tx.md': doc, 'tab x.md': doc, 'broken\tname.md': '---\ntitle: [\n---\n' });
    const args = ['validate', '.', '--rule', 'required-field=off', '--rule', 'whitespace=error'];
    const unix = await runCli([...args, '--format', 'unix'], { cwd: dir });
    expect(unix.stdout).toContain('tab\\x09x.md:2:8: error whitespace');
    expect(unix.stdout).toContain('tab x.md:2:8: error whitespace');
    expect(unix.stdout).not.toContain('\t');
    const stylish = await runCli(args, { cwd: dir });
    expect(stylish.stdout).toContain('\ntab\\x09x.md\n');
    const github = await runCli([...args, '--format', 'github'], { cwd: dir });
    expect(github.stdout).toContain('file=tab\\x09x.md,');
    // JSON carries the exact name.
    const json = await runCli([...args, '--format', 'json'], { cwd: dir });
    expect(JSON.parse(json.stdout).map((result: { filePath: string }) => path.basename(result.filePath))).toContain('tab\tx.md');
    // A note on stderr names it so too.
    const listed = await runCli(['list', '.', '--format', 'json'], { cwd: dir });
    expect(listed.stderr).toContain('broken\\x09name.md:');
    // So do a message naming the other file, what --fix would do, a table's path column and show.
    writeFileSync(path.join(dir, 'tab\tx.md'), '---\ntitle: "x  y"\nwebUrl: https://a.test/x\n---\n');
    writeFileSync(path.join(dir, 'tab x.md'), '---\ntitle: "x  y"\nwebUrl: https://a.test/x\n---\n');
    const duplicates = await runCli([...args, '--format', 'unix'], { cwd: dir });
    expect(duplicates.stdout).toContain('tab x.md:3:9: error duplicate-url webUrl: this article\'s URL (a.test/x) is also in tab\\x09x.md:');
    const dry = await runCli([...args, '--fix-dry-run'], { cwd: dir });
    expect(dry.stderr).toContain('would fix tab\\x09x.md:\n');
    const table = await runCli(['list', '.', '--fields', 'path,title'], { cwd: dir, env: { COLUMNS: '60' } });
    expect(table.stdout).toContain('tab\\x09x.md');
    const shown = await runCli(['show', 'tab\tx.md'], { cwd: dir });
    expect(shown.stdout).toMatch(/File +tab\\x09x\.md\n/);
    // And an id that holds one, quoted in duplicate-id's message and in show's.
    mkdirSync(path.join(dir, 'm1'));
    mkdirSync(path.join(dir, 'm2'));
    writeFileSync(path.join(dir, 'm1', 'a\tb.md'), doc);
    writeFileSync(path.join(dir, 'm2', 'a\tb.md'), doc);
    const ids = await runCli(['validate', 'm1', 'm2', '--format', 'unix', '--rule', 'required-field=off'], { cwd: dir });
    expect(ids.stdout).toContain("m1/a\\x09b.md:1:1: error duplicate-id the id 'a\\x09b' (the file name) is also the id of m2/a\\x09b.md");
    const ambiguous = await runCli(['show', 'a\tb', '--dir', 'm1', '--dir', 'm2'], { cwd: dir });
    expect(ambiguous.stderr).toContain('feedtool: "a\\x09b" matches 2 articles');
  });

  it('unix writes path:line:col: severity rule-id message', async () => {
    const run = await runCli(['validate', 'fixtures/validate/bad/scores.md', '--format', 'unix']);
    expect(run.stdout.split('\n')).toEqual([
      'fixtures/validate/bad/scores.md:5:10: warning score-range quality: -5 is out of range: expected a whole number of at least -1 (-1 means unknown)',
      'fixtures/validate/bad/scores.md:6:7: warning score-range heat: 33.3 is not a whole number: expected a whole number of at least -1 (-1 means unknown)',
      '',
    ]);
  });

  it('github is the default under GitHub Actions, with escaped commands', async () => {
    const run = await runCli(['validate', 'fixtures/validate/bad/scores.md'], { env: { GITHUB_ACTIONS: 'true' } });
    expect(run.stdout.split('\n')[0]).toBe(
      '::warning file=fixtures/validate/bad/scores.md,line=5,col=10,title=score-range::quality: -5 is out of range: expected a whole number of at least -1 (-1 means unknown)',
    );
    const stylish = await runCli(['validate', 'fixtures/validate/bad/scores.md', '--format', 'stylish'], { env: { GITHUB_ACTIONS: 'true' } });
    expect(stylish.stdout).toContain('✖ 2 problems');
  });

  it('sarif writes a 2.1.0 log with relative paths', async () => {
    const run = await runCli(['validate', 'fixtures/validate/bad/urls.md', '--format', 'sarif']);
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.map((result: { ruleId: string; level: string }) => `${result.level} ${result.ruleId}`)).toEqual(['error invalid-url', 'warning insecure-url', 'error invalid-url']);
    expect(log.runs[0].results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'fixtures/validate/bad/urls.md', uriBaseId: '%SRCROOT%' },
      region: { startLine: 4, startColumn: 14 },
    });
  });
});

describe('feedtool validate in a subfolder of a GitHub workspace', () => {
  it('github and sarif give paths from the workspace, which GitHub reads them from', async () => {
    const dir = makeTree({ 'site/_news/a.md': '---\ntitle: x\n---\n' });
    try {
      const env = { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dir };
      const github = await runCli(['validate', '_news', '--no-cache'], { cwd: path.join(dir, 'site'), env });
      expect(github.stdout.split('\n')[0]).toMatch(/^::error file=site\/_news\/a\.md,line=2,col=1,title=required-field::/);
      const sarif = await runCli(['validate', '_news', '--no-cache', '--format', 'sarif'], { cwd: path.join(dir, 'site'), env });
      const run = JSON.parse(sarif.stdout).runs[0];
      expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'site/_news/a.md', uriBaseId: '%SRCROOT%' });
      expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`${pathToFileURL(dir).href}/`);
      // A workspace named through a link, as a self-hosted runner may have it, is the same folder.
      symlinkSync(dir, `${dir}-link`);
      try {
        const linked = await runCli(['validate', '_news', '--no-cache'], { cwd: path.join(dir, 'site'), env: { ...env, GITHUB_WORKSPACE: `${dir}-link` } });
        expect(linked.stdout.split('\n')[0]).toMatch(/^::error file=site\/_news\/a\.md,/);
      } finally {
        rmSync(`${dir}-link`);
      }
      // Without the workspace, paths are as shown, from the current directory.
      const plain = await runCli(['validate', '_news', '--no-cache', '--format', 'github'], { cwd: path.join(dir, 'site'), env: { GITHUB_WORKSPACE: undefined } });
      expect(plain.stdout.split('\n')[0]).toMatch(/^::error file=_news\/a\.md,/);
    } finally {
      removeTree(dir);
    }
  });
});

describe('feedtool validate: file names that read as GitHub Actions commands', () => {
  it('no line of the stylish or unix report begins with ::, whatever the files are called', async () => {
    const dir = makeTree({
      '::stop-commands::tok.md': '---\ntitle: x\n---\n',
      '::error title=Spoofed::All checks passed/a.md': '---\ntitle: x\n---\n',
      ' ::error::lead.md': '---\ntitle: x\n---\n',
      '\u00a0::warning::nbsp.md': '---\ntitle: x\n---\n',
    });
    try {
      for (const format of ['stylish', 'unix']) {
        const run = await runCli(['validate', '.', '--format', format, '--rule', 'required-field=warn', '--no-cache'], { cwd: dir });
        expect(run.code, format).toBe(0);
        const lines = `${run.stdout}${run.stderr}`.split('\n');
        expect(lines.filter((line) => /^\s*::/u.test(line)), format).toEqual([]);
        expect(run.stdout, format).toContain('./::stop-commands::tok.md');
      }
      // The github format's own lines are commands, the file a property: written as it is, escaped.
      const github = await runCli(['validate', '::stop-commands::tok.md', '--format', 'github', '--rule', 'required-field=warn', '--no-cache'], { cwd: dir });
      expect(github.stdout.split('\n')[0]).toMatch(/^::warning file=%3A%3Astop-commands%3A%3Atok\.md,line=2,col=1,/);
      // A table's path column too.
      const table = await runCli(['list', '.', '--fields', 'path,title', '--no-cache'], { cwd: dir });
      expect(table.stdout.split('\n').filter((line) => /^\s*::/u.test(line))).toEqual([]);
    } finally {
      removeTree(dir);
    }
  });
});

describeShared('feedtool validate over the real corpus', () => {
  const news = path.join(SHARED_CORPUS, 'everyday-ai', '_news');
  const archive = path.join(SHARED_CORPUS, 'everyday-ai', '_archive', '_news');
  const seed = path.join(SHARED_CORPUS, 'seed');

  it('finds no error in the real articles, and only the warnings known to be right', async () => {
    const { code, results, stderr } = await validateJson([news, archive], { timeoutMs: 60_000 });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(results.length).toBeGreaterThan(150);
    const messages = results.flatMap((result) => result.messages);
    expect(messages.filter((m) => m.severity === 2)).toEqual([]);
    // Real excerpts copied from web pages keep runs of spaces: normalisation would collapse them.
    expect([...new Set(messages.map((m) => m.ruleId))].sort()).toEqual(['boilerplate-text', 'url-date-mismatch', 'url-entity', 'url-site-mismatch', 'whitespace']);
    // Five articles whose webUrl is another site's page (an editor found each a different story).
    const mixed = results.filter((result) => result.messages.some((m) => m.ruleId === 'url-site-mismatch')).map((result) => path.basename(result.filePath).slice(0, 24));
    expect(mixed.sort()).toEqual(['2014-10-20-beckers-healt', '2017-02-11-saffron-techn', '2019-06-28-police-body-c', '2019-10-19-to-antarctica', '2021-02-15-apple-nissan-']);
    // Three texts that are page furniture, not articles: a paywall title, a newsletter sign-up, a cookie banner.
    const furniture = results.flatMap((result) => result.messages.filter((m) => m.ruleId === 'boilerplate-text').map((m) => `${path.basename(result.filePath).slice(0, 24)} ${m.message.replace(/: '.*' reads as /, ' ').replace(/, not .*$/, '')}`));
    expect(furniture.sort()).toEqual([
      '2014-10-20-beckers-healt excerpt a newsletter sign-up',
      '2017-07-24-become-an-ft- title a paywall notice',
      '2023-05-02-godfather-of- related[12].excerpt a cookie notice',
    ]);
    // Two related links copied with their HTML escaping (`?amp;fs=e&amp;s=cl`), in the two Lemoine stories.
    const escaped = messages.filter((m) => m.ruleId === 'url-entity');
    expect(escaped.map((m) => m.message.replace(/'.*$/, ''))).toEqual(['related[54].webUrl: ', 'related[55].webUrl: ']);
    for (const m of escaped) expect(m.message).toMatch(/amp;fs=e&amp;s=cl' holds an HTML-escaped &: expected '.*\?fs=e&s=cl'$/);
    for (const m of messages.filter((m) => m.ruleId === 'whitespace')) expect(m.message).toMatch(/^related\[\d+\]\.excerpt: has leading, trailing or repeated whitespace/);
    // Seven stories collected long after they were published (an editor checked each against its URL).
    const stale = results.filter((result) => result.messages.some((m) => m.ruleId === 'url-date-mismatch')).map((result) => path.basename(result.filePath).slice(0, 24));
    expect(stale.sort()).toEqual([
      '2019-01-12-serbian-parli',
      '2021-01-09-xiao-i-a-lead',
      '2021-03-05-orlando-polic',
      '2021-03-08-meet-russias-',
      '2021-03-10-how-to-run-ml',
      '2021-03-10-simplified-ai',
      '2021-03-11-generate-posi',
    ]);
  });

  it("flags the seed's mojibake at its title", async () => {
    const { code, results } = await validateJson([seed]);
    expect(code).toBe(0);
    expect(results[0]!.messages).toEqual([
      {
        ruleId: 'mojibake',
        severity: 1,
        line: 3,
        column: 8,
        message: "title: 'Making sure open source doesnâ€™t fail AI' looks like UTF-8 read as Windows-1252: expected 'Making sure open source doesn’t fail AI'",
      },
    ]);
  });

  it('checks the whole site tree without crashing', async () => {
    const run = await runCli(['validate', path.join(SHARED_CORPUS, 'everyday-ai'), '--format', 'unix'], { timeoutMs: 60_000 });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain('internal error');
  });
});
