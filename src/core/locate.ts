// Finds where a front-matter key or value sits in its file, from js-yaml's parser events. Pure.
import type { SlotPlaces } from './fastyaml.js';
import { EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, type Event, type ScalarEvent } from 'js-yaml';

/** A 1-based place in a file. */
export interface Place {
  line: number;
  column: number;
}

/** The places of one entry: its key (absent for sequence items and the root) and its value. */
export interface Located {
  key: Place | null;
  value: Place;
}

/** A mapping's entry under its key (the first one, when js-yaml let a key repeat). */
interface MappingEntry {
  keyOffset: number;
  value: PositionNode;
}

type PositionNode =
  | { kind: 'scalar'; offset: number; end?: number }
  | { kind: 'mapping'; offset: number; entries: Map<string, MappingEntry> }
  | { kind: 'sequence'; offset: number; items: PositionNode[] };

/** Answers "where is `provider.domain`?" for one document's front matter. */
export interface Locator {
  /** The key and value places of a path like `provider.domain`, `images[0].width`, `topics[1]`; null when absent. */
  find(path: string): Located | null;
  /** The place of a path's value, else of its nearest present ancestor's key, else the file's first line. */
  valueOrNearest(path: string): Place;
  /** The place of a path's key (its value for sequence items), else of its nearest present ancestor. */
  keyOrNearest(path: string): Place;
}

const FIRST_LINE: Place = { line: 1, column: 1 };

/** A locator that knows nothing: everything is at line 1, column 1. */
export const emptyLocator: Locator = {
  find: () => null,
  valueOrNearest: () => FIRST_LINE,
  keyOrNearest: () => FIRST_LINE,
};

/** Splits `related[0].provider.name` into `['related', 0, 'provider', 'name']`. */
export function splitPath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[1] !== undefined) segments.push(match[1]);
  }
  return segments;
}

// Where a scalar's token starts: its opening quote or block indicator, not its first character.
function scalarOffset(source: string, event: ScalarEvent): number {
  if (event.valueStart < 0) return -1;
  if (event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED) {
    return Math.max(0, event.valueStart - 1);
  }
  if (event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK) {
    return blockHeader(source, event.valueStart)?.indicator ?? event.valueStart;
  }
  return event.valueStart;
}

// A block scalar's `|` or `>` with its chomping and indentation indicators, then an optional comment, ending its line.
const BLOCK_HEADER_TAIL = /[|>][-+1-9]{0,2}[ \t]*(#.*)?$/;

/**
 * Where a block scalar's header is, given where its content starts (js-yaml's valueStart: the
 * line after the header, or the end of the text): the offset of its `|` or `>`, the end of its
 * line, and whether a comment follows it there. Null when no header is found.
 */
export function blockHeader(source: string, valueStart: number): { indicator: number; lineEnd: number; comment: boolean } | null {
  const lineEnd = source[valueStart - 1] === '\n' ? valueStart - 1 : valueStart;
  const lineStart = source.lastIndexOf('\n', lineEnd - 1) + 1;
  const match = BLOCK_HEADER_TAIL.exec(source.slice(lineStart, lineEnd));
  if (!match) return null;
  return { indicator: lineStart + match.index, lineEnd, comment: match[1] !== undefined };
}

// The furthest offset a node's own text is known to reach (its start, or a scalar's end).
function furthest(node: PositionNode): number {
  if (node.kind === 'scalar') return Math.max(node.offset, node.end ?? -1);
  let far = node.offset;
  if (node.kind === 'sequence') for (const item of node.items) far = Math.max(far, furthest(item));
  else for (const { keyOffset, value } of node.entries.values()) far = Math.max(far, keyOffset, furthest(value));
  return far;
}

/**
 * The offset of the next item's dash of the block list whose first dash is at `first`, from
 * `from` on: the first item's is `first` itself (also in a compact nested list, `- - a`); a later
 * one is a `-` in the first dash's column, with only spaces before it on its line and nothing or
 * a space after it. Read line by line, looking only at that column; -1 at a line indented less,
 * where the list has ended.
 */
function dashAfter(source: string, from: number, first: number): number {
  if (from <= first) return first;
  const column = first - (source.lastIndexOf('\n', first - 1) + 1);
  for (let start = source.indexOf('\n', from - 1) + 1; start > 0 && start < source.length; start = source.indexOf('\n', start) + 1) {
    let at = start;
    while (at < start + column && source.charCodeAt(at) === 32) at++;
    const c = source[at];
    // Blank and comment lines are no items.
    if (c === undefined || c === '\n' || c === '\r' || c === '#') continue;
    if (at < start + column) return -1;
    if (c === '-') {
      const after = source[at + 1];
      if (after === undefined || after === ' ' || after === '\n' || after === '\r' || after === '\t') return at;
    }
  }
  return -1;
}

function buildTree(source: string, events: readonly Event[]): PositionNode | null {
  let index = 0;
  const next = (): PositionNode | null => {
    const event = events[index++];
    if (!event) return null;
    switch (event.type) {
      case EVENT_ID.SCALAR:
        return { kind: 'scalar', offset: scalarOffset(source, event), end: event.valueEnd };
      case EVENT_ID.ALIAS:
        return { kind: 'scalar', offset: event.anchorStart >= 0 ? Math.max(0, event.anchorStart - 1) : -1 };
      case EVENT_ID.SEQUENCE: {
        const node: PositionNode = { kind: 'sequence', offset: event.start, items: [] };
        // In a block list, an item written as nothing (`-` alone) is placed at its dash.
        const block = source[event.start] === '-';
        let after = event.start;
        while (index < events.length && events[index]!.type !== EVENT_ID.POP) {
          const itemEvent = events[index]!;
          const item = next();
          if (!item) continue;
          if (item.kind === 'scalar' && item.offset < 0 && itemEvent.type === EVENT_ID.SCALAR) {
            // Only an anchor or a tag written: placed at whichever comes first (anchorStart is
            // just after the `&`, tagStart at the `!`); nothing at all: at the dash.
            const marks = [itemEvent.anchorStart >= 0 ? itemEvent.anchorStart - 1 : -1, itemEvent.tagStart].filter((mark) => mark >= 0);
            if (marks.length > 0) item.offset = Math.min(...marks);
            else if (block) {
              const dash = dashAfter(source, node.items.length === 0 ? event.start : after, event.start);
              if (dash >= 0) item.offset = dash;
            }
          }
          node.items.push(item);
          // Past this item's own text, so that the next empty item finds the next dash.
          after = Math.max(after, furthest(item) + 1);
        }
        index++;
        return node;
      }
      case EVENT_ID.MAPPING: {
        // Entries by key: looking a key up in a list for every question was quadratic.
        const node: PositionNode = { kind: 'mapping', offset: event.start, entries: new Map() };
        while (index < events.length && events[index]!.type !== EVENT_ID.POP) {
          const keyEvent = events[index]!;
          const keyNode = next();
          const value = next();
          if (!keyNode || !value) break;
          const key = keyEvent.type === EVENT_ID.SCALAR ? getScalarValue(source, keyEvent) : '';
          if (!node.entries.has(key)) node.entries.set(key, { keyOffset: keyNode.offset, value });
        }
        index++;
        return node;
      }
      default:
        return null;
    }
  };
  while (index < events.length) {
    const event = events[index]!;
    if (event.type === EVENT_ID.DOCUMENT) {
      index++;
      return next();
    }
    index++;
  }
  return null;
}

// 0-based offsets of the start of every line of `text`.
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Builds a locator for front-matter YAML text (LF line ends) whose line 0 is file line `firstLine`.
 * Values of front matter the fast loader read are placed from what it recorded (`fast`); anything
 * else is parsed for its places on the first question, since most files have no problem to place.
 */
export function createLocator(yaml: string, firstLine: number, maxDepth = 64, fast: SlotPlaces | null = null): Locator {
  let built: Locator | undefined;
  const locator = (): Locator => (built ??= buildLocator(yaml, firstLine, maxDepth));
  const quickPlace = (path: string): Place | null => {
    const place = fast?.place(path);
    return place ? { line: firstLine + place.line, column: place.column + 1 } : null;
  };
  return {
    find: (path) => locator().find(path),
    valueOrNearest: (path) => quickPlace(path) ?? locator().valueOrNearest(path),
    keyOrNearest: (path) => locator().keyOrNearest(path),
  };
}

// Text js-yaml cannot parse gives the empty locator.
function buildLocator(yaml: string, firstLine: number, maxDepth: number): Locator {
  let root: PositionNode | null;
  try {
    root = buildTree(yaml, parseEvents(yaml, { maxDepth }));
  } catch {
    return emptyLocator;
  }
  if (!root) return emptyLocator;
  const starts = lineStarts(yaml);
  const placeOf = (offset: number): Place => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: firstLine + low, column: offset - starts[low]! + 1 };
  };
  type Reached = { keyOffset: number; node: PositionNode };
  // Follows the path from the root; `reached` holds the root and each entry found, deepest last.
  const walk = (path: string): { reached: Reached[]; complete: boolean } => {
    const reached: Reached[] = [{ keyOffset: -1, node: root }];
    let node: PositionNode = root;
    for (const segment of splitPath(path)) {
      let found: Reached | undefined;
      if (typeof segment === 'number' && node.kind === 'sequence') {
        const item = node.items[segment];
        if (item) found = { keyOffset: -1, node: item };
      } else if (typeof segment === 'string' && node.kind === 'mapping') {
        const entry = node.entries.get(segment);
        if (entry) found = { keyOffset: entry.keyOffset, node: entry.value };
      }
      if (!found) return { reached, complete: false };
      reached.push(found);
      node = found.node;
    }
    return { reached, complete: true };
  };
  const keyPlace = (entry: Reached): Place | null => {
    if (entry.keyOffset >= 0) return placeOf(entry.keyOffset);
    return entry.node.offset >= 0 ? placeOf(entry.node.offset) : null;
  };
  const nearest = (reached: readonly Reached[]): Place => {
    for (let i = reached.length - 1; i >= 0; i--) {
      const place = keyPlace(reached[i]!);
      if (place) return place;
    }
    return FIRST_LINE;
  };
  return {
    find(path) {
      const { reached, complete } = walk(path);
      const last = reached[reached.length - 1]!;
      if (!complete) return null;
      const value = last.node.offset >= 0 ? placeOf(last.node.offset) : keyPlace(last);
      if (!value) return null;
      return { key: last.keyOffset >= 0 ? placeOf(last.keyOffset) : null, value };
    },
    valueOrNearest(path) {
      const { reached, complete } = walk(path);
      const last = reached[reached.length - 1]!;
      if (complete && last.node.offset >= 0) return placeOf(last.node.offset);
      return nearest(reached);
    },
    keyOrNearest(path) {
      return nearest(walk(path).reached);
    },
  };
}
