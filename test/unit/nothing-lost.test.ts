// Nothing lost: every top-level front-matter key of every real article in ../shared/corpus reaches
// its record, as a modelled field or verbatim under `extra`; a changed modelled value is kept in
// `fixes`. The source is read here independently: own fence split, js-yaml with the core schema.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { beforeAll, expect, it } from 'vitest';
import { MODELLED_KEYS } from '../../src/core/normalise.js';
import { describeShared, ROOT, runCli, SHARED_CORPUS } from '../helpers.js';

const FOLDERS = ['everyday-ai/_news', 'everyday-ai/_archive/_news', 'seed'].map((folder) => path.join(SHARED_CORPUS, folder));
// Modelled keys whose record value is a plain scalar, comparable with the source value.
const SCALAR_KEYS = ['title', 'excerpt', 'category', 'type', 'publishedDateTime', 'originalUrl', 'webUrl', 'ampWebUrl', 'cdnAmpWebUrl', 'quality', 'heat', 'published'];

interface ListedRecord {
  path: string;
  extra: Record<string, unknown>;
  provider: Record<string, unknown>;
  fixes: Array<{ field: string; kind: string; before: unknown }>;
  [key: string]: unknown;
}

interface Source {
  file: string;
  data: Record<string, unknown>;
}

/** The front matter of a file as js-yaml's core schema reads it; undefined when there is none. */
function readSource(file: string): unknown {
  const text = readFileSync(file, 'utf8').replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') return undefined;
  const close = lines.findIndex((line, i) => i > 0 && line.trimEnd() === '---');
  if (close === -1) return undefined;
  return load(lines.slice(1, close).join('\n'), { schema: CORE_SCHEMA });
}

/** A value as JSON carries it: NaN and infinities become null, -0 becomes 0 (as the README says). */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const none = (value: unknown) => value === undefined || value === null || value === '';

describeShared('nothing lost from the real corpus', () => {
  const sources = new Map<string, Source>();
  const records = new Map<string, ListedRecord>();

  beforeAll(async () => {
    for (const folder of FOLDERS) {
      for (const name of readdirSync(folder).filter((entry) => entry.endsWith('.md')).sort()) {
        const file = path.join(folder, name);
        const data = readSource(file);
        if (isMapping(data) && typeof data.title === 'string' && !('taxonomy' in data)) sources.set(file, { file, data });
      }
    }
    const result = await runCli(['list', ...FOLDERS, '--format', 'json', '--no-cache', '--no-taxonomy'], { timeoutMs: 60_000 });
    expect(result.code).toBe(0);
    for (const record of JSON.parse(result.stdout) as ListedRecord[]) records.set(path.resolve(ROOT, record.path), record);
  }, 90_000);

  it('lists every article of the corpus, and nothing else', () => {
    expect(sources.size).toBeGreaterThan(100);
    expect([...records.keys()].sort()).toEqual([...sources.keys()].sort());
  });

  it('keeps every key that is not modelled, verbatim, under extra', () => {
    for (const { file, data } of sources.values()) {
      const record = records.get(file)!;
      for (const key of Object.keys(data)) {
        if (MODELLED_KEYS.has(key)) {
          expect(Object.hasOwn(record, key), `${file}: ${key}`).toBe(true);
          expect(Object.hasOwn(record.extra, key), `${file}: ${key} also in extra`).toBe(false);
        } else {
          expect(Object.hasOwn(record.extra, key), `${file}: ${key}`).toBe(true);
          expect(record.extra[key], `${file}: extra.${key}`).toEqual(asJson(data[key]));
        }
      }
      expect(Object.keys(record.extra).sort(), file).toEqual(Object.keys(data).filter((key) => !MODELLED_KEYS.has(key)).sort());
    }
  });

  it('keeps the provider keys it does not model, verbatim', () => {
    for (const { file, data } of sources.values()) {
      if (!isMapping(data.provider)) continue;
      const provider = records.get(file)!.provider;
      for (const key of Object.keys(data.provider).filter((k) => k !== 'name' && k !== 'domain')) {
        expect(provider[key], `${file}: provider.${key}`).toEqual(asJson(data.provider[key]));
      }
    }
  });

  it('records the source value of every modelled value it changed', () => {
    for (const { file, data } of sources.values()) {
      const record = records.get(file)!;
      for (const key of SCALAR_KEYS) {
        const before = data[key];
        const after = record[key];
        if (before === after || (none(before) && none(after))) continue;
        // A UTC ISO time only gains its milliseconds (`…00Z` → `…00.000Z`): the same instant, not a change.
        if (key === 'publishedDateTime' && typeof before === 'string' && /Z$/.test(before) && Date.parse(before) === Date.parse(String(after))) continue;
        const kept = record.fixes.some((fix) => fix.field === key && JSON.stringify(fix.before) === JSON.stringify(asJson(before)));
        expect(kept, `${file}: ${key} ${JSON.stringify(before)} → ${JSON.stringify(after)}`).toBe(true);
      }
      if (data.topics !== undefined && JSON.stringify(asJson(data.topics)) !== JSON.stringify(record.topics)) {
        expect(record.fixes.some((fix) => fix.field === 'topics'), `${file}: topics`).toBe(true);
      }
    }
  });
});
