import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFER, fastLoadYaml, SlotPlaces } from '../../src/core/fastyaml.js';
import { isMapping } from '../../src/core/normalise.js';
import { createLocator, splitPath } from '../../src/core/locate.js';
import { parseDocument } from '../../src/core/parse.js';
import { describeShared, FIXTURES, SHARED_CORPUS } from '../helpers.js';

const yaml = [
  '',
  'title: "Quoted"',
  "excerpt: 'single'",
  'provider:',
  '  name: Example',
  '  domain: example.test',
  'topics: [AI, "Robotics"]',
  'images:',
  '  - url: https://a.test/x.jpg',
  '    width: 700',
  'body: |',
  '  literal',
  'empty:',
  'related:',
  '  - title: Other',
  '    provider:',
  '      name: Other',
].join('\n');

// The front matter starts right after `---` on file line 1.
const locate = createLocator(yaml, 1);

describe('splitPath', () => {
  it('splits dotted paths and indexes', () => {
    expect(splitPath('related[0].provider.name')).toEqual(['related', 0, 'provider', 'name']);
    expect(splitPath('topics[12]')).toEqual(['topics', 12]);
  });
});

describe('createLocator', () => {
  const cases: [string, { line: number; column: number } | null, { line: number; column: number }][] = [
    ['title', { line: 2, column: 1 }, { line: 2, column: 8 }],
    ['excerpt', { line: 3, column: 1 }, { line: 3, column: 10 }],
    ['provider', { line: 4, column: 1 }, { line: 5, column: 3 }],
    ['provider.domain', { line: 6, column: 3 }, { line: 6, column: 11 }],
    ['topics', { line: 7, column: 1 }, { line: 7, column: 9 }],
    ['topics[1]', null, { line: 7, column: 14 }],
    ['images[0]', null, { line: 9, column: 5 }],
    ['images[0].width', { line: 10, column: 5 }, { line: 10, column: 12 }],
    ['body', { line: 11, column: 1 }, { line: 11, column: 7 }],
    ['empty', { line: 13, column: 1 }, { line: 13, column: 1 }],
    ['related[0].provider.name', { line: 17, column: 7 }, { line: 17, column: 13 }],
  ];
  for (const [path, key, value] of cases) {
    it(`finds ${path}`, () => {
      expect(locate.find(path)).toEqual({ key, value });
    });
  }

  it('returns null for absent paths, and falls back to the nearest present ancestor', () => {
    expect(locate.find('provider.logo')).toBeNull();
    expect(locate.find('topics[5]')).toBeNull();
    expect(locate.valueOrNearest('provider.logo')).toEqual({ line: 4, column: 1 });
    expect(locate.keyOrNearest('related[0].provider.domain')).toEqual({ line: 16, column: 5 });
    expect(locate.valueOrNearest('missing')).toEqual({ line: 2, column: 1 });
  });

  it('gives line 1, column 1 for YAML it cannot parse', () => {
    const broken = createLocator('\na: [', 1);
    expect(broken.valueOrNearest('a')).toEqual({ line: 1, column: 1 });
    expect(broken.find('a')).toBeNull();
  });

  it('counts file lines the same for CRLF and BOM files as for plain LF ones', () => {
    for (const source of ['---\ntitle: x\nwebUrl: y\n---\n', '\ufeff---\r\ntitle: x\r\nwebUrl: y\r\n---\r\n']) {
      const parsed = parseDocument(source);
      if (!parsed.ok) throw new Error('parse failed');
      expect(createLocator(parsed.frontMatter, parsed.frontMatterLine).find('webUrl')).toEqual({ key: { line: 3, column: 1 }, value: { line: 3, column: 9 } });
    }
  });

  it('counts from the fence line when it names the language', () => {
    const parsed = parseDocument('---yaml\ntitle: x\n---\n');
    if (!parsed.ok) throw new Error('parse failed');
    expect(createLocator(parsed.frontMatter, parsed.frontMatterLine).find('title')?.value).toEqual({ line: 2, column: 8 });
  });

  it('places a block scalar at its indicator, also with > or | in a comment on its header line', () => {
    const parsed = parseDocument('---\ntitle: >-  # see a->b | c\n  Two lines\n  here\nexcerpt: |\n  x\n---\n');
    if (!parsed.ok) throw new Error('parse failed');
    const located = createLocator(parsed.frontMatter, parsed.frontMatterLine);
    expect(located.find('title')?.value).toEqual({ line: 2, column: 8 });
    expect(located.find('excerpt')?.value).toEqual({ line: 5, column: 10 });
  });
});

describe('the fast loader\'s value places agree with the parsing locator', () => {
  it.each([
    ['quoted value', '---\ntitle: "A"\nwebUrl: "https://a.test/x"\n---\n'],
    ['plain value after extra spaces', '---\ntitle:    plain words\nheat: 5\n---\n'],
    ['BOM and CRLF', '\ufeff---\r\ntitle: x\r\n\r\nwebUrl: https://a.test\r\n---\r\n'],
    ['nested keys of the same name', '---\nprovider:\n  title: inner\ntitle: outer\n---\n'],
    ['lists and lists of mappings', '---\ntopics:\n- AI\n-   "Robots"\nrelated:\n  - title: "One"\n    excerpt:  two  spaces\n  -   title: Two\n---\n'],
  ])('%s', (_name, text) => {
    expect(expectAgreement(text)).toBeGreaterThan(1);
  });

  it('places a list item written as nothing at its dash, in the parsing locator too', () => {
    const yaml = '\ntopics:\n  - AI\n  - ~\n  -\n  - &a\n  -   # none\nimages:\n-\n- url: u\nrelated:\n  - title: x\n    excerpt: y\n  -\n';
    const full = createLocator(yaml, 1);
    // Text line i is file line 1 + i.
    expect(full.valueOrNearest('topics[2]')).toEqual({ line: 5, column: 3 });
    // An item that holds only an anchor is placed at it.
    expect(full.valueOrNearest('topics[3]')).toEqual({ line: 6, column: 5 });
    expect(full.valueOrNearest('topics[4]')).toEqual({ line: 7, column: 3 });
    expect(full.valueOrNearest('images[0]')).toEqual({ line: 9, column: 1 });
    expect(full.valueOrNearest('related[1]')).toEqual({ line: 14, column: 3 });
    // Items written as nothing one after another, each at its own dash.
    const run = createLocator('\nrelated:\n  -\n  -\n  # - not an item\n  -\nx: 1  # js-yaml\n', 1);
    expect(['related[0]', 'related[1]', 'related[2]'].map((path) => run.valueOrNearest(path).line)).toEqual([3, 4, 6]);
    // A tag alone is placed at its `!`, a tag and an anchor at the first of them.
    const marked = createLocator('\nx:\n  - !!null\n  - !!str &b\n  - &c !!str\n', 1);
    expect(['x[0]', 'x[1]', 'x[2]'].map((path) => marked.valueOrNearest(path))).toEqual([
      { line: 3, column: 5 },
      { line: 4, column: 5 },
      { line: 5, column: 5 },
    ]);
    // A compact nested list: its first item's dash is the inner list's start.
    const compact = createLocator('\ntopics:\n- -\n  -\n', 1);
    expect(compact.valueOrNearest('topics[0][0]')).toEqual({ line: 3, column: 3 });
    expect(compact.valueOrNearest('topics[0][1]')).toEqual({ line: 4, column: 3 });
    const fast = '\ntopics:\n  - AI\n  -\nimages:\n-\n- url: u\n';
    const quick = createLocator(fast, 1, 64, slotPlacesOf(fast));
    expect(quick.valueOrNearest('topics[1]')).toEqual({ line: 4, column: 3 });
    expect(quick.valueOrNearest('images[0]')).toEqual({ line: 6, column: 1 });
    for (const path of ['topics[1]', 'images[0]']) expect(quick.valueOrNearest(path), path).toEqual(createLocator(fast, 1).valueOrNearest(path));
  });

  it('records no places for text outside the fast subset', () => {
    expect(slotPlacesOf('\ntitle: [a, b]\n')).toBeNull();
    expect(parseDocument('---\ntitle: [a, b]\n---\n', undefined, true)).not.toHaveProperty('valueSlots');
  });

  it('records places only when asked to', () => {
    expect(parseDocument('---\ntitle: a\n---\n')).not.toHaveProperty('valueSlots');
    expect(parseDocument('---\ntitle: a\n---\n', undefined, true)).toMatchObject({ valueSlots: [1, 7] });
  });

  it('places leaves after values written as nothing, `[]` and `{}`; a list item written as nothing at its dash, the empty value of a key nowhere', () => {
    const places = slotPlacesOf('\nempty:\nlist: []\nmap: {}\ntopics:\n  -\n  - b\nrelated:\n  - title:\n    webUrl: u\ntitle: t\n')!;
    expect(places.place('empty')).toBeNull();
    expect(places.place('list')).toEqual({ line: 2, column: 6 });
    expect(places.place('map')).toEqual({ line: 3, column: 5 });
    expect(places.place('topics[0]')).toEqual({ line: 5, column: 2 });
    expect(places.place('topics[1]')).toEqual({ line: 6, column: 4 });
    expect(places.place('related[0].title')).toBeNull();
    expect(places.place('related[0].webUrl')).toEqual({ line: 9, column: 12 });
    expect(places.place('title')).toEqual({ line: 10, column: 7 });
    // Containers, absent paths and malformed ones have no place of their own.
    for (const path of ['', 'topics', 'related[0]', 'list[0]', 'map.x', 'title.x', 'topics[2]', 'topics[01]', 'topics.0', '.title', 'related[0]title', 'related[0]..webUrl', 'related[']) {
      expect(places.place(path), path).toBeNull();
    }
  });

  // A path's dots always mean nesting (as for the parsing locator); a dotted key is never taken for
  // one: the search gives up on meeting such a key, or has found the nested value before it.
  it.each([
    ['a dotted key before the nested one', '\ntitle: T\nprovider.domain: other.test\nprovider:\n  name: Example\n  domain: bad.test\n', null],
    ['a dotted key after the nested one', '\ntitle: T\nprovider:\n  name: Example\n  domain: bad.test\nprovider.domain: other.test\n', { line: 4, column: 10 }],
  ])('never takes a dotted key for a nested path (%s)', (_name, yaml, searched) => {
    expect(slotPlacesOf(yaml)!.place('provider.domain')).toEqual(searched);
    const quick = createLocator(yaml, 1, 64, slotPlacesOf(yaml));
    const full = createLocator(yaml, 1);
    for (const path of ['provider.domain', 'provider.name', 'title']) expect(quick.valueOrNearest(path), path).toEqual(full.valueOrNearest(path));
    expect(quick.valueOrNearest('provider.domain').line).toBe(yaml.split('\n').findIndex((line) => line.startsWith('  domain:')) + 1);
  });

  it('finds one nested value without confusing paths that share a prefix', () => {
    const yaml = '\nrelated:\n  - title: a\n  - title: b\n    images:\n      - url: u\nrelated_count: 2\nrelatedx:\n  title: c\n';
    const places = slotPlacesOf(yaml)!;
    expect(places.place('related[1].title')).toEqual({ line: 3, column: 11 });
    expect(places.place('related[1].images[0].url')).toEqual({ line: 5, column: 13 });
    expect(places.place('relatedx.title')).toEqual({ line: 8, column: 9 });
    expect(places.place('related[10].title')).toBeNull();
  });

  it('on every fixture article', () => {
    let compared = 0;
    for (const file of articleFiles(FIXTURES)) compared += expectAgreement(readFileSync(file, 'utf8'));
    expect(compared).toBeGreaterThan(100);
  });
});

describeShared('fast value places over the real corpus', () => {
  it('agree with the parsing locator on every value of every real article', () => {
    let compared = 0;
    for (const file of articleFiles(path.join(SHARED_CORPUS, 'everyday-ai'))) compared += expectAgreement(readFileSync(file, 'utf8'));
    expect(compared).toBeGreaterThan(3000);
  });
});

/** The leaf places of front matter the fast loader reads; null for other text. */
function slotPlacesOf(yaml: string): SlotPlaces | null {
  const slots: number[] = [];
  const data = fastLoadYaml(yaml, undefined, slots);
  return data === DEFER ? null : new SlotPlaces(data, slots);
}

/** Every path to a leaf of a tree (`[]` and `{}` are leaves), as validate's rules write paths. */
function leafPaths(value: unknown, path = ''): string[] {
  if (Array.isArray(value) && value.length > 0) return value.flatMap((item, i) => leafPaths(item, `${path}[${i}]`));
  if (isMapping(value) && Object.keys(value).length > 0) {
    return Object.keys(value).flatMap((key) => leafPaths(value[key], path === '' ? key : `${path}.${key}`));
  }
  return [path];
}

/** Compares the place of every leaf from the fast loader's record with the parsing locator's answer; returns how many were compared. */
function expectAgreement(text: string): number {
  const parsed = parseDocument(text, undefined, true);
  if (!parsed.ok || parsed.valueSlots === undefined) return 0;
  const places = new SlotPlaces(parsed.data as never, parsed.valueSlots!);
  const full = createLocator(parsed.frontMatter, parsed.frontMatterLine);
  // The locator validate uses.
  const quick = createLocator(parsed.frontMatter, parsed.frontMatterLine, 64, places);
  let compared = 0;
  for (const path of leafPaths(parsed.data)) {
    const place = places.place(path);
    // Only a value written as nothing (`key:`), or one behind a key that holds a dot, has no place.
    if (place === null) {
      expect(parsed.frontMatter, path).toMatch(/^ *(?:- +)?[A-Za-z_$][\w$./-]*:$|^ *(?:- +)?[A-Za-z_$][\w$/-]*\.[\w$./-]*:/m);
      continue;
    }
    const expected = { line: parsed.frontMatterLine + place.line, column: place.column + 1 };
    expect(expected, path).toEqual(full.valueOrNearest(path));
    expect(quick.valueOrNearest(path), path).toEqual(expected);
    compared++;
  }
  // Paths of nested blocks, and paths that are not there, have no place of their own.
  for (const path of ['provider', 'related', 'related[0]', 'images[0]', 'nothing', 'related[999].title', 'title.more', 'topics[0].x']) {
    expect(places.place(path), path).toBeNull();
  }
  return compared;
}

function articleFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...articleFiles(full));
    else if (entry.name.endsWith('.md')) found.push(full);
  }
  return found;
}

// Front matter shaped to make place lookups quadratic, as they once were (minutes at these
// sizes). Each lookup must still give the right place.
describe('many questions about large front matter', () => {
  it('answers each question about a long list at once, with a dotted key before it (no place: the parsing locator answers)', () => {
    const count = 50_000;
    const text = `\na.b: 1\ntopics:\n${'  - 1\n'.repeat(count)}`;
    const locate = createLocator(text, 1, 64, slotPlacesOf(text));
    for (let i = 0; i < count; i += 1) expect(locate.valueOrNearest(`topics[${i}]`).line).toBe(4 + i);
  });

  it('finds the dashes of empty items in one pass, past long lines of dashes and thousands of compact nested lists', () => {
    const dashes = `\nx:\n  -\n  # ${'- '.repeat(100_000)}\n  -\ny: 1  # js-yaml\n`;
    expect(createLocator(dashes, 1).valueOrNearest('x[1]')).toEqual({ line: 5, column: 3 });
    const nested = `\ntopics:\n${'- -\n'.repeat(20_000)}u: http://a.test\n`;
    const locate = createLocator(nested, 1);
    for (const i of [0, 9_999, 19_999]) expect(locate.valueOrNearest(`topics[${i}][0]`)).toEqual({ line: 3 + i, column: 3 });
  });

  it('answers each question about a long list at once from the record, under a very long key too', () => {
    const key = 'k'.repeat(16_400);
    // Within the fast loader's node limit (100,000).
    const count = 12_000;
    const text = `\ntitle: x\ntopics:\n  - 1\n  - 2\n  - 3\n${key}:\n${'  - 1\n'.repeat(count)}`;
    const places = slotPlacesOf(text)!;
    expect(places.place('title')).toEqual({ line: 1, column: 7 });
    for (let i = 0; i < count; i += 1) expect(places.place(`${key}[${i}]`), String(i)).toEqual({ line: 7 + i, column: 4 });
    const locate = createLocator(text, 1, 64, places);
    for (const i of [0, 1, 2]) expect(locate.valueOrNearest(`topics[${i}]`).line).toBe(4 + i);
    expect(locate.valueOrNearest(`${key}[${count - 1}]`).line).toBe(8 + count - 1);
  });

  it('looks keys up by name in front matter js-yaml reads (many keys, many questions)', () => {
    const count = 20_000;
    const keys = Array.from({ length: count }, (_, i) => `k${i}: ${i}\n`).join('');
    const text = `\n${keys}topics: [${Array.from({ length: count }, () => '1').join(', ')}]\n`;
    const locate = createLocator(text, 1, 64, null);
    for (let i = 0; i < count; i += 97) expect(locate.valueOrNearest(`k${i}`)).toEqual({ line: 2 + i, column: 4 + String(i).length });
    expect(locate.valueOrNearest('topics[5]')).toEqual({ line: 2 + count, column: 10 + 3 * 5 });
  });
});
