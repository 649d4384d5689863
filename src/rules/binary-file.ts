// binary-file: bytes that are not text (a NUL byte) in a Markdown file.
import type { DocumentRule } from './types.js';

export const binaryFile: DocumentRule = {
  id: 'binary-file',
  description: 'the file contains NUL bytes, so it is not text',
  severity: 'error',
  fixable: false,
  fatal: true,
  scope: 'document',
  check(document, report) {
    if (document.binary) report({ line: 1, column: 1 }, 'binary file (contains NUL bytes): expected UTF-8 Markdown text');
  },
};
