// The real corpus in ../shared (skipped when it is absent): every article listed, dates parse, no crash.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { SHARED_CORPUS, describeShared, runCli } from '../helpers.js';

const EVERYDAY = path.join(SHARED_CORPUS, 'everyday-ai');
const NEWS_DIRS = [path.join(EVERYDAY, '_news'), path.join(EVERYDAY, '_archive', '_news')];

interface Record {
  id: string;
  path: string;
  title: string;
  publishedDateTime: string | null;
  topics: string[];
  fixes: Array<{ field: string; kind: string; before: unknown }>;
}

async function listJson(args: string[]): Promise<{ records: Record[]; stderr: string }> {
  const { code, stdout, stderr } = await runCli(['list', ...args, '--format', 'json'], { timeoutMs: 60_000 });
  expect(code).toBe(0);
  return { records: JSON.parse(stdout) as Record[], stderr };
}

const mdFiles = (dir: string) => readdirSync(dir).filter((name) => /\.(md|markdown)$/i.test(name));

describeShared('the real corpus (../shared/corpus)', () => {
  it('_news and _archive/_news give exactly 163 articles, every date parses, no errors', async () => {
    const { records, stderr } = await listJson(NEWS_DIRS);
    expect(records).toHaveLength(163);
    expect(stderr).toBe('163 articles\n');
    expect(new Set(records.map((r) => r.path)).size).toBe(163);
    const onDisk = NEWS_DIRS.reduce((n, dir) => n + mdFiles(dir).length, 0);
    expect(records.length).toBe(onDisk);
    for (const record of records) {
      expect(typeof record.title).toBe('string');
      expect(record.title).not.toBe('');
      expect(record.publishedDateTime, record.path).not.toBeNull();
      expect(new Date(record.publishedDateTime!).toISOString()).toBe(record.publishedDateTime);
    }
  });

  it('the seed article comes out repaired, with a mojibake fix', async () => {
    const { records, stderr } = await listJson([path.join(SHARED_CORPUS, 'seed')]);
    expect(stderr).toBe('1 article\n');
    expect(records).toHaveLength(1);
    expect(records[0]!.title).toBe('Making sure open source doesn’t fail AI');
    expect(records[0]!.fixes).toContainEqual(expect.objectContaining({ field: 'title', kind: 'mojibake' }));
  });

  it('the whole everyday-ai tree runs: organizations are not articles, _learning items are', async () => {
    const { records, stderr } = await listJson([EVERYDAY]);
    expect(stderr).not.toMatch(/internal error|TypeError|RangeError/);
    const paths = records.map((r) => r.path);
    expect(paths.filter((p) => p.includes('/_data/organizations/'))).toEqual([]);
    const learning = paths.filter((p) => p.includes('/_learning/'));
    expect(learning.length).toBeGreaterThan(0);
    expect(records.length).toBeGreaterThanOrEqual(163 + learning.length);
    const organizations = mdFiles(path.join(EVERYDAY, '_data', 'organizations'));
    expect(organizations.length).toBeGreaterThan(0);
    const verbose = await runCli(['list', EVERYDAY, '--format', 'json', '--verbose'], { timeoutMs: 60_000 });
    expect(verbose.code).toBe(0);
    const match = /(\d+) documents? not articles/.exec(verbose.stderr);
    expect(Number(match?.[1])).toBeGreaterThanOrEqual(organizations.length);
    expect(verbose.stderr).toContain(`${path.join(EVERYDAY, '_data', 'organizations', organizations[0]!)}: not an article`);
  });

  it('--topic "Google AI" over the real tree includes the articles tagged TensorFlow', async () => {
    const all = (await listJson([EVERYDAY])).records;
    const tensorflow = all.filter((r) => r.topics.some((t) => t.toLowerCase() === 'tensorflow'));
    expect(tensorflow.length).toBeGreaterThan(0);
    const google = (await listJson([EVERYDAY, '--topic', 'Google AI'])).records.map((r) => r.path);
    for (const record of tensorflow) expect(google).toContain(record.path);
    // In this corpus the TensorFlow articles are also tagged Google AI, so the fixtures test
    // (test/e2e/list.test.ts) is the one that shows a descendant-only tag being included.
    const byTensorFlow = (await listJson([EVERYDAY, '--topic', 'tensorflow'])).records.map((r) => r.path);
    expect(byTensorFlow.sort()).toEqual(tensorflow.map((r) => r.path).sort());
  });

  it('table output over the whole tree is one line per article', async () => {
    const { code, stdout, stderr } = await runCli(['list', EVERYDAY], { timeoutMs: 60_000 });
    expect(code).toBe(0);
    const count = Number(/^(\d+) articles/m.exec(stderr)?.[1]);
    expect(stdout.trimEnd().split('\n')).toHaveLength(count + 1);
  });
});
