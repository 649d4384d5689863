// Rewrites the text fields normalisation repairs (validate --fix) in a document's own text. Pure: no I/O.
//
// Only the repaired values change: each is replaced where it is written, everything else (other
// fields, comments, key order, the body) stays byte for byte. The result is read back and must
// load as exactly the old front matter with just those values changed, or nothing is rewritten.
import { EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, type Event } from 'js-yaml';
import { resolvePlain } from './fastyaml.js';
import { blockHeader, splitPath } from './locate.js';
import { isMapping, textFixTargets, type Mapping, type TextRepair } from './normalise.js';
import { parseDocument, type ParsedDocument } from './parse.js';
import { unicodeEscape } from './text.js';
import type { FixKind } from './types.js';
import { DEFAULT_YAML_LIMITS, type YamlLimits } from './yaml.js';

/** Where one scalar is written in the YAML text: [start, end) covers its quotes or block header too. */
export interface ScalarSpan {
  start: number;
  end: number;
  style: 'plain' | 'single' | 'double' | 'block';
  /** The anchor the scalar carries (`&name`), whose aliases read the same value. */
  anchor?: string;
}

/** A repair --fix makes: the field, its old value, the repaired value written in its place, the kinds of repair. */
export type Repair = TextRepair & { after: string };

/** A field normalisation would repair that --fix leaves as it is, and why. */
export interface FieldLeft {
  field: string;
  reason: string;
}

export type DocumentFix =
  /** The repaired text, the fields rewritten, and the repairable fields left alone. */
  | { kind: 'fixed'; text: string; fixed: Repair[]; left: FieldLeft[] }
  /** Nothing was rewritten: nothing to repair, or only fields that cannot be (`left`). */
  | { kind: 'unchanged'; left: FieldLeft[] }
  /** The document cannot be rewritten safely at all. */
  | { kind: 'refused'; reason: string };

/** The kinds of repair a fixable rule reports (the rules' ids). */
export const FIXABLE_KINDS: ReadonlySet<FixKind> = new Set<FixKind>(['mojibake', 'html-entity', 'control-character', 'whitespace', 'unicode-nfc']);

export interface FixOptions {
  /** The kinds of repair to make (default FIXABLE_KINDS); a field needing others too is repaired only if its reading stays the same. */
  kinds?: ReadonlySet<FixKind>;
  limits?: YamlLimits;
}

/**
 * The span of every scalar in block or flow YAML by field path (`provider.name`,
 * `related[0].title`, `topics[1]`); null when the text does not parse. Scalars under aliases
 * have no span of their own: `aliases`, when given, gets the path of each alias and its anchor's name.
 */
export function scalarSpans(yaml: string, maxDepth = DEFAULT_YAML_LIMITS.maxDepth, aliases?: Map<string, string>): Map<string, ScalarSpan> | null {
  let events: Event[];
  try {
    events = parseEvents(yaml, { maxDepth });
  } catch {
    return null;
  }
  const spans = new Map<string, ScalarSpan>();
  let index = 0;
  const visit = (path: string): void => {
    const event = events[index++];
    if (!event) return;
    if (event.type === EVENT_ID.SCALAR) {
      const span = spanOf(yaml, event);
      if (span && event.anchorStart >= 0) span.anchor = yaml.slice(event.anchorStart, event.anchorEnd);
      if (span && !spans.has(path)) spans.set(path, span);
    } else if (event.type === EVENT_ID.ALIAS) {
      if (aliases && !aliases.has(path)) aliases.set(path, yaml.slice(event.anchorStart, event.anchorEnd));
    } else if (event.type === EVENT_ID.SEQUENCE) {
      for (let item = 0; index < events.length && events[index]!.type !== EVENT_ID.POP; item++) visit(`${path}[${item}]`);
      index++;
    } else if (event.type === EVENT_ID.MAPPING) {
      while (index < events.length && events[index]!.type !== EVENT_ID.POP) {
        const keyEvent = events[index]!;
        const key = keyEvent.type === EVENT_ID.SCALAR ? getScalarValue(yaml, keyEvent) : null;
        skip();
        // A key that is not a string (a mapping as key, an alias), or that holds a path's own
        // punctuation (a literal `provider.name` key), gets no path.
        visit(key === null || /[.[\]\0]/.test(key) ? '\0' : path === '' ? key : `${path}.${key}`);
      }
      index++;
    }
  };
  const skip = (): void => {
    let depth = 0;
    do {
      const event = events[index++];
      if (!event) return;
      if (event.type === EVENT_ID.SEQUENCE || event.type === EVENT_ID.MAPPING) depth++;
      else if (event.type === EVENT_ID.POP) depth--;
    } while (depth > 0);
  };
  while (index < events.length) {
    if (events[index++]!.type === EVENT_ID.DOCUMENT) {
      visit('');
      break;
    }
  }
  return spans;
}

// The anchor whose alias a field is read through (at the field, or at a mapping or list above it), if any.
function aliasAnchorOf(field: string, aliases: ReadonlyMap<string, string>): string | undefined {
  for (const [at, anchor] of aliases) {
    if (field === at || field.startsWith(`${at}.`) || field.startsWith(`${at}[`)) return anchor;
  }
  return undefined;
}

// Why a value with no place of its own is left: read through an alias (at the field, or at a
// mapping or list above it) whose anchored value could not be mended with it, or else written
// where no place is known for it (a block scalar with a comment on its `|`/`>` line).
function unplacedReason(field: string, aliases: ReadonlyMap<string, string>): string {
  const anchor = aliasAnchorOf(field, aliases);
  if (anchor !== undefined) return `it is read through the YAML alias *${anchor}, and the value &${anchor} holds could not be mended with it`;
  return 'its value is not written where it is read (a comment on its block\'s | or > line)';
}

/** The names of the anchors something in the YAML reads through an alias (`*name`). */
export function aliasedAnchors(yaml: string, maxDepth = DEFAULT_YAML_LIMITS.maxDepth): Set<string> {
  const names = new Set<string>();
  try {
    for (const event of parseEvents(yaml, { maxDepth })) {
      if (event.type === EVENT_ID.ALIAS) names.add(yaml.slice(event.anchorStart, event.anchorEnd));
    }
  } catch {
    // Text that does not parse has no spans either: nothing is rewritten.
  }
  return names;
}

function spanOf(yaml: string, event: Extract<Event, { type: typeof EVENT_ID.SCALAR }>): ScalarSpan | null {
  const { valueStart, valueEnd, style } = event;
  if (valueStart < 0 || valueEnd < valueStart) return null;
  if (style === SCALAR_STYLE.PLAIN) return { start: valueStart, end: valueEnd, style: 'plain' };
  if (style === SCALAR_STYLE.SINGLE_QUOTED || style === SCALAR_STYLE.DOUBLE_QUOTED) {
    const single = style === SCALAR_STYLE.SINGLE_QUOTED;
    const quote = single ? "'" : '"';
    if (yaml[valueStart - 1] !== quote || yaml[valueEnd] !== quote) return null;
    return { start: valueStart - 1, end: valueEnd + 1, style: single ? 'single' : 'double' };
  }
  // A block scalar: from its `|` or `>` header to the end of its last line, not the line break.
  const header = blockHeader(yaml, valueStart);
  // A comment on the header line would be lost with it.
  if (!header || header.comment) return null;
  let end = valueEnd;
  while (end > header.lineEnd && yaml[end - 1] === '\n') end--;
  return { start: header.indicator, end: Math.max(end, header.lineEnd), style: 'block' };
}

// Plain scalars are kept plain only when they start with a letter and hold nothing YAML could
// read otherwise, in a block or a flow, under YAML 1.2 or 1.1 (whose readers take `yes`, `on`,
// `1_000` and dates as other types): the other tools reading the same files must read a string too.
const SAFE_PLAIN = /^[A-Za-z\u00c0-\uffff](?:[^\s#,[\]{}:]| (?=[^\s#]))*$/;
const YAML11_WORDS = /^(?:y|yes|n|no|true|false|on|off|null|nan|inf)$/i;
// Written as escapes: controls, and characters that print as nothing, as a plain space or turn text
// around (a partial repair can leave them: a decoded `&#x202E;` with control-character off), so
// the file shows what it holds; and U+FFFE/U+FFFF, which YAML 1.1 readers refuse raw. ZWJ and ZWNJ
// stay raw: emoji sequences and Persian and Indic text need them.
const NEEDS_ESCAPE = /[\x00-\x08\x0b-\x1f\x7f-\xa0\xad\u061c\u1680\u180e\u2000-\u200b\u200e\u200f\u2028-\u202f\u205f-\u206f\ufeff\ufff9-\uffff]/;
const ESCAPED = new RegExp(NEEDS_ESCAPE.source, 'g');
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * A string as a YAML scalar in the style it had (`keep`) where that style can hold it plainly:
 * plain when unambiguous, single-quoted when nothing needs escaping; else double-quoted (JSON's
 * escapes are YAML's). Without `keep`, always double-quoted.
 */
export function yamlScalar(value: string, keep?: ScalarSpan['style']): string {
  // A lone surrogate (from a `\ud800` escape) has no UTF-8 form: only JSON's escape keeps it.
  const writable = !NEEDS_ESCAPE.test(value) && !LONE_SURROGATE.test(value);
  if (keep === 'plain' && writable && SAFE_PLAIN.test(value) && !YAML11_WORDS.test(value) && resolvePlain(value) === value) return value;
  if (keep === 'single' && writable) return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value).replace(ESCAPED, unicodeEscape);
}

/** Same data: the same keys in the same order, the same values (NaN equal to NaN). */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  if (!isMapping(a) || !isMapping(b) || Array.isArray(b)) return false;
  const keys = Object.keys(a);
  const others = Object.keys(b);
  return keys.length === others.length && keys.every((key, i) => key === others[i] && sameData(a[key], b[key]));
}

/** Sets a field path in data; false when the path is not there. */
function setPath(data: unknown, field: string, value: string): boolean {
  const segments = splitPath(field);
  let node = data;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i]!;
    if (typeof segment === 'number') {
      if (!Array.isArray(node)) return false;
      node = node[segment];
    } else {
      if (!isMapping(node) || !Object.hasOwn(node, segment)) return false;
      node = node[segment];
    }
  }
  const last = segments[segments.length - 1];
  if (typeof last === 'number' ? !Array.isArray(node) : !isMapping(node) || !Object.hasOwn(node, last!)) return false;
  (node as Record<string | number, unknown>)[last!] = value;
  return true;
}


/** Repairs in the order the fields were wanted (the order validate reports them). */
function sortedAsWanted(repairs: readonly Repair[], wanted: readonly TextRepair[]): Repair[] {
  const order = new Map(wanted.map((repair, index) => [repair.field, index]));
  return [...repairs].sort((a, b) => order.get(a.field)! - order.get(b.field)!);
}

/** A mapping is all --fix rewrites in; a front matter that is not one (or will not parse) has nothing to fix. */
function parsedMapping(text: string, limits: YamlLimits): (ParsedDocument & { data: Mapping }) | null {
  const parsed = parseDocument(text, limits);
  return parsed.ok && parsed.hasFrontMatter && isMapping(parsed.data) ? (parsed as ParsedDocument & { data: Mapping }) : null;
}

/**
 * Rewrites the text fields normalisation repairs (mojibake, entities, control characters,
 * whitespace) in a decoded document (no BOM) with their repaired values, and proves the result:
 * it must load as the old front matter with exactly those values changed, and the same body.
 */
export function fixDocumentText(source: string, options: FixOptions = {}): DocumentFix {
  const limits = options.limits ?? DEFAULT_YAML_LIMITS;
  let text = source;
  const crlf = source.includes('\r');
  if (crlf) {
    if (!source.includes('\n')) return { kind: 'refused', reason: 'its lines end in CR alone (old Mac style); only LF and CRLF files are fixed in place' };
    if (/\r(?!\n)|(?<!\r)\n/.test(source)) return { kind: 'refused', reason: 'its line ends are mixed (CRLF and LF or CR)' };
    text = source.replace(/\r\n/g, '\n');
  }
  const parsed = parsedMapping(text, limits);
  if (!parsed) return { kind: 'unchanged', left: [] };
  const wanted = textFixTargets(parsed.data, options.kinds ?? FIXABLE_KINDS);
  if (wanted.length === 0) return { kind: 'unchanged', left: [] };

  const start = text.indexOf('\n');
  if (text.slice(start, start + parsed.frontMatter.length) !== parsed.frontMatter) {
    return { kind: 'refused', reason: 'its front matter could not be found in the text' };
  }
  const aliases = new Map<string, string>();
  const spans = scalarSpans(parsed.frontMatter, limits.maxDepth, aliases);
  if (!spans) return { kind: 'refused', reason: 'its front matter could not be read for places' };
  const left: FieldLeft[] = [];
  const edits: Array<{ span: ScalarSpan; repair: Repair }> = [];
  const unplaced: Repair[] = [];
  for (const repair of wanted) {
    const span = spans.get(repair.field);
    if (repair.after === null) left.push({ field: repair.field, reason: repair.reason ?? 'nothing would be left of it' });
    else if (!span) unplaced.push({ ...repair, after: repair.after });
    else edits.push({ span, repair: { ...repair, after: repair.after } });
  }
  const unplacedLeft = unplaced.map((repair) => ({ field: repair.field, reason: unplacedReason(repair.field, aliases) }));
  if (edits.length === 0) return { kind: 'unchanged', left: [...left, ...unplacedLeft] };
  edits.sort((a, b) => a.span.start - b.span.start);
  const rewrite: Rewrite = { text, start, frontMatter: parsed.frontMatter, body: parsed.body, data: parsed.data, crlf, limits, wanted };
  const fixed = rewriteValues(rewrite, edits, unplaced, left, unplacedLeft);
  if (fixed) return fixed;
  // A value with an anchor changes its aliases too: one read through an alias by a field that
  // is not repaired with it (an unmodelled key, say) makes the whole rewrite read back wrong.
  // Those values are left, and the others fixed.
  const aliased = aliasedAnchors(parsed.frontMatter, limits.maxDepth);
  const anchored = edits.filter((edit) => edit.span.anchor !== undefined && aliased.has(edit.span.anchor));
  const leftFor = (edit: (typeof edits)[number]): FieldLeft => ({
    field: edit.repair.field,
    reason: `it carries the YAML anchor &${edit.span.anchor}, and rewriting it would also change a value read through an alias *${edit.span.anchor}`,
  });
  // An anchored value each of whose aliases is a field repaired to the same value can be
  // rewritten; the others (`note: *t`, a key feedtool does not repair) are left, and the rest fixed.
  const repairedTo = new Map(unplaced.map((repair) => [repair.field, repair.after]));
  const aliasPaths = new Map<string, string[]>();
  for (const [at, anchor] of aliases) aliasPaths.set(anchor, [...(aliasPaths.get(anchor) ?? []), at]);
  const blocked = anchored.filter((edit) => !(aliasPaths.get(edit.span.anchor!) ?? []).every((at) => repairedTo.get(at) === edit.repair.after));
  // The values left, and with them the fields read through their aliases; the fields read
  // through other aliases (a mapping's, an anchor kept) are still expected to change with theirs.
  const without = (leftEdits: ReadonlyArray<(typeof edits)[number]>): DocumentFix | null => {
    const anchors = new Set(leftEdits.map((edit) => edit.span.anchor!));
    const kept = unplaced.filter((repair) => !anchors.has(aliasAnchorOf(repair.field, aliases) ?? ''));
    const dropped = unplaced.filter((repair) => !kept.includes(repair)).map((repair) => ({ field: repair.field, reason: unplacedReason(repair.field, aliases) }));
    const rest = edits.filter((edit) => !leftEdits.includes(edit));
    const leftNow = [...left, ...leftEdits.map(leftFor), ...dropped];
    const keptLeft = kept.map((repair) => ({ field: repair.field, reason: unplacedReason(repair.field, aliases) }));
    if (rest.length === 0) return { kind: 'unchanged', left: [...leftNow, ...keptLeft] };
    return rewriteValues(rewrite, rest, kept, leftNow, keptLeft);
  };
  if (blocked.length > 0 && blocked.length < anchored.length) {
    const partly = without(blocked);
    if (partly) return partly;
  }
  if (anchored.length > 0) {
    const partly = without(anchored);
    if (partly) return partly;
  }
  return { kind: 'refused', reason: 'the rewritten front matter did not read back as the repaired values' };
}

// A deep copy in which nothing is shared (structuredClone keeps a mapping read through two aliases
// one object, so setting a value at one path would also set it at the other, and a proof of the
// rewrite could pass by that alone). Own keys are copied as own data, `__proto__` included.
function unsharedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unsharedCopy);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(copy, key, { value: unsharedCopy((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** A document being fixed: its LF text, where its front matter starts in it, and what it read as. */
interface Rewrite {
  text: string;
  start: number;
  frontMatter: string;
  body: string;
  data: Mapping;
  crlf: boolean;
  limits: YamlLimits;
  wanted: readonly TextRepair[];
}

/**
 * Writes `edits` (sorted by place) into the document and proves the result, or null when it does
 * not read back as the old front matter with just those values changed (and the `unplaced`
 * fields read through aliases of them, or not) and the same body.
 */
function rewriteValues(
  doc: Rewrite,
  edits: ReadonlyArray<{ span: ScalarSpan; repair: Repair }>,
  unplaced: readonly Repair[],
  left: readonly FieldLeft[],
  unplacedLeft: readonly FieldLeft[],
): DocumentFix | null {
  const edited = edits.map((edit) => edit.repair);
  // A field read through an alias of a repaired value is repaired with it: first expect that of
  // every such field, then of none.
  const expectations = unplaced.length > 0 ? [[...edited, ...unplaced], edited] : [edited];
  // First with each value in its own style where that can hold it, then with every value double-quoted.
  for (const keepStyle of [true, false]) {
    // Pieces joined once: splicing each edit into the whole text was quadratic in the number of edits.
    const pieces: string[] = [];
    let at = 0;
    for (const { span, repair } of edits) {
      pieces.push(doc.frontMatter.slice(at, span.start), yamlScalar(repair.after, keepStyle ? span.style : undefined));
      at = span.end;
    }
    pieces.push(doc.frontMatter.slice(at));
    const yaml = pieces.join('');
    const fixed = doc.text.slice(0, doc.start) + yaml + doc.text.slice(doc.start + doc.frontMatter.length);
    const check = parsedMapping(fixed, doc.limits);
    // The text must also survive UTF-8 unchanged (a lone surrogate would become U+FFFD).
    if (!check || check.body !== doc.body || LONE_SURROGATE.test(fixed)) continue;
    for (const repairs of expectations) {
      const expected = unsharedCopy(doc.data) as Mapping;
      if (!repairs.every((repair) => setPath(expected, repair.field, repair.after)) || !sameData(check.data, expected)) continue;
      const allRepaired = repairs.length > edited.length;
      return {
        kind: 'fixed',
        text: doc.crlf ? fixed.replace(/\n/g, '\r\n') : fixed,
        fixed: sortedAsWanted(repairs, doc.wanted),
        left: allRepaired ? [...left] : [...left, ...unplacedLeft],
      };
    }
  }
  return null;
}
