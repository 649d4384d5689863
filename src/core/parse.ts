// Splits a document into front matter and body and loads the front matter safely. No I/O.
import { DEFER, fastLoadYaml } from './fastyaml.js';
import { DEFAULT_YAML_LIMITS, loadYaml, shortReason, unreadTagMessage, YamlError, type YamlLimits } from './yaml.js';
import { explainYamlProblem } from './yaml-hints.js';
import { truncate } from './text.js';

export type ParseErrorCode =
  | 'unsafe-front-matter'
  | 'unclosed-front-matter'
  | 'parse-error'
  | 'too-complex';

/** A document that could not be parsed, with its 1-based place in the file. */
export interface ParseFailure {
  ok: false;
  code: ParseErrorCode;
  message: string;
  line: number;
  column: number;
  /** True for valid YAML with a tag outside the core schema (`!!timestamp`): the message names it. */
  unsupportedTag?: boolean;
}

/** A parsed document: front matter (any YAML value, or undefined when absent) and body. */
export interface ParsedDocument {
  ok: true;
  hasFrontMatter: boolean;
  data: unknown;
  /** The front matter text exactly as between the fences (LF line ends). */
  frontMatter: string;
  /** 1-based file line of the first line of `frontMatter` (the opening fence's line). */
  frontMatterLine: number;
  /**
   * With parseDocument's `recordPlaces`, when the fast path read the front matter (plain block
   * YAML, one key per line): the places of its leaf values (see SlotPlaces).
   */
  valueSlots?: number[];
  body: string;
}

export type ParseResult = ParsedDocument | ParseFailure;

/**
 * True when front matter holds only blank lines and `#` comment lines: gray-matter's "empty
 * block", whose data is `{}` whatever YAML would say. Line by line, where gray-matter's own test
 * (a multi-line regex whose `\s*` crosses lines) took quadratic time on a long run of blank lines.
 */
function isBlankOrComments(frontMatter: string): boolean {
  for (const line of frontMatter.split('\n')) {
    if (!BLANK.test(line) && !COMMENT.test(line)) return false;
  }
  return true;
}

const YAML_LANGUAGES = new Set(['', 'yaml', 'yml']);

const BLANK = /^\s*$/;
// `#` and at least one more character (a line end other than LF counts), after any whitespace.
const COMMENT = /^\s*#./s;

/** Converts CRLF and lone CR line ends to LF, so a CRLF file parses exactly like its LF twin. */
export function toLf(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}

/**
 * Parses a document's text (already decoded, BOM removed). Front matter in any language but
 * YAML is refused before anything can evaluate it; an unclosed fence is an error. With
 * `recordPlaces`, front matter read by the fast path comes with the places of its values.
 */
export function parseDocument(source: string, limits: YamlLimits = DEFAULT_YAML_LIMITS, recordPlaces = false): ParseResult {
  const text = toLf(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source);
  if (!text.startsWith('---') || text.charAt(3) === '-') {
    return { ok: true, hasFrontMatter: false, data: undefined, frontMatter: '', frontMatterLine: 0, body: text };
  }
  const firstLineEnd = text.indexOf('\n');
  const fenceRest = firstLineEnd === -1 ? text.slice(3) : text.slice(3, firstLineEnd);
  const language = fenceRest.trim().toLowerCase();
  if (!YAML_LANGUAGES.has(language)) {
    return {
      ok: false,
      code: 'unsafe-front-matter',
      message: `front matter in language "${truncate(fenceRest.trim(), 40)}" is refused: only YAML is read, never executed`,
      line: 1,
      // Where the language's name starts (`--- js`: column 5).
      column: 4 + fenceRest.length - fenceRest.trimStart().length,
    };
  }
  const close = firstLineEnd === -1 ? -1 : text.indexOf('\n---', firstLineEnd);
  if (close === -1) {
    return {
      ok: false,
      code: 'unclosed-front-matter',
      message: 'front matter opened with "---" on line 1 is never closed',
      line: 1,
      column: 1,
    };
  }
  const frontMatter = text.slice(3 + fenceRest.length, close);
  // The common case: front matter within the fast YAML subset needs no js-yaml, and gives
  // exactly what gray-matter + js-yaml give (test/unit/fastyaml.test.ts checks both).
  let body = text.slice(close + 4);
  if (body[0] === '\n') body = body.slice(1);
  const slots = recordPlaces ? [] : null;
  const fast = fastLoadYaml(frontMatter, limits, slots);
  if (fast !== DEFER) {
    const parsed: ParsedDocument = { ok: true, hasFrontMatter: true, data: fast, frontMatter, frontMatterLine: 1, body };
    if (slots) parsed.valueSlots = slots;
    return parsed;
  }
  try {
    // What gray-matter + js-yaml give, without gray-matter (test/fuzz/parse.test.ts compares
    // them): an empty block, or YAML that loads as null, is `{}`.
    const data = isBlankOrComments(frontMatter) ? {} : (loadYaml(frontMatter, limits) ?? {});
    return { ok: true, hasFrontMatter: true, data, frontMatter, frontMatterLine: 1, body };
  } catch (error) {
    if (error instanceof YamlError) {
      if (error.code !== 'parse-error') return { ok: false, code: error.code, message: error.message, line: 1, column: 1 };
      // The YAML text starts right after "---" on line 1, so YAML line n is file line n + 1.
      const tagMessage = unreadTagMessage(error.message);
      if (tagMessage !== null) return { ok: false, code: error.code, message: tagMessage, line: error.line + 1, column: error.column + 1, unsupportedTag: true };
      const { message, line, column } = explainYamlProblem(frontMatter, { message: shortReason(error.message), line: error.line, column: error.column });
      return { ok: false, code: error.code, message, line: line + 1, column: column + 1 };
    }
    return { ok: false, code: 'parse-error', message: `front matter could not be read: ${(error as Error).message}`, line: 1, column: 1 };
  }
}
