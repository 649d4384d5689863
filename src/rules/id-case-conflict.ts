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

// Some ids in the group differ only in case, others in Unicode form: each consequence for its own.
const MIXED = ': on macOS, whose file systems compare names in one Unicode form and letter case, they are one file, and those that differ only in case are one page on Windows too, or in a URL made from the id; expected ids that differ in more than that';

/**
 * How a spelling differs from the group's other spellings, and the consequence, for the message:
 * only in Unicode form (another spelling has its NFC), only in case (another has its lower case),
 * in both at once (any other), or in more than one of those ways.
 */
function difference(others: { formOnly: boolean; caseOnly: boolean; both: boolean }): { how: string; why: string } {
  const { formOnly, caseOnly, both } = others;
  if (caseOnly && !formOnly && !both) return { how: 'in case', why: CASE_ONLY };
  if (formOnly && !caseOnly && !both) return { how: 'in Unicode form (composed or decomposed characters)', why: FORM };
  if (both && !formOnly && !caseOnly) return { how: 'in case and Unicode form', why: FORM };
  return { how: 'in case or Unicode form', why: caseOnly ? MIXED : FORM };
}

/** How many of `spellings` share a key with each spelling (itself included). */
function countsBy(spellings: Iterable<string>, key: (id: string) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of spellings) counts.set(key(id), (counts.get(key(id)) ?? 0) + 1);
  return counts;
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
      // Spellings alike in NFC differ only in form; the others alike in lower case, only in case
      // (the Ångström sign U+212B and `Å` are alike in both). Constant time per file.
      const byForm = countsBy(spellings.keys(), (id) => id.normalize('NFC'));
      const byCase = countsBy(spellings.keys(), (id) => id.toLowerCase());
      const byBoth = countsBy(spellings.keys(), (id) => `${id.normalize('NFC')}\0${id.toLowerCase()}`);
      for (const file of group) {
        const differing = group.length - spellings.get(file.id!)!.count;
        const other = firstSpelling!.first.id !== file.id ? firstSpelling!.first : secondSpelling!.first;
        const formOnly = byForm.get(file.id!.normalize('NFC'))! - 1;
        const caseOnly = byCase.get(file.id!.toLowerCase())! - byBoth.get(`${file.id!.normalize('NFC')}\0${file.id!.toLowerCase()}`)!;
        const { how, why } = difference({ formOnly: formOnly > 0, caseOnly: caseOnly > 0, both: spellings.size - 1 - formOnly - caseOnly > 0 });
        report(file.path, { line: 1, column: 1 }, `the id '${sanitizePathForTerminal(file.id!)}' (the file name) differs only ${how} from ${othersInCase(other, differing)}${why}`);
      }
    }
  },
};
