// field-type: a known field holding the wrong kind of value.
import { isMapping, type Mapping } from '../core/normalise.js';
import { normaliseText } from '../core/text.js';
import { articleEntries, describeValue, isBlank, typeName, URL_FIELDS } from './helpers.js';
import type { DocumentRule, ReportProblem } from './types.js';
import type { CheckedDocument } from './types.js';

type Expected = 'string' | 'number' | 'integer' | 'boolean' | 'mapping' | 'list';

const EXPECTED_TEXT: Record<Expected, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  mapping: 'a mapping',
  list: 'a list',
};

const SCALAR_FIELDS: [string, Expected][] = [
  ['title', 'string'],
  ['excerpt', 'string'],
  ['category', 'string'],
  ['type', 'string'],
  ...URL_FIELDS.map((key): [string, Expected] => [key, 'string']),
  ['quality', 'number'],
  ['heat', 'number'],
  ['published', 'boolean'],
];

function matches(value: unknown, expected: Expected): boolean {
  switch (expected) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'mapping':
      return isMapping(value);
    case 'list':
      return Array.isArray(value);
  }
}

// Cleaning removes no letter or digit, so only text without one, or with an entity, can end up empty.
const mayCleanToNothing = (text: string): boolean => text.includes('&') || !/[\p{L}\p{N}]/u.test(text);

function checkEntry(document: CheckedDocument, prefix: string, data: Mapping, report: ReportProblem): void {
  const wrong = (path: string, value: unknown, expected: string): void => {
    const found = value === '' ? 'empty text' : typeof value === 'string' || typeof value === 'number' ? `${typeName(value)} (${describeValue(value)})` : typeName(value);
    report(document.locate.valueOrNearest(path), `${path}: expected ${expected}, found ${found}`);
  };
  // The full path is put together only for a value of the wrong type: most values pass.
  // Empty or blank text where a number or true/false belongs is no value, as null is (the record
  // holds null and logs nothing); where text belongs, it is text (whitespace reports the blanks).
  const check = (value: unknown, expected: Expected, key: string, parent = ''): boolean => {
    if (value === null || value === undefined || matches(value, expected)) return true;
    if (isBlank(value) && expected !== 'mapping' && expected !== 'list') return true;
    wrong(`${prefix}${parent}${key}`, value, EXPECTED_TEXT[expected]);
    return false;
  };
  for (const [key, expected] of SCALAR_FIELDS) check(data[key], expected, key);
  const provider = data.provider;
  if (check(provider, 'mapping', 'provider') && isMapping(provider)) {
    check(provider.name, 'string', 'name', 'provider.');
    check(provider.domain, 'string', 'domain', 'provider.');
  }
  const topics = data.topics;
  if (topics !== null && topics !== undefined) {
    if (!Array.isArray(topics)) wrong(`${prefix}topics`, topics, 'a list of topic names');
    else {
      topics.forEach((topic, index) => {
        // An item with no name (null, '', spaces or invisible characters alone) is dropped from the record.
        if (topic === null || topic === undefined || (typeof topic === 'string' && (topic.trim() === '' || (mayCleanToNothing(topic) && normaliseText(topic).value === '')))) wrong(`${prefix}topics[${index}]`, topic ?? null, 'a topic name');
        else check(topic, 'string', `topics[${index}]`);
      });
    }
  }
  const images = data.images;
  if (check(images, 'list', 'images') && Array.isArray(images)) {
    images.forEach((image, index) => {
      if (image === null || image === undefined) {
        wrong(`${prefix}images[${index}]`, null, EXPECTED_TEXT.mapping);
        return;
      }
      if (!check(image, 'mapping', `images[${index}]`) || !isMapping(image)) return;
      const parent = `images[${index}].`;
      check(image.url, 'string', 'url', parent);
      check(image.width, 'integer', 'width', parent);
      check(image.height, 'integer', 'height', parent);
      // Caption and title are cleaned as text; an image's other keys are its own.
      check(image.caption, 'string', 'caption', parent);
      check(image.title, 'string', 'title', parent);
    });
  }
}

export const fieldType: DocumentRule = {
  id: 'field-type',
  description: 'known fields have the right type: text, numbers, true/false, a provider mapping, lists of topics, images and related articles',
  severity: 'error',
  fixable: false,
  scope: 'document',
  check(document, report) {
    const fields = document.fields;
    if (!fields) return;
    const related = fields.related;
    if (related !== null && related !== undefined) {
      if (!Array.isArray(related)) {
        report(document.locate.valueOrNearest('related'), `related: expected a list of articles, found ${typeName(related)}`);
      } else {
        related.forEach((item, index) => {
          if (!isMapping(item)) report(document.locate.valueOrNearest(`related[${index}]`), `related[${index}]: expected a mapping, found ${typeName(item)}`);
        });
      }
    }
    for (const { prefix, data } of articleEntries(fields)) checkEntry(document, prefix, data, report);
  },
};
