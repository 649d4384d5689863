// score-range: quality or heat that is not a whole number from -1 (unknown) to 2^53 - 1, written in decimal.
import { articleEntries } from './helpers.js';
import type { DocumentRule } from './types.js';

// Space, tab, newline or carriage return.
function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

// Where a comment starts in a line (a `#` at its start or after a blank), or -1.
function commentStart(text: string, from: number, to: number): number {
  // Scanned by hand: indexOf would search on past `to`, through the rest of the text, each time.
  for (let at = from; at <= to; at++) {
    if (text.charCodeAt(at) === 0x23 /* # */ && (at === from || isBlank(text.charCodeAt(at - 1)))) return at;
  }
  return -1;
}

// True when some value in the front matter may be a number written other than in decimal
// (`: 0x1F`, `: 0o17`, `:  +010`, `: &a 0x10`, `: !!int 010`, a value on the next line): only then
// is each score's source text looked up. Each `0` followed by a digit, `x` or `o` is walked back
// over a sign, white space and anchors or tags to a colon; a regular expression over the whole
// text took 4 µs on a 7 KB front matter.
function mayHoldNonDecimalNumber(frontMatter: string): boolean {
  for (let at = frontMatter.indexOf('0'); at !== -1; at = frontMatter.indexOf('0', at + 1)) {
    const next = frontMatter.charCodeAt(at + 1);
    const digitFollows = next >= 0x30 && next <= 0x39;
    if (!digitFollows && next !== 0x78 /* x */ && next !== 0x6f /* o */) continue;
    let back = at - 1;
    const sign = frontMatter.charCodeAt(back);
    if (digitFollows && (sign === 0x2b /* + */ || sign === 0x2d) /* - */) back -= 1;
    for (;;) {
      const spaceEnd = back;
      let lineBreak = false;
      while (back >= 0 && isBlank(frontMatter.charCodeAt(back))) {
        if (frontMatter.charCodeAt(back) === 0x0a) lineBreak = true;
        back -= 1;
      }
      if (back === spaceEnd) break;
      if (frontMatter.charCodeAt(back) === 0x3a /* : */) return true;
      // A comment that ends the line before the value (`quality: &q # note`): walk back over it.
      if (lineBreak) {
        const lineStart = frontMatter.lastIndexOf('\n', back) + 1;
        const comment = commentStart(frontMatter, lineStart, back);
        if (comment !== -1) {
          back = comment - 1;
          if (back < lineStart) break;
          continue;
        }
      }
      // An anchor or a tag before the value (`&a`, `!!int`): walk back over it too.
      let start = back;
      while (start >= 0 && !isBlank(frontMatter.charCodeAt(start))) start -= 1;
      const first = frontMatter.charCodeAt(start + 1);
      if (first !== 0x26 /* & */ && first !== 0x21 /* ! */) break;
      back = start;
    }
  }
  return false;
}

// Why a whole number's source text is not plain decimal, or null. `010.0` (a float in YAML 1.1
// and 1.2) and `1e3` are decimal, whatever their leading zeros.
function notDecimal(written: string, value: number): string | null {
  const radix = /^[-+]?0([xo])/i.exec(written)?.[1]?.toLowerCase();
  if (radix) return `${written} is ${radix === 'x' ? 'hexadecimal' : 'octal'}: expected a decimal number (${value})`;
  const digits = /^[-+]?0(\d+)$/.exec(written)?.[1];
  if (digits === undefined) return null;
  const asOctal = /^[0-7]+$/.test(digits) ? `, which YAML 1.1 readers such as Jekyll and PyYAML take as octal (${written.startsWith('-') ? '-' : ''}${parseInt(digits, 8)})` : '';
  return `${written} has a leading zero${asOctal}: expected ${value}`;
}

// A place in the front matter's lines: the line's index and the column (from 0) on it.
interface LinePlace {
  index: number;
  column: number;
}

// The text a scalar value is written as, from its place in the front matter.
function writtenAt(lines: readonly string[], { index, column }: LinePlace): string | null {
  const line = lines[index];
  if (line === undefined) return null;
  // The whole plain scalar, after any anchor or tag (`&a !!int 0x10`).
  return /^(?:[&!]\S*[ \t]+)*([^\s#,\]}]+)/.exec(line.slice(column))?.[1] ?? null;
}

function isFloatTag(tag: string): boolean {
  return tag === '!!float' || tag === '!<tag:yaml.org,2002:float>';
}

// True when a score is tagged a float (`!!float 010` is 10.0 to every YAML reader, octal to none).
function taggedFloat(lines: readonly string[], { index, column }: LinePlace): boolean {
  const line = lines[index];
  if (line === undefined) return false;
  const tags: string[] = [];
  let found = propertiesBefore(line, column);
  // A value on a line of its own may have its tag on a line above (the key's, or one of its
  // own), past blank and comment lines.
  for (let above = index - 1; found.onlyThese && above >= 0; above--) {
    tags.push(...found.tokens);
    const text = withoutComment(lines[above]!);
    found = propertiesBefore(text, text.length);
  }
  tags.push(...found.tokens);
  return tags.some(isFloatTag);
}

// The anchors and tags just before `end` in a line (read backwards, in linear time), and
// whether nothing else stands before them.
function propertiesBefore(line: string, end: number): { tokens: string[]; onlyThese: boolean } {
  const tokens: string[] = [];
  let at = end - 1;
  for (;;) {
    while (at >= 0 && isBlank(line.charCodeAt(at))) at -= 1;
    if (at < 0) return { tokens, onlyThese: true };
    let start = at;
    while (start > 0 && !isBlank(line.charCodeAt(start - 1))) start -= 1;
    const token = line.slice(start, at + 1);
    if (token[0] !== '&' && token[0] !== '!') return { tokens, onlyThese: false };
    tokens.push(token);
    at = start - 1;
  }
}

// A line without its comment (`key: !!float # note` → `key: !!float `).
function withoutComment(line: string): string {
  const comment = commentStart(line, 0, line.length - 1);
  return comment === -1 ? line : line.slice(0, comment);
}

interface AnchorPlace {
  line: number;
  column: number;
  /** The plain scalar after the anchor and any tags on its line, or null (a value below it). */
  written: string | null;
  float: boolean;
}

// Every anchor set in the front matter (`&q 0x10`), by name, in order: read once per file.
function anchorsIn(lines: readonly string[]): Map<string, AnchorPlace[]> {
  const anchors = new Map<string, AnchorPlace[]>();
  lines.forEach((line, index) => {
    for (const match of line.matchAll(/(?:^|[\s[{,])&([^\s,[\]{}]+)/g)) {
      const column = match.index + match[0].length - match[1]!.length - 1;
      const after = /^((?:[ \t]+[&!]\S*)*)[ \t]+([^\s#,\]}]+)/.exec(line.slice(column + 1 + match[1]!.length));
      const tags = after?.[1]?.trim().split(/\s+/) ?? [];
      const place = { line: index, column, written: after?.[2] ?? null, float: tags.some(isFloatTag) };
      const list = anchors.get(match[1]!);
      if (list) list.push(place);
      else anchors.set(match[1]!, [place]);
    }
  });
  return anchors;
}

// The value an alias stands for: the last anchor of that name set before it.
function anchoredValue(anchors: Map<string, AnchorPlace[]>, name: string, line: number, column: number): { written: string; float: boolean } | null {
  const places = anchors.get(name) ?? [];
  // Binary search: a file may set one anchor thousands of times and use it as often.
  let low = 0;
  let high = places.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const place = places[middle]!;
    if (place.line < line || (place.line === line && place.column < column)) low = middle + 1;
    else high = middle;
  }
  const found = places[low - 1];
  return found?.written ? { written: found.written, float: found.float } : null;
}

export const scoreRange: DocumentRule = {
  id: 'score-range',
  description: 'quality and heat are whole numbers of at least -1 (-1 means unknown), small enough to be exact (at most 2^53 - 1), written in decimal',
  severity: 'warning',
  fixable: false,
  scope: 'document',
  check(document, report) {
    if (!document.fields) return;
    const parsed = document.parsed;
    const text = parsed?.ok === true && mayHoldNonDecimalNumber(parsed.frontMatter) ? parsed : null;
    // Split once: a file with thousands of related scores must not split its text for each.
    let lines: string[] | undefined;
    let anchors: Map<string, AnchorPlace[]> | undefined;
    // Why a score is not written in decimal, from its text (or its anchor's, for an alias).
    const notDecimalAt = (path: string, value: number): string | null => {
      if (!text) return null;
      const place = document.locate.find(path)?.value;
      if (!place) return null;
      lines ??= text.frontMatter.split('\n');
      // The front matter starts with the rest of its opening fence's line.
      const at = { index: place.line - text.frontMatterLine, column: place.column - 1 };
      const written = writtenAt(lines, at);
      if (written === null) return null;
      if (!written.startsWith('*')) return taggedFloat(lines, at) ? null : notDecimal(written, value);
      // An alias (`quality: *q`): the text is where its anchor was set.
      anchors ??= anchorsIn(lines);
      const anchored = anchoredValue(anchors, written.slice(1), at.index, at.column);
      const found = anchored && !anchored.float ? notDecimal(anchored.written, value) : null;
      return found && `${found} (through the alias ${written})`;
    };
    for (const { prefix, data } of articleEntries(document.fields)) {
      for (const key of ['quality', 'heat']) {
        const value = data[key];
        // NaN and Infinity are field-type's: they are not numbers a score can use at all.
        if (typeof value !== 'number' || !Number.isFinite(value)) continue;
        const path = `${prefix}${key}`;
        if (value > Number.MAX_SAFE_INTEGER) {
          report(document.locate.valueOrNearest(path), `${path}: ${value} is out of range: too large to be exact (at most ${Number.MAX_SAFE_INTEGER})`);
        } else if (!Number.isInteger(value)) {
          report(document.locate.valueOrNearest(path), `${path}: ${value} is not a whole number: expected a whole number of at least -1 (-1 means unknown)`);
        } else if (value < -1) {
          // Out of range, and perhaps also read otherwise elsewhere (`-010` is -8 to Jekyll).
          const written = notDecimalAt(path, value);
          report(document.locate.valueOrNearest(path), `${path}: ${value} is out of range: expected a whole number of at least -1 (-1 means unknown)${written ? `; also, ${written}` : ''}`);
        } else {
          const problem = notDecimalAt(path, value);
          if (problem) report(document.locate.valueOrNearest(path), `${path}: ${problem}`);
        }
      }
    }
  },
};
