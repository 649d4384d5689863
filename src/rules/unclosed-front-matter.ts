// unclosed-front-matter: an opening --- line without a closing --- line.
import type { DocumentRule } from './types.js';

export const unclosedFrontMatter: DocumentRule = {
  id: 'unclosed-front-matter',
  description: 'an opening --- line without a closing --- line',
  severity: 'error',
  fixable: false,
  fatal: true,
  scope: 'document',
  check(document, report) {
    const parsed = document.parsed;
    if (parsed && !parsed.ok && parsed.code === 'unclosed-front-matter') report({ line: parsed.line, column: parsed.column }, parsed.message);
  },
};
