// validate --fix's pure core: where scalars are written, how values are written back, and whole documents.
import { describe, expect, it } from 'vitest';
import { fixDocumentText, sameData, scalarSpans, yamlScalar } from '../../src/core/fix.js';
import { showChange } from '../../src/commands/validate.js';
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
    // Words and forms YAML 1.1 readers (PyYAML, yaml.v2) or js-yaml's default schema take as other types.
    ['No', 'plain', '"No"'],
    ['on', 'plain', '"on"'],
    ['Y', 'plain', '"Y"'],
    ['2023-10-16', 'plain', '"2023-10-16"'],
    ['1_000', 'plain', '"1_000"'],
    ['=', 'plain', '"="'],
    ['.inf', 'plain', '".inf"'],
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
    // What a partial repair can leave is written out, never raw: bidi, invisible and space-like characters.
    ['Hello\u202edlrow', 'plain', '"Hello\\u202edlrow"'],
    ['zero\u200bwidth', 'single', '"zero\\u200bwidth"'],
    ['no\u00a0break', 'plain', '"no\\u00a0break"'],
    // U+FFFF is refused raw by YAML 1.1 readers.
    ['non\uffffchar', 'double', '"non\\uffffchar"'],
    ['emoji 👩\u200d💻 kept', 'double', '"emoji 👩\u200d💻 kept"'],
    ['emoji 😀 plain', 'plain', 'emoji 😀 plain'],
    ['lone \ud800 surrogate', 'plain', '"lone \\ud800 surrogate"'],
    ['lone \ud800 surrogate', 'single', '"lone \\ud800 surrogate"'],
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
      doc('# kept comment\ntitle: The model doesn’t & won\'t\nexcerpt: "Folded text \\"q\\""\nprovider:\n  name: "Tech\\u00a0Crunch"\n  domain: example.test\nextra: keep  # me\nrelated:\n  - title: \'It\'\'s here\'\n'),
    );
    expect(outcome.fixed.map((repair) => repair.field)).toEqual(['title', 'excerpt', 'provider.name', 'related[0].title']);
    expect(textFixTargets(dataOf(outcome.text) as Record<string, unknown>)).toEqual([]);
  });

  it('fixes values inside flow collections, and in a single image mapping (images.caption)', () => {
    const source = doc('title: ok\nprovider: {name: "A  B", domain: x.test}\nimages: {url: "https://x.test/i.png", caption: "cap  tion"}\n');
    const outcome = fixDocumentText(source);
    expect(outcome.kind).toBe('fixed');
    if (outcome.kind !== 'fixed') return;
    expect(dataOf(outcome.text)).toEqual({ title: 'ok', provider: { name: 'A B', domain: 'x.test' }, images: { url: 'https://x.test/i.png', caption: 'cap tion' } });
  });

  it('keeps CRLF line ends, and refuses mixed ones', () => {
    const crlf = '---\r\ntitle: "A  B"\r\n---\r\nbody  \r\n';
    expect(fixDocumentText(crlf)).toMatchObject({ kind: 'fixed', text: '---\r\ntitle: "A B"\r\n---\r\nbody  \r\n' });
    expect(fixDocumentText('---\r\ntitle: "A  B"\n---\r\n')).toMatchObject({ kind: 'refused', reason: 'its line ends are mixed (CRLF and LF or CR)' });
    expect(fixDocumentText('---\rtitle: "A  B"\r---\r')).toEqual({ kind: 'refused', reason: 'its lines end in CR alone (old Mac style); only LF and CRLF files are fixed in place' });
  });

  it('leaves a field whose repair leaves nothing, or one written only under another key (an alias)', () => {
    expect(fixDocumentText(doc('title: ok\nexcerpt: "  "\n'))).toEqual({ kind: 'unchanged', left: [{ field: 'excerpt', reason: 'nothing would be left of it' }] });
    const aliased = fixDocumentText(doc('base: &b {name: "A  B"}\ntitle: ok\nprovider: *b\n'));
    expect(aliased).toEqual({ kind: 'unchanged', left: [{ field: 'provider.name', reason: 'it is read through the YAML alias *b, and the value &b holds could not be mended with it' }] });
  });

  it('fixes an anchored value once, and every alias of it reads the repaired value', () => {
    const outcome = fixDocumentText(doc('title: &t "A  B"\nexcerpt: *t\n'));
    expect(outcome.kind).toBe('fixed');
    if (outcome.kind !== 'fixed') return;
    expect(dataOf(outcome.text)).toEqual({ title: 'A B', excerpt: 'A B' });
    expect(outcome.fixed.map((repair) => repair.field)).toEqual(['title', 'excerpt']);
    expect(outcome.left).toEqual([]);
  });

  it('leaves an anchored value, naming it, when an alias would read a value other than its own repair', () => {
    // webUrl reads a URL, title a text: one written value cannot serve both.
    const outcome = fixDocumentText(doc('title: &t " https://a.test/x "\nwebUrl: *t\n'));
    expect(outcome).toMatchObject({ kind: 'unchanged', left: [{ field: 'title', reason: expect.stringContaining('anchor &t') }] });
  });

  it('names the rule that is off when only it would reveal what the others repair', () => {
    // A + U+0303 composes to Ã, and Ã© is mojibake for é: with unicode-nfc off, mojibake sees none.
    const outcome = fixDocumentText(doc('title: "CafA\u0303\u00a9 story"\n'), { kinds: new Set(['mojibake', 'whitespace']) });
    expect(outcome).toMatchObject({ kind: 'unchanged', left: [{ field: 'title', reason: 'repairing it needs unicode-nfc, which is off' }] });
  });

  it('composes decomposed accents only when unicode-nfc is on', () => {
    const source = doc('title: "Cafe\u0301  news"\n');
    const off = fixDocumentText(source, { kinds: new Set(['whitespace']) });
    expect(off).toMatchObject({ kind: 'fixed', text: doc('title: "Cafe\u0301 news"\n') });
    const on = fixDocumentText(source, { kinds: new Set(['whitespace', 'unicode-nfc']) });
    expect(on).toMatchObject({ kind: 'fixed', text: doc('title: "Café news"\n') });
  });

  it('rewrites an anchored value once when every field that reads it is repaired alike', () => {
    const outcome = fixDocumentText(doc('title: &t " A  B"\ncategory: *t\n'));
    expect(outcome).toMatchObject({ kind: 'fixed', text: doc('title: &t "A B"\ncategory: *t\n'), left: [] });
  });

  it('leaves an anchored value an unmodelled key reads through an alias, and fixes the others', () => {
    const source = doc('title: &t "A  b"\nnote: *t\nexcerpt: "x  y"\nrelated:\n  - title: "R  t"\n');
    const outcome = fixDocumentText(source);
    expect(outcome.kind).toBe('fixed');
    if (outcome.kind !== 'fixed') return;
    expect(dataOf(outcome.text)).toEqual({ title: 'A  b', note: 'A  b', excerpt: 'x y', related: [{ title: 'R t' }] });
    expect(outcome.text).toContain('title: &t "A  b"\nnote: *t\n');
    expect(outcome.fixed.map((repair) => repair.field)).toEqual(['excerpt', 'related[0].title']);
    expect(outcome.left).toEqual([{ field: 'title', reason: 'it carries the YAML anchor &t, and rewriting it would also change a value read through an alias *t' }]);
  });

  it('leaves only the anchor an unrepaired field reads, and fixes another anchored value with the alias that reads it', () => {
    const source = doc('title: &t "A  B"\nnote: *t\nprovider:\n  name: &p "Ex&amp;Co"\nrelated:\n  - title: R\n    provider:\n      name: *p\n');
    const outcome = fixDocumentText(source);
    expect(outcome.kind).toBe('fixed');
    if (outcome.kind !== 'fixed') return;
    expect(dataOf(outcome.text)).toEqual({ title: 'A  B', note: 'A  B', provider: { name: 'Ex&Co' }, related: [{ title: 'R', provider: { name: 'Ex&Co' } }] });
    expect(outcome.fixed.map((repair) => repair.field)).toEqual(['provider.name', 'related[0].provider.name']);
    expect(outcome.left).toEqual([{ field: 'title', reason: 'it carries the YAML anchor &t, and rewriting it would also change a value read through an alias *t' }]);
  });

  it('with two anchors read where no repair goes, still fixes a third whose aliases are repaired with it', () => {
    const source = doc('title: &t "A  B"\nnote: *t\nexcerpt: &e "x  y"\nsummary: *e\nprovider:\n  name: &p "Ex&amp;Co"\nrelated:\n  - title: R\n    provider:\n      name: *p\n');
    const outcome = fixDocumentText(source);
    expect(outcome.kind).toBe('fixed');
    if (outcome.kind !== 'fixed') return;
    expect(outcome.fixed.map((repair) => repair.field)).toEqual(['provider.name', 'related[0].provider.name']);
    expect(outcome.left.map((field) => field.field).sort()).toEqual(['excerpt', 'title']);
  });

  it('a blocked anchor leaves the fields read through it too, and another anchor is fixed with its aliases', () => {
    const source = doc('title: &t "A  B"\nnote: *t\nprovider:\n  name: &p "Ex&amp;Co"\nrelated:\n  - title: *t\n    provider:\n      name: *p\n');
    const outcome = fixDocumentText(source);
    expect(outcome.kind).toBe('fixed');
    if (outcome.kind !== 'fixed') return;
    expect(outcome.fixed.map((repair) => repair.field)).toEqual(['provider.name', 'related[0].provider.name']);
    expect(outcome.left.map((field) => field.field).sort()).toEqual(['related[0].title', 'title']);
    expect(dataOf(outcome.text)).toMatchObject({ title: 'A  B', provider: { name: 'Ex&Co' }, related: [{ title: 'A  B', provider: { name: 'Ex&Co' } }] });
  });

  it('a value read through a mapping alias is reported fixed when the mapping is, never "left"', () => {
    const source = doc('title: &t "Open  weights"\nnote: [*t]\nprovider: &pm\n  name: "Example  Tech"\n  domain: example-tech.test\nrelated:\n  - title: S\n    provider: *pm\n');
    const outcome = fixDocumentText(source);
    expect(outcome.kind).toBe('fixed');
    if (outcome.kind !== 'fixed') return;
    expect(outcome.fixed.map((repair) => repair.field)).toEqual(['provider.name', 'related[0].provider.name']);
    expect(outcome.left.map((field) => field.field)).toEqual(['title']);
  });

  it('many anchored values with one blocked: one more rewrite, and every other value fixed', () => {
    const lines = Array.from({ length: 800 }, (_, i) => `k${i}: &a${i} "v  ${i}"\nr${i}: *a${i}\n`).join('');
    const outcome = fixDocumentText(doc(`title: &t "A  B"\nnote: *t\nrelated:\n  - title: "R  t"\n${lines}`));
    expect(outcome.kind).toBe('fixed');
    if (outcome.kind !== 'fixed') return;
    // k0…k799 are unmodelled keys, not repaired; their anchors are read only by unmodelled keys.
    expect(outcome.fixed.map((repair) => repair.field)).toEqual(['related[0].title']);
    expect(outcome.left.map((field) => field.field)).toEqual(['title']);
  });

  it('still fixes an anchored value nothing reads through an alias', () => {
    const outcome = fixDocumentText(doc('title: &t "Caf&eacute; talk"\nexcerpt: &e "Fish &amp; chips"\nnote: *t\n'));
    expect(outcome.kind).toBe('fixed');
    if (outcome.kind !== 'fixed') return;
    expect(dataOf(outcome.text)).toEqual({ title: 'Caf&eacute; talk', excerpt: 'Fish & chips', note: 'Caf&eacute; talk' });
    expect(outcome.fixed.map((repair) => repair.field)).toEqual(['excerpt']);
    expect(outcome.left.map((field) => field.field)).toEqual(['title']);
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

  it('with some rules off, writes only their repairs, keeping line breaks whitespace would fold', () => {
    const source = doc('title: ok\nexcerpt: |\n  Para one.\n\n  Para two &amp; more.\n');
    const outcome = fixDocumentText(source, { kinds: new Set(['html-entity']) });
    expect(outcome.kind).toBe('fixed');
    if (outcome.kind !== 'fixed') return;
    expect(dataOf(outcome.text)).toEqual({ title: 'ok', excerpt: 'Para one.\n\nPara two & more.\n' });
  });

  it('finds captions of an image mapping inside a related entry', () => {
    const source = doc('title: ok\nrelated:\n  - title: r\n    images: {caption: "c  d"}\n');
    expect(fixDocumentText(source)).toMatchObject({ kind: 'fixed', text: doc('title: ok\nrelated:\n  - title: r\n    images: {caption: "c d"}\n') });
  });

  it('leaves a block scalar with a header comment (even one holding > or |) and fixes the rest', () => {
    const source = doc('title: >-  # see a->b\n  Two  spaces\nexcerpt: Caf&eacute;\n');
    const outcome = fixDocumentText(source);
    expect(outcome).toMatchObject({ kind: 'fixed', left: [{ field: 'title', reason: "its value is not written where it is read (a comment on its block's | or > line)" }] });
    if (outcome.kind !== 'fixed') return;
    expect(outcome.text).toBe(doc('title: >-  # see a->b\n  Two  spaces\nexcerpt: Café\n'));
  });

  it('never takes a literal key spelled like a path for the nested field', () => {
    const source = doc('"provider.name": "X  Y"\ntitle: ok\nprovider:\n  name: "A  B"\n');
    expect(fixDocumentText(source)).toMatchObject({ kind: 'fixed', text: doc('"provider.name": "X  Y"\ntitle: ok\nprovider:\n  name: "A B"\n') });
  });

  it('names a blank date among the fields left, since nothing would be left of it', () => {
    expect(fixDocumentText(doc('title: ok\npublishedDateTime: "  "\n'))).toEqual({
      kind: 'unchanged',
      left: [{ field: 'publishedDateTime', reason: 'nothing would be left of it' }],
    });
  });

  it('keeps a tag written before the value', () => {
    const outcome = fixDocumentText(doc('title: !!str "A  B"\n'));
    expect(outcome).toMatchObject({ kind: 'fixed', text: doc('title: !!str "A B"\n') });
  });
});

describe('showChange (how --fix shows a value before and after)', () => {
  it('quotes short values and writes out invisible characters', () => {
    expect(showChange('a\u200bb\tc', 'ab c')).toEqual(["'a\\u200bb\\tc'", "'ab c'"]);
    // Texts that print alike show their combining marks written out; other accents stay as they are.
    expect(showChange('Cafe\u0301 news', 'Café news')).toEqual(["'Cafe\\u0301 news'", "'Café news'"]);
    expect(showChange('Café  news', 'Café news')).toEqual(["'Café  news'", "'Café news'"]);
    expect(showChange('नमस्ते Cafe\u0301', 'नमस्ते Café')).toEqual(["'नमस्ते Cafe\\u0301'", "'नमस्ते Café'"]);
  });

  it('cuts long values to the same window around their first difference', () => {
    const before = `${'x'.repeat(120)}  tail${'y'.repeat(50)}`;
    const after = `${'x'.repeat(120)} tail${'y'.repeat(50)}`;
    const [old, now] = showChange(before, after);
    // The difference is at index 121; the window starts 20 before it.
    expect(old).toBe(`'…${'x'.repeat(19)}  tail${'y'.repeat(50)}'`);
    expect(now).toBe(`'…${'x'.repeat(19)} tail${'y'.repeat(50)}'`);
    const [longOld] = showChange(`${'x'.repeat(200)}a`, `${'x'.repeat(100)}b${'x'.repeat(100)}`);
    expect(longOld).toBe(`'…${'x'.repeat(78)}…'`);
    expect(old).not.toBe(now);
  });

  it('costs no more than its window on a long value', () => {
    // 120,000 characters of decomposed accents: written out in the window only.
    const before = 'cafe\u0301 '.repeat(20_000);
    const [old, now] = showChange(before, before.normalize('NFC'));
    expect(old).toBe(`'${'cafe\\u0301 '.repeat(13)}…'`);
    expect(now.length).toBeLessThan(90);
  });

  it('never splits a surrogate pair', () => {
    const [old] = showChange(`${'😀'.repeat(100)}a`, `${'😀'.repeat(100)}b`);
    expect(old.isWellFormed()).toBe(true);
  });

  it('shows every change: a compatibility character NFC replaces, half a surrogate pair, a line break as \\n', () => {
    expect(showChange('Resistance 5 \u2126', 'Resistance 5 \u03a9')).toEqual(["'Resistance 5 \\u2126'", "'Resistance 5 \u03a9'"]);
    expect(showChange('\ud800x', 'x')).toEqual(["'\\ud800x'", "'x'"]);
    expect(showChange('a\udc00', 'a')).toEqual(["'a\\udc00'", "'a'"]);
    expect(showChange('one &amp;\ntwo\r', 'one &\ntwo\r')).toEqual(["'one &amp;\\ntwo\\r'", "'one &\\ntwo\\r'"]);
  });
});

describe('fixDocumentText on large front matter', () => {
  it('rewrites twenty thousand values of one document, each in its place', () => {
    const count = 20_000;
    const related = Array.from({ length: count }, (_, i) => `  - title: "Story  ${i}"\n`).join('');
    const outcome = fixDocumentText(doc(`title: ok\nrelated:\n${related}`));
    expect(outcome.kind).toBe('fixed');
    if (outcome.kind !== 'fixed') return;
    expect(outcome.fixed).toHaveLength(count);
    expect(outcome.text).toContain('\n  - title: "Story 19999"\n');
  });
});
