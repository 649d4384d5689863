// Plain words for the YAML mistakes people make most in front matter, added to js-yaml's reasons.
// Pure: text in, text out.
import { sliceWhole, truncate } from './text.js';
import { indentOf } from './yaml.js';

/** A YAML problem as parseDocument reports it: 0-based line and column inside the YAML text. */
export interface YamlProblem {
  message: string;
  line: number;
  column: number;
}

const ITEM_PREFIX = /^[ \t]*(?:-[ \t]+)?/;
const KEY_START = /^[^\s#'"{[\]}&*!|>%@`-]/;
const VALUE_START = /^[^\s'"{[&*!|>#]/;
const COLON_SPACE = /:[ \t]/;

/**
 * `key: value with: a colon` (or a list item `- key: …`): the key and the unquoted value holding
 * `: `, comment left out; null for any other line. Read in one pass (a regex for it backtracks
 * quadratically on a long run of spaces).
 */
function colonInPlainValue(line: string): { key: string; value: string; keyColon: number } | null {
  const from = ITEM_PREFIX.exec(line)![0].length;
  const colon = line.slice(from).search(COLON_SPACE);
  if (colon <= 0) return null;
  const key = line.slice(from, from + colon);
  if (!KEY_START.test(key) || key.includes('#')) return null;
  let value = line.slice(from + colon + 2).trimStart();
  const comment = value.search(/[ \t]#/);
  if (comment !== -1) value = value.slice(0, comment);
  value = value.trimEnd();
  return VALUE_START.test(value) && COLON_SPACE.test(value) ? { key: key.trim(), value, keyColon: from + colon } : null;
}
// A mapping key and its `: `: plain (`og:description`, a colon inside is part of it) or quoted.
const KEY = `(?:(?:"(?:[^"\\\\]|\\\\.)*"|'(?:[^']|'')*')[ \\t]*|[^\\s#'"{[-][^#]*?):[ \\t]+`;
// A value opening a quote after a key or a list dash (`title: "…`, `- "…`, `"title": '…`); a line
// starting with a quote and neither is a plain value's continuation.
const OPENS_QUOTE = new RegExp(`^((?:[ \\t]*-[ \\t]+)*[ \\t]*${KEY}|(?:[ \\t]*-[ \\t]+)+)(["'])(.*)$`);
// Lines longer than this are not read for hints: a hint's regexes then never meet a hostile line.
const MAX_HINT_LINE = 1024;
/** Most lines read back from where js-yaml stopped, looking for a quote left open. */
const MAX_HINT_LINES = 1000;
const SHOWN = 60;

/**
 * js-yaml's reason for a failure, with what most likely caused it when the text shows it: a `: `
 * inside an unquoted value (`title: AI: the next step`), a quote of a value's own kind inside it
 * (`'It's here'`), or a quoted value never closed on its line (placed at its opening quote, where
 * js-yaml reports the line after). Otherwise as it was.
 */
export function explainYamlProblem(text: string, problem: YamlProblem): YamlProblem {
  const lines = text.split('\n', problem.line + 1);
  if (/^bad indentation of a mapping entry/.test(problem.message)) {
    const line = (lines[problem.line] ?? '').replace(/\r$/, '');
    const found = colonInPlainValue(line);
    // Only when js-yaml stopped inside the value (at its `:`): at the key, the line's indentation is the fault.
    if (found && problem.column > found.keyColon) {
      const example = `${found.key}: "${found.value.replace(/["\\]/g, '\\$&')}"`;
      // Cut between whole characters as they show (an accent stays with its letter).
      const shown = example.length > SHOWN ? truncate(sliceWhole(example, 0, SHOWN * 4), SHOWN) : example;
      return { ...problem, message: `a ': ' inside an unquoted value starts another key: put the value in quotes (${shown}) (js-yaml: ${problem.message})` };
    }
    const inner = quoteInsideQuotes(line);
    if (inner) {
      const advice = inner.quote === "'" ? "write it twice ('') or quote the value with double quotes" : 'write it \\" or quote the value with single quotes';
      const kind = inner.quote === "'" ? 'single' : 'double';
      return { message: `a ${inner.quote} inside a ${kind}-quoted value ends it: ${advice} (js-yaml: ${problem.message})`, line: problem.line, column: inner.column };
    }
  }
  if (/^(?:deficient indentation|unexpected end of the stream within a (?:double|single) quoted scalar|end of the stream or a document separator is expected)/.test(problem.message)) {
    const culprit = unclosedQuoteBefore(lines, problem.line);
    if (culprit !== null) {
      return {
        message: `a ${culprit.quote === '"' ? 'double' : 'single'}-quoted value is not closed on its line: close the quote, or quote a value that spans lines with every line after the first indented (js-yaml: ${problem.message})`,
        line: culprit.line,
        column: culprit.column,
      };
    }
  }
  return problem;
}

/**
 * The line, up to `last`, where a quoted value opens that is still open where js-yaml stopped:
 * read from the top, each value opened and not closed on its line is followed to the line that
 * closes it (a value quoted over two lines is fine); one that closes only on the line js-yaml
 * stopped at, or never, is the culprit (its "closing" quote is the next value's opening one).
 */
function unclosedQuoteBefore(lines: readonly string[], last: number): { quote: string; line: number; column: number } | null {
  const end = Math.min(last, lines.length - 1);
  // The indentation of the line opening a `|` or `>` block being read: its text is no YAML.
  let blockIndent = -1;
  for (let line = Math.max(0, end - MAX_HINT_LINES); line <= end; line++) {
    const text = lines[line]!.replace(/\r$/, '');
    if (blockIndent >= 0) {
      if (text.trim() === '' || indentOf(text) > blockIndent) continue;
      blockIndent = -1;
    }
    if (text.length <= MAX_HINT_LINE && BLOCK_START.test(text)) {
      blockIndent = indentOf(text);
      continue;
    }
    const opened = unclosedQuote(text);
    if (opened === null) continue;
    let closed = line + 1;
    while (closed <= end && quoteEnd(lines[closed]!, opened.quote) === -1) closed++;
    if (closed >= end) return { ...opened, line };
    line = closed;
  }
  return null;
}

// A key (or list item) whose value is a `|` or `>` block scalar, with its indicators and a comment.
const BLOCK_START = new RegExp(`^(?:[ \\t]*-[ \\t]+)*[ \\t]*(?:${KEY})?[|>][-+0-9]*[ \\t]*(?:#.*)?$`);

// The quoted value a line opens: its quote, the column of that quote, the text after it and where
// that text closes the value (-1: not on this line); null for a line that opens none.
function quotedValue(line: string): { quote: string; column: number; rest: string; close: number } | null {
  const found = line.length <= MAX_HINT_LINE ? OPENS_QUOTE.exec(line) : null;
  if (!found) return null;
  return { quote: found[2]!, column: found[1]!.length, rest: found[3]!, close: quoteEnd(found[3]!, found[2]!) };
}

// Where a quoted value on a line ends early, at a quote of its own kind with more text after it
// (`title: 'It's here'`, `title: "A "quoted" word"`), or null.
function quoteInsideQuotes(line: string): { quote: string; column: number } | null {
  const value = quotedValue(line);
  if (value === null || value.close === -1) return null;
  const after = value.rest.slice(value.close + 1).trimStart();
  return after === '' || after.startsWith('#') ? null : { quote: value.quote, column: value.column + 1 + value.close };
}

// Where a line opens a quoted value it does not close, or null.
function unclosedQuote(line: string): { quote: string; column: number } | null {
  const value = quotedValue(line);
  return value !== null && value.close === -1 ? { quote: value.quote, column: value.column } : null;
}

// Where `text` closes a value quoted with `quote` (-1: it does not): `\"` escapes a double quote,
// `''` is a single quote inside single ones.
function quoteEnd(text: string, quote: string): number {
  for (let i = 0; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}
