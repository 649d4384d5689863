import { describe, expect, it } from 'vitest';
import { corpusProblemsOf, doc, validLines } from './rule-tester.js';

const story = (n: number) => doc(...validLines({ originalUrl: `originalUrl: https://example.test/${n}`, webUrl: null }));

describe('duplicate-id', () => {
  it('valid: different file names', () => {
    expect(corpusProblemsOf('duplicate-id', { 'a/one.md': story(1), 'a/two.md': story(2) })).toEqual({});
  });

  it('valid: documents that are not articles are not compared', () => {
    expect(corpusProblemsOf('duplicate-id', { 'a/about.md': 'text', 'b/about.md': 'text' })).toEqual({});
    // Front matter without a title (a page) is no article either, beside an article or another page.
    const page = '---\nlayout: page\n---\n';
    expect(corpusProblemsOf('duplicate-id', { 'pages/story.md': page, '_news/story.md': story(1), 'other/story.md': page })).toEqual({});
  });

  it('invalid: the same name in two folders, each naming the other', () => {
    const found = corpusProblemsOf('duplicate-id', { '_news/story.md': story(1), '_archive/story.markdown': story(2) });
    expect(Object.keys(found).sort()).toEqual(['_archive/story.markdown', '_news/story.md']);
    const problem = found['_news/story.md']![0]!;
    expect({ line: problem.line, column: problem.column, severity: problem.severity }).toEqual({ line: 1, column: 1, severity: 'error' });
    expect(problem.message).toBe("the id 'story' (the file name) is also the id of _archive/story.markdown: expected unique file names");
  });
});
