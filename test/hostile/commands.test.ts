// Every command over the hostile tree (test/hostile/tree.ts), end to end with the built CLI:
// finishes quickly, exits with the documented code, lists each good article exactly once, names
// each bad file in one line without a stack trace, and prints nothing a terminal would act on.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, type RunOptions, type RunResult } from '../helpers.js';
import { buildHostileTree, type HostileTree } from './tree.js';

interface ListedRecord {
  id: string;
  path: string;
  title: string;
  extra: Record<string, unknown>;
  encoding: string;
  duplicates?: Array<{ id: string; path: string }>;
  [key: string]: unknown;
}

// Anything a terminal acts on: C0 except LF, DEL, C1, bidi embeddings, overrides, isolates and marks.
const TERMINAL_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
// The SGR codes feedtool's palette (chalk, level 1) emits: bold, dim, underline, their resets,
// red, green, yellow, magenta, cyan and the colour reset. The hostile files use other codes.
const PALETTE_SGR = /\x1b\[(?:1|2|4|22|24|31|32|33|35|36|39)m/g;
const COLOUR = { NO_COLOR: undefined, FORCE_COLOR: '1' };

/** The text with the palette's own colour codes (and CRLF line ends, for CSV) removed. */
function withoutOwnCodes(text: string, options: { colour?: boolean; crlf?: boolean } = {}): string {
  let out = options.colour ? text.replace(PALETTE_SGR, '') : text;
  if (options.crlf) out = out.replace(/\r\n/g, '\n');
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Run {
  args: string[];
  env?: RunOptions['env'];
  code: number;
  colour?: boolean;
  crlf?: boolean;
}

// Every command and format over the tree, run once up front (a few at a time) and checked below.
const RUNS = {
  listTable: { args: ['list', '.'], code: 0 },
  listTableColour: { args: ['list', '.'], env: COLOUR, code: 0, colour: true },
  listJson: { args: ['list', '.', '--format', 'json'], code: 0 },
  listNdjson: { args: ['list', '.', '--format', 'ndjson'], code: 0 },
  listCsv: { args: ['list', '.', '--format', 'csv'], code: 0, crlf: true },
  listFields: { args: ['list', '.', '--format', 'json', '--fields', 'path,title,extra,fixes'], code: 0 },
  listVerbose: { args: ['list', '.', '--format', 'json', '--verbose'], code: 0 },
  listTwins: { args: ['list', 'good/plain.md', 'good/plain-bom-crlf.md', '--format', 'json', '--body'], code: 0 },
  showText: { args: ['show', 'plain', '--dir', '.'], code: 0 },
  showJson: { args: ['show', 'plain', '--dir', '.', '--format', 'json'], code: 0 },
  showHostile: { args: ['show', 'titles/everything.md'], env: COLOUR, code: 0, colour: true },
  showHostileJson: { args: ['show', 'titles/everything.md', '--format', 'json'], code: 0 },
  showHostileRaw: { args: ['show', 'titles/everything.md', '--raw'], code: 0 },
  showFifo: { args: ['show', 'fs/fifo.md'], code: 1 },
  showZero: { args: ['show', 'fs/zero.md'], code: 1 },
  validateStylish: { args: ['validate', '.', '--format', 'stylish'], code: 1 },
  validateStylishColour: { args: ['validate', '.', '--format', 'stylish'], env: COLOUR, code: 1, colour: true },
  validateJson: { args: ['validate', '.', '--format', 'json'], code: 1 },
  validateUnix: { args: ['validate', '.', '--format', 'unix'], code: 1 },
  validateGithub: { args: ['validate', '.', '--format', 'github'], code: 1 },
  validateSarif: { args: ['validate', '.', '--format', 'sarif'], code: 1 },
  validateFixDryRun: { args: ['validate', '.', '--format', 'unix', '--fix-dry-run'], code: 1 },
  rankTable: { args: ['rank', '.', '--top', '0'], code: 0 },
  rankJson: { args: ['rank', '.', '--top', '0', '--format', 'json'], code: 0 },
  rankCsv: { args: ['rank', '.', '--top', '0', '--format', 'csv'], code: 0, crlf: true },
  rankDedupe: { args: ['rank', '.', '--top', '0', '--dedupe'], env: COLOUR, code: 0, colour: true },
  rankDedupeJson: { args: ['rank', '.', '--top', '0', '--dedupe', '--explain', '--format', 'json'], code: 0 },
} satisfies Record<string, Run>;
type RunName = keyof typeof RUNS;

let tree: HostileTree;
const results = new Map<RunName, RunResult>();

/** The result of a run made in beforeAll. */
function result(name: RunName): RunResult {
  const found = results.get(name);
  if (!found) throw new Error(`no run named ${name}`);
  return found;
}

function stderrLines(name: RunName): string[] {
  return result(name).stderr.split('\n').filter((line) => line !== '');
}

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) throw new Error('build first: npm run build');
  tree = buildHostileTree();
  const queue = Object.entries(RUNS) as Array<[RunName, Run]>;
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [name, run] = next;
      // A small heap: a run that expanded a bomb or read a huge file whole would die here.
      const env = { NODE_OPTIONS: '--max-old-space-size=256', ...run.env };
      results.set(name, await runCli(run.args, { cwd: tree.dir, env, timeoutMs: 60_000 }));
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}, 180_000);

afterAll(() => tree?.remove());

describe('every command over the hostile tree', () => {
  // A run that hangs (reading a FIFO or /dev/zero, looping) is killed at the time-out and has no exit code.
  it.each(Object.keys(RUNS) as RunName[])('%s: ends on its own with the documented code, without a stack trace', (name) => {
    const run: Run = RUNS[name];
    const { code, stdout, stderr } = result(name);
    expect({ code, stderr: code === run.code ? '' : stderr.slice(0, 2000) }).toEqual({ code: run.code, stderr: '' });
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stdout).not.toMatch(/^\s+at .*\.js:\d+/m);
    expect(stderr).not.toMatch(/internal error|TypeError|RangeError|ReferenceError/);
  });

  it.each(Object.keys(RUNS).filter((name) => name !== 'showHostileRaw') as RunName[])(
    '%s: prints no raw control characters but its own colour codes',
    (name) => {
      const run: Run = RUNS[name];
      const { stdout, stderr } = result(name);
      const options = { colour: run.colour, crlf: run.crlf };
      const badOut = withoutOwnCodes(stdout, options).match(new RegExp(TERMINAL_CONTROL.source, 'gu')) ?? [];
      const badErr = withoutOwnCodes(stderr, { colour: run.colour }).match(new RegExp(TERMINAL_CONTROL.source, 'gu')) ?? [];
      expect([...new Set([...badOut, ...badErr])].map((c) => `U+${c.codePointAt(0)!.toString(16).padStart(4, '0')}`)).toEqual([]);
      if (run.colour) expect(stdout).toMatch(PALETTE_SGR);
    },
  );

  it('never executes code in front matter', () => {
    expect(results.size).toBe(Object.keys(RUNS).length);
    expect(existsSync(tree.marker)).toBe(false);
  });
});

describe('list over the hostile tree', () => {
  const goodPaths = () => tree.good.map((entry) => entry.path).sort();

  it('json and ndjson list each good article exactly once', () => {
    const json = JSON.parse(result('listJson').stdout) as ListedRecord[];
    expect(json.map((record) => record.path).sort()).toEqual(goodPaths());
    const ndjson = result('listNdjson')
      .stdout.trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as ListedRecord);
    expect(ndjson).toEqual(json);
  });

  it('names each bad file in exactly one line, and says nothing of the rest but the count', () => {
    for (const name of ['listTable', 'listJson', 'listNdjson', 'listCsv'] as const) {
      const lines = stderrLines(name);
      for (const bad of tree.bad) {
        const own = lines.filter((line) => new RegExp(`^feedtool: ${escapeRegExp(bad.shown)}(:\\d+:\\d+)?: `).test(line));
        expect(own, `${name}: ${bad.path}`).toHaveLength(1);
        expect(own[0]).toMatch(bad.message);
      }
      expect(lines.at(-1)).toBe(`${tree.good.length} articles, ${tree.bad.length} files skipped with problems`);
      expect(lines).toHaveLength(tree.bad.length + 1);
    }
  });

  it('--verbose names each document that is not an article, once', () => {
    const lines = stderrLines('listVerbose');
    for (const other of tree.notArticles) {
      expect(lines.filter((line) => line.startsWith(`feedtool: ${other.shown}: not an article`)), other.path).toHaveLength(1);
    }
    for (const good of tree.good) expect(lines.some((line) => line.includes(good.shown))).toBe(false);
  });

  it('cleans every hostile title and keeps every good title recognisable', () => {
    const records = JSON.parse(result('listJson').stdout) as ListedRecord[];
    for (const good of tree.good) {
      const record = records.find((r) => r.path === good.path)!;
      expect(record.title.startsWith(good.titleStart), `${good.path}: ${record.title.slice(0, 60)}`).toBe(true);
      expect(record.title).not.toMatch(/[\x00-\x1f\x7f-\x9f\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]/);
    }
    expect(records.find((r) => r.path === 'titles/huge.md')!.title.length).toBeGreaterThan(1_000_000);
  });

  it('reads UTF-16 and Latin-1 files and says how', () => {
    const records = JSON.parse(result('listJson').stdout) as ListedRecord[];
    const byPath = new Map(records.map((record) => [record.path, record]));
    expect(byPath.get('good/utf16le.md')).toMatchObject({ title: 'UTF-16 LE café', encoding: 'utf-16le' });
    expect(byPath.get('good/utf16be.md')).toMatchObject({ title: 'UTF-16 BE café', encoding: 'utf-16be' });
    expect(byPath.get('good/latin1.md')).toMatchObject({ title: 'Latin-1 café crème', encoding: 'windows-1252' });
  });

  it('the BOM + CRLF twin gives the same record, body included, except id and path', () => {
    const records = JSON.parse(result('listTwins').stdout) as ListedRecord[];
    expect(records).toHaveLength(2);
    const [original, copy] = [tree.twin.original, tree.twin.copy].map((p) => {
      const { id: _id, path: _path, ...rest } = records.find((record) => record.path === p)!;
      return rest;
    });
    expect(copy).toEqual(original);
    expect(original).toMatchObject({ body: 'First paragraph.\n\nSecond paragraph.\n', extra: { secured: true } });
  });

  it('keeps __proto__ and constructor keys as plain data, leaking into no other record', () => {
    const records = JSON.parse(result('listJson').stdout) as ListedRecord[];
    const carriers = new Set(['yaml/proto.md', 'yaml/constructor.md', 'yaml/merge-proto.md']);
    for (const record of records) {
      if (!carriers.has(record.path)) expect(JSON.stringify(record), record.path).not.toContain('polluted');
    }
    const proto = records.find((record) => record.path === 'yaml/proto.md')!;
    expect(Object.hasOwn(proto.extra, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(proto.extra, '__proto__')?.value).toEqual({ polluted: 'yes' });
    const constructorRecord = records.find((record) => record.path === 'yaml/constructor.md')!;
    expect(Object.getOwnPropertyDescriptor(constructorRecord.extra, 'constructor')?.value).toEqual({ prototype: { polluted: 'yes' } });
    // The core schema has no merge keys: `<<` is kept as an ordinary key, nothing is merged.
    const merge = records.find((record) => record.path === 'yaml/merge-proto.md')!;
    expect(Object.keys(merge.extra).sort()).toEqual(['<<', 'base', 'merged']);
  });

  it('csv: one line per good article, one header', () => {
    const lines = result('listCsv').stdout.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe('id,publishedDateTime,title,provider.name,provider.domain,url,topics,quality,heat,path');
    expect(lines).toHaveLength(tree.good.length + 1);
    for (const good of tree.good) expect(lines.filter((line) => line.endsWith(`,${good.shown}`)), good.path).toHaveLength(1);
  });

  it('table: one row per good article, never wider than the terminal', () => {
    for (const name of ['listTable', 'listTableColour'] as const) {
      const lines = withoutOwnCodes(result(name).stdout, { colour: true }).trimEnd().split('\n');
      expect(lines).toHaveLength(tree.good.length + 1);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(160);
      expect(lines.filter((line) => line.includes('Plain good article & friends'))).toHaveLength(2);
    }
  });

  it('--fields json projects the hostile records without raw controls', () => {
    const records = JSON.parse(result('listFields').stdout) as Array<{ path: string; extra: Record<string, unknown> }>;
    expect(records.map((record) => record.path).sort()).toEqual(goodPaths());
    const hostile = records.find((record) => record.path === 'titles/everything.md')!;
    expect(hostile.extra['key\x1b[2J']).toBe('value\x1b]0;x\x07\u009b\u202e\r');
  });
});

describe('show over the hostile tree', () => {
  it('finds a good article by id among the hostile files', () => {
    const text = result('showText');
    expect(text.stdout.split('\n')[0]).toBe('Plain good article & friends');
    expect(text.stderr).toBe('');
    const record = JSON.parse(result('showJson').stdout) as ListedRecord;
    expect(record).toMatchObject({ path: 'good/plain.md', title: 'Plain good article & friends', body: 'First paragraph.\n\nSecond paragraph.\n' });
  });

  it('shows a hostile article with every control character made visible', () => {
    const { stdout } = result('showHostile');
    const plain = withoutOwnCodes(stdout, { colour: true });
    expect(plain).toContain('Everything');
    expect(plain).toContain('\\x1b');
    const record = JSON.parse(result('showHostileJson').stdout) as ListedRecord;
    expect(record.extra['key\x1b[2J']).toBe('value\x1b]0;x\x07\u009b\u202e\r');
  });

  it('--raw prints the front matter as written when stdout is not a terminal', () => {
    expect(result('showHostileRaw').stdout).toContain('title: "Everything \\u001b[2J');
  });

  it('refuses a FIFO and a link to /dev/zero given by path, in one line', () => {
    for (const [name, file] of [['showFifo', 'fs/fifo.md'], ['showZero', 'fs/zero.md']] as const) {
      expect(result(name).stdout).toBe('');
      expect(result(name).stderr).toMatch(new RegExp(`^feedtool: ${escapeRegExp(file)}: not a regular file.*\\n$`));
    }
  });
});

describe('validate over the hostile tree', () => {
  const named = () => [...tree.bad.map((entry) => entry.shown), ...tree.notArticles.map((entry) => entry.shown)];

  it('stylish, unix and github name every bad file and every non-article', () => {
    for (const name of ['validateStylish', 'validateUnix', 'validateGithub'] as const) {
      const { stdout } = result(name);
      for (const file of named()) expect(stdout, `${name}: ${file}`).toContain(file);
    }
  });

  it('unix: each bad file has a line with its message', () => {
    const lines = result('validateUnix').stdout.split('\n');
    for (const bad of tree.bad) {
      const own = lines.filter((line) => line.startsWith(`${bad.shown}:`));
      expect(own.some((line) => bad.message.test(line)), `${bad.path}: ${own.join(' | ')}`).toBe(true);
    }
  });

  it('json lists every file exactly once', () => {
    const files = JSON.parse(result('validateJson').stdout) as Array<{ filePath: string; errorCount: number }>;
    const all = [...tree.good, ...tree.bad, ...tree.notArticles].map((entry) => path.join(tree.dir, entry.path)).sort();
    expect(files.map((file) => file.filePath).sort()).toEqual(all);
    for (const bad of tree.bad) expect(files.find((file) => file.filePath === path.join(tree.dir, bad.path))!.errorCount).toBeGreaterThan(0);
  });

  it('sarif is valid JSON with a result for every bad file', () => {
    const sarif = JSON.parse(result('validateSarif').stdout) as {
      runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
    };
    const uris = new Set(sarif.runs[0]!.results.map((r) => decodeURI(r.locations[0]!.physicalLocation.artifactLocation.uri)));
    for (const { path: file } of [...tree.bad, ...tree.notArticles]) expect(uris.has(file), file).toBe(true);
  });
});

describe('rank over the hostile tree', () => {
  it('ranks each good article exactly once', () => {
    const records = JSON.parse(result('rankJson').stdout) as ListedRecord[];
    expect(records.map((record) => record.path).sort()).toEqual(tree.good.map((entry) => entry.path).sort());
    const lines = withoutOwnCodes(result('rankTable').stdout).trimEnd().split('\n');
    expect(lines).toHaveLength(tree.good.length + 1);
    const csv = result('rankCsv').stdout.split('\r\n').filter((line) => line !== '');
    expect(csv).toHaveLength(tree.good.length + 1);
  });

  it('--dedupe folds the twins and still accounts for each good article exactly once', () => {
    const records = JSON.parse(result('rankDedupeJson').stdout) as ListedRecord[];
    const seen = records.flatMap((record) => [record.path, ...(record.duplicates ?? []).map((dup) => dup.path)]);
    expect(seen.sort()).toEqual(tree.good.map((entry) => entry.path).sort());
    const folded = records.find((record) => [tree.twin.original, tree.twin.copy].includes(record.path))!;
    expect(folded.duplicates?.map((dup) => dup.path)).toEqual([tree.twin.original, tree.twin.copy].filter((p) => p !== folded.path));
  });

  it('names each bad file in exactly one line', () => {
    for (const name of ['rankJson', 'rankDedupe'] as const) {
      const lines = stderrLines(name);
      for (const bad of tree.bad) {
        expect(lines.filter((line) => line.startsWith(`feedtool: ${bad.shown}:`)), `${name}: ${bad.path}`).toHaveLength(1);
      }
      expect(lines.at(-1)).toMatch(new RegExp(`${tree.bad.length} files skipped with problems$`));
    }
  });
});

describe('validate --fix over its own copy of the hostile tree', () => {
  it('rewrites what it can, names what it cannot, and leaves every article listed as before', async () => {
    const own = buildHostileTree();
    try {
      const textKinds = new Set(['mojibake', 'html-entity', 'control-character', 'whitespace', 'unicode-nfc']);
      const listing = async () => {
        const run = await runCli(['list', '.', '--format', 'json', '--sort', 'path', '--no-cache'], { cwd: own.dir, timeoutMs: 60_000 });
        return (JSON.parse(run.stdout) as Array<{ fixes: Array<{ kind: string }> }>).map((record) => ({
          ...record,
          fixes: record.fixes.filter((fix) => !textKinds.has(fix.kind)),
        }));
      };
      const before = await listing();
      const fix = await runCli(['validate', '.', '--format', 'unix', '--fix'], { cwd: own.dir, timeoutMs: 60_000 });
      expect(fix.code).toBe(1);
      expect(fix.stderr).not.toMatch(/^\s+at /m);
      expect(fix.stderr).not.toMatch(/internal error|TypeError|RangeError|ReferenceError/);
      expect(fix.stderr).not.toMatch(new RegExp(TERMINAL_CONTROL.source, 'u'));
      expect(fix.stderr).toMatch(/feedtool: fixed \d+ problems? in \d+ files?/);
      expect(await listing()).toEqual(before);
      const again = await runCli(['validate', '.', '--format', 'unix', '--fix'], { cwd: own.dir, timeoutMs: 60_000 });
      // What could not be fixed the first time is named again, and nothing more is rewritten.
      expect(again.stderr).toMatch(/feedtool: nothing (to fix|fixed; \d+ files? not fixed)/);
      const notFixed = (stderr: string) => stderr.split('\n').filter((line) => line.includes(': not fixed: '));
      expect(notFixed(again.stderr)).toEqual(notFixed(fix.stderr));
    } finally {
      own.remove();
    }
  }, 120_000);
});
