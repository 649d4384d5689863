// parse-error: front matter that is not valid YAML (syntax, duplicate keys) or too complex to load safely.
import type { DocumentRule } from './types.js';

export const parseError: DocumentRule = {
  id: 'parse-error',
  description: 'the front matter is not valid YAML (syntax error, duplicate key) or expands too far (alias bomb, deep nesting)',
  severity: 'error',
  fixable: false,
  fatal: true,
  scope: 'document',
  check(document, report) {
    const parsed = document.parsed;
    if (!parsed || parsed.ok) return;
    if (parsed.code !== 'parse-error') {
      if (parsed.code === 'too-complex') report({ line: parsed.line, column: parsed.column }, `front matter refused: ${parsed.message}`);
      return;
    }
    // Valid YAML whose tag feedtool does not read is not called invalid.
    report({ line: parsed.line, column: parsed.column }, `front matter${parsed.unsupportedTag ? '' : ' is not valid YAML'}: ${parsed.message}`);
  },
};
