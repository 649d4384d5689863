// parseDocument: fences, refused languages, YAML errors placed in the file, and hostile YAML.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument, type ParsedDocument, type ParseFailure } from '../../src/core/parse.js';

function ok(source: string): ParsedDocument {
  const result = parseDocument(source);
  if (!result.ok) throw new Error(`expected a parsed document, got ${result.code}: ${result.message}`);
  return result;
}

function fail(source: string): ParseFailure {
  const result = parseDocument(source);
  if (result.ok) throw new Error(`expected a failure, got data ${JSON.stringify(result.data)}`);
  return result;
}

describe('parseDocument: fences', () => {
  it('a document without front matter is all body', () => {
    const doc = ok('# Heading\n\nJust text.\n');
    expect(doc.hasFrontMatter).toBe(false);
    expect(doc.data).toBeUndefined();
    expect(doc.body).toBe('# Heading\n\nJust text.\n');
  });

  it('empty front matter gives an empty mapping and the body', () => {
    const doc = ok('---\n---\nBody here\n');
    expect(doc.hasFrontMatter).toBe(true);
    expect(doc.data).toEqual({});
    expect(doc.body).toBe('Body here\n');
  });

  it('`----` is not a fence: the text is body', () => {
    const doc = ok('----\ntitle: not front matter\n----\n');
    expect(doc.hasFrontMatter).toBe(false);
    expect(doc.data).toBeUndefined();
    expect(doc.body).toContain('title: not front matter');
  });

  it.each(['yaml', 'yml', 'YAML', ' yaml '])('`---%s` is accepted as YAML', (language) => {
    const doc = ok(`---${language}\ntitle: Hello\ncount: 3\n---\nBody\n`);
    expect(doc.data).toEqual({ title: 'Hello', count: 3 });
    expect(doc.body).toBe('Body\n');
  });

  it('front matter that is a list or a scalar is returned as such (not an article later)', () => {
    expect(ok('---\n- a\n- b\n---\n').data).toEqual(['a', 'b']);
    expect(ok('---\njust a string\n---\n').data).toBe('just a string');
  });

  it('an unclosed fence is an error, not a body parsed as YAML', () => {
    const failure = fail('---\ntitle: never closed\n\nSome body text: with a colon\n');
    expect(failure.code).toBe('unclosed-front-matter');
    expect(failure.line).toBe(1);
    expect(fail('---').code).toBe('unclosed-front-matter');
  });

  it('a BOM before the fence is ignored', () => {
    expect(ok('\ufeff---\ntitle: With BOM\n---\n').data).toEqual({ title: 'With BOM' });
  });
});

describe('parseDocument: front matter in other languages is refused, never run', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'feedtool-parse-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let counter = 0;

  const payload = (target: string) =>
    `{ title: (function () { require("fs").writeFileSync(${JSON.stringify(target)}, "pwned"); return "x"; })() }`;

  it.each([
    ['---js', '\n'],
    ['---javascript', '\n'],
    ['--- JavaScript ', '\n'],
    ['---coffee', '\n'],
    ['---JS', '\n'],
    ['\ufeff---js', '\n'],
    ['---js', '\r\n'],
    ['\ufeff---javascript', '\r\n'],
    ['---json', '\n'],
    ['---toml', '\n'],
  ])('%j (line end %j) is refused', (fence, eol) => {
    const target = path.join(dir, `pwned-${counter++}`);
    const source = [fence, payload(target), '---', 'body'].join(eol);
    const failure = fail(source);
    expect(failure.code).toBe('unsafe-front-matter');
    expect(failure.line).toBe(1);
    expect(failure.message).toMatch(/refused/);
    expect(existsSync(target)).toBe(false);
  });

  it.each([
    ['---js\n', 4],
    ['--- JS \n', 5],
    ['---\tcoffee\n', 5],
    ['---   toml\n', 7],
  ])('%j is placed where the language is named (column %i)', (fence, column) => {
    const failure = fail(`${fence}title: x\n---\n`);
    expect([failure.code, failure.line, failure.column]).toEqual(['unsafe-front-matter', 1, column]);
  });

  it('names a long language cut whole, never half an emoji', () => {
    const failure = fail(`---${'x'.repeat(39)}\u{1F600}tail\ntitle: x\n---\n`);
    expect(failure.message).toBe(`front matter in language "${'x'.repeat(39)}…" is refused: only YAML is read, never executed`);
    expect(failure.message).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('the payload used above would write a file if evaluated (so the test above can fail)', () => {
    const target = path.join(dir, 'control');
    new Function('require', `return (${payload(target)});`)(createRequire(import.meta.url));
    expect(existsSync(target)).toBe(true);
  });
});

describe('parseDocument: YAML errors carry their place in the file', () => {
  it('a syntax error on file line 4, column 7', () => {
    const failure = fail('---\ntitle: ok\nsort: 1\nkeys: @bad\n---\nbody\n');
    expect(failure.code).toBe('parse-error');
    expect([failure.line, failure.column]).toEqual([4, 7]);
  });

  it('the same error is at the same place with a BOM, CRLF and `---yaml`', () => {
    for (const source of [
      '\ufeff---\r\ntitle: ok\r\nsort: 1\r\nkeys: @bad\r\n---\r\n',
      '---yaml\ntitle: ok\nsort: 1\nkeys: @bad\n---\n',
    ]) {
      const failure = fail(source);
      expect([failure.code, failure.line, failure.column]).toEqual(['parse-error', 4, 7]);
    }
  });

  it.each([
    ['a second document after `...`', '---\ntitle: ok\n...\nfoo: 1\n---\n', 3, 1],
    ['an explicit key that is a flow sequence', '---\ntitle: ok\n? [a, b]\n: 1\n---\n', 3, 1],
    ['a flow sequence as a key', '---\ntitle: ok\n[a, b]: 1\n---\n', 3, 1],
    ['a complex key after a simple explicit one', '---\ntitle: ok\nx:\n  ? a\n  : 1\n  ? [c]\n  : 2\n---\n', 6, 3],
    ['an explicit key over a block sequence', '---\ntitle: ok\nx:\n  ? - a\n    - b\n  : 1\n---\n', 4, 3],
    ['an explicit key over a block mapping', '---\ntitle: ok\nx:\n  ?\n    a: 1\n  : 1\n---\n', 4, 3],
    // Lines that look like such keys but are not are passed over.
    ['a reference link in a block scalar above the key', '---\ntitle: ok\nnotes: |\n  [1]: http://x.test\nx:\n  ? [c]\n  : 2\n---\n', 6, 3],
    ['an explicit key that is an anchored scalar above', '---\ntitle: ok\n? &k plain\n: 1\n? [c]\n: 2\n---\n', 5, 1],
    ['an explicit key that is a tagged scalar above', '---\ntitle: ok\n? !!str x\n: 1\nfoo:\n  ? {a: 1}\n---\n', 6, 3],
    ['a look-alike inside a quoted string above', '---\ntitle: "a\n  [x]: y"\nz:\n  ? [q]\n---\n', 5, 3],
    ['a flow key inside a flow mapping', '---\ntitle: ok\nx: {[a]: 1}\n---\n', 3, 5],
    ['a flow key after another key in a flow mapping', '---\ntitle: ok\nm: {x: 1, [a]: 1}\n---\n', 3, 11],
    ['a flow key inside a flow sequence', '---\ntitle: ok\nl: [1, [a]: 1]\n---\n', 3, 8],
    ['a flow key in a sequence item', '---\ntitle: ok\nl:\n  - [a, b]: 1\n---\n', 4, 5],
  ])('js-yaml errors it gives no place for are placed on their line: %s', (_name, source, line, column) => {
    const failure = fail(source);
    expect([failure.code, failure.line, failure.column]).toEqual(['parse-error', line, column]);
  });

  it('a complex key in front matter of over 200 lines is left at 1:1 (finding it costs a load per line)', () => {
    const filler = Array.from({ length: 210 }, (_, i) => `k${i}: ${i}`).join('\n');
    const failure = fail(`---\ntitle: ok\n${filler}\n? [c]\n: 2\n---\n`);
    expect([failure.code, failure.line, failure.column]).toEqual(['parse-error', 1, 1]);
  });

  it('a complex key in front matter over 16 KiB is left at 1:1 too, however few its lines', () => {
    const failure = fail(`---\ntitle: ok\nk: ${'x'.repeat(20_000)}\n? [c]\n: 2\n---\n`);
    expect([failure.code, failure.line, failure.column]).toEqual(['parse-error', 1, 1]);
    // Just under, it is placed.
    const placed = fail(`---\ntitle: ok\nk: ${'x'.repeat(15_000)}\n? [c]\n: 2\n---\n`);
    expect([placed.line, placed.column]).toEqual([4, 1]);
  });

  it('an error further down is placed on its own line (unknown escape on line 6)', () => {
    const failure = fail('---\ntitle: ok\na: 1\nb: 2\nc: 3\nkey: "a\\qb"\n---\n');
    expect(failure.code).toBe('parse-error');
    expect(failure.line).toBe(6);
    expect(failure.column).toBe(9);
  });

  it('duplicate keys are a parse error at the duplicate key', () => {
    const failure = fail('---\ntitle: first\nexcerpt: e\ntitle: second\n---\n');
    expect(failure.code).toBe('parse-error');
    expect(failure.message).toMatch(/duplicat/i);
    expect(failure.line).toBe(4);
  });
});

describe('parseDocument: hostile YAML', () => {
  const bomb = (() => {
    const names = 'abcdefghi';
    const lines = ['---', 'title: lol', `a: &a [${Array(9).fill('"lol"').join(', ')}]`];
    for (let i = 1; i < names.length; i++) {
      lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(', ')}]`);
    }
    return [...lines, '---', ''].join('\n');
  })();

  it('a 9x9 nested alias bomb (a few hundred bytes) is refused as too-complex', () => {
    expect(bomb.length).toBeLessThan(1000);
    const failure = fail(bomb);
    expect(failure.code).toBe('too-complex');
    expect(failure.message).toMatch(/alias/);
  });

  it('a 40-level bomb that could never be expanded is refused before expansion', () => {
    // 2^40 nodes when expanded: this test only finishes if the size is measured, not walked.
    const lines = ['---', 'l0: &l0 [x, x]'];
    for (let i = 1; i < 40; i++) lines.push(`l${i}: &l${i} [*l${i - 1}, *l${i - 1}]`);
    const failure = fail([...lines, '---', ''].join('\n'));
    expect(failure.code).toBe('too-complex');
  });

  it('a wide alias bomb (few levels, many aliases) is refused', () => {
    const wide = [
      '---',
      `a: &a [${Array(300).fill('x').join(',')}]`,
      `b: &b [${Array(300).fill('*a').join(',')}]`,
      `c: [${Array(300).fill('*b').join(',')}]`,
      '---',
    ].join('\n');
    expect(fail(wide).code).toBe('too-complex');
  });

  it('a handful of aliases well below the limit is fine', () => {
    const doc = ok('---\nbase: &b {name: x}\none: *b\ntwo: *b\n---\n');
    expect(doc.data).toEqual({ base: { name: 'x' }, one: { name: 'x' }, two: { name: 'x' } });
  });

  it('a self-referencing anchor is refused as too-complex', () => {
    expect(fail('---\na: &a [1, *a]\n---\n').code).toBe('too-complex');
    expect(fail('---\nm: &m\n  self: *m\n---\n').code).toBe('too-complex');
  });

  it('5,000 nested `[` is an error, not a thrown exception', () => {
    const source = `---\nx: ${'['.repeat(5000)}\n---\n`;
    let result: ReturnType<typeof parseDocument> | undefined;
    expect(() => {
      result = parseDocument(source);
    }).not.toThrow();
    expect(result?.ok).toBe(false);
    expect(['parse-error', 'too-complex']).toContain((result as ParseFailure).code);
  });

  it('a `__proto__` key does not pollute Object.prototype and stays an own key', () => {
    const doc = ok('---\ntitle: t\n__proto__:\n  polluted: yes\n  isAdmin: true\n---\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    const data = doc.data as Record<string, unknown>;
    expect(Object.hasOwn(data, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(data.polluted).toBeUndefined();
  });

  it('a flow-style `__proto__` key does not pollute either', () => {
    ok('---\n{ "__proto__": { "polluted2": 1 }, title: t }\n---\n');
    expect(({} as Record<string, unknown>).polluted2).toBeUndefined();
  });
});

describe('parseDocument: values and line ends', () => {
  it('timestamps stay strings (feedtool parses dates itself)', () => {
    const doc = ok('---\nwhen: 2023-10-16T09:00:00Z\nday: 2023-10-16\nspaced: 2023-10-16 09:00:00 +02:00\n---\n');
    expect(doc.data).toEqual({ when: '2023-10-16T09:00:00Z', day: '2023-10-16', spaced: '2023-10-16 09:00:00 +02:00' });
  });

  it('core schema: numbers, booleans and null are typed; yes/no stay strings', () => {
    expect(ok('---\nn: 42\nf: 1.5\nb: true\nz: null\ny: yes\n---\n').data).toEqual({ n: 42, f: 1.5, b: true, z: null, y: 'yes' });
  });

  it('a CRLF twin gives the same data and body as its LF original', () => {
    const lf = '---\ntitle: "Twin"\nprovider:\n  name: P\ntopics:\n  - AI\n  - ML\nblock: |\n  line one\n  line two\n---\nFirst line\n\nSecond line\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = ok(lf);
    const b = ok(crlf);
    expect(b.data).toEqual(a.data);
    expect(b.body).toBe(a.body);
    expect((a.data as { block: string }).block).toBe('line one\nline two\n');
    expect(ok(`\ufeff${crlf}`).data).toEqual(a.data);
  });
});
