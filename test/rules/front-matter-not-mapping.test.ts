import { testRule } from './rule-tester.js';

testRule('front-matter-not-mapping', {
  valid: [
    { name: 'a mapping', source: '---\ntitle: x\n---\n' },
    { name: 'no front matter is another rule', source: 'text\n' },
  ],
  invalid: [
    { name: 'a list', source: '---\n- a\n- b\n---\n', problems: [{ line: 2, column: 1, message: 'front matter is a list: expected a mapping of fields (key: value)' }] },
    { name: 'text', source: '---\n\njust text\n---\n', problems: [{ line: 3, column: 1, message: /is a string/ }] },
    { name: 'a number', source: '---\n42\n---\n', problems: [{ line: 2, column: 1 }] },
  ],
});
