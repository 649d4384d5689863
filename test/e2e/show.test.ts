import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, makeTree, removeTree, runCli } from '../helpers.js';

const NEWS = path.join(FIXTURES, '_news');
const OPEN_WEIGHTS = 'fixtures/_news/2023-10-16-open-weights-models-gain-ground.md';
const DRAFT = 'fixtures/_news/2023-10-10-draft-ethics-guidelines.md';
const CAFE_ID = '2021-06-30-cafe-chatbot';
const ESC = '\x1b';

const trees: string[] = [];
function tree(files: Record<string, string | Buffer>): string {
  const dir = makeTree(files);
  trees.push(dir);
  return dir;
}
afterAll(() => trees.forEach(removeTree));

describe('feedtool show: finding the article', () => {
  it('shows a file given by path, with everything the view promises', async () => {
    const { code, stdout, stderr } = await runCli(['show', OPEN_WEIGHTS]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('Open-weights models gain ground in enterprise pilots');
    expect(stdout).toMatch(/^Provider +Example Tech · example-tech\.test$/m);
    expect(stdout).toMatch(/^Published +2023-10-16T09:00:00Z \(\d+ (years|months) ago\)$/m);
    expect(stdout).toMatch(/^URL +https:\/\/www\.example-tech\.test\/news\/open-weights-models-gain-ground\.html$/m);
    expect(stdout).toMatch(/^Topics +AI; Machine Learning$/m);
    expect(stdout).toMatch(/^Quality +88$/m);
    expect(stdout).toMatch(/^Heat +95$/m);
    expect(stdout).toContain('A survey of forty companies finds');
    expect(stdout).toContain('https://cdn.example-tech.test/img/open-weights.jpg  1200×630');
    expect(stdout).toMatch(/ {2}2023-10-12 +Why model cards matter for procurement +Buyers Weekly +61/);
    expect(stdout).toMatch(/secured +c2VjcmV0LXBheWxvYWQtZm9yLXRlc3Rz/);
  });

  it('an id written with its extension picks that file over its twin with the other extension', async () => {
    const dir = tree({ 'news/dup.md': '---\ntitle: The md one\n---\n', 'news/dup.markdown': '---\ntitle: The markdown one\n---\n' });
    const md = await runCli(['show', 'dup.md', '--dir', dir, '--json']);
    expect(md.code).toBe(0);
    expect(JSON.parse(md.stdout).title).toBe('The md one');
    expect(JSON.parse((await runCli(['show', 'dup.markdown', '--dir', dir, '--json'])).stdout).title).toBe('The markdown one');
    const bare = await runCli(['show', 'dup', '--dir', dir]);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toMatch(/"dup" matches 2 articles; show one by its path:/);
  });

  it('an id written with its extension names that file even when it is the broken one; --raw by id shows a broken file', async () => {
    const dir = tree({ 'news/dup.md': '---\ntitle: T\nbad: {x\n---\n', 'news/dup.markdown': '---\ntitle: Good\n---\n', 'news/solo.md': '---\ntitle: T\nbad: {x\n---\n' });
    const broken = await runCli(['show', 'dup.md', '--dir', dir, '--json']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(/dup\.md:3:8: unexpected end of the stream within a flow collection\n$/);
    const raw = await runCli(['show', 'solo', '--dir', dir, '--raw']);
    expect(raw.code).toBe(1);
    expect(raw.stdout).toBe('---\ntitle: T\nbad: {x\n---\n');
    expect(raw.stderr).toMatch(/solo\.md:3:8: /);
    // The bare id names both: the one article is shown, the broken twin's problem printed beside it.
    const bare = await runCli(['show', 'dup', '--dir', dir, '--json']);
    expect(bare.code).toBe(0);
    expect(JSON.parse(bare.stdout).title).toBe('Good');
    expect(bare.stderr).toMatch(/dup\.md:3:8: unexpected end of the stream within a flow collection\n$/);
  });

  it('--raw shows the front matter of a file that does not parse, with its error on stderr (exit 1)', async () => {
    const dir = tree({ 'bad.md': '---\ntitle: T\nbad: {x: 1\n---\nbody\n', 'untitled.md': '---\nlayout: page\n---\n' });
    const bad = await runCli(['show', path.join(dir, 'bad.md'), '--raw']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('---\ntitle: T\nbad: {x: 1\n---\n');
    expect(bad.stderr).toMatch(/bad\.md:3:11: unexpected end of the stream within a flow collection\n$/);
    const untitled = await runCli(['show', path.join(dir, 'untitled.md'), '--raw']);
    expect(untitled.code).toBe(1);
    expect(untitled.stdout).toBe('---\nlayout: page\n---\n');
    expect(untitled.stderr).toMatch(/not an article/);
    // Without --raw nothing reaches stdout.
    expect((await runCli(['show', path.join(dir, 'bad.md')])).stdout).toBe('');
  });

  it.skipIf(process.platform === 'win32')('finds an article whose file name holds a backslash by its id (part of the name off Windows)', async () => {
    const dir = tree({ 'news/a\\story.md': '---\ntitle: Backslash story\n---\n', 'news/b\\story.md': '---\ntitle: Other story\n---\n' });
    const run = await runCli(['show', 'a\\story', '--dir', path.join(dir, 'news')]);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('Backslash story');
  });

  it('finds an article by id under --dir and shows the fixes normalisation made', async () => {
    const { code, stdout } = await runCli(['show', CAFE_ID, '--dir', 'fixtures']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('Café owners try a chatbot that doesn’t sleep');
    expect(stdout).toContain('Small businesses in São Paulo');
    expect(stdout).toMatch(/^ {2}title +mojibake +"Caf/m);
    expect(stdout).toMatch(/^ {2}publishedDateTime +date-converted +1625050800$/m);
  });

  it('finds an article by its own id when a convenience link to it sorts first', async () => {
    const dir = tree({ 'news/2023-10-16-story.md': '---\ntitle: Story\noriginalUrl: https://a.test/x\nprovider: {name: A}\n---\n' });
    symlinkSync('news/2023-10-16-story.md', path.join(dir, 'latest.md'));
    const shown = await runCli(['show', '2023-10-16-story', '--dir', dir, '--format', 'json']);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: '2023-10-16-story', publishedDateTime: '2023-10-16T00:00:00.000Z' });
    const listed = await runCli(['list', '.', '--format', 'csv', '--fields', 'id,path'], { cwd: dir });
    expect(listed.stdout).toBe('id,path\r\n2023-10-16-story,news/2023-10-16-story.md\r\n');
  });

  it('looks under the current directory when --dir is not given', async () => {
    const { code, stdout } = await runCli(['show', '2023-10-10-draft-ethics-guidelines.md'], { cwd: NEWS });
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('Draft ethics guidelines for newsroom AI tools');
    expect(stdout).toContain('\nBody\nBody text of the draft');
  });

  it.each([
    ['the same URL', 'https://press-desk.test/drafts/ethics-guidelines'],
    ['http instead of https, www, a trailing slash', 'http://www.press-desk.test/drafts/ethics-guidelines/'],
    ['utm parameters and a fragment', 'https://press-desk.test/drafts/ethics-guidelines?utm_source=rss&utm_medium=feed#top'],
  ])('finds an article by URL: %s', async (_name, url) => {
    const { code, stdout } = await runCli(['show', url, '--dir', 'fixtures']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('Draft ethics guidelines for newsroom AI tools');
  });

  it('matches originalUrl too', async () => {
    const dir = tree({ 'one.md': '---\ntitle: One\noriginalUrl: https://origin.test/story?id=4\nwebUrl: https://mirror.test/one\n---\n' });
    const { code, stdout } = await runCli(['show', 'http://origin.test/story?utm_campaign=x&id=4', '--dir', dir]);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('One');
  });

  it('exits 1 with a message when nothing matches', async () => {
    const { code, stdout, stderr } = await runCli(['show', 'no-such-article', '--dir', 'fixtures/_news']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('feedtool: no article matches "no-such-article" under fixtures/_news\n');
    // fixtures/ also holds broken files, any of which may be the one.
    const wider = await runCli(['show', 'no-such-article', '--dir', 'fixtures']);
    expect(wider.stderr).toMatch(/^feedtool: no article matches "no-such-article" under fixtures \(\d+ files skipped with a problem; -v names them\)\n$/);
  });

  it('does not count broken links, link loops and FIFOs as places the article could be', async () => {
    const dir = tree({ 'news/a.md': '---\ntitle: A\n---\n' });
    symlinkSync('nowhere.md', path.join(dir, 'news', 'dangling.md'));
    symlinkSync('loop.md', path.join(dir, 'news', 'loop.md'));
    execFileSync('mkfifo', [path.join(dir, 'news', 'pipe.md')]);
    const { code, stderr } = await runCli(['show', 'missing', '--dir', 'news', '--no-cache'], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toBe('feedtool: no article matches "missing" under news\n');
  });

  it('names every directory searched', async () => {
    const { code, stderr } = await runCli(['show', 'https://nowhere.test/x', '--dir', 'fixtures/_news', '--dir', 'fixtures/pages']);
    expect(code).toBe(1);
    expect(stderr).toContain('no article matches "https://nowhere.test/x" under fixtures/_news, fixtures/pages');
  });

  it('exits 1 and lists the candidates when an id is ambiguous', async () => {
    const dir = tree({
      'a/same.md': '---\ntitle: First\n---\n',
      'b/same.md': '---\ntitle: Second\n---\n',
      'c/other.md': '---\ntitle: Other\n---\n',
    });
    const { code, stdout, stderr } = await runCli(['show', 'same', '--dir', dir]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('"same" matches 2 articles');
    expect(stderr).toContain(`  ${path.join(dir, 'a', 'same.md')}\n`);
    expect(stderr).toContain(`  ${path.join(dir, 'b', 'same.md')}\n`);
    expect(stderr).not.toContain('other.md');
  });

  it('exits 1 and lists the candidates when a URL is ambiguous', async () => {
    const { code, stderr } = await runCli(['show', 'https://example-tech.test/news/open-weights-models-gain-ground.html', '--dir', 'fixtures']);
    expect(code).toBe(1);
    expect(stderr).toContain('matches 2 articles');
    expect(stderr).toContain('  fixtures/_news/2023-10-16-open-weights-models-gain-ground.md\n');
    expect(stderr).toContain('  fixtures/_news/2023-10-17-open-weights-models-gain-ground.md\n');
  });

  it('exits 1 when a file given by path is not an article', async () => {
    const { code, stdout, stderr } = await runCli(['show', 'fixtures/pages/about.md']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('feedtool: fixtures/pages/about.md: not an article (no front matter)\n');
  });

  it('a folder named like the id (an assets folder beside the articles) does not hide the article under --dir', async () => {
    const dir = tree({
      'site/_news/2024-03-02-beta.md': '---\ntitle: Beta\npublishedDateTime: 2024-03-02T10:00:00Z\n---\n',
      'here/2024-03-02-beta/cover.txt': 'not an article',
    });
    const found = await runCli(['show', '2024-03-02-beta', '--dir', '../site', '--json'], { cwd: path.join(dir, 'here') });
    expect(found.code).toBe(0);
    expect(JSON.parse(found.stdout).title).toBe('Beta');
    // Nothing has that id under --dir: the folder was the mistake.
    const missing = await runCli(['show', '2024-03-02-beta', '--dir', '.'], { cwd: path.join(dir, 'here') });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^feedtool: 2024-03-02-beta is a directory: give one article's path/);
    // Without --dir, a folder named is the mistake at once (no walk of the current folder first).
    const bare = await runCli(['show', '2024-03-02-beta'], { cwd: path.join(dir, 'here') });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/^feedtool: 2024-03-02-beta is a directory: give one article's path/);
  });

  it('-v says how many files the lookup searched and how many came from the cache', async () => {
    const dir = tree({ 'site/a.md': '---\ntitle: A\n---\n', 'site/b.md': '---\ntitle: B\n---\n' });
    const args = ['show', 'a', '--dir', 'site', '-v', '--cache-location', path.join(dir, 'c.cache')];
    expect((await runCli(args, { cwd: dir })).stderr).toMatch(/^feedtool: 2 files searched, 0 from the cache \S*c\.cache$/m);
    expect((await runCli(args, { cwd: dir })).stderr).toMatch(/^feedtool: 2 files searched, 2 from the cache \S*c\.cache$/m);
    expect((await runCli(['show', 'a', '--dir', 'site', '-v', '--no-cache'], { cwd: dir })).stderr).toMatch(/^feedtool: 2 files searched$/m);
  });

  it('exits 1 with the located diagnostic when the file is broken', async () => {
    const dir = tree({ 'broken.md': '---\ntitle: [unclosed\n---\n' });
    const byPath = await runCli(['show', path.join(dir, 'broken.md')]);
    expect(byPath.code).toBe(1);
    expect(byPath.stderr).toMatch(/^feedtool: .*broken\.md:2:\d+: .+\n$/);
    expect(byPath.stderr).not.toMatch(/\n\s+at /);
    const byId = await runCli(['show', 'broken', '--dir', dir]);
    expect(byId.code).toBe(1);
    expect(byId.stderr).toMatch(/broken\.md:2:\d+: /);
  });

  it.each([
    [['show'], /missing required argument 'ref'/],
    [['show', 'x', '--dir', 'no/such/dir'], /--dir no\/such\/dir: no such directory/],
    [['show', 'x', '--dir', ''], /--dir "": an empty path names no folder \(an unset variable\?\)/],
    [['show', 'fixtures'], /fixtures is a directory/],
    [['show', OPEN_WEIGHTS, '--raw', '--format', 'json'], /--raw and --format json cannot be used together/],
    [['show', OPEN_WEIGHTS, '--format', 'yaml'], /invalid/],
    [['show', OPEN_WEIGHTS, '--json', '--format', 'text'], /--json and --format text cannot be used together/],
    [['list', 'fixtures/_news', '--format', 'csv', '--json'], /--json and --format csv cannot be used together/],
    [['rank', 'fixtures/_news', '--json', '--format', 'ndjson'], /--json and --format ndjson cannot be used together/],
    [['list', 'fixtures/_news', '--fields', 'title,titel'], /--fields titel: no field 'titel' \(did you mean 'title'\?\); fields are id, path, title, /],
    [['list', 'fixtures/_news', '--json', '--fields', 'title,body'], /--fields body: 'body' is only there with --body/],
    [['list', 'fixtures/_news', '--fields', 'title,score'], /^feedtool: --fields score: 'score' is only there with feedtool rank\n$/],
    [['list', 'fixtures/_news', '--fields', 'scoreParts.base'], /^feedtool: --fields scoreParts\.base: 'scoreParts' is only there with feedtool rank --explain\n$/],
    [['list', 'fixtures/_news', '--fields', 'duplicates'], /^feedtool: --fields duplicates: 'duplicates' is only there with feedtool rank --dedupe\n$/],
    [['rank', 'fixtures/_news', '--fields', 'rank,scoreParts.base'], /--fields scoreParts.base: 'scoreParts' is only there with --explain/],
    [['rank', 'fixtures/_news', '--fields', 'duplicates'], /'duplicates' is only there with --dedupe/],
    [['rank', 'fixtures/_news', '--fields', 'body'], /no field 'body'/],
    [['list', 'fixtures/_news', '--taxonomy', 'no/such'], /--taxonomy no\/such: no such file or directory/],
    // An unset variable in a script (`--provider "$P"`) must not list every article.
    [['list', 'fixtures/_news', '--provider', ''], /--provider .* is invalid\. expected one or more names; an empty value would match every article/],
    [['list', 'fixtures/_news', '--topic', ' , '], /--topic .* is invalid\. expected one or more names/],
    [['rank', 'fixtures/_news', '--category', ''], /--category .* is invalid\. expected a value; an empty one would match every article/],
    [['list', 'fixtures/_news', '--type', '  '], /--type .* is invalid\. expected a value/],
    [['list', 'fixtures/_news', '--search', ''], /--search .* is invalid\. expected a value/],
    [['list', 'fixtures/_news', '--min-quality', '0x10'], /--min-quality .* is invalid\. expected a decimal number/],
    [['rank', 'fixtures/_news', '--min-heat', '1_0'], /--min-heat .* is invalid\. expected a decimal number/],
    [['list', 'fixtures/_news', '--min-heat', 'Infinity'], /expected a decimal number/],
    [['list', 'fixtures/_news', '--cache-location', ''], /--cache-location .* is invalid\. expected a file path; an empty one names no file/],
    [['validate', 'fixtures/_news', '--cache-location', ''], /--cache-location .* is invalid\. expected a file path/],
    [['list', 'fixtures/_news', '--cache-location', '-'], /--cache-location .* is invalid\. '-' is standard input everywhere else: name a file \(\.\/- for one called -\)/],
    [['rank', 'fixtures/_news', '--weights', 'quality=0x10'], /--weights .* is invalid\. expected name=number pairs/],
    [['rank', 'fixtures/_news', '--weights', 'heat=0b11'], /--weights .* is invalid/],
    [['list', 'fixtures/_news', '--ignore', ''], /--ignore .* is invalid\. expected a glob pattern; an empty one leaves nothing out/],
    [['validate', 'fixtures/_news', '--ignore', '/'], /--ignore .* is invalid\. expected a glob pattern/],
    [['list', 'fixtures/_news', '--ignore', '/./'], /--ignore .* is invalid\. expected a glob pattern; this one names \/ \(the root\)/],
    [['list', 'fixtures/_news', '--ignore', '/../'], /--ignore .* is invalid\. expected a glob pattern; this one names \/ \(the root\)/],
    [['list', 'fixtures/_news', '--ignore', '/tmp/..'], /--ignore .* is invalid\. expected a glob pattern; this one names \/ \(the root\)/],
    [['list', 'fixtures/_news', '--ignore', 'news\\'], /--ignore .* is invalid\. expected a glob pattern: a backslash at the end escapes nothing/],
    [['list', 'news\\*.md\\'], /feedtool: news\\\*\.md\\: invalid glob pattern: a backslash at the end escapes nothing/],
    [['rank', 'fixtures/_news', '--explain', '--fields', 'scoreParts.providers'], /--fields scoreParts\.providers: 'scoreParts\.providers' is only there with --dedupe/],
    [['rank', 'fixtures/_news', '--explain', '--json', '--fields', 'title,scoreParts.coverageBonus'], /'scoreParts\.coverageBonus' is only there with --dedupe/],
    [['rank', 'fixtures/_news', '--explain', '--dedupe', '--fields', 'related.titel'], /--fields related\.titel: 'related' has no field 'titel'/],
    [['list', 'fixtures/_news', '--search', '\u0301'], /--search .* is invalid\. expected text to search for; this holds only accents or other marks/],
    [['rank', 'fixtures/_news', '--search', '\u00b4\ufe0f'], /--search .* is invalid\. expected text to search for/],
    [['validate', 'fixtures/_news', '--sort', 'date'], /^feedtool: validate has no --sort: it reports file by file, each file's problems by line and column \(list has --sort\)\n$/],
    [['show', 'x', '--sort', 'date'], /^feedtool: show has no --sort: it shows one article \(list has --sort\)\n$/],
    [['list', 'fixtures/_news', '--reverse=1'], /^feedtool: option '--reverse' takes no value \('--reverse=1' was given\) \(see --help\)\n$/],
    [['validate', 'fixtures/_news', '--quiet=yes'], /^feedtool: option '--quiet' takes no value \('--quiet=yes' was given\) \(see --help\)\n$/],
    [['list', 'fixtures/_news', '--max-file-size', '1.9'], /--max-file-size .* is invalid\. a count of bytes is whole: 1\.9 is no size \(with a unit a fraction is fine: 1\.5k is 1536 bytes\)/],
    [['rank', 'fixtures/_news', '--dedupe', '--similarity', '1e-400'], /--similarity .* is invalid\. 1e-400 is too small to tell from 0/],
    [['list', 'fixtures/_news', '--min-quality', '1e-400'], /--min-quality .* is invalid\. 1e-400 is too small to tell from 0/],
    [['rank', 'fixtures/_news', '--weights', 'quality=2,'], /--weights .* is invalid\. an empty item in 'quality=2,' \(an unset variable\?\)/],
    [['rank', 'fixtures/_news', '--weights', 'quality=2,,heat=1'], /an empty item/],
    [['rank', 'fixtures/_news', '--dedupe', '--coverage-weight', '1e-400'], /--coverage-weight .* is invalid\. 1e-400 is too small to tell from 0/],
    [['show', OPEN_WEIGHTS, '--dir', ''], /--dir "": an empty path names no folder/],
    [['list', 'fixtures/_news', '--min-heat', '50', '--max-heat', '10'], /^feedtool: --min-heat is above --max-heat: nothing could match\n$/],
    [['rank', 'fixtures/_news', '--max-quality', 'x'], /--max-quality .* is invalid\. expected a decimal number/],
    [['rank', 'fixtures/_news', '--reverse=1'], /^feedtool: rank has no --reverse: it orders by score, best first \(list has --sort and --reverse\)\n$/],
    // An option of another command names the commands that have it.
    [['rank', 'fixtures/_news', '--body'], /^feedtool: rank has no --body \(list has --body\)\n$/],
    [['list', 'fixtures/_news', '--dedupe'], /^feedtool: list has no --dedupe \(rank has --dedupe\)\n$/],
    [['list', 'fixtures/_news', '--weights', 'quality=1'], /^feedtool: list has no --weights \(rank has --weights\)\n$/],
    [['validate', 'fixtures/_news', '--fields', 'title'], /^feedtool: validate has no --fields \(list and rank have --fields\)\n$/],
    [['show', 'x', '--limit', '2'], /^feedtool: show has no --limit \(list has --limit\)\n$/],
    [['show', 'x', '--reverse'], /^feedtool: show has no --reverse \(list has --reverse\)\n$/],
    [['list', 'fixtures/_news', '--no-cross-file'], /^feedtool: list has no --no-cross-file \(validate has --no-cross-file\)\n$/],
    [['list', 'fixtures/_news', '--dir=x'], /^feedtool: list has no --dir \(show has --dir\)\n$/],
    [['validate', 'fixtures/_news', '--json'], /^feedtool: validate has no --json: it writes JSON with --format json/],
    [['list', 'fixtures/_news', '--bogus'], /^feedtool: unknown option '--bogus' \(see --help\)\n$/],
    [['rank', 'fixtures/_news', '--now', 'garbage'], /^feedtool: option '--now <time>' argument 'garbage' is invalid\. expected an ISO date .* \(see --help\)\n$/],
    [['list', 'fixtures/_news', '--help=1'], /^feedtool: option '--help' takes no value \('--help=1' was given\) \(see --help\)\n$/],
    [['--version=1'], /^feedtool: option '--version' takes no value \('--version=1' was given\) \(see --help\)\n$/],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it.each([
    ['list', 'fixtures/_news', '--fields', 'titel\x1b[2J'],
    ['list', 'fixtures/_news', '--sort', '\x1b[31m'],
    ['list', 'fixtures/_news', '--limit', '\x1b]0;x\x07'],
    ['list', 'fixtures/_news', '--bogus\x1b[2J'],
    ['rank', 'fixtures/_news', '--similarity', '\u202e9'],
    ['bogus\x1b[2J'],
  ])('a usage error quotes what was typed with its control characters escaped: %j', async (...args) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
    expect(stderr).toMatch(/\\x1b|\\x07|\\u202e/);
  });
});

describe('feedtool show: files it could not read as articles', () => {
  it('says how many files were skipped with a problem when nothing matches, since one may be the one', async () => {
    const dir = makeTree({
      'big.md': `---\ntitle: Big\nwebUrl: https://big.test/\n---\n${'x'.repeat(3000)}\n`,
      'broken.md': '---\ntitle: [broken\nwebUrl: https://broken.test/\n---\n',
      'fine.md': '---\ntitle: Fine\nwebUrl: https://fine.test/\n---\n',
    });
    try {
      const missed = await runCli(['show', 'https://big.test/', '--dir', dir, '--max-file-size', '1k', '--no-cache']);
      expect(missed.code).toBe(1);
      expect(missed.stderr).toBe(`feedtool: no article matches "https://big.test/" under ${dir} (2 files skipped with a problem; -v names them)\n`);
      const named = await runCli(['show', 'https://broken.test/', '--dir', dir, '--max-file-size', '1k', '--no-cache', '-v']);
      expect(named.stderr).toMatch(/big\.md: file is .*over the 1 KiB limit/);
      expect(named.stderr).toMatch(/broken\.md:\d+:\d+: /);
      expect(named.stderr).not.toMatch(/skipped with a problem/);
      const found = await runCli(['show', 'https://fine.test/', '--dir', dir, '--max-file-size', '1k', '--no-cache']);
      expect(found.code).toBe(0);
    } finally {
      removeTree(dir);
    }
  });

  it('calls a FIFO given by path what list calls it', async () => {
    const dir = makeTree({});
    try {
      execFileSync('mkfifo', [path.join(dir, 'fifo.md')]);
      const shown = await runCli(['show', path.join(dir, 'fifo.md')]);
      expect(shown.code).toBe(1);
      expect(shown.stderr).toMatch(/fifo\.md: not a regular file \(FIFO, socket or device\)\n$/);
    } finally {
      removeTree(dir);
    }
  });
});

describe('feedtool show: ids written with an extension, and in either Unicode form', () => {
  const twin = (title: string, n: number) => `---\ntitle: "${title}"\npublishedDateTime: 2023-10-16T09:00:00Z\noriginalUrl: https://ex.test/${n}\nprovider: {name: Ex}\n---\n`;

  // s.md and s.MD are one file where the temporary folder ignores letter case (macOS, Windows).
  const caseSensitive = (() => {
    const probe = makeTree({ 'a.md': '' });
    try {
      return !existsSync(path.join(probe, 'A.md'));
    } finally {
      removeTree(probe);
    }
  })();
  it.skipIf(!caseSensitive)('an extension matches in any letter case, and never stands for another extension', async () => {
    const dir = tree({ 'tw/s.md': twin('lower', 1), 'tw/s.MD': twin('upper', 2), 'tw/s.markdown': twin('long', 3), 'one/s.md': twin('only', 4) });
    const show = (ref: string, where: string) => runCli(['show', ref, '--dir', path.join(dir, where), '--format', 'json', '--no-cache']);
    const exact = await show('s.MD', 'tw');
    expect(JSON.parse(exact.stdout).title).toBe('upper');
    const long = await show('s.MARKDOWN', 'tw');
    expect(JSON.parse(long.stdout).title).toBe('long');
    const either = await show('s.Md', 'tw');
    expect(either.code).toBe(1);
    expect(either.stderr).toMatch(/"s\.Md" matches 2 articles; show one by its path:\n {2}\S+tw\/s\.MD\n {2}\S+tw\/s\.md\n$/);
    const none = await show('s.markdown', 'one');
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^feedtool: no article matches "s\.markdown" under /);
  });

  it('lists a match whose path begins with - as ./-…, which show takes back as a path', async () => {
    const dir = tree({ '-x/s.md': twin('dash', 1), 'y/s.md': twin('plain', 2) });
    const listed = await runCli(['show', 's', '--no-cache'], { cwd: dir });
    expect(listed.stderr).toBe('feedtool: "s" matches 2 articles; show one by its path:\n  ./-x/s.md\n  y/s.md\n');
    const again = await runCli(['show', './-x/s.md', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(again.stdout).title).toBe('dash');
  });

  it('an id typed decomposed (as pasted from macOS) finds the composed file name, and the reverse', async () => {
    const dir = tree({ ['news/caf\u00e9-one.md']: twin('composed', 1), ['news/the\u0301-two.md']: twin('decomposed', 2) });
    const composed = await runCli(['show', 'cafe\u0301-one', '--dir', dir, '--format', 'json', '--no-cache']);
    expect(JSON.parse(composed.stdout).title).toBe('composed');
    const decomposed = await runCli(['show', 'th\u00e9-two.md', '--dir', dir, '--format', 'json', '--no-cache']);
    expect(JSON.parse(decomposed.stdout).title).toBe('decomposed');
  });
});

describe('feedtool show: a path that cannot be read says why, and is never opened unless a file', () => {
  it('a socket or a link to a device is "not a regular file", as list says, without being opened', async () => {
    const dir = makeTree({});
    const server = net.createServer();
    try {
      await new Promise<void>((resolve) => server.listen(path.join(dir, 'sock.md'), resolve));
      symlinkSync('/dev/zero', path.join(dir, 'zero.md'));
      for (const name of ['sock.md', 'zero.md']) {
        const shown = await runCli(['show', path.join(dir, name)]);
        expect(shown.code, name).toBe(1);
        expect(shown.stderr, name).toBe(`feedtool: ${path.join(dir, name)}: not a regular file (FIFO, socket or device)\n`);
      }
    } finally {
      server.close();
      removeTree(dir);
    }
  });

  it.each([
    ['a path through a file', (dir: string) => `${path.join(dir, 'a.md')}/`, 'not a directory: a part of this path is a file'],
    ['a broken link', (dir: string) => path.join(dir, 'gone.md'), 'broken symbolic link'],
    ['a link loop', (dir: string) => path.join(dir, 'loop1.md'), 'symbolic link loop'],
  ])('%s: its reason, not "no such file"', async (_name, ref, why) => {
    const dir = makeTree({ 'a.md': '---\ntitle: A\n---\n' });
    try {
      symlinkSync('missing.md', path.join(dir, 'gone.md'));
      symlinkSync('loop2.md', path.join(dir, 'loop1.md'));
      symlinkSync('loop1.md', path.join(dir, 'loop2.md'));
      const shown = await runCli(['show', ref(dir)]);
      expect(shown.code).toBe(1);
      expect(shown.stderr).toBe(`feedtool: ${ref(dir)}: ${why}\n`);
    } finally {
      removeTree(dir);
    }
  });

  it('--dir through a file, or a broken link, says so, not "no such directory"', async () => {
    const shown = await runCli(['show', 'x', '--dir', `${OPEN_WEIGHTS}/sub`]);
    expect(shown.code).toBe(2);
    expect(shown.stderr).toBe(`feedtool: --dir ${OPEN_WEIGHTS}/sub: not a directory: a part of this path is a file\n`);
    const dir = makeTree({});
    try {
      symlinkSync('missing', path.join(dir, 'gone'));
      const broken = await runCli(['show', 'x', '--dir', 'gone'], { cwd: dir });
      expect(broken.code).toBe(2);
      expect(broken.stderr).toBe('feedtool: --dir gone: broken symbolic link\n');
      const missing = await runCli(['show', 'x', '--dir', 'nothing-here'], { cwd: dir });
      expect(missing.stderr).toBe('feedtool: --dir nothing-here: no such directory\n');
    } finally {
      removeTree(dir);
    }
  });

  it('a FIFO given through another path is named as a file read is, and as list and validate name it', async () => {
    const dir = makeTree({ 'sub/.keep': '', 'sub/plain.md': 'no front matter\n' });
    try {
      execFileSync('mkfifo', [path.join(dir, 'fifo.md')]);
      const shown = await runCli(['show', './sub/../fifo.md'], { cwd: dir });
      expect(shown.stderr).toBe('feedtool: fifo.md: not a regular file (FIFO, socket or device)\n');
      const plain = await runCli(['show', './sub/../sub//plain.md'], { cwd: dir });
      expect(plain.stderr).toBe('feedtool: sub/plain.md: not an article (no front matter)\n');
      const listed = await runCli(['list', './sub/../fifo.md'], { cwd: dir });
      expect(listed.stderr).toMatch(/^feedtool: fifo\.md: not a regular file/);
    } finally {
      removeTree(dir);
    }
  });
});

describe('feedtool show: long titles and excerpts', () => {
  const articleWith = (title: string, excerpt: string) =>
    `---\ntitle: "${title}"\nexcerpt: "${excerpt}"\npublishedDateTime: 2023-10-01T10:00:00Z\nwebUrl: https://ex.test/t\nprovider: {name: P}\n---\n`;

  it('shows a title and an excerpt of thousands of characters whole, wrapped', async () => {
    const words = (prefix: string) => Array.from({ length: 500 }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`).join(' ');
    const dir = tree({ 't.md': articleWith(`${words('w')} TITLE-END`, `${words('e')} EXCERPT-END`) });
    const run = await runCli(['show', path.join(dir, 't.md')], { env: { COLUMNS: '80' } });
    expect(run.code).toBe(0);
    const flat = run.stdout.replace(/\s+/g, ' ');
    expect(flat).toContain('w0499 TITLE-END');
    expect(flat).toContain('e0499 EXCERPT-END');
    expect(run.stdout).not.toContain('…');
  });

  it('cuts a title past 20,000 characters with a … that says how much is left out', async () => {
    const dir = tree({ 't.md': articleWith('x'.repeat(25_000), 'short') });
    const run = await runCli(['show', path.join(dir, 't.md')], { env: { COLUMNS: '80' } });
    expect(run.code).toBe(0);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('x … (5,000 more characters: --format json shows them all)');
    expect((run.stdout.slice(0, run.stdout.indexOf('…')).match(/x/g) ?? []).length).toBe(20_000);
  });
});

describe('feedtool show: output formats', () => {
  it('--json beside --format json is no conflict', async () => {
    const run = await runCli(['show', OPEN_WEIGHTS, '--json', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty('title');
  });

  it('--format json prints the one normalised record, with body and fixes', async () => {
    const { code, stdout } = await runCli(['show', '2023-10-10-draft-ethics-guidelines', '--dir', 'fixtures', '--format', 'json']);
    expect(code).toBe(0);
    const record = JSON.parse(stdout);
    expect(record).toMatchObject({
      id: '2023-10-10-draft-ethics-guidelines',
      path: DRAFT,
      title: 'Draft ethics guidelines for newsroom AI tools',
      publishedDateTime: '2023-10-10T00:00:00.000Z',
      quality: 42,
      published: false,
      extra: { editorNote: 'embargoed until review' },
      body: 'Body text of the draft, kept for `show` and `list --body`.\n',
    });
    expect(record.fixes).toEqual([
      { field: 'publishedDateTime', kind: 'date-converted', before: '2023-10-10' },
      { field: 'quality', kind: 'number-converted', before: '42' },
      { field: 'published', kind: 'boolean-converted', before: 'no' },
    ]);
  });

  it('--json is --format json; related articles and mojibake fixes come through', async () => {
    const open = JSON.parse((await runCli(['show', OPEN_WEIGHTS, '--json'])).stdout);
    expect(open.related[0]).toMatchObject({ title: 'Why model cards matter for procurement', quality: 61 });
    expect(open.body).toBe('');
    const cafe = JSON.parse((await runCli(['show', CAFE_ID, '--dir', 'fixtures', '--json'])).stdout);
    expect(cafe.title).toBe('Café owners try a chatbot that doesn’t sleep');
    expect(cafe.fixes.map((fix: { field: string; kind: string }) => `${fix.field}:${fix.kind}`)).toContain('title:mojibake');
  });

  it('--raw prints the front matter bytes exactly, fences included', async () => {
    const { code, stdout } = await runCli(['show', DRAFT, '--raw']);
    expect(code).toBe(0);
    const file = readFileSync(DRAFT, 'utf8');
    expect(stdout).toBe(file.slice(0, file.indexOf('\n---\n') + 5));
    expect(stdout).not.toContain('Body text');
  });

  it('--raw keeps CRLF line ends and drops only the BOM', async () => {
    const frontMatter = '---\r\ntitle: "Crlf"\r\nquality: "07"\r\nodd:   spacing   # comment\r\n---\r\n';
    const dir = tree({ 'crlf.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${frontMatter}body\r\n`)]) });
    const { code, stdout } = await runCli(['show', 'crlf', '--dir', dir, '--raw']);
    expect(code).toBe(0);
    expect(stdout).toBe(frontMatter);
  });
});

describe('feedtool show: terminal safety and colour', () => {
  const title = 'Evil \x1b[2J\x1b]0;pwned\x07 \u009b31m \u202Etxt.exe';
  const dir = makeTree({
    'evil.md':
      `---\ntitle: "${title.replace(/\x1b/g, '\\e').replace(/\x07/g, '\\a')}"\nwebUrl: https://evil.test/a\n` +
      `note: "\\e]8;;https://evil.test\\a"\n---\nbody \x1b[31m red \u009b \u202e\n`,
  });
  trees.push(dir);

  it('never writes control characters to stdout in the default view', async () => {
    const { code, stdout } = await runCli(['show', path.join(dir, 'evil.md')]);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^Evil /);
    for (const control of ['\x1b', '\x07', '\u009b', '\u202e']) expect(stdout).not.toContain(control);
  });

  it('keeps JSON output free of raw controls while keeping the data', async () => {
    const { stdout } = await runCli(['show', path.join(dir, 'evil.md'), '--json']);
    for (const control of ['\x1b', '\x07', '\u009b', '\u202e']) expect(stdout).not.toContain(control);
    const record = JSON.parse(stdout);
    expect(record.fixes.find((fix: { field: string }) => fix.field === 'title').before).toBe(title);
    expect(record.extra.note).toBe('\x1b]8;;https://evil.test\x07');
  });

  it('prints no colour with NO_COLOR', async () => {
    const { stdout } = await runCli(['show', OPEN_WEIGHTS], { env: { NO_COLOR: '1' } });
    expect(stdout).not.toContain(ESC);
  });

  it('colours with FORCE_COLOR=1', async () => {
    const { code, stdout } = await runCli(['show', OPEN_WEIGHTS], { env: { FORCE_COLOR: '1', NO_COLOR: undefined } });
    expect(code).toBe(0);
    expect(stdout).toContain(`${ESC}[1mOpen-weights models gain ground in enterprise pilots${ESC}[22m`);
    expect(stdout).toContain(`${ESC}[36mExample Tech · example-tech.test${ESC}[39m`);
  });

  it('never colours --raw output', async () => {
    const raw = await runCli(['show', OPEN_WEIGHTS, '--raw'], { env: { FORCE_COLOR: '1', NO_COLOR: undefined } });
    expect(raw.stdout).not.toContain(ESC);
  });
});

describe('feedtool show: width', () => {
  it('wraps the excerpt to COLUMNS', async () => {
    const { stdout } = await runCli(['show', OPEN_WEIGHTS], { env: { COLUMNS: '50' } });
    const excerpt = stdout.split('\n').filter((line) => /survey|forty|pilots|hosted/.test(line));
    expect(excerpt.length).toBeGreaterThan(2);
    for (const line of excerpt) expect(line.length).toBeLessThanOrEqual(50);
  });
});

describe('feedtool show -', () => {
  it('shows the article read from standard input', async () => {
    const text = readFileSync(path.join(FIXTURES, '_news', '2021-06-30-cafe-chatbot.md'), 'utf8');
    const result = await runCli(['show', '-', '--format', 'json'], { input: text });
    expect(result.code).toBe(0);
    const record = JSON.parse(result.stdout) as { path: string; title: string };
    expect(record.path).toBe('-');
    expect(record.title).toBe('Café owners try a chatbot that doesn’t sleep');
  });

  it('exits 1 with a clear message when standard input is not an article', async () => {
    const result = await runCli(['show', '-'], { input: 'just text' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('feedtool: -: not an article (no front matter)\n');
  });
});
