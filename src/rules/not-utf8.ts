// not-utf8: a file that had to be decoded as Windows-1252 or UTF-16.
import type { DocumentRule } from './types.js';

const DESCRIPTIONS = {
  'windows-1252': 'is not valid UTF-8 and was read as Windows-1252',
  'utf-16le': 'is UTF-16 (little-endian, with a byte-order mark)',
  'utf-16be': 'is UTF-16 (big-endian, with a byte-order mark)',
} as const;

export const notUtf8: DocumentRule = {
  id: 'not-utf8',
  description: 'the file is not UTF-8 (it was read as Windows-1252 or UTF-16)',
  severity: 'warning',
  fixable: false,
  scope: 'document',
  check(document, report) {
    const encoding = document.encoding;
    if (encoding === null || encoding === 'utf-8') return;
    report({ line: 1, column: 1 }, `the file ${DESCRIPTIONS[encoding]}: expected UTF-8`);
  },
};
