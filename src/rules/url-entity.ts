// url-entity: a link or image URL holding an HTML-escaped `&` (`&amp;`, `&#38;`, or the `amp;` left
// where a `&` was lost: `?amp;s=1`), copied from a page's HTML: the query it sends is not the page's.
import { showInvisible, sliceWhole } from '../core/text.js';
import { describeValue, documentUrls } from './helpers.js';
import type { DocumentRule } from './types.js';

const ESCAPED_AMPERSAND = /&(?:amp|#0*38|#x0*26);/gi;
const LOST_AMPERSAND = /([?&])amp;/gi;
const MAYBE_ESCAPED = /amp;|&#/i;

/** The URL with its escaped ampersands written as `&` (and a lost one's `amp;` dropped); null when it has none. */
export function unescapedUrl(url: string): string | null {
  const fixed = url.replace(ESCAPED_AMPERSAND, '&').replace(LOST_AMPERSAND, '$1');
  return fixed === url ? null : fixed;
}

// The end of a long URL, where its query is: the start of a cut URL would hide what is wrong.
function tail(url: string): string {
  return url.length <= 80 ? url : `…${url.slice(-79)}`;
}

// The URL to write instead is given whole, to be copied, up to a length no real URL reaches.
const MAX_SHOWN_URL = 2000;
function whole(url: string): string {
  return `'${showInvisible(url.length <= MAX_SHOWN_URL ? url : `${sliceWhole(url, 0, MAX_SHOWN_URL - 1)}…`)}'`;
}

export const urlEntity: DocumentRule = {
  id: 'url-entity',
  description: 'links and image URLs hold `&`, not an HTML-escaped `&amp;`',
  severity: 'warning',
  fixable: false,
  scope: 'document',
  check(document, report) {
    for (const { path, value } of documentUrls(document)) {
      if (typeof value !== 'string' || !MAYBE_ESCAPED.test(value)) continue;
      const fixed = unescapedUrl(value.trim());
      if (fixed === null) continue;
      report(document.locate.valueOrNearest(path), `${path}: ${describeValue(tail(value))} holds an HTML-escaped &: expected ${whole(fixed)}`);
    }
  },
};
