// boilerplate-text: a title or excerpt that is the page's furniture, not the article: a paywall
// notice, a cookie banner, a newsletter sign-up, a blocked or missing page. A scraper saved what
// the site showed it instead of the story.
import { articleEntries, describeValue } from './helpers.js';
import type { DocumentRule } from './types.js';

// Whole phrases, not single words: an article about cookie laws or paywalls must not match.
const KINDS: ReadonlyArray<{ kind: string; pattern: RegExp }> = [
  {
    kind: 'a paywall notice',
    pattern:
      /\bbecome an? (?:[\w.&'’-]+\s+){0,4}(?:subscriber|member)s? to (?:read|continue)|\bsubscribe (?:now |today )?to (?:read|continue reading|unlock)\b|\b(?:sign|log) ?(?:up|in) to (?:read|continue reading)\b|\bthis (?:article|story|content) is (?:only )?(?:available )?(?:for|to) (?:subscribers|members)\b|\balready a subscriber\?/i,
  },
  {
    kind: 'a cookie notice',
    pattern: /\bwe use cookies\b|\b(?:accept|reject) all cookies\b|\bby continuing to (?:browse|use) (?:this|our) (?:site|website)\b|\bmanage (?:your )?cookie (?:settings|preferences)\b/i,
  },
  {
    kind: 'a newsletter sign-up',
    pattern: /^\s*to sign up for\b[^.]{0,80}\bnewsletters?\b|\bclick here to (?:subscribe|sign up|register)\b|\byou may need to whitelist\b/i,
  },
  {
    kind: 'a blocked or missing page',
    pattern: /\b(?:please )?enable javascript\b|\bjavascript is (?:disabled|required)\b|\bare you a robot\b|\bverify (?:that )?you are (?:a )?human\b|^\s*(?:access denied|403 forbidden|404 not found|page not found)\b/i,
  },
];
// A word every pattern above holds: most texts are cleared by this one test.
const MAY_BE_BOILERPLATE = /subscri|member|to read|to continue|continuing to|cookie|newsletter|click here|whitelist|javascript|robot|human|denied|forbidden|not found/i;
// Page furniture shows itself at the start of a text; reading no further keeps the rule cheap
// on long excerpts (a dozen related articles per file).
const HEAD_LENGTH = 100;
const TEXT_FIELDS = ['title', 'excerpt'] as const;

/** What page furniture a text reads as (`a paywall notice`), or null when it reads as an article's own text. */
export function boilerplateKind(text: string): string | null {
  const head = text.length > HEAD_LENGTH ? text.slice(0, HEAD_LENGTH) : text;
  if (!MAY_BE_BOILERPLATE.test(head)) return null;
  for (const { kind, pattern } of KINDS) if (pattern.test(head)) return kind;
  return null;
}

export const boilerplateText: DocumentRule = {
  id: 'boilerplate-text',
  description: "titles and excerpts are the article's text, not a paywall, cookie, newsletter or blocked-page notice",
  severity: 'warning',
  fixable: false,
  scope: 'document',
  check(document, report) {
    if (!document.fields) return;
    for (const { prefix, data } of articleEntries(document.fields)) {
      for (const field of TEXT_FIELDS) {
        const value = data[field];
        if (typeof value !== 'string') continue;
        const kind = boilerplateKind(value);
        if (kind === null) continue;
        const path = `${prefix}${field}`;
        report(document.locate.valueOrNearest(path), `${path}: ${describeValue(value)} reads as ${kind}, not the article's own text: expected the story's ${field}`);
      }
    }
  },
};
