import { testRule } from './rule-tester.js';

testRule('no-front-matter', {
  valid: [
    { name: 'front matter', source: '---\ntitle: x\n---\nbody\n' },
    { name: 'empty front matter', source: '---\n---\nbody\n' },
  ],
  invalid: [
    { name: 'plain Markdown', source: '# Heading\n\ntext\n', problems: [{ line: 1, column: 1, message: /^no front matter/ }] },
    { name: 'a thematic break is not a fence', source: '----\ntitle: x\n----\n', problems: [{ line: 1, column: 1 }] },
    { name: 'an empty file', source: '', problems: [{ line: 1, column: 1 }] },
  ],
});
