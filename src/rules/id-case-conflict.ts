// id-case-conflict: two or more article ids that differ only in letter case (`Story` and `story`)
// or in Unicode form (`café` composed and as `e` + U+0301).
import { sanitizePathForTerminal, toNfc } from '../core/text.js';
import { andOthers, duplicateGroups } from './duplicate-url.js';
import type { CorpusRule, FileFacts } from './types.js';

/**
 * "'story' in b/story.md" / "... and 2 other files": `first`, the first file of a group whose id
 * differs from `self`'s (ids equal to its own are duplicate-id's to report), and how many differ.
 */
function othersInCase(first: FileFacts, differing: number): string {
  return andOthers(`'${sanitizePathForTerminal(first.id!)}' in ${sanitizePathForTerminal(first.path)}`, differing);
}

// What a case-insensitive file system, or macOS, which also compares names in one Unicode form, takes for one name.
function foldedId(id: string): string {
  return toNfc(id).toLowerCase();
}

const CASE_ONLY = ': on a case-insensitive file system (macOS, Windows), or in a URL made from the id, they are one page; expected ids that differ in more than case';
// Windows does not equate two Unicode forms, nor a URL: only macOS's file systems do.
const FORM = ': on macOS, whose file systems compare names in one Unicode form (and letter case), they are one file; expected ids that differ in more than that';

// How two spellings of one folded id differ, and the consequence, for the message.
function difference(a: string, b: string): { how: string; why: string } {
  if (a.normalize('NFC') === b.normalize('NFC')) return { how: 'in Unicode form (composed or decomposed characters)', why: FORM };
  if (a.toLowerCase() === b.toLowerCase()) return { how: 'in case', why: CASE_ONLY };
  return { how: 'in case and Unicode form', why: FORM };
}

export const idCaseConflict: CorpusRule = {
  id: 'id-case-conflict',
  description: 'no two article ids differ only in letter case or Unicode form (they name one page on a case-insensitive file system, and on macOS)',
  severity: 'warning',
  fixable: false,
  scope: 'corpus',
  check(files, report) {
    for (const group of duplicateGroups(files, (file) => (file.id === null ? null : foldedId(file.id)))) {
      // Each spelling's count and first file, in walk order: constant time per file, however large the group.
      const spellings = new Map<string, { count: number; first: FileFacts }>();
      for (const file of group) {
        const known = spellings.get(file.id!);
        if (known) known.count++;
        else spellings.set(file.id!, { count: 1, first: file });
      }
      // Every id alike: duplicate-id's finding alone.
      if (spellings.size === 1) continue;
      const [firstSpelling, secondSpelling] = [...spellings.values()];
      for (const file of group) {
        const differing = group.length - spellings.get(file.id!)!.count;
        const other = firstSpelling!.first.id !== file.id ? firstSpelling!.first : secondSpelling!.first;
        const { how, why } = difference(file.id!, other.id!);
        report(file.path, { line: 1, column: 1 }, `the id '${sanitizePathForTerminal(file.id!)}' (the file name) differs only ${how} from ${othersInCase(other, differing)}${why}`);
      }
    }
  },
};
