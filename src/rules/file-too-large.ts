// file-too-large: a file over the --max-file-size limit, refused unread.
import type { DocumentRule } from './types.js';

export const fileTooLarge: DocumentRule = {
  id: 'file-too-large',
  description: 'the file is larger than --max-file-size and was not read',
  severity: 'error',
  fixable: false,
  fatal: true,
  scope: 'document',
  check(document, report) {
    if (document.readFailure?.code === 'file-too-large') report({ line: 1, column: 1 }, document.readFailure.message);
  },
};
