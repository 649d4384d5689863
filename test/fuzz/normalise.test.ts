// Fuzzing normaliseArticle: total over any front matter, output of the declared types, idempotent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MODELLED_KEYS, normaliseArticle, setOwn, TEXT_FIX_KINDS, textFixes, type Mapping } from '../../src/core/normalise.js';
import { Taxonomy } from '../../src/core/taxonomy.js';
import type { Article, ArticleFields } from '../../src/core/types.js';
import { FUZZ_SEED, RUNS } from './budget.js';
import { articleProblems, frontMatter } from './records.js';

const taxonomy = new Taxonomy([
  { name: 'AI', id: 'ai', parent: null, keywords: [] },
  { name: 'Machine Learning', id: 'ml', parent: 'AI', keywords: [] },
  { name: 'News', id: null, parent: null, keywords: [] },
]);
const ids = fc.constantFrom('fuzz-article', '2023-01-02-dated-article', '2023-02-30-impossible-date', 'x');
const taxonomies = fc.constantFrom(null, taxonomy);

function normalise(data: Mapping, id: string, tax: Taxonomy | null): Article {
  return normaliseArticle(data, { id, path: `news/${id}.md`, encoding: 'utf-8', taxonomy: tax });
}

/** A value as short text for a failure message, whatever it is (`{toString: null}` included). */
function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

/** A record's fields as front matter again: the modelled keys, then every `extra` key at top level. */
function asFrontMatter(fields: ArticleFields & { related?: ArticleFields[] }): Mapping {
  const data: Mapping = {};
  for (const key of MODELLED_KEYS) {
    if (key === 'related') {
      if (fields.related !== undefined) setOwn(data, key, fields.related.map(asFrontMatter));
    } else {
      setOwn(data, key, (fields as unknown as Mapping)[key]);
    }
  }
  for (const key of Object.keys(fields.extra)) setOwn(data, key, fields.extra[key]);
  return data;
}

/** What idempotence compares: the modelled fields, the canonical url and extra, also of related entries. */
function modelled(fields: ArticleFields & { related?: ArticleFields[] }): Mapping {
  const view: Mapping = {};
  for (const key of [...MODELLED_KEYS, 'url', 'extra']) {
    const value = (fields as unknown as Mapping)[key];
    setOwn(view, key, key === 'related' && Array.isArray(value) ? value.map(modelled) : value);
  }
  return view;
}

describe('normaliseArticle on any front matter', () => {
  it('never throws and always returns a record of the declared types', () => {
    fc.assert(
      fc.property(frontMatter, ids, taxonomies, (data, id, tax) => {
        const article = normalise(data, id, tax);
        expect(articleProblems(article)).toEqual([]);
        expect(article.id).toBe(id);
      }),
      { numRuns: RUNS.normaliseTotal, seed: FUZZ_SEED },
    );
  });

  it("is idempotent: normalising a record's own fields again changes none of them", () => {
    fc.assert(
      fc.property(frontMatter, ids, taxonomies, (data, id, tax) => {
        const once = normalise(data, id, tax);
        // The file-name date is context, not front matter: it fills a missing date but not an
        // invalid one (made null), so the second pass runs under a name without a date.
        const twice = normalise(asFrontMatter(once), 'no-date-in-this-name', tax);
        expect(modelled(twice)).toEqual(modelled(once));
      }),
      { numRuns: RUNS.normaliseIdempotent, seed: FUZZ_SEED },
    );
  });

  it('records the original of every modelled value it changed', () => {
    fc.assert(
      fc.property(frontMatter, ids, (data, id) => {
        const article = normalise(data, id, null);
        for (const key of ['title', 'excerpt', 'quality', 'heat', 'published'] as const) {
          const before = data[key];
          const after = (article as unknown as Mapping)[key];
          // Absent, null and '' all mean "no value"; the record spells that null ('' for the title).
          const none = (value: unknown) => value === undefined || value === null || value === '';
          const unchanged = before === after || Object.is(before, after) || (none(before) && none(after));
          // NaN and ±Infinity, which JSON cannot hold, are logged by name.
          const logged = typeof before === 'number' && !Number.isFinite(before) ? String(before) : before;
          if (!unchanged) expect(article.fixes.some((fix) => fix.field === key && Object.is(fix.before, logged)), `${key}: ${show(before)} → ${show(after)}`).toBe(true);
        }
      }),
      { numRuns: RUNS.normaliseFixes, seed: FUZZ_SEED },
    );
  });

  it('textFixes gives exactly the text fixes of the record, in the same order (what validate reports)', () => {
    fc.assert(
      fc.property(frontMatter, ids, taxonomies, (data, id, tax) => {
        const expected = normalise(data, id, tax).fixes.filter((fix) => TEXT_FIX_KINDS.has(fix.kind));
        expect(textFixes(data)).toStrictEqual(expected);
      }),
      { numRuns: RUNS.normaliseFixes, seed: FUZZ_SEED },
    );
  });
});
