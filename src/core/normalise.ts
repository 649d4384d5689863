// Turns a front-matter mapping into the typed article record. Pure: no I/O.
import { domainToASCII, domainToUnicode } from 'node:url';
import { nameKey, normaliseText, repairText } from './text.js';
import { dateFromFileName, parseDate } from './dates.js';
import type { Taxonomy } from './taxonomy.js';
import type { Article, ArticleFields, Fix, FixKind, Image, Provider, RelatedArticle, SourceEncoding } from './types.js';

/** Front-matter keys that become typed fields; every other key is kept verbatim in `extra`. */
export const MODELLED_KEYS: ReadonlySet<string> = new Set([
  'title',
  'excerpt',
  'category',
  'type',
  'publishedDateTime',
  'originalUrl',
  'webUrl',
  'ampWebUrl',
  'cdnAmpWebUrl',
  'provider',
  'topics',
  'quality',
  'heat',
  'published',
  'images',
  'related',
]);

/** The link fields of a record, canonical one first among originalUrl and webUrl. */
export const URL_FIELDS = ['originalUrl', 'webUrl', 'ampWebUrl', 'cdnAmpWebUrl'] as const;
const UTC_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?Z$/;
// Digits past the millisecond, which a record's date (JavaScript's, to the millisecond) drops.
const PAST_MILLISECONDS = /\.\d{3}(\d+)Z$/;
const LEAP_SECOND = /T\d\d:\d\d:60/;
const DECIMAL_NUMBER = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

export type Mapping = Record<string, unknown>;

/** True for a plain mapping (not an array, not null). */
export function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets an own property, even for keys like `__proto__`, without touching any prototype. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // Only `__proto__` is special in an assignment; defineProperty is slow, so it is kept for that key.
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** A document is an article when its front matter is a mapping with a string title and no taxonomy key. */
export function isArticleData(data: unknown): data is Mapping {
  return isMapping(data) && typeof data.title === 'string' && !Object.hasOwn(data, 'taxonomy');
}

export interface NormaliseContext {
  id: string;
  path: string;
  encoding?: SourceEncoding;
  taxonomy?: Taxonomy | null;
  body?: string;
}

class FixLog {
  readonly fixes: Fix[] = [];
  /** When set, each text field's repaired value, by field path (see textFixTargets). */
  repaired: Map<string, RepairedValue> | null = null;
  /** The kinds of repair textFixTargets makes (all when null). */
  repairKinds: ReadonlySet<FixKind> | null = null;
  add(field: string, kind: FixKind, before: unknown): void {
    // JSON has no NaN or Infinity (YAML's `.nan`, `.inf`): they would print as null.
    this.fixes.push({ field, kind, before: typeof before === 'number' && !Number.isFinite(before) ? String(before) : before });
  }
}

/** A text field's repaired value, or null with the reason it has none. */
interface RepairedValue {
  after: string | null;
  reason?: string;
}

const NOTHING_LEFT: RepairedValue = { after: null, reason: 'nothing would be left of it' };

/**
 * The value to write for `before`, whose full repair is `full`: that repair, or with `only` just
 * the steps of those kinds, if what normalisation reads from it stays `full`.
 */
function repairedValue(before: string, full: string, only: ReadonlySet<FixKind> | null): RepairedValue {
  if (!only) return full === '' ? NOTHING_LEFT : { after: full };
  // NFC too only when its rule is on: with unicode-nfc off, decomposed text stays as written.
  const partial = repairText(before, only).value;
  if (partial === '') return NOTHING_LEFT;
  if (partial === before) {
    // Name the rules that are off and would be needed (unicode-nfc, to compose what reveals mojibake).
    const needed = repairText(before).kinds.filter((kind) => !only.has(kind));
    const reason = needed.length > 0 ? `repairing it needs ${needed.join(', ')}, which ${needed.length === 1 ? 'is' : 'are'} off` : 'the rules that are on find nothing they can repair in it on their own';
    return { after: null, reason };
  }
  const reread = normaliseText(partial);
  if (reread.value !== full) return { after: null, reason: 'repairing only what the rules that are on find would change how it reads' };
  // A part-repair the same rules would still flag (`A&nbsp;&nbsp;B  C` with html-entity off:
  // its spaces are irregular again once the entities are read) fixes nothing they report.
  if (reread.kinds.some((kind) => only.has(kind))) return { after: null, reason: 'the rules that are on cannot repair it whole without one that is off' };
  return { after: partial };
}

function text(value: unknown, field: string, log: FixLog): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') {
    log.add(field, 'type-invalid', value);
    return String(value);
  }
  if (typeof value !== 'string') {
    log.add(field, 'type-invalid', value);
    return null;
  }
  const { value: clean, kinds } = normaliseText(value);
  for (const kind of kinds) log.add(field, kind, value);
  if (kinds.length > 0 && log.repaired) log.repaired.set(field, repairedValue(value, clean, log.repairKinds));
  return clean === '' ? null : clean;
}

// An http(s) URL plainly valid without asking the URL parser (which is slow): ASCII host, no spaces.
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;
const CONTROL_OR_SPACE = /[\x00-\x20\x7f-\x9f]/;
// U+2028 and U+2029 end a line for `.` and `$`: no URL holds them, and a regex that let `.*`
// stop at one after a long run backtracked in quadratic time.
const LINE_SEPARATOR = /[\u2028\u2029]/;

// The host's last label must hold a letter (an all-digit one would be parsed as an IPv4 address).
// Written so that no two quantifiers can share a character: a long hostile link that fails it
// fails in linear time (`[a-z0-9-]*[a-z][a-z0-9-]*` took minutes on 100,000 letters).
const PLAIN_URL = /^https?:\/\/(?:[a-z0-9]+(?:-+[a-z0-9]+)*\.)*[0-9-]*[a-z][a-z0-9-]*(?:[/?#][\x21-\x7e]*)?$/i;

const CANONICAL_URL = new RegExp(PLAIN_URL.source);

/** Returns an http(s) URL with trimmed ends and lower-case scheme and host, or null (also for control characters). */
export function normaliseUrl(value: string): string | null {
  // Most URLs are already canonical: lower-case scheme and host, nothing to trim.
  if (CANONICAL_URL.test(value)) return value;
  const trimmed = value.trim();
  if (CONTROL.test(trimmed) || LINE_SEPARATOR.test(trimmed)) return null;
  const match = /^(https?):\/\/([^/?#\s]+)(.*)$/is.exec(trimmed);
  if (!match) return null;
  const [, scheme, authority, rest] = match as unknown as [string, string, string, string];
  if (!PLAIN_URL.test(trimmed)) {
    try {
      new URL(trimmed);
    } catch {
      return null;
    }
  }
  return `${scheme.toLowerCase()}://${authority.toLowerCase()}${rest}`;
}

// The one text fix url() logs: a URL of spaces alone.
function blankUrlFix(value: unknown, field: string, log: FixLog): void {
  if (typeof value === 'string' && value !== '' && value.trim() === '') log.add(field, 'whitespace', value);
}

function url(value: unknown, field: string, log: FixLog): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') {
    log.add(field, 'url-invalid', value);
    return null;
  }
  if (value.trim() === '') {
    // Empty text is no value; spaces alone are logged, as for a date.
    if (value !== '') log.add(field, 'whitespace', value);
    return null;
  }
  const result = normaliseUrl(value);
  if (result === null) log.add(field, 'url-invalid', value);
  else if (result !== value) log.add(field, 'url-normalised', value);
  return result;
}

// Lower-case labels, no `www.` in front, no dot at the end: nothing for normaliseDomain to change.
const CANONICAL_DOMAIN = /^(?!www\.)(?!xn--)[a-z0-9][a-z0-9-]*(?:\.(?!xn--)[a-z0-9-]+)*$/;
const INTERNATIONAL = /[^\x00-\x7f]|xn--/;
// A URL whose host the URL parser would return as written, lower-cased (punycode aside). The last
// label has a letter and is not hex like `0x7f`: a host ending in a number is an IPv4 address.
// Linear on any input, as PLAIN_URL.
const PLAIN_HOST = /^https?:\/\/((?:[a-z0-9]+(?:-+[a-z0-9]+)*\.)*(?!0x[0-9a-f]*(?:[/?#]|$))[0-9-]*[a-z][a-z0-9-]*)(?:[/?#][\x21-\x7e]*)?$/i;

// `www.` before a name with a dot of its own: `www.com` is a site called www, not `com`
// (`www.gov.uk` is `gov.uk`, a site).
function withoutWww(domain: string): string {
  if (!domain.startsWith('www.')) return domain;
  const rest = domain.slice(4);
  return rest.includes('.') ? rest : domain;
}

/**
 * Lower-cases a domain and drops a leading `www.` (and any scheme, path or port pasted with it).
 * An international domain is written in Unicode (`xn--bcher-kva.de` is `bücher.de`), as people
 * write it, so the form a URL's host comes in and the form typed by hand compare equal.
 */
export function normaliseDomain(value: string): string | null {
  if (CANONICAL_DOMAIN.test(value)) return value;
  if (CONTROL_OR_SPACE.test(value.trim())) return null;
  let domain = value.trim().toLowerCase();
  domain = domain.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  // An IPv6 address is written in brackets, colons and all (a port after them is dropped), in
  // the URL parser's form (`[2001:DB8:0::1]` is `[2001:db8::1]`).
  if (domain.startsWith('[')) return ipv6Host(domain);
  // Written without its brackets (`2001:db8::2`), as a provider's domain may be: not cut at its first colon.
  if (BARE_IPV6.test(domain)) return ipv6Host(`[${domain}]`);
  // What /[/?#:].*$/ removed, found in linear time: from the first delimiter after the last line
  // separator (`.` stops at one) to the end. That regex was quadratic on a long run of delimiters.
  const from = Math.max(domain.lastIndexOf('\u2028'), domain.lastIndexOf('\u2029')) + 1;
  const delimiter = domain.slice(from).search(/[/?#:]/);
  if (delimiter !== -1) domain = domain.slice(0, from + delimiter);
  domain = withoutWww(domain.replace(/\.$/, ''));
  if (INTERNATIONAL.test(domain)) {
    // An invalid name (a bad `xn--` label, a symbol) has no ASCII form: it is kept as written.
    const ascii = domainToASCII(domain);
    if (ascii !== '') domain = withoutWww(domainToUnicode(ascii));
  }
  return domain === '' ? null : domain;
}

// `[2001:DB8::1]:8080/x` → `[2001:db8::1]`; null for what is no IPv6 address, or has more than a port and a path after it.
function ipv6Host(bracketed: string): string | null {
  const end = bracketed.indexOf(']');
  if (end === -1 || !/^(?::\d*)?(?:[/?#]|$)/.test(bracketed.slice(end + 1))) return null;
  try {
    return new URL(`http://${bracketed.slice(0, end + 1)}/`).hostname;
  } catch {
    return null;
  }
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
// Hex groups and at least two colons (a port has one), an IPv4 tail allowed: nothing else.
const BARE_IPV6 = /^(?=(?:[^:]*:){2})[0-9a-f:]+(?:\.\d{1,3}){0,3}$/;

/** True for a host that is an IP address (`192.168.0.1`, `[2001:db8::1]`), which has no parent domains. */
export function isIpAddress(host: string): boolean {
  return host.startsWith('[') || IPV4.test(host);
}

/**
 * True when a normalised `host` lies under the normalised domain `parent` (`news.bbc.co.uk`
 * under `bbc.co.uk`). Only a domain with a dot is a parent (`com` is no provider's domain), and
 * an IP address has none (`0.1` is not above `192.168.0.1`).
 */
export function isSubdomainOf(host: string, parent: string): boolean {
  return parent.includes('.') && host.endsWith(`.${parent}`) && !isIpAddress(host) && !isIpAddress(parent);
}

/** The host of an http(s) URL without `www.`, or null. */
export function hostOf(link: string | null): string | null {
  if (!link) return null;
  const plain = PLAIN_HOST.exec(link);
  if (plain && !plain[1]!.includes('xn--')) return normaliseDomain(plain[1]!.toLowerCase());
  try {
    return normaliseDomain(new URL(link).hostname);
  } catch {
    return null;
  }
}

function numberField(value: unknown, field: string, log: FixLog): number | null {
  // Empty or blank text is no value, as a missing one is: nothing to log.
  if (isBlank(value)) return null;
  // `-0` becomes 0: JSON has no negative zero, so the record must not hold one.
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value === 0 ? 0 : value;
    log.add(field, 'number-invalid', value);
    return null;
  }
  // Only decimal text: Number() would also read `0x10`, `0b11` and `0o7`, which nobody writes for a score.
  if (typeof value === 'string' && DECIMAL_NUMBER.test(value)) {
    const parsed = Number(value.trim());
    if (Number.isFinite(parsed)) {
      log.add(field, 'number-converted', value);
      return parsed === 0 ? 0 : parsed;
    }
  }
  log.add(field, 'number-invalid', value);
  return null;
}

function booleanField(value: unknown, field: string, log: FixLog): boolean | null {
  if (isBlank(value)) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (word === 'true' || word === 'yes') {
      log.add(field, 'boolean-converted', value);
      return true;
    }
    if (word === 'false' || word === 'no') {
      log.add(field, 'boolean-converted', value);
      return false;
    }
  }
  log.add(field, 'boolean-invalid', value);
  return null;
}

/** True for a value that stands for "no value": absent, null, or a string of only whitespace. */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function dateField(value: unknown, field: string, log: FixLog): string | null {
  if (isBlank(value)) {
    if (typeof value === 'string' && value !== '') log.add(field, 'whitespace', value);
    return null;
  }
  const iso = parseDate(value);
  if (iso === null) {
    log.add(field, 'date-invalid', value);
    return null;
  }
  // Surrounding spaces are a change too: the record's text is not the file's.
  if (!(typeof value === 'string' && UTC_ISO.test(value) && !dropsDigits(value) && !LEAP_SECOND.test(value))) {
    log.add(field, 'date-converted', value);
  }
  return iso;
}

/** True when a UTC date's fraction has non-zero digits past the millisecond (lost in the record). */
function dropsDigits(utc: string): boolean {
  const past = PAST_MILLISECONDS.exec(utc);
  return past !== null && /[1-9]/.test(past[1]!);
}

/** Copies a mapping's keys except `skip`, own properties only, so nothing pollutes a prototype. */
function copyRest(source: Mapping, skip: ReadonlySet<string>): Mapping {
  const rest: Mapping = {};
  for (const key of Object.keys(source)) {
    if (!skip.has(key)) setOwn(rest, key, source[key]);
  }
  return rest;
}

const PROVIDER_KEYS = new Set(['name', 'domain']);

function provider(value: unknown, link: string | null, log: FixLog, prefix: string): Provider {
  let result: Provider;
  if (isMapping(value)) {
    result = {
      name: text(value.name, `${prefix}provider.name`, log),
      domain: null,
    };
    const rest = copyRest(value, PROVIDER_KEYS);
    for (const key of Object.keys(rest)) setOwn(result, key, rest[key]);
    if (typeof value.domain === 'string') {
      const domain = normaliseDomain(value.domain);
      if (domain !== value.domain && value.domain.trim() !== '') log.add(`${prefix}provider.domain`, 'domain-normalised', value.domain);
      result.domain = domain;
    } else if (typeof value.domain === 'number' || typeof value.domain === 'boolean') {
      // Kept as its text, as a number is where other text belongs.
      log.add(`${prefix}provider.domain`, 'type-invalid', value.domain);
      result.domain = normaliseDomain(String(value.domain));
    } else if (value.domain !== undefined && value.domain !== null) {
      log.add(`${prefix}provider.domain`, 'type-invalid', value.domain);
    }
  } else {
    result = { name: null, domain: null };
    // Text is read as the provider's name, as a text item of `images` is read as its URL.
    if (typeof value === 'string') {
      log.add(`${prefix}provider`, 'type-invalid', value);
      result.name = text(value, `${prefix}provider`, log);
    } else if (value !== undefined && value !== null) log.add(`${prefix}provider`, 'type-invalid', value);
  }
  if (result.domain === null) {
    const host = hostOf(link);
    if (host) {
      result.domain = host;
      log.add(`${prefix}provider.domain`, 'domain-from-url', null);
    }
  }
  return result;
}

// One piece of a comma-separated topic list, normalised; the kinds of text repair it needed are added to `kinds`.
function cleanPiece(piece: string, kinds: Set<FixKind>): string {
  const { value, kinds: found } = normaliseText(piece);
  // The edge spaces of a piece (`AI, ML`) are how such a list is written, not damage.
  for (const kind of found) if (kind !== 'whitespace' || normaliseText(piece.trim()).kinds.includes('whitespace')) kinds.add(kind);
  return value;
}

// The text fixes normaliseTopics logs, in its order, without de-duplicating or looking names up.
function topicTextFixes(value: unknown, log: FixLog, field: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      if (typeof item === 'string' && item.trim() !== '') text(item, `${field}[${index}]`, log);
    });
  } else if (typeof value === 'string') {
    const pieces = new Set<FixKind>();
    for (const piece of value.split(',')) cleanPiece(piece, pieces);
    logPieceFixes(value, pieces, log, field);
  }
}

function logPieceFixes(value: string, pieces: ReadonlySet<FixKind>, log: FixLog, field: string): void {
  if (pieces.size === 0) return;
  for (const kind of pieces) log.add(field, kind, value);
  // A piece of a comma-separated list cannot be rewritten on its own: the list is left for a
  // person. So is one topic written as text (a repair could make a comma that splits it).
  const reason = value.includes(',')
    ? 'a comma-separated topic list is not rewritten; write it as a list, or repair it by hand'
    : 'topics written as text, not as a list, are not rewritten; write them as a list, or repair it by hand';
  log.repaired?.set(field, { after: null, reason });
}

/**
 * Normalises a topic list: list or comma-separated string, trimmed, de-duplicated, canonical
 * names. Each listed name's text repairs are logged under `topics[i]`; a comma-separated
 * string's under `topics`.
 */
export function normaliseTopics(value: unknown, taxonomy: Taxonomy | null | undefined, log: FixLog, field = 'topics'): string[] {
  if (value === null || value === undefined) return [];
  let items: unknown[];
  if (typeof value === 'string') {
    // Text with no name in it is no list of topics: logged, as validate reports it.
    if (value.trim() === '') {
      log.add(field, 'type-invalid', value);
      return [];
    }
    items = value.split(',');
    // Text where a list belongs is logged, as validate reports it: split, or taken as one name.
    log.add(field, items.length > 1 ? 'topics-split' : 'type-invalid', value);
  } else if (Array.isArray(value)) {
    items = value;
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    // One number or true/false where the list belongs is one topic, as in a list: `topics: 5` is `["5"]`.
    log.add(field, 'type-invalid', value);
    const name = String(value);
    const canonical = taxonomy?.canonicalName(name) ?? name;
    if (canonical !== name) log.add(field, 'topics-canonical', value);
    return [canonical];
  } else {
    log.add(field, 'type-invalid', value);
    return [];
  }
  const seen = new Set<string>();
  const topics: string[] = [];
  let dropped = false;
  let canonicalised = false;
  const pieces = typeof value === 'string' ? new Set<FixKind>() : null;
  for (const [index, item] of items.entries()) {
    // A list's items are logged by index (`topics[2]`), as validate reports them; a null or
    // empty item is dropped and logged too, so nothing leaves the record unrecorded.
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
      log.add(pieces ? field : `${field}[${index}]`, 'type-invalid', item ?? null);
      continue;
    }
    // A blank item is no name: logged as such, with no text repair to suggest.
    if (!pieces && typeof item === 'string' && item.trim() === '') {
      log.add(`${field}[${index}]`, 'type-invalid', item);
      continue;
    }
    // A number or true/false is kept as its text and logged, as in any text field.
    const cleaned = pieces ? cleanPiece(item as string, pieces) : (text(item, `${field}[${index}]`, log) ?? '');
    if (cleaned === '') {
      if (!pieces && typeof item === 'string') log.add(`${field}[${index}]`, 'type-invalid', item);
      continue;
    }
    const canonical = taxonomy?.canonicalName(cleaned) ?? cleaned;
    if (canonical !== cleaned) canonicalised = true;
    const key = nameKey(canonical);
    if (seen.has(key)) {
      dropped = true;
      continue;
    }
    seen.add(key);
    topics.push(canonical);
  }
  if (pieces) logPieceFixes(value as string, pieces, log, field);
  if (dropped) log.add(field, 'topics-deduplicated', value);
  if (canonicalised) log.add(field, 'topics-canonical', value);
  return topics;
}

const IMAGE_KEYS = new Set(['url', 'width', 'height']);

function images(value: unknown, log: FixLog, prefix: string): Image[] {
  if (value === null || value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  // A value that is no list is logged once, as `images`, whatever is read from it.
  const single = !Array.isArray(value);
  if (single) log.add(`${prefix}images`, 'type-invalid', value);
  const result: Image[] = [];
  list.forEach((item, index) => {
    // A single mapping's fields are named as they are found: `images.caption`.
    const field = single ? `${prefix}images` : `${prefix}images[${index}]`;
    // A text item is read as the image's URL, logged, as validate reports it; an empty one is dropped.
    if (typeof item === 'string') {
      if (!single) log.add(field, 'type-invalid', item);
      if (item.trim() !== '') result.push({ url: url(item, `${field}.url`, log), width: null, height: null });
      return;
    }
    if (!isMapping(item)) {
      if (!single) log.add(field, 'type-invalid', item);
      return;
    }
    const image: Image = {
      url: url(item.url, `${field}.url`, log),
      width: numberField(item.width, `${field}.width`, log),
      height: numberField(item.height, `${field}.height`, log),
    };
    const rest = copyRest(item, IMAGE_KEYS);
    for (const key of Object.keys(rest)) {
      const extraValue = key === 'title' || key === 'caption' ? text(rest[key], `${field}.${key}`, log) : rest[key];
      setOwn(image, key, extraValue);
    }
    result.push(image);
  });
  return result;
}

// A text field added here must be added to entryTextFixes too (validate reads text fixes there).
function fields(data: Mapping, log: FixLog, prefix: string, taxonomy: Taxonomy | null | undefined): ArticleFields {
  const links = {} as Record<(typeof URL_FIELDS)[number], string | null>;
  for (const key of URL_FIELDS) links[key] = url(data[key], `${prefix}${key}`, log);
  const canonical = links.originalUrl ?? links.webUrl;
  const extra: Mapping = {};
  for (const key of Object.keys(data)) {
    if (!MODELLED_KEYS.has(key)) setOwn(extra, key, data[key]);
  }
  return {
    title: text(data.title, `${prefix}title`, log),
    excerpt: text(data.excerpt, `${prefix}excerpt`, log),
    category: text(data.category, `${prefix}category`, log),
    type: text(data.type, `${prefix}type`, log),
    publishedDateTime: dateField(data.publishedDateTime, `${prefix}publishedDateTime`, log),
    ...links,
    url: canonical,
    provider: provider(data.provider, canonical, log, prefix),
    topics: normaliseTopics(data.topics, taxonomy, log, `${prefix}topics`),
    quality: numberField(data.quality, `${prefix}quality`, log),
    heat: numberField(data.heat, `${prefix}heat`, log),
    published: booleanField(data.published, `${prefix}published`, log),
    images: images(data.images, log, prefix),
    extra,
  };
}

function related(value: unknown, log: FixLog, taxonomy: Taxonomy | null | undefined): RelatedArticle[] {
  if (value === null || value === undefined) return [];
  // A single mapping is one related article, as a single mapping in `images` is one image; its
  // fields are named as they are found (`related.title`).
  const single = !Array.isArray(value);
  if (single) log.add('related', 'type-invalid', value);
  if (single && !isMapping(value)) return [];
  const list = single ? [value] : value;
  const result: RelatedArticle[] = [];
  list.forEach((item, index) => {
    if (!isMapping(item)) {
      log.add(`related[${index}]`, 'type-invalid', item);
      return;
    }
    const entry = fields(item, log, single ? 'related.' : `related[${index}].`, taxonomy);
    if ('related' in item) setOwn(entry.extra, 'related', item.related);
    result.push(entry);
  });
  return result;
}

/** The fix kinds that only change how a text reads (validate has a rule for each). */
export const TEXT_FIX_KINDS: ReadonlySet<FixKind> = new Set<FixKind>(['mojibake', 'html-entity', 'control-character', 'whitespace', 'unicode-nfc']);

// The text-bearing fields of one entry (the article or a related one), in the order fields() reads them:
// keep the two in step (test/fuzz/normalise.test.ts compares them).
function entryTextFixes(data: Mapping, log: FixLog, prefix: string): void {
  for (const key of URL_FIELDS) blankUrlFix(data[key], `${prefix}${key}`, log);
  text(data.title, `${prefix}title`, log);
  text(data.excerpt, `${prefix}excerpt`, log);
  text(data.category, `${prefix}category`, log);
  text(data.type, `${prefix}type`, log);
  // Only a blank date logs a text fix; any other value logs date kinds.
  if (isBlank(data.publishedDateTime)) dateField(data.publishedDateTime, `${prefix}publishedDateTime`, log);
  const source = data.provider;
  if (isMapping(source)) text(source.name, `${prefix}provider.name`, log);
  else if (typeof source === 'string') text(source, `${prefix}provider`, log);
  topicTextFixes(data.topics, log, `${prefix}topics`);
  const pictures = data.images;
  if (pictures === null || pictures === undefined) return;
  const single = !Array.isArray(pictures);
  (single ? [pictures] : pictures).forEach((item, index) => {
    if (!isMapping(item)) return;
    const field = single ? `${prefix}images` : `${prefix}images[${index}]`;
    blankUrlFix(item.url, `${field}.url`, log);
    for (const key of Object.keys(item)) {
      if (key === 'title' || key === 'caption') text(item[key], `${field}.${key}`, log);
    }
  });
}

/**
 * The text fixes (TEXT_FIX_KINDS) normaliseArticle would log for this front matter, in the same
 * order, without building the record: what validate needs, at a fraction of the cost.
 */
export function textFixes(data: Mapping): Fix[] {
  return logTextFixes(data, new FixLog()).fixes.filter((fix) => TEXT_FIX_KINDS.has(fix.kind));
}

function logTextFixes(data: Mapping, log: FixLog): FixLog {
  entryTextFixes(data, log, '');
  const entries = data.related;
  if (Array.isArray(entries)) {
    entries.forEach((item, index) => {
      if (isMapping(item)) entryTextFixes(item, log, `related[${index}].`);
    });
  } else if (isMapping(entries)) entryTextFixes(entries, log, 'related.');
  return log;
}

/**
 * One text field normalisation repairs: its value in the source, the value to write in its place
 * (null when there is none, with the reason), and the kinds of repair it needs.
 */
export interface TextRepair {
  field: string;
  before: string;
  after: string | null;
  reason?: string;
  kinds: FixKind[];
}

/**
 * The text fields of this front matter that need a repair of one of `kinds` (default: any), with
 * the value to write: the whole repair, or with `kinds` only the steps of those kinds (when that
 * leaves what normalisation reads unchanged). In textFixes' order.
 */
export function textFixTargets(data: Mapping, kinds?: ReadonlySet<FixKind>): TextRepair[] {
  const log = new FixLog();
  log.repaired = new Map();
  log.repairKinds = kinds ?? null;
  logTextFixes(data, log);
  const byField = new Map<string, TextRepair>();
  for (const fix of log.fixes) {
    if (!TEXT_FIX_KINDS.has(fix.kind) || typeof fix.before !== 'string') continue;
    const known = byField.get(fix.field);
    if (known) {
      known.kinds.push(fix.kind);
      continue;
    }
    // A blank date's whitespace has no repair but removal.
    const repaired = log.repaired.get(fix.field) ?? NOTHING_LEFT;
    const target: TextRepair = { field: fix.field, before: fix.before, after: repaired.after, kinds: [fix.kind] };
    if (repaired.reason) target.reason = repaired.reason;
    byField.set(fix.field, target);
  }
  return [...byField.values()].filter((target) => !kinds || target.kinds.some((kind) => kinds.has(kind)));
}

/** Builds the normalised record of one article from its front-matter mapping. */
export function normaliseArticle(data: Mapping, context: NormaliseContext): Article {
  const log = new FixLog();
  if (context.encoding === 'windows-1252') log.add('(file)', 'decoded-windows-1252', null);
  else if (context.encoding === 'utf-16le' || context.encoding === 'utf-16be') log.add('(file)', 'decoded-utf-16', null);
  const base = fields(data, log, '', context.taxonomy);
  if (base.publishedDateTime === null && isBlank(data.publishedDateTime)) {
    const fromName = dateFromFileName(context.id);
    if (fromName) {
      base.publishedDateTime = fromName;
      log.add('publishedDateTime', 'date-from-filename', null);
    }
  }
  const article: Article = {
    id: context.id,
    path: context.path,
    ...base,
    title: base.title ?? '',
    related: related(data.related, log, context.taxonomy),
    encoding: context.encoding ?? 'utf-8',
    fixes: log.fixes,
  };
  if (context.body !== undefined) article.body = context.body;
  return article;
}
