// no-front-matter: a Markdown file without a `---` front-matter block.
import type { DocumentRule } from './types.js';

export const noFrontMatter: DocumentRule = {
  id: 'no-front-matter',
  description: 'the file does not start with a YAML front-matter block between --- lines',
  severity: 'error',
  fixable: false,
  fatal: true,
  scope: 'document',
  check(document, report) {
    const parsed = document.parsed;
    if (parsed?.ok && !parsed.hasFrontMatter) {
      report({ line: 1, column: 1 }, "no front matter: expected the file to start with a '---' line, YAML fields, then a closing '---' line");
    }
  },
};
