// id-case-conflict: two or more article ids that differ only in letter case (`Story` and `story`).
import { sanitizePathForTerminal } from '../core/text.js';
import { andOthers, duplicateGroups } from './duplicate-url.js';
import type { CorpusRule, FileFacts } from './types.js';

/**
 * "'story' in b/story.md" / "... and 2 other files": `first`, the first file of a group whose id
 * differs from `self`'s (ids equal to its own are duplicate-id's to report), and how many differ.
 */
function othersInCase(first: FileFacts, differing: number): string {
  return andOthers(`'${sanitizePathForTerminal(first.id!)}' in ${sanitizePathForTerminal(first.path)}`, differing);
}

export const idCaseConflict: CorpusRule = {
  id: 'id-case-conflict',
  description: 'no two article ids differ only in letter case (they name one page on a case-insensitive file system)',
  severity: 'warning',
  fixable: false,
  scope: 'corpus',
  check(files, report) {
    for (const group of duplicateGroups(files, (file) => (file.id === null ? null : file.id.toLowerCase()))) {
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
        report(
          file.path,
          { line: 1, column: 1 },
          `the id '${sanitizePathForTerminal(file.id!)}' (the file name) differs only in case from ${othersInCase(other, differing)}: on a case-insensitive file system (macOS, Windows), or in a URL made from the id, they are one page; expected ids that differ in more than case`,
        );
      }
    }
  },
};
