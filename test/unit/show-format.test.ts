import { describe, expect, it } from 'vitest';
import { processText } from '../../src/core/document.js';
import { displayWidth } from '../../src/core/text.js';
import type { Article } from '../../src/core/types.js';
import { plainPalette, type Palette } from '../../src/format/palette.js';
import { formatArticleJson, formatArticleView, rawFrontMatter, scoreText, wrapText } from '../../src/format/show.js';
import { article } from '../helpers.js';

const NOW = new Date('2023-10-19T09:00:00Z');

function parse(text: string): Article {
  const result = processText(text, 'news/2023-10-16-sample.md', 'utf-8', { keepBody: true });
  if (result.kind !== 'article') throw new Error(`not an article: ${JSON.stringify(result)}`);
  return result.article;
}

const FULL = parse(
  article(
    {
      title: '"Open-weights models gain ground"',
      excerpt: `"${'A survey of forty companies finds that teams start pilots with open models. '.repeat(3).trim()}"`,
      publishedDateTime: '2023-10-16T09:00:00Z',
      webUrl: '"https://www.example-tech.test/news/open"',
      quality: '88',
      heat: '-1',
      provider: '\n  name: Example Tech\n  domain: www.Example-Tech.test',
      images: '\n  - url: "https://cdn.example-tech.test/a.jpg"\n    width: 1200\n    height: 630',
      related:
        '\n  - title: "Why model cards matter"\n    publishedDateTime: 2023-10-12T14:30:00Z\n    webUrl: "https://buyers.test/cards"\n    provider:\n      name: Buyers Weekly\n    quality: 61',
      secured: `"${'x'.repeat(500)}"`,
    },
    'The body.\n',
  ),
);

const view = (a: Article, width = 80, palette: Palette = plainPalette) => formatArticleView(a, { width, palette, now: NOW });

describe('wrapText', () => {
  it('splits a word wider than the line between whole characters, in time linear in its length', () => {
    const lines = wrapText('e\u0301'.repeat(400_000), 60);
    expect(lines).toHaveLength(Math.ceil(400_000 / 60));
    for (const line of lines) expect(line.startsWith('\u0301')).toBe(false);
    expect(wrapText('👍🏽'.repeat(5), 4)).toEqual(['👍🏽👍🏽', '👍🏽👍🏽', '👍🏽']);
  });

  it('breaks between words and keeps every line within the width', () => {
    const lines = wrapText('the quick brown fox jumps over the lazy dog', 10);
    expect(lines).toEqual(['the quick', 'brown fox', 'jumps over', 'the lazy', 'dog']);
  });

  it('never breaks at a no-break space, and keeps it', () => {
    expect(wrapText('pay 10\u202f€ now', 7)).toEqual(['pay', '10\u202f€', 'now']);
    expect(wrapText('«\u00a0oui\u00a0» dit-il', 8)).toEqual(['«\u00a0oui\u00a0»', 'dit-il']);
  });

  it('splits a word wider than the line', () => {
    expect(wrapText('abcdefghij xy', 4)).toEqual(['abcd', 'efgh', 'ij', 'xy']);
  });

  it('counts wide characters as two columns', () => {
    const lines = wrapText('日本語 日本語', 7);
    expect(lines).toEqual(['日本語', '日本語']);
    for (const line of wrapText('日本語のテキスト'.repeat(5), 9)) expect(displayWidth(line)).toBeLessThanOrEqual(9);
  });

  it('gives no lines for blank text', () => {
    expect(wrapText('  \n ', 10)).toEqual([]);
  });
});

describe('scoreText', () => {
  it.each([
    [88, '88'],
    [0, '0'],
    [-1, 'unknown (-1)'],
    [null, 'unknown'],
  ])('%j → %j', (score, text) => expect(scoreText(score)).toBe(text));
});

describe('formatArticleView', () => {
  const text = view(FULL);

  it('starts with the title and shows the facts people look for', () => {
    expect(text.split('\n')[0]).toBe('Open-weights models gain ground');
    expect(text).toMatch(/^Provider +Example Tech · example-tech\.test$/m);
    expect(text).toMatch(/^Published +2023-10-16T09:00:00Z \(3 days ago\)$/m);
    expect(text).toMatch(/^URL +https:\/\/www\.example-tech\.test\/news\/open$/m);
    expect(text).toMatch(/^Topics +AI$/m);
    expect(text).toMatch(/^Quality +88$/m);
    expect(text).toMatch(/^Heat +unknown \(-1\)$/m);
    expect(text).toMatch(/^File +news\/2023-10-16-sample\.md$/m);
  });

  it('wraps the excerpt to the width', () => {
    const narrow = view(FULL, 50);
    const excerptLines = narrow.split('\n').filter((line) => /survey|companies|pilots|models\./.test(line));
    expect(excerptLines.length).toBeGreaterThan(3);
    for (const line of narrow.split('\n')) {
      if (!line.includes('https://')) expect(displayWidth(line)).toBeLessThanOrEqual(50);
    }
  });

  it('lists images, related articles as a table, fixes and other fields', () => {
    expect(text).toContain('\nImages\n  https://cdn.example-tech.test/a.jpg  1200×630\n');
    expect(text).toMatch(/Related articles\n {2}DATE +TITLE +PROVIDER +QUALITY\n {2}2023-10-12 +Why model cards matter +Buyers Weekly +61\n/);
    expect(text).toMatch(/Fixes applied while reading\n.*FIELD.*\n {2}provider\.domain +domain-normalised +"www\.Example-Tech\.test"/);
    expect(text).toMatch(/Other fields\n {2}secured {2}x+…\n/);
    expect(text).toContain('\nBody\nThe body.\n');
  });

  it('other fields: a key holding a tab is JSON-quoted, so it differs from a space and from a key spelled a\\tb', () => {
    const a = parse(article({ '"a\\tb"': 'tab', '"a b"': 'space', "'a\\tb'": 'spelled' }));
    const text = view(a);
    expect(text).toMatch(/Other fields\n {2}"a\\tb" {3}tab\n {2}a b {6}space\n {2}"a\\\\tb" {2}spelled\n/);
  });

  it('other fields: null, YAML .inf/.nan, empty text and an empty list read apart, as JSON holds them, not as blanks or Infinity', () => {
    const text = view(parse(article({ inf: '.inf', nan: '.nan', nothing: 'null', empty: '[]', emptyMap: '{}', blank: '""', list: '[1, .inf]' })), 100);
    const other = text.slice(text.indexOf('Other fields'));
    expect(other).toMatch(/\n {2}inf +null\n {2}nan +null\n {2}nothing +null\n {2}empty +\[\]\n {2}emptyMap +\{\}\n {2}blank +""\n {2}list +\[1,null\]\n/);
  });

  it('other fields: text that would read as another value, or hide a space, is JSON-quoted; keys too', () => {
    const text = view(parse(article({ str: '"null"', str2: '"[]"', str3: "'\"\"'", num: '"42"', lst: '[a, b, "c; d"]', ok: '[a, b]', tabv: '"a\\tb"', pad: '" x"', plain: 'words here', day: '"2023-10-04"', '""': 'empty key', '" "': 'space key' })), 120);
    const other = text.slice(text.indexOf('Other fields'));
    for (const line of [
      '  str    "null"',
      '  str2   "[]"',
      '  str3   "\\"\\""',
      '  num    "42"',
      '  lst    ["a","b","c; d"]',
      '  ok     ["a","b"]',
      '  tabv   "a\\tb"',
      '  pad    " x"',
      '  plain  words here',
      '  day    2023-10-04',
      '  ""     empty key',
      '  " "    space key',
    ]) expect(other, line).toContain(`${line}\n`);
  });

  it('other fields: a key holding a quote is JSON-quoted, so it differs from a key with a space at its end', () => {
    const text = view(parse(article({ "' a'": 'spaced', "'\" a\"'": 'quotedkey' })), 100);
    const other = text.slice(text.indexOf('Other fields'));
    expect(other).toContain('  " a"      spaced\n');
    expect(other).toContain('  "\\" a\\""  quotedkey\n');
  });

  it('other fields: a key of the file named like a nested one is quoted, and both are shown', () => {
    const text = view(parse(article({ '"provider.logo"': 'TOP', '"images[0].caption"': 'TOPCAP', provider: '\n  name: P\n  logo: NESTED', images: '\n  - url: "https://i.test/a.jpg"\n    caption: NESTEDCAP' })), 120);
    const other = text.slice(text.indexOf('Other fields'));
    expect(other).toContain('  "provider.logo"      TOP\n');
    expect(other).toContain('  "images[0].caption"  TOPCAP\n');
    expect(other).toContain('  provider.logo        NESTED\n');
    expect(other).toContain('  images[0].caption    NESTEDCAP\n');
  });

  it("other fields: the provider's and each image's own keys too, by their paths", () => {
    const text = view(parse(article({ provider: '\n  name: P\n  domain: p.test\n  logo: p.png', images: '\n  - url: "https://i.test/a.jpg"\n    isCached: true\n    caption: A dog', secured: 'yes' })), 100);
    const other = text.slice(text.indexOf('Other fields'));
    expect(other).toMatch(/\n {2}secured +yes\n {2}provider\.logo +p\.png\n {2}images\[0\]\.isCached +true\n {2}images\[0\]\.caption +A dog\n/);
  });

  it('fixes: a control character in a value read from the file is a JSON escape, as the rest of its quote', () => {
    const text = view(parse(article({ title: '"Evil \\e[31mred \\x9b2J"' })), 120);
    expect(text).toMatch(/title +control-character +"Evil \\u001b\[31mred \\u009b2J"/);
  });

  it('related table: unfilled columns are left out, and narrow views drop columns rather than cut a header or a number', () => {
    const related = (items: string) => view(parse(article({ related: items })), 40);
    const section = (text: string) => text.slice(text.indexOf('Related articles'), text.indexOf('\n\n', text.indexOf('Related articles')));
    const titlesOnly = section(related('\n  - title: "Other story here"\n    webUrl: "https://b.test/x"'));
    // The provider's domain comes from the URL; no item has a date or a quality.
    expect(titlesOnly).toMatch(/^Related articles\n {2}TITLE +PROVIDER\n {2}Other story here +b\.test$/);
    const full = '\n  - title: "Third story"\n    publishedDateTime: 2023-01-02T00:00:00Z\n    provider:\n      name: Reuters\n    quality: 12.345678';
    const narrow = section(related(full));
    expect(narrow).toMatch(/^Related articles\n {2}DATE +TITLE +PROVIDER\n {2}2023-01-02 +Third story +Reuters$/);
    expect(narrow).not.toContain('…');
    const wide = section(view(parse(article({ related: full })), 80));
    expect(wide).toMatch(/QUALITY\n.*Reuters +12\.345678$/);
    for (const width of [40, 50, 60, 80]) {
      const header = section(view(parse(article({ related: full })), width)).split('\n')[1]!;
      expect(header, `width ${width}`).not.toContain('…');
    }
  });

  it('truncates long extra values to the width', () => {
    const line = text.split('\n').find((l) => l.includes('secured'))!;
    expect(displayWidth(line)).toBeLessThanOrEqual(80);
  });

  it('leaves out sections with nothing in them', () => {
    const bare = view(parse(article()));
    for (const heading of ['Images', 'Related articles', 'Fixes applied', 'Other fields', 'Body']) expect(bare).not.toContain(heading);
  });

  it('never lets control characters through, wherever they come from', () => {
    const nasty = parse(
      article(
        {
          title: '"Evil \\e[2J \\a \\u009b31m \\u202Eright"',
          excerpt: '"\\e]0;title\\a excerpt"',
          topics: '\n  - "AI\\e[5m"',
          note: '"\\e]8;;https://x.test\\e\\\\link"',
        },
        'body \x1b[2J \u009b1m \u202e\n',
      ),
    );
    const out = view(nasty);
    expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
    expect(out).toContain('Evil');
    expect(out).toContain('\\x1b');
  });

  it('colours only through the palette, after sanitising', () => {
    const tagged: Palette = {
      ...plainPalette,
      enabled: true,
      bold: (t) => `<b>${t}</b>`,
      cyan: (t) => `<c>${t}</c>`,
      dim: (t) => `<d>${t}</d>`,
    };
    const out = view(FULL, 80, tagged);
    expect(out.split('\n')[0]).toBe('<b>Open-weights models gain ground</b>');
    expect(out).toContain('<d>Provider     </d><c>Example Tech · example-tech.test</c>');
    expect(out).toContain('<b>Related articles</b>');
    expect(view(FULL)).not.toContain('<');
  });
});

describe('formatArticleJson', () => {
  it('is the whole record, pretty-printed, and parses back to it', () => {
    const json = formatArticleJson(FULL);
    expect(json).toMatch(/^\{\n {2}"id": "2023-10-16-sample",\n/);
    expect(json.endsWith('}\n')).toBe(true);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(FULL)));
    expect(JSON.parse(json).body).toBe('The body.\n');
  });

  it('escapes invisible controls that JSON.stringify leaves raw, keeping the data', () => {
    const sneaky = { ...FULL, body: 'a\u009bb\u202ec\u2028d\u007f' };
    const json = formatArticleJson(sneaky);
    expect(json).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u202e]/);
    expect(json).toContain('a\\u009bb\\u202ec\\u2028d\\u007f');
    expect(JSON.parse(json).body).toBe(sneaky.body);
  });
});

describe('rawFrontMatter', () => {
  it.each([
    ['---\ntitle: a\n---\nbody\n', '---\ntitle: a\n---\n'],
    ['---\r\ntitle: a\r\n---\r\nbody', '---\r\ntitle: a\r\n---\r\n'],
    ['---\rtitle: a\r---\rbody', '---\rtitle: a\r---\r'],
    ['---yaml\ntitle: a\n---', '---yaml\ntitle: a\n---'],
    ['---\n---\n', '---\n---\n'],
    ['---\ntitle: "a --- b"\n---\n\n---\nmore\n', '---\ntitle: "a --- b"\n---\n'],
  ])('%j → %j', (text, expected) => {
    expect(rawFrontMatter(text)).toBe(expected);
  });

  it.each([['no front matter\n'], ['----\ntitle: a\n----\n'], ['---\ntitle: a\n'], ['---']])('%j → null', (text) => {
    expect(rawFrontMatter(text)).toBeNull();
  });
});
