// normaliseArticle: every normalisation rule of the record, with the fix entries it leaves.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { domainToASCII, domainToUnicode } from 'node:url';
import { compileFilter } from '../../src/core/query.js';
import { hostOf, isArticleData, isIpAddress, isMapping, isSubdomainOf, normaliseArticle, normaliseDomain, normaliseUrl, TEXT_FIX_KINDS, textFixes, textFixTargets, type Mapping } from '../../src/core/normalise.js';
import { describeShared, FIXTURES, SHARED_CORPUS } from '../helpers.js';
import { FUZZ_SEED } from '../fuzz/budget.js';
import { parseDocument } from '../../src/core/parse.js';
import { processText } from '../../src/core/document.js';
import { Taxonomy } from '../../src/core/taxonomy.js';
import type { Article, Fix } from '../../src/core/types.js';

const taxonomy = new Taxonomy([
  { name: 'AI', id: 'ai', parent: null, keywords: [] },
  { name: 'Machine Learning', id: 'machine-learning', parent: 'AI', keywords: [] },
  { name: 'Google AI', id: 'google-ai', parent: 'AI', keywords: [] },
  { name: 'TensorFlow', id: 'tensorflow', parent: 'Google AI', keywords: [] },
]);

function norm(data: Mapping, id = 'an-article', tax: Taxonomy | null = taxonomy): Article {
  return normaliseArticle(data, { id, path: `news/${id}.md`, taxonomy: tax });
}

const kindsFor = (article: Article, field: string) => article.fixes.filter((f) => f.field === field).map((f) => f.kind);

describe('text fields', () => {
  it.each([
    ['mojibake (the seed case)', 'Making sure open source doesnâ€™t fail AI', 'Making sure open source doesn’t fail AI', 'mojibake'],
    ['mojibake of Latin letters', 'CafÃ© in SÃ£o Paulo', 'Café in São Paulo', 'mojibake'],
    ['named entity', 'Tom &amp; Jerry', 'Tom & Jerry', 'html-entity'],
    ['numeric entity &#39;', 'It&#39;s here', 'It’s here'.replace('’', "'"), 'html-entity'],
    ['&quot;', 'A &quot;quoted&quot; word', 'A "quoted" word', 'html-entity'],
    ['hex entity', 'Smile &#x263A;', 'Smile ☺', 'html-entity'],
    ['named accent entity', 'Caf&eacute;', 'Café', 'html-entity'],
    ['control characters dropped', 'Bell\u0007 and\u001b[31m escape', 'Bell and[31m escape', 'control-character'],
    ['bidi override dropped', 'abc\u202Edef', 'abcdef', 'control-character'],
    ['whitespace runs collapsed and trimmed', '  Two   spaces\tand\nnewline  ', 'Two spaces and newline', 'whitespace'],
    ['Unicode NFC', 'Cafe\u0301', 'Café', 'unicode-nfc'],
  ])('title: %s', (_label, before, after, kind) => {
    const article = norm({ title: before });
    expect(article.title).toBe(after);
    expect(kindsFor(article, 'title')).toContain(kind);
    const fix = article.fixes.find((f) => f.field === 'title' && f.kind === kind) as Fix;
    expect(fix.before).toBe(before);
  });

  it.each([
    ['plain ASCII', 'Open-weights models gain ground in enterprise pilots'],
    ['French', 'Crème brûlée à la française, naïve façade'],
    ['German', 'Größere Übersetzungsmodelle für Ärzte'],
    ['Portuguese', 'São Paulo testa atendimento automático'],
    ['curly quotes and dashes', 'It’s “fine” — really – mostly…'],
    ['CJK', '東京で人工知能の会議が開かれた'],
    ['Korean', '인공지능 뉴스'],
    ['emoji', 'Robots 🤖 learn to cook 🍳 with family 👨‍👩‍👧'],
    ['math bold', '𝐁𝐨𝐥𝐝 𝐦𝐚𝐭𝐡 𝑖𝑡𝑎𝑙𝑖𝑐'],
    ['capitals with symbols', 'CAFÉ™ and JOSÉ’s GARAGE ©'],
    ['ampersand without entity', 'R&D spending & AT&T'],
  ])('already-correct text is unchanged with no fixes: %s', (_label, text) => {
    const article = norm({ title: text, excerpt: text, provider: { name: text, domain: 'p.test' } });
    expect(article.title).toBe(text);
    expect(article.excerpt).toBe(text);
    expect(article.provider.name).toBe(text);
    expect(article.fixes).toEqual([]);
  });

  it('excerpt and provider name get the same repairs as the title', () => {
    const article = norm({ title: 't', excerpt: 'Fish &amp;  chips', provider: { name: 'LocalBiz &amp; Co', domain: 'x.test' } });
    expect(article.excerpt).toBe('Fish & chips');
    expect(article.provider.name).toBe('LocalBiz & Co');
    expect(kindsFor(article, 'excerpt')).toEqual(['html-entity', 'whitespace']);
    expect(kindsFor(article, 'provider.name')).toEqual(['html-entity']);
  });

  it('image titles are repaired', () => {
    const article = norm({ title: 't', images: [{ url: 'https://i.test/a.jpg', title: 'Caf&eacute; doesnâ€™t' }] });
    expect(article.images[0]!.title).toBe('Café doesn’t');
    expect(kindsFor(article, 'images[0].title')).toEqual(['mojibake', 'html-entity']);
  });

  it('a numeric title becomes text with a type-invalid fix', () => {
    const article = norm({ title: 't', excerpt: 42 });
    expect(article.excerpt).toBe('42');
    expect(kindsFor(article, 'excerpt')).toEqual(['type-invalid']);
  });

  it('true/false where text belongs becomes its text too, in every text field', () => {
    const article = norm({ title: 't', excerpt: true, category: false, type: true, provider: { name: false }, related: [{ title: false }] });
    expect([article.excerpt, article.category, article.type, article.provider.name, article.related[0]!.title]).toEqual(['true', 'false', 'true', 'false', 'false']);
    for (const field of ['excerpt', 'category', 'type', 'provider.name', 'related[0].title']) expect(kindsFor(article, field), field).toEqual(['type-invalid']);
  });
});

describe('dates', () => {
  it.each([
    ['ISO with Z', '2023-10-16T09:00:00Z', '2023-10-16T09:00:00.000Z', false],
    ['ISO with fraction and Z', '2023-10-16T09:00:00.250Z', '2023-10-16T09:00:00.250Z', false],
    ['ISO with zeros past the millisecond', '2023-10-16T09:00:00.250000Z', '2023-10-16T09:00:00.250Z', false],
    ['ISO with microseconds (dropped, so logged)', '2023-10-16T09:00:00.123456Z', '2023-10-16T09:00:00.123Z', true],
    ['ISO with +02:00', '2023-10-16T11:00:00+02:00', '2023-10-16T09:00:00.000Z', true],
    ['ISO with -0500', '2023-10-16T04:00:00-0500', '2023-10-16T09:00:00.000Z', true],
    ['YAML timestamp with spaces', '2023-10-16 11:00:00 +02:00', '2023-10-16T09:00:00.000Z', true],
    ['date only', '2023-10-16', '2023-10-16T00:00:00.000Z', true],
    ['RFC 2822 GMT', 'Mon, 16 Oct 2023 09:00:00 GMT', '2023-10-16T09:00:00.000Z', true],
    ['RFC 2822 offset', 'Mon, 16 Oct 2023 11:00:00 +0200', '2023-10-16T09:00:00.000Z', true],
    ['epoch seconds', 1697446800, '2023-10-16T09:00:00.000Z', true],
    ['epoch milliseconds', 1697446800000, '2023-10-16T09:00:00.000Z', true],
    ['epoch seconds as a string', '1697446800', '2023-10-16T09:00:00.000Z', true],
    ['UTC ISO with spaces around (trimmed, so logged)', ' 2023-10-16T09:00:00Z  ', '2023-10-16T09:00:00.000Z', true],
    ['a leap second (UTC, but read as the next minute, so logged)', '2016-12-31T23:59:60Z', '2017-01-01T00:00:00.000Z', true],
  ])('%s', (_label, value, iso, converted) => {
    const article = norm({ title: 't', publishedDateTime: value });
    expect(article.publishedDateTime).toBe(iso);
    expect(new Date(article.publishedDateTime!).toISOString()).toBe(article.publishedDateTime);
    expect(kindsFor(article, 'publishedDateTime')).toEqual(converted ? ['date-converted'] : []);
  });

  it.each([['not a date'], ['2023-02-30'], ['2023-13-01'], ['Mon, 32 Oct 2023 09:00:00 GMT'], [true], [{ y: 2023 }], ['0000-01-01T01:00:00+02:00'], [-99999999999]])(
    'invalid %j becomes null with a date-invalid fix',
    (value) => {
      const article = norm({ title: 't', publishedDateTime: value }, '2023-10-16-even-with-a-dated-name');
      expect(article.publishedDateTime).toBeNull();
      expect(article.fixes).toContainEqual({ field: 'publishedDateTime', kind: 'date-invalid', before: value });
      expect(kindsFor(article, 'publishedDateTime')).not.toContain('date-from-filename');
    },
  );

  it('a missing date is taken from a YYYY-MM-DD- file name, noted', () => {
    const article = norm({ title: 't' }, '2023-10-16-some-story');
    expect(article.publishedDateTime).toBe('2023-10-16T00:00:00.000Z');
    expect(kindsFor(article, 'publishedDateTime')).toEqual(['date-from-filename']);
  });

  it.each(['some-story', '2023-13-40-bad-prefix', '20231016-no-dashes'])('no date and file name %s: null, no fix', (id) => {
    const article = norm({ title: 't' }, id);
    expect(article.publishedDateTime).toBeNull();
    expect(article.fixes).toEqual([]);
  });

  it('related articles are dated by the same rules', () => {
    const article = norm({ title: 't', related: [{ title: 'r', publishedDateTime: 'Mon, 16 Oct 2023 09:00:00 GMT' }] });
    expect(article.related[0]!.publishedDateTime).toBe('2023-10-16T09:00:00.000Z');
  });
});

describe('URLs', () => {
  it.each([
    ['trimmed', '  https://news.test/a  ', 'https://news.test/a', 'url-normalised'],
    ['scheme and host lower-cased, path kept', 'HTTPS://WWW.News.TEST/Path/To?Q=A', 'https://www.news.test/Path/To?Q=A', 'url-normalised'],
    ['already fine', 'https://news.test/a?b=c#d', 'https://news.test/a?b=c#d', null],
    ['http allowed', 'http://news.test/a', 'http://news.test/a', null],
    ['ftp refused', 'ftp://news.test/file', null, 'url-invalid'],
    ['javascript refused', 'javascript:alert(1)', null, 'url-invalid'],
    ['mailto refused', 'mailto:someone@news.test', null, 'url-invalid'],
    ['no scheme refused', 'news.test/a', null, 'url-invalid'],
    ['not a string', 12345, null, 'url-invalid'],
  ])('webUrl %s', (_label, value, expected, kind) => {
    const article = norm({ title: 't', webUrl: value });
    expect(article.webUrl).toBe(expected);
    expect(article.url).toBe(expected);
    expect(kindsFor(article, 'webUrl')).toEqual(kind ? [kind] : []);
  });

  it.each(['originalUrl', 'webUrl', 'ampWebUrl', 'cdnAmpWebUrl'])('%s follows the URL rules', (field) => {
    const article = norm({ title: 't', [field]: ' HTTP://Host.TEST/x ' });
    expect((article as unknown as Record<string, unknown>)[field]).toBe('http://host.test/x');
    const bad = norm({ title: 't', [field]: 'file:///etc/passwd' });
    expect((bad as unknown as Record<string, unknown>)[field]).toBeNull();
    expect(kindsFor(bad, field)).toEqual(['url-invalid']);
  });

  it('url is originalUrl when present, else webUrl', () => {
    expect(norm({ title: 't', originalUrl: 'https://orig.test/a', webUrl: 'https://web.test/a' }).url).toBe('https://orig.test/a');
    expect(norm({ title: 't', webUrl: 'https://web.test/a' }).url).toBe('https://web.test/a');
    expect(norm({ title: 't', originalUrl: 'ftp://orig.test/a', webUrl: 'https://web.test/a' }).url).toBe('https://web.test/a');
    expect(norm({ title: 't', ampWebUrl: 'https://amp.test/a' }).url).toBeNull();
  });
});

describe('provider', () => {
  it.each([
    ['WWW.Example.TEST', 'example.test', true],
    ['example.test', 'example.test', false],
    ['www.example.test', 'example.test', true],
    ['Sub.Example.Test', 'sub.example.test', true],
  ])('domain %s → %s', (domain, expected, fixed) => {
    const article = norm({ title: 't', provider: { name: 'P', domain } });
    expect(article.provider.domain).toBe(expected);
    expect(kindsFor(article, 'provider.domain')).toEqual(fixed ? ['domain-normalised'] : []);
  });

  it('a missing domain is filled from the canonical URL host, without www.', () => {
    const article = norm({ title: 't', originalUrl: 'https://WWW.Orig.test/x', webUrl: 'https://web.test/x', provider: { name: 'P' } });
    expect(article.provider).toEqual({ name: 'P', domain: 'orig.test' });
    expect(kindsFor(article, 'provider.domain')).toEqual(['domain-from-url']);
  });

  it('text given as the provider is read as its name, logged with the original', () => {
    const article = norm({ title: 't', webUrl: 'https://www.web.test/x', provider: 'Web &amp; Co' });
    expect(article.provider).toEqual({ name: 'Web & Co', domain: 'web.test' });
    expect(article.fixes).toContainEqual({ field: 'provider', kind: 'type-invalid', before: 'Web &amp; Co' });
    expect(kindsFor(article, 'provider')).toEqual(['type-invalid', 'html-entity']);
    const number = norm({ title: 't', provider: 42 });
    expect(number.provider).toEqual({ name: null, domain: null });
    expect(kindsFor(number, 'provider')).toEqual(['type-invalid']);
  });

  it('a number or true/false given as the domain is kept as its text, as elsewhere', () => {
    const article = norm({ title: 't', webUrl: 'https://web.test/x', provider: { name: 'P', domain: 123 } });
    expect(article.provider).toEqual({ name: 'P', domain: '123' });
    expect(article.fixes).toContainEqual({ field: 'provider.domain', kind: 'type-invalid', before: 123 });
    expect(kindsFor(article, 'provider.domain')).toEqual(['type-invalid']);
    expect(norm({ title: 't', provider: { name: 'P', domain: 1.5 } }).provider.domain).toBe('1.5');
    // A list is no text: the domain comes from the URL.
    expect(norm({ title: 't', webUrl: 'https://web.test/x', provider: { name: 'P', domain: ['a.test'] } }).provider.domain).toBe('web.test');
  });

  it('no provider at all still gets the domain from the URL', () => {
    expect(norm({ title: 't', webUrl: 'https://www.web.test/x' }).provider).toEqual({ name: null, domain: 'web.test' });
    expect(norm({ title: 't' }).provider).toEqual({ name: null, domain: null });
  });

  it('other provider keys are kept', () => {
    const article = norm({ title: 't', provider: { name: 'P', domain: 'p.test', id: 'p-1', logo: { url: 'x' } } });
    expect(article.provider).toEqual({ name: 'P', domain: 'p.test', id: 'p-1', logo: { url: 'x' } });
  });
});

describe('topics', () => {
  it.each([
    ['a list', ['AI', 'Machine Learning'], ['AI', 'Machine Learning'], []],
    ['a comma string', 'AI, Machine Learning', ['AI', 'Machine Learning'], ['topics-split']],
    ['trimmed, empties dropped', ' AI ,  , Machine Learning ', ['AI', 'Machine Learning'], ['topics-split']],
    ['duplicates removed case-insensitively', ['Robots', 'robots', 'ROBOTS', 'AI'], ['Robots', 'AI'], ['topics-deduplicated']],
    ['case folded fully (ß is ss)', ['Straße', 'STRASSE'], ['Straße'], ['topics-deduplicated']],
    ['a no-break space as a space', ['Le Monde', 'Le\u00a0Monde'], ['Le Monde'], ['topics-deduplicated']],
    ['a name and its _id are one topic', ['Google AI', 'google-ai'], ['Google AI'], ['topics-deduplicated', 'topics-canonical']],
    ['canonical spelling by name', ['machine learning', 'TENSORFLOW'], ['Machine Learning', 'TensorFlow'], ['topics-canonical']],
    ['canonical spelling by _id', ['google-ai'], ['Google AI'], ['topics-canonical']],
    ['unknown topics kept as written', ['Quantum Widgets'], ['Quantum Widgets'], []],
    // Text where a list belongs is read, and logged as validate's field-type reports it.
    ['a single topic string', 'AI', ['AI'], ['type-invalid']],
    // So is one number or true/false, kept as its text as in a list.
    ['a single number', 5, ['5'], ['type-invalid']],
    ['a single true', true, ['true'], ['type-invalid']],
    ['a mapping', { a: 1 }, [], ['type-invalid']],
  ] as Array<[string, unknown, string[], string[]]>)('%s', (_label, value, expected, kinds) => {
    const article = norm({ title: 't', topics: value });
    expect(article.topics).toEqual(expected);
    expect(kindsFor(article, 'topics')).toEqual(kinds);
  });

  it('without a taxonomy, spelling is kept and duplicates still go', () => {
    const article = norm({ title: 't', topics: 'machine learning, Machine Learning' }, 'x', null);
    expect(article.topics).toEqual(['machine learning']);
    expect(kindsFor(article, 'topics')).toEqual(['topics-split', 'topics-deduplicated']);
  });

  it('logs the text repairs of each listed name under its index, and of a comma-separated list under topics', () => {
    const listed = norm({ title: 't', topics: ['AI &amp; ML', ' Vision ', 'CafÃ©', 7] }, 'x', null);
    expect(listed.topics).toEqual(['AI & ML', 'Vision', 'Café', '7']);
    expect(listed.fixes).toEqual([
      { field: 'topics[0]', kind: 'html-entity', before: 'AI &amp; ML' },
      { field: 'topics[1]', kind: 'whitespace', before: ' Vision ' },
      { field: 'topics[2]', kind: 'mojibake', before: 'CafÃ©' },
      { field: 'topics[3]', kind: 'type-invalid', before: 7 },
    ]);
    const joined = norm({ title: 't', topics: 'AI &amp; ML, Vision' }, 'x', null);
    expect(joined.topics).toEqual(['AI & ML', 'Vision']);
    expect(kindsFor(joined, 'topics')).toEqual(['topics-split', 'html-entity']);
    expect(textFixTargets({ topics: 'AI &amp; ML, Vision' })).toEqual([
      { field: 'topics', before: 'AI &amp; ML, Vision', after: null, reason: 'a comma-separated topic list is not rewritten; write it as a list, or repair it by hand', kinds: ['html-entity'] },
    ]);
    // One topic as text has no comma: the reason says what it is.
    expect(textFixTargets({ topics: 'R&amp;D' })).toEqual([
      { field: 'topics', before: 'R&amp;D', after: null, reason: 'topics written as text, not as a list, are not rewritten; write them as a list, or repair it by hand', kinds: ['html-entity'] },
    ]);
  });

  it('a number or true/false in the list is kept as its text and logged, as in any text field', () => {
    const article = norm({ title: 't', topics: [5, true, 'AI', 5] }, 'x', null);
    expect(article.topics).toEqual(['5', 'true', 'AI']);
    expect(article.fixes).toEqual([
      { field: 'topics[0]', kind: 'type-invalid', before: 5 },
      { field: 'topics[1]', kind: 'type-invalid', before: true },
      { field: 'topics[3]', kind: 'type-invalid', before: 5 },
      { field: 'topics', kind: 'topics-deduplicated', before: [5, true, 'AI', 5] },
    ]);
  });

  it('a listed item that is no name is dropped and logged under its index: nothing leaves unrecorded', () => {
    const article = norm({ title: 't', topics: ['AI', null, '', '  ', ['x'], { a: 1 }, '\u200b'] }, 'x', null);
    expect(article.topics).toEqual(['AI']);
    expect(article.fixes).toEqual([
      { field: 'topics[1]', kind: 'type-invalid', before: null },
      { field: 'topics[2]', kind: 'type-invalid', before: '' },
      // A blank item is no name, with no text repair to suggest.
      { field: 'topics[3]', kind: 'type-invalid', before: '  ' },
      { field: 'topics[4]', kind: 'type-invalid', before: ['x'] },
      { field: 'topics[5]', kind: 'type-invalid', before: { a: 1 } },
      { field: 'topics[6]', kind: 'control-character', before: '\u200b' },
      { field: 'topics[6]', kind: 'type-invalid', before: '\u200b' },
    ]);
  });

  it('topics as blank text are no list: logged, not dropped silently', () => {
    for (const blank of ['', '   ']) {
      const article = norm({ title: 't', topics: blank }, 'x', null);
      expect(article.topics).toEqual([]);
      expect(article.fixes).toEqual([{ field: 'topics', kind: 'type-invalid', before: blank }]);
    }
  });

  it('missing topics are an empty list', () => {
    expect(norm({ title: 't' }).topics).toEqual([]);
  });
});

describe('numbers and booleans', () => {
  it.each([
    [57, 57, []],
    ['57', 57, ['number-converted']],
    [' 3.5 ', 3.5, ['number-converted']],
    ['-1', -1, ['number-converted']],
    ['high', null, ['number-invalid']],
    ['1e3', 1000, ['number-converted']],
    ['0x10', null, ['number-invalid']],
    ['0b11', null, ['number-invalid']],
    ['0o7', null, ['number-invalid']],
    ['1_000', null, ['number-invalid']],
    // Empty or blank text is no value, as a missing one is: not logged.
    ['', null, []],
    ['  ', null, []],
    [null, null, []],
  ])('quality %j → %j', (value, expected, kinds) => {
    const article = norm({ title: 't', quality: value, heat: value });
    expect(article.quality).toBe(expected);
    expect(article.heat).toBe(expected);
    expect(kindsFor(article, 'quality')).toEqual(kinds);
    expect(kindsFor(article, 'heat')).toEqual(kinds);
  });

  it('logs NaN and Infinity (YAML .nan, .inf) by name, since JSON would print them as null', () => {
    const article = norm({ title: 't', quality: Number.NaN, heat: Number.NEGATIVE_INFINITY });
    expect(article.quality).toBeNull();
    expect(article.heat).toBeNull();
    const fixes = JSON.parse(JSON.stringify(article.fixes));
    expect(fixes).toEqual([
      { field: 'quality', kind: 'number-invalid', before: 'NaN' },
      { field: 'heat', kind: 'number-invalid', before: '-Infinity' },
    ]);
  });

  it.each([
    [true, true, []],
    [false, false, []],
    ['true', true, ['boolean-converted']],
    ['yes', true, ['boolean-converted']],
    ['YES', true, ['boolean-converted']],
    ['false', false, ['boolean-converted']],
    ['no', false, ['boolean-converted']],
    ['maybe', null, ['boolean-invalid']],
    [undefined, null, []],
  ])('published %j → %j', (value, expected, kinds) => {
    const data: Mapping = { title: 't' };
    if (value !== undefined) data.published = value;
    const article = norm(data);
    expect(article.published).toBe(expected);
    expect(kindsFor(article, 'published')).toEqual(kinds);
  });
});

describe('images', () => {
  it('mappings and URL strings become {url, width, height, ...}', () => {
    const article = norm({
      title: 't',
      images: [
        { url: 'https://i.test/a.jpg', width: '1200', height: 630, isCached: true },
        'https://i.test/b.png',
        { url: 'data:image/png;base64,AAAA' },
        42,
      ],
    });
    expect(article.images).toEqual([
      { url: 'https://i.test/a.jpg', width: 1200, height: 630, isCached: true },
      { url: 'https://i.test/b.png', width: null, height: null },
      { url: null, width: null, height: null },
    ]);
    expect(kindsFor(article, 'images[0].width')).toEqual(['number-converted']);
    expect(kindsFor(article, 'images[2].url')).toEqual(['url-invalid']);
    expect(kindsFor(article, 'images[3]')).toEqual(['type-invalid']);
    // A URL where a mapping belongs is read, and logged with what was there, as validate reports it.
    expect(article.fixes).toContainEqual({ field: 'images[1]', kind: 'type-invalid', before: 'https://i.test/b.png' });
  });

  it('a URL of spaces alone becomes null and is logged', () => {
    const article = norm({ title: 't', webUrl: '   ', images: [{ url: ' ' }, { url: '' }] });
    expect(article.webUrl).toBeNull();
    expect(article.images.map((image) => image.url)).toEqual([null, null]);
    expect(article.fixes).toEqual([
      { field: 'webUrl', kind: 'whitespace', before: '   ' },
      { field: 'images[0].url', kind: 'whitespace', before: ' ' },
    ]);
  });

  it('images that are no list are logged once, as images, whatever is read from them', () => {
    const one = norm({ title: 't', images: 'https://i.test/a.png' });
    expect(one.images).toEqual([{ url: 'https://i.test/a.png', width: null, height: null }]);
    expect(one.fixes).toEqual([{ field: 'images', kind: 'type-invalid', before: 'https://i.test/a.png' }]);
    for (const value of ['', 42]) {
      const none = norm({ title: 't', images: value });
      expect(none.images).toEqual([]);
      expect(none.fixes).toEqual([{ field: 'images', kind: 'type-invalid', before: value }]);
    }
  });

  it('a single image mapping is read as one image, its fixes named as its fields are found (images.caption)', () => {
    const data = { title: 't', images: { url: ' https://i.test/a.png ', caption: 'A  &amp; B', width: '640' } };
    const article = norm(data);
    expect(article.images).toEqual([{ url: 'https://i.test/a.png', width: 640, height: null, caption: 'A & B' }]);
    expect(article.fixes.map((fix) => `${fix.field} ${fix.kind}`)).toEqual([
      'images type-invalid',
      'images.url url-normalised',
      'images.width number-converted',
      'images.caption html-entity',
      'images.caption whitespace',
    ]);
    expect(textFixes(data)).toStrictEqual(article.fixes.filter((fix) => TEXT_FIX_KINDS.has(fix.kind)));
  });

  it('an empty text item is dropped and logged; an empty mapping is an image with no URL', () => {
    const article = norm({ title: 't', images: ['', '  ', {}, 'not a url'] });
    expect(article.images).toEqual([
      { url: null, width: null, height: null },
      { url: null, width: null, height: null },
    ]);
    expect(article.fixes).toEqual([
      { field: 'images[0]', kind: 'type-invalid', before: '' },
      { field: 'images[1]', kind: 'type-invalid', before: '  ' },
      { field: 'images[3]', kind: 'type-invalid', before: 'not a url' },
      { field: 'images[3].url', kind: 'url-invalid', before: 'not a url' },
    ]);
  });
});

describe('related articles', () => {
  it('are normalised by the same rules, with fix paths like related[0].title', () => {
    const article = norm({
      title: 't',
      related: [
        {
          title: 'Why it doesnâ€™t &amp; won’t',
          publishedDateTime: 'garbage',
          webUrl: 'HTTPS://WWW.Rel.TEST/a',
          provider: { name: 'R', domain: 'WWW.Rel.test' },
          topics: 'ai, AI',
          quality: '61',
          secured: 'kept',
        },
        'not a mapping',
      ],
    });
    expect(article.related).toHaveLength(1);
    const rel = article.related[0]!;
    expect(rel.title).toBe('Why it doesn’t & won’t');
    expect(rel.publishedDateTime).toBeNull();
    expect(rel.url).toBe('https://www.rel.test/a');
    expect(rel.provider.domain).toBe('rel.test');
    expect(rel.topics).toEqual(['AI']);
    expect(rel.quality).toBe(61);
    expect(rel.extra).toEqual({ secured: 'kept' });
    expect(kindsFor(article, 'related[0].title')).toEqual(['mojibake', 'html-entity']);
    expect(kindsFor(article, 'related[0].publishedDateTime')).toEqual(['date-invalid']);
    expect(kindsFor(article, 'related[0].webUrl')).toEqual(['url-normalised']);
    expect(kindsFor(article, 'related[0].provider.domain')).toEqual(['domain-normalised']);
    expect(kindsFor(article, 'related[0].quality')).toEqual(['number-converted']);
    expect(kindsFor(article, 'related[1]')).toEqual(['type-invalid']);
    // The article's own fields are untouched by its related entries.
    expect(kindsFor(article, 'title')).toEqual([]);
  });

  it('a single mapping is one related article, its fields named as found (related.title), as in images', () => {
    const article = norm({ title: 't', related: { title: 'One &amp; only', webUrl: 'https://b.test/1', foo: 'bar' } });
    expect(article.related).toHaveLength(1);
    expect(article.related[0]!.title).toBe('One & only');
    expect(article.related[0]!.url).toBe('https://b.test/1');
    expect(article.related[0]!.extra).toEqual({ foo: 'bar' });
    expect(kindsFor(article, 'related')).toEqual(['type-invalid']);
    expect(kindsFor(article, 'related.title')).toEqual(['html-entity']);
    // textFixes, which validate and --fix read, names it the same way.
    expect(textFixes({ title: 't', related: { title: 'One &amp; only' } }).map((fix) => `${fix.field} ${fix.kind}`)).toEqual(['related.title html-entity']);
    // Anything else that is no list is still none.
    expect(norm({ title: 't', related: 'text' }).related).toEqual([]);
    expect(norm({ title: 't', related: 5 }).related).toEqual([]);
  });
});

describe('extra keys and fixes', () => {
  it('unknown keys are kept verbatim in extra, modelled keys are not', () => {
    const article = norm({ title: 't', secured: 'c2VjcmV0', editorNote: 'x', nested: { a: [1, 2] }, layout: null });
    expect(article.extra).toEqual({ secured: 'c2VjcmV0', editorNote: 'x', nested: { a: [1, 2] }, layout: null });
    expect(Object.keys(article.extra)).not.toContain('title');
  });

  it('a __proto__ key from YAML lands in extra as an own key, polluting nothing', () => {
    const parsed = parseDocument('---\ntitle: t\n__proto__:\n  polluted: yes\n---\n');
    if (!parsed.ok) throw new Error(parsed.message);
    const article = norm(parsed.data as Mapping);
    expect(Object.hasOwn(article.extra, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(article.extra, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(Object.getPrototypeOf(article.extra)).toBe(Object.prototype);
    expect((article.extra as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(article)).extra).toEqual({ ['__proto__']: { polluted: 'yes' } });
  });

  it('a fully correct record has no fixes and keeps every value', () => {
    const article = norm(
      {
        title: 'Open-weights models gain ground',
        excerpt: 'A survey finds more pilots.',
        category: 'news',
        type: 'article',
        publishedDateTime: '2023-10-16T09:00:00Z',
        originalUrl: 'https://news.test/a',
        webUrl: 'https://news.test/a',
        provider: { name: 'News', domain: 'news.test' },
        topics: ['AI', 'Machine Learning'],
        quality: 88,
        heat: 95,
        published: true,
      },
      '2023-10-16-open-weights',
    );
    expect(article.fixes).toEqual([]);
    expect(article).toMatchObject({
      id: '2023-10-16-open-weights',
      path: 'news/2023-10-16-open-weights.md',
      title: 'Open-weights models gain ground',
      publishedDateTime: '2023-10-16T09:00:00.000Z',
      url: 'https://news.test/a',
      provider: { name: 'News', domain: 'news.test' },
      quality: 88,
      heat: 95,
      published: true,
      encoding: 'utf-8',
      extra: {},
      related: [],
      images: [],
    });
    expect(article.body).toBeUndefined();
  });

  it('every fix names the field, the kind and the value before', () => {
    const article = norm({ title: 'A &amp; B', quality: '5', provider: { domain: 'WWW.X.test' } });
    expect(article.fixes).toEqual([
      { field: 'title', kind: 'html-entity', before: 'A &amp; B' },
      { field: 'provider.domain', kind: 'domain-normalised', before: 'WWW.X.test' },
      { field: 'quality', kind: 'number-converted', before: '5' },
    ]);
  });

  it('a Windows-1252 decoded file is noted', () => {
    const article = normaliseArticle({ title: 't' }, { id: 'x', path: 'x.md', encoding: 'windows-1252' });
    expect(article.encoding).toBe('windows-1252');
    expect(article.fixes).toContainEqual({ field: '(file)', kind: 'decoded-windows-1252', before: null });
  });

  it('category and type are trimmed strings or null', () => {
    const article = norm({ title: 't', category: ' news ', type: 'article' });
    expect([article.category, article.type]).toEqual(['news', 'article']);
    expect(norm({ title: 't' }).category).toBeNull();
  });
});

describe('why a document is no article', () => {
  it.each([
    ['---\n---\n', 'front matter has no title'],
    ['---\nlayout: page\n---\n', 'front matter has no title'],
    ['---\ntitle: [a, b]\n---\n', 'front matter has a title that is not text'],
    ['---\ntitle: Acme\ntaxonomy: organization\n---\n', 'front matter is a taxonomy entry (it has a taxonomy key)'],
    ['---\n- a\n- b\n---\n', 'front matter is not a mapping of fields'],
    ['just text\n', 'no front matter'],
  ])('%j: %s', (text, reason) => {
    expect(processText(text, 'x.md', 'utf-8')).toEqual({ kind: 'not-article', path: 'x.md', reason });
  });
});

describe('isArticleData', () => {
  it.each([
    ['a mapping with a string title', { title: 'x' }, true],
    ['an empty title string still counts', { title: '' }, true],
    ['a taxonomy entry', { title: 'Acme', taxonomy: 'organization' }, false],
    ['a taxonomy key even when null', { title: 'Acme', taxonomy: null }, false],
    ['a numeric title', { title: 5 }, false],
    ['a list title', { title: ['a'] }, false],
    ['no title', { heading: 'x' }, false],
    ['list front matter', [{ title: 'x' }], false],
    ['a string', 'title: x', false],
    ['null', null, false],
    ['undefined', undefined, false],
  ])('%s → %s', (_label, data, expected) => {
    expect(isArticleData(data)).toBe(expected);
  });
});

describe('URLs and domains with control characters', () => {
  it.each(['https://x.test/\u001b[31m', 'https://x.test/a\u0007', 'https://x.test/\u009b2J'])('rejects %j as a URL', (value) => {
    expect(normaliseUrl(value)).toBeNull();
  });

  it.each(['d\u001b[31m.test', 'ex ample.test', 'a\u0000.test'])('rejects %j as a domain', (value) => {
    expect(normaliseDomain(value)).toBeNull();
  });
});

describe('normaliseUrl', () => {
  it.each([
    ['already canonical', 'https://example.test/a/B?c=D#E', 'https://example.test/a/B?c=D#E'],
    ['upper-case scheme and host', 'HTTPS://Example.TEST/Path', 'https://example.test/Path'],
    ['spaces around', '  https://example.test/x  ', 'https://example.test/x'],
    ['a port', 'https://example.test:8443/x', 'https://example.test:8443/x'],
    ['an IP address host', 'http://192.168.0.1/x', 'http://192.168.0.1/x'],
    ['an internationalised host', 'https://bücher.example/x', 'https://bücher.example/x'],
    ['no path', 'http://example.test', 'http://example.test'],
  ])('%s: %j → %j', (_label, value, expected) => {
    expect(normaliseUrl(value)).toBe(expected);
  });

  it.each(['ftp://example.test/x', 'https://', 'https://exa mple.test/', 'javascript:alert(1)', 'https://[::1/'])('rejects %j', (value) => {
    expect(normaliseUrl(value)).toBeNull();
  });
});

// The slow definitions the fast paths must agree with.
function referenceDomain(value: string): string | null {
  if (/[\x00-\x20\x7f-\x9f]/.test(value.trim())) return null;
  const bare = value.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  // An IPv6 address written without brackets is read whole (bracketed), or not at all.
  if ((bare.match(/:/g) ?? []).length >= 2 && /^[0-9a-f:]+(?:\.\d{1,3}){0,3}$/.test(bare)) {
    try {
      return new URL(`http://[${bare}]/`).hostname;
    } catch {
      return null;
    }
  }
  // `www.` goes only before a name with a dot of its own (`www.com` stays).
  const noWww = (d: string) => (/^www\.[^]*\./.test(d) ? d.slice(4) : d);
  let domain = noWww(bare.replace(/[/?#:].*$/, '').replace(/\.$/, ''));
  if (/[^\x00-\x7f]|xn--/.test(domain) && domainToASCII(domain) !== '') domain = noWww(domainToUnicode(domainToASCII(domain)));
  return domain === '' ? null : domain;
}
function referenceHost(link: string): string | null {
  try {
    return referenceDomain(new URL(link).hostname);
  } catch {
    return null;
  }
}

describe('empty text is no value', () => {
  it('in a number, true/false or domain field: null, nothing logged (a domain then comes from the URL, logged so)', () => {
    const article = norm({ title: 't', webUrl: 'https://www.x.test/a', quality: '', heat: ' ', published: '', provider: { name: 'P', domain: ' ' }, images: [{ url: 'https://x.test/i.png', width: '' }] });
    expect([article.quality, article.heat, article.published, article.images[0]!.width]).toEqual([null, null, null, null]);
    expect(article.provider.domain).toBe('x.test');
    expect(article.fixes).toEqual([{ field: 'provider.domain', kind: 'domain-from-url', before: null }]);
  });
});

describe('international domains come in one form, Unicode', () => {
  it.each([
    ['bücher.de', 'bücher.de'],
    ['xn--bcher-kva.de', 'bücher.de'],
    ['WWW.BÜCHER.DE', 'bücher.de'],
    ['www.com', 'www.com'],
    ['www.gov.uk', 'gov.uk'],
    ['www.bbc.co.uk', 'bbc.co.uk'],
    ['www.abc.es', 'abc.es'],
    ['https://WWW.com./', 'www.com'],
    ['www.www.example.test', 'www.example.test'],
    ['https://www.xn--bcher-kva.de/path', 'bücher.de'],
    ['ｅｘａｍｐｌｅ.com', 'example.com'],
    ['xn--zz.example', 'xn--zz.example'],
  ])('%s → %s', (value, domain) => {
    expect(normaliseDomain(value)).toBe(domain);
  });

  it('a domain typed in Unicode matches the host of its punycode URL, and fills in the same', () => {
    expect(hostOf('https://xn--bcher-kva.de/x')).toBe('bücher.de');
    const typed = norm({ title: 't', webUrl: 'https://bücher.de/x', provider: { name: 'B', domain: 'bücher.de' } });
    const derived = norm({ title: 't', webUrl: 'https://bücher.de/x', provider: { name: 'B' } });
    expect(typed.provider.domain).toBe('bücher.de');
    expect(derived.provider.domain).toBe('bücher.de');
    expect(compileFilter({ providers: ['xn--bcher-kva.de'] })(derived)).toBe(true);
    expect(compileFilter({ providers: ['BÜCHER.DE'] })(typed)).toBe(true);
  });
});

describe('IP address hosts', () => {
  it.each([
    ['[2001:DB8:0::1]', '[2001:db8::1]'],
    ['[2001:db8::1]:8080', '[2001:db8::1]'],
    ['https://[2001:db8::1]:8080/x', '[2001:db8::1]'],
    ['[::ffff:192.168.0.1]', '[::ffff:c0a8:1]'],
    ['192.168.0.1', '192.168.0.1'],
    ['[unclosed', null],
    ['[foo]', null],
    ['[::1]x.evil.test', null],
    ['[::1]:80/path', '[::1]'],
    // Without brackets, as a provider's domain may be written: whole, not cut at the first colon.
    ['2001:DB8::2', '[2001:db8::2]'],
    ['::ffff:192.168.0.1', '[::ffff:c0a8:1]'],
    ['example.test:8080', 'example.test'],
  ])('normaliseDomain(%s) is %s', (value, domain) => {
    expect(normaliseDomain(value)).toBe(domain);
  });

  it('an IPv6 host fills provider.domain whole, not cut at its first colon', () => {
    expect(hostOf('https://[2001:db8::1]:8080/x')).toBe('[2001:db8::1]');
    expect(norm({ title: 't', webUrl: 'https://[2001:db8::1]:8080/x', provider: { name: 'P' } }).provider.domain).toBe('[2001:db8::1]');
    expect(norm({ title: 't', webUrl: 'https://x.test/', provider: { name: 'P', domain: '[2001:db8::1]' } }).provider.domain).toBe('[2001:db8::1]');
  });

  it('an IP address has no parent domains', () => {
    expect(isIpAddress('192.168.0.1')).toBe(true);
    expect(isIpAddress('[2001:db8::1]')).toBe(true);
    expect(isIpAddress('1.example.test')).toBe(false);
    expect(isSubdomainOf('192.168.0.1', '0.1')).toBe(false);
    expect(isSubdomainOf('192.168.0.1', '168.0.1')).toBe(false);
    expect(isSubdomainOf('news.bbc.co.uk', 'bbc.co.uk')).toBe(true);
    expect(isSubdomainOf('bbc.co.uk', 'bbc.co.uk')).toBe(false);
    expect(isSubdomainOf('notbbc.co.uk', 'bbc.co.uk')).toBe(false);
    expect(isSubdomainOf('example.com', 'com')).toBe(false);
  });
});

describe('fast paths of domains and hosts agree with the slow definitions', () => {
  const piece = fc.constantFrom('a', 'Z', '0', '0x', '0X', 'f', '7', '-', '.', 'www.', 'xn--', 'xn--bcher-kva', 'é', ':', ':8080', '/', '?', '#', '@', ' ', '\\', '%41', '..', 'ß', '\t');
  const host = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
  const rest = fc.constantFrom('', '/', '/a/b?c=d#e', '?q', '#f', '/x@y', '\\z');

  it('normaliseDomain', () => {
    fc.assert(fc.property(host, (value) => normaliseDomain(value) === referenceDomain(value)), { numRuns: 5000, seed: FUZZ_SEED });
    for (const value of ['example.test', 'www.example.test', 'EXAMPLE.test', 'example.test.', 'a-b.c', '-a.b', 'a..b', 'https://x.test/p', 'x.test:80']) {
      expect(normaliseDomain(value)).toBe(referenceDomain(value));
    }
  });

  it('hostOf', () => {
    fc.assert(
      fc.property(fc.constantFrom('http://', 'https://', 'HTTPS://', 'ftp://'), host, rest, (scheme, value, tail) => hostOf(scheme + value + tail) === referenceHost(scheme + value + tail)),
      { numRuns: 5000, seed: FUZZ_SEED },
    );
    for (const link of ['https://www.Example.test/a', 'https://xn--bcher-kva.example/x', 'https://xn--zz.example/', 'http://127.0.0.1/', 'https://0x7f.1/', 'https://a.test./x', 'https://user@a.test/', 'http://1.2.3.0x7f/', 'http://0x7f', 'http://0X7F/a', 'http://example.0x1/', 'http://example.0x/', 'http://a.0xg/', 'http://0xa.b/']) {
      expect(hostOf(link), link).toBe(referenceHost(link));
    }
  });
});

describe('textFixes: the text fixes alone, as validate asks for them', () => {
  const textOnly = (article: Article) => article.fixes.filter((fix) => TEXT_FIX_KINDS.has(fix.kind));

  it('finds each text field of the article and of related entries, and nothing else', () => {
    const data: Mapping = {
      title: ' Padded  title ',
      excerpt: 'It doesnâ€™t &amp; won&#39;t',
      category: ' News ',
      type: 'article',
      publishedDateTime: '  ',
      provider: { name: 'Wire\u0007 Service', domain: 'WWW.Example.TEST' },
      quality: ' 7 ',
      topics: 'AI, AI',
      images: [{ url: 'https://x.test/a.png', title: 'A  title', caption: 'Caf\u0065\u0301' }, 'https://x.test/b.png'],
      related: [{ title: 'Related  one', provider: ' Wire ', images: { url: 'https://x.test/c.png', caption: ' c ' } }, 'not a mapping'],
      unknown: ' kept  as is ',
    };
    const fixes = textFixes(data);
    expect(fixes.map((fix) => `${fix.field} ${fix.kind}`)).toEqual([
      'title whitespace',
      'excerpt mojibake',
      'excerpt html-entity',
      'category whitespace',
      'publishedDateTime whitespace',
      'provider.name control-character',
      'images[0].title whitespace',
      'images[0].caption unicode-nfc',
      'related[0].title whitespace',
      'related[0].provider whitespace',
      'related[0].images.caption whitespace',
    ]);
    expect(fixes).toStrictEqual(textOnly(norm(data)));
  });

  it('gives nothing for clean text or front matter without text fields', () => {
    expect(textFixes({ title: 'Clean title', excerpt: 'Fine.', quality: 'x', heat: -1 })).toEqual([]);
    expect(textFixes({})).toEqual([]);
  });

  function markdownFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
      .map((entry) => path.join(entry.parentPath, entry.name));
  }

  function expectSameAsRecord(file: string): boolean {
    const parsed = parseDocument(readFileSync(file, 'utf8'));
    if (!parsed.ok || !isMapping(parsed.data)) return false;
    const id = path.basename(file, '.md');
    expect(textFixes(parsed.data), file).toStrictEqual(textOnly(norm(parsed.data, id)));
    return true;
  }

  it('agrees with the record on every fixture', () => {
    const files = markdownFiles(FIXTURES);
    expect(files.filter(expectSameAsRecord).length).toBeGreaterThan(10);
  });

  describeShared('over the real corpus', () => {
    it('agrees with the record on every real document', () => {
      const files = markdownFiles(SHARED_CORPUS);
      const checked = files.filter(expectSameAsRecord);
      expect(checked.length).toBeGreaterThan(160);
    });
  });
});

describe('textFixTargets', () => {
  const data: Mapping = {
    title: 'Crane  donâ€™t &amp; more',
    excerpt: 'Clean',
    category: ' padded ',
    publishedDateTime: '   ',
    provider: { name: 'A\u200bB', domain: ' x.test ' },
    images: { caption: '  ' },
    related: [{ title: 'R  one' }],
  };
  const nothingLeft = { after: null, reason: 'nothing would be left of it' };

  it('gives each repaired text field once, with its old value, its repaired value and every kind of repair', () => {
    expect(textFixTargets(data)).toEqual([
      { field: 'title', before: 'Crane  donâ€™t &amp; more', after: 'Crane don’t & more', kinds: ['mojibake', 'html-entity', 'whitespace'] },
      { field: 'category', before: ' padded ', after: 'padded', kinds: ['whitespace'] },
      { field: 'publishedDateTime', before: '   ', ...nothingLeft, kinds: ['whitespace'] },
      { field: 'provider.name', before: 'A\u200bB', after: 'AB', kinds: ['control-character'] },
      { field: 'images.caption', before: '  ', ...nothingLeft, kinds: ['whitespace'] },
      { field: 'related[0].title', before: 'R  one', after: 'R one', kinds: ['whitespace'] },
    ]);
    // The same fields and kinds as validate's textFixes, in the same order.
    expect(textFixTargets(data).flatMap((target) => target.kinds.map((kind) => `${target.field} ${kind}`))).toEqual(textFixes(data).map((fix) => `${fix.field} ${fix.kind}`));
  });

  it('with kinds, repairs only those, and only where what normalisation reads stays the same', () => {
    const targets = textFixTargets({ title: 'Two  spaces &amp;lt;', excerpt: 'A\u00a0&amp; B', category: ' c ' }, new Set(['html-entity']));
    expect(targets).toEqual([
      { field: 'title', before: 'Two  spaces &amp;lt;', after: 'Two  spaces <', kinds: ['html-entity', 'whitespace'] },
      // A no-break space alone between words is kept.
      { field: 'excerpt', before: 'A\u00a0&amp; B', after: 'A\u00a0& B', kinds: ['html-entity'] },
    ]);
    // A no-break space inside mojibake (Ã + NBSP is à): collapsing it alone would lose the letter.
    expect(textFixTargets({ title: 'voil\u00c3\u00a0  ici' }, new Set(['whitespace']))).toEqual([
      { field: 'title', before: 'voil\u00c3\u00a0  ici', after: null, reason: 'repairing only what the rules that are on find would change how it reads', kinds: ['mojibake', 'whitespace'] },
    ]);
  });

  it('with kinds, leaves a value whose part-repair those rules would still flag (it would fix nothing they report)', () => {
    const allButEntities = new Set(['whitespace', 'mojibake', 'control-character'] as const);
    const reason = 'the rules that are on cannot repair it whole without one that is off';
    expect(textFixTargets({ title: 'A&nbsp;&nbsp;B  C', excerpt: 'don&acirc;&#128;&#153;t  x' }, allButEntities)).toEqual([
      { field: 'title', before: 'A&nbsp;&nbsp;B  C', after: null, reason, kinds: ['html-entity', 'whitespace'] },
      { field: 'excerpt', before: 'don&acirc;&#128;&#153;t  x', after: null, reason, kinds: ['html-entity', 'whitespace', 'mojibake'] },
    ]);
    // Spaces that stay regular once the entities are read are still repaired alone.
    expect(textFixTargets({ title: 'A  &amp; B' }, allButEntities)).toEqual([{ field: 'title', before: 'A  &amp; B', after: 'A &amp; B', kinds: ['html-entity', 'whitespace'] }]);
  });
});
