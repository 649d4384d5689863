import { describe, expect, it } from 'vitest';
import { explainYamlProblem } from '../../src/core/yaml-hints.js';
import { loadYaml, YamlError } from '../../src/core/yaml.js';

// What parseDocument reports for YAML text: js-yaml's problem, explained.
function explained(text: string): { message: string; line: number; column: number } {
  try {
    loadYaml(text);
  } catch (error) {
    if (!(error instanceof YamlError)) throw error;
    return explainYamlProblem(text, { message: error.message, line: error.line, column: error.column });
  }
  throw new Error('the YAML loaded');
}

describe('explainYamlProblem', () => {
  it.each([
    ['title: AI: the next step\n', 0, /put the value in quotes \(title: "AI: the next step"\) /],
    ['a: 1\nexcerpt: Time: 10am, place: here # note\n', 1, /\(excerpt: "Time: 10am, place: here"\) /],
    ['related:\n  - title: A: B\n', 1, /\(title: "A: B"\) /],
  ])('a colon in an unquoted value: %j', (text, line, message) => {
    const problem = explained(text);
    expect(problem.line).toBe(line);
    expect(problem.message).toMatch(/^a ': ' inside an unquoted value starts another key: put the value in quotes/);
    expect(problem.message).toMatch(/ \(js-yaml: bad indentation of a mapping entry\)$/);
    expect(problem.message).toMatch(message);
  });

  it('cuts a long example, never inside a character', () => {
    const problem = explained(`title: A: ${'x'.repeat(200)}\n`);
    expect(problem.message).toMatch(/\(title: "A: x+…\) /);
    expect(problem.message.length).toBeLessThan(200);
    const emoji = explained(`title: AI: ${'a'.repeat(46)}😀😀😀\n`);
    expect(emoji.message).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(emoji.message).toMatch(/a(?:😀)?…\) /);
  });

  it.each([
    ['title: "Unclosed\nexcerpt: x\n', { line: 0, column: 7 }, 'double'],
    ["a: 1\ntitle: 'It''s\nexcerpt: x\n", { line: 1, column: 7 }, 'single'],
    ['topics:\n  - "AI\n  - x: y\n', { line: 1, column: 4 }, 'double'],
    // The next value's opening quote closes the open one: the culprit is still the first.
    ['title: "AI is here\nexcerpt: "more text"\n', { line: 0, column: 7 }, 'double'],
    ['title: "AI is here\nexcerpt: "more text\n', { line: 0, column: 7 }, 'double'],
    ["title: 'AI is here\nexcerpt: 'more text'\n", { line: 0, column: 7 }, 'single'],
    // A block under a key holding a colon, or a quoted key; a plain value's continuation line starting with a quote.
    ['og:description: |\n  He said: "hello\ntitle: "Unclosed\n', { line: 2, column: 7 }, 'double'],
    ['"excerpt": >\n  He said: "hello\ntitle: "Unclosed\n', { line: 2, column: 7 }, 'double'],
    ['excerpt: He said\n  "hello and more\ntitle: x\nurl: "https://a.com/x\n', { line: 3, column: 5 }, 'double'],
    // Quotes inside a | or > block are its text, not YAML.
    ['excerpt: |\n  He said: "hello\ntitle: "AI\n', { line: 2, column: 7 }, 'double'],
    ['excerpt: |\n  Quote: "to be\n  continued\ntitle: AI\nnote: "open\n', { line: 4, column: 6 }, 'double'],
    ["excerpt: >-\n  code: 'x\n  more\ntitle: 'open\nprovider: x\n", { line: 3, column: 7 }, 'single'],
    // A value quoted over two lines, closed, then one left open.
    ['title: "one\n  two"\nexcerpt: "open\nx: 1\n', { line: 2, column: 9 }, 'double'],
  ])('a quote not closed on its line is placed at the quote: %j', (text, place, kind) => {
    const problem = explained(text);
    expect({ line: problem.line, column: problem.column }).toEqual(place);
    expect(problem.message).toMatch(new RegExp(`^a ${kind}-quoted value is not closed on its line: close the quote`));
  });

  it.each([
    // An escaped quote closes nothing; the value is still open.
    ['title: "say \\"hi\\"\nexcerpt: x\n', true],
    // A value quoted over two lines, closed, then another mistake: not blamed on the quote.
    ['title: "one\n  two"\nexcerpt: [a\n', false],
    // No colon inside the value: js-yaml's reason alone.
    ['title: x\n bad: y\n', false],
    // A colon in the value, but the line's indentation is the fault (js-yaml stops at the key).
    ['title: T\nx: 1\n  note: see: here\n', false],
  ])('%j: hint %s', (text, hinted) => {
    const problem = explained(text);
    expect(/not closed on its line|put the value in quotes/.test(problem.message)).toBe(hinted);
  });

  it('places a quote inside quotes after a quoted key at that quote', () => {
    const problem = explained('"title": "A "b" c"\n');
    expect([problem.line, problem.column]).toEqual([0, 12]);
    expect(problem.message).toMatch(/^a " inside a double-quoted value ends it/);
  });

  it('reads a hostile long line in linear time', () => {
    const line = `title: ${'a: '.repeat(50_000)}\n`;
    expect(explainYamlProblem(line, { message: 'bad indentation of a mapping entry', line: 0, column: 9 }).message).toMatch(/put the value in quotes/);
    const noColon = `title: x${' :x'.repeat(50_000)}#\n`;
    expect(explainYamlProblem(noColon, { message: 'bad indentation of a mapping entry', line: 0, column: 9 }).message).toMatch(/^bad indentation/);
  });
});

describe('explainYamlProblem on hostile lines', () => {
  it.each([
    ['a long run of spaces inside the value', `title: v: ${' '.repeat(100_000)}x #`],
    ['a long key', `${'k'.repeat(100_000)}: v: x`],
    ['many colons', `title: v${': '.repeat(50_000)}#`],
    ['a long quoted line', `title: "${'\\"'.repeat(50_000)}`],
  ])('%s: read in linear time', (_name, line) => {
    for (const message of ['bad indentation of a mapping entry', 'deficient indentation']) {
      const line0 = message.startsWith('bad') ? 0 : 1;
      expect(typeof explainYamlProblem(`${line}\nx: 1\n`, { message, line: line0, column: 0 }).message).toBe('string');
    }
  });
});
