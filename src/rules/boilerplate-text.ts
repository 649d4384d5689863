// boilerplate-text: a title or excerpt that is the page's furniture, not the article: a paywall
// notice, a cookie banner, a newsletter sign-up, a blocked or missing page. A scraper saved what
// the site showed it instead of the story.
import { articleEntries, describeValue } from './helpers.js';
import type { DocumentRule } from './types.js';

// After a phrase that can also open a sentence of news (`Access denied to refugees…`, `Just a
// moment of inattention…`): the end of the text or punctuation that ends it (in a title also a
// dash before a site's name: `ENDS` stands for either, see KINDS), or else (`more`) words such
// pages go on with.
const ENDS = '(?:ENDS)';
const EXCERPT_ENDS = '(?=\\s*(?:$|[.!?…|]))';
const TITLE_ENDS = '(?=\\s*(?:$|[.!?…|]|[-–—]\\s))';
// (The words after may follow a dash: `Access denied - You do not have permission`.)
const endsOr = (more: string): string => `(?:${ENDS}|(?=,?\\s+(?:[-–—]\\s+)?(?:${more})\\b))`;

// What sites show instead of a story, as phrases. A text is flagged only when it starts with one
// (an excerpt) or is one (a title, give or take punctuation and a ` | Site` or ` - Site` suffix):
// news that mentions cookies, paywalls or robots, or quotes such a phrase mid-sentence, is left alone.
const PHRASES: ReadonlyArray<{ kind: string; phrases: readonly string[] }> = [
  {
    kind: 'a paywall notice',
    phrases: [
      "become an? (?:[\\w.&'’-]+ ){0,4}(?:subscriber|member)s? to (?:read|continue(?: reading)?)",
      'subscribe (?:now |today )?to (?:read|continue reading|unlock)(?: (?:this|the full) (?:article|story))?',
      '(?:sign|log) ?(?:up|in) to (?:read|continue reading)(?: (?:this|the full) (?:article|story))?',
      'this (?:article|story|content) is (?:only )?(?:available )?(?:for|to) (?:subscribers|members)(?: only)?',
      'already a subscriber\\?(?: (?:sign|log) ?in)?',
    ],
  },
  {
    kind: 'a cookie notice',
    phrases: [`we use cookies(?:${ENDS}|(?=,?\\s+(?:to|for|in order)\\b)|(?=\\s+(?:and|on|that|which|so)\\b))`, '(?:accept|reject) all cookies', 'by continuing to (?:browse|use) (?:this|our) (?:site|website)', 'manage (?:your )?cookie (?:settings|preferences)'],
  },
  {
    kind: 'a newsletter sign-up',
    phrases: ['to sign up for [^.]{0,80}newsletters?', 'click here to (?:subscribe|sign up|register)'],
  },
  {
    kind: 'a blocked or missing page',
    phrases: [
      '(?:please )?enable javascript',
      'javascript is (?:disabled|required)',
      'are you a robot',
      '(?:please )?verify (?:that )?you are (?:a )?human',
      `access denied${endsOr("you (?:do not|don['’]t) have permission|reference|error|to this (?:page|resource|site|server)")}`,
      '403 forbidden',
      '404 not found',
      `page not found${endsOr("sorry|oops|the page|we (?:could not|couldn['’]t|can['’]t|cannot)|it (?:looks|seems)|error")}`,
      `just a moment${endsOr('please|checking|verifying|while we|we are checking|enable')}`,
      `attention required${ENDS}`,
    ],
  },
];

// A site's name as titles end with it: capitalised words or numbers, five at most (`Harbour
// Weekly`, `The New York Times Magazine`), not a subtitle (`how a gang locked a hospital out`),
// nor one in title case (`How Refugees Are Turned Away`, `A Short Story`): no little word of a
// sentence but a leading `The` (an acronym such as `IT` is no word of a sentence). Case
// matters, so no `i` flag.
const SITE_NAME = /^[\p{Lu}\p{N}][\p{L}\p{N}.&'’-]*(?: [\p{Lu}\p{N}&][\p{L}\p{N}.&'’-]*){0,4}[\s\p{P}]*$/u;
const ACRONYM = /^\p{Lu}{2,}$/u;
const SENTENCE_WORDS = new Set(
  'a an and are as at be but by can did do does for from had has have he her his how i if in into is it its may more no not of on or our she so than that the their then there they this to up was we were what when where which who why will with would you your'.split(' '),
);

/** True when the text after a title's dash reads as a site's name (see SITE_NAME). */
function isSiteName(text: string): boolean {
  if (!SITE_NAME.test(text)) return false;
  const words = text.trim().split(/\s+/).map((word) => word.replace(/[\p{P}]+$/u, ''));
  return words.every((word, i) => ACRONYM.test(word) || !SENTENCE_WORDS.has(word.toLowerCase()) || (i === 0 && word === 'The'));
}

const KINDS = PHRASES.map(({ kind, phrases }) => {
  const anyIn = (ends: string): string => `(?:${phrases.join('|')})`.replaceAll(ENDS, ends);
  const any = anyIn(TITLE_ENDS);
  return {
    kind,
    // The phrase at the start, as a whole word (`enable JavaScript-free pages` is news).
    excerpt: new RegExp(`^\\s*${anyIn(EXCERPT_ENDS)}(?![\\w-])`, 'iu'),
    // The phrase as the whole title, with trailing punctuation and a site name after ` | `.
    title: new RegExp(`^\\s*${any}[\\s\\p{P}\\p{S}]*(?:\\|\\s*[^|]{1,60})?$`, 'iu'),
    // The same with the name after ` - ` or ` — `, which SITE_NAME must then match.
    titleDash: new RegExp(`^\\s*${any}[\\s\\p{P}\\p{S}]*?\\s[-–—]\\s*(\\S.{0,59})$`, 'iu'),
  };
});
// The opening words of every phrase above, tested at the start of a text only: nearly every
// text is cleared by this one anchored test, which reads no further than a few words (the
// phrases' own regular expressions cost several microseconds each to run, and milliseconds
// to compile on each thread). Keep it in step with PHRASES: the tests try every phrase. The
// same flags as theirs (`iu`), so Unicode case folding (`ſ` for s, the Kelvin sign for K) lets
// through what they match.
const MAY_BE_BOILERPLATE =
  /^\s*(?:become an? |subscribe |(?:sign|log) ?(?:up|in) |this (?:article|story|content) |already a |we use cookies|(?:accept|reject) all |by continuing |manage (?:your )?cookie|to sign up |click here |(?:please )?enable javascript|javascript is |are you a |(?:please )?verify |access denied|40[34] |page not found|just a moment|attention required)/iu;
const TEXT_FIELDS = ['title', 'excerpt'] as const;

/**
 * What page furniture a title or excerpt reads as (`a paywall notice`), or null when it reads
 * as an article's own text.
 */
export function boilerplateKind(text: string, field: 'title' | 'excerpt'): string | null {
  if (!MAY_BE_BOILERPLATE.test(text)) return null;
  for (const kind of KINDS) {
    if (kind[field].test(text)) return kind.kind;
    if (field === 'title') {
      const site = kind.titleDash.exec(text)?.[1];
      if (site !== undefined && isSiteName(site)) return kind.kind;
    }
  }
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
        const kind = boilerplateKind(value, field);
        if (kind === null) continue;
        const path = `${prefix}${field}`;
        report(document.locate.valueOrNearest(path), `${path}: ${describeValue(value)} reads as ${kind}, not the article's own text: expected the story's ${field}`);
      }
    }
  },
};
