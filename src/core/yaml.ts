// Safe YAML loading for untrusted front matter: core schema, bounded depth, bounded expansion.
import { load, loadAll, CORE_SCHEMA, YAMLException } from 'js-yaml';
import { sliceWhole } from './text.js';

export interface YamlLimits {
  /** Most nodes the loaded value may expand to when every alias is followed. */
  maxNodes: number;
  /** Deepest nesting of collections accepted. */
  maxDepth: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = { maxNodes: 100_000, maxDepth: 64 };

/** A YAML problem with its 0-based place inside the YAML text. */
export class YamlError extends Error {
  constructor(
    message: string,
    readonly code: 'parse-error' | 'too-complex',
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const UNKNOWN_TAG = /^unknown (?:scalar |sequence |mapping )?tag (!<.*>|\S+)/s;

/** A tag as people write it: `!<tag:yaml.org,2002:set>` as `!!set`, `!<!x>` as `!x`. */
function shortTag(tag: string): string {
  return tag.replace(/^!<tag:yaml\.org,2002:(.*)>$/, '!!$1').replace(/^!<(!.*)>$/, '$1');
}

/** js-yaml's reason as messages show it: it quotes the text it stopped at (a tag name of megabytes), cut as other quoted values are. */
export function shortReason(reason: string): string {
  return reason.length > 200 ? `${sliceWhole(reason, 0, 199)}…` : reason;
}

/** For js-yaml's "unknown tag" reason, what to tell people instead (null for any other reason). */
export function unreadTagMessage(reason: string): string | null {
  const tag = UNKNOWN_TAG.exec(reason)?.[1];
  if (tag === undefined) return null;
  const shown = shortTag(tag);
  // A hostile tag of megabytes is named by its start, as other quoted values are.
  const named = shown.length > 100 ? `${sliceWhole(shown, 0, 99)}…` : shown;
  return `the YAML tag ${named} is not read (feedtool reads only the core schema's tags: !!str, !!int, !!float, !!bool, !!null, !!seq, !!map): write the value without it`;
}

// How js-yaml is asked to load: the core schema (timestamps stay strings), bounded depth and merges.
const loadOptions = (limits: YamlLimits) => ({ schema: CORE_SCHEMA, maxDepth: limits.maxDepth, maxTotalMergeKeys: 1000 });

/** Loads YAML text with the core schema (timestamps stay strings); throws YamlError on any failure. */
export function loadYaml(text: string, limits: YamlLimits = DEFAULT_YAML_LIMITS): unknown {
  let value: unknown;
  try {
    value = load(text, loadOptions(limits));
  } catch (error) {
    throw toYamlError(error, text, limits);
  }
  assertBoundedGraph(value, limits.maxNodes);
  return value;
}

/** Loads every document of a YAML stream (`---` separated), with the same limits as loadYaml. */
export function loadYamlDocuments(text: string, limits: YamlLimits = DEFAULT_YAML_LIMITS): unknown[] {
  let values: unknown[];
  try {
    values = loadAll(text, null, loadOptions(limits)) as unknown[];
  } catch (error) {
    throw toYamlError(error, text, limits);
  }
  assertBoundedGraph(values, limits.maxNodes);
  return values;
}

function toYamlError(error: unknown, text: string, limits: YamlLimits): YamlError {
  if (error instanceof YAMLException) {
    const mark = (error as YAMLException & { mark?: { line: number; column: number; position: number } }).mark;
    const reason = error.reason || 'invalid YAML';
    const found = mark === undefined || mark.position === 0 ? placeOfUnplacedError(reason, text, limits) : null;
    const place = found ?? mark;
    return new YamlError(reason, 'parse-error', place?.line ?? 0, place?.column ?? 0);
  }
  if (error instanceof RangeError) return new YamlError('YAML nesting is too deep', 'too-complex', 0, 0);
  return new YamlError(`invalid YAML: ${String((error as Error)?.message ?? error)}`, 'parse-error', 0, 0);
}

const SECOND_DOCUMENT = 'expected a single document in the stream, but found more';
const COMPLEX_KEY = 'object-based map does not support complex keys';
// The end of the first document (`...`) or the start of a second (`---`): only ever at column 0.
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:[ \t]|$)/;
// A line that can hold a key that is a collection: an explicit key (`? [a]`, `? - a`, a bare `?`
// over an indented block) or a flow collection followed by `:`.
const COLLECTION_KEY = /^[ \t]*(?:\?(?:[ \t]|$)|.*[\]}][ \t]*:(?:[ \t]|$))/;
// A flow collection with none inside it, followed by `:`: a key (`{x: 1, [a]: 1}` has it at `[a]`).
const FLOW_KEY = /[[{][^[\]{}]*[\]}][ \t]*:(?:[ \t]|$)/;
/**
 * Front matter longer than this, in lines or characters, is not searched for a complex key's
 * place: each try loads a prefix, so the search loads up to lines × characters (200 prefixes of
 * a 9 MB text had taken 50 s).
 */
const MAX_LINES_TO_PLACE = 200;
const MAX_CHARS_TO_PLACE = 16 * 1024;

/** How much whitespace a line starts with, in characters. */
export const indentOf = (line: string): number => line.length - line.trimStart().length;

// The 0-based line and column of a js-yaml error it gives no useful place for; null when unknown.
function placeOfUnplacedError(reason: string, text: string, limits: YamlLimits): { line: number; column: number } | null {
  const lines = text.split('\n');
  if (reason === SECOND_DOCUMENT) {
    const line = lines.findIndex((content) => DOCUMENT_MARKER.test(content));
    return line === -1 ? null : { line, column: 0 };
  }
  if (reason !== COMPLEX_KEY || lines.length > MAX_LINES_TO_PLACE || text.length > MAX_CHARS_TO_PLACE) return null;
  // js-yaml refuses the pair once its key is read: the shortest prefix of the text that fails
  // so ends on the key's line or below it; the key is the nearest line above that can hold one.
  for (let end = 1; end <= lines.length; end++) {
    try {
      load(lines.slice(0, end).join('\n'), loadOptions(limits));
    } catch (error) {
      if (!(error instanceof YAMLException) || error.reason !== COMPLEX_KEY) continue;
      let line = end - 1;
      while (line > 0 && !COLLECTION_KEY.test(lines[line]!)) line--;
      if (!COLLECTION_KEY.test(lines[line]!)) line = end - 1;
      const text = lines[line]!;
      // At the `?` of an explicit key, else at the innermost flow collection before a `:`.
      const flowKey = /^[ \t]*\?/.test(text) ? -1 : text.search(FLOW_KEY);
      return { line, column: flowKey === -1 ? indentOf(text) : flowKey };
    }
  }
  return null;
}

/**
 * Refuses a value whose fully expanded size (every alias followed) exceeds maxNodes, or that
 * refers to itself. Aliases make the loaded value a graph: it is cheap to hold but can be
 * exponentially large to print, so it is measured here, once, with memoised sizes.
 */
export function assertBoundedGraph(value: unknown, maxNodes: number): void {
  const sizes = new Map<object, number>();
  const onPath = new Set<object>();
  const sizeOf = (node: unknown): number => {
    if (node === null || typeof node !== 'object') return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (onPath.has(node)) {
      throw new YamlError('YAML refers to itself through an alias (a cycle)', 'too-complex', 0, 0);
    }
    onPath.add(node);
    let total = 1;
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      total += sizeOf(child);
      if (total > maxNodes) {
        throw new YamlError(
          `YAML expands to more than ${maxNodes} nodes (an alias bomb?)`,
          'too-complex',
          0,
          0,
        );
      }
    }
    onPath.delete(node);
    sizes.set(node, total);
    return total;
  };
  sizeOf(value);
}
