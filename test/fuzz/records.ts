// Shared by the fuzz suites: generators of front matter, text and records, and a checker of the
// article record's declared types (src/core/types.ts).
import fc from 'fast-check';
import { MODELLED_KEYS, setOwn } from '../../src/core/normalise.js';
import type { FixKind } from '../../src/core/types.js';

/** Every kind of fix a record may list (the FixKind union of src/core/types.ts). */
export const FIX_KINDS: ReadonlySet<FixKind> = new Set<FixKind>([
  'mojibake', 'html-entity', 'control-character', 'whitespace', 'unicode-nfc', 'date-converted', 'date-invalid',
  'date-from-filename', 'url-invalid', 'url-normalised', 'domain-normalised', 'domain-from-url', 'topics-split',
  'topics-deduplicated', 'topics-canonical', 'number-converted', 'number-invalid', 'boolean-converted',
  'boolean-invalid', 'type-invalid', 'decoded-windows-1252', 'decoded-utf-16',
]);
const ENCODINGS = new Set(['utf-8', 'windows-1252', 'utf-16le', 'utf-16be']);
const URL_KEYS = ['originalUrl', 'webUrl', 'ampWebUrl', 'cdnAmpWebUrl'] as const;
const TEXT_OR_NULL_KEYS = ['excerpt', 'category', 'type', 'publishedDateTime', ...URL_KEYS, 'url'] as const;
// What cleaned text fields never hold after normalisation: controls, invisible characters, edge spaces.
// (The ideographic space U+3000 is a full-width character in CJK text, so it is kept, even at the ends.)
const UNCLEAN_TEXT = /[\x00-\x1f\x7f-\x9f\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]|^[^\S\u3000]|[^\S\u3000]$/;

type Json = Record<string, unknown>;
const isPlainObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isTextOrNull = (value: unknown): boolean => value === null || typeof value === 'string';
const isNumberOrNull = (value: unknown): boolean => value === null || (typeof value === 'number' && Number.isFinite(value));

/** Problems with the fields an article and its related entries share; empty when all is well. */
function fieldProblems(record: Json, where: string, isRelated: boolean): string[] {
  const problems: string[] = [];
  const problem = (field: string, message: string) => problems.push(`${where}${field}: ${message}`);
  for (const key of TEXT_OR_NULL_KEYS) if (!isTextOrNull(record[key])) problem(key, 'not a string or null');
  if (record.title !== null && typeof record.title !== 'string') problem('title', 'not a string or null');
  for (const key of ['title', 'excerpt'] as const) {
    const value = record[key];
    if (typeof value === 'string' && UNCLEAN_TEXT.test(value)) problem(key, `not cleaned: ${JSON.stringify(value.slice(0, 40))}`);
  }
  const date = record.publishedDateTime;
  if (typeof date === 'string' && new Date(date).toISOString() !== date) problem('publishedDateTime', `not ISO UTC: ${date}`);
  for (const key of URL_KEYS) {
    const url = record[key];
    if (typeof url === 'string' && !/^https?:\/\/[^/?#\sA-Z]+/.test(url)) problem(key, `not an http(s) URL with a lower-case host: ${url}`);
  }
  if (record.url !== (record.originalUrl ?? record.webUrl)) problem('url', 'not originalUrl ?? webUrl');
  const provider = record.provider;
  if (!isPlainObject(provider)) problem('provider', 'not an object');
  else {
    if (!isTextOrNull(provider.name)) problem('provider.name', 'not a string or null');
    if (!isTextOrNull(provider.domain)) problem('provider.domain', 'not a string or null');
    if (typeof provider.domain === 'string' && (provider.domain !== provider.domain.toLowerCase() || provider.domain.startsWith('www.'))) {
      problem('provider.domain', `not normalised: ${provider.domain}`);
    }
  }
  const topics = record.topics;
  if (!Array.isArray(topics) || !topics.every((topic) => typeof topic === 'string' && topic !== '' && !UNCLEAN_TEXT.test(topic))) {
    problem('topics', 'not a list of cleaned, non-empty strings');
  } else if (new Set(topics.map((topic: string) => topic.toLowerCase())).size !== topics.length) {
    problem('topics', 'holds duplicates');
  }
  for (const key of ['quality', 'heat'] as const) if (!isNumberOrNull(record[key])) problem(key, 'not a finite number or null');
  if (record.published !== null && typeof record.published !== 'boolean') problem('published', 'not a boolean or null');
  const images = record.images;
  if (!Array.isArray(images)) problem('images', 'not a list');
  else {
    images.forEach((image: unknown, i) => {
      if (!isPlainObject(image)) return problem(`images[${i}]`, 'not an object');
      if (!isTextOrNull(image.url)) problem(`images[${i}].url`, 'not a string or null');
      if (!isNumberOrNull(image.width) || !isNumberOrNull(image.height)) problem(`images[${i}]`, 'width/height not numbers or null');
    });
  }
  if (!isPlainObject(record.extra)) problem('extra', 'not an object');
  else {
    // A related entry has no `related` field of its own: a nested list is kept in its extra.
    for (const key of Object.keys(record.extra)) {
      if (MODELLED_KEYS.has(key) && !(isRelated && key === 'related')) problem('extra', `holds the modelled key ${key}`);
    }
  }
  return problems;
}

/** Every way a value fails to be an Article as src/core/types.ts declares it; empty when it is one. */
export function articleProblems(value: unknown): string[] {
  if (!isPlainObject(value)) return ['not an object'];
  const problems = fieldProblems(value, '', false);
  if (typeof value.id !== 'string') problems.push('id: not a string');
  if (typeof value.path !== 'string') problems.push('path: not a string');
  if (typeof value.title !== 'string') problems.push('title: not a string');
  if (typeof value.encoding !== 'string' || !ENCODINGS.has(value.encoding)) problems.push('encoding: unknown');
  if (!Array.isArray(value.related)) problems.push('related: not a list');
  else value.related.forEach((entry: unknown, i) => problems.push(...(isPlainObject(entry) ? fieldProblems(entry, `related[${i}].`, true) : [`related[${i}]: not an object`])));
  if (!Array.isArray(value.fixes)) problems.push('fixes: not a list');
  else {
    for (const fix of value.fixes as unknown[]) {
      if (!isPlainObject(fix) || typeof fix.field !== 'string' || !FIX_KINDS.has(fix.kind as FixKind) || !('before' in fix)) {
        problems.push(`fixes: malformed entry ${JSON.stringify(fix)?.slice(0, 80)}`);
      }
    }
  }
  if (value.body !== undefined && typeof value.body !== 'string') problems.push('body: not a string');
  return problems;
}

// Pieces that reach every step of text repair: mojibake, entities, controls, whitespace, NFC.
const TEXT_PIECES = [
  'a', 'Z', 'news', ' ', '  ', '\t', '\n', '\r', '\u00a0', '\u2028', '\u3000', 'é', 'e\u0301', 'A\u0303', '\u0303', 'Ã', '©', 'â€™',
  'Ã©', 'Ã¼', 'Ä', 'Å', '’', '”', '&', 'amp;', '&amp;', '&lt;', '&#39;', '&#x2019;', '&Atilde;', '&copy;', '&nbsp;', '&bogus;', ';',
  '\x00', '\x07', '\b', '\x1b', '\x1b[2J', '\x1b]0;t\x07', '\x7f', '\x9b', '\u0081', '\u200b', '\u200d', '\u2060', '\ufeff', '\u202e',
  '\u2066', '\u2069', '日本', '한국', '😀', '👩‍💻', '🇫🇷', '𝐀', '∑', '½', 'ﬁ', ',', 'AI', 'ai',
];

/** Text from pieces chosen to trip the repairs, or any string. */
export const messyText: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.constantFrom(...TEXT_PIECES), { maxLength: 12 }).map((pieces) => pieces.join('')),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** Builds a mapping from key/value pairs with every key an own property (`__proto__` too), like the YAML loader. */
export function mapping(entries: ReadonlyArray<readonly [string, unknown]>): Json {
  const out: Json = {};
  for (const [key, value] of entries) setOwn(out, key, value);
  return out;
}

const anyKey = fc.oneof(
  fc.constantFrom(...MODELLED_KEYS, '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'name', 'domain', 'url', 'width', 'height', 'caption', 'extra', 'id', 'path', 'secured'),
  fc.string({ maxLength: 8 }),
);

export interface FrontMatterOptions {
  /**
   * Only values JSON represents exactly in verbatim places (extra keys): no NaN, infinities or -0,
   * which JSON prints as null and 0, as the README says. Modelled numbers still get every double.
   */
  jsonSafe: boolean;
}

/** Front matter that is an article (a mapping with a string title), biased towards what real files hold. */
export function frontMatterOf(options: FrontMatterOptions): fc.Arbitrary<Json> {
  const anyDouble = fc.double();
  const verbatimDouble = options.jsonSafe ? fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x)) : anyDouble;
  const scalar: fc.Arbitrary<unknown> = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), verbatimDouble, messyText);
  const anyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.array(fc.tuple(anyKey, tie('value')), { maxLength: 4 }).map(mapping),
    ),
  })).value;
  const extraKeys = fc.array(fc.tuple(anyKey, anyValue), { maxLength: 2 });

  const dateValue = fc.oneof(
    fc.date({ min: new Date(-2e12), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toUTCString()),
    fc.integer({ min: -1e12, max: 4e12 }),
    anyDouble,
    fc.constantFrom('2023-10-16', '2023-10-16T09:00:00+02:00', ' 2023-10-16 09:00:00 ', '2023-02-30', '2023-13-45', 'yesterday', '', ' ', '1697446800'),
    anyValue,
  );
  const urlValue = fc.oneof(
    fc.webUrl().map((url) => (url.length % 3 === 0 ? ` ${url.toUpperCase()} ` : url)),
    fc.constantFrom('https://Example.TEST/a?b=1#c', 'HTTP://x.test', 'ftp://x.test/a', 'javascript:alert(1)', 'https://exa mple.test', 'https://[::1]/', 'http://192.168.0.1/', ''),
    anyValue,
  );
  const numberValue = fc.oneof(fc.integer({ min: -5, max: 100 }), anyDouble, fc.constantFrom(-0, '7', ' 12.5 ', 'x', '', '-1', '-0', '1e3', 'Infinity'), anyValue);
  const booleanValue = fc.oneof(fc.boolean(), fc.constantFrom('yes', 'No', ' true ', 'FALSE', 'maybe', 1, 0), anyValue);
  const topicsValue = fc.oneof(
    fc.array(fc.oneof(messyText, fc.integer(), fc.constant(null)), { maxLength: 5 }),
    fc.array(messyText, { maxLength: 4 }).map((topics) => topics.join(',')),
    anyValue,
  );
  const providerValue = fc.oneof(
    fc
      .tuple(messyText, fc.oneof(fc.domain(), fc.constantFrom('WWW.Example.TEST', 'https://www.x.test/path', ' news.test. ', '')), extraKeys)
      .map(([name, domain, rest]) => mapping([['name', name], ['domain', domain], ...rest])),
    messyText,
    anyValue,
  );
  const imageValue = fc.oneof(
    fc
      .tuple(urlValue, numberValue, numberValue, messyText, extraKeys)
      .map(([url, width, height, caption, rest]) => mapping([['url', url], ['width', width], ['height', height], ['caption', caption], ...rest])),
    urlValue,
    anyValue,
  );

  const modelledFields = (depth: number): fc.Arbitrary<Json> => {
    const fields: Array<fc.Arbitrary<readonly [string, unknown]>> = [
      messyText.map((v) => ['excerpt', v] as const),
      messyText.map((v) => ['category', v] as const),
      anyValue.map((v) => ['type', v] as const),
      dateValue.map((v) => ['publishedDateTime', v] as const),
      ...URL_KEYS.map((key) => urlValue.map((v) => [key, v] as const)),
      providerValue.map((v) => ['provider', v] as const),
      topicsValue.map((v) => ['topics', v] as const),
      numberValue.map((v) => ['quality', v] as const),
      numberValue.map((v) => ['heat', v] as const),
      booleanValue.map((v) => ['published', v] as const),
      fc.oneof(fc.array(imageValue, { maxLength: 3 }), imageValue).map((v) => ['images', v] as const),
    ];
    if (depth > 0) {
      const relatedValue = fc.oneof(modelledFields(depth - 1), anyValue);
      fields.push(fc.oneof(fc.array(relatedValue, { maxLength: 2 }), anyValue).map((v) => ['related', v] as const));
    }
    return fc
      .tuple(messyText, fc.subarray(fields.map((_, i) => i)), fc.tuple(...fields), fc.array(fc.tuple(anyKey, anyValue), { maxLength: 3 }))
      .map(([title, chosen, values, rest]) => mapping([['title', title], ...chosen.map((i) => values[i]!), ...rest.filter(([key]) => key !== 'title')]));
  };
  return modelledFields(1);
}

/** Any front matter that is an article, with any value YAML can load (NaN, infinities and -0 included). */
export const frontMatter: fc.Arbitrary<Json> = frontMatterOf({ jsonSafe: false });
