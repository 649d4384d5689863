import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { article, describeShared, FIXTURES, HAS_SHARED, makeTree, removeTree, runCli, SHARED_CORPUS } from '../helpers.js';

const NEWS = path.join(FIXTURES, '_news');
const REAL_NEWS = path.join(SHARED_CORPUS, 'everyday-ai', '_news');

interface Duplicate {
  id: string;
  path: string;
  provider: { name: string | null; domain: string | null };
  publishedDateTime: string | null;
}

interface RankRecord {
  rank: number;
  score: number | null;
  log2Score: number | null;
  id: string;
  path: string;
  title: string;
  publishedDateTime: string | null;
  quality: number | null;
  heat: number | null;
  scoreParts?: { base: number; ageHours: number | null; decay: number | null; providers?: number; coverageBonus?: number };
  duplicates?: Duplicate[];
}

async function rankJson(args: string[]): Promise<{ records: RankRecord[]; stderr: string }> {
  const result = await runCli(['rank', ...args, '--format', 'json']);
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.code).toBe(0);
  return { records: JSON.parse(result.stdout) as RankRecord[], stderr: result.stderr };
}

// The score formula of the issue, computed here from the JSON fields, in log₂ space.
function expectedLog2Score(record: RankRecord, now: string, weights = { quality: 1, heat: 1 }, halfLifeHours = 24): number | null {
  if (record.publishedDateTime === null) return null;
  const base = weights.quality * Math.max(record.quality ?? 0, 0) + weights.heat * Math.max(record.heat ?? 0, 0);
  const ageHours = Math.max(0, (Date.parse(now) - Date.parse(record.publishedDateTime)) / 3_600_000);
  return base > 0 ? Math.log2(base) - ageHours / halfLifeHours : -Infinity;
}

// Asserts the records are in formula order: higher score first; ties by date, newest first, then path; undated last.
function expectFormulaOrder(records: RankRecord[], now: string, weights?: { quality: number; heat: number }, halfLifeHours?: number): void {
  records.forEach((record, index) => expect(record.rank).toBe(index + 1));
  for (let i = 1; i < records.length; i++) {
    const before = records[i - 1]!;
    const after = records[i]!;
    const x = expectedLog2Score(before, now, weights, halfLifeHours);
    const y = expectedLog2Score(after, now, weights, halfLifeHours);
    if (x === null) {
      expect(y, `${after.path} is dated but ranks after an undated article`).toBeNull();
      continue;
    }
    if (y === null) continue;
    const tie = x === y || Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
    if (!tie) {
      expect(x, `${before.path} should not rank above ${after.path}`).toBeGreaterThan(y);
      continue;
    }
    const dateOrder = Date.parse(before.publishedDateTime!) - Date.parse(after.publishedDateTime!);
    expect(dateOrder).toBeGreaterThanOrEqual(0);
    if (dateOrder === 0) expect(before.path < after.path).toBe(true);
  }
}

describe('feedtool rank on the fixtures', () => {
  const NOW = '2023-10-17T12:00:00Z';

  it('orders by the score formula and reports the score', async () => {
    const { records, stderr } = await rankJson([NEWS, '--now', NOW, '--top', '0']);
    expect(records).toHaveLength(8);
    expectFormulaOrder(records, NOW);
    for (const record of records) {
      const expected = expectedLog2Score(record, NOW)!;
      expect(record.score).toBeCloseTo(2 ** expected, 10);
      expect(record.log2Score === null ? -Infinity : record.log2Score).toBeCloseTo(expected, 9);
    }
    expect(records[0]!.path).toMatch(/2023-10-17-open-weights/);
    expect(stderr).toBe('8 articles shown of 8, now 2023-10-17T12:00:00.000Z\n');
  });

  it('measures ages to the newest article by default', async () => {
    const { records, stderr } = await rankJson([NEWS, '--top', '1', '--explain']);
    expect(stderr).toContain('now 2023-10-17T07:15:00.000Z');
    expect(records[0]!.path).toMatch(/2023-10-17-open-weights/);
    expect(records[0]!.scoreParts).toEqual({ base: 110, ageHours: 0, decay: 1 });
  });

  it('counts --since 2d back from --now, not from the clock', async () => {
    const { records, stderr } = await rankJson([NEWS, '--now', '2023-10-17T12:00:00Z', '--since', '2d']);
    expect(records.map((record) => record.publishedDateTime)).toEqual(['2023-10-17T07:15:00.000Z', '2023-10-16T09:00:00.000Z']);
    expect(stderr).toContain('2 articles shown of 2, now 2023-10-17T12:00:00.000Z');
  });

  it('follows --weights and --half-life', async () => {
    const { records } = await rankJson([NEWS, '--now', NOW, '--top', '0', '--weights', 'quality=0,heat=2', '--half-life', '30d']);
    expectFormulaOrder(records, NOW, { quality: 0, heat: 2 }, 720);
    expect(records[0]!.path).toMatch(/2023-10-16-open-weights/);
    expect(records.map((record) => record.path)).not.toEqual((await rankJson([NEWS, '--now', NOW, '--top', '0'])).records.map((r) => r.path));
  });

  it('--weights given twice sets both weights, the later value of a name winning', async () => {
    const twice = await rankJson([NEWS, '--now', NOW, '--top', '0', '--explain', '--weights', 'quality=0', '--weights', 'heat=2']);
    const once = await rankJson([NEWS, '--now', NOW, '--top', '0', '--explain', '--weights', 'quality=0,heat=2']);
    expect(twice.records).toEqual(once.records);
    const later = await rankJson([NEWS, '--now', NOW, '--top', '0', '--explain', '--weights', 'quality=5,heat=2', '--weights', 'quality=0']);
    expect(later.records).toEqual(once.records);
  });

  it('a duration in --since measured from --now ends the window at --now', async () => {
    const week = await rankJson([NEWS, '--now', '2023-10-12T00:00:00Z', '--since', '7d', '--top', '0']);
    expect(week.records.map((record) => record.publishedDateTime)).toEqual(['2023-10-10T00:00:00.000Z']);
    expect(week.stderr).not.toMatch(/scored as new/);
    // --until still says where it ends, and without --now the clock is the start.
    const longer = await rankJson([NEWS, '--now', '2023-10-12T00:00:00Z', '--since', '7d', '--until', '2023-10-31', '--top', '0']);
    expect(longer.records).toHaveLength(3);
    expect(longer.stderr).toMatch(/2 articles dated after it scored as new/);
  });

  it('shows a tab in a copy\'s file name as \\x09 in the table, as in the path column', async () => {
    const dir = makeTree({
      'a.md': article({ title: '"Same story told twice by outlets"', publishedDateTime: '2023-01-02T00:00:00Z', webUrl: '"https://a.test/1"' }),
      'b\tb.md': article({ title: '"Same story told twice by outlets"', publishedDateTime: '2023-01-01T00:00:00Z', webUrl: '"https://b.test/1"' }),
    });
    try {
      const result = await runCli(['rank', dir, '--dedupe', '--fields', 'rank,path,duplicates.path,duplicates.id'], { env: { COLUMNS: '300' } });
      expect(result.code).toBe(0);
      expect(result.stdout.split('\n')[1]).toMatch(/b\\x09b\.md\s+b\\x09b$/);
    } finally {
      removeTree(dir);
    }
  });

  it('says "0 articles" when nothing matches', async () => {
    const result = await runCli(['rank', NEWS, '--now', NOW, '--topic', 'Nothing at all']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/(^|\n)0 articles, now 2023-/);
  });

  it('explains each score', async () => {
    const { records } = await rankJson([NEWS, '--now', NOW, '--explain', '--top', '2']);
    expect(records).toHaveLength(2);
    const [first, second] = records;
    expect(first!.scoreParts).toEqual({ base: 110, ageHours: 4.75, decay: 2 ** (-4.75 / 24) });
    expect(first!.score).toBeCloseTo(110 * 2 ** (-4.75 / 24), 10);
    expect(second!.scoreParts).toEqual({ base: 183, ageHours: 27, decay: 2 ** (-27 / 24) });
  });

  it('folds the two copies of one story with --dedupe', async () => {
    const { records, stderr } = await rankJson([NEWS, '--now', NOW, '--top', '0', '--dedupe']);
    expect(records).toHaveLength(7);
    const story = records.find((record) => record.title.startsWith('Open-weights'))!;
    expect(story.rank).toBe(1);
    expect(story.path).toMatch(/2023-10-17-open-weights/);
    expect(story.duplicates).toEqual([
      {
        id: '2023-10-16-open-weights-models-gain-ground',
        path: expect.stringMatching(/2023-10-16-open-weights-models-gain-ground\.md$/),
        provider: { name: 'Example Tech', domain: 'example-tech.test' },
        publishedDateTime: '2023-10-16T09:00:00.000Z',
      },
    ]);
    expect(records.filter((record) => record !== story).every((record) => record.duplicates!.length === 0)).toBe(true);
    expect(stderr).toContain('7 stories shown of 7, 8 articles folded into 7 stories');
  });

  it('shows rank, score, "+N" sources and the score parts in the table', async () => {
    const result = await runCli(['rank', NEWS, '--now', NOW, '--dedupe', '--explain', '--top', '3']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\s*RANK\s+SCORE\s+DATE\s+TITLE.*SOURCES\s+BASE\s+AGE H\s+DECAY$/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^\s*1\s+95\.9\s+2023-10-17\s+Open-weights.*\+1\s+110\s+4\.8\s+0\.872$/);
  });

  it('takes list filters and every list format', async () => {
    const { records } = await rankJson([NEWS, '--now', NOW, '--provider', 'press-desk.test']);
    expect(records.map((record) => record.title)).toEqual(['Draft ethics guidelines for newsroom AI tools']);

    const ndjson = await runCli(['rank', NEWS, '--now', NOW, '--format', 'ndjson', '--top', '3', '--fields', 'rank,title']);
    expect(ndjson.stdout.trimEnd().split('\n').map((line) => JSON.parse(line).rank)).toEqual([1, 2, 3]);

    const csv = await runCli(['rank', NEWS, '--now', NOW, '--format', 'csv', '--top', '2', '--explain']);
    const [header, first] = csv.stdout.split('\r\n');
    expect(header).toBe('rank,score,log2Score,id,publishedDateTime,title,provider.name,provider.domain,url,topics,quality,heat,path,scoreParts.base,scoreParts.ageHours,scoreParts.decay');
    expect(first).toMatch(/^1,95\.8\d*,6\.58\d*,2023-10-17-open-weights/);

    const json = await runCli(['rank', NEWS, '--now', NOW, '--json', '--top', '1', '--fields', 'rank,score,title']);
    expect(Object.keys(JSON.parse(json.stdout)[0])).toEqual(['rank', 'score', 'title']);
  });

  it.each([
    [['--weights', 'quality=x'], /option '--weights/],
    [['--weights', 'clicks=2'], /option '--weights/],
    [['--weights', 'quality=1e-400'], /option '--weights <name=n,\.\.\.>' argument 'quality=1e-400' is invalid\. quality=1e-400 is too small to tell from 0/],
    [['--half-life', '0h'], /option '--half-life/],
    [['--half-life', 'a while'], /option '--half-life/],
    [['--top', 'ten'], /option '--top/],
    [['--dedupe', '--similarity', '1.2'], /option '--similarity/],
    [['--dedupe', '--coverage-weight', '-1'], /option '--coverage-weight/],
    [['--dedupe', '--coverage-weight', 'x'], /option '--coverage-weight <w>' argument 'x' is invalid\. expected a decimal number, 0 or more \(0, 0\.5, 2\)/],
    [['--now', 'the other day'], /option '--now/],
    [['--similarity', '0.9'], /--similarity only applies with --dedupe/],
    [['--since', '2023-10-17', '--until', '2023-10-01'], /--since is later than --until/],
    [['--limit', '3'], /^feedtool: rank has no --limit: it shows its best with --top <n> \(--top 0: all\)$/],
    [['--limit'], /^feedtool: rank has no --limit: /],
    [['--sort', 'heat'], /^feedtool: rank has no --sort: it orders by score, best first/],
    [['--reverse'], /^feedtool: rank has no --reverse: /],
    [['--half-life', '99999999y'], /option '--half-life <duration>' argument '99999999y' is invalid\. .*at most about 285,000 years/],
  ])('rejects %j with exit code 2 and a message naming the option', async (args, message) => {
    const result = await runCli(['rank', NEWS, ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toMatch(message);
  });
});

describe('feedtool rank on built trees', () => {
  let dir = '';
  beforeAll(() => {
    const provider = (name: string) => `\n  name: ${name}\n  domain: ${name.toLowerCase()}.test`;
    dir = makeTree({
      'lead.md': article({ title: '"Solo scoop on river barges"', quality: '60', heat: '0', webUrl: '"https://solo.test/barges"', provider: provider('Solo') }),
      'wide-1.md': article({ title: '"Port strike ends after ten days"', quality: '40', webUrl: '"https://one.test/strike"', provider: provider('One') }),
      'wide-2.md': article({ title: '"Port strike ends after ten days"', quality: '30', webUrl: '"https://two.test/strike"', provider: provider('Two') }),
      'wide-3.md': article({ title: '"Port strike ends after ten days"', quality: '20', webUrl: '"https://three.test/strike"', provider: provider('Three') }),
      'no-date.md': article({ title: '"Undated note"', quality: '99', publishedDateTime: '<omit>', webUrl: '"https://solo.test/undated"' }),
      'future.md': article({ title: '"Scheduled announcement"', quality: '1', publishedDateTime: '2030-01-01T00:00:00Z', webUrl: '"https://solo.test/later"' }),
    });
  });
  afterAll(() => removeTree(dir));

  it('ranks undated articles last and counts them on stderr; a future date counts as age 0', async () => {
    const { records, stderr } = await rankJson([dir, '--now', '2023-01-02T03:04:05Z', '--explain']);
    expect(records.at(-1)!.title).toBe('Undated note');
    expect(records.at(-1)).toMatchObject({ score: null, log2Score: null, scoreParts: { base: 99, ageHours: null, decay: null } });
    expect(records.find((record) => record.title === 'Scheduled announcement')!.scoreParts).toEqual({ base: 1, ageHours: 0, decay: 1 });
    expect(stderr).toContain('1 undated article ranked last');
  });

  it('raises a story carried by several providers with --coverage-weight', async () => {
    const plain = await rankJson([dir, '--now', '2023-01-02T03:04:05Z', '--dedupe']);
    expect(plain.records[0]!.title).toBe('Solo scoop on river barges');
    const covered = await rankJson([dir, '--now', '2023-01-02T03:04:05Z', '--dedupe', '--coverage-weight', '15', '--explain']);
    const [top] = covered.records;
    expect(top!.title).toBe('Port strike ends after ten days');
    expect(top!.path).toMatch(/wide-1\.md$/);
    expect(top!.scoreParts).toMatchObject({ base: 70, providers: 3, coverageBonus: 30 });
    expect(top!.duplicates!.map((duplicate) => path.basename(duplicate.path))).toEqual(['wide-2.md', 'wide-3.md']);
  });
});

describe('feedtool rank --explain: the table adds up', () => {
  it('writes SCORE and BASE with the same whole digits, and a DECAY that underflowed from its log', async () => {
    const dir = makeTree({
      'big.md': article({ title: '"Big heat"', quality: '80.5', heat: '1234', publishedDateTime: '2023-10-10T00:00:00Z', webUrl: '"https://x.test/big"' }),
      'old.md': article({ title: '"Old one"', quality: '178', heat: '0', publishedDateTime: '1990-10-10T00:00:00Z', webUrl: '"https://x.test/old"' }),
    });
    try {
      const run = await runCli(['rank', dir, '--explain', '--now', '2023-10-10T00:00:00Z', '--fields', 'title,score,scoreParts.base,scoreParts.decay']);
      expect(run.code).toBe(0);
      const rows = run.stdout.trim().split('\n').slice(1).map((line) => line.trim().split(/\s{2,}/));
      expect(rows).toEqual([
        ['Big heat', '1315', '1315', '1'],
        ['Old one', '8.63e-3627', '178', '4.85e-3629'],
      ]);
      // 178 × 4.85e-3629 = 8.63e-3627: the explanation multiplies out.
    } finally {
      removeTree(dir);
    }
  });
});

describeShared('feedtool rank on the real corpus', () => {
  const NOW = '2023-06-01T00:00:00Z';
  let all: RankRecord[] = [];
  let stories: RankRecord[] = [];
  beforeAll(async () => {
    all = (await rankJson([REAL_NEWS, '--now', NOW, '--top', '0', '--explain'])).records;
    stories = (await rankJson([REAL_NEWS, '--now', NOW, '--top', '0', '--dedupe'])).records;
  });

  it('orders every article by the formula', () => {
    expect(all.length).toBeGreaterThan(100);
    expectFormulaOrder(all, NOW);
  });

  it('orders exactly where scores underflow to 0 (one-hour half-life, articles years old)', async () => {
    const { records } = await rankJson([REAL_NEWS, '--now', NOW, '--top', '0', '--half-life', '1h']);
    expect(records.filter((record) => record.score === 0 && record.log2Score !== null).length).toBeGreaterThan(10);
    expectFormulaOrder(records, NOW, undefined, 1);
  });

  it('folds each headline filed on two days into one story', () => {
    const byTitle = new Map<string, RankRecord[]>();
    for (const record of all) byTitle.set(record.title, [...(byTitle.get(record.title) ?? []), record]);
    const repeated = [...byTitle.values()].filter((copies) => copies.length > 1);
    expect(repeated.length).toBeGreaterThan(0);
    for (const copies of repeated) {
      expect(new Set(copies.map((copy) => path.basename(copy.path).slice(0, 10))).size).toBe(2);
      const story = stories.filter((record) => record.title === copies[0]!.title);
      expect(story).toHaveLength(1);
      const members = [story[0]!.path, ...story[0]!.duplicates!.map((duplicate) => duplicate.path)].sort();
      expect(members).toEqual(copies.map((copy) => copy.path).sort());
    }
    expect(stories).toHaveLength(all.length - repeated.reduce((sum, copies) => sum + copies.length - 1, 0));
  });

  it('keeps unrelated articles on the same topic apart', () => {
    for (const pattern of [/Competency Status/, /text-to-image/i, /Imagen/]) {
      const matching = all.filter((record) => pattern.test(record.title));
      expect(matching.length).toBeGreaterThan(1);
      const matchingStories = stories.filter((record) => pattern.test(record.title));
      expect(matchingStories).toHaveLength(matching.length);
      expect(matchingStories.every((record) => record.duplicates!.length === 0)).toBe(true);
    }
  });

  it('represents each story by its best-scored copy and keeps formula order', () => {
    expectFormulaOrder(stories, NOW);
    for (const story of stories) {
      for (const duplicate of story.duplicates!) {
        const copy = all.find((record) => record.path === duplicate.path)!;
        expect(copy.rank).toBeGreaterThan(all.find((record) => record.path === story.path)!.rank);
      }
    }
  });
});

describe('rankings of summary fields are made from the summaries', () => {
  const trees: Array<[string, string]> = [['fixtures', NEWS]];
  if (HAS_SHARED) trees.push(['the real corpus', REAL_NEWS]);

  it.each(trees)('%s: table, CSV and --fields give what the records give, and no record is made', async (_name, news) => {
    const { formatArticleTable, formatCsvHeader, formatCsvRow, formatRecordJson, DEFAULT_CSV_FIELDS } = await import('../../src/format/articles.js');
    const { plainPalette } = await import('../../src/format/palette.js');
    const { rankColumns } = await import('../../src/commands/rank.js');
    for (const args of [[], ['--dedupe', '--top', '0'], ['--explain', '--top', '150'], ['--dedupe', '--explain', '--top', '3']]) {
      const explain = args.includes('--explain');
      const dedupe = args.includes('--dedupe');
      // The reference: full records (`--format json`), formatted here.
      const json = await runCli(['rank', news, ...args, '--format', 'json', '--no-cache']);
      expect(json.code).toBe(0);
      const records = JSON.parse(json.stdout) as Array<{ [key: string]: unknown }>;
      expect(records.length).toBeGreaterThan(0);
      const table = await runCli(['rank', news, ...args, '--no-cache', '--verbose']);
      expect(table.stdout).toBe(formatArticleTable(records, { width: 160, palette: plainPalette, ...rankColumns({ explain, dedupe: dedupe ? ({} as never) : undefined, halfLifeMs: 24 * 3_600_000 }) }));
      expect(table.stderr).toContain('listing made from article summaries alone');
      const csvFields = [
        'rank',
        'score',
        'log2Score',
        ...DEFAULT_CSV_FIELDS,
        ...(dedupe ? ['duplicates.path'] : []),
        ...(explain ? ['scoreParts.base', 'scoreParts.ageHours', 'scoreParts.decay'] : []),
        ...(explain && dedupe ? ['scoreParts.providers', 'scoreParts.coverageBonus'] : []),
      ];
      const csv = await runCli(['rank', news, ...args, '--format', 'csv', '--no-cache']);
      expect(csv.stdout).toBe(formatCsvHeader(csvFields) + records.map((record) => formatCsvRow(record, csvFields)).join(''));
      const fields = ['rank', 'score', 'log2Score', 'id', 'title', 'provider.domain', 'topics', 'published', ...(explain ? ['scoreParts'] : []), ...(dedupe ? ['duplicates'] : [])];
      const projected = await runCli(['rank', news, ...args, '--format', 'ndjson', '--fields', fields.join(','), '--no-cache', '--verbose']);
      expect(projected.stdout).toBe(records.map((record) => `${formatRecordJson(record, fields)}\n`).join(''));
      expect(projected.stderr).toContain('listing made from article summaries alone');
    }
  });
});

describe('rank --fields in a table', () => {
  it('shows exactly the fields named, once each, with scores written as the SCORE column writes them', async () => {
    const run = await runCli(['rank', NEWS, '--fields', 'rank,score,title,scoreParts.decay', '--explain', '--top', '2', '--no-cache']);
    expect(run.code).toBe(0);
    const [header, ...rows] = run.stdout.trimEnd().split('\n');
    expect(header!.split(/\s{2,}/)).toEqual(['RANK', 'SCORE', 'TITLE', 'SCOREPARTS.DECAY']);
    expect(rows).toHaveLength(2);
    const json = JSON.parse((await runCli(['rank', NEWS, '--explain', '--top', '2', '--json', '--no-cache'])).stdout) as Array<{ score: number }>;
    for (const [i, row] of rows.entries()) {
      const score = row.trim().split(/\s{2,}/)[1]!;
      expect(score).toBe(String(Number(json[i]!.score.toPrecision(3))));
    }
  });
});

describe('rank tables in narrow terminals', () => {
  const ALL = ['RANK', 'SCORE', 'DATE', 'TITLE', 'PROVIDER', 'TOPICS', 'QUALITY', 'HEAT', 'SOURCES', 'BASE', 'AGE H', 'DECAY'];
  const DROP_ORDER = ['HEAT', 'QUALITY', 'TOPICS', 'PROVIDER', 'DECAY', 'AGE H', 'SOURCES', 'BASE'];

  it('leaves out list columns first, then the explanations (DECAY first), never rank, score, date or title', async () => {
    const dropped: number[] = [];
    for (const width of [200, 100, 80, 60, 40]) {
      const run = await runCli(['rank', NEWS, '--explain', '--dedupe', '--top', '3', '--no-cache'], { env: { COLUMNS: String(width) } });
      const lines = run.stdout.trimEnd().split('\n');
      const headers = lines[0]!.trim().split(/\s{2,}/);
      const count = DROP_ORDER.findIndex((_, k) => ALL.filter((h) => !DROP_ORDER.slice(0, k).includes(h)).join() === headers.join());
      const k = count === -1 && headers.join() === ['RANK', 'SCORE', 'DATE', 'TITLE'].join() ? DROP_ORDER.length : count;
      expect(k, `${width}: ${headers.join(',')}`).toBeGreaterThanOrEqual(0);
      dropped.push(k);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
      expect(lines[1]).toMatch(/ \d{4}-\d\d-\d\d  /);
    }
    expect(dropped[0]).toBe(0);
    expect(dropped.at(-1)).toBe(DROP_ORDER.length);
    expect([...dropped].sort((a, b) => a - b)).toEqual(dropped);
  });

  it('never cuts a date, even when the table is wider than the terminal (a cut date reads as another)', async () => {
    for (const width of [30, 20]) {
      const run = await runCli(['rank', NEWS, '--top', '2', '--no-cache'], { env: { COLUMNS: String(width) } });
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines[0], String(width)).toMatch(/ DATE /);
      for (const line of lines.slice(1)) expect(line, String(width)).toMatch(/ \d{4}-\d\d-\d\d  /);
      // Nor a date named with --fields, in full.
      const fields = await runCli(['list', NEWS, '--fields', 'publishedDateTime,title,provider.name', '--limit', '2', '--no-cache'], { env: { COLUMNS: String(width) } });
      for (const line of fields.stdout.trimEnd().split('\n').slice(1)) expect(line, String(width)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z  /);
    }
  });
});

describe('rank: the default now and articles dated after the clock', () => {
  it('takes the newest date not after the clock, and scores a future-dated article as new, saying so', async () => {
    const dir = makeTree({
      'news/old.md': article({ publishedDateTime: '2023-10-16T09:00:00Z', webUrl: '"https://a.test/old"', quality: '50' }),
      'news/newer.md': article({ publishedDateTime: '2023-10-17T09:00:00Z', webUrl: '"https://a.test/newer"', quality: '50' }),
      'news/typo.md': article({ publishedDateTime: '2099-01-01T00:00:00Z', webUrl: '"https://a.test/typo"', quality: '10' }),
    });
    try {
      const run = await runCli(['rank', dir, '--json', '--no-cache']);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('now 2023-10-17T09:00:00.000Z, 1 article dated after it scored as new');
      const scores = Object.fromEntries((JSON.parse(run.stdout) as Array<{ id: string; score: number }>).map((r) => [r.id, r.score]));
      // The others keep meaningful scores (the 2099 date did not age them to 0): base 50, one
      // half-life (24 h) apart; the future one has no age, so its whole base.
      expect(scores).toEqual({ newer: 50, old: 25, typo: 10 });
    } finally {
      removeTree(dir);
    }
  });

  it('says how many scores underflow to 0 at this half-life, and what spreads them', async () => {
    const dir = makeTree({
      'news/new.md': article({ publishedDateTime: '2024-01-02T00:00:00Z', webUrl: '"https://a.test/new"', quality: '50' }),
      'news/old.md': article({ publishedDateTime: '2020-01-02T00:00:00Z', webUrl: '"https://a.test/old"', quality: '50' }),
      'news/zero.md': article({ publishedDateTime: '2020-01-02T00:00:00Z', webUrl: '"https://a.test/zero"', quality: '0' }),
    });
    try {
      const run = await runCli(['rank', dir, '--json', '--no-cache']);
      expect(run.stderr).toBe('3 articles shown of 3, now 2024-01-02T00:00:00.000Z, 1 article too old for the half-life to score above 0 in JSON and CSV (the table writes them from log2Score, which orders them; a longer --half-life, such as 30d, spreads an archive\'s scores)\n');
      const longer = await runCli(['rank', dir, '--json', '--no-cache', '--half-life', '30d']);
      expect(longer.stderr).not.toMatch(/too old/);
      // Already at 30 days or more, no example: a longer one is the advice.
      const ancient = await runCli(['rank', dir, '--json', '--no-cache', '--half-life', '30d', '--now', '9000-01-01']);
      expect(ancient.stderr).toMatch(/2 articles too old for the half-life to score above 0 in JSON and CSV \(the table writes them from log2Score, which orders them; a longer --half-life spreads an archive's scores\)\n$/);
    } finally {
      removeTree(dir);
    }
  });

  it('with --dedupe counts stories throughout: two future copies of one story are one story dated after now; nothing matched is just 0 stories', async () => {
    const dir = makeTree({
      'news/a.md': article({ title: '"Future duplicate story here"', publishedDateTime: '2099-01-01T00:00:00Z', webUrl: '"https://a.test/a"', quality: '10' }),
      'news/b.md': article({ title: '"Future duplicate story here"', publishedDateTime: '2099-01-02T00:00:00Z', webUrl: '"https://b.test/b"', quality: '10' }),
      'news/e.md': article({ title: '"Now"', publishedDateTime: '2024-01-02T00:00:00Z', webUrl: '"https://e.test/e"', quality: '10' }),
      'news/u.md': article({ title: '"Undated"', publishedDateTime: '<omit>', webUrl: '"https://u.test/u"', quality: '10' }),
    });
    try {
      const run = await runCli(['rank', dir, '--dedupe', '--no-cache']);
      expect(run.stderr).toBe('3 stories shown of 3, 4 articles folded into 3 stories, now 2024-01-02T00:00:00.000Z, 1 story dated after it scored as new, 1 undated story ranked last\n');
      const none = await runCli(['rank', dir, '--dedupe', '--search', 'no such words', '--no-cache']);
      expect(none.stderr).toMatch(/^0 stories, now /);
    } finally {
      removeTree(dir);
    }
  });
});
