// unreadable: a file (or path given) that could not be read at all.
import type { DocumentRule } from './types.js';

export const unreadable: DocumentRule = {
  id: 'unreadable',
  description: 'the file cannot be read (missing, permission denied, not a regular file, broken link)',
  severity: 'error',
  fixable: false,
  fatal: true,
  scope: 'document',
  check(document, report) {
    if (document.readFailure?.code === 'unreadable') report({ line: 1, column: 1 }, document.readFailure.message);
  },
};
