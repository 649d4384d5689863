import { testRule } from './rule-tester.js';

const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);

testRule('parse-error', {
  valid: [{ name: 'valid YAML', source: '---\ntitle: x\ntopics: [a, b]\n---\n' }],
  invalid: [
    { name: 'a duplicate key, at the duplicate', source: '---\ntitle: x\nexcerpt: y\ntitle: z\n---\n', problems: [{ line: 4, column: 1, message: /duplicated mapping key/ }] },
    { name: 'a duplicate key in a CRLF file with a BOM', source: '\ufeff---\r\ntitle: x\r\ntitle: z\r\n---\r\n', problems: [{ line: 3, column: 1 }] },
    { name: 'an unclosed flow sequence', source: '---\ntitle: x\ntopics: [a, b\n---\n', problems: [{ line: 3, column: 14 }] },
    {
      name: 'a tag outside the core schema, named as written, not called invalid YAML',
      source: '---\ntitle: x\npublishedDateTime: !!timestamp 2023-10-16T09:00:00Z\n---\n',
      problems: [{ line: 3, column: 20, message: "front matter: the YAML tag !!timestamp is not read (feedtool reads only the core schema's tags: !!str, !!int, !!float, !!bool, !!null, !!seq, !!map): write the value without it" }],
    },
    { name: 'a set', source: '---\ntitle: x\nx: !!set {a, b}\n---\n', problems: [{ line: 3, column: 4, message: /^front matter: the YAML tag !!set is not read/ }] },
    { name: 'a tag with an escaped space, named whole', source: '---\ntitle: x\nx: !foo%20bar 1\n---\n', problems: [{ line: 3, column: 4, message: /^front matter: the YAML tag !foo bar is not read/ }] },
    { name: 'a local tag', source: '---\ntitle: x\nx: !thing 1\n---\n', problems: [{ line: 3, column: 4, message: /^front matter: the YAML tag !thing is not read/ }] },
    { name: "a huge tag name js-yaml refuses: its message cut", source: `---\ntitle: x\nnote: !${'\u00e9'.repeat(100_000)} x\n---\n`, problems: [{ line: 3, column: 100_008, message: /^front matter is not valid YAML: tag name cannot contain such characters: é+…$/ }] },
    { name: 'a huge tag, named by its start', source: `---\ntitle: x\nx: !${'t'.repeat(100_000)} 1\n---\n`, problems: [{ line: 3, column: 4, message: /^front matter: the YAML tag !t{98}… is not read/ }] },
    {
      name: "a ': ' inside an unquoted value: the hint to quote it, at js-yaml's place",
      source: '---\ntitle: AI: the next step\n---\n',
      problems: [{ line: 2, column: 10, message: 'front matter is not valid YAML: a \': \' inside an unquoted value starts another key: put the value in quotes (title: "AI: the next step") (js-yaml: bad indentation of a mapping entry)' }],
    },
    { name: 'the same in a related entry', source: '---\ntitle: x\nrelated:\n  - title: Q&A: what "open" means\n---\n', problems: [{ line: 4, column: 15, message: /put the value in quotes \(title: "Q&A: what \\"open\\" means"\) \(js-yaml: bad indentation of a mapping entry\)$/ }] },
    {
      name: "a quote of the value's own kind inside it: placed at that quote",
      source: "---\ntitle: 'It's broken'\n---\n",
      problems: [{ line: 2, column: 11, message: "front matter is not valid YAML: a ' inside a single-quoted value ends it: write it twice ('') or quote the value with double quotes (js-yaml: bad indentation of a mapping entry)" }],
    },
    { name: 'a double quote inside double quotes', source: '---\ntitle: "A "quoted" word"\n---\n', problems: [{ line: 2, column: 11, message: /^front matter is not valid YAML: a " inside a double-quoted value ends it: write it \\" or quote the value with single quotes/ }] },
    {
      name: 'a quote not closed on its line: placed at the quote, not the line after',
      source: '---\ntitle: "Unclosed\nexcerpt: x\n---\n',
      problems: [{ line: 2, column: 8, message: 'front matter is not valid YAML: a double-quoted value is not closed on its line: close the quote, or quote a value that spans lines with every line after the first indented (js-yaml: deficient indentation)' }],
    },
    { name: 'a single quote, after a closed one', source: "---\ntitle: 'It''s fine'\nexcerpt: 'not closed\ntopics: [a]\n---\n", problems: [{ line: 3, column: 10, message: /a single-quoted value is not closed on its line/ }] },
    { name: 'an alias bomb', source: `---\n${bomb.join('\n')}\n---\n`, problems: [{ line: 1, column: 1, message: /alias bomb/ }] },
  ],
});
