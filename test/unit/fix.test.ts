// validate --fix's pure core: where scalars are written, how values are written back, and whole documents.
import { describe, expect, it } from 'vitest';
import { fixDocumentText, sameData, scalarSpans, yamlScalar } from '../../src/core/fix.js';
import { loadYaml } from '../../src/core/yaml.js';
import { parseDocument } from '../../src/core/parse.js';
import { textFixTargets } from '../../src/core/normalise.js';

const doc = (yaml: string, body = 'Body  &amp; text\n') => `---\n${yaml}---\n${body}`;

/** The document's front matter as loaded by js-yaml. */
function dataOf(text: string): unknown {
  const parsed = parseDocument(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.data;
}

describe('scalarSpans', () => {
  it('places plain, quoted and block scalars by path, covering quotes and block headers', () => {
    const yaml = 'title: plain  text\nq: "dq  x"\ns: \'sq\'\nb: >-\n  one\n  two\n\nnext: 1\nlist: [a, "b"]\nm:\n  - k: v\n';
    const spans = scalarSpans(yaml)!;
    const text = (path: string) => {
      const span = spans.get(path)!;
      return [yaml.slice(span.start, span.end), span.style];
    };
    expect(text('title')).toEqual(['plain  text', 'plain']);
    expect(text('q')).toEqual(['"dq  x"', 'double']);
    expect(text('s')).toEqual(["'sq'", 'single']);
    expect(text('b')).toEqual(['>-\n  one\n  two', 'block']);
    expect(text('list[1]')).toEqual(['"b"', 'double']);
    expect(text('m[0].k')).toEqual(['v', 'plain']);
  });

  it('gives no span to a block scalar with a comment on its header line, nor to aliases', () => {
    const spans = scalarSpans('a: &x one\nb: *x\nc: |  # note\n  text\n')!;
    expect(spans.has('a')).toBe(true);
    expect(spans.has('b')).toBe(false);
    expect(spans.has('c')).toBe(false);
  });

  it('is null for YAML that does not parse', () => {
    expect(scalarSpans('a: [unclosed\n')).toBeNull();
  });
});

describe('yamlScalar', () => {
  const cases: Array<[string, 'plain' | 'single' | 'double' | 'block' | undefined, string]> = [
    ['Plain words', 'plain', 'Plain words'],
    ['It’s fine', 'plain', 'It’s fine'],
    ['true', 'plain', '"true"'],
    ['42', 'plain', '"42"'],
    ['null', 'plain', '"null"'],
    ['key: value', 'plain', '"key: value"'],
    ['a # not a comment', 'plain', '"a # not a comment"'],
    ['- dash', 'plain', '"- dash"'],
    ['[x]', 'plain', '"[x]"'],
    ['a, b', 'plain', '"a, b"'],
    ["It's", 'single', "'It''s'"],
    ['Quote "x"', 'double', '"Quote \\"x\\""'],
    ['Quote "x"', 'block', '"Quote \\"x\\""'],
    ['line\u2028sep', 'single', '"line\\u2028sep"'],
    ['c1\u0085', undefined, '"c1\\u0085"'],
    ['emoji 😀', undefined, '"emoji 😀"'],
  ];
  it.each(cases)('%j in style %s is written %s', (value, style, written) => {
    expect(yamlScalar(value, style)).toBe(written);
    expect(loadYaml(`k: ${written}\n`)).toEqual({ k: value });
  });
});

describe('sameData', () => {
  it('compares keys in order, values deeply, NaN as NaN', () => {
    expect(sameData({ a: [1, { b: NaN }] }, { a: [1, { b: NaN }] })).toBe(true);
    expect(sameData({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(sameData({ a: [1] }, { a: { 0: 1 } })).toBe(false);
    expect(sameData({ a: 0 }, { a: -0 })).toBe(false);
    expect(sameData({ a: '1' }, { a: 1 })).toBe(false);
  });
});

describe('fixDocumentText', () => {
  it('rewrites only the repaired values, keeping comments, other fields, key order and the body', () => {
    const source = doc(
      '# kept comment\ntitle: The  model doesnâ€™t &amp; won\'t\nexcerpt: >-\n  Folded   text\n  &quot;q&quot;\nprovider:\n  name: "Tech&nbsp;Crunch  "\n  domain: example.test\nextra: keep  # me\nrelated:\n  - title: \'It\'\'s  here\'\n',
    );
    const outcome = fixDocumentText(source);
    expect(outcome.kind).toBe('fixed');
    if (outcome.kind !== 'fixed') return;
    expect(outcome.text).toBe(
      doc('# kept comment\ntitle: The model doesn’t & won\'t\nexcerpt: "Folded text \\"q\\""\nprovider:\n  name: "Tech Crunch"\n  domain: example.test\nextra: keep  # me\nrelated:\n  - title: \'It\'\'s here\'\n'),
    );
    expect(outcome.fixed.map((repair) => repair.field)).toEqual(['title', 'excerpt', 'provider.name', 'related[0].title']);
    expect(textFixTargets(dataOf(outcome.text) as Record<string, unknown>)).toEqual([]);
  });

  it('fixes values inside flow collections, and a single image mapping named images[0]', () => {
    const source = doc('title: ok\nprovider: {name: "A  B", domain: x.test}\nimages: {url: "https://x.test/i.png", caption: "cap  tion"}\n');
    const outcome = fixDocumentText(source);
    expect(outcome.kind).toBe('fixed');
    if (outcome.kind !== 'fixed') return;
    expect(dataOf(outcome.text)).toEqual({ title: 'ok', provider: { name: 'A B', domain: 'x.test' }, images: { url: 'https://x.test/i.png', caption: 'cap tion' } });
  });

  it('keeps CRLF line ends, and refuses mixed ones', () => {
    const crlf = '---\r\ntitle: "A  B"\r\n---\r\nbody  \r\n';
    expect(fixDocumentText(crlf)).toMatchObject({ kind: 'fixed', text: '---\r\ntitle: "A B"\r\n---\r\nbody  \r\n' });
    expect(fixDocumentText('---\r\ntitle: "A  B"\n---\r\n')).toMatchObject({ kind: 'refused' });
  });

  it('leaves a field whose repair leaves nothing, or one written only under another key (an alias)', () => {
    expect(fixDocumentText(doc('title: ok\nexcerpt: "  "\n'))).toEqual({ kind: 'unchanged', left: [{ field: 'excerpt', reason: 'nothing would be left of it' }] });
    const aliased = fixDocumentText(doc('base: &b {name: "A  B"}\ntitle: ok\nprovider: *b\n'));
    expect(aliased).toMatchObject({ kind: 'unchanged', left: [{ field: 'provider.name' }] });
  });

  it('fixes an anchored value once, and every alias of it reads the repaired value', () => {
    const outcome = fixDocumentText(doc('title: &t "A  B"\nexcerpt: *t\n'));
    expect(outcome.kind).toBe('fixed');
    if (outcome.kind !== 'fixed') return;
    expect(dataOf(outcome.text)).toEqual({ title: 'A B', excerpt: 'A B' });
    expect(outcome.fixed.map((repair) => repair.field)).toEqual(['title', 'excerpt']);
    expect(outcome.left).toEqual([]);
  });

  it('leaves the file alone when an alias would read a value other than its own repair', () => {
    // category is only trimmed, title is fully repaired: one written value cannot serve both.
    const outcome = fixDocumentText(doc('title: &t " A  B"\ncategory: *t\n'));
    expect(outcome.kind).toBe('refused');
  });

  it('repairs only the kinds asked for', () => {
    const source = doc('title: "A  B"\nexcerpt: "x &amp; y"\n');
    const outcome = fixDocumentText(source, { kinds: new Set(['html-entity']) });
    expect(outcome.kind).toBe('fixed');
    if (outcome.kind !== 'fixed') return;
    expect(dataOf(outcome.text)).toEqual({ title: 'A  B', excerpt: 'x & y' });
  });

  it('has nothing to do for clean text, documents without front matter, or front matter that is not a mapping', () => {
    expect(fixDocumentText(doc('title: Clean\n'))).toEqual({ kind: 'unchanged', left: [] });
    expect(fixDocumentText('no front matter  &amp;\n')).toEqual({ kind: 'unchanged', left: [] });
    expect(fixDocumentText(doc('- a  b\n'))).toEqual({ kind: 'unchanged', left: [] });
    expect(fixDocumentText(doc('title: [unclosed\n'))).toEqual({ kind: 'unchanged', left: [] });
  });

  it('keeps a tag written before the value', () => {
    const outcome = fixDocumentText(doc('title: !!str "A  B"\n'));
    expect(outcome).toMatchObject({ kind: 'fixed', text: doc('title: !!str "A B"\n') });
  });
});
