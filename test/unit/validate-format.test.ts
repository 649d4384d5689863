import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/core/validate.js';
import { plainPalette, type Palette } from '../../src/format/palette.js';
import { escapeData, escapeProperty, formatGithub, pathFromRoot, pathRoot } from '../../src/format/validate-github.js';
import { formatJson } from '../../src/format/validate-json.js';
import { formatSarif, sarifPieces } from '../../src/format/validate-sarif.js';
import { formatStylish } from '../../src/format/validate-stylish.js';
import { formatUnix } from '../../src/format/validate-unix.js';
import { RULES } from '../../src/rules/index.js';

const results: FileResult[] = [
  {
    path: '_news/a.md',
    problems: [
      { ruleId: 'invalid-date', severity: 'error', message: "publishedDateTime: '2023-13-45' is not a date", line: 7, column: 20, fixable: false, fatal: false },
      { ruleId: 'mojibake', severity: 'warning', message: "title: 'doesnâ€™t' looks wrong", line: 12, column: 8, fixable: true, fatal: false },
    ],
  },
  { path: '_news/clean.md', problems: [] },
  { path: 'pages/x,y:z.md', problems: [{ ruleId: 'parse-error', severity: 'error', message: 'bad\x1b[2J%\nnext', line: 3, column: 1, fixable: false, fatal: true }] },
];

describe('formatStylish', () => {
  it('groups by file, aligns columns and ends with the summary', () => {
    expect(formatStylish(results, plainPalette)).toBe(
      [
        '',
        '_news/a.md',
        "  7:20  error    publishedDateTime: '2023-13-45' is not a date  invalid-date",
        "  12:8  warning  title: 'doesnâ€™t' looks wrong                 mojibake",
        '',
        'pages/x,y:z.md',
        '  3:1  error    bad\\x1b[2J%\\x0anext  parse-error',
        '',
        '✖ 3 problems (2 errors, 1 warning)',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing for clean results', () => {
    expect(formatStylish([{ path: 'a.md', problems: [] }], plainPalette)).toBe('');
  });

  it('colours only through the palette it is given', () => {
    const tag = (name: string) => (text: string) => `<${name}>${text}</${name}>`;
    const palette: Palette = { enabled: true, bold: tag('b'), dim: tag('d'), red: tag('r'), yellow: tag('y'), green: tag('g'), cyan: tag('c'), magenta: tag('m'), underline: tag('u') };
    const out = formatStylish(results.slice(0, 1), palette);
    expect(out).toContain('<u>_news/a.md</u>');
    expect(out).toContain('<r>error  </r>');
    expect(out).toContain('<b><r>✖ 2 problems (1 error, 1 warning)</r></b>');
  });

  it('aligns messages up to 100 columns: a longer one is not padded and widens nothing', () => {
    const problem = (message: string, line: number) => ({ ruleId: 'field-type', severity: 'error' as const, message, line, column: 1, fixable: false, fatal: false });
    const long = `x: ${'h'.repeat(10_000)}`;
    const problems = [problem(long, 1), ...Array.from({ length: 1_000 }, (_, i) => problem(`short ${i % 10}`, i + 2))];
    const out = formatStylish([{ path: 'a.md', problems }], plainPalette);
    const rows = out.split('\n').filter((row) => row.startsWith('  '));
    expect(rows[0] === `  1:1     error    ${long}  field-type`).toBe(true);
    expect(rows[1]).toBe('  2:1     error    short 0  field-type');
    expect(out.length).toBeLessThan(long.length + 1_000 * 40 + 200);
    const aligned = formatStylish([{ path: 'a.md', problems: [problem('a'.repeat(100), 1), problem('b', 2)] }], plainPalette);
    expect(aligned).toContain(`  2:1  error    b${' '.repeat(99)}  field-type`);
  });
});

describe('formatJson', () => {
  it("writes ESLint's shape with absolute paths, one entry per file", () => {
    const parsed = JSON.parse(formatJson(results, '/work/p'));
    expect(parsed).toHaveLength(3);
    expect(parsed[0]).toEqual({
      filePath: path.resolve('/work/p', '_news/a.md'),
      messages: [
        { ruleId: 'invalid-date', severity: 2, message: "publishedDateTime: '2023-13-45' is not a date", line: 7, column: 20 },
        { ruleId: 'mojibake', severity: 1, message: "title: 'doesnâ€™t' looks wrong", line: 12, column: 8 },
      ],
      suppressedMessages: [],
      errorCount: 1,
      fatalErrorCount: 0,
      warningCount: 1,
      fixableErrorCount: 0,
      fixableWarningCount: 1,
      usedDeprecatedRules: [],
    });
    expect(parsed[1].messages).toEqual([]);
    expect(parsed[2].messages[0].fatal).toBe(true);
    expect(parsed[2].fatalErrorCount).toBe(1);
  });

  it('writes bidi controls in paths and messages as \\u escapes (as list does), parsing to the same text', () => {
    const hostile: FileResult[] = [{ path: 'news/evil\u202ecod.md', problems: [{ ruleId: 'parse-error', severity: 'error', message: 'x\u2066y\u200bz', line: 1, column: 1, fixable: false, fatal: true }] }];
    const text = formatJson(hostile, '/w');
    expect(text).not.toMatch(/[\u202e\u2066]/);
    expect(text).toContain('evil\\u202ecod.md');
    const parsed = JSON.parse(text);
    expect(parsed[0].filePath).toBe('/w/news/evil\u202ecod.md');
    expect(parsed[0].messages[0].message).toBe('x\u2066y\u200bz');
  });
});

describe('formatUnix', () => {
  it('writes one escaped line per problem', () => {
    expect(formatUnix(results).split('\n')).toEqual([
      "_news/a.md:7:20: error invalid-date publishedDateTime: '2023-13-45' is not a date",
      "_news/a.md:12:8: warning mojibake title: 'doesnâ€™t' looks wrong",
      'pages/x,y:z.md:3:1: error parse-error bad\\x1b[2J%\\x0anext',
      '',
    ]);
  });
});

describe('formatUnix: names for editors to open', () => {
  it('writes a name as it is but for control characters, where the stylish report writes look-alikes out', () => {
    const problems = results[0]!.problems.slice(0, 1);
    const out = formatUnix(['a\u00a0b.md', 'cafe\u0301.md', 't\tx.md'].map((name) => ({ path: name, problems })));
    expect(out.split('\n').slice(0, 3).map((line) => line.slice(0, line.indexOf(':')))).toEqual(['a\u00a0b.md', 'cafe\u0301.md', 't\\x09x.md']);
  });
});

describe('formatGithub', () => {
  it('escapes data and properties as workflow commands require', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });

  it('writes one command per problem', () => {
    expect(formatGithub(results).split('\n')).toEqual([
      "::error file=_news/a.md,line=7,col=20,title=invalid-date::publishedDateTime: '2023-13-45' is not a date",
      "::warning file=_news/a.md,line=12,col=8,title=mojibake::title: 'doesnâ€™t' looks wrong",
      '::error file=pages/x%2Cy%3Az.md,line=3,col=1,title=parse-error::bad\\x1b[2J%25\\x0anext',
      '',
    ]);
  });

  it('percent-escapes CR and LF in a file name, which GitHub decodes, and writes other controls out', () => {
    const problems = results[0]!.problems.slice(0, 1);
    const lines = formatGithub([{ path: 'gh/new\nline.md', problems }, { path: 'gh/cr\rx\x1b.md', problems }, { path: 'gh/t\tb%.md', problems }]).split('\n');
    expect(lines.map((line) => line.split(',')[0])).toEqual(['::error file=gh/new%0Aline.md', '::error file=gh/cr%0Dx\\x1b.md', '::error file=gh/t\\x09b%25.md', '']);
  });

  it('writes a name with a no-break space, an ideographic space or a decomposed accent as it is, for GitHub to find the file', () => {
    const problems = results[0]!.problems.slice(0, 1);
    const names = ['a\u00a0b.md', '\u65e5\u3000\u8a9e.md', 'cafe\u0301.md'];
    const lines = formatGithub(names.map((name) => ({ path: name, problems }))).split('\n');
    expect(lines.slice(0, 3).map((line) => line.split(',')[0])).toEqual(names.map((name) => `::error file=${name}`));
  });

  it('annotates standard input as the run, the place in the message, and a file named <stdin> as a file', () => {
    const problems = results[0]!.problems.slice(0, 1);
    expect(formatGithub([{ path: '<stdin>', problems, stdin: true }, { path: '<stdin>', problems }]).split('\n')).toEqual([
      "::error title=invalid-date::standard input:7:20: publishedDateTime: '2023-13-45' is not a date",
      "::error file=<stdin>,line=7,col=20,title=invalid-date::publishedDateTime: '2023-13-45' is not a date",
      '',
    ]);
  });
});

describe('paths from the GitHub workspace', () => {
  it.each<[string, string | undefined, string]>([
    ['/repo/site', '/repo', '/repo'],
    ['/repo', '/repo', '/repo'],
    ['/repo', '/repo/', '/repo'],
    ['/elsewhere', '/repo', '/elsewhere'],
    ['/repository', '/repo', '/repository'],
    ['/repo/site', undefined, '/repo/site'],
    ['/repo/site', '', '/repo/site'],
    ['/repo/site', 'relative/repo', '/repo/site'],
    ['/repo/..data', '/repo', '/repo'],
  ])('cwd %s, GITHUB_WORKSPACE %j: root %s', (cwd, workspace, root) => {
    expect(pathRoot(cwd, workspace)).toBe(root);
  });

  it('writes shown paths relative to the root, null outside it', () => {
    expect(pathFromRoot('_news/a.md', '/repo/site', '/repo')).toBe('site/_news/a.md');
    expect(pathFromRoot('_news/a.md', '/repo', '/repo')).toBe('_news/a.md');
    expect(pathFromRoot('/repo/other/b.md', '/repo/site', '/repo')).toBe('other/b.md');
    expect(pathFromRoot('/tmp/b.md', '/repo/site', '/repo')).toBeNull();
    expect(pathFromRoot('/tmp/b.md', '/repo', '/repo')).toBeNull();
    expect(pathFromRoot('../..b.md', '/repo/site', '/repo')).toBe('..b.md');
    expect(pathFromRoot('_news/a.md', '/repo/..data', '/repo')).toBe('..data/_news/a.md');
  });

  it('annotates a file found from a subfolder by its path in the workspace', () => {
    expect(formatGithub(results.slice(0, 1), '/repo/site', '/repo').split('\n')[0]).toBe(
      "::error file=site/_news/a.md,line=7,col=20,title=invalid-date::publishedDateTime: '2023-13-45' is not a date",
    );
    const log = JSON.parse(formatSarif(results.slice(0, 1), { rules: RULES, toolVersion: '1', cwd: '/repo/site', root: '/repo' }));
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///repo/');
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'site/_news/a.md', uriBaseId: '%SRCROOT%' });
  });
});

describe('formatSarif', () => {
  it('writes a SARIF 2.1.0 log with every rule and relative locations', () => {
    const log = JSON.parse(formatSarif(results, { rules: RULES, toolVersion: '1.2.3', cwd: '/work/p' }));
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'feedtool', version: '1.2.3' });
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///work/p/');
    // Columns as JavaScript counts them: an emoji before a value counts 2.
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.results).toHaveLength(3);
    expect(run.results[0]).toEqual({
      ruleId: 'invalid-date',
      ruleIndex: RULES.findIndex((rule) => rule.id === 'invalid-date'),
      level: 'error',
      message: { text: "publishedDateTime: '2023-13-45' is not a date" },
      locations: [{ physicalLocation: { artifactLocation: { uri: '_news/a.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 7, startColumn: 20 } } }],
    });
    expect(run.results[2].locations[0].physicalLocation.artifactLocation.uri).toBe('pages/x%2Cy%3Az.md');
  });

  it('writes DEL, C1, line separators and bidi controls from files as \\u escapes', () => {
    const hostile = 'a\u007f\u009b2J\u0085\u2028\u202eX\u2066';
    const text = formatSarif([{ path: `p${hostile}.md`, problems: [{ ...results[0]!.problems[0]!, message: hostile }] }], { rules: RULES, toolVersion: '1', cwd: '/work/p' });
    expect(text).not.toMatch(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    const log = JSON.parse(text);
    expect(log.runs[0].results[0].message.text).toBe(hostile);
  });

  it('describes standard input instead of giving it a URI, and gives a file named <stdin> its URI', () => {
    const problems = results[0]!.problems;
    const log = JSON.parse(formatSarif([{ path: '<stdin>', problems, stdin: true }, { path: '<stdin>', problems }], { rules: RULES, toolVersion: '1', cwd: '/work/p' }));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ description: { text: 'standard input' } });
    expect(log.runs[0].results.at(-1).locations[0].physicalLocation.artifactLocation).toEqual({ uri: '%3Cstdin%3E', uriBaseId: '%SRCROOT%' });
  });

  it.each([
    ['no files', []],
    ['files without problems', [results[1]!, { path: 'b.md', problems: [] }]],
    ['files with problems, some without', results],
  ])('written in pieces, is the log pretty-printed as one (%s)', (_name, given) => {
    const text = formatSarif(given, { rules: RULES, toolVersion: '1', cwd: '/work/p' });
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    expect(JSON.parse(text).runs[0].results).toHaveLength(given.reduce((sum, result) => sum + result.problems.length, 0));
  });

  it('gives each file only its own results, so a log of a million streams file by file', () => {
    const pieces = sarifPieces({ rules: RULES, toolVersion: '1', cwd: '/work/p' });
    expect(pieces.head).toMatch(/"results": \[$/);
    expect(pieces.file({ path: 'clean.md', problems: [] })).toBe('');
    const first = pieces.file(results[0]!);
    expect(first.match(/"ruleId"/g)).toHaveLength(results[0]!.problems.length);
    expect(first.startsWith('\n')).toBe(true);
    expect(pieces.file(results[1]!)).toBe('');
    expect(pieces.file(results[2]!).startsWith(',\n')).toBe(true);
    expect(pieces.tail()).toMatch(/^\n {6}\]\n {4}\}\n {2}\]\n\}\n$/);
  });

  it('writes absolute paths as file URLs', () => {
    const log = JSON.parse(formatSarif([{ path: '/data/a b.md', problems: results[0]!.problems }], { rules: RULES, toolVersion: '1', cwd: '/work/p' }));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///data/a%20b.md' });
  });
});
