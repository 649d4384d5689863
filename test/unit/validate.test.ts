import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { countAll, mergeResults, onlyErrors, validateDocument, type FileResult, type Problem } from '../../src/core/validate.js';
import { RULES } from '../../src/rules/index.js';
import { ROOT } from '../helpers.js';

const NOW = new Date('2024-01-01T00:00:00Z');
const check = (text: string, options: Partial<Parameters<typeof validateDocument>[1]> = {}, fileName: string | null = 'a.md') =>
  validateDocument({ path: fileName ?? '<stdin>', fileName, bytes: Buffer.from(text) }, { now: NOW, ...options });

const GOOD = [
  '---',
  'title: "A headline"',
  'publishedDateTime: 2023-10-16T09:00:00Z',
  'originalUrl: "https://www.example.test/a"',
  'provider:',
  '  name: Example',
  '  domain: example.test',
  'topics:',
  '  - AI',
  '---',
  '',
].join('\n');

describe('the rule registry', () => {
  const ids = RULES.map((rule) => rule.id);

  it('is sorted by id, without duplicates', () => {
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has every rule the issue asks for', () => {
    for (const id of ['unreadable', 'not-utf8', 'binary-file', 'file-too-large', 'no-front-matter', 'unclosed-front-matter', 'unsafe-front-matter', 'parse-error', 'front-matter-not-mapping', 'required-field', 'field-type', 'invalid-date', 'future-date', 'filename-date-mismatch', 'invalid-url', 'insecure-url', 'score-range', 'provider-domain-mismatch', 'unknown-topic', 'mojibake', 'html-entity', 'whitespace', 'control-character', 'duplicate-url', 'duplicate-id']) {
      expect(ids).toContain(id);
    }
  });

  it('gives each rule its own module, test table and README line', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const rule of RULES) {
      expect(existsSync(path.join(ROOT, 'src', 'rules', `${rule.id}.ts`)), rule.id).toBe(true);
      expect(existsSync(path.join(ROOT, 'test', 'rules', `${rule.id}.test.ts`)), rule.id).toBe(true);
      const line = readme.split('\n').find((text) => text.startsWith(`| \`${rule.id}\``));
      expect(line, rule.id).toBeDefined();
      expect(line).toContain(rule.severity);
      expect(line).toContain(rule.fixable ? 'yes' : 'no');
      expect(rule.description.length).toBeGreaterThan(10);
    }
  });
});

describe('validateDocument', () => {
  it('finds nothing in a well-formed article', () => {
    expect(check(GOOD).result.problems).toEqual([]);
  });

  it('keeps the cross-file facts of an article', () => {
    expect(check(GOOD, {}, '2023-10-16-a.md').facts).toEqual({
      path: '2023-10-16-a.md',
      id: '2023-10-16-a',
      urlKey: 'example.test/a',
      urlField: 'originalUrl',
      urlPlace: { line: 4, column: 14 },
    });
  });

  it('has no id for standard input', () => {
    expect(check(GOOD, {}, null).facts?.id).toBeNull();
  });

  it('leaves taxonomy entries alone', () => {
    const outcome = check('---\ntaxonomy: organization\nname: Acme\nwebsite: ftp://x\n---\n');
    expect(outcome.result.problems).toEqual([]);
    expect(outcome.facts).toBeNull();
  });

  it('stops at a fatal problem, marking it fatal', () => {
    const problems = check('---\ntitle: x\ntitle: y\n---\n').result.problems;
    expect(problems.map((problem) => [problem.ruleId, problem.fatal])).toEqual([['parse-error', true]]);
  });

  it('applies severity settings, and skips rules turned off', () => {
    const text = GOOD.replace('https://www', 'http://www');
    expect(check(text).result.problems.map((problem) => problem.severity)).toEqual(['warning']);
    expect(check(text, { settings: new Map([['insecure-url', 'error']]) }).result.problems.map((problem) => problem.severity)).toEqual(['error']);
    expect(check(text, { settings: new Map([['insecure-url', 'off']]) }).result.problems).toEqual([]);
  });

  it('sorts a file’s problems by line, then column', () => {
    const problems = check('---\nquality: "1"\ntitle: 3\n---\n').result.problems;
    const places = problems.map((problem) => [problem.line, problem.column]);
    expect(places).toEqual([...places].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
  });

  it('reports a rule that throws as its own error and carries on with the others', () => {
    const rule = RULES.find((candidate) => candidate.id === 'score-range')!;
    const spy = vi.spyOn(rule, 'check').mockImplementation(() => {
      throw new Error('boom');
    });
    try {
      const outcome = check(GOOD.replace('https://www', 'http://www'));
      expect(outcome.crashed).toEqual(['score-range']);
      expect(outcome.result.problems.map((problem) => [problem.ruleId, problem.severity, problem.message])).toEqual([
        ['score-range', 'error', 'internal error in rule score-range: boom'],
        ['insecure-url', 'warning', "originalUrl: 'http://www.example.test/a' uses http: expected an https URL"],
      ]);
    } finally {
      spy.mockRestore();
    }
  });

  // validateDocument catches a rule that throws (see above), so "does not throw" proves little:
  // what counts is that no rule crashed and each input gets the problem it deserves.
  it.each<[string, Buffer, string[]]>([
    ['an empty file', Buffer.alloc(0), ['no-front-matter@1:1']],
    ['UTF-16 without front matter', Buffer.from([0xff, 0xfe, 0x41]), ['no-front-matter@1:1', 'not-utf8@1:1']],
    ['5000 nested flow sequences', Buffer.from('---\n' + '['.repeat(5000) + '\n---\n'), ['parse-error@2:64']],
    ['a self-referencing alias', Buffer.from('---\na: &a [*a]\n---\n'), ['parse-error@1:1']],
  ])('checks %s without a rule crashing', (_name, bytes, expected) => {
    const outcome = validateDocument({ path: 'x.md', fileName: 'x.md', bytes }, { now: NOW });
    expect(outcome.crashed).toEqual([]);
    expect(outcome.result.problems.map((problem) => `${problem.ruleId}@${problem.line}:${problem.column}`).sort()).toEqual(expected);
  });
});

describe('results', () => {
  const problem = (ruleId: string, severity: 'error' | 'warning', line: number, fixable = false): Problem => ({ ruleId, severity, message: ruleId, line, column: 1, fixable, fatal: false });
  const results: FileResult[] = [
    { path: 'b.md', problems: [problem('insecure-url', 'warning', 3)] },
    { path: 'a.md', problems: [problem('mojibake', 'warning', 2, true), problem('invalid-date', 'error', 5)] },
    { path: 'c.md', problems: [] },
  ];

  it('merges cross-file problems and sorts by path, then place', () => {
    const merged = mergeResults(results, new Map([['b.md', [problem('duplicate-url', 'error', 1)]]]));
    expect(merged.map((result) => [result.path, result.problems.map((p) => p.ruleId)])).toEqual([
      ['a.md', ['mojibake', 'invalid-date']],
      ['b.md', ['duplicate-url', 'insecure-url']],
      ['c.md', []],
    ]);
  });

  it('counts and filters by severity', () => {
    expect(countAll(results)).toEqual({ errors: 1, warnings: 2, fixableErrors: 0, fixableWarnings: 1, fatalErrors: 0 });
    expect(countAll(onlyErrors(results))).toMatchObject({ errors: 1, warnings: 0 });
  });
});
