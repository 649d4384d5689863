// Shared by the text rules: report each text field normalisation would change in one way (one FixKind).
import type { FixKind } from '../core/types.js';
import type { DocumentRule } from './types.js';

/** Builds a text rule reporting the fixes of one kind, with a message describing the change. */
export function textFixRule(
  id: FixKind & DocumentRule['id'],
  description: string,
  describe: (before: string) => string,
): DocumentRule {
  return {
    id,
    description,
    severity: 'warning',
    fixable: true,
    scope: 'document',
    check(document, report) {
      for (const fix of document.textFixes) {
        if (fix.kind !== id || typeof fix.before !== 'string') continue;
        report(document.locate.valueOrNearest(fix.field), `${fix.field}: ${describe(fix.before)}`);
      }
    },
  };
}
