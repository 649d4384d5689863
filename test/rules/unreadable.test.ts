import { testRule } from './rule-tester.js';

testRule('unreadable', {
  valid: [
    { name: 'a readable file', source: '---\ntitle: x\n---\n' },
    { name: 'a file too large is another rule', source: { failure: { code: 'file-too-large', message: 'file is 2 MiB' } } },
  ],
  invalid: [
    { name: 'permission denied', source: { failure: { code: 'unreadable', message: 'permission denied' } }, problems: [{ line: 1, column: 1, message: 'permission denied' }] },
  ],
});
