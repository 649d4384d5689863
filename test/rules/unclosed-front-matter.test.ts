import { testRule } from './rule-tester.js';

testRule('unclosed-front-matter', {
  valid: [{ name: 'closed', source: '---\ntitle: x\n---\n' }],
  invalid: [
    { name: 'never closed', source: '---\ntitle: x\nbody text\n', problems: [{ line: 1, column: 1, message: /never closed/ }] },
    { name: 'only the fence', source: '---', problems: [{ line: 1, column: 1 }] },
  ],
});
