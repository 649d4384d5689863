// Splits a document into front matter and body and loads the front matter safely. No I/O.
import { createRequire } from 'node:module';
import { DEFER, fastLoadYaml } from './fastyaml.js';
import { DEFAULT_YAML_LIMITS, loadYaml, YamlError, type YamlLimits } from './yaml.js';

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
  /** True when the front matter is plain block YAML (read by the fast path): one key per line. */
  simpleYaml?: boolean;
  body: string;
}

export type ParseResult = ParsedDocument | ParseFailure;

type GrayMatter = typeof import('gray-matter');
let grayMatter: GrayMatter | undefined;

// gray-matter (with its own dependencies) is loaded only for the first document the fast path
// leaves to it: most runs never need it, and every worker thread saves its start-up cost.
function loadGrayMatter(): GrayMatter {
  grayMatter ??= createRequire(import.meta.url)('gray-matter') as GrayMatter;
  return grayMatter;
}

const YAML_LANGUAGES = new Set(['', 'yaml', 'yml']);

const refuse = (): never => {
  throw new Error('front matter language refused');
};

/** Builds the gray-matter options: YAML through the safe loader, every other engine refused. */
function matterOptions(limits: YamlLimits) {
  const yaml = { parse: (text: string) => loadYaml(text, limits) as object, stringify: refuse };
  const refused = { parse: refuse, stringify: refuse };
  return {
    language: 'yaml',
    excerpt: false,
    engines: {
      yaml,
      yml: yaml,
      js: refused,
      javascript: refused,
      coffee: refused,
      coffeescript: refused,
      cson: refused,
      json: refused,
      toml: refused,
    },
  };
}

const optionsCache = new WeakMap<YamlLimits, ReturnType<typeof matterOptions>>();

/** Converts CRLF and lone CR line ends to LF, so a CRLF file parses exactly like its LF twin. */
export function toLf(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}

/**
 * Parses a document's text (already decoded, BOM removed). Front matter in any language but
 * YAML is refused before anything can evaluate it; an unclosed fence is an error.
 */
export function parseDocument(source: string, limits: YamlLimits = DEFAULT_YAML_LIMITS): ParseResult {
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
      message: `front matter in language "${fenceRest.trim().slice(0, 40)}" is refused: only YAML is read, never executed`,
      line: 1,
      column: 4,
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
  // The common case: front matter within the fast YAML subset needs neither gray-matter nor
  // js-yaml, and gives exactly what they give (test/unit/fastyaml.test.ts checks both).
  const fast = fastLoadYaml(frontMatter, limits);
  if (fast !== DEFER) {
    let body = text.slice(close + 4);
    if (body[0] === '\n') body = body.slice(1);
    return { ok: true, hasFrontMatter: true, data: fast, frontMatter, frontMatterLine: 1, body, simpleYaml: true };
  }
  let options = optionsCache.get(limits);
  if (!options) {
    options = matterOptions(limits);
    optionsCache.set(limits, options);
  }
  try {
    // The language was checked above, so gray-matter only ever reaches the YAML engine.
    const file = loadGrayMatter()(text, options) as unknown as { data: unknown; content: string; matter?: string };
    return {
      ok: true,
      hasFrontMatter: true,
      data: file.data,
      frontMatter: file.matter ?? frontMatter,
      frontMatterLine: 1,
      body: file.content,
    };
  } catch (error) {
    if (error instanceof YamlError) {
      // The YAML text starts right after "---" on line 1, so YAML line n is file line n + 1.
      const line = error.code === 'parse-error' ? error.line + 1 : 1;
      const column = error.code === 'parse-error' ? error.column + 1 : 1;
      return { ok: false, code: error.code, message: error.message, line, column };
    }
    return { ok: false, code: 'parse-error', message: `front matter could not be read: ${(error as Error).message}`, line: 1, column: 1 };
  }
}
