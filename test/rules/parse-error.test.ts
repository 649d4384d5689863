import { testRule } from './rule-tester.js';

const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);

testRule('parse-error', {
  valid: [{ name: 'valid YAML', source: '---\ntitle: x\ntopics: [a, b]\n---\n' }],
  invalid: [
    { name: 'a duplicate key, at the duplicate', source: '---\ntitle: x\nexcerpt: y\ntitle: z\n---\n', problems: [{ line: 4, column: 1, message: /duplicated mapping key/ }] },
    { name: 'a duplicate key in a CRLF file with a BOM', source: '\ufeff---\r\ntitle: x\r\ntitle: z\r\n---\r\n', problems: [{ line: 3, column: 1 }] },
    { name: 'an unclosed flow sequence', source: '---\ntitle: x\ntopics: [a, b\n---\n', problems: [{ line: 3, column: 14 }] },
    { name: 'an alias bomb', source: `---\n${bomb.join('\n')}\n---\n`, problems: [{ line: 1, column: 1, message: /alias bomb/ }] },
  ],
});
