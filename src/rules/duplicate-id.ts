// duplicate-id: two or more files with the same id (file name without extension) in different folders.
import { sanitizePathForTerminal } from '../core/text.js';
import { duplicateGroups, others } from './duplicate-url.js';
import type { CorpusRule } from './types.js';

export const duplicateId: CorpusRule = {
  id: 'duplicate-id',
  description: 'no two files have the same id (file name without extension)',
  severity: 'error',
  fixable: false,
  scope: 'corpus',
  check(files, report) {
    for (const group of duplicateGroups(files, (file) => file.id)) {
      for (const file of group) {
        report(file.path, { line: 1, column: 1 }, `the id '${sanitizePathForTerminal(file.id!)}' (the file name) is also the id of ${others(group, file)}: expected unique file names`);
      }
    }
  },
};
