// Picking fields out of records by dotted paths (`provider.domain`, `images.0.url`, `extra.utm\.source`).
import { MODELLED_KEYS, setOwn } from '../core/normalise.js';
import { extraFieldNames, fieldSteps } from './field-path.js';
import { replaceAllSafely } from '../core/replace.js';
import { editDistance } from '../core/taxonomy.js';

/** The top-level fields of every article record (`--body` adds `body`). */
export const RECORD_FIELDS: readonly string[] = ['id', 'path', ...MODELLED_KEYS, 'url', 'extra', 'encoding', 'fixes'];

/**
 * What a record holds where a dotted path leads: one value (no path goes below it), a list of
 * values (below it only an item's number), an object whose keys are known (`open` when the file
 * may add its own keys beside them, as in `provider`), a list of such items, or anything (a
 * file's own keys).
 */
type Shape = 'value' | 'values' | 'free' | { readonly keys: Readonly<Record<string, Shape>>; readonly open: boolean } | { readonly item: Shape };

const PROVIDER_SHAPE: Shape = { keys: { name: 'value', domain: 'value' }, open: true };
// An image's caption and title are cleaned as text; its other keys are the file's own.
const IMAGE_SHAPE: Shape = { item: { keys: { url: 'value', width: 'value', height: 'value', caption: 'value', title: 'value' }, open: true } };
const ARTICLE_FIELDS: Readonly<Record<string, Shape>> = {
  title: 'value', excerpt: 'value', category: 'value', type: 'value', publishedDateTime: 'value', originalUrl: 'value',
  webUrl: 'value', ampWebUrl: 'value', cdnAmpWebUrl: 'value', url: 'value', quality: 'value', heat: 'value',
  published: 'value', provider: PROVIDER_SHAPE, topics: 'values', images: IMAGE_SHAPE, extra: 'free',
};
// A related entry's own keys go to its `extra`, a fix and rank's additions have fixed keys.
const RECORD_SHAPE: Shape = {
  keys: {
    ...ARTICLE_FIELDS,
    id: 'value', path: 'value', encoding: 'value', body: 'value', rank: 'value', score: 'value', log2Score: 'value',
    related: { item: { keys: ARTICLE_FIELDS, open: false } },
    fixes: { item: { keys: { field: 'value', kind: 'value', before: 'free' }, open: false } },
    scoreParts: { keys: { base: 'value', ageHours: 'value', decay: 'value', providers: 'value', coverageBonus: 'value' }, open: false },
    duplicates: {
      item: { keys: { id: 'value', path: 'value', provider: { keys: { name: 'value', domain: 'value' }, open: false }, publishedDateTime: 'value' }, open: false },
    },
  },
  // Top-level names are checked against the command's own list first.
  open: true,
};

const INDEX = /^\d+$/;
const ITEM_NUMBER = /^(?:0|[1-9]\d*)$/;

// Why a path cannot lead anywhere in a record (`provider.name.x`, `topics.x`, `related.titel`), or null.
function pathBelowValue(field: string, steps: readonly string[]): string | null {
  let shape: Shape = RECORD_SHAPE;
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index]!;
    const above = steps.slice(0, index).join('.');
    if (shape === 'free') return null;
    if (shape === 'value') return `--fields ${field}: '${above}' holds one value, with no fields below it`;
    const list = shape === 'values' || 'item' in shape;
    if (list && INDEX.test(step) && !ITEM_NUMBER.test(step)) return `--fields ${field}: item numbers have no leading zeros (${above}.${Number(step)})`;
    if (shape === 'values') {
      if (INDEX.test(step) && index === steps.length - 1) return null;
      return `--fields ${field}: '${above}' is a list of values; below it only an item's number (${above}.0)`;
    }
    // Through a list, a step that is not a number is read in each item (`related.title`).
    if ('item' in shape) {
      shape = shape.item;
      if (INDEX.test(step)) continue;
      if (typeof shape === 'string' || 'item' in shape) {
        index--;
        continue;
      }
    }
    if (Object.hasOwn(shape.keys, step)) shape = shape.keys[step]!;
    else if (shape.open) shape = 'free';
    else return `--fields ${field}: '${above}' has no field '${step}'${didYouMean(step, Object.keys(shape.keys))}; its fields are ${Object.keys(shape.keys).join(', ')}`;
  }
  return null;
}

/**
 * Why a `--fields` list cannot be shown, or null: a field no record has (a typo would otherwise
 * give an empty column), one only an option adds (`optional` maps it to that option, when the
 * option is off), or a path below a field that holds a single value (`title.x`,
 * `provider.name.x`). Below the fields that hold objects are the file's own keys, free.
 */
export function fieldsProblem(fields: readonly string[], known: readonly string[], optional: Readonly<Record<string, string>> = {}): string | null {
  for (const field of fields) {
    const steps = fieldSteps(field);
    const top = steps[0]!;
    for (let depth = 1; depth <= steps.length; depth++) {
      const above = steps.slice(0, depth).join('.');
      if (Object.hasOwn(optional, above)) return `--fields ${field}: '${above}' is only there with ${optional[above]}`;
    }
    if (!known.includes(top)) {
      // The table's own headers (`DATE`) and a key of the file's own (under `extra`) are what people type.
      const hint = FIELD_OF_HEADER[top.toLowerCase()] ?? '';
      const suggestion = hint !== '' && known.includes(hint) ? ` (did you mean '${hint}'?)` : didYouMean(top, known);
      const extra = suggestion === '' && known.includes('extra') ? `; a key of the file's own is under extra: ${extraFieldNames(field)}` : '';
      return `--fields ${field}: no field '${top}'${suggestion}; fields are ${known.join(', ')} (and their dotted paths, e.g. provider.domain)${extra}`;
    }
    const below = pathBelowValue(field, steps);
    if (below) return below;
  }
  return null;
}

// The default table's headers that are not field names, and the names feeds give the date, with the field each means.
const FIELD_OF_HEADER: Readonly<Record<string, string>> = Object.fromEntries(
  ['date', 'pubdate', 'publishdate', 'published_date', 'publisheddate', 'publishedat', 'published_at', 'datepublished', 'date_published', 'publisheddatetime'].map((name) => [name, 'publishedDateTime']),
);

// ` (did you mean 'title'?)` for a name that differs from one known name only in case, or by a
// few edits (two, so a swap like `titel` counts; three in a name of 12 letters or more), when
// no other name is as close; '' otherwise.
function didYouMean(name: string, known: readonly string[]): string {
  const lower = name.toLowerCase();
  let best = known.find((candidate) => candidate.toLowerCase() === lower);
  if (best === undefined) {
    const limit = name.length < 3 ? 0 : name.length < 12 ? 2 : 3;
    let bestDistance = limit + 1;
    let tied = false;
    for (const candidate of known) {
      const distance = editDistance(lower, candidate.toLowerCase(), bestDistance);
      if (distance < bestDistance) [best, bestDistance, tied] = [candidate, distance, false];
      else if (distance === bestDistance && best !== undefined) tied = true;
    }
    if (tied) best = undefined;
  }
  return best === undefined ? '' : ` (did you mean '${best}'?)`;
}

/**
 * Reads a dotted path from a value; undefined when any step is missing. A single value the path
 * goes below (`extra.name.x` where `name: Bob`) is read as it is, as project() keeps it.
 */
export function getPath(value: unknown, dotted: string): unknown {
  return valueAt(value, fieldSteps(dotted), 0);
}

// Through a list the rest of the path is read in each item (`related.title`: every related title).
function valueAt(current: unknown, steps: readonly string[], from: number): unknown {
  if (from === steps.length || current === null || (current !== undefined && typeof current !== 'object')) return current;
  if (Array.isArray(current) && !INDEX.test(steps[from]!)) return current.flatMap((item) => valueAt(item, steps, from));
  const step = steps[from]!;
  if (current === null || typeof current !== 'object' || !Object.hasOwn(current, step)) return undefined;
  return valueAt((current as Record<string, unknown>)[step], steps, from + 1);
}

/**
 * Builds a nested object holding only the given dotted paths of a record, so that every path
 * reads the same in it as in the record. A list stays a list: a step that is not a number is
 * read in each item (`related.title` gives `related: [{ title }, …]`); a number picks one item,
 * the items before it that nothing picks being null (`images.1.url` gives
 * `images: [null, { url }]`). A missing value is null; a missing item is left out.
 */
export function project(record: object, paths: readonly string[]): Record<string, unknown> {
  return projectSteps(record, paths.map(fieldSteps)) as Record<string, unknown>;
}

function projectSteps(value: unknown, paths: ReadonlyArray<readonly string[]>): unknown {
  if (paths.some((steps) => steps.length === 0)) return value === undefined ? null : value;
  // A single value (`"Bob"`, null) stays as it is: a path below it reads nothing there, as in the record.
  if (value !== undefined && (value === null || typeof value !== 'object')) return value;
  if (Array.isArray(value)) return projectItems(value, paths);
  // Only item numbers below a value that is missing: a list with no such items.
  if (value === undefined && paths.every(([step]) => INDEX.test(step!))) return [];
  const source = value !== undefined ? (value as Record<string, unknown>) : null;
  const byStep = new Map<string, Array<readonly string[]>>();
  for (const [step, ...rest] of paths) {
    const group = byStep.get(step!);
    if (group) group.push(rest);
    else byStep.set(step!, [rest]);
  }
  const out: Record<string, unknown> = {};
  for (const [step, rests] of byStep) setOwn(out, step, projectSteps(source && Object.hasOwn(source, step) ? source[step] : undefined, rests));
  return out;
}

function projectItems(items: readonly unknown[], paths: ReadonlyArray<readonly string[]>): unknown[] {
  const everyItem = paths.filter(([step]) => !INDEX.test(step!));
  let length = everyItem.length > 0 ? items.length : 0;
  if (everyItem.length === 0) {
    for (const [step] of paths) if (Object.hasOwn(items, step!)) length = Math.max(length, Number(step) + 1);
  }
  const out: unknown[] = [];
  for (let i = 0; i < length; i++) {
    const key = String(i);
    const picked = paths.filter(([step]) => step === key).map(([, ...rest]) => rest);
    if (picked.length === 0 && everyItem.length === 0) out.push(null);
    else out.push(projectSteps(items[i], [...everyItem, ...picked]));
  }
  return out;
}

/** Renders a field value as one line of text: lists joined with "; ", objects as JSON. */
export function fieldText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) {
    return value.map((item) => fieldText(item)).join('; ');
  }
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '[unprintable]';
  }
}

// Characters JSON.stringify leaves raw that a terminal or an editor may act on: DEL, C1, line
// separators and bidi controls. Written as \u escapes they still parse to the same string.
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const JSON_UNSAFE_TEST = new RegExp(JSON_UNSAFE.source);

// True when JSON bytes hold an escape of half a surrogate pair (see escapeJsonControls).
function holdsSurrogateEscape(bytes: Buffer): boolean {
  for (let i = bytes.indexOf('\\ud'); i !== -1; i = bytes.indexOf('\\ud', i + 1)) {
    const digit = bytes[i + 3]!;
    if (!((digit >= 0x38 && digit <= 0x39) || (digit >= 0x61 && digit <= 0x66))) continue;
    let backslashes = 0;
    while (i - 1 - backslashes >= 0 && bytes[i - 1 - backslashes] === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return true;
  }
  return false;
}

/** True when UTF-8 bytes encode a character JSON_UNSAFE matches (DEL, C1, U+061C, U+200E/F, U+2028–U+202E, U+2066–U+2069), or hold a surrogate escape. */
export function holdsJsonUnsafeBytes(bytes: Buffer): boolean {
  if (bytes.indexOf(0x7f) !== -1) return true;
  if (holdsSurrogateEscape(bytes)) return true;
  // 0xC2, 0xD8 and 0xE2 only ever lead a sequence, so each hit is the start of a character.
  for (let i = bytes.indexOf(0xc2); i !== -1; i = bytes.indexOf(0xc2, i + 1)) {
    const next = bytes[i + 1]!;
    if (next >= 0x80 && next <= 0x9f) return true;
  }
  for (let i = bytes.indexOf(0xd8); i !== -1; i = bytes.indexOf(0xd8, i + 1)) {
    if (bytes[i + 1] === 0x9c) return true;
  }
  for (let i = bytes.indexOf(0xe2); i !== -1; i = bytes.indexOf(0xe2, i + 1)) {
    const second = bytes[i + 1];
    const third = bytes[i + 2]!;
    if (second === 0x80 && (third === 0x8e || third === 0x8f || (third >= 0xa8 && third <= 0xae))) return true;
    if (second === 0x81 && third >= 0xa6 && third <= 0xa9) return true;
  }
  return false;
}

// JSON.stringify writes half a surrogate pair alone as an escape (`\ud83d`), which jq and other
// strict parsers refuse: it is no character. An escape preceded by an even number of
// backslashes is one (after an odd number, it is the text `\ud83d`).
const LONE_SURROGATE_ESCAPE = /(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g;

/**
 * Escapes, in JSON text, the invisible controls JSON.stringify leaves raw (the JSON parses to the
 * same value), and writes half a surrogate pair alone as U+FFFD, as UTF-8 output does.
 */
export function escapeJsonControls(json: string): string {
  const escaped = JSON_UNSAFE_TEST.test(json) ? replaceAllSafely(json, JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
  return escaped.includes('\\ud') ? replaceAllSafely(escaped, LONE_SURROGATE_ESCAPE, (_escape, backslashes) => `${backslashes}\\ufffd`) : escaped;
}
