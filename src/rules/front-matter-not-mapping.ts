// front-matter-not-mapping: front matter that is a list, a string or a number instead of key: value fields.
import { isMapping } from '../core/normalise.js';
import { typeName } from './helpers.js';
import type { DocumentRule } from './types.js';

export const frontMatterNotMapping: DocumentRule = {
  id: 'front-matter-not-mapping',
  description: 'the front matter is not a mapping of fields (it is a list, text or a number)',
  severity: 'error',
  fixable: false,
  fatal: true,
  scope: 'document',
  check(document, report) {
    const parsed = document.parsed;
    if (!parsed?.ok || !parsed.hasFrontMatter || isMapping(parsed.data)) return;
    report(document.locate.valueOrNearest(''), `front matter is ${typeName(parsed.data)}: expected a mapping of fields (key: value)`);
  },
};
