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

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

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

/**
 * Thrown to stop a search for one value's place as soon as it is found. Not an Error on
 * purpose: nothing reports it, so it need not capture a stack trace.
 */
class Found {
  constructor(readonly place: TextPlace) {}
}

/** The path of a node whose place nobody asked for (no real path holds a NUL). */
const UNTRACKED = '\0';
/**
 * Paths longer than this are not tracked (their places come from the js-yaml locator instead):
 * V8 hashes a string of over 16,383 characters by its length alone, so the paths of a long
 * key's items all collided in the places map, and even shorter ones cost their whole length.
 */
const MAX_TRACKED_PATH = 1024;

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

class Reader {
  private index = 0;
  constructor(
    private readonly lines: Line[],
    private readonly maxDepth: number,
    /** When set, the place of every scalar value is recorded under its path (`related[0].title`). */
    private readonly places: Map<string, TextPlace> | null = null,
    /** When set, the one path whose place is wanted: reading stops with Found when it is reached. */
    private readonly target: string | null = null,
  ) {}

  // A child's path, built only where a place can be wanted: everywhere when recording all of
  // them, else only along the target's path. A key holding a dot makes paths ambiguous
  // (`provider.domain` the key, or `domain` under `provider`), so places are then not given.
  private child(path: string, key: string | number): string {
    if (path === UNTRACKED || (this.places === null && this.target === null)) return UNTRACKED;
    if (typeof key === 'string' && key.includes('.')) defer();
    const next = typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
    if (next.length > MAX_TRACKED_PATH) return UNTRACKED;
    if (this.target === null || this.target === next) return next;
    const after = this.target.charCodeAt(next.length);
    return (after === 46 || after === 91) && this.target.startsWith(next) ? next : UNTRACKED;
  }

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
  block(indent: number, depth: number, path: string): Value {
    const line = this.peek()!;
    return line.text === '-' || line.text.startsWith('- ') ? this.sequence(indent, depth, path) : this.mapping(indent, depth, path);
  }

  /** The value after `key:` or `-` with nothing else on the line: a nested block, or null. */
  nested(parentIndent: number, depth: number, allowSameIndentSequence: boolean, path: string): Value {
    const line = this.peek();
    if (!line) return null;
    if (line.indent > parentIndent) return this.block(line.indent, depth + 1, path);
    if (allowSameIndentSequence && line.indent === parentIndent && (line.text === '-' || line.text.startsWith('- '))) {
      return this.sequence(parentIndent, depth + 1, path);
    }
    return null;
  }

  /** A scalar on the current line; the following line must not continue it. */
  inlineScalar(text: string, ownerIndent: number, path: string, line: number, column: number): Value {
    // A search for one place reads only the structure: no scalar is read, no mapping built.
    const value = this.target === null ? scalar(text) : null;
    const after = this.peek();
    if (after && after.indent > ownerIndent) defer();
    if (this.places !== null) {
      if (path !== UNTRACKED) this.places.set(path, { line, column });
    } else if (path === this.target) throw new Found({ line, column });
    return value;
  }

  // Depth is checked where every mapping and sequence starts: `- key:` items and sequences at
  // their key's indent reach these without passing through block().
  mapping(indent: number, depth: number, path: string): Value {
    if (depth > this.maxDepth) defer();
    const result: { [key: string]: Value } = {};
    let keys = 0;
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      if (line.text === '-' || line.text.startsWith('- ')) break;
      const colon = line.text.indexOf(':');
      if (colon <= 0) defer();
      const text = line.text;
      const key = text.slice(0, colon);
      if (!SIMPLE_KEY.test(key) || (key.length <= 5 && (NULLS.has(key) || TRUES.has(key) || FALSES.has(key)))) defer();
      let valueStart = colon + 1;
      if (valueStart < text.length && text.charCodeAt(valueStart) !== 32) defer();
      while (text.charCodeAt(valueStart) === 32) valueStart++;
      this.next();
      keys++;
      const childPath = this.child(path, key);
      const value =
        valueStart >= text.length
          ? this.nested(indent, depth, true, childPath)
          : this.inlineScalar(text.slice(valueStart), indent, childPath, line.number, indent + valueStart);
      if (this.target === null) setKey(result, key, value);
    }
    const line = this.peek();
    if (line && line.indent > indent) defer();
    // A repeated key (js-yaml's error) left fewer own keys than key lines.
    if (this.target === null && Object.keys(result).length !== keys) defer();
    return result;
  }

  sequence(indent: number, depth: number, path: string): Value {
    if (depth > this.maxDepth) defer();
    const result: Value[] = [];
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      if (line.text !== '-' && !line.text.startsWith('- ')) break;
      let skip = 1;
      while (line.text.charCodeAt(skip) === 32) skip++;
      const content = line.text.slice(skip);
      const itemPath = this.child(path, result.length);
      if (content === '') {
        this.next();
        result.push(this.nested(indent, depth, false, itemPath));
        continue;
      }
      const itemIndent = indent + skip;
      if (content === '-' || content.startsWith('- ')) defer();
      const colon = content.indexOf(':');
      if (colon > 0 && (content[colon + 1] === undefined || content[colon + 1] === ' ') && SIMPLE_KEY.test(content.slice(0, colon))) {
        // `- key: value`: a mapping whose first key sits on the dash's line.
        line.indent = itemIndent;
        line.text = content;
        result.push(this.mapping(itemIndent, depth + 1, itemPath));
        continue;
      }
      this.next();
      result.push(this.inlineScalar(content, indent, itemPath, line.number, itemIndent));
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

let lastClearedText: string | null = null;

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
  // One native scan clears almost every document; only suspects get the exact check. The text
  // last cleared is remembered: validate splits the same front matter again to place problems.
  if (text !== lastClearedText) {
    if (SUSPECT.test(text) && hasUnusualCharacter(text)) return null;
    lastClearedText = text;
  }
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
 * result is a fresh tree (no shared nodes), equal to what js-yaml's load would return.
 */
export function fastLoadYaml(text: string, limits: { maxDepth: number; maxNodes: number } = { maxDepth: 64, maxNodes: 100_000 }): Value | typeof DEFER {
  const lines = splitLines(text);
  if (lines === null) return DEFER;
  if (lines.length === 0) return DEFER;
  try {
    // Each line adds at most two nodes; near either limit js-yaml decides, with its exact counts.
    if (2 * lines.length + 1 > limits.maxNodes) return DEFER;
    const reader = new Reader(lines, limits.maxDepth - 4);
    if (lines[0]!.indent !== 0) return DEFER;
    const value = reader.mapping(0, 0, '');
    return reader.done() ? value : DEFER;
  } catch (error) {
    // Anything else unforeseen (a stack overflow) is js-yaml's to decide too: it has the exact answer.
    if (error instanceof Defer || error instanceof RangeError) return DEFER;
    throw error;
  }
}

/**
 * The place (0-based line and column in the text) of every scalar value of front matter within
 * the fast subset, keyed by path (`title`, `related[0].excerpt`, `topics[1]`): the opening quote
 * of a quoted value, else its first character. Null when the text is outside the subset or a
 * key holds a dot (its paths would be ambiguous).
 */
export function fastValuePlaces(text: string): Map<string, TextPlace> | null {
  const lines = splitLines(text);
  if (lines === null || lines.length === 0 || lines[0]!.indent !== 0) return null;
  const places = new Map<string, TextPlace>();
  try {
    const reader = new Reader(lines, Infinity, places);
    reader.mapping(0, 0, '');
    return reader.done() ? places : null;
  } catch (error) {
    if (error instanceof Defer || error instanceof RangeError) return null;
    throw error;
  }
}

/**
 * The place of one scalar value (what fastValuePlaces gives for `path`), reading only the
 * structure (no scalar is read, no mapping built), only as far as that value, and building no
 * path but the ones leading to it. Only for front matter the fast loader read whole
 * (ParsedDocument.simpleYaml): other text is not checked against the subset. Null when the path
 * has no scalar value there, or when a key on the way to it holds a dot (the path would be
 * ambiguous).
 */
export function fastValuePlace(text: string, path: string): TextPlace | null {
  const lines = splitLines(text);
  if (lines === null || lines.length === 0 || lines[0]!.indent !== 0) return null;
  try {
    new Reader(lines, Infinity, null, path).mapping(0, 0, '');
    return null;
  } catch (error) {
    if (error instanceof Found) return error.place;
    if (error instanceof Defer || error instanceof RangeError) return null;
    throw error;
  }
}

/**
 * The place of a top-level key's value in front matter within the fast subset (what
 * fastValuePlaces gives for that key), found by scanning for its line instead of parsing: at
 * indent 0 in that subset a `key:` line can only be the key itself. Null when the key is absent
 * or its value is not on the key's line.
 */
export function topLevelValuePlace(text: string, key: string): TextPlace | null {
  const head = `${key}:`;
  let lineStart = 0;
  if (!text.startsWith(head)) {
    const found = text.indexOf(`\n${head}`);
    if (found === -1) return null;
    lineStart = found + 1;
  }
  let valueStart = lineStart + head.length;
  if (text.charCodeAt(valueStart) !== 32) return null;
  while (text.charCodeAt(valueStart) === 32) valueStart++;
  if (valueStart >= text.length || text.charCodeAt(valueStart) === 10) return null;
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < lineStart; i = text.indexOf('\n', i + 1)) line++;
  return { line, column: valueStart - lineStart };
}
