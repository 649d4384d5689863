import { testRule } from './rule-tester.js';

testRule('unsafe-front-matter', {
  valid: [
    { name: 'plain fence', source: '---\ntitle: x\n---\n' },
    { name: 'yaml language', source: '---yaml\ntitle: x\n---\n' },
  ],
  invalid: [
    { name: 'javascript', source: '---js\n{ title: require("fs") }\n---\n', problems: [{ line: 1, column: 4, message: /refused/ }] },
    { name: 'coffee with spaces and case', source: '--- Coffee \ntitle: "x"\n---\n', problems: [{ line: 1, column: 5 }] },
    { name: 'a prototype method name', source: '---constructor\ntitle: x\n---\n', problems: [{ line: 1, column: 4 }] },
    { name: 'after a BOM, with CRLF', source: '\ufeff---javascript\r\nmodule.exports = {}\r\n---\r\n', problems: [{ line: 1, column: 4 }] },
  ],
});
