import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import matter from 'gray-matter';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { FUZZ_SEED } from '../fuzz/budget.js';
import { DEFER, fastLoadYaml, resolvePlain } from '../../src/core/fastyaml.js';
import { parseDocument } from '../../src/core/parse.js';
import { describeShared, FIXTURES, SHARED_CORPUS } from '../helpers.js';

const jsYaml = (text: string) => load(text, { schema: CORE_SCHEMA });

/** The fast loader either defers or returns exactly what js-yaml returns. */
function expectAgreesWithJsYaml(text: string): 'fast' | 'deferred' {
  const fast = fastLoadYaml(text);
  if (fast === DEFER) return 'deferred';
  expect(fast).toStrictEqual(jsYaml(text));
  return 'fast';
}

describe('fastLoadYaml handles the common front-matter shapes exactly as js-yaml', () => {
  it.each([
    ['plain and quoted scalars', 'title: "Hello: world"\nexcerpt: it\'s plain\nq: \'single \'\' quote\''],
    ['escapes in double quotes', 'a: "tab\\tnew\\nline \\u00e9 \\x41 \\" \\\\ \\/ \\e"'],
    ['numbers as the core schema reads them', 'a: 42\nb: -1\nc: 0755\nd: 1.5\ne: 1e3\nf: .inf\ng: -.Inf\nh: 0x1F\ni: 0o17\nj: +12\nk: 1.'],
    ['booleans and nulls', 'a: true\nb: False\nc: TRUE\nd: null\ne: ~\nf:\ng: Null\nh: yes\ni: on'],
    ['timestamps stay strings', 'a: 2021-02-15T05:10:00Z\nb: 2023-10-16\nc: 1:20'],
    ['nested mapping', 'provider:\n  name: Example\n  domain: example.test\n  images:\n    - url: "x"\n      width: 50'],
    ['sequence at the same indent as its key', 'topics:\n- AI\n- Machine Learning\nnext: 1'],
    ['list of mappings', 'images:\n  - url: "https://a.test/x.jpg"\n    width: 1200\n    height: 628\n    isCached: true\n  - url: b\n'],
    ['empty collections', 'a: []\nb: {}'],
    ['comments and blank lines', '# head\n\ntitle: x\n  # indented comment\n\nb: 2\n'],
    ['__proto__ key stays an own property', '__proto__: 1\nconstructor: 2'],
    ['urls with colons', 'u: https://example.test:8080/a?b=c#d'],
    ['empty item', 'a:\n  -\n  - x'],
    ['unicode text', 'a: "Café — 東京 😀 𝐀"\nb: naïve ½'],
  ])('%s', (_name, text) => {
    expect(expectAgreesWithJsYaml(text)).toBe('fast');
  });

  it.each([
    ['flow sequence', 'a: [1, 2]'],
    ['flow mapping', 'a: {b: 1}'],
    ['block scalar', 'a: |\n  text'],
    ['anchor and alias', 'a: &x 1\nb: *x'],
    ['tag', 'a: !!str 1'],
    ['multi-line plain scalar', 'a: one\n  two'],
    ['multi-line quoted scalar', 'a: "one\n  two"'],
    ['trailing comment', 'a: b # note'],
    ['duplicate key', 'a: 1\na: 2'],
    ['duplicate key with a nested value', 'a:\n  b: 1\nc: 2\na:\n  - x'],
    ['duplicate key in a nested mapping', 'p:\n  name: x\n  domain: y\n  name: z'],
    ['duplicate key in a sequence item', 'r:\n  - t: 1\n    u: 2\n    t: 3'],
    ['duplicate __proto__ key', '__proto__: 1\n__proto__: 2'],
    ['plain scalar ending in a colon', 'a: b:'],
    ['plain scalar with a comment after a space', 'a: b #c'],
    ['tab in indentation', 'a:\n\tb: 1'],
    ['quoted key', '"a": 1'],
    ['numeric key', '1: a'],
    ['top-level sequence', '- a'],
    ['top-level scalar', 'just text'],
    ['bad escape', 'a: "\\q"'],
    ['mapping value inside a value', 'a: b: c'],
    ['document marker', 'a: 1\n---\nb: 2'],
    ['nested sequence', 'a:\n  - - x'],
    ['control character', 'a: "\x07"'],
    ['empty text', ''],
  ])('defers on %s', (_name, text) => {
    expect(fastLoadYaml(text)).toBe(DEFER);
  });

  it.each(['', '~', 'null', 'true', 'False', '12', '-0', '+5', '0x1f', '0o7', '1.25', '.5', '-.inf', '.NaN', '1e5', 'abc', '1_000', '0b101', '2023-10-16', '00', '9'.repeat(400)])(
    'resolvePlain(%j) equals js-yaml',
    (source) => {
      const reference = source === '' ? null : (jsYaml(`v: ${source}`) as { v: unknown }).v;
      expect(resolvePlain(source)).toStrictEqual(reference);
    },
  );
});

describe('the keys the fast loader remembers between documents', () => {
  it('are taken only for the very same key: same first letter and length, other letters; a prefix; a null word', () => {
    for (const text of ['abc: 1\naxy: 2\n', 'axy: 3\nabc: 4\n', 'title: a\ntitles: b\ntitle_: c\n', 'tiTle: x\ntitle: y\n', 'nulls: 1\nnull_: 2\n']) {
      expect(expectAgreesWithJsYaml(text), text).toBe('fast');
    }
    // Words js-yaml reads as null or true are never keys of the fast path, however often met.
    for (const text of ['null: 1\n', 'True: 1\n', 'nulX: 1\nnull: 2\n']) expect(expectAgreesWithJsYaml(text), text).toBe('deferred');
  });

  it('stay right past the bounds of what is kept: thousands of keys of one shape, and long keys', () => {
    for (let i = 0; i < 3000; i++) {
      const key = `k${String(i).padStart(4, '0')}`;
      expect(fastLoadYaml(`${key}: ${i}\nk: x\n`)).toEqual({ [key]: i, k: 'x' });
    }
    const long = `x${'y'.repeat(60)}`;
    expect(fastLoadYaml(`${long}: 1\n${long}z: 2\n`)).toEqual({ [long]: 1, [`${long}z`]: 2 });
  });
});

describe('fastLoadYaml under fuzzing', () => {
  const keyArb = fc.constantFrom('title', 'excerpt', 'heat', 'provider', 'name', 'a', 'b_c', 'x-y', '__proto__', 'url');
  const pieceArb = fc.constantFrom(
    'a', 'Z', ' ', '  ', ':', ': ', '#', ' #', '"', "'", '\\', '\\n', '\\u00e9', '-', '- ', '1', '0x', '.', 'e', 'é', '—', '😀', '[', ']', '{', '}', '&', '*', '!', '|', '>', 'true', 'null', '~', '%', '@', '`', ',', '?', '\t',
  );
  const simpleArb = fc.stringMatching(/^[A-Za-z0-9 é.-]{0,12}$/);
  const trickyArb = fc.array(pieceArb, { maxLength: 8 }).map((pieces) => pieces.join(''));
  const scalarArb = fc.oneof(
    { weight: 4, arbitrary: simpleArb },
    { weight: 2, arbitrary: simpleArb.map((s) => `"${s}"`) },
    { weight: 3, arbitrary: trickyArb },
  );
  const lineArb = fc.tuple(fc.constantFrom(0, 0, 0, 2, 2, 4, 1, 3), fc.oneof(
    fc.tuple(keyArb, scalarArb).map(([k, v]) => `${k}: ${v}`),
    keyArb.map((k) => `${k}:`),
    scalarArb.map((v) => `- ${v}`),
    fc.tuple(keyArb, scalarArb).map(([k, v]) => `- ${k}: ${v}`),
    scalarArb,
    fc.constant('# comment'),
    fc.constant(''),
  )).map(([indent, text]) => ' '.repeat(indent) + text);
  const documentArb = fc.array(lineArb, { minLength: 1, maxLength: 12 }).map((lines) => lines.join('\n'));

  it('either defers or agrees with js-yaml on YAML-like documents', () => {
    let fast = 0;
    fc.assert(
      fc.property(documentArb, (text) => {
        const result = fastLoadYaml(text);
        if (result === DEFER) return;
        fast++;
        let reference: unknown;
        expect(() => (reference = jsYaml(text))).not.toThrow();
        expect(result).toStrictEqual(reference);
      }),
      { numRuns: 5000, seed: FUZZ_SEED },
    );
    expect(fast).toBeGreaterThan(50);
  });

  it('never throws on arbitrary text, and agrees with js-yaml wherever it does not defer', () => {
    // Random code points alone almost never make YAML the fast path takes: most are put where a
    // scalar goes, so the comparison below runs (the count at the end proves it).
    const binary = (maxLength: number) => fc.string({ unit: 'binary', maxLength });
    const textArb = fc.oneof(
      { weight: 1, arbitrary: binary(200) },
      {
        weight: 4,
        arbitrary: fc
          .tuple(fc.constantFrom('title: ', 'title: "', "title: '", 'topics:\n  - ', 'provider:\n  name: '), binary(60), fc.constantFrom('', '"', "'", '\nheat: 1'))
          .map((parts) => parts.join('')),
      },
    );
    let fast = 0;
    fc.assert(
      fc.property(textArb, (text) => {
        let result: unknown;
        expect(() => (result = fastLoadYaml(text))).not.toThrow();
        if (result === DEFER) return;
        fast++;
        expect(result).toStrictEqual(jsYaml(text));
      }),
      { numRuns: 2000, seed: FUZZ_SEED },
    );
    expect(fast).toBeGreaterThan(100);
  });
});

function markdownFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...markdownFiles(full));
    else if (/\.(md|markdown|ya?ml)$/.test(entry.name)) found.push(full);
  }
  return found;
}

/** gray-matter with js-yaml (the slow path), for comparison with parseDocument's fast path. */
function slowParse(text: string) {
  const file = matter(text, { engines: { yaml: (s: string) => jsYaml(s) as object }, excerpt: false } as never);
  return { data: file.data, body: file.content };
}

function expectSameAsSlowPath(file: string): 'fast' | 'deferred' {
  const text = readFileSync(file, 'utf8').replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  if (!text.startsWith('---')) return 'deferred';
  const close = text.indexOf('\n---', 3);
  if (close === -1) return 'deferred';
  const frontMatter = text.slice(text.indexOf('\n') === -1 ? 3 : text.indexOf('\n'), close);
  const kind = expectAgreesWithJsYaml(frontMatter);
  const parsed = parseDocument(text);
  const slow = slowParse(text);
  expect(parsed.ok).toBe(true);
  if (parsed.ok) {
    expect(parsed.data).toStrictEqual(slow.data);
    expect(parsed.body).toBe(slow.body);
  }
  return kind;
}

describe('parseDocument gives what gray-matter + js-yaml give', () => {
  it('on every fixture', () => {
    const kinds = markdownFiles(path.join(FIXTURES, '_news')).map(expectSameAsSlowPath);
    expect(kinds.filter((k) => k === 'fast').length).toBeGreaterThan(0);
  });
});

describeShared('fast path over the real corpus', () => {
  it('agrees with gray-matter + js-yaml on every real document, and takes most articles', () => {
    const files = markdownFiles(SHARED_CORPUS).filter((f) => f.endsWith('.md'));
    const kinds = files.map(expectSameAsSlowPath);
    const news = files.filter((f) => f.includes(`${path.sep}_news${path.sep}`));
    const newsFast = news.filter((f) => expectSameAsSlowPath(f) === 'fast').length;
    expect(files.length).toBeGreaterThan(160);
    expect(kinds.length).toBe(files.length);
    expect(newsFast / news.length).toBeGreaterThan(0.95);
  });
});

describe('the fast path respects the caller’s YAML limits', () => {
  it('defers deep nesting past maxDepth to js-yaml, which refuses it', () => {
    const deep = '---\na:\n  b:\n    c:\n      d:\n        e: 1\n---\n';
    expect(parseDocument(deep).ok).toBe(true);
    const limited = parseDocument(deep, { maxDepth: 3, maxNodes: 100_000 });
    expect(limited.ok).toBe(false);
  });

  // Found by differential fuzzing: `- key:` items and sequences at their key's indent went deeper
  // without a depth check, so a chain of them was read where js-yaml refuses it (and a long one
  // overflowed the stack).
  const chain = (n: number) => `k:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(2 * i)}- k:\n`).join('')}${' '.repeat(2 * n)}- x`;

  it('defers a chain of `- key:` items and same-indent sequences past maxDepth, at the default limits', () => {
    expect(() => load(chain(31), { schema: CORE_SCHEMA, maxDepth: 64 } as never)).toThrow(/maxDepth/);
    expect(fastLoadYaml(chain(31))).toBe(DEFER);
    const parsed = parseDocument(`---\ntitle: T\n${chain(31)}\n---\n`);
    expect(parsed).toMatchObject({ ok: false, code: 'parse-error', message: expect.stringMatching(/nesting exceeded maxDepth \(64\)/) });
    // A shallow chain is still the fast path's, and equal to js-yaml's.
    expect(fastLoadYaml(chain(5))).toEqual(load(chain(5), { schema: CORE_SCHEMA }));
  });

  it.each<[string, number]>([
    ['k:\n- k:\n  - v: 1', 5],
    ['k:\n- x', 3],
    ['k: 1', 1],
  ])('defers %j with maxDepth %i (js-yaml refuses it)', (text, maxDepth) => {
    expect(() => load(text, { schema: CORE_SCHEMA, maxDepth } as never)).toThrow(/maxDepth/);
    expect(fastLoadYaml(text, { maxDepth, maxNodes: 100_000 })).toBe(DEFER);
  });

  it('a chain long enough to overflow a recursive reader is a parse error, not a crash', () => {
    const parsed = parseDocument(`---\ntitle: T\n${chain(2000)}\n---\n`);
    expect(parsed).toMatchObject({ ok: false, code: 'parse-error' });
  });

  it('defers documents with more lines than maxNodes allows', () => {
    const many = `---\n${Array.from({ length: 30 }, (_, i) => `k${i}: ${i}`).join('\n')}\n---\n`;
    expect(fastLoadYaml(many.slice(3, many.lastIndexOf('---')), { maxDepth: 64, maxNodes: 20 })).toBe(DEFER);
  });
});
