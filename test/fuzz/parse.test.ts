// Fuzzing the parser: any string or any bytes give a record, a typed error or "not an article";
// no other exception, no prototype pollution, and refusals for alias bombs and deep nesting.
import fc from 'fast-check';
import matter from 'gray-matter';
import { afterAll, describe, expect, it } from 'vitest';
import { processDocument, processText, type DocumentResult } from '../../src/core/document.js';
import { parseDocument, type ParseErrorCode, type ParseResult } from '../../src/core/parse.js';
import { DEFAULT_YAML_LIMITS, loadYaml } from '../../src/core/yaml.js';
import { FUZZ_SEED, RUNS } from './budget.js';

const PARSE_CODES: ReadonlySet<ParseErrorCode> = new Set(['unsafe-front-matter', 'unclosed-front-matter', 'parse-error', 'too-complex']);
// What processDocument may report besides the parser's codes. `internal-error` is deliberately
// absent: it means an exception escaped the parser or the normaliser and was caught at the top.
const DOCUMENT_CODES: ReadonlySet<string> = new Set([...PARSE_CODES, 'binary-file']);

const prototypeKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();
const arrayPrototypeKeysBefore = Object.getOwnPropertyNames(Array.prototype).sort();

/** Checks the shape of a parse result; throws when it is anything but a result or a typed error. */
function expectParseResult(result: ParseResult): void {
  if (result.ok) {
    expect(typeof result.hasFrontMatter).toBe('boolean');
    expect(typeof result.body).toBe('string');
    expect(typeof result.frontMatter).toBe('string');
    if (!result.hasFrontMatter) expect(result.data).toBeUndefined();
    return;
  }
  expect(PARSE_CODES.has(result.code), result.code).toBe(true);
  expect(result.message).not.toBe('');
  expect(result.message).not.toContain('\n');
  expect(Number.isInteger(result.line) && result.line >= 1).toBe(true);
  expect(Number.isInteger(result.column) && result.column >= 1).toBe(true);
}

/** Checks the shape of a document result: an article, not an article, or a known diagnostic. */
function expectDocumentResult(result: DocumentResult): void {
  if (result.kind === 'error') {
    expect(DOCUMENT_CODES.has(result.diagnostic.code), `${result.diagnostic.code}: ${result.diagnostic.message}`).toBe(true);
    expect(result.diagnostic.message).not.toContain('\n');
  } else if (result.kind === 'article') {
    expect(typeof result.article.title).toBe('string');
    expect(() => JSON.stringify(result.article)).not.toThrow();
  } else {
    expect(result.kind).toBe('not-article');
  }
}

// Pieces of front matter that reach the corners of YAML and of the fence handling.
const YAML_PIECES = [
  'title: ', 'title', ': ', ':', '"', "'", '\\', '\\u00e9', '\\x1b', '-', '- ', '---', '---js', '---yaml', '...',
  '[', ']', '{', '}', ',', '&a ', '*a', '&b ', '*b', '<<: ', '__proto__', 'constructor', 'prototype', 'polluted',
  '!!binary ', '!!js/function ', '!!python/object ', '? ', '|', '>', '#', '%YAML 1.2', '@', '`', '\t', ' ', '  ', '\n',
  '\r\n', '\r', '\ufeff', '\u0000', '\u2028', '\u202e', 'é', '😀', '\ud800', 'null', '~', 'true', 'yes', '0x1F',
  '.inf', '.nan', '1e400', '2023-02-30', '12:30', 'https://example.test/a',
];

const yamlish = fc.array(fc.constantFrom(...YAML_PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''));
/** A document built from pieces: sometimes a proper fence around them, sometimes not. */
const documentText = fc
  .tuple(fc.constantFrom('', '---\n', '---\r\n', '\ufeff---\n', '---yaml\n', '--- \n'), yamlish, fc.constantFrom('', '\n---\n', '\n---\nbody\n', '\r\n---\r\n'), fc.string())
  .map(([open, yaml, close, body]) => open + yaml + close + body);

describe('parseDocument on any input', () => {
  it('returns a parse result or a typed error for any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          // UTF-16 code units, lone surrogates included.
          fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 }).map((units) => String.fromCharCode(...units)),
        ),
        (text) => expectParseResult(parseDocument(text)),
      ),
      { numRuns: RUNS.parseStrings, seed: FUZZ_SEED },
    );
  });

  it('returns a parse result or a typed error for any front-matter-like document', () => {
    fc.assert(fc.property(documentText, (text) => expectParseResult(parseDocument(text))), { numRuns: RUNS.parseDocuments, seed: FUZZ_SEED });
  });

  it('gives the same result for a document and its CRLF and BOM variants', () => {
    fc.assert(
      fc.property(documentText.filter((text) => !text.includes('\r') && !text.startsWith('\ufeff')), (text) => {
        const lf = parseDocument(text);
        expect(parseDocument('\ufeff' + text.replace(/\n/g, '\r\n'))).toEqual(lf);
      }),
      { numRuns: RUNS.parseVariants, seed: FUZZ_SEED },
    );
  });
});

/** What parseDocument did before it stopped calling gray-matter: gray-matter with the safe YAML loader as its engine. */
function grayMatterParse(text: string): { data: unknown; body: string } | 'refused' {
  try {
    const yaml = (source: string) => loadYaml(source, DEFAULT_YAML_LIMITS) as object;
    const file = matter(text, { language: 'yaml', excerpt: false, engines: { yaml } } as never);
    return { data: file.data, body: file.content };
  } catch {
    return 'refused';
  }
}

// Lines that send front matter to js-yaml (flow lists, anchors, block scalars, tabs) or make it
// gray-matter's empty block (blank and comment lines, other line ends than LF among them).
const SLOW_PATH_LINES = [
  'title: x', 'tags: [a, b]', 'a: &x 1', 'b: *x', 'text: |', '  block line', 'k: "q"', 'key:', '  nested: 1', '- item',
  '', ' ', '   ', '\t', '#', '# comment', '  # indented', '#\u2028x', '\u2028', ' \u2028# c', '\u2029#', '#x\u2028y: 1',
  'x\u2028#c', '\u00a0# nbsp', '\ufeff', 'q: {a: 1}', 'bad: [', ': x', 'dup: 1', 'dup: 2',
];
const slowPathDocument = fc
  .tuple(fc.array(fc.constantFrom(...SLOW_PATH_LINES), { maxLength: 8 }), fc.constantFrom('', 'body\n', '\nbody', '---\nmore'))
  .map(([lines, body]) => `---\n${lines.join('\n')}\n---\n${body}`);

describe('parseDocument without gray-matter', () => {
  it('gives what gray-matter + the safe YAML loader gave: data, body, or a refusal', () => {
    fc.assert(
      fc.property(fc.oneof(slowPathDocument, documentText.filter((text) => /^---\n/.test(text) && !text.includes('\r'))), (text) => {
        const parsed = parseDocument(text);
        // Refused before gray-matter was ever called: not its business.
        if (!parsed.ok && (parsed.code === 'unclosed-front-matter' || parsed.code === 'unsafe-front-matter')) return;
        const reference = grayMatterParse(text);
        if (reference === 'refused') {
          expect(parsed.ok).toBe(false);
          return;
        }
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        if (parsed.hasFrontMatter) expect(parsed.data).toStrictEqual(reference.data);
        expect(parsed.body).toBe(reference.body);
      }),
      { numRuns: RUNS.parseDocuments, seed: FUZZ_SEED },
    );
  });
});

describe('processDocument on any input', () => {
  it('never reports an internal error for any bytes', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.tuple(fc.constantFrom('---\n', '\ufeff---\n', '---\ntitle: x\n'), fc.uint8Array({ maxLength: 200 }), fc.constantFrom('', '\n---\n')).map(
        ([head, middle, tail]) => Buffer.concat([Buffer.from(head), middle, Buffer.from(tail)]),
      ),
    );
    fc.assert(fc.property(bytes, (input) => expectDocumentResult(processDocument(input, 'fuzz.md'))), {
      numRuns: RUNS.processBytes,
      seed: FUZZ_SEED,
    });
  });

  it('never reports an internal error for any front-matter-like text with a title', () => {
    const withTitle = fc.tuple(yamlish, fc.string({ maxLength: 40 })).map(([yaml, title]) => `---\ntitle: ${JSON.stringify(title)}\n${yaml}\n---\n`);
    fc.assert(
      fc.property(fc.oneof(withTitle, documentText), (text) => expectDocumentResult(processText(text, '2023-01-02-fuzz.md', 'utf-8'))),
      { numRuns: RUNS.processText, seed: FUZZ_SEED },
    );
  });
});

describe('hostile YAML, in process', () => {
  it('refuses alias bombs of any fan-out and depth past the limit, quickly and without expanding them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 40 }), fc.integer({ min: 4, max: 9 }), (fanOut, depth) => {
        const lines = [`l0: &l0 [${Array(fanOut).fill('"x"').join(',')}]`];
        for (let level = 1; level < depth; level++) lines.push(`l${level}: &l${level} [${Array(fanOut).fill(`*l${level - 1}`).join(',')}]`);
        const result = parseDocument(`---\ntitle: bomb\n${lines.join('\n')}\n---\n`);
        const expanded = fanOut ** depth;
        if (expanded > 200_000) expect(result).toMatchObject({ ok: false, code: 'too-complex' });
        if (result.ok) expect(() => JSON.stringify(result.data)).not.toThrow();
      }),
      { numRuns: RUNS.bombs, seed: FUZZ_SEED },
    );
  });

  it('refuses deep nesting of any bracket kind, never with a RangeError', () => {
    fc.assert(
      fc.property(fc.integer({ min: 65, max: 20_000 }), fc.constantFrom('[', '{a: ', '- '), (depth, opener) => {
        const nested = opener === '- ' ? Array.from({ length: Math.min(depth, 300) }, (_, i) => `${' '.repeat(i * 2)}- `).join('\n') : opener.repeat(depth);
        const result = parseDocument(`---\ntitle: deep\ndeep:\n${nested}\n---\n`);
        expect(result.ok).toBe(false);
        expectParseResult(result);
      }),
      { numRuns: RUNS.deep, seed: FUZZ_SEED },
    );
  });

  it('keeps __proto__, constructor and merge keys as data: nothing reaches a prototype', () => {
    const documents = [
      '__proto__:\n  polluted: yes',
      '"__proto__": {polluted: yes}',
      'constructor:\n  prototype:\n    polluted: yes',
      'base: &b\n  __proto__:\n    polluted: yes\n<<: *b',
      'list:\n  - __proto__: {polluted: yes}\n  - <<: {__proto__: {polluted: yes}}',
      'provider:\n  __proto__: {polluted: yes}\n  name: x',
      'images:\n  - url: https://a.test/i\n    __proto__: {polluted: yes}',
      'related:\n  - title: r\n    __proto__: {polluted: yes}\n    related: {__proto__: {polluted: yes}}',
    ];
    for (const yaml of documents) {
      const result = processText(`---\ntitle: t\n${yaml}\n---\n`, 'proto.md', 'utf-8');
      expect(result.kind, yaml).toBe('article');
      if (result.kind !== 'article') continue;
      const article = result.article;
      expect(Object.getPrototypeOf(article.extra)).toBe(Object.prototype);
      expect(Object.getPrototypeOf(article.provider)).toBe(Object.prototype);
      for (const image of article.images) expect(Object.getPrototypeOf(image)).toBe(Object.prototype);
      expect((article as unknown as Record<string, unknown>).polluted).toBeUndefined();
      expect((article.provider as Record<string, unknown>).polluted).toBeUndefined();
      expect(JSON.parse(JSON.stringify(article))).toEqual(article);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

afterAll(() => {
  // Nothing any input did may have added a property to the shared prototypes.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeysBefore);
  expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(arrayPrototypeKeysBefore);
});
