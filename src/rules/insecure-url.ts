// insecure-url: a link or image URL using plain http.
import { describeValue, documentUrls } from './helpers.js';
import type { DocumentRule } from './types.js';

export const insecureUrl: DocumentRule = {
  id: 'insecure-url',
  description: 'links and image URLs use https, not http',
  severity: 'warning',
  fixable: false,
  scope: 'document',
  check(document, report) {
    for (const { path, value, url } of documentUrls(document)) {
      if (url === null || !url.startsWith('http:')) continue;
      report(document.locate.valueOrNearest(path), `${path}: ${describeValue(value)} uses http: expected an https URL`);
    }
  },
};
