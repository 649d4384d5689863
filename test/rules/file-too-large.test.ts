import { testRule } from './rule-tester.js';

testRule('file-too-large', {
  valid: [
    { name: 'a readable file', source: '---\ntitle: x\n---\n' },
    { name: 'an unreadable file is another rule', source: { failure: { code: 'unreadable', message: 'permission denied' } } },
  ],
  invalid: [
    {
      name: 'over the limit',
      source: { failure: { code: 'file-too-large', message: 'file is 12 MiB, over the 10 MiB limit (--max-file-size)' } },
      problems: [{ line: 1, column: 1, message: 'file is 12 MiB, over the 10 MiB limit (--max-file-size)' }],
    },
  ],
});
