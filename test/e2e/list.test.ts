// `feedtool list` end to end: the built CLI run as a subprocess over fixtures/ and hostile trees.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, SHARED_CORPUS, article, makeTree, removeTree, runCli, type RunOptions, type RunResult, otherUserPrefix } from '../helpers.js';

// Short names for the eight fixture articles (fixtures/_news), by file name.
const ID = {
  vision: '2021-06-29-vision-model-reads-archives',
  cafe: '2021-06-30-cafe-chatbot',
  chip: '2022-01-05-chip-shortage-slows-ai-hardware',
  kitchen: '2023-08-15-kitchen-robot-learns-recipes',
  tf: '2023-09-01-tensorflow-adds-on-device-training',
  draft: '2023-10-10-draft-ethics-guidelines',
  ow16: '2023-10-16-open-weights-models-gain-ground',
  ow17: '2023-10-17-open-weights-models-gain-ground',
} as const;
type Name = keyof typeof ID;
const NAME_OF = new Map<string, Name>((Object.entries(ID) as Array<[Name, string]>).map(([name, id]) => [id, name]));
// Other engineers add fixture folders (fixtures/validate, ...): list the article folder, whose
// ancestor fixtures/_data/topics is the taxonomy, and name the non-article folders explicitly.
const NEWS = 'fixtures/_news';
const NOT_ARTICLES = ['fixtures/_data', 'fixtures/pages'];
const BY_DATE: Name[] = ['ow17', 'ow16', 'draft', 'tf', 'kitchen', 'chip', 'cafe', 'vision'];

interface Record {
  id: string;
  path: string;
  [key: string]: unknown;
}

/** Runs `list fixtures ...args --format json` and returns the short names of the records, in order. */
async function names(args: string[], options?: RunOptions): Promise<Name[]> {
  const result = await runCli(['list', NEWS, ...args, '--format', 'json'], options);
  expect(result.stderr).not.toMatch(/error/i);
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as Record[]).map((r) => NAME_OF.get(r.id) as Name);
}

async function json(args: string[], options?: RunOptions): Promise<{ records: Record[]; result: RunResult }> {
  const result = await runCli(['list', ...args, '--format', 'json'], options);
  expect(result.code).toBe(0);
  return { records: JSON.parse(result.stdout) as Record[], result };
}

// Anything a terminal would act on, except the line feeds between rows.
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) throw new Error('build first: npm run build');
});

describe('list: the fixtures', () => {
  it('lists the eight articles newest first, skipping the non-articles silently', async () => {
    const { records, result } = await json([NEWS, ...NOT_ARTICLES]);
    expect(records.map((r) => NAME_OF.get(r.id))).toEqual(BY_DATE);
    expect(records.map((r) => r.path)).not.toContain('fixtures/_data/organizations/acme-news.md');
    expect(result.stderr).toBe('8 articles\n');
  });

  it('records follow the normalisation rules (mojibake, entities, epoch, RFC 2822, numeric strings)', async () => {
    const { records } = await json([NEWS]);
    const get = (name: Name) => records.find((r) => r.id === ID[name])!;
    expect(get('cafe')).toMatchObject({
      title: 'Café owners try a chatbot that doesn’t sleep',
      excerpt: 'Small businesses in São Paulo test an ordering assistant.',
      publishedDateTime: '2021-06-30T11:00:00.000Z',
      path: `fixtures/_news/${ID.cafe}.md`,
    });
    expect(get('kitchen')).toMatchObject({
      title: 'Kitchen robot learns recipes from videos & cooks them',
      publishedDateTime: '2023-08-15T16:45:00.000Z',
      quality: 57,
      published: true,
      provider: { name: 'Robots Daily', domain: 'robots-daily.test' },
      topics: ['AI in Robotics', 'AI'],
    });
    expect(get('chip')).toMatchObject({
      publishedDateTime: '2022-01-05T00:00:00.000Z',
      originalUrl: 'https://www.silicon-wire.test/2022/chip-shortage',
      url: 'https://www.silicon-wire.test/2022/chip-shortage',
    });
    expect(get('chip').fixes).toContainEqual({ field: 'publishedDateTime', kind: 'date-from-filename', before: null });
    expect(get('tf').publishedDateTime).toBe('2023-09-01T08:30:00.000Z');
    expect(get('vision').title).toBe('Vision model reads handwritten archives'); // file starts with a BOM
    expect(get('ow17')).toMatchObject({ topics: ['AI', 'Machine Learning'], provider: { domain: 'example-tech.test' }, extra: { secured: 'c2Vjb25kLWNvcHk=' } });
    expect(get('ow16')).toMatchObject({
      images: [{ url: 'https://cdn.example-tech.test/img/open-weights.jpg', width: 1200, height: 630, isCached: true }],
      related: [{ title: 'Why model cards matter for procurement', publishedDateTime: '2023-10-12T14:30:00.000Z', quality: 61 }],
    });
    expect(get('draft')).toMatchObject({ published: false, quality: 42, heat: null, extra: { editorNote: 'embargoed until review' } });
    for (const record of records) expect(record).not.toHaveProperty('body');
  });
});

describe.concurrent('list: filters', () => {
  it.each<[string, string[], Name[]]>([
    ['--topic by name', ['--topic', 'TensorFlow'], ['tf']],
    ['--topic case-insensitive, by _id', ['--topic', 'machine-learning'], ['ow17', 'ow16']],
    ['--topic parent includes descendants (Google AI ⊃ TensorFlow)', ['--topic', 'Google AI'], ['tf']],
    ['--topic root includes every descendant', ['--topic', 'ai'], BY_DATE],
    ['--topic repeatable (any of)', ['--topic', 'TensorFlow', '--topic', 'AI in Robotics'], ['tf', 'kitchen']],
    ['--topic comma list', ['--topic', 'tensorflow,robotics'], ['tf', 'kitchen']],
    ['--topic with --no-taxonomy: no descendants', ['--topic', 'Google AI', '--no-taxonomy'], []],
    ['--topic ai with --no-taxonomy: literal tag only', ['--topic', 'ai', '--no-taxonomy'], ['ow17', 'ow16', 'draft', 'kitchen', 'chip', 'cafe', 'vision']],
    ['--taxonomy given explicitly', ['--taxonomy', 'fixtures/_data/topics', '--topic', 'google-ai'], ['tf']],
    ['--provider by name', ['--provider', 'example tech'], ['ow17', 'ow16']],
    ['--provider by domain', ['--provider', 'framework-news.test'], ['tf']],
    ['--provider by domain with www.', ['--provider', 'www.localbiz.test'], ['cafe']],
    ['--provider domain filled from the URL', ['--provider', 'robots-daily.test'], ['kitchen']],
    ['--provider repeatable', ['--provider', 'Press Desk', '--provider', 'museum-notes.test'], ['draft', 'vision']],
    ['--category', ['--category', 'NEWS'], BY_DATE],
    ['--category with no match', ['--category', 'opinion'], []],
    ['--type', ['--type', 'article'], BY_DATE],
    ['--type with no match', ['--type', 'podcast'], []],
    ['--since ISO date', ['--since', '2023-09-01'], ['ow17', 'ow16', 'draft', 'tf']],
    ['--until ISO date (inclusive)', ['--until', '2022-01-05'], ['chip', 'cafe', 'vision']],
    ['--since D --until D: the whole day D (UTC)', ['--since', '2023-10-16', '--until', '2023-10-16'], ['ow16']],
    ['--since D --until D with compact dates', ['--since', '20231016', '--until', '20231016'], ['ow16']],
    ['--until a date takes in its last hours', ['--until', '2023-08-15'], ['kitchen', 'chip', 'cafe', 'vision']],
    ['--until a date and time is that instant', ['--until', '2023-08-15T16:44:59Z'], ['chip', 'cafe', 'vision']],
    ['--since and --until ISO times (inclusive)', ['--since', '2023-10-16T09:00:00Z', '--until', '2023-10-16T09:00:00Z'], ['ow16']],
    ['--until with an offset', ['--until', '2021-06-30T12:00:00+01:00'], ['cafe', 'vision']],
    // Records keep milliseconds: a bound finer than that is rounded inwards, never taking in a time outside it.
    ['--since a hair after a time leaves that time out', ['--since', '2023-10-16T09:00:00.0009Z', '--until', '2023-10-16'], []],
    ['--since with zeros past the millisecond is that time', ['--since', '2023-10-16T09:00:00.000000Z', '--until', '2023-10-16'], ['ow16']],
    ['--until a hair after a time takes it in', ['--since', '2023-10-16', '--until', '2023-10-16T09:00:00.0009Z'], ['ow16']],
    // Epoch numbers too (2023-10-16T09:00:00Z is 1697446800): rounded inwards from their exact value.
    ['--since epoch seconds a hair after a time leaves it out', ['--since', '1697446800.0006', '--until', '2023-10-16'], []],
    ['--until epoch milliseconds a hair before a time leaves it out', ['--since', '2023-10-16', '--until', '1697446799999.6'], []],
    ['--until epoch milliseconds a hair after a time takes it in', ['--since', '2023-10-16', '--until', '1697446800000.6'], ['ow16']],
    // Worked out on the digits: no double holds these.
    ['--until epoch seconds with more digits than a double holds', ['--since', '2023-10-16', '--until', '1697446799.9999999'], []],
    ['--since epoch seconds with more digits than a double holds', ['--since', '1697446800.00000001', '--until', '2023-10-16'], []],
    ['--since epoch seconds on the time itself', ['--since', '1697446800.000', '--until', '2023-10-16'], ['ow16']],
    ['--since a duration far back, --until fixed', ['--since', '52000w', '--until', '2021-12-31'], ['cafe', 'vision']],
    ['--until a duration (all fixtures are older than a day)', ['--until', '1d'], BY_DATE],
    ['--since a short duration (nothing that recent)', ['--since', '12h'], []],
    ['--published (not marked false)', ['--published'], ['ow17', 'ow16', 'tf', 'kitchen', 'chip', 'cafe', 'vision']],
    ['--unpublished', ['--unpublished'], ['draft']],
    ['--min-quality', ['--min-quality', '70'], ['ow17', 'ow16', 'tf']],
    ['--min-quality fractional', ['--min-quality', '70.5'], ['ow16', 'tf']],
    ['--min-heat', ['--min-heat', '40'], ['ow17', 'ow16', 'tf']],
    ['--min-heat negative keeps -1, drops null', ['--min-heat', '-1'], ['ow17', 'ow16', 'tf', 'kitchen', 'chip', 'cafe', 'vision']],
    ['--search title, case-insensitive', ['--search', 'OPEN-WEIGHTS'], ['ow17', 'ow16']],
    ['--search excerpt (repaired text)', ['--search', 'são paulo'], ['cafe']],
    ['--search decoded entity', ['--search', 'videos & cooks'], ['kitchen']],
    ["--search with a straight apostrophe finds a curly one", ['--search', "doesn't"], ['cafe']],
    ['--search with doubled spaces', ['--search', 'videos  &   cooks'], ['kitchen']],
    ['filters combine', ['--topic', 'AI', '--min-quality', '60', '--since', '2023-01-01', '--provider', 'example-tech.test'], ['ow17', 'ow16']],
  ])('%s', async (_label, args, expected) => {
    expect(await names(args)).toEqual(expected);
  });

  it('--topic takes a short name from the taxonomy, and a typo that matches nothing gets a note naming the closest topic', async () => {
    expect(await names(['--topic', 'ml'])).toEqual(await names(['--topic', 'Machine Learning']));
    const typo = await runCli(['list', NEWS, '--topic', 'Machine Learnin', '--format', 'ndjson']);
    expect(typo.code).toBe(0);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toBe('feedtool: note: topic "Machine Learnin" is not in the taxonomy; did you mean "Machine Learning"?\n0 articles\n');
    const unknown = await runCli(['list', NEWS, '--topic', 'Knitting', '--topic', 'AI', '--since', '2099-01-01', '--format', 'ndjson']);
    expect(unknown.stderr).toBe('feedtool: note: topic "Knitting" is not in the taxonomy\n0 articles\n');
    // When something matched, an unknown topic with nothing close in the taxonomy (it may be a topic
    // articles use outside it) gives no note; a typo of a known one does, beside the matches.
    expect((await runCli(['list', NEWS, '--topic', 'Knitting', '--topic', 'AI', '--format', 'ndjson'])).stderr).not.toContain('note');
    const beside = await runCli(['list', NEWS, '--topic', 'AI,Machien Learning', '--format', 'ndjson']);
    expect(beside.stderr).toBe('feedtool: note: topic "Machien Learning" is not in the taxonomy; did you mean "Machine Learning"?\n8 articles\n');
    const rank = await runCli(['rank', NEWS, '--topic', 'Robotcs']);
    expect(rank.stderr).toMatch(/^feedtool: note: topic "Robotcs" is not in the taxonomy; did you mean "AI in Robotics"\?\n0 articles, now /);
    // A keyword is not matched, and the note names its topic, beside matches too.
    const keyword = await runCli(['list', NEWS, '--topic', 'AI,deep learning', '--format', 'ndjson']);
    expect(keyword.stderr).toBe('feedtool: note: topic "deep learning" is not in the taxonomy; it is a keyword of "Machine Learning", and keywords are not matched: --topic "Machine Learning" lists that topic\n8 articles\n');
  });

  it('--provider and --topic take a comma inside a name as \\,', async () => {
    const dir = makeTree({
      'a.md': '---\ntitle: A\nprovider:\n  name: "Smith, Jones & Co"\ntopics: ["Law, Policy"]\n---\n',
      'b.md': '---\ntitle: B\nprovider:\n  name: Smith\ntopics: [Law]\n---\n',
      'c.md': '---\ntitle: C\nprovider:\n  name: Jones & Co\ntopics: [Policy]\n---\n',
    });
    try {
      const titles = async (args: string[]) => (await json([dir, '--sort', 'title', '--no-taxonomy', ...args])).records.map((r) => r.title);
      expect(await titles(['--provider', 'Smith\\, Jones & Co'])).toEqual(['A']);
      expect(await titles(['--provider', 'Smith, Jones & Co'])).toEqual(['B', 'C']);
      expect(await titles(['--topic', 'law\\, policy'])).toEqual(['A']);
      expect(await titles(['--topic', 'Law\\, Policy,Law'])).toEqual(['A', 'B']);
    } finally {
      removeTree(dir);
    }
  });

  it('--category and --type pick out records in a mixed tree', async () => {
    const dir = makeTree({
      'a.md': '---\ntitle: A\ncategory: news\ntype: article\n---\n',
      'b.md': '---\ntitle: B\ncategory: Opinion\ntype: column\n---\n',
      'c.md': '---\ntitle: C\ncategory: opinion\ntype: Article\n---\n',
    });
    try {
      const titles = async (args: string[]) => (await json([dir, '--sort', 'title', ...args])).records.map((r) => r.title);
      expect(await titles(['--category', 'opinion'])).toEqual(['B', 'C']);
      expect(await titles(['--type', 'ARTICLE'])).toEqual(['A', 'C']);
      expect(await titles(['--category', 'opinion', '--type', 'column'])).toEqual(['B']);
    } finally {
      removeTree(dir);
    }
  });
});

describe.concurrent('list: sorting and limits', () => {
  it.each<[string[], Name[]]>([
    [[], BY_DATE],
    [['--sort', 'date'], BY_DATE],
    [['--sort', 'date', '--reverse'], [...BY_DATE].reverse()],
    [['--sort', 'title'], ['cafe', 'chip', 'draft', 'kitchen', 'ow16', 'ow17', 'tf', 'vision']],
    [['--sort', 'title', '--reverse'], ['vision', 'tf', 'ow16', 'ow17', 'kitchen', 'draft', 'chip', 'cafe']],
    [['--sort', 'provider'], ['ow16', 'ow17', 'tf', 'cafe', 'vision', 'draft', 'kitchen', 'chip']],
    [['--sort', 'quality'], ['ow16', 'tf', 'ow17', 'vision', 'kitchen', 'cafe', 'draft', 'chip']],
    [['--sort', 'quality', '--reverse'], ['draft', 'cafe', 'kitchen', 'vision', 'ow17', 'tf', 'ow16', 'chip']],
    [['--sort', 'heat'], ['ow16', 'tf', 'ow17', 'chip', 'cafe', 'vision', 'kitchen', 'draft']],
    [['--sort', 'heat', '--reverse'], ['kitchen', 'vision', 'cafe', 'chip', 'ow17', 'tf', 'ow16', 'draft']],
    [['--sort', 'path'], [...BY_DATE].reverse()],
    [['--limit', '3'], ['ow17', 'ow16', 'draft']],
    [['--sort', 'quality', '--limit', '2'], ['ow16', 'tf']],
    // 0 is no limit, as rank's --top 0.
    [['--limit', '0'], BY_DATE],
    [['--sort', 'quality', '--limit', '0'], ['ow16', 'tf', 'ow17', 'vision', 'kitchen', 'cafe', 'draft', 'chip']],
    // A sign on a count, as in the number options: `+2` is 2.
    [['--limit', '+2'], ['ow17', 'ow16']],
    [['--limit', '100'], BY_DATE],
  ])('%j', async (args, expected) => {
    expect(await names(args)).toEqual(expected);
  });

  it('--limit reports how many were shown of how many matched', async () => {
    const { stderr } = await runCli(['list', NEWS, '--limit', '3', '--format', 'json']);
    expect(stderr).toBe('3 articles shown of 8 matching\n');
    const all = await runCli(['list', NEWS, '--limit', '0', '--format', 'json']);
    expect(all.stderr).toBe('8 articles\n');
  });
});

describe('list: --now, and a --since window that leaves every article out', () => {
  it('--now sets what a duration counts back from, and a --since duration ends the window there', async () => {
    expect(await names(['--now', '2023-10-16T12:00:00Z', '--since', '7d'])).toEqual(['ow16', 'draft']);
    // --until given: the window ends there, not at --now.
    expect(await names(['--now', '2023-10-16T12:00:00Z', '--since', '7d', '--until', '2023-10-31'])).toEqual(['ow17', 'ow16', 'draft']);
    // Without a duration, --now would do nothing: a usage error.
    const alone = await runCli(['list', NEWS, '--now', '2000-01-01', '--since', '2023-10-16']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toBe('feedtool: --now only applies with a --since or --until duration (7d, 12h) or now: it is what they count from\n');
    // `--until now` is until --now.
    expect(await names(['--since', '2023-10-01', '--until', 'now', '--now', '2023-10-16T12:00:00Z'])).toEqual(['ow16', 'draft']);
  });

  it('a --since duration from the clock that leaves every article out says how to count from the newest', async () => {
    const run = await runCli(['list', NEWS, '--since', '7d', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('[]\n');
    expect(run.stderr).toMatch(/^feedtool: no article read was published in the 7d before now \(\d{4}-\d\d-\d\dT[\d:.]+Z, the clock\); the newest is from 2023-10-17T07:15:00\.000Z: --now 2023-10-17T07:15:00\.000Z counts --since 7d back from it\n0 articles\n$/);
    const ranked = await runCli(['rank', NEWS, '--since', '2w', '--format', 'json']);
    expect(ranked.stderr).toMatch(/^feedtool: no article read was published in the 2w before now .*the newest is from 2023-10-17T07:15:00\.000Z: --now 2023-10-17T07:15:00\.000Z counts --since 2w back from it\n0 articles, now /);
    // Not said when --now is given, when something matched, or when the window holds the newest article but another filter left it out.
    for (const args of [['--since', '7d', '--now', '2030-01-01'], ['--since', '99999d'], ['--since', '99999d', '--topic', 'Nothing-like-it'], ['--since', '7d', '--until', '1d']]) {
      const quiet = await runCli(['list', NEWS, ...args, '--format', 'json']);
      expect(quiet.stderr, args.join(' ')).not.toContain('newest is from');
    }
  });

  it('--now that is no time is a usage error', async () => {
    const run = await runCli(['list', NEWS, '--now', 'yesterday', '--since', '7d']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^feedtool: option '--now <time>' argument 'yesterday' is invalid\. expected an ISO date or time/);
  });
});

describe('list: formats', () => {
  it('table (default): header and one line per article, count on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['list', NEWS]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(9);
    expect(lines[0]).toMatch(/^DATE\s+TITLE\s+PROVIDER\s+TOPICS\s+QUALITY\s+HEAT$/);
    expect(lines[1]).toMatch(/^2023-10-17\s+Open-weights models gain ground in enterprise pilots\s+Example Tech\s+AI; Machine Learning\s+70\s+40$/);
    expect(stdout).toContain('Café owners try a chatbot that doesn’t sleep');
    expect(stdout).not.toMatch(/\d+ articles/);
    expect(stderr).toBe('8 articles\n');
  });

  it('table and show join topics with "; ", so a topic holding a comma stays one', async () => {
    const dir = makeTree({ 'a.md': article({ topics: '\n  - "Law, Policy"\n  - AI' }) });
    try {
      const table = await runCli(['list', dir], { env: { COLUMNS: '200' } });
      expect(table.stdout.split('\n')[1]).toMatch(/\sLaw, Policy; AI\s*$/);
      const fields = await runCli(['list', dir, '--fields', 'topics'], { env: { COLUMNS: '200' } });
      expect(fields.stdout.split('\n')[1]).toBe('Law, Policy; AI');
      const shown = await runCli(['show', path.join(dir, 'a.md')], { env: { COLUMNS: '200' } });
      expect(shown.stdout).toMatch(/^Topics +Law, Policy; AI$/m);
    } finally {
      removeTree(dir);
    }
  });

  it('table fits COLUMNS and truncates titles with …', async () => {
    for (const columns of ['60', '80']) {
      const { stdout } = await runCli(['list', NEWS], { env: { COLUMNS: columns } });
      const lines = stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(9);
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(Number(columns));
      expect(stdout).toContain('…');
    }
  });

  it('--json is --format json', async () => {
    const a = await runCli(['list', NEWS, '--json']);
    const b = await runCli(['list', NEWS, '--format', 'json']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout)).toHaveLength(8);
    expect(a.stdout.startsWith('[')).toBe(true);
  });

  it('ndjson: one record per line, same records as json', async () => {
    const { stdout, stderr, code } = await runCli(['list', NEWS, '--format', 'ndjson']);
    expect(code).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    const records = lines.map((line) => JSON.parse(line) as Record);
    const { records: fromJson } = await json([NEWS]);
    expect(records).toEqual(fromJson);
    expect(stderr).toBe('8 articles\n');
  });

  it('csv: header row then one row per article, CRLF, quoted where needed', async () => {
    const { stdout, code } = await runCli(['list', NEWS, '--format', 'csv', '--fields', 'id,title,provider.domain,topics,quality']);
    expect(code).toBe(0);
    const rows = stdout.split('\r\n');
    expect(rows.pop()).toBe('');
    expect(rows).toHaveLength(9);
    expect(rows[0]).toBe('id,title,provider.domain,topics,quality');
    expect(rows[1]).toBe(`${ID.ow17},Open-weights models gain ground in enterprise pilots,example-tech.test,AI; Machine Learning,70`);
    expect(rows).toContain(`${ID.chip},Chip shortage slows AI hardware deliveries,silicon-wire.test,AI,`);
  });

  it('csv default columns', async () => {
    const { stdout } = await runCli(['list', NEWS, '--format', 'csv', '--limit', '1']);
    expect(stdout).toBe(
      'id,publishedDateTime,title,provider.name,provider.domain,url,topics,quality,heat,path\r\n' +
        `${ID.ow17},2023-10-17T07:15:00.000Z,Open-weights models gain ground in enterprise pilots,Example Tech,example-tech.test,` +
        `http://example-tech.test/news/open-weights-models-gain-ground.html/?utm_source=feed&utm_medium=rss,AI; Machine Learning,70,40,fixtures/_news/${ID.ow17}.md\r\n`,
    );
  });

  it('--fields projects JSON records, dotted paths nested', async () => {
    const { records } = await json([NEWS, '--fields', 'id,provider.domain,quality', '--limit', '2']);
    expect(records).toEqual([
      { id: ID.ow17, provider: { domain: 'example-tech.test' }, quality: 70 },
      { id: ID.ow16, provider: { domain: 'example-tech.test' }, quality: 88 },
    ]);
  });

  it('--fields reads through lists: each related article projected, titles joined in CSV', async () => {
    const { records } = await json([NEWS, '--fields', 'id,related.title,related.provider.name', '--limit', '2']);
    expect(records).toEqual([
      { id: ID.ow17, related: [] },
      { id: ID.ow16, related: [{ title: 'Why model cards matter for procurement', provider: { name: 'Buyers Weekly' } }] },
    ]);
    const csv = await runCli(['list', NEWS, '--format', 'csv', '--fields', 'id,related.title', '--limit', '2']);
    expect(csv.stdout).toBe(`id,related.title\r\n${ID.ow17},\r\n${ID.ow16},Why model cards matter for procurement\r\n`);
  });

  it('--fields names a key holding a dot or comma with a backslash, in JSON, CSV and the table', async () => {
    const dir = makeTree({ 'a.md': article({ '"utm.source"': 'rss', utm: '\n  source: nested', '"a,b"': '2', 'og:image': 'x.png' }) });
    try {
      const fields = 'extra.utm\\.source,extra.utm.source,extra.a\\,b,extra.og:image';
      const { records } = await json([dir, '--fields', fields]);
      expect(records).toEqual([{ extra: { 'utm.source': 'rss', utm: { source: 'nested' }, 'a,b': 2, 'og:image': 'x.png' } }]);
      const csv = await runCli(['list', dir, '--format', 'csv', '--fields', fields]);
      expect(csv.stdout).toBe('extra.utm\\.source,extra.utm.source,"extra.a\\,b",extra.og:image\r\nrss,nested,2,x.png\r\n');
      const table = await runCli(['list', dir, '--fields', fields]);
      expect(table.stdout.trimEnd().split('\n')[1]).toMatch(/^rss\s+nested\s+2\s+x\.png$/);
      const bad = await runCli(['list', dir, '--fields', 'extra.utm\\source']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/a backslash escapes only '\.', ',', '\\' or a space/);
    } finally {
      removeTree(dir);
    }
  });

  it('--fields below a single value shows that value in JSON, CSV and the table alike', async () => {
    const dir = makeTree({
      'a.md': article({ '"first name"': 'Bob', provider: '\n  name: P\n  logo: x.png', images: '\n  - url: "https://b.test/i.png"\n    photographer: Ann', nested: '\n  a: 1' }),
      'b.md': article({ webUrl: '"https://news.example.test/b"', nested: 'plain' }),
    });
    try {
      const fields = 'extra.first name.x,provider.logo.y,images.0.photographer.z,extra.nested.a';
      const { records } = await json([dir, '--fields', fields, '--sort', 'path']);
      expect(records).toEqual([
        { extra: { 'first name': 'Bob', nested: { a: 1 } }, provider: { logo: 'x.png' }, images: [{ photographer: 'Ann' }] },
        { extra: { 'first name': { x: null }, nested: 'plain' }, provider: { logo: { y: null } }, images: [] },
      ]);
      const csv = await runCli(['list', dir, '--format', 'csv', '--fields', fields, '--sort', 'path']);
      expect(csv.stdout.split('\r\n').slice(1)).toEqual(['Bob,x.png,Ann,1', ',,,plain', '']);
      const table = await runCli(['list', dir, '--fields', fields, '--sort', 'path'], { env: { COLUMNS: '200' } });
      expect(table.stdout.trimEnd().split('\n').slice(1)).toEqual([expect.stringMatching(/^Bob\s+x\.png\s+Ann\s+1$/), expect.stringMatching(/^\s+plain$/)]);
    } finally {
      removeTree(dir);
    }
  });

  it('--fields picks table columns', async () => {
    const { stdout } = await runCli(['list', NEWS, '--fields', 'id,provider.domain', '--limit', '1']);
    expect(stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^ID\s+PROVIDER\.DOMAIN$/),
      expect.stringMatching(new RegExp(`^${ID.ow17}\\s+example-tech\\.test$`)),
    ]);
  });

  it('--body adds the body to JSON records', async () => {
    const { records } = await json([NEWS, '--body', '--unpublished']);
    expect(records).toHaveLength(1);
    expect(records[0]!.body).toBe('Body text of the draft, kept for `show` and `list --body`.\n');
  });

  it('an empty listing is valid in every format, exit 0', async () => {
    for (const [format, expected] of [['json', '[]\n'], ['ndjson', ''], ['csv', 'id,title\r\n'], ['table', '']] as const) {
      const { code, stdout, stderr } = await runCli(['list', NEWS, '--search', 'no such words', '--format', format, '--fields', 'id,title']);
      expect(code).toBe(0);
      expect(stdout).toBe(expected);
      expect(stderr).toBe('0 articles\n');
    }
  });
});

describe('list: inputs', () => {
  it('an empty path is a missing input (exit 2), not the current directory', async () => {
    const alone = await runCli(['list', '']);
    expect(alone.code).toBe(2);
    expect(alone.stdout).toBe('');
    expect(alone.stderr).toBe('feedtool: "": an empty path names no file (an unset variable?)\n0 articles, 1 path given matched nothing\n');
    const beside = await runCli(['list', '', NEWS, '--format', 'ndjson']);
    expect(beside.code).toBe(2);
    expect(beside.stdout.trimEnd().split('\n')).toHaveLength(8);
  });

  // Root reads any folder, so this needs another user to run as (CI runs as root, with runuser).
  const runAs = otherUserPrefix();
  it.skipIf(runAs === null)('a folder named on the command line that cannot be read fails the run (exit 2); one found in a walk is skipped', () => {
    const dir = makeTree({ 'locked/a.md': article(), 'open/b.md': article({ title: '"B"' }) });
    try {
      chmodSync(dir, 0o755);
      chmodSync(path.join(dir, 'open'), 0o755);
      chmodSync(path.join(dir, 'open', 'b.md'), 0o644);
      chmodSync(path.join(dir, 'locked'), 0o700);
      if (runAs!.length === 0) chmodSync(path.join(dir, 'locked'), 0o000);
      const run = (args: string[]) => spawnSync(runAs![0] ?? process.execPath, [...runAs!.slice(1), ...(runAs!.length ? [process.execPath] : []), BIN, 'list', ...args, '--no-cache', '--format', 'ndjson'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      const named = run(['locked', 'open']);
      expect(named.stderr).toBe('feedtool: locked: cannot read directory: permission denied\n1 article, 1 path given matched nothing\n');
      expect(named.status).toBe(2);
      const file = run(['locked/a.md']);
      expect(file.stderr).toBe('feedtool: locked/a.md: permission denied\n0 articles, 1 path given matched nothing\n');
      expect(file.status).toBe(2);
      // A path with [ behind a folder that cannot be searched is that path, not the pattern
      // k[1]/a.md that would match k1/a.md beside it.
      mkdirSync(path.join(dir, 'k[1]'));
      writeFileSync(path.join(dir, 'k[1]', 'a.md'), article());
      mkdirSync(path.join(dir, 'k1'), { mode: 0o755 });
      writeFileSync(path.join(dir, 'k1', 'a.md'), article({ title: '"Decoy"' }), { mode: 0o644 });
      chmodSync(path.join(dir, 'k[1]'), runAs!.length === 0 ? 0o000 : 0o700);
      const bracketed = run(['k[1]/a.md']);
      expect(bracketed.stdout).toBe('');
      expect(bracketed.stderr).toBe('feedtool: k[1]/a.md: permission denied\n0 articles, 1 path given matched nothing\n');
      expect(bracketed.status).toBe(2);
      chmodSync(path.join(dir, 'k[1]'), 0o755);
      rmSync(path.join(dir, 'k[1]'), { recursive: true });
      rmSync(path.join(dir, 'k1'), { recursive: true });
      // A file of mode 000 in a folder that can be read, given by name, fails the run too.
      if (runAs!.length > 0) {
        writeFileSync(path.join(dir, 'open', 'shut.md'), article());
        chmodSync(path.join(dir, 'open', 'shut.md'), 0o000);
        const shut = run(['open/shut.md']);
        expect(shut.stderr).toBe('feedtool: open/shut.md: permission denied\n0 articles, 1 path given matched nothing\n');
        expect(shut.status).toBe(2);
        // Given and met by a walk of its folder, in either order: reported once, as given.
        for (const args of [['open', 'open/shut.md'], ['open/shut.md', 'open']]) {
          const both = run(args);
          expect(both.stderr, args.join(' ')).toBe('feedtool: open/shut.md: permission denied\n1 article, 1 path given matched nothing\n');
          expect(both.status, args.join(' ')).toBe(2);
        }
        rmSync(path.join(dir, 'open', 'shut.md'));
      }
      // The order of the inputs does not decide the exit code: the folder given fails the run
      // even when the walk of . met it first.
      expect(run(['.', 'locked']).status).toBe(2);
      expect(run(['locked', '.']).status).toBe(2);
      const walked = run(['.']);
      expect(walked.stderr).toBe('feedtool: locked: cannot read directory: permission denied\n1 article, 1 folder could not be read\n');
      expect(walked.status).toBe(0);
      // show says a folder it could not read may hold what it did not find.
      const show = spawnSync(runAs![0] ?? process.execPath, [...runAs!.slice(1), ...(runAs!.length ? [process.execPath] : []), BIN, 'show', 'a', '--dir', '.', '--no-cache'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(show.stderr).toBe('feedtool: no article matches "a" under . (1 file or folder could not be read; -v names them)\n');
      expect(show.status).toBe(1);
      // validate cannot vouch for what it could not read: an unreadable error, exit 1, unless that rule is eased.
      const validateAs = (extra: string[]) => spawnSync(runAs![0] ?? process.execPath, [...runAs!.slice(1), ...(runAs!.length ? [process.execPath] : []), BIN, 'validate', '.', '--no-cache', '--format', 'unix', '--rule', 'required-field=off', ...extra], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      const validated = validateAs([]);
      expect(validated.stdout).toContain('locked:1:1: error unreadable cannot read directory: permission denied');
      expect(validated.status).toBe(1);
      expect(validateAs(['--rule', 'unreadable=warn']).status).toBe(0);
      // A link named on the command line to that folder fails the run too, whichever input comes
      // first (a link into a folder given is walked last, so it is checked when it is met).
      symlinkSync('locked', path.join(dir, 'alias'));
      symlinkSync('locked/a.md', path.join(dir, 'alias.md'));
      for (const args of [['alias'], ['alias', '.'], ['.', 'alias'], ['open', 'alias']]) {
        const viaLink = run(args);
        expect(viaLink.stderr, args.join(' ')).toContain('feedtool: alias: cannot read directory: permission denied\n');
        // Once, under the name given: not again as `locked` where the walk of . meets it.
        expect(viaLink.stderr.match(/cannot read directory/g), args.join(' ')).toHaveLength(1);
        expect(viaLink.status, args.join(' ')).toBe(2);
      }
      // A glob that reaches it by two paths, matching differently under each, reports it once.
      const globbed = run(['**/alias/*.md']);
      expect(globbed.stderr).toBe('feedtool: locked: cannot read directory: permission denied\nfeedtool: **/alias/*.md: no article files match this pattern\n0 articles, 1 path given matched nothing, 1 folder could not be read\n');
      expect(globbed.status).toBe(2);
      const linkedFile = run(['alias.md']);
      expect(linkedFile.stderr).toBe('feedtool: alias.md: symbolic link into a folder that cannot be read (permission denied)\n0 articles, 1 path given matched nothing\n');
      expect(linkedFile.status).toBe(2);
      // A folder that can be read but not entered (r--) is walked, its files reported one by one,
      // through the link as directly, whatever stands beside it.
      if (runAs!.length > 0) {
        chmodSync(path.join(dir, 'locked'), 0o744);
        for (const args of [['alias'], ['alias', '.'], ['locked', '.'], ['.', 'alias']]) {
          const readable = run(args);
          expect(readable.stderr, args.join(' ')).toMatch(/a\.md: permission denied\n/);
          expect(readable.status, args.join(' ')).toBe(0);
        }
      }
    } finally {
      chmodSync(path.join(dir, 'locked'), 0o700);
      removeTree(dir);
    }
  });

  it('- reads one article from stdin', async () => {
    const input = '---\ntitle: "From stdin &amp; pipes"\npublishedDateTime: 2023-05-06\nwebUrl: https://WWW.Stdin.test/a\n---\nbody\n';
    const { records, result } = await json(['-'], { input });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ path: '-', title: 'From stdin & pipes', publishedDateTime: '2023-05-06T00:00:00.000Z', provider: { domain: 'stdin.test' } });
    expect(result.stderr).toBe('1 article\n');
    const verbose = await json(['-', '-v'], { input });
    expect(verbose.result.stderr).toBe('feedtool: 1 file read\n1 article\n');
  });

  it('a file named - is shown as ./-, apart from standard input', async () => {
    const dir = makeTree({ '-': '---\ntitle: "From the file"\n---\n' });
    try {
      const run = await runCli(['list', '-', './-', '--format', 'json', '--no-cache', '--sort', 'title'], { cwd: dir, input: '---\ntitle: "From stdin"\n---\n' });
      expect(run.code).toBe(0);
      expect((JSON.parse(run.stdout) as Array<{ path: string; title: string }>).map(({ path, title }) => ({ path, title }))).toEqual([
        { path: '-', title: 'From stdin' },
        { path: './-', title: 'From the file' },
      ]);
    } finally {
      removeTree(dir);
    }
  });

  it('JSON never holds half a surrogate pair alone, which jq refuses: a title drops it, an unknown key gets U+FFFD', async () => {
    const input = '---\ntitle: "Lone \\ud83d half"\nnote: "x\\udc00y"\n---\n';
    for (const format of ['json', 'ndjson']) {
      const run = await runCli(['list', '-', '--format', format], { input });
      expect(run.stdout).not.toMatch(/(?<!\\)(?:\\\\)*\\ud[89a-f]/);
      const record = format === 'json' ? JSON.parse(run.stdout)[0] : JSON.parse(run.stdout);
      expect(record.title).toBe('Lone half');
      expect(record.extra.note).toBe('x\ufffdy');
      expect(record.fixes).toContainEqual({ field: 'title', kind: 'control-character', before: 'Lone \ufffd half' });
    }
  });

  it('a file whose name is not UTF-8 is reported as such, not as deleted, and the others are read', async () => {
    const dir = makeTree({ 'news/ok.md': article({ title: '"Fine"' }) });
    try {
      // café.md in Latin-1: the é is the byte E9, which is no UTF-8.
      writeFileSync(Buffer.concat([Buffer.from(path.join(dir, 'news') + path.sep), Buffer.from([0x63, 0x61, 0x66, 0xe9]), Buffer.from('.md')]), article());
      const listed = await runCli(['list', 'news', '--format', 'json', '--fields', 'title', '--no-cache'], { cwd: dir });
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.stdout)).toEqual([{ title: 'Fine' }]);
      // Shown by its bytes, the one that is not UTF-8 as \xe9.
      expect(listed.stderr).toBe('feedtool: news/caf\\xe9.md: file name is not valid UTF-8 (Latin-1?), so it cannot be opened by name: rename it (convmv -f latin1 -t utf8 --notest)\n1 article, 1 file skipped with problems\n');
      const validated = await runCli(['validate', 'news', '--format', 'unix', '--no-cache', '--rule', 'required-field=off'], { cwd: dir });
      expect(validated.stdout).toBe('news/caf\\xe9.md:1:1: error unreadable file name is not valid UTF-8 (Latin-1?), so it cannot be opened by name: rename it (convmv -f latin1 -t utf8 --notest)\n');
      expect(validated.code).toBe(1);
      // So are a folder (whose files would be lost without a word) and a link.
      const latin1 = (name: string) => Buffer.concat([Buffer.from(path.join(dir, 'news') + path.sep), Buffer.from(name, 'latin1')]);
      mkdirSync(latin1('d\xe9j\xe0'));
      writeFileSync(Buffer.concat([latin1('d\xe9j\xe0'), Buffer.from('/in.md')]), article());
      symlinkSync('ok.md', latin1('l\xe9nk.md'));
      // Two names Node sees alike (both caf\ufffd.md) are two files, each named by its bytes.
      writeFileSync(latin1('caf\xe8.md'), article());
      const more = await runCli(['list', 'news', '--format', 'json', '--fields', 'title', '--no-cache'], { cwd: dir });
      expect(more.code).toBe(0);
      expect(more.stderr).toContain('feedtool: news/d\\xe9j\\xe0: folder name is not valid UTF-8 (Latin-1?), so it cannot be opened by name');
      expect(more.stderr).toContain('feedtool: news/l\\xe9nk.md: link name is not valid UTF-8 (Latin-1?), so it cannot be opened by name');
      expect(more.stderr).toContain('feedtool: news/caf\\xe8.md: file name');
      expect(more.stderr).toContain('feedtool: news/caf\\xe9.md: file name');
      expect(more.stderr).toContain('1 article, 3 files skipped with problems, 1 folder could not be read');
      // A file whose name really holds U+FFFD is read, and the names Node sees as its name are still reported.
      writeFileSync(path.join(dir, 'news', 'caf\ufffd.md'), article({ title: '"Really so named"' }));
      const real = await runCli(['list', 'news', '--format', 'json', '--fields', 'title', '--no-cache'], { cwd: dir });
      expect(JSON.parse(real.stdout)).toEqual([{ title: 'Really so named' }, { title: 'Fine' }]);
      expect(real.stderr).toContain('feedtool: news/caf\\xe8.md: file name');
      expect(real.stderr).toContain('feedtool: news/caf\\xe9.md: file name');
      expect(real.stderr).toContain('2 articles, 3 files skipped with problems, 1 folder could not be read');
      // A link with a UTF-8 name leads into such a folder: it is walked through the link.
      mkdirSync(path.join(dir, 'links'));
      symlinkSync(Buffer.concat([Buffer.from('../news/'), Buffer.from('d\xe9j\xe0', 'latin1')]), path.join(dir, 'links', 'goodlink'));
      // Two such folders that Node names alike, and one really named with U+FFFD, are three folders.
      mkdirSync(latin1('d\xe8j\xe0'));
      writeFileSync(Buffer.concat([latin1('d\xe8j\xe0'), Buffer.from('/in2.md')]), article());
      mkdirSync(path.join(dir, 'news', 'd\ufffdj\ufffd'));
      writeFileSync(path.join(dir, 'news', 'd\ufffdj\ufffd', 'in3.md'), article());
      symlinkSync(Buffer.concat([Buffer.from('../news/'), Buffer.from('d\xe8j\xe0', 'latin1')]), path.join(dir, 'links', 'link2'));
      symlinkSync('../news/d\ufffdj\ufffd', path.join(dir, 'links', 'link3'));
      const linked = await runCli(['list', 'links', '--format', 'json', '--fields', 'path', '--sort', 'path', '--no-cache'], { cwd: dir });
      expect(linked.code).toBe(0);
      expect(JSON.parse(linked.stdout)).toEqual([{ path: 'links/goodlink/in.md' }, { path: 'links/link2/in2.md' }, { path: 'links/link3/in3.md' }]);
      expect(linked.stderr).toBe('3 articles\n');
    } finally {
      removeTree(dir);
    }
  });

  it('stdin and a path together', async () => {
    const input = '---\ntitle: Piped\npublishedDateTime: 2030-01-01T00:00:00Z\n---\n';
    const { records, result } = await json(['-', 'fixtures/_news', '--fields', 'title', '-v', '--no-cache'], { input });
    expect(records).toHaveLength(9);
    expect(records[0]).toEqual({ title: 'Piped' });
    // stdin counts as one of the files read
    expect(result.stderr).toContain('feedtool: 9 files read,');
  });

  it.each<[string[], Name[]]>([
    [['fixtures/_news/2023-10-1*.md'], ['ow17', 'ow16', 'draft']],
    [['fixtures/**/2021-*.md'], ['cafe', 'vision']],
    [['fixtures/_news/*-open-weights-*.{md,markdown}', 'fixtures/_news/2023-09-0?-*.md'], ['ow17', 'ow16', 'tf']],
    [['fixtures/_news/2023-10-1[67]-*.md'], ['ow17', 'ow16']],
    [['fixtures/_news/2021-06-29-vision-model-reads-archives.md', 'fixtures/_news'], BY_DATE],
  ])('glob / path arguments %j', async (args, expected) => {
    const { records, result } = await json(args);
    expect(records.map((r) => NAME_OF.get(r.id))).toEqual(expected);
    expect(result.stderr).toBe(`${expected.length} article${expected.length === 1 ? '' : 's'}\n`);
  });

  it('two globs over the same folder both match', async () => {
    const { records, result } = await json(['fixtures/_news/2021-*.md', 'fixtures/_news/2022-*.md']);
    expect(records.map((r) => NAME_OF.get(r.id))).toEqual(['chip', 'cafe', 'vision']);
    expect(result.stderr).toBe('3 articles\n');
  });

  it('no argument lists the current directory', async () => {
    const { records } = await json(['--topic', 'Google AI'], { cwd: path.join(ROOT, NEWS) });
    expect(records.map((r) => r.path)).toEqual([`${ID.tf}.md`]);
    const all = await json([], { cwd: path.join(ROOT, NEWS) });
    expect(all.records.map((r) => NAME_OF.get(r.id))).toEqual(BY_DATE);
  });

  it('a missing path or a glob with no match is reported, the rest is listed, exit 2 (a mistyped path must not pass)', async () => {
    const result = await runCli(['list', 'fixtures/_news', 'no/such/dir', 'fixtures/*.none.md', '--format', 'json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toHaveLength(8);
    const links = makeTree({});
    symlinkSync(path.join(links, 'gone.md'), path.join(links, 'broken.md'));
    try {
      for (const command of [['rank', 'fixtures/_news', 'no/such/dir'], ['list', 'fixtures/[.md'], ['list', 'fixtures/_news', path.join(links, 'broken.md')]]) {
        const run = await runCli([...command, '--format', 'json']);
        expect(run.code, command.join(' ')).toBe(2);
      }
    } finally {
      removeTree(links);
    }
    expect(result.stderr).toContain('feedtool: no/such/dir: no such file or directory\n');
    expect(result.stderr).toContain('feedtool: fixtures/*.none.md: no article files match this pattern\n');
    expect(result.stderr).toMatch(/8 articles, 2 paths given matched nothing\n$/);
  });

  it('--verbose counts the documents that are not articles', async () => {
    const quiet = await runCli(['list', NEWS, ...NOT_ARTICLES, '--format', 'json']);
    expect(quiet.stderr).toBe('8 articles\n');
    const verbose = await runCli(['list', NEWS, ...NOT_ARTICLES, '--format', 'json', '--verbose']);
    expect(verbose.code).toBe(0);
    expect(verbose.stdout).toBe(quiet.stdout);
    expect(verbose.stderr).toMatch(/8 articles, 3 documents not articles\n$/);
    const one = await runCli(['list', 'fixtures/validate/bad/no-front-matter.md', '-v', '--no-cache']);
    expect(one.stderr).toMatch(/0 articles, 1 document not an article\n$/);
    expect(verbose.stderr).toContain('fixtures/_data/organizations/acme-news.md: not an article');
    expect(verbose.stderr).toContain('fixtures/pages/about.md: not an article');
    expect(verbose.stderr).toContain('fixtures/pages/team.md: not an article');
  });

  it('--max-file-size refuses larger files with a message', async () => {
    const { records, result } = await json(['fixtures/_news', '--max-file-size', '600']);
    expect(records.length).toBeGreaterThan(0);
    expect(records.length).toBeLessThan(8);
    expect(result.stderr).toMatch(new RegExp(`fixtures/_news/${ID.ow16}\\.md: file is [\\d.]+ (B|KiB), over the 600 B limit \\(--max-file-size\\)`));
  });

  it('a file over 256 MiB is one skipped file, whatever --max-file-size allows (its text could not be held)', async () => {
    const dir = makeTree({ 'news/ok.md': article({ title: '"Fine"' }) });
    try {
      // Sparse: refused from its size, without a byte read.
      writeFileSync(path.join(dir, 'news/huge.md'), '');
      truncateSync(path.join(dir, 'news/huge.md'), 300 * 2 ** 20);
      for (const command of ['list', 'rank']) {
        const run = await runCli([command, 'news', '--format', 'json', '--fields', 'title', '--no-cache', '--max-file-size', '1G'], { cwd: dir });
        expect(run.code, command).toBe(0);
        expect(JSON.parse(run.stdout).map((record: { title: string }) => record.title)).toEqual(['Fine']);
        expect(run.stderr).toContain('news/huge.md: file is 300 MiB, over the 256 MiB that any file can have (larger text cannot be processed)');
      }
      const validated = await runCli(['validate', 'news', '--format', 'unix', '--no-cache', '--max-file-size', '1G'], { cwd: dir });
      expect(validated.code).toBe(1);
      expect(validated.stdout).toContain('news/huge.md:1:1: error file-too-large file is 300 MiB, over the 256 MiB');
      expect(validated.stderr).not.toContain('internal error');
    } finally {
      removeTree(dir);
    }
  });

  it('a taxonomy file over 1 MiB is refused with a message naming that limit, not --max-file-size', async () => {
    const dir = makeTree({
      'news/a.md': article({ title: '"A"', topics: '\n  - AI' }),
      '_data/topics/ai.yaml': 'name: AI\n',
      '_data/topics/huge.yaml': `name: Huge\nkeywords: [${'x, '.repeat(400_000)}x]\n`,
    });
    try {
      const { code, stdout, stderr } = await runCli(['list', 'news', '--format', 'json', '--no-cache', '--max-file-size', '100MB'], { cwd: dir });
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toHaveLength(1);
      expect(stderr).toMatch(/taxonomy: .*huge\.yaml: file is 1\.1 MiB, over the 1 MiB limit for a taxonomy file\n/);
      expect(stderr).not.toMatch(/max-file-size/);
    } finally {
      removeTree(dir);
    }
  });
});

describe('list: the taxonomy found on the way', () => {
  it('is named relative to the current directory in messages, and its hidden files are not read', async () => {
    const dir = makeTree({
      'site/news/a.md': article({ title: '"A"', topics: '\n  - AI' }),
      'site/_data/topics/ai.yaml': 'name: AI\n',
      'site/_data/topics/broken.yaml': 'name: [oops\n',
      'site/_data/topics/._ai.yaml': Buffer.from([0, 5, 22, 7]),
      'site/_data/topics/.hidden.yaml': 'name: Hidden\n',
    });
    try {
      const run = await runCli(['list', 'site/news', '--format', 'json', '--no-cache', '--topic', 'Hidden', '-v'], { cwd: dir });
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('feedtool: taxonomy: site/_data/topics/broken.yaml:2:1: ');
      expect(run.stderr).toContain('feedtool: taxonomy: 1 topic from site/_data/topics\n');
      expect(run.stderr).not.toContain(dir);
      expect(run.stderr).not.toContain('._ai.yaml');
      expect(run.stderr).toContain('topic "Hidden" is not in the taxonomy');
    } finally {
      removeTree(dir);
    }
  });

  it('--taxonomy "" is refused as an empty path', async () => {
    const run = await runCli(['list', 'fixtures/_news', '--taxonomy', '']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('feedtool: --taxonomy "": an empty path names no file or folder (an unset variable?)\n');
  });
});

describe.concurrent('list: usage errors exit 2 with a message naming the option', () => {
  it.each<[string[], RegExp]>([
    [['--bogus'], /unknown option '--bogus'/],
    [['--since', 'last tuesday'], /--since <time>' argument 'last tuesday' is invalid\. expected an ISO date/],
    // A duration that reaches back before the year 0000 is a duration: the message says what is wrong with it.
    [['--since', '999999d'], /--since <time>' argument '999999d' is invalid\. it reaches back past the year 0000/],
    [['--until', '99999999999999y'], /--until <time>' argument '99999999999999y' is invalid\. it reaches back past the year 0000/],
    [['--since', '1d1d'], /--since <time>' argument '1d1d' is invalid\. expected an ISO date/],
    [['--until', '2023-13-45'], /--until/],
    [['--min-quality', 'high'], /--min-quality/],
    [['--min-heat', '1e'], /--min-heat/],
    [['--limit', '-1'], /--limit/],
    [['--limit', 'ten'], /--limit/],
    [['--sort', 'popularity'], /--sort/],
    [['--format', 'xml'], /--format/],
    [['--max-file-size', 'huge'], /--max-file-size/],
    [['--published', '--unpublished'], /--published and --unpublished/],
    [['--since', '2024-01-01', '--until', '2023-01-01'], /--since/],
    [['--top', '3'], /^feedtool: list has no --top: it shows at most n articles with --limit <n> \(rank has --top\)$/],
    [['--top'], /^feedtool: list has no --top: /],
  ])('%j', async (args, message) => {
    const { code, stdout, stderr } = await runCli(['list', NEWS, ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(message);
    // The message is one line; commander may add a "(run ... --help for usage)" hint below it.
    expect(lines.length).toBeLessThanOrEqual(2);
    if (lines.length === 2) expect(lines[1]).toMatch(/--help/);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('paths with .. after a symbolic link are read as the kernel reads them', () => {
  // site/nl -> ../news: site/nl/.. is the top folder, not site (as path.resolve would tidy it).
  let dir: string;
  beforeAll(() => {
    dir = makeTree({
      'site/a.md': article({ title: '"Site story"' }),
      'site/sub/s.md': article({ title: '"Sub story"' }),
      'news/n.md': article({ title: '"News story"' }),
      '_data/topics/ai.yaml': 'name: AI\n',
    });
    symlinkSync('../news', path.join(dir, 'site', 'nl'));
  });
  afterAll(() => removeTree(dir));
  const paths = async (...args: string[]) => {
    const run = await runCli(['list', ...args, '--no-cache', '--format', 'ndjson', '--fields', 'path'], { cwd: dir });
    return { ...run, paths: run.stdout.trimEnd().split('\n').filter(Boolean).map((line) => JSON.parse(line).path as string) };
  };

  it.each<[string[], string[]]>([
    [['site/nl/../site/a.md'], ['site/a.md']],
    [['site/nl/..'], ['news/n.md', 'site/a.md', 'site/sub/s.md']],
    [['site/nl/../site'], ['site/a.md', 'site/nl/n.md', 'site/sub/s.md']],
    [['site/nl/../site/*.md'], ['site/a.md']],
    [['site/nl/../news/n.md', 'news'], ['news/n.md']],
    // Where the kernel and path.resolve agree, the path is kept as given (and shown tidied).
    [['site/sub/../a.md'], ['site/a.md']],
  ])('%j', async (args, expected) => {
    const run = await paths(...args);
    expect(run.stderr).not.toMatch(/could not be read|unreadable|no such/);
    expect(run.code).toBe(0);
    expect(run.paths).toEqual(expected);
  });

  it.each<[string, string]>([
    // Tidied as text these name files that exist; the kernel finds nothing there.
    ['gone/../site/a.md', 'feedtool: gone/../site/a.md: no such file or directory'],
    ['site/nl/../a.md', 'feedtool: site/nl/../a.md: no such file or directory'],
    ['gone/../site/*.md', 'feedtool: gone/../site/*.md: no article files match this pattern'],
    ['site/nl/../*.md', 'feedtool: site/nl/../*.md: no article files match this pattern'],
  ])('%s names nothing (exit 2), shown as typed', async (input, message) => {
    const run = await paths(input);
    expect(run.code).toBe(2);
    expect(run.paths).toEqual([]);
    expect(run.stderr.split('\n')).toContain(message);
  });

  it('show, --taxonomy and --cache-location read such paths the same way', async () => {
    const shown = await runCli(['show', 'site/nl/../site/a.md', '--format', 'json'], { cwd: dir });
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ path: 'site/a.md', title: 'Site story' });
    const taxonomy = await runCli(['list', 'news', '--taxonomy', 'site/nl/../_data/topics', '--no-cache'], { cwd: dir });
    expect(taxonomy.code).toBe(0);
    expect(taxonomy.stderr).not.toMatch(/taxonomy/);
    const cached = await runCli(['list', 'news', '--cache-location', 'site/nl/../cache/list.cache'], { cwd: dir });
    expect(cached.code).toBe(0);
    expect(existsSync(path.join(dir, 'cache', 'list.cache'))).toBe(true);
    expect(existsSync(path.join(dir, 'site', 'cache'))).toBe(false);
  });

  it('reached through a link, "$PWD/x" names x: shown relative, and left out by --ignore "$PWD/x"', async () => {
    const alias = `${dir}-alias`;
    symlinkSync(dir, alias);
    try {
      const options = { cwd: alias, env: { PWD: alias } };
      const listed = await runCli(['list', `${alias}/site/sub`, '--no-cache', '--format', 'ndjson', '--fields', 'path'], options);
      expect(listed.stdout).toBe('{"path":"site/sub/s.md"}\n');
      const ignored = await runCli(['list', '.', '--ignore', `${alias}/site/sub`, '--no-cache', '--format', 'ndjson', '--fields', 'path'], options);
      expect(ignored.code).toBe(0);
      expect(ignored.stdout).not.toContain('site/sub/s.md');
      expect(ignored.stdout).toContain('site/a.md');
    } finally {
      rmSync(alias);
    }
  });

  it('an absolute --ignore, or one through .., matches paths shown relative to the current folder', async () => {
    const parent = path.basename(dir);
    for (const ignore of [path.join(dir, 'site', 'sub'), `../${parent}/site/sub`, `${dir}/site/**`]) {
      const run = await paths('--ignore', ignore);
      expect(run.code, ignore).toBe(0);
      expect(run.paths, ignore).not.toContain('site/sub/s.md');
      expect(run.paths, ignore).toContain('news/n.md');
    }
  });
});

describe('folders whose names hold glob characters, and names that start with ..', () => {
  // we[ir]d/news holds a.md and b.md; site/nl -> ../we[ir]d/news; alias -> we[ir]d.
  let dir: string;
  let alias: string;
  beforeAll(() => {
    dir = makeTree({
      'we[ir]d/news/a.md': article({ title: '"A"' }),
      'we[ir]d/news/b.md': article({ title: '"B"' }),
      'site/s.md': article({ title: '"S"' }),
      '..dots/x.md': article({ title: '"X"' }),
      '..dots/y.md': article({ title: '"Y"' }),
      'we[ir]d/k[1].md': article({ title: '"K"' }),
    });
    symlinkSync('../we[ir]d/news', path.join(dir, 'site', 'nl'));
    alias = `${dir}-alias`;
    symlinkSync(path.join(dir, 'we[ir]d'), alias);
  });
  afterAll(() => {
    rmSync(alias, { force: true });
    removeTree(dir);
  });
  const paths = async (args: string[], options: RunOptions = { cwd: dir }) => {
    const run = await runCli(['list', ...args, '--no-cache', '--format', 'ndjson', '--fields', 'path'], options);
    return { ...run, paths: run.stdout.trimEnd().split('\n').filter(Boolean).map((line) => JSON.parse(line).path as string) };
  };

  it('"$PWD/news/*.md", cd\'d through a link into we[ir]d, is news/*.md (the real path is no pattern)', async () => {
    const inside = { cwd: alias, env: { PWD: alias } };
    const globbed = await paths([`${alias}/news/*.md`], inside);
    expect(globbed.code).toBe(0);
    expect(globbed.paths).toEqual(['news/a.md', 'news/b.md']);
    const ignored = await paths(['news', '--ignore', `${alias}/news/a.md`], inside);
    expect(ignored.paths).toEqual(['news/b.md']);
    const missing = await paths([`${alias}/gone.md`], inside);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('feedtool: gone.md: no such file or directory\n');
  });

  it('a glob through a link into we[ir]d matches what the link leads to', async () => {
    const run = await paths(['site/nl/../news/*.md']);
    expect(run.code).toBe(0);
    expect(run.paths).toEqual(['we[ir]d/news/a.md', 'we[ir]d/news/b.md']);
  });

  it('a path with [ through a link is the file it names, before it is a pattern', async () => {
    const run = await paths(['site/nl/../k[1].md']);
    expect(run.code).toBe(0);
    expect(run.paths).toEqual(['we[ir]d/k[1].md']);
  });

  it('"$PWD" in a folder whose real path holds [ (no link followed) is read as the current folder', async () => {
    const here = path.join(dir, 'we[ir]d');
    const inside = { cwd: here, env: { PWD: here } };
    const globbed = await paths([`${here}/news/*.md`], inside);
    expect(globbed.code).toBe(0);
    expect(globbed.paths).toEqual(['news/a.md', 'news/b.md']);
    const ignored = await paths(['..', '--ignore', here], inside);
    expect(ignored.code).toBe(0);
    // Left out under its own name; site/nl is a link, a name of its own.
    expect(ignored.paths).toEqual(['nl/a.md', 'nl/b.md', 's.md'].map((file) => path.join(dir, 'site', file)));
  });

  it('a backslash makes [ an ordinary character in a glob and an --ignore pattern', async () => {
    const escaped = await paths(['we\\[ir\\]d/news/*.md']);
    expect(escaped.code).toBe(0);
    expect(escaped.paths).toEqual(['we[ir]d/news/a.md', 'we[ir]d/news/b.md']);
    // Unescaped, [ir] is a class: it matches weid or werd, not we[ir]d.
    const asClass = await paths(['we[ir]d/news/*.md']);
    expect(asClass.code).toBe(2);
    expect(asClass.stderr).toContain('feedtool: we[ir]d/news/*.md: no article files match this pattern\n');
    const ignored = await paths(['we[ir]d', '--ignore', 'we\\[ir\\]d/news/a.md']);
    expect(ignored.paths).toEqual(['we[ir]d/k[1].md', 'we[ir]d/news/b.md']);
  });

  it('a wildcard anywhere before .. is an invalid pattern, not tidied away', async () => {
    const run = await paths(['si*/nl/../news/a.md']);
    expect(run.code).toBe(2);
    expect(run.paths).toEqual([]);
    expect(run.stderr).toContain('feedtool: si*/nl/../news/a.md: invalid glob pattern: a wildcard before .. names no folder to walk\n');
    const ignore = await paths(['site', '--ignore', 'si*/nl/../x.md']);
    expect(ignore.code).toBe(2);
    expect(ignore.stderr).toMatch(/--ignore .* is invalid\. expected a glob pattern: a wildcard before \.\. names no folder to walk/);
  });

  it('..dots is a folder inside the current one: shown relative, and matched by --ignore ..dots/x.md', async () => {
    const run = await paths(['..dots', '--ignore', '..dots/x.md']);
    expect(run.code).toBe(0);
    expect(run.paths).toEqual(['..dots/y.md']);
  });

  it('--ignore . (or "$PWD", or ../here) names the current folder, left out where a walk from above meets it', async () => {
    const here = path.join(dir, 'site');
    for (const ignore of ['.', './', here, `../site`, 'nl/../../site']) {
      const run = await paths(['..', '--ignore', ignore], { cwd: here, env: { PWD: here } });
      expect(run.code, ignore).toBe(0);
      expect(run.paths, ignore).not.toContain(path.join(here, 's.md'));
      expect(run.paths, ignore).toContain(path.join(dir, 'we[ir]d', 'news', 'a.md'));
    }
    // A folder named on the command line is read whatever --ignore says.
    const named = await paths(['.', '--ignore', '.'], { cwd: here });
    expect(named.paths).toEqual(['nl/a.md', 'nl/b.md', 's.md']);
  });
});

describe('list: colour and terminal safety', () => {
  it('no ANSI with NO_COLOR (and when not a terminal)', async () => {
    const noColor = await runCli(['list', NEWS]);
    expect(noColor.stdout).not.toContain('\x1b[');
    const plainPipe = await runCli(['list', NEWS], { env: { NO_COLOR: undefined } });
    expect(plainPipe.stdout).not.toContain('\x1b[');
    expect(plainPipe.stdout).toBe(noColor.stdout);
  });

  it('FORCE_COLOR=1 forces colour in the table, never in JSON', async () => {
    const forced = await runCli(['list', NEWS], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('\x1b[');
    expect(forced.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toBe((await runCli(['list', NEWS])).stdout);
    const forcedJson = await runCli(['list', NEWS, '--json'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(forcedJson.stdout).not.toContain('\x1b');
    expect(JSON.parse(forcedJson.stdout)).toHaveLength(8);
  });

  it('hostile titles print no control characters in table or CSV', async () => {
    const dir = makeTree({
      'evil.md': '---\ntitle: "Clear\\e[2J\\e[Hscreen \\e]0;window title\\a \\e]8;;https://evil.test\\alink\\e]8;;\\a \\u202Eevil \\x9b31m"\nprovider:\n  name: "Evil\\e[31m Co"\n  domain: evil.test\ntopics: ["AI\\e[5m"]\n---\n',
      'evil2.md': '---\ntitle: "Line\\r\\nbreak\\tand\\x7fDEL"\n---\n',
    });
    try {
      for (const format of ['table', 'csv']) {
        const { code, stdout } = await runCli(['list', dir, '--format', format], { env: { COLUMNS: '200' } });
        expect(code).toBe(0);
        expect(stdout).toContain('Clear');
        expect(CONTROL.test(stdout.replace(/\r\n/g, '\n'))).toBe(false);
        expect(stdout.trimEnd().split('\n')).toHaveLength(3);
      }
      const { stdout } = await runCli(['list', dir, '--json']);
      expect(stdout).not.toContain('\x1b');
      expect(JSON.parse(stdout)).toHaveLength(2);
    } finally {
      removeTree(dir);
    }
  });

  it('a path with control characters is shown safely on stderr', async () => {
    const dir = makeTree({ 'bad\x1b[31mname.md': '---\ntitle: [unclosed\n---\n' });
    try {
      const { code, stderr } = await runCli(['list', dir, '--format', 'json']);
      expect(code).toBe(0);
      expect(stderr).not.toContain('\x1b');
      expect(stderr).toContain('\\x1b[31mname.md');
    } finally {
      removeTree(dir);
    }
  });
});

describe('list: closed pipes', () => {
  /** Runs a shell pipeline (pipefail off) and collects the pipeline's stderr. */
  function pipeline(command: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn('bash', ['-c', `set +o pipefail; ${command}`], {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '1', FEEDTOOL: `${process.execPath} ${BIN}` },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }

  // A tree big enough that the output does not fit in one pipe buffer.
  let big = '';
  beforeAll(() => {
    const files: { [name: string]: string } = {};
    for (let i = 0; i < 400; i++) {
      files[`n/${String(i).padStart(4, '0')}.md`] = `---\ntitle: "Article ${i} ${'padding '.repeat(40)}"\npublishedDateTime: 2023-01-01T00:00:00Z\n---\n`;
    }
    big = makeTree(files);
  });
  afterAll(() => removeTree(big));

  it.each([
    ['json | head -c 100', 'json', 'head -c 100'],
    ['ndjson | head -1', 'ndjson', 'head -1'],
    ['csv | head -1', 'csv', 'head -1'],
  ])('%s exits quietly', async (_label, format, head) => {
    for (const tree of [NEWS, big]) {
      const { code, stdout, stderr } = await pipeline(`$FEEDTOOL list ${tree} --format ${format} | ${head}`);
      expect(code).toBe(0);
      expect(stdout.length).toBeGreaterThan(0);
      expect(stderr).not.toMatch(/EPIPE|Error|error/);
    }
  });

  it('validate keeps its result when the reader goes away: exit 1 for errors, 0 for a clean tree', async () => {
    for (const format of ['json', 'unix', 'stylish']) {
      // 400 files without a URL or a provider: far more report than a pipe holds, so the write fails with EPIPE.
      const errors = await pipeline(`$FEEDTOOL validate ${big} --no-taxonomy --format ${format} | head -c 100 > /dev/null; echo "status=\${PIPESTATUS[0]}"`);
      expect(errors.stdout.trim(), format).toBe('status=1');
      expect(errors.stderr).not.toMatch(/EPIPE|Error/);
    }
    const clean = await pipeline(`$FEEDTOOL validate fixtures/validate/clean --format json | head -c 10 > /dev/null; echo "status=\${PIPESTATUS[0]}"`);
    expect(clean.stdout.trim()).toBe('status=0');
  });

  // /dev/full fails every write with ENOSPC (Linux).
  it.skipIf(!existsSync('/dev/full')).each([
    ['list', 'fixtures/_news', '--format', 'json'],
    ['validate', 'fixtures/validate/clean', '--format', 'json'],
    ['rank', 'fixtures/_news', '--format', 'csv'],
    ['--version'],
  ])('a full disk on stdout (%s) is one line and exit 2, never a stack trace', async (...args) => {
    const { code, stderr } = await pipeline(`$FEEDTOOL ${args.join(' ')} > /dev/full`);
    expect(code).toBe(2);
    expect(stderr).toContain('feedtool: cannot write the output: no space left on device\n');
    expect(stderr).not.toMatch(/\bat |Error|node:/);
  });

  it.skipIf(!existsSync('/dev/full'))('a full disk on stderr loses the messages only: the data and the exit code stay', async () => {
    const list = await pipeline(`$FEEDTOOL list fixtures/_news --format json 2> /dev/full`);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toHaveLength(8);
    const validate = await pipeline(`$FEEDTOOL validate fixtures/validate/bad --format unix 2> /dev/full`);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain('error');
  });
});

describe('standard input is left alone unless - is given', () => {
  // Opening process.stdin makes a pipe on fd 0 non-blocking, for every process sharing it: in
  // `… | (feedtool list x; cat)` cat then failed with EAGAIN. A preload reads fd 0's flags as
  // the run ends (Node puts them back after that).
  const isLinux = process.platform === 'linux' && existsSync('/proc/self/fdinfo/0');
  it.skipIf(!isLinux).each([['list'], ['validate'], ['rank']])('%s without - keeps fd 0 blocking', async (command) => {
    const dir = makeTree({
      'flags.mjs': "import { readFileSync, writeSync } from 'node:fs';\nprocess.on('exit', () => writeSync(2, `fd0 flags ${readFileSync('/proc/self/fdinfo/0', 'utf8').match(/flags:\\s*(\\d+)/)[1]}\\n`));\n",
    });
    try {
      const run = await runCli([command, NEWS, '--no-cache'], { env: { NODE_OPTIONS: `--import=${path.join(dir, 'flags.mjs')}` }, input: 'unread\n' });
      const flags = /fd0 flags (\d+)/.exec(run.stderr);
      expect(flags, run.stderr).not.toBeNull();
      expect(Number.parseInt(flags![1]!, 8) & 0o4000).toBe(0);
      // The check itself can see the flag: with - the stream is opened.
      const piped = await runCli([command, '-', '--no-cache'], { env: { NODE_OPTIONS: `--import=${path.join(dir, 'flags.mjs')}` }, input: '---\ntitle: x\n---\n' });
      expect(Number.parseInt(/fd0 flags (\d+)/.exec(piped.stderr)![1]!, 8) & 0o4000).not.toBe(0);
    } finally {
      removeTree(dir);
    }
  });
});

describe('list: a hostile tree', () => {
  let dir = '';
  const marker = () => path.join(dir, 'PWNED');
  const good =
    '---\ntitle: "Good article &amp; friends"\npublishedDateTime: 2023-03-04T05:06:07+01:00\nwebUrl: "https://WWW.Good.test/a"\n' +
    'provider:\n  name: Good News\ntopics: "AI, ai, Robots"\nquality: "7"\npublished: "yes"\nsecured: abc\n' +
    'related:\n  - title: "Rel doesnâ€™t"\n    webUrl: https://rel.test/x\n---\nFirst line\n\nSecond line\n';

  beforeAll(() => {
    const files: { [name: string]: string | Buffer } = {
      'news/good.md': good,
      'news/good-crlf.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(good.replace(/\n/g, '\r\n'))]),
      'news/latin1.md': Buffer.from('---\ntitle: Caf\xe9 cr\xe8me\n---\n', 'latin1'),
      'news/js.md': '---js\n{ title: require("fs").writeFileSync(MARKER, "x") || "pwned" }\n---\n',
      'news/bomb.md': [
        '---',
        'title: lol',
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        ...'bcdefghi'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
        '---',
        '',
      ].join('\n'),
      'news/binary.md': Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0x00, 0x01, 0x02, 0xff, 0x0a]),
      'news/syntax.md': '---\ntitle: ok\nsort: 1\nkeys: @bad\n---\n',
      'news/unclosed.md': '---\ntitle: never closed\n',
      'node_modules/x/hidden.md': good,
      '.cache/hidden.md': good,
    };
    dir = makeTree(files);
    writeFileSync(path.join(dir, 'news', 'js.md'), (files['news/js.md'] as string).replace('MARKER', JSON.stringify(marker())));
    execFileSync('mkfifo', [path.join(dir, 'news', 'fifo.md')]);
    mkdirSync(path.join(dir, 'loop'));
    symlinkSync('..', path.join(dir, 'loop', 'parent'));
    symlinkSync('b.md', path.join(dir, 'news', 'a.md'));
    symlinkSync('a.md', path.join(dir, 'news', 'b.md'));
  });
  afterAll(() => removeTree(dir));

  it('finishes (never hangs on the FIFO or the loops), names each bad file, lists the good ones once, exit 0', async () => {
    // A run that hangs is killed at the time-out and has no exit code: the check below fails.
    const result = await runCli(['list', '.', '--format', 'json', '--body'], { cwd: dir, timeoutMs: 60_000 });
    expect(result.code).toBe(0);
    const records = JSON.parse(result.stdout) as Record[];
    expect(records.map((r) => r.path).sort()).toEqual(['news/good-crlf.md', 'news/good.md', 'news/latin1.md']);
    const lines = result.stderr.trimEnd().split('\n');
    const expectLine = (pattern: RegExp) => expect(lines.filter((l) => pattern.test(l))).toHaveLength(1);
    expectLine(/^feedtool: news\/js\.md:1:\d+: .*refused/);
    expectLine(/^feedtool: news\/bomb\.md(:\d+:\d+)?: .*(alias|expands|complex)/i);
    expectLine(/^feedtool: news\/binary\.md: binary file/);
    expectLine(/^feedtool: news\/fifo\.md: not a regular file/);
    expectLine(/^feedtool: news\/a\.md: symbolic link loop/);
    expectLine(/^feedtool: news\/b\.md: symbolic link loop/);
    expectLine(/^feedtool: news\/syntax\.md:4:7: /);
    expectLine(/^feedtool: news\/unclosed\.md:1:1: .*never closed/);
    expect(lines.at(-1)).toBe('3 articles, 8 files skipped with problems');
    expect(lines).toHaveLength(9);
    expect(existsSync(marker())).toBe(false);
  });

  it('the BOM+CRLF twin gives the same record as its LF original (except id and path)', async () => {
    const { records } = await json(['news/good.md', 'news/good-crlf.md', '--body'], { cwd: dir });
    expect(records).toHaveLength(2);
    const strip = (r: Record) => {
      const { id, path: p, ...rest } = r;
      void id;
      void p;
      return rest;
    };
    const [lf, crlf] = [records.find((r) => r.id === 'good')!, records.find((r) => r.id === 'good-crlf')!];
    expect(strip(crlf)).toEqual(strip(lf));
    expect(lf).toMatchObject({
      title: 'Good article & friends',
      publishedDateTime: '2023-03-04T04:06:07.000Z',
      url: 'https://www.good.test/a',
      provider: { name: 'Good News', domain: 'good.test' },
      topics: ['AI', 'Robots'],
      quality: 7,
      published: true,
      extra: { secured: 'abc' },
      body: 'First line\n\nSecond line\n',
      related: [{ title: 'Rel doesn’t' }],
    });
  });

  it('a non-UTF-8 file is decoded as Windows-1252 and noted', async () => {
    const { records } = await json(['news/latin1.md'], { cwd: dir });
    expect(records[0]).toMatchObject({ title: 'Café crème', encoding: 'windows-1252' });
    expect(records[0]!.fixes).toContainEqual({ field: '(file)', kind: 'decoded-windows-1252', before: null });
  });

  it('table output of the hostile tree is also fine', async () => {
    const { code, stdout } = await runCli(['list', '.'], { cwd: dir, timeoutMs: 20_000 });
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(4);
  });
});

describe('listings of summary fields are made from the summaries', () => {
  // The reference: the same listing formatted here from the full records (`--format json`).
  async function fromRecords(inputs: string[], args: string[]): Promise<Array<{ [key: string]: unknown }>> {
    const json = await runCli(['list', ...inputs, '--format', 'json', '--no-cache', ...args]);
    expect(json.code).toBe(0);
    return JSON.parse(json.stdout) as Array<{ [key: string]: unknown }>;
  }

  const trees: Array<[string, string[]]> = [['fixtures', [NEWS]]];
  if (existsSync(path.join(SHARED_CORPUS, 'everyday-ai'))) trees.push(['the real corpus', [path.join(SHARED_CORPUS, 'everyday-ai')]]);

  it.each(trees)('%s: table, CSV and --fields give what the records give, and no record is made', async (_name, inputs) => {
    const { formatArticleTable, formatCsvHeader, formatCsvRow, formatRecordJson } = await import('../../src/format/articles.js');
    const { plainPalette } = await import('../../src/format/palette.js');
    for (const args of [[], ['--sort', 'heat', '--limit', '5'], ['--topic', 'AI', '--sort', 'title']]) {
      const records = await fromRecords(inputs, args);
      expect(records.length).toBeGreaterThan(0);
      const table = await runCli(['list', ...inputs, '--no-cache', '--verbose', ...args]);
      expect(table.stdout).toBe(formatArticleTable(records, { width: 160, palette: plainPalette }));
      expect(table.stderr).toContain('listing made from article summaries alone');
      const csv = await runCli(['list', ...inputs, '--format', 'csv', '--no-cache', '--verbose', ...args]);
      expect(csv.stdout).toBe(formatCsvHeader() + records.map((record) => formatCsvRow(record)).join(''));
      expect(csv.stderr).toContain('listing made from article summaries alone');
      const fields = ['id', 'path', 'title', 'category', 'type', 'publishedDateTime', 'url', 'provider.name', 'provider.domain', 'topics', 'quality', 'heat', 'published'];
      const projected = await runCli(['list', ...inputs, '--format', 'ndjson', '--fields', fields.join(','), '--no-cache', '--verbose', ...args]);
      expect(projected.stdout).toBe(records.map((record) => `${formatRecordJson(record, fields)}\n`).join(''));
      expect(projected.stderr).toContain('listing made from article summaries alone');
    }
  });
});
