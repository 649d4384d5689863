import { testRule } from './rule-tester.js';

const cp1252 = Buffer.from('---\ntitle: "Caf\xe9"\n---\n', 'latin1');
const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('---\ntitle: x\n---\n', 'utf16le')]);

testRule('not-utf8', {
  valid: [
    { name: 'UTF-8', source: '---\ntitle: "Café"\n---\n' },
    { name: 'UTF-8 with a BOM', source: Buffer.from('\ufeff---\ntitle: x\n---\n', 'utf8') },
  ],
  invalid: [
    { name: 'Windows-1252 bytes', source: cp1252, problems: [{ line: 1, column: 1, message: 'the file is not valid UTF-8 and was read as Windows-1252: expected UTF-8' }] },
    { name: 'UTF-16 with a BOM', source: utf16, problems: [{ line: 1, column: 1, message: /UTF-16 \(little-endian/ }] },
  ],
});
