// Formatters for one article in full (`feedtool show`): the view for people, JSON, raw front matter.
import { relativeTime } from '../core/dates.js';
import { groupDigits } from '../core/count.js';
import { clusters, displayWidth, sanitizeForTerminal, sanitizePathForTerminal, showInvisible, sliceWhole, truncate } from '../core/text.js';
import type { Article, Fix, Image, RelatedArticle } from '../core/types.js';
import { escapeJsonControls, fieldText } from './fields.js';
import type { Palette } from './palette.js';
import { renderTable, type Column } from './table.js';

export interface ArticleViewOptions {
  /** Terminal columns to fit the view to. */
  width: number;
  palette: Palette;
  /** The time "3 days ago" is counted from. */
  now: Date;
}

const MIN_WIDTH = 40;
const LABEL_WIDTH = 13;
const INDENT = '  ';
const MAX_EXTRA_KEY_WIDTH = 24;
// Values are cut to this many characters before any measuring, so a huge value costs nothing.
const PRE_CUT = 2000;
// The title and excerpt are shown whole up to this many characters (some 250 lines at 80 columns).
const LONG_CUT = 20_000;

/** Sanitises untrusted text for the terminal and caps its length, ending a cut text with `…`. */
function clean(text: string): string {
  return text.length > PRE_CUT ? `${sanitizeForTerminal(sliceWhole(text, 0, PRE_CUT))}…` : sanitizeForTerminal(text);
}

/** clean for the title and excerpt: a longer cap, and a cut that says how much is left out. */
function cleanLong(text: string): string {
  if (text.length <= LONG_CUT) return sanitizeForTerminal(text);
  const shown = sliceWhole(text, 0, LONG_CUT);
  return `${sanitizeForTerminal(shown)}… (${groupDigits(text.length - shown.length)} more characters: --format json shows them all)`;
}

function splitLongWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  // Not Intl.Segmenter: on Node 20 it takes time growing with the square of a word's length.
  for (const segment of clusters(word)) {
    const w = displayWidth(segment);
    if (used + w > width && piece !== '') {
      pieces.push(piece);
      piece = '';
      used = 0;
    }
    piece += segment;
    used += w;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/** Word-wraps text to lines of at most `width` columns; words wider than a line are split. */
export function wrapText(text: string, width: number): string[] {
  const max = Math.max(1, Math.floor(width));
  const lines: string[] = [];
  let line = '';
  let used = 0;
  // Not at a no-break space (`10\u202F€` stays together), which \s would take for a break.
  for (const word of text.split(/[\t\n\v\f\r \u2028\u2029]+/).filter((w) => w !== '')) {
    const w = displayWidth(word);
    if (line !== '' && used + 1 + w <= max) {
      line += ` ${word}`;
      used += 1 + w;
      continue;
    }
    if (line !== '') lines.push(line);
    if (w <= max) {
      line = word;
      used = w;
      continue;
    }
    const pieces = splitLongWord(word, max);
    line = pieces.pop() ?? '';
    used = displayWidth(line);
    lines.push(...pieces);
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Describes a quality or heat score; -1 is how real feeds say "unknown". */
export function scoreText(score: number | null): string {
  if (score === null) return 'unknown';
  return score === -1 ? 'unknown (-1)' : String(score);
}

/** A stored ISO time without a zero millisecond part: `2023-10-16T09:00:00Z`. */
export function shortIso(iso: string): string {
  return iso.replace(/\.000Z$/, 'Z');
}

/** The date line: ISO time and how long ago it was relative to `now`. */
export function dateText(iso: string | null, now: Date): string {
  if (iso === null) return 'unknown';
  return `${shortIso(iso)} (${relativeTime(iso, now)})`;
}

function providerText(provider: Article['provider']): string {
  const parts = [provider.name, provider.domain].filter((part): part is string => part !== null && part !== '');
  if (parts.length === 2 && parts[0]!.toLowerCase() === parts[1]!.toLowerCase()) parts.pop();
  return parts.length > 0 ? parts.join(' · ') : 'unknown';
}

function imageText(image: Image): string {
  const size = image.width !== null && image.height !== null ? `  ${image.width}×${image.height}` : '';
  return `${clean(image.url ?? '(no url)')}${size}`;
}

/** A value as compact text for one line: strings as they are, anything else as JSON. */
function valueText(value: unknown): string {
  if (typeof value === 'string') return value.length > PRE_CUT ? sliceWhole(value, 0, PRE_CUT) : value;
  return fieldText(value);
}

/**
 * A value of a key feedtool does not model, so that no two look alike: `null` for null and YAML's
 * `.inf`/`.nan` (as JSON holds them), a list as JSON, text that would read as another value
 * JSON-quoted, other text as it is.
 */
function extraValueText(value: unknown): string {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return 'null';
  if (typeof value === 'string') return READS_AS_OTHER.test(value) ? quotedJson(value) : valueText(value);
  // A list is shown as JSON: joined with `; ` it would read as text, or one item as the item.
  if (Array.isArray(value)) return quotedJson(value);
  return valueText(value);
}

// A value as JSON (which writes .inf and .nan as null), with what prints as nothing or a space
// (`\u00a0`) and C1 controls written as escapes, cut to one line.
function quotedJson(value: unknown): string {
  return valueText(showInvisible(escapeJsonControls(JSON.stringify(value))));
}

// Text that, shown as it is, would read as another value (`null`, `""`, `true`, `42`, JSON) or
// hide what it holds (spaces at an end, a tab, a no-break or other invisible space, a backslash
// that would read as an escape, a control character): shown JSON-quoted instead.
const READS_AS_OTHER = /^(?:null|true|false|-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[[{"].*|.*[[\]{}]$|)$|^\s|\s$|[\\\x00-\x1f\x7f-\x9f\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u2060\ufeff]/s;

/** How a fixed value looked in the file, quoted so spaces and case are visible (JSON's `\u009b` for a control, as in the rest of the quote). */
function beforeText(before: unknown): string {
  const value = typeof before === 'string' && before.length > PRE_CUT ? sliceWhole(before, 0, PRE_CUT) : before;
  try {
    const json = JSON.stringify(value);
    return json === undefined ? String(value) : escapeJsonControls(json);
  } catch {
    return fieldText(value);
  }
}

/** One `Label  value` line (or several, wrapped with a hanging indent). Values are plain text. */
function labelled(label: string, value: string, options: ArticleViewOptions & { wrap?: boolean; colour?: (t: string) => string }): string[] {
  const p = options.palette;
  const colour = options.colour ?? ((t: string) => t);
  const pad = (text: string) => text + ' '.repeat(Math.max(1, LABEL_WIDTH - displayWidth(text)));
  const valueWidth = Math.max(10, options.width - LABEL_WIDTH);
  const lines = options.wrap === false ? [value] : wrapText(value, valueWidth);
  if (lines.length === 0) lines.push('');
  return lines.map((line, i) => (i === 0 ? p.dim(pad(label)) : ' '.repeat(LABEL_WIDTH)) + (line === '' ? '' : colour(line)));
}

// Columns no related item fills are left out, and at narrow widths quality, then provider, then the
// date give way rather than print a header cut short; a quality is never cut (one cut short
// reads as another number).
function relatedTable(related: readonly RelatedArticle[], options: ArticleViewOptions): string[] {
  const columns: Column[] = [
    { header: 'DATE', min: 10, max: 10, whole: true, colour: (p, t) => p.dim(t), dropRank: 1 },
    { header: 'TITLE', flex: true, min: 16 },
    { header: 'PROVIDER', min: 8, max: 22, colour: (p, t) => p.cyan(t), dropRank: 2 },
    { header: 'QUALITY', align: 'right', min: 24, max: 24, dropRank: 3 },
  ];
  const rows = related.map((item) => [
    item.publishedDateTime?.slice(0, 10) ?? '',
    valueText(item.title ?? item.url ?? ''),
    valueText(item.provider.name ?? item.provider.domain ?? ''),
    item.quality === null ? '' : String(item.quality),
  ]);
  const kept = columns.map((_, i) => i).filter((i) => columns[i]!.flex || rows.some((row) => row[i] !== ''));
  return indentBlock(
    renderTable(
      kept.map((i) => columns[i]!),
      rows.map((row) => kept.map((i) => row[i]!)),
      options.width - INDENT.length,
      options.palette,
    ),
  );
}

function fixesTable(fixes: readonly Fix[], options: ArticleViewOptions): string[] {
  const columns: Column[] = [
    { header: 'FIELD', min: 5, max: 28 },
    { header: 'CHANGE', min: 6, max: 20, colour: (p, t) => p.yellow(t) },
    { header: 'IN THE FILE', flex: true, min: 10 },
  ];
  const rows = fixes.map((fix) => [fix.field, fix.kind, beforeText(fix.before)]);
  return indentBlock(renderTable(columns, rows, options.width - INDENT.length, options.palette));
}

const MODELLED_PROVIDER_KEYS = new Set(['name', 'domain']);
const MODELLED_IMAGE_KEYS = new Set(['url', 'width', 'height']);

/**
 * The keys feedtool does not model, so "Other fields" shows the article whole, labelled: the
 * file's own top-level keys, then those of its provider (`provider.logo`) and of each image in the
 * record (`images[0].caption`). A related article's own keys are in `--format json`.
 */
function otherFields(article: Article): Array<[label: string, value: unknown]> {
  const other: Array<[string, unknown]> = [];
  for (const key of Object.keys(article.extra)) other.push([keyLabel(key), article.extra[key]]);
  for (const key of Object.keys(article.provider)) if (!MODELLED_PROVIDER_KEYS.has(key)) other.push([`provider.${keyLabel(key)}`, article.provider[key]]);
  article.images.forEach((image, index) => {
    for (const key of Object.keys(image)) if (!MODELLED_IMAGE_KEYS.has(key)) other.push([`images[${index}].${keyLabel(key)}`, image[key]]);
  });
  return other;
}

// A key as its label shows it, JSON-quoted when it would read as another: empty or with spaces at
// an end (`""`, `" "`), holding `.` or `[`, which would read as a path (`"provider.logo"` is the
// file's own key, `provider.logo` its provider's), or a quote, backslash or control (`"a\tb"`).
function keyLabel(key: string): string {
  return key === '' || /^\s|\s$|[.["\\\x00-\x1f\x7f-\x9f]/.test(key) ? escapeJsonControls(JSON.stringify(key)) : key;
}

function extraLines(entries: ReadonlyArray<[label: string, value: unknown]>, options: ArticleViewOptions): string[] {
  const labels = entries.map(([label]) => truncate(sanitizePathForTerminal(sliceWhole(label, 0, PRE_CUT)), MAX_EXTRA_KEY_WIDTH));
  let labelWidth = 0;
  for (const label of labels) labelWidth = Math.max(labelWidth, displayWidth(label));
  const valueWidth = Math.max(10, options.width - INDENT.length - labelWidth - 2);
  return entries.map(([, value], i) => {
    const label = labels[i]!;
    const text = truncate(clean(extraValueText(value)), valueWidth);
    return `${INDENT}${options.palette.dim(label)}${' '.repeat(labelWidth - displayWidth(label) + 2)}${text}`;
  });
}

function indentBlock(block: string): string[] {
  return block.replace(/\n$/, '').split('\n').map((line) => (line === '' ? line : INDENT + line));
}

function section(title: string, lines: string[], palette: Palette): string[] {
  return lines.length === 0 ? [] : ['', palette.bold(title), ...lines];
}

/**
 * The view of one article for people: headline, facts, excerpt, images, related articles, fixes,
 * other front-matter keys and the body. Every untrusted string is sanitised before it is coloured.
 */
export function formatArticleView(article: Article, viewOptions: ArticleViewOptions): string {
  const options = { ...viewOptions, width: Math.max(MIN_WIDTH, Math.floor(viewOptions.width)) };
  const p = options.palette;
  const lines: string[] = wrapText(cleanLong(article.title), options.width).map((line) => p.bold(line));
  lines.push('');
  lines.push(...labelled('Provider', clean(providerText(article.provider)), { ...options, colour: p.cyan }));
  lines.push(...labelled('Published', dateText(article.publishedDateTime, options.now), options));
  lines.push(...labelled('URL', clean(article.url ?? 'none'), { ...options, wrap: false, colour: p.underline }));
  if (article.webUrl !== null && article.webUrl !== article.url) {
    lines.push(...labelled('Web URL', clean(article.webUrl), { ...options, wrap: false }));
  }
  if (article.originalUrl !== null && article.originalUrl !== article.url) {
    lines.push(...labelled('Original URL', clean(article.originalUrl), { ...options, wrap: false }));
  }
  const topics = article.topics.length > 0 ? article.topics.map((topic) => clean(topic)).join('; ') : 'none';
  lines.push(...labelled('Topics', topics, { ...options, colour: p.magenta }));
  lines.push(...labelled('Quality', scoreText(article.quality), options));
  lines.push(...labelled('Heat', scoreText(article.heat), options));
  if (article.category !== null) lines.push(...labelled('Category', clean(article.category), options));
  if (article.type !== null) lines.push(...labelled('Type', clean(article.type), options));
  if (article.published !== null) lines.push(...labelled('Status', article.published ? 'published' : 'not published', options));
  lines.push(...labelled('File', clean(sanitizePathForTerminal(article.path)), { ...options, wrap: false }));
  if (article.encoding !== 'utf-8') lines.push(...labelled('Encoding', article.encoding, options));

  if (article.excerpt !== null && article.excerpt !== '') lines.push('', ...wrapText(cleanLong(article.excerpt), options.width));
  lines.push(...section('Images', article.images.map((image) => INDENT + imageText(image)), p));
  if (article.related.length > 0) lines.push(...section('Related articles', relatedTable(article.related, options), p));
  if (article.fixes.length > 0) lines.push(...section('Fixes applied while reading', fixesTable(article.fixes, options), p));
  const other = otherFields(article);
  if (other.length > 0) lines.push(...section('Other fields', extraLines(other, options), p));
  const body = article.body?.replace(/^\s*\n/, '').trimEnd() ?? '';
  if (body !== '') lines.push(...section('Body', [sanitizeForTerminal(body, { keepNewlines: true, keepWordBreaks: true })], p));
  return lines.join('\n') + '\n';
}

/** The record as pretty-printed JSON (two-space indent), with invisible controls \u-escaped. */
export function formatArticleJson(article: Article): string {
  return escapeJsonControls(JSON.stringify(article, null, 2)) + '\n';
}

/**
 * The front matter as written in the file: from the opening `---` through the end of the closing
 * fence line, line endings untouched. Null when the text does not open with a closed fence.
 * `text` is the decoded file without its BOM; the closing fence is found as parseDocument finds it.
 */
export function rawFrontMatter(text: string): string | null {
  if (!text.startsWith('---') || text.charAt(3) === '-') return null;
  const lineBreak = /\r\n|\r|\n/g;
  let first = true;
  let lineStart = 0;
  for (let match = lineBreak.exec(text); match !== null; match = lineBreak.exec(text)) {
    if (!first && text.startsWith('---', lineStart)) return text.slice(0, match.index + match[0].length);
    first = false;
    lineStart = match.index + match[0].length;
  }
  return !first && text.startsWith('---', lineStart) ? text : null;
}
