// id-case-conflict: two or more article ids that differ only in letter case (`Story` and `story`).
import { sanitizePathForTerminal } from '../core/text.js';
import { duplicateGroups } from './duplicate-url.js';
import type { CorpusRule, FileFacts } from './types.js';

/**
 * "'story' in b/story.md" / "... and 2 other files": the files of a group whose id differs from
 * `self`'s (ids equal to its own are duplicate-id's to report).
 */
function othersInCase(group: readonly FileFacts[], self: FileFacts, differing: number): string {
  const first = group.find((file) => file.id !== self.id)!;
  const named = `'${sanitizePathForTerminal(first.id!)}' in ${sanitizePathForTerminal(first.path)}`;
  return differing === 1 ? named : `${named} and ${differing - 1} other file${differing === 2 ? '' : 's'}`;
}

export const idCaseConflict: CorpusRule = {
  id: 'id-case-conflict',
  description: 'no two article ids differ only in letter case (they name one page on a case-insensitive file system)',
  severity: 'warning',
  fixable: false,
  scope: 'corpus',
  check(files, report) {
    for (const group of duplicateGroups(files, (file) => (file.id === null ? null : file.id.toLowerCase()))) {
      const counts = new Map<string, number>();
      for (const file of group) counts.set(file.id!, (counts.get(file.id!) ?? 0) + 1);
      // Every id alike: duplicate-id's finding alone.
      if (counts.size === 1) continue;
      for (const file of group) {
        const differing = group.length - counts.get(file.id!)!;
        report(
          file.path,
          { line: 1, column: 1 },
          `the id '${sanitizePathForTerminal(file.id!)}' (the file name) differs only in case from ${othersInCase(group, file, differing)}: on a case-insensitive file system (macOS, Windows), or in a URL made from the id, they are one page; expected ids that differ in more than case`,
        );
      }
    }
  },
};
