// A fast loader for the small part of YAML that real front matter uses; defers everything else.
//
// Handles block mappings with simple keys, block sequences (also `- key: value` items), single-line
// plain, single-quoted and double-quoted scalars, `[]` and `{}`, whole-line comments and blank
// lines. Scalars resolve exactly as js-yaml's core schema does. Anything else (flow collections,
// block scalars, anchors, aliases, tags, multi-line scalars, trailing comments, duplicate keys,
// tabs in indentation, odd characters) returns DEFER, and the caller uses js-yaml instead, so the
// result is always what js-yaml would return. test/unit/fastyaml.test.ts checks that differentially.

/** Returned when the text is outside the fast subset. */
export const DEFER: unique symbol = Symbol('defer to js-yaml');

export type FastValue = null | boolean | number | string | FastValue[] | { [key: string]: FastValue };
type Value = FastValue;

interface Line {
  indent: number;
  text: string;
  /** 0-based line number in the YAML text. */
  number: number;
}

/** A 0-based line and column in the YAML text. */
export interface TextPlace {
  line: number;
  column: number;
}

class Defer extends Error {}
const defer = (): never => {
  throw new Defer();
};

// Characters js-yaml refuses or treats specially anywhere in a stream.
const SIMPLE_KEY = /^[A-Za-z_$][\w$./-]*$/;
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['true', 'True', 'TRUE']);
const FALSES = new Set(['false', 'False', 'FALSE']);
const INTEGER = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?[0-9]+)$/;
const FLOAT = /^(?:[-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** Resolves a plain scalar exactly as js-yaml's core schema does (null, bool, int, float, string). */
export function resolvePlain(source: string): Value {
  // The null and boolean words are all short; hashing a long excerpt for a set lookup is not free.
  if (source.length <= 5) {
    if (NULLS.has(source)) return null;
    if (TRUES.has(source)) return true;
    if (FALSES.has(source)) return false;
  }
  const first = source.charCodeAt(0);
  // Only digits, sign or dot can start a number.
  if ((first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46) {
    if (INTEGER.test(source)) {
      let body = source;
      let sign = 1;
      if (body[0] === '-' || body[0] === '+') {
        if (body[0] === '-') sign = -1;
        body = body.slice(1);
      }
      const value = body.startsWith('0o')
        ? sign * parseInt(body.slice(2), 8)
        : body.startsWith('0x')
          ? sign * parseInt(body.slice(2), 16)
          : sign * parseInt(body, 10);
      if (Number.isFinite(value)) return value;
    }
    if (FLOAT.test(source)) {
      let body = source.toLowerCase();
      const sign = body[0] === '-' ? -1 : 1;
      if (body[0] === '+' || body[0] === '-') body = body.slice(1);
      if (body === '.inf') return sign === 1 ? Infinity : -Infinity;
      if (body === '.nan') return NaN;
      const value = sign * parseFloat(body);
      if (Number.isFinite(value) || FLOAT_SPECIAL.test(source)) return value;
    }
  }
  return source;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

const INDICATORS = '[]{}#&*!|>%@`,';
// What ends or breaks a one-line plain scalar: `: ` or a final `:` (a mapping), ` #` (a comment).
const PLAIN_STOP = /: | #|:$/;

function onlySpacesAfter(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) if (text.charCodeAt(i) !== 32) return false;
  return true;
}

/** Reads a one-line scalar (quoted or plain) that fills the rest of a line. */
function scalar(text: string): Value {
  const first = text[0];
  if (first === '"') {
    let out = '';
    let i = 1;
    // A position is searched for again only once reading has passed it (-2: not searched yet,
    // -1: none left): searching for the closing quote after every escape was quadratic.
    let quote = -2;
    let slash = -2;
    for (;;) {
      if (quote !== -1 && quote < i) quote = text.indexOf('"', i);
      if (slash !== -1 && slash < i) slash = text.indexOf('\\', i);
      if (quote === -1) return defer();
      if (slash !== -1 && slash < quote) {
        out += text.slice(i, slash);
        const code = text[slash + 1];
        if (code === undefined) return defer();
        const simple = SIMPLE_ESCAPES[code];
        if (simple !== undefined) {
          out += simple;
          i = slash + 2;
          continue;
        }
        const length = HEX_LENGTH[code];
        if (length === undefined) return defer();
        const hex = text.slice(slash + 2, slash + 2 + length);
        if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) return defer();
        const point = parseInt(hex, 16);
        if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return defer();
        out += String.fromCodePoint(point);
        i = slash + 2 + length;
        continue;
      }
      out += text.slice(i, quote);
      if (!onlySpacesAfter(text, quote + 1)) return defer();
      return out;
    }
  }
  if (first === "'") {
    let out = '';
    let i = 1;
    for (;;) {
      const quote = text.indexOf("'", i);
      if (quote === -1) return defer();
      out += text.slice(i, quote);
      if (text[quote + 1] === "'") {
        out += "'";
        i = quote + 2;
        continue;
      }
      if (!onlySpacesAfter(text, quote + 1)) return defer();
      return out;
    }
  }
  if (text === '[]') return [];
  if (text === '{}') return {};
  if (INDICATORS.includes(first!)) return defer();
  if ((first === '-' || first === '?' || first === ':') && (text.length === 1 || text[1] === ' ')) return defer();
  if (PLAIN_STOP.test(text)) return defer();
  return resolvePlain(text);
}

// Duplicate keys are not checked here but counted by the caller (see mapping): an own-property
// check per key cost more than parsing the value.
function setKey(target: { [key: string]: Value }, key: string, value: Value): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

// Keys already read and found simple, by their first character and length: front matter repeats
// the same few keys, so most are found here without slicing the line and checking the key again.
// Bounded, so that a file of a million distinct keys keeps no more than a few here.
const knownKeys = new Map<number, string[]>();
const KNOWN_PER_BUCKET = 4;
const KNOWN_KEY_LENGTH = 40;
const KNOWN_KEYS = 1024;
let knownCount = 0;

/** The key before the colon at `colon` (a simple key that is not a null or boolean word), or Defer. */
function keyBefore(text: string, colon: number): string {
  const bucket = colon <= KNOWN_KEY_LENGTH ? text.charCodeAt(0) * 64 + colon : -1;
  const known = knownKeys.get(bucket);
  if (known !== undefined) {
    for (const key of known) if (text.startsWith(key)) return key;
  }
  const key = text.slice(0, colon);
  if (!SIMPLE_KEY.test(key) || (key.length <= 5 && (NULLS.has(key) || TRUES.has(key) || FALSES.has(key)))) defer();
  if (bucket !== -1 && knownCount < KNOWN_KEYS && (known?.length ?? 0) < KNOWN_PER_BUCKET) {
    if (known === undefined) knownKeys.set(bucket, [key]);
    else known.push(key);
    knownCount++;
  }
  return key;
}

class Reader {
  private index = 0;
  constructor(
    private readonly lines: Line[],
    private readonly maxDepth: number,
    /**
     * When set, every leaf value's place is pushed here in document order, as a line and a
     * column (-1, -1 for a value that is not written: `key:` with nothing after it). See SlotPlaces.
     */
    private readonly slots: number[] | null = null,
  ) {}

  peek(): Line | undefined {
    return this.lines[this.index];
  }

  next(): void {
    this.index++;
  }

  done(): boolean {
    return this.index >= this.lines.length;
  }

  /** A block node whose first line is at `indent` (a mapping or a sequence). */
  block(indent: number, depth: number): Value {
    const line = this.peek()!;
    return line.text === '-' || line.text.startsWith('- ') ? this.sequence(indent, depth) : this.mapping(indent, depth);
  }

  /**
   * The value after `key:` or `-` with nothing else on the line: a nested block, or null, whose
   * place is `emptyLine` and `emptyColumn` (a list item's dash; -1 for a key's empty value).
   */
  nested(parentIndent: number, depth: number, allowSameIndentSequence: boolean, emptyLine = -1, emptyColumn = -1): Value {
    const line = this.peek();
    if (line && line.indent > parentIndent) return this.block(line.indent, depth + 1);
    if (line && allowSameIndentSequence && line.indent === parentIndent && (line.text === '-' || line.text.startsWith('- '))) {
      return this.sequence(parentIndent, depth + 1);
    }
    this.slots?.push(emptyLine, emptyColumn);
    return null;
  }

  /** A scalar on the current line; the following line must not continue it. */
  inlineScalar(text: string, ownerIndent: number, line: number, column: number): Value {
    const value = scalar(text);
    const after = this.peek();
    if (after && after.indent > ownerIndent) defer();
    this.slots?.push(line, column);
    return value;
  }

  // Depth is checked where every mapping and sequence starts: `- key:` items and sequences at
  // their key's indent reach these without passing through block().
  mapping(indent: number, depth: number): Value {
    if (depth > this.maxDepth) defer();
    const result: { [key: string]: Value } = {};
    let keys = 0;
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      if (line.text === '-' || line.text.startsWith('- ')) break;
      const colon = line.text.indexOf(':');
      if (colon <= 0) defer();
      const text = line.text;
      const key = keyBefore(text, colon);
      let valueStart = colon + 1;
      if (valueStart < text.length && text.charCodeAt(valueStart) !== 32) defer();
      while (text.charCodeAt(valueStart) === 32) valueStart++;
      this.next();
      keys++;
      const value = valueStart >= text.length ? this.nested(indent, depth, true) : this.inlineScalar(text.slice(valueStart), indent, line.number, indent + valueStart);
      setKey(result, key, value);
    }
    const line = this.peek();
    if (line && line.indent > indent) defer();
    // A repeated key (js-yaml's error) left fewer own keys than key lines.
    if (Object.keys(result).length !== keys) defer();
    return result;
  }

  sequence(indent: number, depth: number): Value {
    if (depth > this.maxDepth) defer();
    const result: Value[] = [];
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      if (line.text !== '-' && !line.text.startsWith('- ')) break;
      let skip = 1;
      while (line.text.charCodeAt(skip) === 32) skip++;
      const content = line.text.slice(skip);
      if (content === '') {
        this.next();
        result.push(this.nested(indent, depth, false, line.number, indent));
        continue;
      }
      const itemIndent = indent + skip;
      if (content === '-' || content.startsWith('- ')) defer();
      const colon = content.indexOf(':');
      if (colon > 0 && (content[colon + 1] === undefined || content[colon + 1] === ' ') && SIMPLE_KEY.test(content.slice(0, colon))) {
        // `- key: value`: a mapping whose first key sits on the dash's line.
        line.indent = itemIndent;
        line.text = content;
        result.push(this.mapping(itemIndent, depth + 1));
        continue;
      }
      this.next();
      result.push(this.inlineScalar(content, indent, line.number, itemIndent));
    }
    const line = this.peek();
    if (line && line.indent > indent) defer();
    return result;
  }
}

/** True for a code unit js-yaml refuses or treats specially: controls (tab and CR too), C1, BOM, non-characters. */
function isUnusual(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0xfeff || c === 0xfffe || c === 0xffff;
}

// Every code unit that needs a closer look: controls (tab and CR too), DEL, C1, surrogates, BOM, non-characters.
const SUSPECT = /[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]/;

/** True when the text holds a code unit js-yaml refuses or treats specially, or a lone surrogate. */
function hasUnusualCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x7f) {
      if (c < 0x20 && c !== 10) return true;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      // A high surrogate must be followed by a low one; a low one must not stand alone.
      if (c >= 0xdc00) return true;
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (isUnusual(c)) {
      return true;
    }
  }
  return false;
}

/**
 * Splits text into content lines (indent and text without edge spaces), skipping blank and
 * comment lines; null when the text has unusual characters, lone surrogates or document markers.
 */
function splitLines(text: string): Line[] | null {
  // One native scan clears almost every document; only suspects get the exact check.
  if (SUSPECT.test(text) && hasUnusualCharacter(text)) return null;
  const lines: Line[] = [];
  const length = text.length;
  let lineStart = 0;
  for (let number = 0; lineStart <= length; number++) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = length;
    let start = lineStart;
    while (start < lineEnd && text.charCodeAt(start) === 32) start++;
    let end = lineEnd;
    while (end > start && text.charCodeAt(end - 1) === 32) end--;
    if (start < end && text.charCodeAt(start) !== 35) {
      if (start === lineStart && end - start >= 3) {
        const head = text.slice(start, start + 3);
        if (head === '---' || head === '...') return null;
      }
      lines.push({ indent: start - lineStart, text: text.slice(start, end), number });
    }
    lineStart = lineEnd + 1;
  }
  return lines;
}

/**
 * Loads YAML front matter if it lies within the fast subset; returns DEFER otherwise. The
 * result is a fresh tree (no shared nodes), equal to what js-yaml's load would return. With
 * `slots`, the place of every leaf value is pushed onto it (see SlotPlaces); after DEFER its
 * content means nothing.
 */
export function fastLoadYaml(
  text: string,
  limits: { maxDepth: number; maxNodes: number } = { maxDepth: 64, maxNodes: 100_000 },
  slots: number[] | null = null,
): Value | typeof DEFER {
  const lines = splitLines(text);
  if (lines === null) return DEFER;
  if (lines.length === 0) return DEFER;
  try {
    // Each line adds at most two nodes; near either limit js-yaml decides, with its exact counts.
    if (2 * lines.length + 1 > limits.maxNodes) return DEFER;
    const reader = new Reader(lines, limits.maxDepth - 4, slots);
    if (lines[0]!.indent !== 0) return DEFER;
    const value = reader.mapping(0, 0);
    return reader.done() ? value : DEFER;
  } catch (error) {
    // Anything else unforeseen (a stack overflow) is js-yaml's to decide too: it has the exact answer.
    if (error instanceof Defer || error instanceof RangeError) return DEFER;
    throw error;
  }
}

/** A path like `related[0].title` as keys and indexes; null when it is not one. */
function pathSegments(path: string): Array<string | number> | null {
  const segments: Array<string | number> = [];
  let at = 0;
  while (at < path.length) {
    if (path.charCodeAt(at) === 91) {
      const close = path.indexOf(']', at);
      const digits = close === -1 ? '' : path.slice(at + 1, close);
      if (!/^(?:0|[1-9][0-9]*)$/.test(digits)) return null;
      segments.push(Number(digits));
      at = close + 1;
    } else {
      if (segments.length > 0) {
        if (path.charCodeAt(at) !== 46) return null;
        at++;
      }
      let end = at;
      while (end < path.length && path.charCodeAt(end) !== 46 && path.charCodeAt(end) !== 91) end++;
      // No key in the fast subset is empty.
      if (end === at) return null;
      segments.push(path.slice(at, end));
      at = end;
    }
  }
  return segments;
}

type Container = Value[] | { [key: string]: Value };

/** A non-empty list or mapping: a node of the tree, where any other value is a leaf (`[]` and `{}` too). */
function containerOf(value: Value): Container | null {
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) return value.length > 0 ? value : null;
  for (const _ in value) return value;
  return null;
}

/** What SlotPlaces keeps of a large list or mapping, asked about often: where each entry's leaves start. */
interface ContainerIndex {
  /** A mapping's keys and their indexes; null for a list. */
  keys: Map<string, number> | null;
  before: Int32Array;
  /** The index of the first key that holds a dot (Infinity when none does). */
  firstDotted: number;
}

/** Containers with more entries than this are indexed once instead of scanned on every question. */
const SCAN_LIMIT = 64;

/**
 * The place of any leaf value of front matter the fast loader read, from the places it pushed
 * while reading (fastLoadYaml's `slots`) and the tree it returned: a path's leaf is found by
 * counting the leaves before it, never by reading the text again. The tree must be the one
 * read, unchanged. A path whose dots could mean a key that holds one (`provider.domain` the key,
 * or `domain` under `provider`) has no place when such a key comes before it on its way.
 */
export class SlotPlaces {
  private readonly leafCounts = new Map<Container, number>();
  private readonly indexes = new Map<Container, ContainerIndex>();

  constructor(
    private readonly data: Value,
    private readonly slots: readonly number[],
  ) {}

  /** The 0-based place of the value at `path` (the opening quote of a quoted value, else its first character); null when it is no leaf written on a line. */
  place(path: string): TextPlace | null {
    const segments = pathSegments(path);
    if (segments === null) return null;
    let node: Value = this.data;
    let slot = 0;
    for (const segment of segments) {
      const container = containerOf(node);
      if (container === null) return null;
      const entry = Array.isArray(container) ? this.item(container, segment) : this.entry(container, segment);
      if (entry === null) return null;
      node = entry.value;
      slot += entry.before;
    }
    if (containerOf(node) !== null) return null;
    const line = this.slots[2 * slot];
    return line === undefined || line < 0 ? null : { line, column: this.slots[2 * slot + 1]! };
  }

  private item(list: Value[], segment: string | number): { value: Value; before: number } | null {
    if (typeof segment !== 'number' || segment >= list.length) return null;
    if (list.length > SCAN_LIMIT) return { value: list[segment]!, before: this.indexOf(list).before[segment]! };
    let before = 0;
    for (let i = 0; i < segment; i++) before += this.leaves(list[i]!);
    return { value: list[segment]!, before };
  }

  private entry(mapping: { [key: string]: Value }, segment: string | number): { value: Value; before: number } | null {
    if (typeof segment !== 'string' || !Object.hasOwn(mapping, segment)) return null;
    const keys = Object.keys(mapping);
    if (keys.length > SCAN_LIMIT) {
      const index = this.indexOf(mapping);
      const at = index.keys!.get(segment)!;
      return index.firstDotted < at ? null : { value: mapping[segment]!, before: index.before[at]! };
    }
    let before = 0;
    for (const key of keys) {
      if (key === segment) return { value: mapping[key]!, before };
      if (key.includes('.')) return null;
      before += this.leaves(mapping[key]!);
    }
    return null;
  }

  private leaves(value: Value): number {
    const container = containerOf(value);
    if (container === null) return 1;
    let count = this.leafCounts.get(container);
    if (count === undefined) {
      count = 0;
      if (Array.isArray(container)) for (const item of container) count += this.leaves(item);
      else for (const key of Object.keys(container)) count += this.leaves(container[key]!);
      this.leafCounts.set(container, count);
    }
    return count;
  }

  private indexOf(container: Container): ContainerIndex {
    let index = this.indexes.get(container);
    if (index) return index;
    const keys = Array.isArray(container) ? null : Object.keys(container);
    const values: Value[] = keys === null ? (container as Value[]) : keys.map((key) => (container as { [key: string]: Value })[key]!);
    const before = new Int32Array(values.length);
    let leaves = 0;
    values.forEach((value, i) => {
      before[i] = leaves;
      leaves += this.leaves(value);
    });
    const dotted = keys === null ? -1 : keys.findIndex((key) => key.includes('.'));
    index = { keys: keys && new Map(keys.map((key, i) => [key, i])), before, firstDotted: dotted === -1 ? Infinity : dotted };
    this.indexes.set(container, index);
    return index;
  }
}
