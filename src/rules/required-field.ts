// required-field: the fields every article needs (title, publishedDateTime, webUrl or originalUrl, provider.name), and a related entry's title and URL.
import { isMapping } from '../core/normalise.js';
import { normaliseText } from '../core/text.js';
import { articleEntries, describeValue, EXAMPLE_DATE, isBlank } from './helpers.js';
import type { DocumentRule } from './types.js';

const STARTS_WITH_ALNUM = /^\s*[A-Za-z0-9]/;

export const requiredField: DocumentRule = {
  id: 'required-field',
  description: 'title, publishedDateTime, webUrl or originalUrl, and provider.name are present and not empty; a related entry needs a title and a URL',
  severity: 'error',
  fixable: false,
  scope: 'document',
  check(document, report) {
    const fields = document.fields;
    if (!fields) return;
    // A related entry is a link: it needs a title and a URL; its date and provider may be left out.
    for (const { prefix, data } of articleEntries(fields)) {
      const related = prefix !== '';
      const missing = (key: string, what: string): void => {
        const path = prefix + key;
        const present = document.locate.find(path);
        const message = present ? `${path} is empty: expected ${what}` : `${path} is missing: expected ${what}`;
        report(present ? present.value : document.locate.keyOrNearest(path), message);
      };
      // Text that normalisation empties (`&nbsp;`, a zero-width space) leaves the record without it.
      const emptiedText = (key: string, value: unknown, what: string): boolean => {
        // A letter or digit first is kept by every repair (an entity starts with `&`): most titles stop here.
        if (typeof value !== 'string' || STARTS_WITH_ALNUM.test(value) || isBlank(value) || normaliseText(value).value !== '') return false;
        const path = prefix + key;
        const present = document.locate.find(path);
        report(present ? present.value : document.locate.keyOrNearest(path), `${path} is empty once normalised (${describeValue(value)}): expected ${what}`);
        return true;
      };
      if (isBlank(data.title)) missing('title', "the article's headline");
      else emptiedText('title', data.title, "the article's headline");
      if (isBlank(data.publishedDateTime) && !related) missing('publishedDateTime', `an ISO 8601 date-time, e.g. ${EXAMPLE_DATE}`);
      if (isBlank(data.webUrl) && isBlank(data.originalUrl)) {
        const place = document.locate.find(`${prefix}webUrl`)?.value ?? document.locate.find(`${prefix}originalUrl`)?.value ?? document.locate.keyOrNearest(prefix.slice(0, -1));
        report(place, `${prefix}webUrl or ${prefix}originalUrl is required: expected the http(s) address of the article`);
      }
      if (related) continue;
      const provider = data.provider;
      if (isBlank(provider)) missing('provider', 'a mapping with the name (and domain) of the publisher');
      else if (isMapping(provider) && isBlank(provider.name)) missing('provider.name', "the publisher's name");
      else if (isMapping(provider)) emptiedText('provider.name', provider.name, "the publisher's name");
    }
  },
};
