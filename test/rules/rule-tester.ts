// A table-driven tester for validate rules: valid sources give no problem, invalid ones exactly the listed places.
import { describe, expect, it } from 'vitest';
import { Taxonomy } from '../../src/core/taxonomy.js';
import { validateCorpus, validateDocument, type FileSource, type Problem } from '../../src/core/validate.js';
import { findRule } from '../../src/rules/index.js';
import type { FileFacts } from '../../src/rules/types.js';

export const NOW = new Date('2024-01-01T00:00:00Z');

export interface RuleCase {
  name: string;
  /** The file's text (or bytes); or a read failure. */
  source: string | Uint8Array | { failure: { code: 'unreadable' | 'file-too-large'; message: string } };
  fileName?: string | null;
  taxonomy?: Taxonomy;
  now?: Date;
}

export interface InvalidCase extends RuleCase {
  problems: { line: number; column: number; message?: string | RegExp }[];
}

/** A small taxonomy: AI, Machine Learning (id machine-learning), Robotics. */
export const TAXONOMY = new Taxonomy([
  { name: 'AI', id: 'ai', parent: null, keywords: [] },
  { name: 'Machine Learning', id: 'machine-learning', parent: 'AI', keywords: [], shortname: 'ML' },
  { name: 'Robotics', id: 'robotics', parent: 'AI', keywords: [] },
]);

function toSource(testCase: RuleCase): FileSource {
  const fileName = testCase.fileName === undefined ? 'article.md' : testCase.fileName;
  const path = fileName ?? '<stdin>';
  const source = testCase.source;
  if (typeof source === 'string') return { path, fileName, bytes: Buffer.from(source, 'utf8') };
  if (source instanceof Uint8Array) return { path, fileName, bytes: source };
  return { path, fileName, failure: source.failure };
}

/** The problems one rule reports for one case. */
export function problemsOf(ruleId: string, testCase: RuleCase): Problem[] {
  const outcome = validateDocument(toSource(testCase), { now: testCase.now ?? NOW, taxonomy: testCase.taxonomy ?? null });
  expect(outcome.crashed).toEqual([]);
  return outcome.result.problems.filter((problem) => problem.ruleId === ruleId);
}

/** Defines the tests of a document rule from its tables. */
export function testRule(ruleId: string, tables: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  const rule = findRule(ruleId);
  describe(ruleId, () => {
    it('is registered', () => {
      expect(rule?.id).toBe(ruleId);
    });
    for (const testCase of tables.valid) {
      it(`valid: ${testCase.name}`, () => {
        expect(problemsOf(ruleId, testCase)).toEqual([]);
      });
    }
    for (const testCase of tables.invalid) {
      it(`invalid: ${testCase.name}`, () => {
        const found = problemsOf(ruleId, testCase);
        expect(found.map(({ line, column }) => ({ line, column }))).toEqual(testCase.problems.map(({ line, column }) => ({ line, column })));
        testCase.problems.forEach((expected, index) => {
          const problem = found[index]!;
          expect(problem.severity).toBe(rule!.severity);
          if (typeof expected.message === 'string') expect(problem.message).toBe(expected.message);
          else if (expected.message) expect(problem.message).toMatch(expected.message);
        });
      });
    }
  });
}

/** Runs the cross-file rules over several files and returns one rule's problems by path. */
export function corpusProblemsOf(ruleId: string, files: Record<string, string>): Record<string, Problem[]> {
  const facts: FileFacts[] = [];
  for (const [path, text] of Object.entries(files)) {
    const outcome = validateDocument({ path, fileName: path.slice(path.lastIndexOf('/') + 1), bytes: Buffer.from(text) }, { now: NOW });
    if (outcome.facts) facts.push(outcome.facts);
  }
  const found: Record<string, Problem[]> = {};
  for (const [path, problems] of validateCorpus(facts, {})) {
    const mine = problems.filter((problem) => problem.ruleId === ruleId);
    if (mine.length > 0) found[path] = mine;
  }
  return found;
}

/** Front matter from lines, with LF line ends: `doc('title: x', 'webUrl: y')`. */
export function doc(...lines: string[]): string {
  return `---\n${lines.join('\n')}\n---\n`;
}

/** A complete, valid article's front-matter lines; `replace` swaps (null drops) or appends top-level entries by key. */
export function validLines(replace: Record<string, string | null> = {}): string[] {
  const base: [string, string][] = [
    ['title', 'title: "A fine headline"'],
    ['excerpt', 'excerpt: "Something happened."'],
    ['publishedDateTime', 'publishedDateTime: 2023-10-16T09:00:00Z'],
    ['originalUrl', 'originalUrl: "https://www.example.test/news/a"'],
    ['webUrl', 'webUrl: "https://www.example.test/news/a"'],
    ['provider', 'provider:\n  name: Example News\n  domain: example.test'],
    ['topics', 'topics:\n  - AI'],
  ];
  const lines: string[] = [];
  for (const [key, line] of base) {
    if (!(key in replace)) lines.push(line);
    else if (replace[key] !== null) lines.push(replace[key]!);
  }
  for (const [key, line] of Object.entries(replace)) {
    if (!base.some(([known]) => known === key) && line !== null) lines.push(line);
  }
  return lines.join('\n').split('\n');
}
