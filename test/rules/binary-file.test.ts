import { testRule } from './rule-tester.js';

testRule('binary-file', {
  valid: [{ name: 'text', source: '---\ntitle: x\n---\n' }],
  invalid: [
    { name: 'a NUL byte', source: Uint8Array.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]), problems: [{ line: 1, column: 1, message: /binary file/ }] },
    { name: 'UTF-16 text holding NUL', source: Uint8Array.from([0xff, 0xfe, 0x00, 0x00, 0x41, 0x00]), problems: [{ line: 1, column: 1 }] },
  ],
});
