// invalid-url: a link field or image URL that is not an absolute http(s) URL.
import { describeValue, documentUrls } from './helpers.js';
import type { DocumentRule } from './types.js';

export const invalidUrl: DocumentRule = {
  id: 'invalid-url',
  description: 'originalUrl, webUrl, ampWebUrl, cdnAmpWebUrl and image URLs are absolute http(s) URLs',
  severity: 'error',
  fixable: false,
  scope: 'document',
  check(document, report) {
    for (const { path, value, url } of documentUrls(document)) {
      if (typeof value !== 'string' || url !== null || value.trim() === '') continue;
      report(document.locate.valueOrNearest(path), `${path}: ${describeValue(value)} is not a web address (expected an absolute http(s) URL, e.g. https://example.com/news/story)`);
    }
  },
};
