// field-type: a known field holding the wrong kind of value.
import { isMapping, type Mapping } from '../core/normalise.js';
import { articleEntries, describeValue, typeName, URL_FIELDS } from './helpers.js';
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

function checkEntry(document: CheckedDocument, prefix: string, data: Mapping, report: ReportProblem): void {
  const wrong = (path: string, value: unknown, expected: string): void => {
    const found = typeof value === 'string' || typeof value === 'number' ? `${typeName(value)} (${describeValue(value)})` : typeName(value);
    report(document.locate.valueOrNearest(path), `${path}: expected ${expected}, found ${found}`);
  };
  const check = (path: string, value: unknown, expected: Expected): boolean => {
    if (value === null || value === undefined || matches(value, expected)) return true;
    wrong(path, value, EXPECTED_TEXT[expected]);
    return false;
  };
  for (const [key, expected] of SCALAR_FIELDS) check(`${prefix}${key}`, data[key], expected);
  const provider = data.provider;
  if (check(`${prefix}provider`, provider, 'mapping') && isMapping(provider)) {
    check(`${prefix}provider.name`, provider.name, 'string');
    check(`${prefix}provider.domain`, provider.domain, 'string');
  }
  const topics = data.topics;
  if (topics !== null && topics !== undefined) {
    if (!Array.isArray(topics)) wrong(`${prefix}topics`, topics, 'a list of topic names');
    else topics.forEach((topic, index) => check(`${prefix}topics[${index}]`, topic, 'string'));
  }
  const images = data.images;
  if (check(`${prefix}images`, images, 'list') && Array.isArray(images)) {
    images.forEach((image, index) => {
      const path = `${prefix}images[${index}]`;
      if (!check(path, image, 'mapping') || !isMapping(image)) return;
      check(`${path}.url`, image.url, 'string');
      check(`${path}.width`, image.width, 'integer');
      check(`${path}.height`, image.height, 'integer');
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
