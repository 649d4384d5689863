// unsafe-front-matter: front matter in a language other than YAML (js, coffee, ...), refused unread.
import type { DocumentRule } from './types.js';

export const unsafeFrontMatter: DocumentRule = {
  id: 'unsafe-front-matter',
  description: 'front matter in a language other than YAML (js, coffee, ...), refused unread',
  severity: 'error',
  fixable: false,
  fatal: true,
  scope: 'document',
  check(document, report) {
    const parsed = document.parsed;
    if (parsed && !parsed.ok && parsed.code === 'unsafe-front-matter') report({ line: parsed.line, column: parsed.column }, parsed.message);
  },
};
