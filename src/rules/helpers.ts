// Small helpers the rules share: describing values in messages, walking an article and its related entries.
import { isBlank, isMapping, normaliseUrl, URL_FIELDS, type Mapping } from '../core/normalise.js';
import { showInvisible, truncate } from '../core/text.js';
import type { CheckedDocument, UrlField } from './types.js';

export { isBlank, URL_FIELDS };

export const EXAMPLE_DATE = '2023-10-16T09:00:00Z';

/** "a string", "a list", "a mapping", ... for messages about types. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'not a number';
    if (!Number.isFinite(value)) return 'an infinite number';
    return Number.isInteger(value) ? 'a whole number' : 'a number';
  }
  return `a ${typeof value}`;
}

/** A value as a message shows it: strings quoted, cut to 80 columns, invisible characters written out (`\u200b`); other types by kind. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${showInvisible(truncate(value, 80))}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeName(value);
}

/** The article's own fields (prefix '') and each mapping in its `related` list (prefix `related[i].`). */
export function articleEntries(fields: Mapping): { prefix: string; data: Mapping }[] {
  const entries = [{ prefix: '', data: fields }];
  const related = fields.related;
  if (Array.isArray(related)) {
    related.forEach((item, index) => {
      if (isMapping(item)) entries.push({ prefix: `related[${index}].`, data: item });
    });
  }
  return entries;
}

/** Every URL a document holds, with its field path: the link fields and image URLs, of the article and its related entries. */
export function urlFields(fields: Mapping): UrlField[] {
  const found: UrlField[] = [];
  const add = (path: string, value: unknown): void => {
    found.push({ path, value, url: typeof value === 'string' ? normaliseUrl(value) : null });
  };
  for (const { prefix, data } of articleEntries(fields)) {
    for (const key of URL_FIELDS) {
      if (Object.hasOwn(data, key)) add(`${prefix}${key}`, data[key]);
    }
    if (Array.isArray(data.images)) {
      data.images.forEach((image, index) => {
        if (isMapping(image) && Object.hasOwn(image, 'url')) add(`${prefix}images[${index}].url`, image.url);
      });
    }
  }
  return found;
}

/** The document's URLs (see urlFields), listed and normalised once however many rules ask. */
export function documentUrls(document: CheckedDocument): readonly UrlField[] {
  if (!document.fields) return [];
  return (document.urls ??= urlFields(document.fields));
}
