// Fuzzing validate --fix's core: any article front matter, written in any YAML style, is either
// left alone or rewritten so that it reads back as the same article with the text repaired.
import fc from 'fast-check';
import { CORE_SCHEMA, dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { FIXABLE_KINDS, fixDocumentText } from '../../src/core/fix.js';
import { normaliseArticle, TEXT_FIX_KINDS, textFixTargets, type Mapping } from '../../src/core/normalise.js';
import { parseDocument } from '../../src/core/parse.js';
import type { Article } from '../../src/core/types.js';
import { FUZZ_SEED, RUNS } from './budget.js';
import { frontMatter } from './records.js';

// The ways YAML writers lay out the same data: block or flow, plain or quoted, folded or not.
const styles = fc.constantFrom(
  {},
  { lineWidth: -1 },
  { lineWidth: 20 },
  { flowLevel: 0 },
  { flowLevel: 1 },
  { forceQuotes: true, quoteStyle: 'single' as const },
  { forceQuotes: true, quoteStyle: 'double' as const },
  { indent: 4, seqNoIndent: true },
);

function dataOf(text: string): Mapping {
  const parsed = parseDocument(text);
  if (!parsed.ok || !parsed.hasFrontMatter) throw new Error(`does not parse: ${JSON.stringify(text)}`);
  return parsed.data as Mapping;
}

/**
 * The article as list shows it, less the log of text repairs (which a fixed file no longer
 * needs); other log entries by field and kind (their `before` may hold a repaired text).
 */
function shownArticle(data: Mapping): unknown {
  const article = normaliseArticle(data, { id: 'x', path: 'x.md', encoding: 'utf-8', taxonomy: null });
  const strip = (fixes: Article['fixes']) => fixes.filter((fix) => !TEXT_FIX_KINDS.has(fix.kind)).map((fix) => `${fix.field} ${fix.kind}`);
  return { ...article, fixes: strip(article.fixes) };
}

describe('fixDocumentText over fuzzed front matter', () => {
  it('rewrites only repaired text, keeps the body, and reads back as the same article', () => {
    let fixedCount = 0;
    fc.assert(
      fc.property(frontMatter, styles, fc.boolean(), (data, style, crlf) => {
        let yaml: string;
        try {
          yaml = dump(data, { schema: CORE_SCHEMA, ...style });
        } catch {
          return;
        }
        const lf = `---\n${yaml}---\nBody  &amp; kept\n\nas it is.\n`;
        const source = crlf ? lf.replace(/\n/g, '\r\n') : lf;
        // js-yaml writes some strings with raw CR or line breaks inside quotes; only consistent line ends can be kept.
        if (crlf && /\r(?!\n)/.test(lf)) return;
        let original: Mapping;
        try {
          original = dataOf(lf);
        } catch {
          return;
        }
        const outcome = fixDocumentText(source);
        const wanted = textFixTargets(original, FIXABLE_KINDS);
        if (outcome.kind === 'refused') throw new Error(`refused: ${outcome.reason}\n${source}`);
        if (outcome.kind === 'unchanged') {
          // Nothing was rewritable: every wanted repair is reported as left.
          expect(outcome.left.map((left) => left.field).sort()).toEqual(wanted.map((repair) => repair.field).sort());
          return;
        }
        fixedCount++;
        // As the file will hold it: UTF-8 bytes, decoded again.
        const written = Buffer.from(outcome.text, 'utf8').toString('utf8');
        expect(written).toBe(outcome.text);
        const text = crlf ? written.replace(/\r\n/g, '\n') : written;
        if (crlf) expect(/(?<!\r)\n/.test(outcome.text)).toBe(false);
        expect(text.endsWith('---\nBody  &amp; kept\n\nas it is.\n')).toBe(true);
        const after = dataOf(text);
        // The same article, field for field, as list would show it.
        expect(shownArticle(after)).toEqual(shownArticle(original));
        // Every field it says it fixed now needs no repair; every other wanted one is said to be left.
        const still = new Set(textFixTargets(after, FIXABLE_KINDS).map((repair) => repair.field));
        for (const repair of outcome.fixed) expect(still.has(repair.field)).toBe(false);
        expect([...outcome.fixed.map((r) => r.field), ...outcome.left.map((l) => l.field)].sort()).toEqual(wanted.map((r) => r.field).sort());
        // Fixing again finds nothing more to rewrite.
        expect(fixDocumentText(outcome.text).kind).not.toBe('fixed');
      }),
      { seed: FUZZ_SEED, numRuns: RUNS.fixDocuments },
    );
    // The property must have exercised real rewrites, not only documents with nothing to fix.
    expect(fixedCount).toBeGreaterThan(RUNS.fixDocuments / 10);
  });
});
