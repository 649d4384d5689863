import { describe, expect, it } from 'vitest';
import { corpusProblemsOf, doc, validLines } from './rule-tester.js';

const story = (n: number) => doc(...validLines({ originalUrl: `originalUrl: https://example.test/${n}`, webUrl: null }));

describe('id-case-conflict', () => {
  it('valid: ids that differ in more than case', () => {
    expect(corpusProblemsOf('id-case-conflict', { 'a/story-1.md': story(1), 'b/story-2.md': story(2) })).toEqual({});
  });

  it('valid: the very same id twice is duplicate-id, not this rule', () => {
    expect(corpusProblemsOf('id-case-conflict', { 'a/story.md': story(1), 'b/story.md': story(2) })).toEqual({});
  });

  it('valid: documents that are not articles are not compared', () => {
    expect(corpusProblemsOf('id-case-conflict', { 'a/About.md': 'text', 'b/about.md': story(1) })).toEqual({});
  });

  it('invalid: ids that differ only in case, each naming the other', () => {
    const found = corpusProblemsOf('id-case-conflict', { '_news/Story.md': story(1), '_archive/story.markdown': story(2) });
    expect(Object.keys(found).sort()).toEqual(['_archive/story.markdown', '_news/Story.md']);
    const problem = found['_news/Story.md']![0]!;
    expect({ line: problem.line, column: problem.column, severity: problem.severity }).toEqual({ line: 1, column: 1, severity: 'warning' });
    expect(problem.message).toBe(
      "the id 'Story' (the file name) differs only in case from 'story' in _archive/story.markdown: on a case-insensitive file system (macOS, Windows), or in a URL made from the id, they are one page; expected ids that differ in more than case",
    );
    expect(found['_archive/story.markdown']![0]!.message).toMatch(/^the id 'story' \(the file name\) differs only in case from 'Story' in _news\/Story\.md:/);
  });

  it('invalid: a file names only the files whose id differs from its own, and counts them', () => {
    const found = corpusProblemsOf('id-case-conflict', { 'a/story.md': story(1), 'b/story.md': story(2), 'c/STORY.md': story(3), 'd/Story.md': story(4) });
    expect(Object.keys(found).sort()).toEqual(['a/story.md', 'b/story.md', 'c/STORY.md', 'd/Story.md']);
    expect(found['a/story.md']![0]!.message).toMatch(/differs only in case from 'STORY' in c\/STORY\.md and 1 other file:/);
    expect(found['c/STORY.md']![0]!.message).toMatch(/differs only in case from 'story' in a\/story\.md and 2 other files:/);
  });

  it('invalid: ids that differ only in Unicode form (one name on macOS), each shown so the two differ', () => {
    const found = corpusProblemsOf('id-case-conflict', { 'a/caf\u00e9.md': story(1), 'b/cafe\u0301.md': story(2) });
    expect(Object.keys(found).sort()).toEqual(['a/caf\u00e9.md', 'b/cafe\u0301.md']);
    expect(found['a/caf\u00e9.md']![0]!.message).toBe(
      "the id 'caf\u00e9' (the file name) differs only in Unicode form (composed or decomposed characters) from 'cafe\\u0301' in b/cafe\\u0301.md: on macOS, whose file systems compare names in one Unicode form (and letter case), they are one file; expected ids that differ in more than that",
    );
  });

  it('invalid: ids that differ in case and Unicode form', () => {
    const found = corpusProblemsOf('id-case-conflict', { 'a/Caf\u00e9.md': story(1), 'b/cafe\u0301.md': story(2) });
    expect(found['a/Caf\u00e9.md']![0]!.message).toMatch(/^the id 'Caf\u00e9' \(the file name\) differs only in case and Unicode form from 'cafe\\u0301' in b\/cafe\\u0301\.md: on macOS, whose file systems/);
    // Hangul as macOS writes it, and the Ångström sign: no accent, but one name there too.
    const hangul = corpusProblemsOf('id-case-conflict', { 'a/\ud55c.md': story(1), 'b/\u1112\u1161\u11ab.md': story(2) });
    expect(hangul['a/\ud55c.md']![0]!.message).toBe(
      "the id '\ud55c' (the file name) differs only in Unicode form (composed or decomposed characters) from '\u1112\\u1161\\u11ab' in b/\u1112\\u1161\\u11ab.md: on macOS, whose file systems compare names in one Unicode form (and letter case), they are one file; expected ids that differ in more than that",
    );
  });

  it('invalid: a group whose ids differ from one file\'s in different ways says both, with each consequence', () => {
    const found = corpusProblemsOf('id-case-conflict', { 'a/caf\u00e9.md': story(1), 'b/Caf\u00e9.md': story(2), 'c/cafe\u0301.md': story(3) });
    expect(found['a/caf\u00e9.md']![0]!.message).toBe(
      "the id 'caf\u00e9' (the file name) differs only in case or Unicode form from 'Caf\u00e9' in b/Caf\u00e9.md and 1 other file: on macOS, whose file systems compare names in one Unicode form and letter case, they are one file, and those that differ only in case are one page on Windows too, or in a URL made from the id; expected ids that differ in more than that",
    );
    expect(found['b/Caf\u00e9.md']![0]!.message).toMatch(/differs only in case or Unicode form from 'caf\u00e9' in a\/caf\u00e9\.md and 1 other file: on macOS, whose file systems compare names in one Unicode form and letter case, they are one file, and those/);
    // Both others differ from 'cafe\u0301' in form (one in case too): macOS's consequence alone.
    const formed = corpusProblemsOf('id-case-conflict', { 'a/caf\u00e9.md': story(1), 'b/cafe\u0301.md': story(2), 'c/Cafe\u0301.md': story(3) });
    expect(formed['a/caf\u00e9.md']![0]!.message).toMatch(/differs only in case or Unicode form from 'cafe\\u0301' in b\/cafe\\u0301\.md and 1 other file: on macOS, whose file systems compare names in one Unicode form \(and letter case\), they are one file;/);
    expect(formed['b/cafe\u0301.md']![0]!.message).toMatch(/differs only in case or Unicode form from 'caf\u00e9' in a\/caf\u00e9\.md and 1 other file: on macOS, whose file systems compare names in one Unicode form and letter case, they are one file, and those/);
    // Every other id differs from 'STORY' only in case, whatever their own differences.
    const cased = corpusProblemsOf('id-case-conflict', { 'a/STORY.md': story(1), 'b/story.md': story(2), 'c/Story.md': story(3) });
    expect(cased['a/STORY.md']![0]!.message).toMatch(/differs only in case from 'story' in b\/story\.md and 1 other file: on a case-insensitive/);
    // The Ångström sign and Å are one in NFC and in lower case: a difference of form only.
    const angstrom = corpusProblemsOf('id-case-conflict', { 'a/\u00c5.md': story(1), 'b/\u212b.md': story(2) });
    expect(angstrom['a/\u00c5.md']![0]!.message).toMatch(/differs only in Unicode form \(composed or decomposed characters\) from '\\u212b'/);
  });

  it('valid: ids with different accents are different ids', () => {
    expect(corpusProblemsOf('id-case-conflict', { 'a/caf\u00e9.md': story(1), 'b/caf\u00e8.md': story(2) })).toEqual({});
  });

  it('invalid: a control character in a name is shown escaped', () => {
    const found = corpusProblemsOf('id-case-conflict', { 'a/A\tb.md': story(1), 'b/a\tb.md': story(2) });
    expect(found['a/A\tb.md']![0]!.message).toMatch(/^the id 'A\\x09b' \(the file name\) differs only in case from 'a\\x09b' in b\/a\\x09b\.md:/);
  });
});
