// duplicate-url: two or more files with the same canonical URL.
import { sanitizePathForTerminal, truncate } from '../core/text.js';
import type { CorpusRule, FileFacts } from './types.js';

/** Groups facts by a key, keeping only groups of two or more. */
export function duplicateGroups(files: readonly FileFacts[], keyOf: (file: FileFacts) => string | null): FileFacts[][] {
  const groups = new Map<string, FileFacts[]>();
  for (const file of files) {
    const key = keyOf(file);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(file);
    else groups.set(key, [file]);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}

/** Most files a message names before it counts the rest, and the characters their names may take (the first is always named). */
const NAMED_FILES = 3;
const NAMES_BUDGET = 120;

const firstOfGroup = new WeakMap<readonly FileFacts[], { files: FileFacts[]; names: string[] }>();

// A group's first NAMED_FILES + 1 files in path order, by code point as reports list files (one
// may be the file the message is about), and their names as messages show them, found once per
// group in one pass.
function firstByPath(group: readonly FileFacts[]): { files: FileFacts[]; names: string[] } {
  const known = firstOfGroup.get(group);
  if (known) return known;
  const files: FileFacts[] = [];
  for (const file of group) {
    if (files.length === NAMED_FILES + 1 && file.path >= files[NAMED_FILES]!.path) continue;
    let at = files.length;
    while (at > 0 && file.path < files[at - 1]!.path) at--;
    files.splice(at, 0, file);
    if (files.length > NAMED_FILES + 1) files.pop();
  }
  // Named for people: a tab in the name as \x09, so it never reads as another file's space.
  const first = { files, names: files.map((file) => sanitizePathForTerminal(file.path)) };
  firstOfGroup.set(group, first);
  return first;
}

/**
 * "a.md" / "a.md and b.md" / "a.md, b.md, c.md and 2 other files": the files of a group (of two
 * or more) other than `self`, the first three named, as many as fit in NAMES_BUDGET characters.
 */
export function others(group: readonly FileFacts[], self: FileFacts): string {
  // Constant time per file, not a pass over the group: a URL shared by thousands of files would
  // otherwise cost millions of steps. The files named are the first in path order, as reports list them.
  const first = firstByPath(group);
  const named: string[] = [];
  let length = 0;
  for (let i = 0; i < first.files.length && named.length < NAMED_FILES; i++) {
    if (first.files[i] === self) continue;
    // Long paths: fewer names, so a tree of many copies does not grow every message (and report) by hundreds of characters.
    const added = first.names[i]!.length + (named.length > 0 ? 2 : 0);
    if (named.length > 0 && length + added > NAMES_BUDGET) break;
    named.push(first.names[i]!);
    length += added;
  }
  const rest = group.length - 1 - named.length;
  if (rest > 0) return `${named.join(', ')} and ${rest} other file${rest === 1 ? '' : 's'}`;
  return named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

/** "a.md" / "a.md and 2 other files": `first` named, of `count` files in all. */
export function andOthers(first: string, count: number): string {
  return count === 1 ? first : `${first} and ${count - 1} other file${count === 2 ? '' : 's'}`;
}

export const duplicateUrl: CorpusRule = {
  id: 'duplicate-url',
  description: 'no two files have the same canonical URL (ignoring scheme, www., trailing slash, fragment and tracking parameters such as utm_* and fbclid)',
  severity: 'error',
  fixable: false,
  scope: 'corpus',
  check(files, report) {
    for (const group of duplicateGroups(files, (file) => file.urlKey)) {
      for (const file of group) {
        report(file.path, file.urlPlace, `${file.urlField}: this article's URL (${truncate(file.urlKey!, 200)}) is also in ${others(group, file)}: expected each article in one file only`);
      }
    }
  },
};
